// frontline's viewer: steps the inlined animated SVG to the chosen date and lists that
// date's events. Everything from the data is set with textContent, never as markup.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("frontline-data").textContent);
  const words = JSON.parse(document.getElementById("frontline-words").textContent);
  const svg = document.querySelector("#map svg");
  const slider = document.getElementById("date-slider");
  const dateOut = document.getElementById("date");
  const eventsDate = document.getElementById("events-date");
  const list = document.getElementById("events");
  const empty = document.getElementById("no-events");
  const play = document.getElementById("play");
  const speed = document.getElementById("speed");
  const figure = document.getElementById("map");
  const notice = document.getElementById("notice");
  const panel = document.getElementById("place-panel");
  const last = data.dates.length - 1;
  let index = 0;
  let timer = null;
  let openPlace = null;

  speed.value = String(data.frame_ms);
  if (speed.value === "") {
    const option = document.createElement("option");
    option.value = String(data.frame_ms);
    option.textContent = data.frame_ms + " ms";
    speed.appendChild(option);
    speed.value = option.value;
  }

  function show(i) {
    index = Math.max(0, Math.min(last, i));
    slider.value = String(index);
    // The middle of the date's slot on the SVG's clock, clear of both of its edges.
    svg.setCurrentTime((index + 0.5) * data.seconds_per_date);
    dateOut.textContent = data.labels[index];
    eventsDate.textContent = data.labels[index];
    document.body.dataset.date = data.dates[index];
    listEvents(data.events[index]);
    if (openPlace !== null) showPlace(openPlace);
    if (location.hash !== "#" + data.dates[index]) {
      history.replaceState(null, "", "#" + data.dates[index]);
    }
  }

  function listEvents(events) {
    list.replaceChildren(...events.map(eventItem));
    empty.hidden = events.length > 0;
  }

  function eventItem(event) {
    const item = document.createElement("li");
    const when = document.createElement("time");
    when.textContent = event.date;
    const place = document.createElement("strong");
    place.textContent = event.place;
    place.dir = "auto";
    item.append(when, " ", place, " " + event.status + " \u2014 " + event.side);
    if (event.actor) item.append(" (" + event.actor + ")");
    if (event.note) {
      const note = document.createElement("span");
      note.className = "note";
      note.dir = "auto"; // notes keep the direction of their own language
      note.textContent = event.note;
      item.append(". ", note);
    }
    item.append(" ", source(event.source));
    return item;
  }

  // A link only for web addresses: a source such as "javascript:" stays text.
  function source(text) {
    if (/^https?:\/\//i.test(text)) {
      const link = document.createElement("a");
      link.href = text;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      link.textContent = words.source;
      link.title = text;
      return link;
    }
    const span = document.createElement("span");
    span.className = "source";
    span.textContent = "[" + text + "]";
    return span;
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = words.play;
    play.setAttribute("aria-pressed", "false");
  }

  function start() {
    if (index === last) show(0);
    play.textContent = words.pause;
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {
      if (index >= last) stop();
      else show(index + 1);
    }, Number(speed.value));
  }

  function toggle() {
    if (timer === null) start();
    else stop();
  }

  function step(i) {
    stop();
    show(i);
  }

  svg.pauseAnimations();
  slider.addEventListener("input", function () { step(Number(slider.value)); });
  play.addEventListener("click", toggle);
  document.getElementById("previous").addEventListener("click", function () { step(index - 1); });
  document.getElementById("next").addEventListener("click", function () { step(index + 1); });
  speed.addEventListener("change", function () {
    if (timer !== null) { stop(); start(); }
  });
  document.addEventListener("keydown", function (e) {
    // The slider and the buttons handle their own keys.
    const own = e.target === slider || e.target.tagName === "BUTTON" || e.target.tagName === "SELECT";
    if (e.altKey || e.ctrlKey || e.metaKey || own) return;
    const rtl = document.documentElement.dir === "rtl";
    const forward = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[e.key];
    if (forward !== undefined) step(index + forward);
    else if (e.key === "Home") step(0);
    else if (e.key === "End") step(last);
    else if (e.key === " ") toggle();
    else if (e.key === "+" || e.key === "=") zoom(1.5);
    else if (e.key === "-" || e.key === "\u2212") zoom(1 / 1.5);
    else if (e.key === "Escape" && openPlace !== null) closePlace();
    else return;
    e.preventDefault();
  });

  // The date in the address: read on opening and whenever it changes. A date the page
  // does not have shows the nearest one it has, and says so.
  function fromAddress() {
    const asked = decodeURIComponent(location.hash.slice(1));
    if (asked === "") return;
    const exact = data.dates.indexOf(asked);
    notice.hidden = exact >= 0;
    if (exact >= 0) {
      step(exact);
      return;
    }
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(asked);
    // ISO dates sort as text: the last date not after the one asked, else the first.
    const before = valid ? data.dates.filter(function (d) { return d <= asked; }).length - 1 : 0;
    const shown = Math.max(0, before);
    notice.textContent = fill(words.clamped, {
      asked: asked, first: data.labels[0], last: data.labels[last], shown: data.labels[shown]
    });
    step(shown);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  // The place panel: the state of a clicked place on the date shown.
  function showPlace(id) {
    const place = data.places[id];
    if (!place) return;
    openPlace = id;
    const date = data.dates[index];
    const states = place.states.filter(function (s) { return !s.from || s.from <= date; });
    const state = states[states.length - 1];
    document.getElementById("place-name").textContent = place.name;
    const since = state.from ? words.since + " " + state.since : words.from_start;
    const actor = state.actor ? " (" + words.by + " " + state.actor + ")" : "";
    document.getElementById("place-state").textContent =
      state.state + " \u2014 " + state.side + ", " + since + actor;
    const where = document.getElementById("place-source");
    where.replaceChildren(state.source ? source(state.source) : "");
    panel.hidden = false;
  }

  function closePlace() {
    openPlace = null;
    panel.hidden = true;
  }

  // Zoom and pan move the SVG's viewBox inside the one it was drawn with.
  const whole = { x: svg.viewBox.baseVal.x, y: svg.viewBox.baseVal.y,
                  w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height };
  const view = { x: whole.x, y: whole.y, w: whole.w, h: whole.h };
  const MAX_ZOOM = 16;

  function setView(x, y, w) {
    w = Math.min(whole.w, Math.max(whole.w / MAX_ZOOM, w));
    const h = w * whole.h / whole.w;
    view.w = w;
    view.h = h;
    view.x = Math.min(whole.x + whole.w - w, Math.max(whole.x, x));
    view.y = Math.min(whole.y + whole.h - h, Math.max(whole.y, y));
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (n) { return n.toFixed(2); }).join(" "));
    figure.dataset.zoom = (whole.w / view.w).toFixed(2);
  }

  // Zooms by `factor` keeping the point at fraction (fx, fy) of the view where it is.
  function zoom(factor, fx, fy) {
    if (fx === undefined) { fx = 0.5; fy = 0.5; }
    const px = view.x + fx * view.w;
    const py = view.y + fy * view.h;
    const w = Math.min(whole.w, Math.max(whole.w / MAX_ZOOM, view.w / factor));
    setView(px - fx * w, py - fy * w * whole.h / whole.w, w);
  }

  function pan(dx, dy) {
    setView(view.x + dx * view.w, view.y + dy * view.h, view.w);
  }

  function fraction(clientX, clientY) {
    const box = svg.getBoundingClientRect();
    return [(clientX - box.left) / box.width, (clientY - box.top) / box.height];
  }

  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    const at = fraction(e.clientX, e.clientY);
    zoom(Math.exp(-e.deltaY * 0.002), at[0], at[1]);
  }, { passive: false });

  // Drag with one pointer, pinch with two; a press that hardly moves is a click.
  const pointers = new Map();
  let moved = 0;
  svg.addEventListener("pointerdown", function (e) {
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) moved = 0;
  });
  svg.addEventListener("pointermove", function (e) {
    const before = pointers.get(e.pointerId);
    if (!before) return;
    const box = svg.getBoundingClientRect();
    if (pointers.size === 1) {
      moved += Math.abs(e.clientX - before.x) + Math.abs(e.clientY - before.y);
      if (moved > 4) svg.setPointerCapture(e.pointerId);
      pan(-(e.clientX - before.x) / box.width, -(e.clientY - before.y) / box.height);
    } else if (pointers.size === 2) {
      const other = Array.from(pointers.entries()).find(function (p) { return p[0] !== e.pointerId; })[1];
      const apart = Math.hypot(before.x - other.x, before.y - other.y);
      const now = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      const at = fraction((e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
      if (apart > 0) zoom(now / apart, at[0], at[1]);
      moved = Infinity;
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (type) {
    svg.addEventListener(type, function (e) { pointers.delete(e.pointerId); });
  });
  svg.style.touchAction = "none";

  svg.addEventListener("click", function (e) {
    if (moved > 4) return;
    const place = e.target.closest("[data-place]");
    if (place) showPlace(place.getAttribute("data-place"));
  });
  document.getElementById("place-close").addEventListener("click", closePlace);
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.5); });
  document.getElementById("zoom-reset").addEventListener("click", function () { setView(whole.x, whole.y, whole.w); });

  // With the focus on the map, arrows pan it rather than step the dates.
  figure.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target !== figure) return;
    const moves = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    if (moves[e.key]) pan(moves[e.key][0], moves[e.key][1]);
    else if (e.key === "0") setView(whole.x, whole.y, whole.w);
    else return;
    e.preventDefault();
    e.stopPropagation();
  });

  window.addEventListener("hashchange", fromAddress);
  if (location.hash.length > 1) fromAddress();
  else show(0);
})();
