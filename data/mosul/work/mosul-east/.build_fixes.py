import csv
W='/work/main/data/mosul/work/mosul-east/'
P={r['id']:r for r in csv.DictReader(open('/work/main/data/mosul/places.csv'))}
rows=[]
def pos(pid,lat,lon,prec,src,reason,url):
    old=P[pid]
    rows.append([pid,'lat',old['lat'],lat,reason,url])
    rows.append([pid,'lon',old['lon'],lon,'see lat',url])
    rows.append([pid,'coord_precision_m',old['coord_precision_m'],prec,'see lat',url])
    rows.append([pid,'coord_source',old['coord_source'],src,'see lat',url])
def fld(pid,field,new,reason,url):
    rows.append([pid,field,P[pid][field] if pid in P else '',new,reason,url])
ALM='https://www.almasryalyoum.com/news/details/1068615'
pos('gharfan','36.3250','43.1720','1000',"estimated: al-Ghufran (=Gharfan, ex-Baath) lies SW of al-Wahda on the Tigris (Yarallah via almasryalyoum 1068615) and ~500 m from the Fourth Bridge road (Musings day 83); placed ~1 km WSW of the Wahda point (wikimapia-mosul:Al Wahida) toward the Fourth Bridge; kept east of the basemap's Tigris line, which runs east of the river here",
    "unlocated district located: Yarallah (al-Masry al-Youm, 7 Jan 2017) puts al-Ghufran SW of al-Wahda overlooking the Tigris; Musings day 83 has the CTS 500 m from the Fourth Bridge when taking it",ALM)
fld('gharfan','aliases','al-Gharfan;Baath district;al-Baath;Ghufran;al-Ghufran;Ghufron','Wing and Yarallah spell it Ghufran (الغفران)',ALM)
# saha
AL1='http://en.alalam.ir/news/1905787/new-video-iraqi-forces-make-advance-in-mosul-eastern-intisar-dist'
pos('saha','36.3320','43.2330','1500',"estimated: south-eastern district beside Intisar in the Federal Police sector, liberated with it on 1 Jan 2017 (Maj Gen Ali Lami via Reuters, alalam 1905787); placed ~0.7 km S of the Intisar estimate",
    "unlocated district located: the Federal Police took it together with Intisar on 1 Jan 2017 (Reuters: 'Intisar and Siha'; Ali Lami: 'Intisar ... as well as the Saha neighbourhood')",AL1)
fld('saha','aliases','al-Saha;Saha (east)','conflation: Sihha/al-Sihha/Siha (الصحة) are the west-bank al-Sihha (sihha-west); keep only الساحة forms on the east-bank place. Reuters writes Siha for this SE district but that spelling collides with sihha-west',AL1)
rows.append(['saha','event','2016-12-09,day,saha,gov,captured,,Iraqi forces,seed:December 2016...','delete; replaced by 2017-01-01 captured (Federal Police) in events.csv',"the CTS statement of 9 Dec names al-Adl, al-I'lam and al-Ta'mim (alwaght 77794), Musings day 54 'Adil, Tamim, Alam'; the seed's 'Saha, Adel and Tahrir' is a misreading. Its 9 Dec capture belongs to the new places ilam and tamim (events.csv); Saha itself was taken 1 Jan 2017",'https://alwaght.net/ar/News/77794/'])
fld('sihha-west','aliases','al-Sihha;Siha;Sahha;Sihha al-Ula;First Siha;al-Seha;Sahha 2nd;al-Sihha al-Thaniya','conflation: al-Saha/Saha (الساحة) is the east-bank south-eastern district taken with Intisar on 1 Jan 2017; keep only الصحة spellings on the west-bank place so that the names stop resolving to both','http://en.alalam.ir/news/1905787/new-video-iraqi-forces-make-advance-in-mosul-eastern-intisar-dist')
# qadisiya split
KSA='https://ksaplayers.com/Ksahome/NewsDetial/?nid=5162097'
fld('qadisiya','name','al-Qadisiya al-Thaniya','split: the place is Qadisiya 2 (next to Arbajiya, taken by the CTS 12 Nov per Yarallah); Qadisiya 1 becomes the new place qadisiya-1 (entered 11 Nov, finished 9-10 Dec)',KSA)
fld('qadisiya','aliases','al-Qadisiya al-Thaniya;Qadisiya al-Thaniya;Qadisiya 2;Qadesiyya;Second Qadisiya','split: generic Qadisiya/al-Qadisiyah spellings removed so that they do not name both halves; events use ids',KSA)
rows.append(['qadisiya','event','2016-11-11 contested (seed) + 2016-11-11 captured (Musings day 27)','keep both on qadisiya (Qadisiya 2)','Yarallah (12 Nov, ksaplayers 5162097) says CTS took Arbajiya and Qadisiya 2; the Nov 11-12 liberation claims fit Qadisiya 2. Qadisiya 1 gets its own events (qadisiya-1: contested 11 Nov, captured 9 Dec)',KSA])
# nasr split
AW='http://alwaght.com/en/news/82033/Iraqi-Army-Liberates-More-Regions-in-Mosul'
fld('nasr','name','al-Nasr (south-east)','split: the SE Nassir fought over with Salam, Palestine and Mufti since 17 Nov and freed 2 Jan is a different district from the central al-Nasr/al-Naser taken by the CTS with al-Faisaliya on 13 Jan (Yarallah via alwaght 82033); new place nasr-central',AW)
fld('nasr','aliases','Nassir;al-Nasr;Nasr (south-east);Nasir','split: al-Naser/Naser move to nasr-central',AW)
# malayin
fld('malayin','aliases','al-Milayeen;Milayeen;Malayeen;Million district','split: Malayyin al-Salasa and the November reports belong to the eastern al-Malayin (new place malayin-east, CTS 4 Nov); this place is the northern Milayeen by al-Binaa al-Jahiz on the Dohuk road, taken by the 71st Brigade on 22 Jan (Yarallah via alwaght 83321)','https://alwaght.net/en/News/83321/ContactUs')
rows.append(['malayin','event','2016-11-07,day,malayin,isil,besieged,gov,CTS (ISOF),seed:November 2016...','delete (or move to malayin-east only if the lead drops its 4 Nov capture)','the seed lists Malayyin al-Salasa with Karama, Khadra, Zahra, Karkuli, Aden and Zahabi: the eastern district, which the CTS statement of 4 Nov already claims (alalam 1881068). The northern Milayeen was not reached before January','https://en.alalam.ir/news/1881068'])
rows.append(['malayin','event','2017-01-01 captured (seed, "reported captured")','consider: the official capture is 22 Jan (Yarallah, 71st Brigade, with al-Binaa al-Jahiz)','seed 1 Jan is an unattributed report; Yarallah announced al-Milayeen on Sun 22 Jan (alwaght 83321). By rule 1 the 1 Jan row would be contested and 22 Jan captured','https://alwaght.net/en/News/83321/ContactUs'])
# kafaat
AW2='http://alwaght.com/en/news/82033/Iraqi-Army-Liberates-More-Regions-in-Mosul'
fld('kafaat','aliases',"al-Kafa'at;al-Kafaat al-Ula;Kafaat 1;al-Kefa'at al-Oula",'split: Yarallah (13 Jan) names al-Kefaat al-Oula (CTS); al-Kafaat al-Thaniya (army, 15 Jan, seed) is the new place kafaat-2',AW2)
# jazair
RUD='http://rudaw.net/english/middleeast/iraq/060120172'
pos('jazair','36.3665','43.1715','1000',"estimated: just south of al-Muthanna (Brig Shukr Nuaimi via Rudaw 6 Jan 2017; wikimapia-mosul:al-Muthanna 36.373889,43.171806)",
    'better source: Rudaw (6 Jan 2017) places al-Jazair south of al-Muthanna',RUD)
# derkazlih = numaniya (Allaf)
ALF='https://wwwallafblogspotcom.blogspot.com/2022/02/blog-post_24.html'
pos('derkazlih','36.3660','43.1610','2000',"estimated: Dargizliya, renamed al-Nu'maniya in 1951-52 (al-Allaf blog), is the 'Nu'maniya' the CTS took on 17 Jan 2017 while storming the adjacent al-Jazair (seed); placed ~0.9 km W of the Jazair position (just S of al-Muthanna, Rudaw); side of Jazair unknown",
    'unlocated district located via its other name: al-Nu\'maniya is adjacent to al-Jazair (seed)',ALF)
fld('derkazlih','aliases',"Dirkazliya;Derkazliya;al-Derkazlih;Dargizliya;al-Dargazliya;al-Nu'maniya (Mosul);Numaniya (east Mosul)","al-Allaf: the municipality renamed Dargizliya 'Mahallat al-Nu'maniya'; the seed lists both names on 17 Jan",ALF)
rows.append(['numaniya','merge','(south folder proposes numaniya -> east-Mosul district)','merge into derkazlih: drop the 17 Jan 2017 CTS event on numaniya (duplicate of derkazlih 17 Jan) and keep numaniya only as the Nimrud-area town, or delete it if the south split moves the town to numaniya-nimrud',"al-Allaf: Dargizliya = Mahallat al-Nu'maniya; both names captured by the CTS the same day",ALF])
# 7 Nisan
BUR='http://mail.burathanews.com/arabic/news/308898'
pos('7th-nissan','36.3910','43.1600','1500',"estimated: the CTS took al-Siddiq, 7 Nisan and al-Sukkar and linked up with the 16th Division in al-Hadbaa (Hussam al-Abbar, burathanews 308898; seed 12 Jan); placed between the Siddiq/Sukkar and Hadbaa estimates",
    'unlocated district located by the link-up described on 12 Jan 2017',BUR)
# ziraai
pos('ziraai','36.3600','43.1440','1000',"estimated: al-Zira'i contains the Grand Mosque (alwaght 82623: 'al-Zira'i with the Grand Mosque inside it'; Airwars ?p=31738: the Saddam mosque at the entrance of the Farms district); on the northern axis (tnanews 2450); placed ~0.3 km NE of the Grand Mosque point (wikimapia-mosul 36.357778,43.141667)",
    'unlocated district located: the Grand Mosque lies inside it','https://alwaght.net/ar/News/82623/')
# andalus
pos('andalus','36.3790','43.1310','1500',"estimated: taken with the Nineveh Oberoi hotel on the Tigris before the CTS entered the presidential palaces (alwaght 82623), fought over with al-Shurta on 16 Jan (seed) and shelled with Shurta and Muhandiseen (al-Ahram 1569993); placed ~0.5 km NNW of the Shurta point (wikimapia-mosul:al-Shorta)",
    'better source: the dataset put Andalus in the central-east with no locating page; three reports tie it to the riverside Oberoi hotel and to Shurta','https://alwaght.net/ar/News/82623/')
# souq al-ghanam
AJ='https://mail.aljaml.com/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82%20%D8%A7%D9%84%D8%B3%D9%8A%D8%B7%D8%B1%D8%A9%20%D8%B9%D9%84%D9%89%20%D8%AD%D9%8A%20%D9%86%D9%8A%D9%86%D9%88%D9%89%20%D9%88%D9%85%D9%86%D8%B7%D9%82%D8%A9%20%D8%A8%D8%A7%D8%A8%20%D8%A7%D9%84%D8%B4%D9%85%D8%B3%20%D9%88%D8%B3%D9%88%D9%82%20%D8%A7%D9%84%D8%A3%D8%BA%D9%86%D8%A7%D9%85%20%D8%A8%D8%B3%D8%A7%D8%AD%D9%84%20%D8%A7%D9%84%D9%85%D9%88%D8%B5%D9%84%20%D8%A7%D9%84%D8%A3%D9%8A%D8%B3%D8%B1'
pos('souq-al-ghanam','36.3560','43.1610','2000',"estimated: taken by the CTS on 17 Jan 2017 together with Nineveh al-Sharqiya and Bab Shams (Yarallah via aljaml/Alsumaria); placed ~0.7 km SW of the Bab Shams estimate by the east wall of Nineveh; only the sector is known",
    'unlocated district given a sector position (same statement as Bab Shams)',AJ)
# maliya
KSA2='https://ksa.ksa2day.com/Home/NewsDetails?NewsID=4727540'
pos('maliya','36.3400','43.1570','1000',"estimated: CTS Maj Gen al-Anzi (11 Jan 2017) put the new government complex near al-Maliya and had the forces move from al-Dhubbat (by the Fourth Bridge) toward al-Maliya (ksa2day 4727540); placed between the Fourth Bridge (evendo) and the government complex estimate in Faisaliya",
    'unlocated district located from a commander\'s description',KSA2)
# dhubbat east
pos('dhubbat-east','36.3360','43.1600','1000',"estimated: al-Dhubbat lies near the Fourth Bridge on the left bank (CTS Maj Gen al-Anzi, ksa2day 4727540); placed ~0.8 km NE of the bridge's east end (evendo 36.33264,43.15198)",
    'unlocated district located: CTS commander says it is near the Fourth Bridge on the left bank (not the west-bank al-Dubbat of the Hurriya bridge)',KSA2)
# moallemin east
pos('moallemin-east','36.3200','43.2050','2000',"estimated: south-eastern front, taken on 4 Jan 2017 with Sumer after Wahda (seed); placed between the Sumer and Domiz estimates; only the sector is known",
    'unlocated district given a sector position','seed:January 2017: Capturing east Mosul')
# senai east
pos('senai-east','36.3500','43.2150','2000',"estimated: taken by the CTS on 3 Jan 2017 with the Karama industrial neighbourhood, the Karama silo and a Mercedes workshop (seed); placed ~1.4 km SW of the Karama estimate; only the sector is known",
    'unlocated district given a sector position','seed:January 2017: Capturing east Mosul')
# palaces
PAL='https://alwaght.net/ar/News/82623/'
pos('palaces-area','36.3650','43.1300','1500',"estimated: on the east bank of the Tigris, raided by the CTS after al-Andalus and the Nineveh Oberoi hotel overlooking the river (alwaght 82623); placed between the Ghabat estimate and the Fifth Bridge (wikimapia-mosul)",
    'unlocated area located from the Oberoi/riverbank description',PAL)
# qousiyat
EF='https://www.elfagr.com/2322712'
pos('al-qousiyat','36.4150','43.0950','1500',"estimated: a locality in Rashidiya (Musings on Iraq day 97), the first area counted as a Mosul district from the north (Sputnik via elfagr 2322712); placed ~0.8 km NE of the Rashidiya point (wikipedia-module:row 25)",
    'unlocated village located within Rashidiya','http://musingsoniraq.blogspot.nl/')
rows.append(['karama','event','2017-01-24,day,karama,gov,captured,,Iraqi forces,seed:January 2017...(declaration sweep)','delete; replaced by 2017-01-02 captured (CTS) in events.csv','burathanews 308024: Karama fully freed on Mon 2 Jan 2017 after IS evacuated it on 1 Jan; the 24 Jan sweep (rule 7) no longer applies','https://mail.burathanews.com/arabic/news/308024'])
with open(W+'fixes.csv','w',newline='') as f:
    w=csv.writer(f,lineterminator='\n'); w.writerow('id,field,old,new,reason,source'.split(',')); w.writerows(rows)
print(len(rows))
