#!/usr/bin/env python3
"""Claims round 3: the edits this folder makes to data/mosul/claims.csv, kept as a script so
they can be read and re-run: it starts from claims-round2.csv (the file as round 2 left it, main
c5e0fee), so running it again gives the same file (python3 ... from the repo root).
Values are never changed: only the region/metric/force a source plainly states, with the
reason in the note ([claims-3: ...]), and new rows from claims-new.csv."""
import csv

PATH = "data/mosul/claims.csv"
BASE = "data/mosul/work/claims-3/claims-round2.csv"
COLS = ["date", "date_precision", "region", "side", "metric", "value", "value_max", "source",
        "note", "as_one", "excluding", "actor", "explained"]
PMF = "PMF|PMU|Hashd|Popular Mobilization|Badr|Ali al-Akbar|Imam Ali|Kataib Hezbollah|Saraya"
FP = "Federal Police"
CTS = "CTS|Golden Division|ISOF|Counter Terror"
AD9 = "9th Armoured|9th Armored|9th Division"

ONE_FORCE = "the source counts one force's gains: compared with the places whose capture names it (actor)"
ENTERED = ("an official's share of the city while the digests of the same days show districts still fought over: "
           "compared as the share held or entered, like the other official shares")
NOW_AGREE = {128, 136, 137}  # the old reason named the unit this round measures
EDITS = {  # line of the round-2 file: (changes, reason)
    4: ({"actor": FP}, ONE_FORCE),
    19: ({"actor": PMF}, ONE_FORCE),
    25: ({"actor": PMF}, ONE_FORCE),
    26: ({"actor": PMF}, ONE_FORCE),
    29: ({"actor": FP}, ONE_FORCE),
    33: ({"actor": PMF}, ONE_FORCE),
    35: ({"actor": PMF}, ONE_FORCE),
    39: ({"actor": PMF}, ONE_FORCE),
    46: ({"actor": CTS}, "the CTS commander's own count: compared with the districts whose capture names the CTS (actor)"),
    49: ({"actor": CTS}, "the seed: CTS forces captured 40 of the 56: compared with the districts whose capture names the CTS (actor)"),
    50: ({"actor": CTS}, ONE_FORCE),
    51: ({"actor": PMF}, ONE_FORCE),
    84: ({"actor": FP}, ONE_FORCE),
    86: ({"actor": PMF}, ONE_FORCE),
    89: ({"actor": PMF}, ONE_FORCE),
    90: ({"actor": PMF}, ONE_FORCE),
    92: ({"actor": FP}, ONE_FORCE),
    95: ({"actor": FP}, ONE_FORCE),
    96: ({"actor": CTS}, ONE_FORCE),
    103: ({"actor": PMF}, ONE_FORCE),
    104: ({"actor": PMF}, ONE_FORCE),
    106: ({"actor": PMF}, ONE_FORCE),
    107: ({"actor": PMF}, ONE_FORCE),
    123: ({"actor": FP}, ONE_FORCE),
    132: ({"actor": PMF}, ONE_FORCE),
    87: ({"actor": AD9, "metric": "places_captured"},
         "'villages and areas' of one division: places of every kind whose capture names the 9th Armoured Division"),
    97: ({"actor": FP, "metric": "places_captured"},
         "'areas' of one force: places of every kind whose capture names the Federal Police"),
    80: ({"metric": "places_captured"}, "'neighbourhoods and areas': places of every kind, not districts only"),
    136: ({"metric": "places_captured", "region": "all"},
          "'districts' that are neighbourhoods and villages of the Tal Afar operation area: places of every kind; region all, since the operation's villages around al-Mahalabiya lie outside the tal-afar box and the district polygon, and no other front moved those days"),
    98: ({"excluding": "old-city"}, "the source counts the neighbourhoods outside the Old City: the Old City's districts are left out (excluding)"),
    100: ({"excluding": "old-city"}, "the source counts the areas outside the Old City: the Old City's districts are left out (excluding)"),
    108: ({"metric": "districts_in"}, "Wing counts Shifa, then partly taken and still fought over, as left: districts ISIL holds or still fights in"),
    128: ({"metric": "districts_in"}, "the source counts the areas still fought over: districts ISIL holds or still fights in"),
    32: ({"metric": "entered_area_share"}, ENTERED),
    63: ({"metric": "entered_area_share"}, ENTERED),
    82: ({"metric": "entered_area_share"}, ENTERED),
    137: ({"metric": "entered_area_share"},
          "the reason already given for the difference (officials count districts entered) is the unit: compared as the share held or entered"),
}


def main():
    with open(BASE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for line, (changes, reason) in EDITS.items():
        row = rows[line - 2]
        row.update(changes)
        row["note"] = f"{row['note']} [claims-3: {reason}]".strip()
        if line in NOW_AGREE:
            row["explained"] = ""  # measured in the source's unit, it agrees
    with open("data/mosul/work/claims-3/claims-new.csv", encoding="utf-8", newline="") as f:
        rows += list(csv.DictReader(f))
    with open(PATH, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLS, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
