# helper kept in the work folder: regenerates places.csv / events.csv from the lists below
import csv
W='/work/main/data/mosul/work/mosul-east/'
PH="id,name,name_ar,aliases,kind,bank,lat,lon,coord_precision_m,coord_source,colocated".split(',')
EH="date,date_precision,place,side,status,opponent,actor,source,note".split(',')
A1881068='https://en.alalam.ir/news/1881068'
AW77794='https://alwaght.net/ar/News/77794/تحرير-ثلاثة-أحياء-جديدة-في-الموصل-مع-نهاية-المرحلة-الأولى-من-عمليات-تحرير-نينوى'
ISM='https://islamist-movements.com/38150'
SEEDJ='seed:January 2017: Capturing east Mosul'
places=[
 ["samah","Samah","حي السماح","al-Samah;Sammah;Sawah","district","east","36.3640","43.2390","1500","estimated: adjoins Gogjali on the city side together with Karama and Intisar (Lt Gen Shaghati, https://en.alalam.ir/news/1881068); placed ~1 km WNW of the Gogjali point (wikipedia-module:row 39)",""],
 ["malayin-east","al-Malayin (east)","حي الملايين","Malayin al-Thalatha;Malayyin al-Salasa;Malayeen (east)","district","east","36.3510","43.2380","2000","estimated: first-wave CTS district on the eastern edge, taken with Samah, Khadra, Karkukli, Quds and Karama (https://en.alalam.ir/news/1881068) and surrounded with Zahra, Aden and Zahabi (seed 7 Nov); only its sector is known, placed ~1.2 km SW of Gogjali (wikipedia-module:row 39)",""],
 ["qadisiya-1","al-Qadisiya al-Ula","حي القادسية الأولى","Qadisiya 1;al-Qadisiya al-Oula;Qadisiyah 1;First Qadisiya","district","east","36.3800","43.2230","1500","estimated: entered from al-Zahraa together with Qadisiya 2 (al-Alam https://alalam.ir/news/1884161/articles); placed between the Zahraa and Qadisiya-2 estimates",""],
 ["murur","al-Murur","حي المرور","Murur;Traffic district;al-Muroor","district","east","","","","unlocated: taken by the CTS with al-Qadisiya al-Ula on the eastern axis of the left bank on 10 Dec 2016 (Yarallah, https://elfagr.org/2381359; Musings day 55); no page places it",""],
 ["mishraq-east","al-Mishraq (east Mosul)","حي المشراق","Meshraq;Mishraq (east);al-Meshraq","district","east","","","","unlocated: east-Mosul area liberated on 10 Dec 2016 with Tamim, Qadisiya 1 and al-Murur by the Golden and 16th Divisions (Musings on Iraq day 55); not the Mishraq sulphur plant south of Mosul; no page places it",""],
 ["shuhada-east","al-Shuhada (east Mosul)","حي الشهداء","Shuhada (east)","district","east","","","","unlocated: east-Mosul neighbourhood attacked from 30 Nov and freed 6 Dec 2016 by the Golden Division (Musings on Iraq day 51); distinct from the west-bank al-Shuhada; no page places it",""],
 ["ilam","al-I'lam","حي الإعلام","Ilam;al-Ilam;Alam;al-Alam;Media district","district","east","","","","unlocated: taken by the CTS 2nd Special Operations Command with al-Adl and al-Ta'mim on 9 Dec 2016 (alwaght 77794); no page places it",""],
 ["tamim","al-Ta'mim","حي التأميم","Tamim;al-Tamim;Ta'mim;Tameem","district","east","36.3560","43.1850","1500","estimated: a street links al-Ta'mim with the garage area (seed 31 Dec; wikimapia-mosul Garage area 36.350851,43.172943) and the exhibitions area lies south of it (seed 3 Jan); a centre-east district (Musings on Iraq day 75); placed ~1.2 km NE of the garage point",""],
 ["barid","al-Barid","حي البريد","Barid;al-Bareed;Post district","district","east","36.3740","43.1930","2000","estimated: fought over and cleared together with al-Zuhur (al-Alam https://alalam.ir/news/1893624; Musings on Iraq days 44 and 50); placed ~0.9 km ESE of the Zuhur point (wikimapia-mosul:al-Zohour); adjacency not stated outright",""],
 ["amn","al-Amn","حي الأمن","Amn;Amin;al-Amin;Security district","district","east","","","","unlocated: taken 24 Nov 2016 with al-Qahira and the Green Apartments (Brig Gen Haider Fadhil, http://en.alalam.ir/news/1888992) and attacked with Qahira and Masarif on 25 Nov (Musings day 41); no page places it",""],
 ["muharibin","al-Muharibin","حي المحاربين","Muharibin;al-Muhariben","district","east","","","","unlocated: listed among the east and north-east districts retaken by 27 Nov 2016, fought over with Qahira and Masarif (https://islamist-movements.com/38150); no page places it",""],
 ["nahda","al-Nahda (east)","حي النهضة","Nahda (east);al-Nahdha","district","east","","","","unlocated: listed among the east and north-east districts retaken by 27 Nov 2016 (https://islamist-movements.com/38150); no page places it",""],
 ["hayakel","al-Hayakel","حي الهياكل","Hayakel;al-Hayakil","district","east","","","","unlocated: taken by the army on the northern front on 23 Dec 2016 with the police academy (in al-Qahira per the seed), the vehicle registration office and a cement factory (JOC via http://en.alalam.ir/news/1902085)",""],
 ["nasr-central","al-Nasr (central east)","حي النصر","al-Naser;Naser (central);al-Nasr (central)","district","east","36.3440","43.1640","1500","estimated: central east Mosul, taken on 13 Jan 2017 with al-Faisaliya and a Tigris bridge (Yarallah via http://alwaght.com/en/news/82033; seed 'al-Sadriya, al-Naser and al-Faisaliyah in the central part'); placed ~1 km E of the Faisaliya estimate",""],
 ["kafaat-2","al-Kafaat al-Thaniya","حي الكفاءات الثانية","Kafaat 2;al-Kafaat Thani;Kafa'at 2;al-Kafa'at al-Thaniya","district","east","","","","unlocated: northern-axis district whose capture on 15 Jan 2017 left the army in contact with the presidential palaces on the Tigris (Yarallah via https://ksaplayers.com/Ksahome/NewsDetial/?nid=5606458); the palaces' own position is an estimate",""],
 ["atshana-east","al-Atshana (east Mosul)","حي العطشانة","Uttshana;Atshana (east);al-Utshana","district","east","36.3600","43.1780","2000","estimated: taken by the CTS on 17 Jan 2017 with Nu'maniya while it stormed the adjacent al-Jazair (seed); placed ~1 km SE of the Jazair position (just S of al-Muthanna per Rudaw)",""],
 ["tawila","Tawila","قرية طويلة","Qaryat Tawilah;Tawilah;Tuwaila","village","east","36.407323","43.181242","300","osm:2488247228",""],
]
events=[
 ["2016-11-04","day","samah","gov","captured","isil","CTS",A1881068,"CTS statement (Fri 4 Nov) lists it among six eastern districts taken and flagged"],
 ["2016-11-04","day","malayin-east","gov","captured","isil","CTS",A1881068,"CTS statement (4 Nov) lists al-Malayeen among six eastern districts taken; not the northern Milayeen taken 22 Jan"],
 ["2016-11-11","day","qadisiya-1","gov","contested","isil","CTS","https://alalam.ir/news/1884161/articles","after Zahraa, CTS stormed Qadisiya 1, Qadisiya 2 and Arbajiya; Maj Gen al-Saadi said units were inside"],
 ["2016-11-24","day","amn","gov","captured","isil","CTS","http://en.alalam.ir/news/1888992","Brig Gen Haider Fadhil said Amn was taken with Qahira and the Green Apartments; Musings says it was still attacked on 25 Nov"],
 ["2016-11-27","day","muharibin","gov","contested","isil","Iraqi forces",ISM,"unattributed list: fought over until 26 Nov and retaken 27 Nov; no official statement found"],
 ["2016-11-03/2016-11-27","range","nahda","gov","contested","isil","Iraqi forces",ISM,"unattributed list of districts retaken by 27 Nov; no date or official statement found"],
 ["2016-11-30","day","barid","gov","contested","isil","Golden Division","http://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-50-dec-5-2016.html","digest: first entered 30 Nov, attacked again 5 Dec; CTS still clearing it with Zuhur in early December"],
 ["2016-12-09","day","ilam","gov","captured","isil","CTS (2nd Special Operations Command)",AW77794,"CTS statement: freed with al-Adl and al-Ta'mim on the afternoon of 9 Dec; Musings day 54 says it was the second time"],
 ["2016-12-09","day","tamim","gov","captured","isil","CTS (2nd Special Operations Command)",AW77794,"CTS statement; al-Assadi said phase one ended with Ta'mim and the rest of Qadisiya 1"],
 ["2016-12-09","day","qadisiya-1","gov","captured","isil","CTS",AW77794,"CTS commander al-Assadi: phase one completed with the remainder of Qadisiya 1; Yarallah announced it fully freed with al-Murur on the following Saturday"],
 ["2016-12-10","day","murur","gov","captured","isil","CTS; 16th Division","https://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-55-dec-10-2016.html","digest: a new gain on 10 Dec with Tamim, Meshraq and Qadisiya 1; Yarallah announced it freed with Qadisiya 1 on Saturday 10 Dec (elfagr 2381359)"],
 ["2016-12-10","day","mishraq-east","gov","captured","isil","CTS; 16th Division","https://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-55-dec-10-2016.html","digest lists Meshraq among four east-Mosul areas liberated on 10 Dec; no official statement found"],
 ["2016-12-23","day","hayakel","gov","captured","isil","Iraqi Army","http://en.alalam.ir/news/1902085","JOC statement: army retook the police academy, vehicle registration office, cement factory and al-Hayakel district"],
 ["2016-12-24","day","tawila","gov","captured","isil","Iraqi Army (71st and 76th Brigades)","http://en.alalam.ir/news/1902085","Qaryat Tawilah taken with the Zaytoun area; also Musings day 72 (71st and 76th Brigades, 24 Dec)"],
 ["2017-01-01","day","saha","gov","captured","isil","Federal Police","http://en.alalam.ir/news/1905787/new-video-iraqi-forces-make-advance-in-mosul-eastern-intisar-dist","Maj Gen Ali Lami: Intisar and the Saha neighbourhood liberated on the 4th day of phase two (Reuters: near-total control of Intisar and Siha)"],
 ["2017-01-13","day","nasr-central","gov","captured","isil","CTS","http://alwaght.com/en/news/82033/Iraqi-Army-Liberates-More-Regions-in-Mosul","Yarallah: CTS freed al-Nasr and al-Faisaliyah and took a Tigris bridge; seed lists al-Naser among central districts taken 13 Jan"],
 ["2017-01-15","day","kafaat-2","gov","captured","isil","Iraqi Army (northern axis)","https://ksaplayers.com/Ksahome/NewsDetial/?nid=5606458","Yarallah (Sun 15 Jan): northern-axis units freed it and reached the presidential palaces; also in the seed"],
 ["2017-01-02","day","karama","gov","captured","isil","CTS","https://mail.burathanews.com/arabic/news/308024","Karama and Quds reported fully freed on Mon 2 Jan; IS had pulled out of Karama the evening before"],
 ["2017-01-17","day","numaniya","gov","captured","isil","CTS",SEEDJ,"(already in events.csv on numaniya; listed here only if the split moves it) CTS took Nu'maniya and Uttshana districts"],
 ["2017-01-17","day","atshana-east","gov","captured","isil","CTS",SEEDJ,"CTS took the Uttshana district with Nu'maniya on the eastern front"],
 ["2016-11-30/2016-12-06","range","barid","gov","captured","isil","Golden Division","https://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-51-dec-6-2016.html","digest of 6 Dec calls Barid liberated before (entered 30 Nov); a Rudaw reporter was inside it on 6 Dec; no official statement found"],
 ["2016-12-06","day","ilam","gov","contested","isil","Golden Division","https://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-51-dec-6-2016.html","digest: Aalam, the 53rd neighbourhood reached, freed on 6 Dec; the CTS statement of full capture came on 9 Dec"],
 ["2016-11-30","day","shuhada-east","gov","contested","isil","Golden Division","https://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-51-dec-6-2016.html","digest: first attacked on 30 Nov"],
 ["2016-12-06","day","shuhada-east","gov","captured","isil","Golden Division","https://musingsoniraq.blogspot.com/2016/12/mosul-campaign-day-51-dec-6-2016.html","digest: freed on 6 Dec after attacks since 30 Nov; no official statement found"],
 ["2017-01-24","day","muharibin","gov","captured","isil","Iraqi forces",SEEDJ,"no official capture found; covered by the 24 Jan declaration (rule 7)"],
 ["2017-01-24","day","nahda","gov","captured","isil","Iraqi forces",SEEDJ,"no official capture found; covered by the 24 Jan declaration (rule 7)"],
]
# drop helper-only rows
events=[e for e in events if not e[8].startswith('(already')]
with open(W+'places.csv','w',newline='') as f:
    w=csv.writer(f,lineterminator='\n'); w.writerow(PH); w.writerows(places)
events.sort(key=lambda e:(e[0].split('/')[-1],e[2]))
with open(W+'events.csv','w',newline='') as f:
    w=csv.writer(f,lineterminator='\n'); w.writerow(EH); w.writerows(events)
print(len(places),len(events))
