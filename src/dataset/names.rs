//! Name resolution: sources spell one place many ways (Hamam al-Alil, Hammam al-'Alil;
//! Intisar, al-Intissar, Hay Intisar). Names are compared by a *folded* key, and a name
//! that matches nothing or more than one place is answered with the closest known names.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Arabic articles as they are transliterated, with the sun-letter assimilations, and words
/// that sources put before a district name or leave out at will.
const DROPPED_WORDS: &[&str] =
    &["al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "dh", "hay", "hayy", "the"];

/// Folds a name into the key names are compared by.
///
/// Compatibility-normalises, strips diacritics and apostrophes, lowercases, drops articles and
/// "hay", collapses doubled letters (Hammam, Intissar), drops a word-final "h" after a vowel
/// (Rashidiyah) and joins the words. Latin and other scripts are transliterated to ASCII;
/// Arabic stays Arabic (transliteration would drop the ain and merge different names, such
/// as حي العربي and حي الربيع), with its letter variants unified and its article and حي
/// dropped.
///
/// ```
/// use frontline::dataset::names::fold;
/// assert_eq!(fold("Hammam al-'Alil"), fold("Hamam al-Alil"));
/// assert_eq!(fold("Hay al-Intissar"), fold("Intisar"));
/// assert_eq!(fold("حي الانتصار"), fold("الإنتصار"));
/// ```
pub fn fold(name: &str) -> String {
    let stripped: String =
        name.nfkd().filter(|c| !is_combining_mark(*c) && !is_apostrophe(*c)).collect::<String>().nfkc().collect();
    let mut spelled = String::with_capacity(stripped.len());
    for c in stripped.chars() {
        match arabic_letter(c) {
            Some(letter) => spelled.extend(letter),
            None => spelled.push_str(deunicode::deunicode_char(c).unwrap_or("")),
        }
    }
    spelled
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !DROPPED_WORDS.contains(word))
        .map(|word| if word.is_ascii() { fold_word(word) } else { fold_arabic_word(word) })
        .collect()
}

/// An Arabic letter in its unified form (hamza-carrying alefs as bare alef, ta marbuta as ha,
/// alef maqsura as ya); `Some(None)` for the tatweel, which only stretches a word; `None`
/// for anything that is not an Arabic letter.
fn arabic_letter(c: char) -> Option<Option<char>> {
    match c {
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => Some(Some('\u{0627}')),
        '\u{0629}' => Some(Some('\u{0647}')),
        '\u{0649}' => Some(Some('\u{064A}')),
        '\u{0640}' => Some(None),
        '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' => Some(Some(c)),
        _ => None,
    }
}

/// Drops the article ال from an Arabic word, and the word حي (neighbourhood) altogether.
fn fold_arabic_word(word: &str) -> String {
    if word == "\u{062D}\u{064A}" {
        return String::new();
    }
    match word.strip_prefix("\u{0627}\u{0644}") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => word.to_string(),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02BB}' | '\u{02BC}' | '\u{02BE}' | '\u{02BF}' | '\u{00B4}')
}

fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if out.ends_with(c) && c.is_ascii_alphabetic() {
            continue;
        }
        out.push(c);
    }
    if out.len() > 2 && out.ends_with('h') {
        let before = out.as_bytes()[out.len() - 2];
        if b"aeiou".contains(&before) {
            out.pop();
        }
    }
    out
}

/// What a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<T> {
    Found(T),
    /// More than one entry carries the name.
    Ambiguous(Vec<T>),
    /// Nothing carries the name; the closest entries come first.
    Unknown(Vec<T>),
}

/// An index from folded names to entries (place indices in the gazetteer).
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    keys: BTreeMap<String, Vec<usize>>,
}

/// How many suggestions an unknown name gets.
const SUGGESTIONS: usize = 3;

impl NameIndex {
    /// Adds `name` as a way to refer to `entry`. Empty names are ignored.
    pub fn insert(&mut self, name: &str, entry: usize) {
        let key = fold(name);
        if key.is_empty() {
            return;
        }
        let entries = self.keys.entry(key).or_default();
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    }

    /// Resolves a name; see [`fold`] for what counts as the same name.
    pub fn resolve(&self, name: &str) -> Resolution<usize> {
        let key = fold(name);
        match self.keys.get(&key).map(Vec::as_slice) {
            Some([one]) => Resolution::Found(*one),
            Some(many) if !many.is_empty() => Resolution::Ambiguous(many.to_vec()),
            _ => Resolution::Unknown(self.closest(&key)),
        }
    }

    /// Names that fold to the same key but belong to different entries.
    pub fn shared_keys(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.keys.iter().filter(|(_, e)| e.len() > 1).map(|(k, e)| (k.as_str(), e.as_slice()))
    }

    fn closest(&self, key: &str) -> Vec<usize> {
        let mut scored: Vec<(f64, &str, usize)> = self
            .keys
            .iter()
            .flat_map(|(k, entries)| {
                let score = strsim::jaro_winkler(key, k);
                entries.iter().map(move |&e| (score, k.as_str(), e))
            })
            .collect();
        // Best score first; ties by key then entry keep suggestions deterministic.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        for (_, _, entry) in scored {
            if !out.contains(&entry) {
                out.push(entry);
            }
            if out.len() == SUGGESTIONS {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(fold(a), fold(b), "{a:?} and {b:?} should fold alike");
    }

    #[test]
    fn spellings_from_the_sources_fold_alike() {
        same("Hamam al-Alil", "Hammam al-'Alil");
        same("Hammam al-ʿAlil", "HAMMAM ALIL");
        same("Intisar", "Intissar");
        same("al-Intisar", "Hay Intisar");
        same("Hay al-Intisar", "intisar");
        same("Rashidiyah", "Rashidiya");
        same("Qayyarah", "Qayara");
        same("Tall ‘Afar", "Tal Afar");
        same("Barţalah", "Bartala");
        same("as-Salam", "Salam");
    }

    #[test]
    fn different_places_stay_different() {
        assert_ne!(fold("Bashiqa"), fold("Bazwaya"));
        assert_ne!(fold("Karama"), fold("Karamlesh"));
        assert_ne!(fold("Qadisiya"), fold("Qadisiya 2"));
    }

    #[test]
    fn arabic_names_fold_consistently() {
        same("الموصل", "موصل");
        same("حي الزهور", "الزهور");
        same("الإنتصار", "الانتصار");
        same("تلعفر", "تلـعفر");
        assert_ne!(fold("حي العربي"), fold("حي الربيع"), "the ain tells them apart");
        assert_ne!(fold("الموصل"), "");
    }

    fn index() -> NameIndex {
        let mut index = NameIndex::default();
        for (i, names) in [
            &["Bartella", "Bartalah"][..],
            &["Bashiqa", "Bashiqah"],
            &["Tel Keppe", "Tel Kayf", "Tilkaif"],
            &["Intisar (west)", "Intisar"],
            &["Intisar", "al-Intissar"],
        ]
        .iter()
        .enumerate()
        {
            for name in *names {
                index.insert(name, i);
            }
        }
        index
    }

    #[test]
    fn aliases_resolve() {
        assert_eq!(index().resolve("Tel Kayf"), Resolution::Found(2));
        assert_eq!(index().resolve("tel-keppe"), Resolution::Found(2));
    }

    #[test]
    fn shared_names_are_ambiguous() {
        assert_eq!(index().resolve("Hay al-Intisar"), Resolution::Ambiguous(vec![3, 4]));
        assert_eq!(index().shared_keys().count(), 1);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        match index().resolve("Bartla") {
            Resolution::Unknown(closest) => assert_eq!(closest[0], 0),
            other => panic!("expected Unknown, got {other:?}"),
        }
    }

    #[test]
    fn empty_names_are_unknown() {
        assert!(matches!(index().resolve("  "), Resolution::Unknown(_)));
    }
}
