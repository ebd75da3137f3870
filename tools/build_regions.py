#!/usr/bin/env python3
"""Build data/mosul/regions.geojson and data/mosul/basemap/urban.geojson.

Usage: python3 tools/build_regions.py [REFERENCE_DIR]
Needs shapely 2 (`pip install shapely`). REFERENCE_DIR defaults to ../shared/reference
relative to the repository root. Running it twice gives byte-identical files.

No public footprint of Mosul or Tal Afar in 2016-17 is better than a coarse satellite
polygon (Natural Earth's Mosul is a pentagon of 162 km^2), so the city outlines are derived
from the dataset's own places, by a rule anyone can re-run:

  the concave hull (shapely, ratio 0.35) of the city's places, buffered by 700 m and
  smoothed (a 400 m buffer out and back), simplified to 25 m.

  Mosul:     east and west Mosul each from the places of places.csv on that bank (east
             or west) of kind district, landmark, bridge or area within 10 km of Mosul's
             point (the bank column also marks places near the city, such as Hammam
             al-Alil's cement plant), cut at the Tigris; the city is the two together.
  Tal Afar:  the places of kind district or landmark within 4 km of Tal Afar's point.
  Old City:  the quarters the sources place inside Mosul's former walls (OLD_CITY below),
             buffered by 250 m instead of 700 m and cut at the Tigris.

The administrative regions come from OCHA COD-AB (CSO Iraq / ITOS, 2019, CC BY-IGO):
Nineveh Plains = the districts of al-Hamdaniya and Tilkaif; Tal Afar district; al-Ayadiya
sub-district; Ninewa governorate.

regions.geojson names each feature's region (dataset.toml declares its label and bank).
urban.geojson draws the two city outlines on the basemap.
"""
import csv
import json
import math
import sys
from pathlib import Path

from shapely import concave_hull, set_precision
from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, mapping, shape
from shapely.ops import split, unary_union

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "mosul"

# Quarters inside the walls of Mosul's Old City as the sources describe them (gates, the
# riverside quarters from Qleiat to Bab al-Tob, and the quarters around al-Nuri).
OLD_CITY = [
    "old-city", "al-nuri-mosque", "ahmadiya", "aghawat", "bab-al-beidh", "bab-al-jadid", "bab-al-tob",
    "bab-lagash", "bab-sinjar", "bab-al-shatt", "basha-mosque", "farouq", "hadra-al-sadaa", "kawazin",
    "khatuniya", "khazraj", "maidan", "mashahda", "mekkawi", "qleiat", "ras-al-kour", "sarjkhana", "shahwan",
]
CITY_KINDS = {"district", "landmark", "bridge", "area"}
CITY_RADIUS_M = 10_000
LAT0, LON0 = 36.34, 43.13  # a local equirectangular plane for buffering in metres
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(LAT0))


def to_m(lon, lat):
    return ((lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT)


def to_deg(x, y):
    return (round(LON0 + x / M_PER_DEG_LON, 5), round(LAT0 + y / M_PER_DEG_LAT, 5))


def transform(geom, f):
    if geom.geom_type == "Polygon":
        return type(geom)([f(*c) for c in geom.exterior.coords], [[f(*c) for c in r.coords] for r in geom.interiors])
    return MultiPolygon([transform(g, f) for g in geom.geoms])


def places():
    with open(DATA / "places.csv", encoding="utf-8") as f:
        return [p for p in csv.DictReader(f) if p["lat"] and p["lon"]]


def outline(points, buffer_m):
    """The concave hull of `points` (metres) buffered and smoothed, in metres."""
    hull = concave_hull(MultiPoint(points), ratio=0.35)
    return hull.buffer(buffer_m).buffer(400).buffer(-400).simplify(25)


def tigris_m(ref):
    data = json.loads((ref / "tigris-osm-via-pleiades" / "tigris_osm_pleiades_bbox.geojson").read_text())
    lines = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        lines += [LineString([to_m(*c) for c in part]) for part in parts]
    return unary_union(lines)


def on_bank(polygon, river, bank):
    """The parts of `polygon` (metres) on `bank` ("east" or "west") of the river line."""
    def east(piece):
        point = piece.representative_point()
        return point.x > river_x_at(river, point.y)
    pieces = split(polygon, river).geoms
    return unary_union([p for p in pieces if east(p) == (bank == "east")])


def river_x_at(river, y):
    """Where the river crosses the parallel at `y`, nearest the centre of the city."""
    crossing = LineString([(-1e6, y), (1e6, y)]).intersection(river)
    xs = [g.x for g in getattr(crossing, "geoms", [crossing]) if not g.is_empty]
    return min(xs, key=abs) if xs else 0.0


def city_regions(ref):
    all_places = places()
    river = tigris_m(ref)

    mosul = next(p for p in all_places if p["id"] == "mosul")
    centre = Point(to_m(float(mosul["lon"]), float(mosul["lat"])))

    def bank_outline(bank):
        points = [
            to_m(float(p["lon"]), float(p["lat"]))
            for p in all_places
            if p["bank"] == bank and p["kind"] in CITY_KINDS
            and Point(to_m(float(p["lon"]), float(p["lat"]))).distance(centre) <= CITY_RADIUS_M
        ]
        return on_bank(outline(points, 700), river, bank)

    east, west = bank_outline("east"), bank_outline("west")
    by_id = {p["id"]: p for p in all_places}
    old_points = [to_m(float(by_id[i]["lon"]), float(by_id[i]["lat"])) for i in OLD_CITY if i in by_id]
    old_city = on_bank(outline(old_points, 250), river, "west")
    tal_afar = by_id["tal-afar"]
    centre = Point(to_m(float(tal_afar["lon"]), float(tal_afar["lat"])))
    tal_afar_points = [
        to_m(float(p["lon"]), float(p["lat"]))
        for p in all_places
        if p["kind"] in {"district", "landmark"} and Point(to_m(float(p["lon"]), float(p["lat"]))).distance(centre) <= 4000
    ]
    tal_afar_outline = outline(tal_afar_points, 700)
    derived = "derived from places.csv by tools/build_regions.py (concave hull of the city's places, buffered)"
    return [
        ("mosul", unary_union([east, west]), derived + "; east and west Mosul together"),
        ("east-mosul", east, derived + "; the east bank's places, cut at the Tigris"),
        ("west-mosul", west, derived + "; the west bank's places, cut at the Tigris"),
        ("old-city", old_city, "derived from the Old City quarters of places.csv by tools/build_regions.py, cut at the Tigris"),
        ("tal-afar-city", tal_afar_outline, derived),
    ]


def admin_regions(ref):
    def load(level):
        return json.loads((ref / "cod-ab-iraq" / f"irq_admbnda_adm{level}_cso_20190603.geojson").read_text())["features"]

    adm3 = {f["properties"]["ADM3_EN"]: shape(f["geometry"]) for f in load(3)}
    adm2 = {f["properties"]["ADM2_EN"]: shape(f["geometry"]) for f in load(2)}
    adm1 = {f["properties"]["ADM1_EN"]: shape(f["geometry"]) for f in load(1)}
    cod = "OCHA COD-AB Iraq (CSO Iraq / ITOS, 2019), CC BY-IGO"
    return [
        ("nineveh-plains", unary_union([adm2["Al-Hamdaniya"], adm2["Tilkaef"]]), cod + ": al-Hamdaniya and Tilkaif districts"),
        ("tal-afar-district", adm2["Telafar"], cod + ": Telafar district"),
        ("ayadiya", adm3["Al-Ayadiya"], cod + ": al-Ayadiya sub-district"),
        ("nineveh-governorate", adm1["Ninewa"], cod + ": Ninewa governorate"),
    ]


def feature(properties, geom):
    geom = set_precision(geom, 1e-5)
    return {"type": "Feature", "properties": properties, "geometry": mapping(geom)}


def write(path, features):
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    path.write_text(text + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(features)} features, {len(text.encode()) // 1024} KiB")


def main():
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    cities = city_regions(ref)
    features = [feature({"region": r, "source": s}, transform(g, to_deg)) for r, g, s in cities]
    features += [feature({"region": r, "source": s}, g) for r, g, s in admin_regions(ref)]
    write(DATA / "regions.geojson", features)
    urban = [
        feature({"name": name, "source": "city outline derived from places.csv (tools/build_regions.py)"}, transform(g, to_deg))
        for name, g in [("Mosul", cities[0][1]), ("Tal Afar", cities[4][1])]
    ]
    write(DATA / "basemap" / "urban.geojson", urban)


if __name__ == "__main__":
    main()
