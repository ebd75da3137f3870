import csv,sys,math,re
R='/work/shared/reference/'
mod=list(csv.DictReader(open(R+'wikipedia-iraqi-insurgency-detailed-map/iraqi_insurgency_detailed_map_marks.csv')))
osm=list(csv.DictReader(open(R+'osm-villages-via-meed/osm_village_nodes_bbox.csv')))
wm=list(csv.DictReader(open(R+'wikimapia-mosul/mosul_places.csv')))
gn=list(csv.DictReader(open(R+'geonames-cities500/cities500_bbox.csv')))
pl=list(csv.DictReader(open('/work/main/data/mosul/places.csv')))
def dist(a,b,c,d):
    a,b,c,d=map(float,(a,b,c,d)); 
    return math.hypot((a-c)*111.2,(b-d)*111.2*math.cos(math.radians(a)))
used={}
for p in pl:
    used[p['coord_source']]=p['id']
def norm(s):
    s=re.sub('[ًٌٍَُِّْ]','',s)
    return s.replace('أ','ا').replace('إ','ا').replace('آ','ا').replace('ة','ه').replace('ى','ي')
def find(q,center=None,maxkm=None):
    out=[]
    qn=norm(q).lower()
    for r in mod:
        if qn in r['name'].lower(): out.append(('wikipedia-module:row '+r['row'],r['name'],r['lat'],r['lon']))
    for r in osm:
        if qn in norm(r['name']): out.append(('osm:'+r['osm_node_id'],r['name'],r['lat'],r['lon']))
    for r in wm:
        if qn in (r['name']+r['other_names']).lower() or qn in norm(r['other_names']): out.append(('wikimapia-mosul:'+r['name'],r['name'],r['lat'],r['lon']))
    for r in gn:
        if qn in (r['name']+r['alternatenames']).lower(): out.append(('geonames:'+r['geonameid'],r['name'],r['lat'],r['lon']))
    res=[]
    for o in out:
        d=dist(o[2],o[3],*center) if center else 0
        if maxkm and d>maxkm: continue
        res.append((round(d,1),)+o+(used.get(o[0],''),))
    res.sort()
    return res
def near(lat,lon,km):
    out=[]
    for r in mod:
        d=dist(r['lat'],r['lon'],lat,lon)
        if d<km: out.append((round(d,1),'mod:'+r['row'],r['name'],r['lat'],r['lon'],used.get('wikipedia-module:row '+r['row'],'')))
    for r in osm:
        d=dist(r['lat'],r['lon'],lat,lon)
        if d<km: out.append((round(d,1),'osm:'+r['osm_node_id'],r['name'],r['lat'],r['lon'],used.get('osm:'+r['osm_node_id'],'')))
    out.sort(); return out
def place(i):
    for p in pl:
        if p['id']==i: return p
if __name__=='__main__':
    c=None
    if len(sys.argv)>2: c=tuple(map(float,sys.argv[2].split(',')))
    mk=float(sys.argv[3]) if len(sys.argv)>3 else None
    for r in find(sys.argv[1],c,mk): print(*r,sep=' | ')
