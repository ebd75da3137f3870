#!/usr/bin/env python3
"""Look a name up in places.csv, the work folders and the reference layers (substring, folded).

    python3 data/mosul/work/lookup.py NAME [NAME ...]

For research helpers: the reference layers are read from ../shared/reference beside the
repository, as tools/verify_places.py reads them.
"""
import csv, sys, glob, re, unicodedata
from pathlib import Path
D = Path(__file__).resolve().parent.parent
R = D.parent.parent.parent / "shared" / "reference"
def fold(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode() if s.isascii() or any(c.isascii() and c.isalpha() for c in s) else s
    s = s.lower()
    for a, b in (("al-", ""), ("el-", ""), ("'", ""), ("`", ""), ("-", " "), ("ou", "u"), ("ee", "i"), ("oo", "u"), ("kh", "k"), ("sh", "s"), ("q", "k"), ("e", "a"), ("aa", "a"), ("h", "")):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()
def arfold(s):
    for a, b in (("أ","ا"),("إ","ا"),("آ","ا"),("ة","ه"),("ى","ي"),("ال","")):
        s = s.replace(a, b)
    return s.strip()
for q in sys.argv[1:]:
    ar = not q.isascii()
    k = arfold(q) if ar else fold(q)
    def hit(*vals):
        return any(k in (arfold(v) if ar else fold(v)) for v in vals if v)
    print(f"== {q}")
    for p in csv.DictReader(open(f"{D}/places.csv")):
        if hit(p["name"], p["aliases"], p["name_ar"], p["id"]):
            print("  PLACE", p["id"], p["name"], p["name_ar"], p["lat"], p["lon"], p["coord_source"][:60])
    for f in sorted(glob.glob(f"{D}/work/*/places.csv")):
        if "/merge-base/" in f: continue  # places.csv before the merge: already listed above
        for p in csv.DictReader(open(f)):
            if hit(p.get("name",""), p.get("aliases",""), p.get("name_ar",""), p.get("id","")):
                print("  WORK", f.split("/")[-2], p["id"], p["name"], p["lat"], p["lon"])
    for p in csv.DictReader(open(f"{R}/wikipedia-iraqi-insurgency-detailed-map/iraqi_insurgency_detailed_map_marks.csv")):
        if hit(p["name"]):
            print("  MODULE row", p["row"], p["name"], p["lat"], p["lon"], p["cod_adm2"], p["cod_adm3"])
    for p in csv.DictReader(open(f"{R}/osm-villages-via-meed/osm_village_nodes_bbox.csv")):
        if hit(p["name"]):
            print("  OSM", p["osm_node_id"], p["name"], p["lat"], p["lon"])
    for p in csv.DictReader(open(f"{R}/geonames-cities500/cities500_bbox.csv")):
        if hit(p["name"]):
            print("  GEONAMES", p["geonameid"], p["name"], p["lat"], p["lon"])
