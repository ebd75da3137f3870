//! The words of a frame in each language it can be drawn in: title, legend, caption,
//! description and furniture. Place names and side labels come from the dataset
//! (`name_ar`, `label_ar`, `title_ar`); everything else is here.

use jiff::civil::Date;

use crate::dataset::events::Status;
use crate::render::options::Lang;

/// Every fixed text of a frame. `{…}` marks a value filled in by [`fill`].
pub struct Words {
    pub legend_heading: &'static str,
    /// `{title}`, `{date}`
    pub title: &'static str,
    /// `{date}`, `{day}`, `{total}`
    pub subtitle: &'static str,
    /// `{n}`: the number of places in that state.
    pub contested_row: &'static str,
    pub besieged_row: &'static str,
    pub changed_row: &'static str,
    pub shading_row: &'static str,
    /// After the first names of a caption line: " and {n} more".
    pub and_more: &'static str,
    /// The last caption line of a busy day: "… and {n} more changes".
    pub more_changes: &'static str,
    pub no_information_row: &'static str,
    pub hatching_row: &'static str,
    pub low_confidence_row: &'static str,
    pub front_row: &'static str,
    pub base_row: &'static str,
    pub bridge_row: &'static str,
    pub landmark_row: &'static str,
    /// `{date}`
    pub changes_heading: &'static str,
    /// `{status}`, `{side}`
    pub held_by: &'static str,
    /// `{attacker}`, `{defender}`
    pub contested: &'static str,
    /// `{holder}`, `{besieger}`
    pub besieged: &'static str,
    /// `{holder}`
    pub besieged_unknown: &'static str,
    pub source: &'static str,
    /// `{lon}`, `{lat}`, `{version}`
    pub projection: &'static str,
    /// `{n}`, `{title}`, `{date}`
    pub description: &'static str,
    /// `{side}`, `{n}`
    pub holds: &'static str,
    pub contested_list: &'static str,
    pub besieged_list: &'static str,
    pub changed_list: &'static str,
    pub dropped_list: &'static str,
    pub north: &'static str,
    pub metres: &'static str,
    pub km: &'static str,
    /// Joins items of a list, and clauses of a sentence.
    pub comma: &'static str,
    pub semicolon: &'static str,
    pub months: [&'static str; 12],
    pub statuses: [&'static str; 5],
}

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::English => &ENGLISH,
            Lang::Arabic => &ARABIC,
        }
    }

    /// "24 January 2017", "24 كانون الثاني 2017".
    pub fn date(&self, date: Date) -> String {
        format!("{} {} {}", date.day(), self.months[date.month() as usize - 1], date.year())
    }

    pub fn status(&self, status: Status) -> &'static str {
        let index = Status::ALL.iter().position(|&s| s == status).expect("every status is in Status::ALL");
        self.statuses[index]
    }
}

/// `template` with each `{key}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (key, value)| text.replace(&format!("{{{key}}}"), value))
}

static ENGLISH: Words = Words {
    legend_heading: "Control of places",
    title: "{title}: control of places on {date}",
    subtitle: "Control of places on {date} · day {day} of {total}",
    contested_row: "Contested: attacker left, holder right ({n})",
    besieged_row: "Besieged: ring in the besieger's colour ({n})",
    changed_row: "Control changed on this date",
    shading_row: "Shading: the ground nearest each held place",
    and_more: " and {n} more",
    more_changes: "… and {n} more changes (all in the description and the viewer).",
    no_information_row: "Unshaded: no information (no place near)",
    hatching_row: "Hatching: contested area",
    low_confidence_row: "Faded, dashed: position estimated or date vague",
    front_row: "Front line between two sides",
    base_row: "Military base or airport",
    bridge_row: "Bridge",
    landmark_row: "Landmark",
    changes_heading: "Changed on {date} (highlighted):",
    held_by: "{status} by {side}",
    contested: "contested: {attacker} entered, {defender} holds",
    besieged: "besieged: held by {holder}, surrounded by {besieger}",
    besieged_unknown: "besieged: held by {holder}",
    source: "Source",
    projection: "Projection: transverse Mercator centred on {lon}°E {lat}°N. Made with frontline {version}.",
    description: "Map of {n} places of the {title} dataset as of {date}.",
    holds: "{side} holds {n}",
    contested_list: "Contested",
    besieged_list: "Besieged",
    changed_list: "Changed on this date",
    dropped_list: "Not labelled for lack of space",
    north: "N",
    metres: "m",
    km: "km",
    comma: ", ",
    semicolon: "; ",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    // In the order of Status::ALL.
    statuses: ["held", "captured", "withdrawn", "contested", "besieged"],
};

// Month names as written in Iraq (the Syriac-derived calendar names).
static ARABIC: Words = Words {
    legend_heading: "السيطرة على الأماكن",
    title: "{title}: السيطرة على الأماكن في {date}",
    subtitle: "السيطرة على الأماكن في {date} · اليوم {day} من {total}",
    contested_row: "متنازع عليه: المهاجم يساراً والمسيطر يميناً ({n})",
    besieged_row: "محاصَر: الحلقة بلون المحاصِر ({n})",
    changed_row: "تغيّرت السيطرة في هذا التاريخ",
    shading_row: "التظليل: الأرض الأقرب إلى كل مكان مسيطَر عليه",
    and_more: " و{n} أماكن أخرى",
    more_changes: "… و{n} تغييرات أخرى (كلها في الوصف وفي العارض).",
    no_information_row: "دون تظليل: لا معلومات (لا مكان قريب)",
    hatching_row: "التهشير: منطقة متنازع عليها",
    low_confidence_row: "باهت بحدّ متقطع: موقع تقديري أو تاريخ غير دقيق",
    front_row: "خط الجبهة بين طرفين",
    base_row: "قاعدة عسكرية أو مطار",
    bridge_row: "جسر",
    landmark_row: "معلم",
    changes_heading: "تغيّر في {date} (مميَّز):",
    held_by: "{status}: {side}",
    contested: "متنازع عليه: دخله {attacker} ويسيطر عليه {defender}",
    besieged: "محاصَر: بيد {holder} ويحاصره {besieger}",
    besieged_unknown: "محاصَر: بيد {holder}",
    source: "المصدر",
    projection: "الإسقاط: ميركاتور المستعرض حول {lon}° شرقاً و{lat}° شمالاً. أُعدّت بأداة frontline {version}.",
    description: "خريطة {n} مكاناً من بيانات {title} في {date}.",
    holds: "{side} يسيطر على {n}",
    contested_list: "متنازع عليها",
    besieged_list: "محاصَرة",
    changed_list: "تغيّرت في هذا التاريخ",
    dropped_list: "لم تُكتب أسماؤها لضيق المساحة",
    north: "ش",
    metres: "م",
    km: "كم",
    comma: "، ",
    semicolon: "؛ ",
    months: [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ],
    statuses: ["بيد", "سيطر عليه", "انسحب منه خصمه لصالح", "متنازع عليه", "محاصَر"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_each_language() {
        let date: Date = "2017-01-24".parse().unwrap();
        assert_eq!(Words::of(Lang::English).date(date), "24 January 2017");
        assert_eq!(Words::of(Lang::Arabic).date(date), "24 كانون الثاني 2017");
    }

    #[test]
    fn every_placeholder_is_filled() {
        let text = fill(ENGLISH.subtitle, &[("date", "1 May 2017"), ("day", "3"), ("total", "9")]);
        assert_eq!(text, "Control of places on 1 May 2017 · day 3 of 9");
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        let placeholders = |w: &Words| -> Vec<Vec<String>> {
            [w.title, w.subtitle, w.contested_row, w.besieged_row, w.changes_heading, w.held_by, w.contested]
                .iter()
                .chain([w.besieged, w.besieged_unknown, w.projection, w.description, w.holds].iter())
                .map(|t| {
                    let mut keys: Vec<String> =
                        t.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(k, _)| k.to_string()).collect();
                    keys.sort();
                    keys
                })
                .collect()
        };
        assert_eq!(placeholders(&ENGLISH), placeholders(&ARABIC));
    }
}
