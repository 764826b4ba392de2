//! How a Chinese name is typed on a Latin keyboard: a visitor at a kiosk
//! whose keyboard has only Latin letters finds 百度 by `baidu`, `bai du`
//! or `bd`, and 张江人工智能岛 by `zjrgzn`, whether or not the pack gave a
//! pinyin sort name. The search index (`search`) stores, for each run of
//! Han characters in a name, every character's toneless readings, and the
//! run spelled without spaces and as initials from each of its characters
//! on, so `yinhang` and `yh` find 招商银行 as 银行 does: a Chinese query
//! matches anywhere in a name, and its pinyin should too.
//!
//! The pinyin crate reads characters one at a time, without a dictionary of
//! words, so a heteronym (多音字: 重 in 重庆 is chong, not zhong; 行 in 银行
//! is hang) gets all its readings, and the run's spellings are the
//! combinations of them — bounded, so that a long name of heteronyms cannot
//! make the index explode: at most [`READINGS_PER_CHARACTER`] readings per
//! character, and at most [`SPELLINGS_PER_NAME`] spellings per name, those
//! changing the fewest characters from their first reading first.

use std::collections::HashSet;

use pinyin::{Pinyin, ToPinyinMulti};

/// Readings kept per character, most common (the crate's order) first:
/// the crate lists rare ones too (百 bai, bo, mo; 度 du, duo, zhai), and a
/// third reading would mostly let unrelated queries find a name.
const READINGS_PER_CHARACTER: usize = 2;

/// Spellings (unspaced, each with its initials) kept per name, all runs
/// together; the first reading of every character always is one. Each
/// costs the index a word per character (`STARTS_PER_RUN`): with 8, the
/// search index of the 100k pack took three times as long to build.
const SPELLINGS_PER_NAME: usize = 4;

/// Characters of a run a spelling is indexed from: beyond, a long name
/// would cost the index more than a visitor typing its tail gains.
const STARTS_PER_RUN: usize = 12;

/// The pinyin index text of `name`, or `None` when it has no Han
/// character: words separated by spaces, for `unicode61` to split. Built
/// in one buffer: a name has some twenty words, and the import spells a
/// hundred thousand names.
pub fn index_text(name: &str) -> Option<String> {
    let mut words = Words::default();
    let mut budget = SPELLINGS_PER_NAME;
    let mut run: Vec<Readings> = Vec::new();
    for c in name.chars().chain(std::iter::once(' ')) {
        match readings(c) {
            Some(readings) => run.push(readings),
            None if !run.is_empty() => {
                write_run(&run, &mut budget, &mut words);
                run.clear();
            }
            None => {}
        }
    }
    words.into_text()
}

/// Words written one after another into one string, each once in the end.
#[derive(Default)]
struct Words {
    text: String,
    ends: Vec<usize>,
}

impl Words {
    fn push<'a>(&mut self, parts: impl IntoIterator<Item = &'a str>) {
        for part in parts {
            self.text.push_str(part);
        }
        self.ends.push(self.text.len());
    }

    /// The words sorted, each once, separated by spaces.
    fn into_text(self) -> Option<String> {
        let mut start = 0;
        let mut words: Vec<&str> = Vec::with_capacity(self.ends.len());
        for &end in &self.ends {
            words.push(&self.text[start..end]);
            start = end;
        }
        words.sort_unstable();
        words.dedup();
        (!words.is_empty()).then(|| words.join(" "))
    }
}

/// The words of `name` that `typed` spells as a visitor types pinyin on a
/// Latin keyboard: from a Han character on, each character by one of its
/// readings or by its initial, the last reading perhaps only begun (`bai`,
/// `baidu`, `bd` and `baid` all spell 百度). Spaces in `typed` are ignored;
/// anything but Latin letters spells nothing. The keyboard's candidate strip
/// offers these, as an input method would, but only the pack's own words.
pub fn words_typed(name: &str, typed: &str) -> Vec<String> {
    let typed: Vec<u8> = typed
        .bytes()
        .filter(|byte| *byte != b' ')
        .map(|byte| byte.to_ascii_lowercase())
        .collect();
    if typed.is_empty() || typed.len() > MAX_TYPED || !typed.iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let chars: Vec<char> = name.chars().take(MAX_NAME_CHARACTERS).collect();
    let run: Vec<Option<Readings>> = chars.iter().map(|c| readings(*c)).collect();
    let mut found = Vec::new();
    for start in 0..chars.len() {
        let mut dead_ends = HashSet::new();
        if let Some(length) = spelled(&run, start, &typed, 0, &mut dead_ends) {
            found.push(chars[start..start + length].iter().collect());
        }
    }
    found
}

/// Letters a visitor types for one word, and characters of a name looked at.
const MAX_TYPED: usize = 48;
const MAX_NAME_CHARACTERS: usize = 64;

/// How many characters from `at` on the letters `typed[from..]` spell, the
/// first way found; `dead_ends` remembers positions that spell nothing, so
/// that a name of repeated syllables cannot make it try every split.
fn spelled(
    run: &[Option<Readings>],
    at: usize,
    typed: &[u8],
    from: usize,
    dead_ends: &mut HashSet<(usize, usize)>,
) -> Option<usize> {
    let rest = &typed[from..];
    if rest.is_empty() {
        return Some(0);
    }
    let readings = run.get(at)?.as_ref()?;
    if dead_ends.contains(&(at, from)) {
        return None;
    }
    for reading in readings.iter().map(|reading| reading.as_bytes()) {
        if reading.starts_with(rest) {
            return Some(1);
        }
        for consumed in [reading.len(), 1] {
            if rest.len() > consumed && rest[..consumed] == reading[..consumed] {
                if let Some(more) = spelled(run, at + 1, typed, from + consumed, dead_ends) {
                    return Some(1 + more);
                }
            }
        }
    }
    dead_ends.insert((at, from));
    None
}

/// A character's toneless readings, distinct, most common first, each as
/// it is typed (a reading with ü twice: [`typed_as`]).
#[derive(Clone, Copy)]
struct Readings {
    kept: [&'static str; 2 * READINGS_PER_CHARACTER],
    count: usize,
}

impl std::ops::Deref for Readings {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        &self.kept[..self.count]
    }
}

/// The readings of `c`, if it is a Han character.
fn readings(c: char) -> Option<Readings> {
    let mut readings = Readings {
        kept: [""; 2 * READINGS_PER_CHARACTER],
        count: 0,
    };
    let mut taken = 0;
    for reading in c.to_pinyin_multi()?.into_iter().map(Pinyin::plain) {
        if taken == READINGS_PER_CHARACTER {
            break;
        }
        let (typed, also) = typed_as(reading);
        if readings.contains(&typed) {
            continue;
        }
        taken += 1;
        for typed in std::iter::once(typed).chain(also) {
            if !readings.contains(&typed) {
                readings.kept[readings.count] = typed;
                readings.count += 1;
            }
        }
    }
    Some(readings)
}

/// How a visitor types `reading` on a Latin keyboard: as written, but ü
/// (in lü, lüe, nü, nüe, the crate's only readings with it) as v, as every
/// Chinese input method takes it, and also as u, by whoever does not know
/// that.
fn typed_as(reading: &'static str) -> (&'static str, Option<&'static str>) {
    match reading {
        "lü" => ("lv", Some("lu")),
        "lüe" => ("lve", Some("lue")),
        "nü" => ("nv", Some("nu")),
        "nüe" => ("nve", Some("nue")),
        _ => (reading, None),
    }
}

/// One run's words: each reading, then each spelling and its initials
/// from each character on (some repeat; [`Words`] keeps one of each).
fn write_run(run: &[Readings], budget: &mut usize, words: &mut Words) {
    for reading in run.iter().flat_map(|readings| readings.iter()) {
        words.push([*reading]);
    }
    let mut picked: Vec<&str> = Vec::with_capacity(run.len());
    for choice in choices(run, budget) {
        picked.clear();
        picked.extend(
            run.iter()
                .zip(&choice)
                .map(|(readings, &pick)| readings[pick]),
        );
        for start in 0..picked.len().saturating_sub(1).min(STARTS_PER_RUN) {
            words.push(picked[start..].iter().copied());
            words.push(picked[start..].iter().map(|reading| initial(reading)));
        }
    }
}

/// The first letter of a reading.
fn initial(reading: &str) -> &str {
    let length = reading.chars().next().map_or(0, char::len_utf8);
    &reading[..length]
}

/// Which reading of each character each spelling of `run` takes: first
/// every first reading, then those changing one character, two, … while
/// `budget` lasts (the first always, even when it is spent).
fn choices(run: &[Readings], budget: &mut usize) -> Vec<Vec<usize>> {
    let mut found = vec![vec![0; run.len()]];
    *budget = budget.saturating_sub(1);
    let heteronyms = run.iter().filter(|readings| readings.len() > 1).count();
    for changed in 1..=heteronyms {
        if *budget == 0 {
            break;
        }
        let mut choice = vec![0; run.len()];
        change(run, 0, changed, &mut choice, budget, &mut found);
    }
    found
}

/// Adds to `found` every choice that changes `left` more characters from
/// `from` on, while `budget` lasts.
fn change(
    run: &[Readings],
    from: usize,
    left: usize,
    choice: &mut Vec<usize>,
    budget: &mut usize,
    found: &mut Vec<Vec<usize>>,
) {
    if left == 0 {
        if *budget > 0 {
            *budget -= 1;
            found.push(choice.clone());
        }
        return;
    }
    for at in from..run.len() {
        for pick in 1..run[at].len() {
            if *budget == 0 {
                return;
            }
            choice[at] = pick;
            change(run, at + 1, left - 1, choice, budget, found);
        }
        choice[at] = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::{choices, index_text, readings, words_typed, SPELLINGS_PER_NAME, STARTS_PER_RUN};

    fn words(name: &str) -> Vec<String> {
        index_text(name)
            .unwrap_or_default()
            .split(' ')
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_name_is_indexed_by_its_readings_spelling_and_initials() {
        assert_eq!(
            words("百度"),
            ["bai", "baidu", "baiduo", "bd", "bo", "bodu", "boduo", "du", "duo"]
        );
        let island = words("张江人工智能岛");
        for word in [
            "zhangjiangrengongzhinengdao",
            "zjrgznd",
            "zhang",
            "dao",
            "rengongzhinengdao",
            "rgznd",
        ] {
            assert!(island.iter().any(|w| w == word), "{word} in {island:?}");
        }
        // Each run of Han characters on its own; other text is not pinyin.
        let mixed = words("5G芯片 AI 云");
        assert!(mixed.iter().any(|w| w == "xinpian"), "{mixed:?}");
        assert!(!mixed.iter().any(|w| w.contains("ai")), "{mixed:?}");
        assert_eq!(index_text("Microsoft"), None);
    }

    #[test]
    fn heteronyms_give_their_readings_within_a_bound() {
        assert!(words("重庆").iter().any(|w| w == "chongqing"));
        assert!(words("银行").iter().any(|w| w == "yinhang"));
        // A long name of heteronyms: its first reading, and no more
        // spellings than the bound.
        let name = "重行长还乐重行长还乐重行长还乐重行长还乐";
        let words = words(name);
        let run: Vec<_> = name.chars().filter_map(readings).collect();
        let choices = choices(&run, &mut SPELLINGS_PER_NAME.clone());
        assert_eq!(choices.len(), SPELLINGS_PER_NAME);
        assert!(
            choices[0].iter().all(|pick| *pick == 0),
            "first readings first"
        );
        let changed = |choice: &Vec<usize>| choice.iter().filter(|pick| **pick > 0).count();
        assert!(choices[1..].iter().all(|choice| changed(choice) == 1));
        assert!(words.len() <= 5 * 2 + 2 * SPELLINGS_PER_NAME * STARTS_PER_RUN);
    }

    #[test]
    fn typed_pinyin_spells_the_words_of_a_name() {
        for typed in ["baidu", "bai du", "bd", "baid", "BaiDu", "bdu"] {
            assert_eq!(words_typed("百度", typed), ["百度"], "{typed}");
        }
        assert_eq!(words_typed("百度", "bai"), ["百"]);
        assert_eq!(words_typed("招商银行", "yinhang"), ["银行"]);
        assert_eq!(words_typed("张江人工智能岛", "rgzn"), ["人工智能"]);
        assert_eq!(words_typed("张江人工智能岛", "zhangjiang"), ["张江"]);
        assert!(words_typed("百度", "baiduyun").is_empty());
        assert!(words_typed("Microsoft 微软", "micro").is_empty());
        assert!(words_typed("百度", "百").is_empty());
    }

    #[test]
    fn a_name_of_repeated_syllables_is_spelled_quickly() {
        let name = "巴".repeat(64);
        let typed = "ba".repeat(23) + "x";
        assert!(words_typed(&name, &typed).is_empty());
    }
}
