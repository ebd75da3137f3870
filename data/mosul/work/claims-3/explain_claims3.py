#!/usr/bin/env python3
"""Claims round 3: the `explained` cell of every claim this round added or re-measured that
the dataset differs from (run after apply_claims3.py, from the repo root). Keyed by date,
region, side, metric and value, which identify one row each."""
import csv

PATH = "data/mosul/claims.csv"
KM2_CITY = ("the dataset's West Mosul outline is 55 km2 and holds no ground without information "
            "(neutral 0 km2), so nothing lies 'behind the line' to add; the JOC's 10.5% = 12 km2 of "
            "16 May (L93 agrees as a share) implies a right bank of about 114 km2, twice the outline: "
            "the sources' km2 are of a larger city than the one the dataset draws, while the shares agree")
WHY = {
    ("2016-10-17/2016-10-19", "nineveh", "gov", "area_km2_liberated", "352"):
        "different units: the police's 352 km2 is its whole southern sector swept; the dataset's km2 for the police are the cells of the places whose capture names it (51 km2: most villages of the southern axis are recorded for the army or 'Iraqi forces', and open ground between villages more than 10 km apart is no information). All government forces together had 241 km2.",
    ("2016-10-30", "nineveh", "gov", "villages_captured", "8"):
        "dataset short of the sources (counts without names): the PMF's 8 villages of 30 Oct; the dataset has the 4 of Badr's named list (al-Jurn, Amrini, Salmani, Tal al-Zarka). Mehr's list of six (incl. Abu Jaradi) is dated only 'two days after' the start (30-31 Oct, applied on the 31st by rule 9); its other names have no reference point and no day.",
    ("2016-11-01", "nineveh", "gov", "area_km2_liberated", "30"):
        "different units: the PMF's 30 km2 'in the past hours'; the cells of the villages the PMF took that day are 102 km2 (desert villages several km apart, each standing for the ground halfway to its neighbours).",
    ("2016-11-02", "nineveh", "gov", "area_km2_liberated", "115"):
        "different units: the PMU's 115 km2 on its western axis; the cells of the villages the PMF took that day in the nineveh box are 61 km2 (part of the axis lies west of the box, and open ground more than 10 km from a village is no information).",
    ("2016-11-15", "east-mosul", "gov", "entered_area_share", "0.334"):
        "sources disagree: the interior ministry's 'more than a third' of the east bank on 15 Nov, against the army's end-of-November assessment of under 30% (L41, agrees) and the governor's quarter of 13 Nov (L30, agrees); the dataset has 16% held and 26% held or entered.",
    ("2016-11-14/2016-11-18", "all", "gov", "villages_captured", "16"):
        "different units: the 16 are the villages the PMF handed over to the army's 15th Division on 17 Nov (FNA/Iraqi News, 'recently taken', no window or names): a hand-over count, not captures in a window; the dataset has 7 PMF captures in 14-18 Nov (the phase-three statement of 20 Nov names more, dated only 14-20 Nov).",
    ("2016-11-14/2016-11-20", "all", "gov", "area_km2_liberated", "310"):
        "different units: the PMF's 310 km2 of phase three is the ground swept from the Adaya hills to the Tal Afar airbase, mostly open desert; the cells of the villages the PMF took those days are 170 km2. Compared with all government forces (316 km2) it agreed only because the army's and police's gains near Mosul the same week made up the difference.",
    ("2016-11-25/2016-11-30", "all", "gov", "villages_captured", "12"):
        "dataset short of the sources (counts without names): the PMF's 12 villages of 25-30 Nov; the dataset has the 8 its statements name (with Tal Abtan and Umm Nakhila of 26 Nov). Compared with all forces it agreed (10) only by counting two 9th Division villages south-east of Mosul.",
    ("2016-12-15", "east-mosul", "gov", "districts", "20"):
        "sources disagree: ISW's 'upwards of twenty' neighbourhoods cleared by the CTS in six weeks is its own judgement; the CTS's own count the same day was 40 of 56 (L49, agrees), and the dataset has 34 districts whose capture names the CTS.",
    ("2016-12-12/2016-12-15", "all", "gov", "villages_captured", "10"):
        "dataset short of the sources (counts without names): the PMF's 10 villages west of Tal Afar in 12-15 Dec; the JOC's seven of 13 Dec (Xinhua) and Musings' daily counts (8 on 11 Dec, 5 on 13 Dec, 4 on 14 Dec) give no names, and the dataset has the 4 PMF villages named for those days.",
    ("2017-01-07", "east-mosul", "gov", "entered_area_share", "0.88"):
        "sources disagree: a Ninewa council member's 88% on 7 Jan; Wing called it too optimistic (ISIL still in Sukar, Baladiyat, Hadbaa, Shurta, the university). The dataset has 57% held and 70% held or entered.",
    ("2017-02-19/2017-03-26", "west-mosul", "gov", "places_captured", "60"):
        "different units: Gulan's 60 'neighbourhoods and areas' of west Mosul since 19 Feb; the dataset has 30 places of every kind taken in its West Mosul outline (21 of them districts). Official lists divide the right bank more finely (99 neighbourhoods in the Arabic Wikipedia's reckoning, against the dataset's 89 west-bank places in the outline).",
    ("2017-04-17", "west-mosul", "gov", "entered_area_share", "0.75"):
        "sources disagree: a Ninewa councilman's 75% on 17 Apr; Wing's own reading of the government maps the same day was about 60% (L83, agrees), and the dataset has 46% held and 55% held or entered.",
    ("2017-02-19/2017-04-22", "nineveh", "gov", "area_km2_liberated", "274"):
        "different units: the Federal Police's 274 km2 is its sector of the west-Mosul front swept since 19 Feb (outskirts included); the cells of the places whose capture names the police are 59 km2 (the villages south of the airport are recorded for the army and the PMF). All government forces together gained 618 km2.",
    ("2017-02-19/2017-05-09", "all", "gov", "places_captured", "55"):
        "different units: the 9th Armoured Division's 55 'villages and areas' in 80 days count hills, factories, farms and road junctions; the dataset has 24 places of every kind whose capture names the division (32 villages for all forces).",
    ("2017-05-06/2017-05-16", "west-mosul", "gov", "area_km2_liberated", "15"):
        "different units: the police's 15 km2 include the parts of Iqtisadiyin and 17 Tammuz it held (80% of each, the same statement), which the dataset keeps contested until they were declared taken on 20 May, so no place in the city changed to the police in 6-16 May. All government forces gained 16 km2 (the CTS's north-western districts).",
    ("2017-02-19/2017-05-18", "nineveh", "gov", "area_km2_liberated", "291"):
        "different units: the Federal Police's 291 km2 is its sector of the west-Mosul front since 19 Feb (outskirts included); the cells of the places whose capture names the police are 67 km2. All government forces together gained 665 km2.",
    ("2017-05-20", "west-mosul", "gov", "districts", "57"):
        "different units: the CTS's 57 west-Mosul neighbourhoods count sub-neighbourhoods and areas (official lists give the right bank about 99 neighbourhoods, the dataset's outline 89 places); the dataset has 21 districts whose capture names the CTS, 41 for all forces.",
    ("2017-02-19/2017-05-20", "west-mosul", "gov", "places_captured", "80"):
        "different units: the Federal Police's 80 'areas' since February count streets, sites and sub-quarters; the dataset has 16 places of every kind in the West Mosul outline whose capture names the police (57 for all forces).",
    ("2017-05-27", "west-mosul", "isil", "districts", "3"):
        "different units: Yarallah's three neighbourhoods outside the Old City are the ones the last push was launched on that day: the dataset has Shifa (the army) and Sihha 1 (the CTS) entered on 27 May, so contested at the day's end, and Zanjili recorded as an area (the Zanjili/Shifa area), not a district; it has no district ISIL holds outright outside the Old City, and two it still fights in.",
    ("2017-05-29", "west-mosul", "isil", "districts", "3"):
        "different units: the same three areas as L98 (Zanjili, Saha, Shifa), which al-Saadi expected to take: Shifa and Sihha 1 contested since 27 May, Zanjili an area, not a district.",
    ("2016-10-29/2017-06-15", "all", "gov", "area_km2_liberated", "14000"):
        "different units: the PMU's 14,000 km2 west of Mosul by mid-June is the western desert to the Syrian border, which the territory rule leaves as no information; the cells of the places whose capture names the PMF are 2,493 km2.",
    ("2016-10-29/2017-06-15", "all", "gov", "villages_captured", "360"):
        "different units: the PMU's 360 villages by mid-June is close to the dataset's 370 villages in all; the count includes hamlets and farms no page names. The dataset has 122 villages whose capture names the PMF.",
    ("2016-10-17/2017-07-01", "all", "gov", "area_km2_liberated", "2604"):
        "different units: the Federal Police's 2,604 km2 since 17 Oct is its sectors swept, south of Mosul and on the west-Mosul front; the cells of the places whose capture names the police are 513 km2 (4,765 km2 for all government forces).",
    ("2016-10-17", "nineveh", "krg", "area_km2_liberated", "200"):
        "sources disagree: the seed gives Barzani's 200 km2 of the first day to the Peshmerga and the government together (L2, agrees as ISIL's loss); the KRG's representation gives it to the Peshmerga's nine villages alone (L155, agrees as a count), whose cells are 124 km2.",
    ("2016-11-26", "east-mosul", "gov", "districts_in", "38"):
        "dataset short of the sources (counts without names): Wing's tally of 38 neighbourhoods entered by 26 Nov names none of them; the dataset has 28 east-Mosul districts held or fought in, every one a digest names as entered or taken by then. His count of those secured (16, L157) agrees.",
    ("2016-11-29", "east-mosul", "gov", "districts_in", "41"):
        "dataset short of the sources (counts without names): Wing's 41 neighbourhoods entered by 29 Nov are not named; the dataset has 32 districts held or fought in. His 20 secured (L38) agree.",
    ("2017-05-21", "west-mosul", "isil", "districts", "7"):
        "sources disagree: an unnamed count of 7 by a Ninewa security committee member; the Golden Division and the Federal Police named four the same day (L166, agrees), and al-Masdar three on 20 May (L165, agrees).",
    ("2017-05-27", "mosul", "isil", "area_km2", "13"):
        "different units: Wing's 'roughly five square miles' (13 km2) along the Tigris; the dataset's ISIL-held cells are 2.7 km2 and the contested ones 2.8 km2. " + KM2_CITY + ".",
    ("2017-06-29", "old-city", "isil", "area_share", "0.5"):
        "sources disagree: Wing's 'roughly half' of the Old City still ISIL's on 29 Jun; after the day's captures (the Nuri mosque, Sarjkhana) the dataset has 21% ISIL-held and 14% contested, nearer the Federal Police's 70% taken of 28 Jun (L120); the army's half of 28 Jun (L119) agrees on that day.",
    ("2017-08-26", "tal-afar-city", "gov", "district_share", "0.857"):
        "sources disagree: Xinhua's 24 of 28 is a count from during the day; by its end the JOC put the city at 90% (L142, agrees) and Musings left two quarters to ISIL (L144, agrees); the dataset has 27 of 29 quarters held at the day's end.",
    ("2017-08-26", "tal-afar-city", "isil", "districts", "6"):
        "sources disagree: Yarallah's six quarters left is from during the day (before Muthanna 1 and 2, Bawari and the Qal'a fell); by its end Musings left two to ISIL (L144, agrees), as the dataset does.",
    ("2016-11-13", "east-mosul", "gov", "district_share", "0.2"):
        "different units: the governor's 10 of about 50 left-bank neighbourhoods (20%) is on a coarser list than the dataset's 90 east-bank districts, of which the government held 13 (14%) and had entered 9 more; his 25% of the area the same day agrees as held or entered (L30).",
    ("2017-01-16", "east-mosul", "isil", "districts", "0"):
        "sources disagree: the CTS's 'no more than five' neighbourhoods left on 16 Jan counts the eleven that Musings (Day 93) reports falling on 17 Jan; after them the mayor's 4-7 (L68) agrees with the dataset's 4. The dataset has 14 ISIL-held east-Mosul districts at the end of the 16th.",
    ("2017-06-17", "old-city", "isil", "area_km2", "3"):
        "different units: al-Abbar's 3 km2 is about the whole Old City; the dataset's Old City outline is 3.3 km2, of which on 17 Jun ISIL holds 1.9 km2 outright, 0.4 km2 are quarters entered but not taken and 1.0 km2 the quarters taken from the south and west since March.",
    ("2016-10-17/2017-07-01", "all", "gov", "places_captured", "190"):
        "different units: the Federal Police's 190 'areas' since 17 Oct count sites, streets and sub-quarters; the dataset has 67 places of every kind whose capture names the police (many captures on its axes are recorded for joint forces or the army).",
    ("2016-11-06", "nineveh", "gov", "villages_captured", "3"):
        "sources disagree: on the day: the digest of 6 Nov reports Hammam al-Alil and three villages near it taken by the police; the army and police statements the dataset follows date them (Sananik, Taqtaq, Zaftiya) to 5 Nov.",
    ("2016-11-06", "nineveh", "gov", "villages_captured", "4"):
        "dataset short of the sources (counts without names): the digest's four villages of the 9th and 16th Divisions on 6 Nov are not named, nor in its footnoted reports; no village taken by them that day is recorded.",
    ("2016-11-08", "nineveh", "gov", "villages_captured", "10"):
        "dataset short of the sources (counts without names): the digest's 10 southern villages of 8 Nov come from reports (Buratha's nine villages, Face Iraq) that no stored page names; Bawiza and Shallalat, which it footnotes, carry a 6-13 Nov range in the dataset (applied on the 13th).",
    ("2016-12-11", "all", "gov", "villages_captured", "8"):
        "dataset short of the sources (counts without names): the Hashd's 8 villages in the Tal Afar district on 11 Dec (al-Maalomah: 'six new villages west of Mosul') are not named; the dataset has the 2 named for that day.",
    ("2016-10-17/2016-10-31", "nineveh", "isil", "villages_lost", "123"):
        "dataset short of the sources (counts without names): the infobox's 123 settlements by 31 Oct are not listed; the dataset has 89 villages of the nineveh box lost by ISIL (95 in all) and the towns of those days, every one a stored report names with a date. The seed's 78 villages by 24 Oct (L16) is short in the same way.",
    # Round-2 reasons whose numbers moved when al-Faqqa got a position (claims-3/fixes.csv).
    ("2017-08-20", "tal-afar-district", "isil", "area_km2", "3206"):
        "different units: 3,206 km2 is the whole Tal Afar qadha, desert and the Kurdish-held Zummar included; the dataset's ISIL cells in the district polygon cover 450 km2: open ground more than 10 km from a village is no information under the territory rule.",
    ("2017-08-20", "tal-afar-district", "isil", "villages", "47"):
        "different units: about 47 villages in the Tal Afar operation area at launch; the dataset has 19 ISIL-held villages in the district polygon (35 in all). The figure is approximate and includes hamlets of the Ayadiya and Mahalabiya sub-districts no page names.",
    ("2017-08-26", "tal-afar-district", "isil", "villages", "7"):
        "sources disagree: Musings' 7 villages left on 26 Aug; the next day Xinhua's Yarallah statement lists 18 villages taken (14 east, 4 west of al-Ayadiya). The dataset (17 in the district) is with Yarallah.",
    # Round-2 reasons whose numbers had gone stale with later merges (the reason is unchanged).
    ("2016-10-17/2016-10-21", "nineveh", "isil", "area_km2_lost", "500"):
        "sources disagree: PressTV French's '500 kilometres' in five days (unit unclear); the dataset's ISIL loss by 21 Oct is 692 km2, between Barzani's 200 km2 on day one (agrees) and the Pentagon's 1,295 km2 by 24 Oct. The figures disagree with each other.",
    ("2016-10-17/2016-10-24", "nineveh", "isil", "area_km2_lost", "1295"):
        "different units: the Pentagon's ~500 sq mi (1,295 km2) lost by ISIL by 24 Oct; the dataset's 937 km2 are the cells of the villages recorded taken. US figures measure the area behind the front line; the territory rule gives no ground to places not recorded. (Also: 53 villages by 24 Oct against 78 reported, L16.)",
    ("2016-10-17/2016-12-03", "nineveh", "isil", "area_km2_lost", "5677"):
        "different units: the infobox's 5,677 km2 taken by 3 Dec; the dataset has 2,443 km2 in the nineveh box (2,981 km2 in all). The figure counts open desert the PMF swept west of Mosul, which the territory rule calls no information (no village within 10 km).",
    ("2016-10-17/2016-12-03", "nineveh", "isil", "villages_lost", "369"):
        "different units: 369 villages by 3 Dec is about as many as the 370 villages the dataset holds for the whole battle to August 2017; the count includes hamlets, farms and 'areas' no page names. The dataset counts named villages: 138 in the nineveh box by 3 Dec, 166 in all.",
    ("2017-02-19/2017-03-26", "nineveh", "gov", "area_km2_liberated", "259"):
        "different units: 259 km2 is five times the 55 km2 city outline, so it includes the countryside (region nineveh). The dataset's government gain there since 19 Feb is 553 km2: the cells of the villages taken south and west of Mosul (each village stands for the ground up to halfway to its neighbours, within 10 km), a larger area than the sources' swept ground.",
    ("2017-08-21", "all", "gov", "villages_captured", "6"):
        "sources disagree: the JOC spokesman's six villages of 21 Aug; Iraqi News' reports of the same day name ten taken on the western and south-western axes (Tal Rihal, Jabbara, al-Mulla, Hussein Idris, al-Majeed, Abrat Aziz, Mulla Jassim, Muhsin al-Abadi, Mayjarin, Tuwaym), which the dataset follows.",
}
MOSUL_KM2 = {  # round-2 rows about the ISIL area in km2, given the measured reason
    ("2017-05-16", "mosul", "isil", "area_km2", "12"): "different units: the JOC's 12 km2 left on 16 May; the dataset's ISIL-held cells are 4.9 km2 and the contested ones 2.4 km2. ",
    ("2017-05-29", "mosul", "isil", "area_km2", "9"): "different units: Rudaw's about 9 km2 on 29 May; the dataset's ISIL-held and contested cells are 2.7 + 2.8 km2. ",
    ("2017-06-02", "mosul", "isil", "area_km2", "10"): "different units: al-Hashimi's quarters within about 10 km2 on 2 Jun (before Sihha 1 fell that day); the dataset's ISIL-held and contested cells at the day's end are 2.7 + 2.0 km2. ",
}


def main():
    with open(PATH, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        cols, rows = reader.fieldnames, list(reader)
    found = set()
    for row in rows:
        key = (row["date"], row["region"], row["side"], row["metric"], row["value"])
        if key in WHY:
            row["explained"] = WHY[key]
            found.add(key)
        elif key in MOSUL_KM2:
            row["explained"] = MOSUL_KM2[key] + KM2_CITY[0].upper() + KM2_CITY[1:] + "."
            found.add(key)
    missing = (set(WHY) | set(MOSUL_KM2)) - found
    if missing:
        raise SystemExit(f"no claim for {sorted(missing)}")
    with open(PATH, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
