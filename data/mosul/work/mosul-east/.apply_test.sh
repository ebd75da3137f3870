# test: copy dataset, append our rows, apply our fixes (place fields + listed event deletions), run check
D=$(mktemp -d); cp -r /work/main/data/mosul/. "$D"
python3 - "$D" /work/main/data/mosul/work/mosul-east <<'PY'
import csv,sys; d,w=sys.argv[1],sys.argv[2]
for f in ("places.csv","events.csv"):
    rows=list(csv.reader(open(f"{w}/{f}")))[1:]
    with open(f"{d}/{f}","a",newline="") as o: csv.writer(o,lineterminator="\n").writerows(rows)
P=list(csv.DictReader(open(f"{d}/places.csv"))); H=list(P[0].keys())
idx={p['id']:p for p in P}
for r in csv.DictReader(open(f"{w}/fixes.csv")):
    if r['field'] not in H: continue
    if r['id'] in idx: idx[r['id']][r['field']]=r['new']
with open(f"{d}/places.csv","w",newline="") as o:
    wr=csv.DictWriter(o,H,lineterminator="\n"); wr.writeheader(); wr.writerows(P)
E=list(csv.DictReader(open(f"{d}/events.csv"))); EH=list(E[0].keys())
drop=lambda e:(e['place']=='saha' and e['date']=='2016-12-09') or (e['place']=='malayin' and e['date']=='2016-11-07') or (e['place']=='karama' and e['date']=='2017-01-24')
E=[e for e in E if not drop(e)]
with open(f"{d}/events.csv","w",newline="") as o:
    wr=csv.DictWriter(o,EH,lineterminator="\n"); wr.writeheader(); wr.writerows(E)
PY
/work/bin/frontline-main check --dataset "$D" 2>&1 | grep -v '^note' | tail -20
python3 /work/main/tools/verify_places.py "$D/places.csv" /work/shared/reference 2>&1 | tail -3
echo $D
