import csv,sys,subprocess
out=subprocess.run(['bash','/work/main/data/mosul/work/mosul-east/.apply_test.sh'],capture_output=True,text=True).stdout
D=out.strip().splitlines()[-1]
P=list(csv.DictReader(open(D+'/places.csv'))); E=list(csv.DictReader(open(D+'/events.csv')))
mine={r['id'] for r in csv.DictReader(open('/work/main/data/mosul/work/mosul-east/places.csv'))}
fixed={r['id'] for r in csv.DictReader(open('/work/main/data/mosul/work/mosul-east/fixes.csv'))}
ev={}
for e in E: ev.setdefault(e['place'],[]).append(e)
rows=[]
for p in P:
    if p['bank']!='east': continue
    cs=p['coord_source']
    loc='unlocated' if cs.startswith('unlocated') else ('estimated %sm'%p['coord_precision_m'] if cs.startswith('estimated') else 'reference/page %sm'%p['coord_precision_m'])
    caps=[e for e in ev.get(p['id'],[]) if e['side']=='gov' and e['status']=='captured']
    c=caps[0] if caps else None
    src=(c['source'] if c else '')
    src=src if len(src)<70 else src[:67]+'...'
    tag=('NEW' if p['id'] in mine else ('fixed' if p['id'] in fixed else ''))
    rows.append((p['kind'],p['id'],tag,loc,c['date'] if c else '-',src))
rows.sort()
print('| kind | id | this folder | position | first gov capture | source |')
print('|---|---|---|---|---|---|')
for r in rows: print('| '+' | '.join(r)+' |')
