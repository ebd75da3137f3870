import csv, json
pos=json.load(open('tmp/positions.json'))
P={p['id']:p for p in csv.DictReader(open('/work/main/data/mosul/places.csv'))}
S={}  # id: (precision, coord_source, reason, source, colocated)
S['al-qahira-qairawan']=(1000,
 "estimated: 1.8 km from the Qairawan centre (PMF 11th Brigade commander via yemenextra, 23 May 2017) on its south-south-west side (south per yemenextra, south-west per the PMF site via hathalyoum 1301784), measured from module row 349 (Qayrawan (Balij))",
 "findings F1: the commander gives 1,800 m from the centre, south / south-west",
 "https://yemenextra.net/2017/05/23/the-iraqi-popular-encircles-around-the-center-of-kairouan",None)
S['tal-afar-gas-plant']=(1000,"wikipedia-module:row 618",
 "findings F10: the module's 'Gas Depot' lies 5 km E of the Kisik base and 2.7 km E of Itmarat, in the 16th Division's sector east of al-Ayadiya where Yarallah lists the gas plant with Kisik and Itmarat; identification, not a label match, hence 1000 m",
 "https://elaph.com/amp/Web/News/2017/8/1164811.html",None)
S['salam-mahlabiya']=(3000,
 "estimated: freed with al-Buweir and al-Zanazil in the rugged area north of Mahlabiya (Yarallah via Xinhua/khovar, 12 Jun 2017); placed on the segment between Buweir (module row 559) and Zanazil (module row 560), one third from Buweir",
 "findings F7: the two located villages of the same four-village statement are 3.3 km apart; which of Salam/Mansour is nearer which is not known",
 "https://eng.khovar.tj/2017/06/iraqi-forces-free-4-villages-from-is-in-west-of-mosul",None)
S['mansour-mahlabiya']=(3000,
 "estimated: freed with al-Buweir and al-Zanazil, with the nearby Mansour industry compound and water facility, north of Mahlabiya (Yarallah via Xinhua/khovar, 12 Jun 2017); placed on the segment between Buweir (module row 559) and Zanazil (module row 560), two thirds from Buweir",
 "findings F7", "https://eng.khovar.tj/2017/06/iraqi-forces-free-4-villages-from-is-in-west-of-mosul",None)
S['azizia']=(3000,
 "estimated: one of six villages the 15th Division took on the eastern flank of the Tal Afar pocket on 12 Jun 2017 (shiite.news); placed at the midpoint of two of the other three, Shuhada (OSM 2488245911) and Atshana (OSM 2488245934), which lie within 3 km of each other",
 "findings F8", "https://shiite.news/shiitenews/iraq/item/29032-iraqi-army-liberates-six-villages-in-isis-pocket-of-tal-afar/",None)
S['sheikh-sufli']=(3000,
 "estimated: one of six villages the 15th Division took on the eastern flank of the Tal Afar pocket on 12 Jun 2017 (shiite.news); placed at the midpoint of Muwali (OSM 12819054684) and Shuhada (OSM 2488245911), two of the other three",
 "findings F8", "https://shiite.news/shiitenews/iraq/item/29032-iraqi-army-liberates-six-villages-in-isis-pocket-of-tal-afar/",None)
S['tisha']=(3000,
 "estimated: one of six villages the 15th Division took on the eastern flank of the Tal Afar pocket on 12 Jun 2017 (shiite.news); placed at the midpoint of Atshana (OSM 2488245934) and Muwali (OSM 12819054684), two of the other three",
 "findings F8", "https://shiite.news/shiitenews/iraq/item/29032-iraqi-army-liberates-six-villages-in-isis-pocket-of-tal-afar/",None)
S['hasuna']=(2000,
 "estimated: taken with the Nineveh gas plant by the Federal Police advancing on the north-western axis from the Hulayla area toward the Haramat (Jawdat via tvbaghdad 24956, 4 May 2017); placed at the midpoint of Hulayla (OSM 2480199078) and Haramat",
 "findings F11: the statement names the two ends of the axis; 3.8 km apart", "https://tvbaghdad.tv/?p=24956",None)
S['dijla']=(3000,
 "estimated: freed with Hasuna, the gas plant and Haramat 1-4 in the 15 km2 the Federal Police took on the north-western axis (Jawdat via elmwatin 231479, 15 May 2017); placed on the Hulayla (OSM 2480199078)-Haramat axis, one third of the way from Haramat",
 "findings F11: only the axis and the 15 km2 are known, hence 3000 m", "https://elmwatin.com/231479",None)
S['rozbayan']=(3000,
 "estimated: besieged and stormed together with Kanuna in the Bashiqa area (Al Sumaria via irannewsgazette), cleared the same Sunday as Kanuna and Fadiliya (ARA News); placed at the midpoint of Kanuna (module row 159) and Fadiliya (OSM 12101256155), 4.2 km apart",
 "findings F12", "https://irannewsgazette.com/peshmerga-forces-recapture-2-villages-near-bashiqa/",None)
S['lazakah-power-station']=(2000,
 "estimated: the Lazzagah power station near the western shore of the Tigris (IraqiNews, 19 Feb 2017), placed at Lazakah village (OSM 12832908995), which lies 0.4 km from the Tigris",
 "findings F14: named for the village and by the river; the village point is the best anchor (colocated with lazakah)",
 "http://www.iraqinews.com/iraq-war/federal-police-target-tigris-shore-airport-western-mosul-offensive-launch/","lazakah")
S['al-rayan-hills']=(1500,
 "estimated: hills west of the Ghazlani base (Kurdistan24 10915, 23 Feb 2017) taken by the CTS before it reached the edge of al-Mamun (Rudaw 23022017); placed 1.5 km W of Ghazlani (module row 153), 0.9 km S of the Mamun point (wikimapia-mosul)",
 "findings F15", "https://www.kurdistan24.net/public/index.php/en/story/10915-Iraqi-forces-control-Mosul-airport,-encircle-west-coast",None)
S['al-kherba']=(3000,
 "estimated: village adjacent to Mosul airport taken by the 9th Armoured Division on 23 Feb 2017 (Shafaq via IraqiNews); side not stated: placed 1.5 km SSW of the airport point (wikimapia-mosul), toward the approach from Albu Saif, with a precision that covers the airport's perimeter",
 "findings F3/F15: adjacency only, so 3000 m", "http://www.iraqinews.com/iraq-war/iraqi-forces-2-villages-mosul-airport/",None)
S['al-alam-tal-afar']=(3000,
 "estimated: listed by Yarallah with Batisha, Khafaja, Upper Halabiya and Marazif as villages east of Tal Afar freed by the 16th Division on 20 Aug 2017 (PressTV; almaghribtoday); placed at the midpoint of Batisha (module row 569) and Upper Halabiya, the three located ones lying within 3 km of each other",
 "findings F5", "https://presstv.ir/Detail/2017/08/20/532345/Iraqi-forces-recapture-neighborhoods-Tal-Afar-Daesh-Takfiri-terrorists",None)
S['khafajah']=(3000,
 "estimated: listed by Yarallah with Batisha, al-Alam, Upper Halabiya and Marazif as villages east of Tal Afar freed by the 16th Division on 20 Aug 2017 (PressTV; almaghribtoday); placed at the midpoint of Batisha (module row 569) and Marazif",
 "findings F5", "https://presstv.ir/Detail/2017/08/20/532345/Iraqi-forces-recapture-neighborhoods-Tal-Afar-Daesh-Takfiri-terrorists",None)
S['abra-kabira']=(3000,
 "estimated: Greater Abra, the twin of Lesser Abra (module row 549), both freed on the western axis on 20 Aug 2017 (Jawdat via PressTV); placed 1.5 km N of Abra Saghira (side not known)",
 "findings F5: twin villages; the reported set of four Abras", "https://presstv.ir/Detail/2017/08/20/532345/Iraqi-forces-recapture-neighborhoods-Tal-Afar-Daesh-Takfiri-terrorists",None)
S['abra-al-najjar']=(3000,
 "estimated: one of the four Abra villages (al-Najjar, Hanash, Greater and Lesser Abra) the Federal Police and PMF freed on the western axis on 20 Aug 2017 (Jawdat via PressTV); placed 1.5 km ESE of Abra Saghira (module row 549), toward Tal Afar (side not known)",
 "findings F5", "https://presstv.ir/Detail/2017/08/20/532345/Iraqi-forces-recapture-neighborhoods-Tal-Afar-Daesh-Takfiri-terrorists",None)
S['abra-hanash']=(3000,
 "estimated: one of the four Abra villages (al-Najjar, Hanash, Greater and Lesser Abra) the Federal Police and PMF freed on the western axis on 20 Aug 2017 (Jawdat via PressTV); placed 1.5 km WSW of Abra Saghira (module row 549) (side not known)",
 "findings F5", "https://presstv.ir/Detail/2017/08/20/532345/Iraqi-forces-recapture-neighborhoods-Tal-Afar-Daesh-Takfiri-terrorists",None)
S['jaber-ibn-hayyan-rashidiya']=(3000,
 "estimated: military-industry site north of Mosul near Rashidiya (15th Division officer via Anadolu, ksaplayers 5638743); placed 1.5 km N of Rashidiya (module row 25)",
 "findings F16", "https://ksaplayers.com/Ksahome/NewsDetial/?nid=5638743",None)
S['thari-karah']=(3000,
 "estimated: the village that names the Thar Karah (Sahl Sinjar) air base (Ameri via yemenpress: 'Qairawan to Thar Karah airport'), taken by the PMF 41st Brigade on 16 May 2017 two days before the base; placed at the base (module row 884)",
 "findings F17 (colocated with sahl-sinjar-air-base)", "https://dev.iraqinews.com/blog/2017/05/16/villages-liberated-qairawan-west-mosul","sahl-sinjar-air-base")
rows=[]
for i,(prec,cs,reason,src,col) in S.items():
    p=P[i]; assert p['coord_source'].startswith('unlocated'), i
    if cs.startswith('wikipedia-module'):
        import sys; sys.path.insert(0,'tmp'); from ref import mod
        r=[m for m in mod if 'wikipedia-module:row '+m['row']==cs][0]; lat,lon=r['lat'],r['lon']
    else:
        lat,lon=('%.4f'%pos[i][0]),('%.4f'%pos[i][1])
    rows.append([i,'lat','',lat,reason,src])
    rows.append([i,'lon','',lon,reason,src])
    rows.append([i,'coord_precision_m','',str(prec),reason,src])
    rows.append([i,'coord_source',p['coord_source'],cs,reason,src])
    if col: rows.append([i,'colocated','',col,reason,src])
# bawabat-al-sham: corrected unlocated text
b=P['bawabat-al-sham']
rows.append(['bawabat-al-sham','coord_source',b['coord_source'],
 "unlocated: 'Syria Gate', the north-western entrance of Mosul where the highway to Tal Afar begins (Reuters via rawabetcenter 41956), retaken by the 9th Division with al-Rihani on 1 Mar 2017 (Bas News via IraqiNews); not by Badush; no page ties it to a located point of the NW edge",
 "findings F13: the old text read 'near Badush'; the gate is the city's NW entrance","https://rawabetcenter.com/archives/41956"])
with open('fixes.csv','w',newline='') as f:
    w=csv.writer(f,lineterminator='\n'); w.writerow(['id','field','old','new','reason','source']); w.writerows(rows)
print(len(rows),'rows,',len(S),'places located')
