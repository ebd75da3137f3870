import csv, math, json
from ref import pl, dist
P={p['id']:p for p in pl}
def ll(i): return float(P[i]['lat']), float(P[i]['lon'])
def mid(a,b,t=0.5):
    (la,lo),(lb,lob)=a,b
    return la+(lb-la)*t, lo+(lob-lo)*t
def offset(pt, km, bearing_deg):
    la,lo=pt
    dn=km*math.cos(math.radians(bearing_deg)); de=km*math.sin(math.radians(bearing_deg))
    return la+dn/111.2, lo+de/(111.2*math.cos(math.radians(la)))
R={}
R['al-qahira-qairawan']=offset(ll('qayrawan-balij'),1.8,202.5)
R['salam-mahlabiya']=mid(ll('buweir'),ll('zanazil'),1/3)
R['mansour-mahlabiya']=mid(ll('buweir'),ll('zanazil'),2/3)
R['azizia']=mid(ll('shuhada-tal-afar'),ll('uttshana'))
R['sheikh-sufli']=mid(ll('muwali'),ll('shuhada-tal-afar'))
R['tisha']=mid(ll('uttshana'),ll('muwali'))
R['hasuna']=mid(ll('hulayla'),ll('haramat'))
R['dijla']=mid(ll('haramat'),ll('hulayla'),1/3)
R['rozbayan']=mid(ll('kanuna'),ll('fadiliya'))
R['lazakah-power-station']=ll('lazakah')
R['al-rayan-hills']=offset(ll('ghazlani-base'),1.5,270)
R['al-kherba']=offset(ll('mosul-airport'),1.5,200)
R['al-alam-tal-afar']=mid(ll('batisha'),ll('upper-halabiya'))
R['khafajah']=mid(ll('batisha'),ll('marazif'))
R['abra-kabira']=offset(ll('abra-saghira'),1.5,0)
R['abra-al-najjar']=offset(ll('abra-saghira'),1.5,120)
R['abra-hanash']=offset(ll('abra-saghira'),1.5,240)
R['jaber-ibn-hayyan-rashidiya']=offset(ll('rashidiya'),1.5,0)
R['thari-karah']=ll('sahl-sinjar-air-base')
for k,(a,b) in R.items():
    a=round(a,4); b=round(b,4); R[k]=(a,b)
    near=sorted((dist(a,b,p['lat'],p['lon']),p['id']) for p in pl if p['lat'] and p['id']!=k)[:3]
    print(k,a,b,[(round(d,2),i) for d,i in near])
# pairwise among new
ks=list(R)
for i in range(len(ks)):
    for j in range(i+1,len(ks)):
        d=dist(*R[ks[i]],*R[ks[j]])
        if d<0.3: print('CLOSE',ks[i],ks[j],d)
json.dump(R,open('positions.json','w'),indent=1)
