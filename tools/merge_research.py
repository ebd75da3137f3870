#!/usr/bin/env python3
"""Merge the research folders of data/mosul/work/ into data/mosul/places.csv and events.csv.

    python3 tools/merge_research.py [--dataset data/mosul] [--dry-run]

Issue 14. Inputs, all under the dataset folder:

- work/merge-base/places.csv, work/merge-base/events.csv: the two files as they were before
  the merge (a copy of HEAD's files taken when the merge started). The merge always starts
  from them, so running the script again, or from a clean checkout, gives the same output.
- work/<folder>/places.csv, events.csv, fixes.csv for every research folder of FOLDERS.
- work/merge-decisions.csv (folder,id,action,detail,decision,reason): one row per decision.

Actions of merge-decisions.csv:

  fix            records the decision on one row of <folder>/fixes.csv; `detail` is the row's
                 `field` (`field#2` for the second row of the same id and field). Structured
                 fields (lat, lon, coord_precision_m, coord_source, aliases, name, name_ar, bank,
                 kind, colocated, and the combined `lat/lon/coord_precision_m/coord_source`) are
                 applied when `decision` starts with "applied"; free-form fields (event, merge,
                 split, note, ...) take effect only through the rows below. Every fixes.csv row
                 must have a `fix` decision (the script stops otherwise).
  drop-place     a place proposed in <folder>/places.csv is not added; `detail` "-> ID" sends
                 that folder's events on it to place ID.
  merge-places   place `id` is removed and every event on it goes to place `detail`.
  remove-place   place `id` and every event on it are removed: not a place (a road, a
                 region, an administrative district), or no event left that the policy keeps.
  set-place      `detail` "field=value" sets one column of place `id` (after the fixes).
  add-place      `detail` is a whole places.csv row (CSV) for a place no folder proposed.
  drop-event     the event of <folder> ("base" = the pre-merge file) on place `id` with
                 `detail` "date,side,status" is not kept.
  change-event   `detail` "date,side,status => col=value && col=value" changes that event.
  add-event      `detail` is a whole events.csv row (CSV).
  note           a decision without an effect on the files (a flag kept, a proposal declined).

Places are written grouped by kind (the file's order of kinds) and by id within a kind; events
by effective date (the last day of a range or month), the pre-merge rows first and new rows
after them on the same date, and the events of one place on one date as held, besieged,
contested, then captured/withdrawn. Standard library only.
"""
import argparse
import calendar
import csv
import io
import sys
from pathlib import Path

FOLDERS = ["south", "northeast", "west-talafar", "west-bank", "mosul-east", "mosul-west",
           "south-2", "west-2", "north-2", "city-2", "locate-3", "claims-2", "claims-3",
           "months-2017", "claims-4"]
PLACE_COLS = ["id", "name", "name_ar", "aliases", "kind", "bank", "lat", "lon",
              "coord_precision_m", "coord_source", "colocated"]
EVENT_COLS = ["date", "date_precision", "place", "side", "status", "opponent", "actor",
              "source", "note"]
KIND_ORDER = ["city", "town", "base", "district", "area", "landmark", "bridge", "village"]
STRUCTURED = {"lat", "lon", "coord_precision_m", "coord_source", "aliases", "name", "name_ar",
              "bank", "kind", "colocated"}
COMBINED = "lat/lon/coord_precision_m/coord_source"
STATUS_RANK = {"held": 0, "besieged": 1, "contested": 2, "captured": 3, "withdrawn": 3}


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, cols, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r.get(c, "") for c in cols])
    Path(path).write_text(buf.getvalue(), encoding="utf-8")


def parse_row(text, cols):
    cells = next(csv.reader([text]))
    if len(cells) != len(cols):
        raise SystemExit(f"row has {len(cells)} cells, not {len(cols)}: {text}")
    return dict(zip(cols, cells))


def effective(date):
    last = date.split("/")[-1]
    if len(last) == 7:  # a month
        y, m = map(int, last.split("-"))
        return f"{last}-{calendar.monthrange(y, m)[1]:02d}"
    return last


def event_key(e):
    return (e["date"], e["side"], e["status"])


class Merge:
    def __init__(self, dataset: Path):
        self.d = dataset
        self.work = dataset / "work"
        self.errors = []
        self.log = []

    def err(self, msg):
        self.errors.append(msg)

    def run(self):
        work = self.work
        places = read_csv(work / "merge-base" / "places.csv")
        base_ids = [p["id"] for p in places]
        events = [dict(e, _origin="base", _place0=e["place"], _n=i)
                  for i, e in enumerate(read_csv(work / "merge-base" / "events.csv"))]
        decisions = read_csv(work / "merge-decisions.csv")
        for i, dec in enumerate(decisions):
            dec["_line"] = i + 2
            dec["_used"] = False
        by_action = {}
        for dec in decisions:
            by_action.setdefault(dec["action"], []).append(dec)

        # 1. proposed places, minus those dropped
        drops = {(x["folder"], x["id"]): x for x in by_action.get("drop-place", [])}
        redirect = {}  # (folder, id) -> id
        index = {p["id"]: p for p in places}
        n = len(events)
        for folder in FOLDERS:
            for p in read_csv(work / folder / "places.csv"):
                dec = drops.get((folder, p["id"]))
                if dec:
                    dec["_used"] = True
                    target = dec["detail"].strip()
                    if target.startswith("->"):
                        redirect[(folder, p["id"])] = target[2:].strip()
                    continue
                if p["id"] in index:
                    self.err(f"{folder}: place {p['id']} already exists; needs a drop-place decision")
                    continue
                places.append(p)
                index[p["id"]] = p
            for e in read_csv(work / folder / "events.csv"):
                events.append(dict(e, _origin=folder, _place0=e["place"], _n=n))
                n += 1
        for e in events:
            if (e["_origin"], e["place"]) in redirect:
                e["place"] = redirect[(e["_origin"], e["place"])]

        # 2. fixes: every row needs a decision; structured ones are applied here
        fixdec = {}
        for dec in by_action.get("fix", []):
            k = (dec["folder"], dec["id"], dec["detail"].strip())
            if k in fixdec:
                self.err(f"merge-decisions.csv:{dec['_line']}: second decision for {k}")
            fixdec[k] = dec
        for folder in FOLDERS:
            seen = {}
            for fx in read_csv(work / folder / "fixes.csv"):
                field = fx["field"].strip()
                seen[(fx["id"], field)] = seen.get((fx["id"], field), 0) + 1
                nth = seen[(fx["id"], field)]
                key = (folder, fx["id"], field if nth == 1 else f"{field}#{nth}")
                dec = fixdec.get(key)
                if dec is None:
                    self.err(f"{folder}/fixes.csv: no decision for {key[1]} {key[2]}")
                    continue
                dec["_used"] = True
                if not dec["decision"].startswith("applied"):
                    continue
                if field in STRUCTURED or field == COMBINED:
                    p = index.get(fx["id"])
                    if p is None:
                        self.err(f"{folder}/fixes.csv: fix on unknown place {fx['id']}")
                        continue
                    if field == COMBINED:
                        cells = next(csv.reader([fx["new"]]))
                        if len(cells) != 4:
                            cells = fx["new"].split("/", 3)
                        for col, val in zip(COMBINED.split("/"), cells):
                            p[col] = val.strip()
                    else:
                        p[field] = fx["new"]
        for k, dec in fixdec.items():
            if not dec["_used"]:
                self.err(f"merge-decisions.csv:{dec['_line']}: fix decision {k} matches no fixes.csv row")

        # 3. decisions that act on the merged sets, in file order
        def find_event(dec):
            want = tuple(x.strip() for x in dec["detail"].split("=>")[0].split(","))
            hits = [e for e in events if e["_origin"] == dec["folder"]
                    and e["_place0"] == dec["id"] and event_key(e) == want]
            if len(hits) != 1:
                self.err(f"merge-decisions.csv:{dec['_line']}: {len(hits)} events match "
                         f"{dec['folder']} {dec['id']} {want}")
                return None
            return hits[0]

        for dec in decisions:
            act = dec["action"]
            if act == "set-place":
                dec["_used"] = True
                col, _, val = dec["detail"].partition("=")
                col = col.strip()
                if col not in PLACE_COLS or dec["id"] not in index:
                    self.err(f"merge-decisions.csv:{dec['_line']}: bad set-place")
                    continue
                index[dec["id"]][col] = val
            elif act == "add-place":
                dec["_used"] = True
                p = parse_row(dec["detail"], PLACE_COLS)
                if p["id"] in index:
                    self.err(f"merge-decisions.csv:{dec['_line']}: place {p['id']} exists")
                    continue
                places.append(p)
                index[p["id"]] = p
            elif act == "merge-places":
                dec["_used"] = True
                src, dst = dec["id"], dec["detail"].strip()
                if src not in index or dst not in index:
                    self.err(f"merge-decisions.csv:{dec['_line']}: merge of unknown place")
                    continue
                places.remove(index.pop(src))
                for e in events:
                    if e["place"] == src:
                        e["place"] = dst
            elif act == "remove-place":
                dec["_used"] = True
                if dec["id"] not in index:
                    self.err(f"merge-decisions.csv:{dec['_line']}: removal of unknown place")
                    continue
                places.remove(index.pop(dec["id"]))
                events[:] = [e for e in events if e["place"] != dec["id"]]
            elif act == "drop-event":
                dec["_used"] = True
                e = find_event(dec)
                if e is not None:
                    events.remove(e)
            elif act == "change-event":
                dec["_used"] = True
                e = find_event(dec)
                if e is None:
                    continue
                for assign in dec["detail"].split("=>", 1)[1].split("&&"):
                    col, _, val = assign.partition("=")
                    col = col.strip()
                    if col not in EVENT_COLS:
                        self.err(f"merge-decisions.csv:{dec['_line']}: bad column {col}")
                        continue
                    e[col] = val.strip()
                e["_changed"] = True
            elif act == "add-event":
                dec["_used"] = True
                e = parse_row(dec["detail"], EVENT_COLS)
                events.append(dict(e, _origin="merge:" + dec["folder"], _place0=e["place"], _n=n))
                n += 1
            elif act in ("fix", "drop-place", "note"):
                if act == "note":
                    dec["_used"] = True
            else:
                self.err(f"merge-decisions.csv:{dec['_line']}: unknown action {act}")
        for dec in decisions:
            if not dec["_used"]:
                self.err(f"merge-decisions.csv:{dec['_line']}: decision matched nothing: "
                         f"{dec['folder']} {dec['id']} {dec['action']}")

        # 4. consistency
        for e in events:
            if e["place"] not in index:
                self.err(f"event on unknown place: {e['_origin']} {e['date']} {e['place']}")
        with_events = {e["place"] for e in events}
        for p in places:
            if p["id"] not in with_events:
                self.err(f"place without an event: {p['id']}")

        # 5. order and write
        places.sort(key=lambda p: (KIND_ORDER.index(p["kind"]), p["id"])
                    if p["kind"] in KIND_ORDER else (len(KIND_ORDER), p["id"]))
        events.sort(key=lambda e: (effective(e["date"]), e["_origin"] != "base", e["_n"]))
        out, i = [], 0
        while i < len(events):  # within one date, the events of a place by status rank
            j = i
            while j < len(events) and effective(events[j]["date"]) == effective(events[i]["date"]):
                j += 1
            group = events[i:j]
            slots = {}
            for k, e in enumerate(group):
                slots.setdefault(e["place"], []).append(k)
            for ks in slots.values():
                if len(ks) > 1:
                    ordered = sorted((group[k] for k in ks),
                                     key=lambda e: STATUS_RANK.get(e["status"], 9))
                    for k, e in zip(ks, ordered):
                        group[k] = e
            out.extend(group)
            i = j
        self.places, self.events = places, out
        self.base_ids = base_ids
        return not self.errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default=str(Path(__file__).resolve().parent.parent / "data" / "mosul"))
    ap.add_argument("--dry-run", action="store_true", help="check the inputs, write nothing")
    args = ap.parse_args()
    m = Merge(Path(args.dataset))
    ok = m.run()
    for e in m.errors:
        print("error:", e, file=sys.stderr)
    if not ok:
        return 1
    if not args.dry_run:
        write_csv(m.d / "places.csv", PLACE_COLS, m.places)
        write_csv(m.d / "events.csv", EVENT_COLS, m.events)
    print(f"places: {len(m.places)} ({len(m.places) - len(set(m.base_ids) & {p['id'] for p in m.places})} new); "
          f"events: {len(m.events)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
