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
  const last = data.dates.length - 1;
  let index = 0;
  let timer = null;

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
    else return;
    e.preventDefault();
  });

  const startAt = data.dates.indexOf(location.hash.slice(1));
  show(startAt >= 0 ? startAt : 0);
})();
