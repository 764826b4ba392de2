//! Ids for what a schedule file names: a pack's ids are
//! `[A-Za-z0-9_-]{1,64}`; a schedule's guids and numbers fit as they are,
//! anything else (a person known only by name, an id with spaces) becomes a
//! slug: ASCII letters and digits, lower-case, words joined by `-`, other
//! scripts transliterated (张伟 → `zhang-wei`, José → `jose`). A slug
//! depends only on the text, so the same name gives the same id in every
//! build.

use pinyin::ToPinyin;

const MAX_ID: usize = 64;

/// Whether `text` is an id a pack accepts as it is.
pub fn is_id(text: &str) -> bool {
    (1..=MAX_ID).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `text` as an id: itself when it is one, else its slug; `None` when no
/// letter or digit is left.
pub fn id_of(text: &str) -> Option<String> {
    if is_id(text) {
        Some(text.to_owned())
    } else {
        slug(text)
    }
}

/// The slug of `text`: `"Dr. José Müller"` → `dr-jose-muller`.
pub fn slug(text: &str) -> Option<String> {
    // Chinese by its most common reading, as the directory's pinyin reads
    // it (deunicode reads 娜 as "nuo"); every other script by deunicode.
    let mut spelled = String::with_capacity(text.len());
    for c in text.chars() {
        match c.to_pinyin() {
            Some(reading) => {
                spelled.push(' ');
                spelled.push_str(reading.plain());
                spelled.push(' ');
            }
            None => spelled.push(c),
        }
    }
    let ascii = deunicode::deunicode_with_tofu(&spelled, " ");
    let mut slug = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        let room = MAX_ID.saturating_sub(slug.len() + usize::from(!slug.is_empty()));
        if room == 0 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().take(room).map(|c| c.to_ascii_lowercase()));
    }
    (!slug.is_empty()).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_and_numbers_are_ids_as_they_are() {
        assert!(is_id("8079583e-8321-506c-95af-fd2903a5f075"));
        assert!(is_id("6245"));
        assert!(!is_id("talk 12"));
        assert!(!is_id(&"a".repeat(65)));
        assert_eq!(id_of("NQTF8Y").as_deref(), Some("NQTF8Y"));
    }

    #[test]
    fn names_become_stable_slugs() {
        assert_eq!(slug("张伟").as_deref(), Some("zhang-wei"));
        assert_eq!(slug("李娜").as_deref(), Some("li-na"));
        assert_eq!(slug("Lisa 王").as_deref(), Some("lisa-wang"));
        assert_eq!(slug("Dr. José Müller").as_deref(), Some("dr-jose-muller"));
        assert_eq!(slug("talk 12").as_deref(), Some("talk-12"));
        assert_eq!(slug("  ?! "), None);
        let long = slug(&"word ".repeat(40)).unwrap();
        assert!(long.len() <= MAX_ID && is_id(&long), "{long}");
        assert!(!long.ends_with('-'));
    }
}
