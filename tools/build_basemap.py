#!/usr/bin/env python3
"""Build data/mosul/basemap/*.geojson from the reference geodata (standard library only).

Usage: python3 tools/build_basemap.py [REFERENCE_DIR]
REFERENCE_DIR defaults to ../shared/reference relative to the repository root.

(urban.geojson, the city outlines, is written by tools/build_regions.py.)

Layers written (all clipped to CLIP_BOX, coordinates rounded to 5 decimals, features in a
fixed order, so re-running gives byte-identical files):
  rivers.geojson   the Tigris (chained into one line) and the Great Zab from OpenStreetMap
                   via Pleiades; the other rivers from GSHHG / World Data Bank II
  admin1.geojson   COD-AB governorates
  admin2.geojson   COD-AB districts
  borders.geojson  GSHHG / World Data Bank II international borders
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "mosul" / "basemap"
# Larger than the dataset's area of interest (41.2-44.1 E, 35.45-37.05 N) so that the cut
# edges lie outside every view and are never drawn as boundaries.
CLIP_BOX = (41.0, 35.3, 44.3, 37.2)  # west, south, east, north
RIVER_CLASS = {1: "major", 3: "minor", 4: "minor", 7: "intermittent"}


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def rnd(point):
    return [round(point[0], 5), round(point[1], 5)]


# --- clipping -------------------------------------------------------------------------

def inside(p, edge):
    w, s, e, n = CLIP_BOX
    x, y = p
    return {"w": x >= w, "e": x <= e, "s": y >= s, "n": y <= n}[edge]


def cut(p, q, edge):
    """Where segment p-q crosses the box edge."""
    w, s, e, n = CLIP_BOX
    (x1, y1), (x2, y2) = p, q
    if edge in "we":
        x = w if edge == "w" else e
        t = (x - x1) / (x2 - x1)
        return [x, y1 + t * (y2 - y1)]
    y = s if edge == "s" else n
    t = (y - y1) / (y2 - y1)
    return [x1 + t * (x2 - x1), y]


def clip_ring(ring):
    """Sutherland-Hodgman against the box; returns a closed ring or None."""
    points = ring[:-1] if ring[0] == ring[-1] else ring[:]
    for edge in "wesn":
        if not points:
            return None
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur, edge):
                if not inside(prev, edge):
                    out.append(cut(prev, cur, edge))
                out.append(cur)
            elif inside(prev, edge):
                out.append(cut(prev, cur, edge))
        points = out
    points = dedupe([rnd(p) for p in points])
    if len(points) < 3 or abs(area(points)) < 1e-10:
        return None
    return points + [points[0]]


def dedupe(points):
    out = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def area(points):
    return sum(points[i - 1][0] * p[1] - p[0] * points[i - 1][1] for i, p in enumerate(points)) / 2


def clip_polygons(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for polygon in polygons:
        exterior = clip_ring(polygon[0])
        if exterior is None:
            continue
        holes = [h for h in (clip_ring(r) for r in polygon[1:]) if h is not None]
        out.append([exterior] + holes)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def point_in_box(p):
    w, s, e, n = CLIP_BOX
    return w <= p[0] <= e and s <= p[1] <= n


def clip_line(line):
    """The parts of a line inside the box, cut exactly at its edges."""
    parts, current = [], []
    for i, p in enumerate(line):
        if point_in_box(p):
            if not current and i > 0:
                current.append(enter_point(line[i - 1], p))
            current.append(p)
        elif current:
            current.append(enter_point(p, current[-1]))
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return [dedupe([rnd(p) for p in part]) for part in parts if len(part) > 1]


def enter_point(outside, inside_point):
    """Where the segment from an outside point to an inside one meets the box."""
    p = outside
    for edge in "wesn":
        if not inside(p, edge):
            p = cut(p, inside_point, edge)
    return p


# --- layers ---------------------------------------------------------------------------

def chain(lines, tolerance=0.002):
    """Joins line pieces end to start into one line, starting from the northernmost."""
    pieces = [l for l in lines if len(l) > 1]
    pieces.sort(key=lambda l: -max(l[0][1], l[-1][1]))
    result = pieces.pop(0)
    if result[0][1] < result[-1][1]:
        result.reverse()
    while pieces:
        end = result[-1]
        best = min(pieces, key=lambda l: min(dist(end, l[0]), dist(end, l[-1])))
        if min(dist(end, best[0]), dist(end, best[-1])) > tolerance:
            break
        pieces.remove(best)
        if dist(end, best[-1]) < dist(end, best[0]):
            best = best[::-1]
        result.extend(best[1:] if dist(end, best[0]) < 1e-9 else best)
    return result


def dist(a, b):
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def river_name(level, line):
    lons = [p[0] for p in line]
    lats = [p[1] for p in line]
    if level == 1:
        return "Tigris"
    if level == 4:
        return "Great Zab"  # the only level-4 river here, per the reference README
    if level == 3 and min(lons) >= 43.4 and max(lats) <= 35.9 and min(lats) >= 35.2:
        return "Little Zab"
    return ""


def rivers(ref):
    """The Tigris and the Great Zab from OpenStreetMap (via Pleiades), which lie 3-6 times
    closer to Mosul's bridges and riverside landmarks than GSHHG; the other rivers from
    GSHHG / World Data Bank II."""
    osm = ref / "tigris-osm-via-pleiades"
    features = []
    for name, file in [("Tigris", "tigris_osm_pleiades_bbox.geojson"), ("Great Zab", "great_zab_osm_pleiades_bbox.geojson")]:
        for feature in load(osm / file)["features"]:
            geometry = feature["geometry"]
            lines = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
            if name == "Tigris":
                lines = [chain(lines)]  # one north-to-south line: the bank test walks it
            for line in lines:
                cls = "major" if name == "Tigris" else "minor"
                features += [line_feature(name, cls, part, "osm") for part in clip_line(line)]
    source = load(ref / "gshhg-wdb2" / "wdb2_rivers_bbox.geojson")
    others = []
    for feature in source["features"]:
        level = feature["properties"]["level"]
        line = feature["geometry"]["coordinates"]
        name = river_name(level, line)
        if name not in ("Tigris", "Great Zab"):
            others.append((name, RIVER_CLASS.get(level, "minor"), line))
    for name, cls, line in sorted(others, key=lambda o: (o[0], o[1], o[2][0])):
        features += [line_feature(name, cls, part, "gshhg") for part in clip_line(line)]
    return features


def line_feature(name, cls, line, source):
    return {"type": "Feature", "properties": {"name": name, "class": cls, "source": source},
            "geometry": {"type": "LineString", "coordinates": line}}


def admin(ref, level):
    source = load(ref / "cod-ab-iraq" / f"irq_admbnda_adm{level}_cso_20190603.geojson")
    features = []
    for feature in source["features"]:
        geometry = clip_polygons(feature["geometry"])
        if geometry is None:
            continue
        p = feature["properties"]
        props = {"name": p[f"ADM{level}_EN"], "name_ar": p[f"ADM{level}_AR"], "pcode": p[f"ADM{level}_PCODE"]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return sorted(features, key=lambda f: f["properties"]["pcode"])


def borders(ref):
    source = load(ref / "gshhg-wdb2" / "wdb2_borders_bbox.geojson")
    features = []
    for feature in source["features"]:
        for part in clip_line(feature["geometry"]["coordinates"]):
            features.append({"type": "Feature", "properties": {"name": "international border"},
                             "geometry": {"type": "LineString", "coordinates": part}})
    return sorted(features, key=lambda f: f["geometry"]["coordinates"][0])


def write(name, features):
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature per line keeps diffs readable.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    (OUT / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")
    print(f"{name}.geojson: {len(features)} features, {len(text.encode()) // 1024} KiB")


def main():
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    OUT.mkdir(parents=True, exist_ok=True)
    write("rivers", rivers(ref))
    write("admin1", admin(ref, 1))
    write("admin2", admin(ref, 2))
    write("borders", borders(ref))


if __name__ == "__main__":
    main()
