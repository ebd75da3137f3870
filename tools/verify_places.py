#!/usr/bin/env python3
"""Re-derive every referenced coordinate of a places.csv from the reference layers.

    python3 tools/verify_places.py data/mosul/places.csv ../shared/reference

Each place whose `coord_source` names a reference row (`wikipedia-module:row N`,
`wikimapia-mosul:NAME`, `osm:ID`, `geonames:ID`) must carry that row's coordinate, to the
precision the reference gives. Estimated coordinates, URLs and unlocated places are counted, not checked.
Exits 1 when a coordinate differs or a reference row is missing. Standard library only.
"""
import csv
import sys
from pathlib import Path


def load(reference: Path):
    def rows(path):
        with open(reference / path, encoding="utf-8") as f:
            return list(csv.DictReader(f))

    table = {}
    for r in rows("wikipedia-iraqi-insurgency-detailed-map/iraqi_insurgency_detailed_map_marks.csv"):
        table[f"wikipedia-module:row {r['row']}"] = (r["lat"], r["lon"])
    for r in rows("wikimapia-mosul/mosul_places.csv"):
        table[f"wikimapia-mosul:{r['name']}"] = (r["lat"], r["lon"])
    for r in rows("osm-villages-via-meed/osm_village_nodes_bbox.csv"):
        table[f"osm:{r['osm_node_id']}"] = (r["lat"], r["lon"])
    for r in rows("geonames-cities500/cities500_bbox.csv"):
        table[f"geonames:{r['geonameid']}"] = (r["lat"], r["lon"])
    return table


def main(places_csv: str, reference_dir: str) -> int:
    table = load(Path(reference_dir))
    checked, other, failures = 0, 0, []
    with open(places_csv, encoding="utf-8") as f:
        for place in csv.DictReader(f):
            source = place["coord_source"]
            if source.startswith(("estimated", "http", "unlocated")):
                other += 1
                continue
            if source not in table:
                failures.append(f"{place['id']}: {source} is in no reference layer")
                continue
            want = tuple(float(v) for v in table[source])
            got = (float(place["lat"]), float(place["lon"]))
            if any(abs(a - b) > 5e-7 for a, b in zip(want, got)):
                failures.append(f"{place['id']}: {got} but {source} gives {want}")
            checked += 1
    print(f"{checked} coordinates match their reference; {other} estimated, from a page or unlocated")
    for failure in failures:
        print("MISMATCH", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
