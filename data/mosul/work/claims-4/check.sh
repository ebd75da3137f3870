#!/bin/sh
D=$(mktemp -d); cp -r /work/main/data/mosul/. "$D"
python3 - "$D" /work/main/data/mosul/work/claims-4 <<'PY'
import csv,sys; d,w=sys.argv[1],sys.argv[2]
for f in ("places.csv","events.csv"):
    rows=list(csv.reader(open(f"{w}/{f}")))[1:]
    with open(f"{d}/{f}","a",newline="") as o: csv.writer(o,lineterminator="\n").writerows(rows)
PY
/work/bin/frontline-main check --dataset "$D" 2>&1 | grep -v "^note" | tail -15
python3 /work/main/tools/verify_places.py "$D/places.csv" /work/shared/reference 2>&1 | tail -3
echo "$D" > last_tmp
