//! Where a name files in the A–Z directory, in one language. A visitor
//! reading Chinese looks for 微软 under W, as a Chinese dictionary or phone
//! book orders names, by the pinyin of their characters; one reading
//! English looks for Microsoft under M. So each exhibitor has a key per
//! language, derived at import from its name in that language (or from
//! the pack's `sort_name` there, which overrides it): Han characters as
//! their toneless pinyin, a syllable a word (微软 → `wei ruan`, so 西安
//! `xi an` comes before 先 `xian` as in a dictionary), everything else
//! folded (lower case, accents and compatibility forms dropped: Ägypten →
//! `agypten`, ＩＢＭ → `ibm`, 绿 lü → `lu`), so that `COLLATE NOCASE`'s byte order is
//! the visitor's A–Z and a key's first letter is the rail's letter.
//!
//! A heteronym (多音字) takes its common reading, the `pinyin` crate's
//! first (the search index, `pinyin`, indexes the others): 重庆 files under
//! Z (zhong), as most Chinese sorting without a word dictionary does; a
//! pack that wants C gives `sort_name`.
//!
//! Tests are below and in `tests/core/directory.rs`.

use icu_normalizer::DecomposingNormalizerBorrowed;
use pinyin::{Pinyin, ToPinyin};

/// Whether `language` is a Chinese one (`zh`, `zh-Hans`, `zh-CN`).
pub fn is_chinese(language: &str) -> bool {
    language == "zh" || language.starts_with("zh-")
}

/// Whether `name` has a character read in pinyin.
pub fn has_han(name: &str) -> bool {
    name.chars().any(|c| c.to_pinyin().is_some())
}

/// The A–Z key of `name`.
pub fn of(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 2);
    // Whether the last thing written was a syllable, which the next word
    // (another syllable, or Latin text run on to it) is set apart from.
    let mut after_syllable = false;
    for c in name.chars() {
        if c.is_ascii_graphic() {
            // Most of every key (Latin names, and the pinyin itself): no
            // decomposition to look up.
            if after_syllable {
                space(&mut key);
                after_syllable = false;
            }
            key.push(c.to_ascii_lowercase());
        } else if let Some(reading) = c.to_pinyin().map(Pinyin::plain) {
            space(&mut key);
            fold(reading.chars(), &mut key);
            after_syllable = true;
        } else if c.is_whitespace() {
            space(&mut key);
            after_syllable = false;
        } else {
            if after_syllable {
                space(&mut key);
                after_syllable = false;
            }
            fold(std::iter::once(c), &mut key);
        }
    }
    key.truncate(key.trim_end().len());
    key
}

/// One space before the next word, none at the start and never two.
fn space(key: &mut String) {
    if !key.is_empty() && !key.ends_with(' ') {
        key.push(' ');
    }
}

/// `text` decomposed (NFKD), in lower case, without its combining marks.
fn fold(text: impl Iterator<Item = char>, key: &mut String) {
    let nfkd = DecomposingNormalizerBorrowed::new_nfkd();
    for c in nfkd.normalize_iter(text).flat_map(char::to_lowercase) {
        if !is_combining_mark(c) {
            key.push(c);
        }
    }
}

/// The blocks of combining marks Latin, Greek and Cyrillic letters
/// decompose into.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn chinese_names_file_by_their_pinyin_a_syllable_a_word() {
        assert_eq!(of("微软"), "wei ruan");
        assert_eq!(of("飞桨"), "fei jiang");
        assert_eq!(of("红杉资本"), "hong shan zi ben");
        // Latin text beside Han characters stays a word of its own.
        assert_eq!(of("5G芯片"), "5g xin pian");
        assert_eq!(of("华为Huawei 云"), "hua wei huawei yun");
        // A syllable is a word: 西安 before 先, as in a dictionary.
        assert!(of("西安") < of("先"));
        // A heteronym takes its common reading.
        assert_eq!(of("重庆"), "zhong qing");
        // ü files as u, as the rail has no Ü.
        assert_eq!(of("绿地"), "lu di");
    }

    #[test]
    fn latin_names_are_folded() {
        assert_eq!(of("Microsoft"), "microsoft");
        assert_eq!(of("Ägypten"), "agypten");
        assert_eq!(of("École  Polytechnique "), "ecole polytechnique");
        assert_eq!(of("ＩＢＭ"), "ibm");
        assert_eq!(of("3M"), "3m");
        // Other scripts are kept (they file under `#`), folded alike.
        assert_eq!(of("ソニー"), "ソニー");
        assert_eq!(of(""), "");
    }
}
