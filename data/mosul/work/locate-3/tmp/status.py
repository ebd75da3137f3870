import csv
ps=[p for p in csv.DictReader(open('tmp/places.before.csv')) if p['coord_source'].startswith('unlocated')]
fx=list(csv.DictReader(open('fixes.csv')))
loc={r['id']:{} for r in fx if r['field']=='lat'}
for r in fx:
    if r['id'] in loc: loc[r['id']][r['field']]=r['new']
why={
'shishan':'east-Mosul district known only from the CTS list of 22 districts (27 Nov 2016); searches in Arabic and English found no page placing it (F4, F18)',
'ulamaa':'cleared by the CTS with al-Muharibin and al-Muallimin (emiratesvoice, F4), but Muharibin is a northern sector estimate and moallemin-east a south-eastern one: no anchor within 3 km',
'shuhada-east':'Musings day 45/51 date it but name no neighbour; no page places it (F18)',
'mosul-free-zone':'"the free zone (trade exchange) in the northern axis" only (hathalyoum 1211694, F18)',
'badush-residential-complex':'freed with al-Jadida and al-Damerji al-Saghira (east of Badush) and Arheiya; which complex is meant is unknown; "west of Badush" was a misreading (F18)',
'bawabat-al-sham':'the north-western entrance (gate) of Mosul where the Tal Afar highway starts, not a village by Badush (F13); no page ties it to a located point; coord_source corrected in fixes.csv',
'mosul-tal-afar-road':'a 60 km road, not a point',
'sherka':'a "region west of Mosul" (seed) or the desert west of Shirqat: not a point, side unknown',
'tal-afar-district':'the whole administrative district (declaration event): not a point',
'tel-shana':'a hill in Salahuddin province, outside the reference layers and the area of the pages read',
'bostan-radif':'named only with Um Gharba "west of Mosul" (seed); neither is in any reference',
'al-mashraf':'named with Bajwaniya and al-Hud, 17 km apart; the module Mashraf is near Rabia (F18)',
'al-sirt':'named with Bajwaniya and al-Hud, 17 km apart (F18)',
'azabiya':'named with Saran and Hanka, 8.5 km apart (F18)',
'khadheir':'only "north and east of Mosul" in the Peshmerga list (iqnews 3983)',
'qashqala':'named with Tel Hameed, Karkasha, Abzakh, Suteih: up to 4.6 km from their centroid, more than the 3000 m cap (F18)',
'suxra':'named with eight Khazir villages spread over 12 km (F18)',
'mishraqa-ulya':'named with the 27 June list spanning two clusters 8 km apart (F9)',
'mishraqa-sufla':'as mishraqa-ulya (F9)',
'alawiya-tal-afar':'al-Aluliya (العلولية) in Elaph; one of 14 villages east of al-Ayadiya whose located companions spread 15 km (F10)',
'khuwaytila':'as alawiya-tal-afar (F10); a Khuweitlah west of Ashwa (Dec 2016) is probably another village',
'kusayr':'as alawiya-tal-afar (F10)',
'tal-muhammad':'as alawiya-tal-afar (F10)',
'al-wailiya-tal-afar':'as alawiya-tal-afar (F10)',
'jabbara':'one of five CTS villages "south-west of the town"; only Tal Rihal (9 km WSW) is located, nothing ties the others within 3 km of it (F6)',
'hussein-idris':'as jabbara (F6)',
'al-mulla-tal-afar':'as jabbara (F6)',
'al-majeed-tal-afar':'as jabbara (F6)',
'mulla-jassim':'western axis (Federal Police officer) vs listed with Tuwaym and Majarin, 23 km east (IraqiNews); "outskirts of Tal Afar" (JOC): disagreement, side unresolved (F6)',
'abrat-aziz':'as mulla-jassim: western axis vs listed with Tuwaym/Majarin (F6)',
'muhsin-al-abadi':'western axis of Tal Afar, day two; no anchor within 3 km (F6)',
'wairan':'"outskirts of Tal Afar" (JOC) and "west of Tal Afar" (PMF via Radio Sawa): no anchor (F18)',
'hamra-al-arab':'freed with Asheq, Sheikh Ibrahim and Ain Wah, spread over 23 km (F18)',
'tal-al-qassab':'named in the day-one list of western and south-western villages (Abras, Qizil Quyu, Qasr Mihrab), 8 km apart; no anchor',
'tal-al-saban':'"western Tal Afar district" only; Qara Tapa, encircled to its south-west, is not located',
'musheirafa':'"west of Mahalabiya" only; search 30 found nothing more',
'tal-al-dala':'"south of the Qairawan region" (IraqiNews); the sub-district is 30 x 45 km (F2)',
'tal-al-sultan':'"south of the region" (IraqiNews) (F2)',
'tal-ezzo':'"south-east of the region" (IraqiNews) (F2)',
'umm-hijara':'"east of Qairawan" only; the module/OSM Umm Hajira villages are 55 km east and already in places.csv (F2)',
'mughir-al-abed':'"east of Qairawan" only (F2)',
}
lines=['# locate-3 status','',
'Brief: give positions to the 61 `unlocated` places with events. Search calls used: see the end.','']
n=len(loc)
lines.append(f'**Located: {n} of 61** (1 from a reference row, {n-1} estimated between or beside located places the sources name); **left unlocated: {61-n}** (reasons below). One more fix row corrects the unlocated text of bawabat-al-sham.')
lines.append('')
lines.append('| id | result | lat | lon | precision m | how |')
lines.append('|---|---|---|---|---|---|')
for p in ps:
    i=p['id']
    if i in loc:
        d=loc[i]; how=d['coord_source']
        lines.append(f"| {i} | located | {d['lat']} | {d['lon']} | {d['coord_precision_m']} | {how[:160].replace('|','/')}{'…' if len(how)>160 else ''} |")
    else:
        lines.append(f"| {i} | unlocated | | | | {why.get(i,'?')} |")
open('status.md','w').write('\n'.join(lines)+'\n')
missing=[p['id'] for p in ps if p['id'] not in loc and p['id'] not in why]
print('missing reasons:',missing)
