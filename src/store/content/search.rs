//! Search as a kiosk visitor uses it: a few characters typed on a touch
//! keyboard must find exhibitors, parks, news, sessions and speakers by
//! name, pinyin sort name or summary (a speaker's organisation, a session's
//! track), in every language of the pack, within a few milliseconds at
//! 100,000 exhibitors on a small kiosk PC.
//!
//! The index is three FTS5 tables (names with sort names; the pinyin of
//! Chinese names, `pinyin`, built on a second core and holding no
//! positions; summaries) with the
//! `unicode61` tokenizer over a search text in which every CJK character
//! stands apart, so each Han character is a token: a Chinese query becomes
//! a phrase (`"浦 东"`), which is exactly a substring match, and works for
//! one or two characters, where a trigram index finds nothing. Latin words
//! stay words, searched as prefixes (`"mic"*` finds Microsoft) with prefix
//! indexes so short prefixes are one lookup.
//! Only names, sort names and summaries are indexed: long descriptions would
//! slow the import many times over for matches nobody scrolls to.
//!
//! Rows are inserted in display order (parks in pack order, exhibitors A–Z,
//! news pinned then newest first), so the index's rowid order is the result
//! order and a query stops after `limit` hits instead of ranking every match
//! (bm25 over a large match set costs two orders of magnitude more). Name
//! matches come before pinyin matches, and those before summary-only
//! matches: three passes, each cut short, so a name typed as written ranks
//! above a name it is the pinyin of.
//!
//! A Latin query that finds nothing is retried with one of its words one
//! edit away (an insertion, deletion, substitution or transposition of
//! letters) from a word in the index, read from FTS5's own vocabulary
//! (`fts5vocab` tables beside each index table): the most frequent such
//! word first. Only queries with no hit pay for it.
//!
//! Tests are in `tests/core/search.rs`.

use std::collections::HashSet;
use std::path::Path;
use std::thread;

use rusqlite::types::{Type, Value};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql};

use crate::model::{HitKind, SearchHit, Text};
use crate::store::content::column::from_json;
use crate::store::content::{exhibitors, news, parks, pinyin, sessions, speakers};
use crate::store::hand_over::{hand_over, Filling, Working};

/// Query terms beyond this are ignored: they could only narrow the result,
/// and an unbounded query must not become an unbounded FTS expression.
const MAX_TERMS: usize = 16;

/// Builds the index in `db` (inside the import's transaction) from the
/// entity rows already written there, in the catalog's display order
/// (exhibitors A–Z: their index must be built before).
///
/// The pinyin table costs more than the other two together (every Chinese
/// name's spellings from each character on), so it is built on a second
/// core in a database of its own at `scratch` while this connection writes
/// the names and summaries, then copied in: FTS5 keeps an index in ordinary
/// shadow tables, and a copy of their rows is the same index. The names
/// are handed over well ahead of the pinyin thread, so this connection is
/// done first and runs `meanwhile` (the rest of the caller's work on `db`)
/// while the pinyin table is finished. `scratch` is left for the caller to
/// delete once `db` is closed.
pub fn write(
    db: &Connection,
    languages: &[String],
    scratch: &Path,
    meanwhile: impl FnOnce() -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let columns = Columns(languages.len());
    db.execute("CREATE TABLE search_refs (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL)", [])?;
    let mut names = Table::create(db, NAMES, &columns.names(None), TEXT_OPTIONS)?;
    // Filled by the copy from `scratch`: created here so that its
    // vocabulary table is this database's.
    Table::create(db, PINYIN, &[PINYIN_COLUMN.to_owned()], PINYIN_OPTIONS)?;
    let mut summaries = Table::create(db, SUMMARIES, &columns.summaries(None), TEXT_OPTIONS)?;
    let (to_pinyin, named) = hand_over::<(i64, Text)>(PINYIN_BATCH, PINYIN_BATCHES_AHEAD);
    thread::scope(|scope| {
        let pinyin = scope.spawn(move || write_pinyin(scratch, named));
        let written = write_rows(db, languages, &mut names, &mut summaries, to_pinyin)
            .and_then(|()| names.optimize())
            .and_then(|()| summaries.optimize())
            .and_then(|()| meanwhile());
        let built = pinyin
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.and(built)
    })?;
    copy_pinyin(db, scratch)
}

/// Fills `names`, `summaries` and `search_refs` from the entity rows, each
/// row's rowid its place in the display order, and hands each name with its
/// rowid to the pinyin builder (which stops when `to_pinyin` is finished or
/// dropped, on return or error alike).
fn write_rows(
    db: &Connection,
    languages: &[String],
    names: &mut Table<'_>,
    summaries: &mut Table<'_>,
    mut to_pinyin: Filling<(i64, Text)>,
) -> rusqlite::Result<()> {
    let mut insert_ref = db.prepare("INSERT INTO search_refs VALUES (?1, ?2, ?3)")?;
    let mut rowid: i64 = 0;
    // Each query gives id, sort names (or NULL), name, summary.
    for kind in HIT_ORDER {
        // Each in the order its own list shows it (exhibitors A–Z).
        let (query, params): (String, Vec<&dyn ToSql>) = match kind {
            HitKind::Park => (parks::search_rows(), vec![]),
            HitKind::Exhibitor => (exhibitors::search_rows(), vec![&languages[0]]),
            HitKind::Session => (sessions::search_rows(), vec![]),
            HitKind::Speaker => (speakers::search_rows(), vec![]),
            HitKind::News => (news::search_rows(), vec![]),
        };
        let mut rows = db.prepare(&query)?;
        let mut rows = rows.query(params.as_slice())?;
        while let Some(row) = rows.next()? {
            rowid += 1;
            let id: String = row.get(0)?;
            let name: Text = from_json(row, 2)?;
            let summary: Option<Text> = from_json(row, 3)?;
            // A sort key that is just the default-language name is indexed already.
            let sort = row
                .get::<_, Option<String>>(1)?
                .filter(|key| name.0.get(&languages[0]) != Some(key));
            names.insert(
                rowid,
                std::iter::once(sort.as_ref()).chain(languages.iter().map(|lang| name.0.get(lang))),
            )?;
            if let Some(summary) = &summary {
                summaries.insert(rowid, languages.iter().map(|lang| summary.0.get(lang)))?;
            }
            insert_ref.execute(params![rowid, kind.name(), id])?;
            if !to_pinyin.push((rowid, name)) {
                // The builder stopped on an error, which its join returns.
                return Ok(());
            }
        }
    }
    to_pinyin.finish();
    Ok(())
}

/// Names handed to the pinyin builder at a time, and how many batches
/// may wait for it: this side writes fewer words than the pinyin thread,
/// and runs ahead by up to 128 × 256 names, whatever the pack's size,
/// instead of waiting for it (`HASH_BYTES` pays for their memory).
const PINYIN_BATCH: usize = 256;
const PINYIN_BATCHES_AHEAD: usize = 128;

/// Names and summaries: prefix indexes so that a word's first letters are
/// one lookup, and positions, for Chinese phrases.
const TEXT_OPTIONS: &str = "prefix='1 2 3'";

/// No one-letter prefixes: one letter is never searched as pinyin
/// (`pinyin_expression`), and this table has the most words. No positions
/// (`detail=none`): a pinyin query is one word, never a phrase, so the
/// table holds only which names have a word, a fraction of the index to
/// build and to read.
const PINYIN_OPTIONS: &str = "prefix='2 3', detail=none";

/// The pinyin table of the names `named` hands over, in its own database
/// at `scratch`, merged into one b-tree.
fn write_pinyin(scratch: &Path, named: Working<(i64, Text)>) -> rusqlite::Result<()> {
    let db = Connection::open(scratch)?;
    // A scratch file: no journal or syncing, as for the pack's database.
    db.pragma_update_and_check(None, "journal_mode", "OFF", |row| row.get::<_, String>(0))?;
    db.pragma_update(None, "synchronous", "OFF")?;
    db.execute_batch("BEGIN")?;
    let mut pinyins = Table::create(&db, PINYIN, &[PINYIN_COLUMN.to_owned()], PINYIN_OPTIONS)?;
    named.each(|(rowid, name)| match pinyin_text(name) {
        Some(text) => pinyins.insert(*rowid, std::iter::once(Some(&text))),
        None => Ok(()),
    })?;
    pinyins.optimize()?;
    db.execute_batch("COMMIT")
}

/// Replaces the rows of the pinyin table's shadow tables in `db` with those
/// of the one built at `scratch`, which stays attached until `db` is closed
/// (a database a transaction used cannot be detached before it commits).
fn copy_pinyin(db: &Connection, scratch: &Path) -> rusqlite::Result<()> {
    db.execute("ATTACH DATABASE ?1 AS scratch", [scratch.to_string_lossy()])?;
    let shadows: Vec<String> = db
        .prepare(&format!(
            "SELECT name FROM scratch.sqlite_schema WHERE type = 'table' AND name LIKE '{PINYIN}\\_%' ESCAPE '\\'
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        ))?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for shadow in shadows {
        db.execute_batch(&format!(
            "DELETE FROM main.{shadow}; INSERT INTO main.{shadow} SELECT * FROM scratch.{shadow};"
        ))?;
    }
    Ok(())
}

/// The pinyin of every language's name that has Han characters, each once
/// (a `zh` and a `zh-Hant` name are often read alike).
fn pinyin_text(name: &Text) -> Option<String> {
    let mut texts: Vec<String> = Vec::new();
    for text in name.0.values().filter_map(|name| pinyin::index_text(name)) {
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// The kinds searched (those the registry, `pack::kind`, marks
/// searchable), in the order hits are listed within a pass: exhibitors, what
/// a fair is visited for, before the agenda's sessions and speakers.
const HIT_ORDER: [HitKind; 5] = [
    HitKind::Park,
    HitKind::Exhibitor,
    HitKind::Session,
    HitKind::Speaker,
    HitKind::News,
];

/// The two full-text tables. Names and summaries are apart, not columns of
/// one table, because a column filter still walks every posting of a term:
/// "解决方案", in half the summaries and no name, would make the name pass
/// check 50,000 rows to find none.
const NAMES: &str = "search_names";
const SUMMARIES: &str = "search_summaries";
/// Its one column: pinyin is Latin text, searched whatever the language.
const PINYIN: &str = "search_pinyin";
const PINYIN_COLUMN: &str = "pinyin";

/// Terms FTS5 gathers in memory before writing a segment (its default is
/// 1 MiB). 8 MiB built the index no faster, and with the pinyin thread's
/// names queued ahead (`PINYIN_BATCHES_AHEAD`) it took the import's peak
/// memory from 69 to 81 MiB at 100,000 exhibitors; at 4 MiB it stays 69.
const HASH_BYTES: usize = 4 * 1024 * 1024;

/// One full-text table being filled.
struct Table<'db> {
    db: &'db Connection,
    name: &'static str,
    insert: rusqlite::Statement<'db>,
}

impl<'db> Table<'db> {
    fn create(
        db: &'db Connection,
        name: &'static str,
        columns: &[String],
        options: &str,
    ) -> rusqlite::Result<Table<'db>> {
        // Contentless: hits are read from the entity tables, so the text is
        // not kept twice; no column sizes, as nothing ranks by bm25.
        db.execute_batch(&format!(
            "CREATE VIRTUAL TABLE {name} USING fts5({}, content='', columnsize=0,
                 tokenize='unicode61 remove_diacritics 2', {options});",
            columns.join(", ")
        ))?;
        // Built in one go and merged once by `optimize`: no merging of
        // segments while filling, and fewer, larger segments to merge.
        db.execute_batch(&format!(
            "INSERT INTO {name} ({name}, rank) VALUES ('automerge', 0);
             INSERT INTO {name} ({name}, rank) VALUES ('hashsize', {HASH_BYTES});"
        ))?;
        // The table's words, for correcting typos; a view, not a copy.
        db.execute_batch(&format!(
            "CREATE VIRTUAL TABLE {name}_terms USING fts5vocab({name}, 'row');"
        ))?;
        let insert = db.prepare(&format!(
            "INSERT INTO {name} (rowid, {}) VALUES (?{})",
            columns.join(", "),
            ", ?".repeat(columns.len())
        ))?;
        Ok(Table { db, name, insert })
    }

    fn insert<'t>(
        &mut self,
        rowid: i64,
        texts: impl Iterator<Item = Option<&'t String>>,
    ) -> rusqlite::Result<()> {
        let texts = texts.map(|text| text.map_or(Value::Null, |text| Value::Text(spaced(text))));
        self.insert.execute(params_from_iter(
            std::iter::once(Value::Integer(rowid)).chain(texts),
        ))?;
        Ok(())
    }

    /// One b-tree instead of the segments an import leaves: fewer pages to
    /// visit on every query of the pack's life.
    fn optimize(&self) -> rusqlite::Result<()> {
        let name = self.name;
        self.db.execute(
            &format!("INSERT INTO {name} ({name}) VALUES ('optimize')"),
            [],
        )?;
        Ok(())
    }
}

/// Stands in for what schema 3 added to the index, in a `content.db` of
/// schema 2 (imported by the build before pinyin), so that a kiosk upgraded
/// in place keeps showing its packs instead of falling back to the demo:
/// the vocabularies of its two tables, and an empty pinyin table (its
/// Chinese names are found as typed, not by pinyin, until the pack is
/// imported again). In `temp`, as the pack's database is read-only.
pub fn stand_in_for_schema_2(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(&format!(
        "CREATE VIRTUAL TABLE temp.{NAMES}_terms USING fts5vocab(main, {NAMES}, 'row');
         CREATE VIRTUAL TABLE temp.{SUMMARIES}_terms USING fts5vocab(main, {SUMMARIES}, 'row');
         CREATE VIRTUAL TABLE temp.{PINYIN} USING fts5({PINYIN_COLUMN}, content='');
         CREATE VIRTUAL TABLE temp.{PINYIN}_terms USING fts5vocab(temp, {PINYIN}, 'row');"
    ))
}

/// Up to `limit` hits for `query` in the pack's languages (`language`: the
/// index of one of them, or all). Name and sort-name matches come first,
/// then pinyin matches, then summary-only matches; within each, parks,
/// exhibitors A–Z, sessions by time, speakers, news.
/// `now` (unix seconds) hides expired news.
pub fn search(
    db: &Connection,
    language_count: usize,
    query: &str,
    language: Option<usize>,
    limit: usize,
    now: i64,
) -> rusqlite::Result<Vec<SearchHit>> {
    let mut hits = Vec::new();
    let Some(terms) = fts_query(query) else {
        return Ok(hits);
    };
    let columns = Columns(language_count);
    let mut seen = HashSet::new();
    // The pinyin table has one column and no positions: no column filter,
    // and its own expression.
    let passes = [
        Some((
            NAMES,
            format!("{{{}}} : ({terms})", columns.names(language).join(" ")),
        )),
        pinyin_expression(query).map(|expression| (PINYIN, expression)),
        Some((
            SUMMARIES,
            format!("{{{}}} : ({terms})", columns.summaries(language).join(" ")),
        )),
    ];
    for (table, expression) in passes.into_iter().flatten() {
        if hits.len() >= limit {
            break;
        }
        let mut matches = db.prepare_cached(&format!(
            "SELECT s.rowid, r.kind, r.id FROM {table} s JOIN search_refs r ON r.rowid = s.rowid
             WHERE {table} MATCH ?1 ORDER BY s.rowid"
        ))?;
        let mut rows = matches.query([expression])?;
        while let Some(row) = rows.next()? {
            let rowid: i64 = row.get(0)?;
            if !seen.insert(rowid) {
                continue;
            }
            let kind = kind_from(row.get_ref(1)?.as_str()?)?;
            let id: String = row.get(2)?;
            if let Some(hit) = hit(db, kind, id, now)? {
                hits.push(hit);
                if hits.len() >= limit {
                    break;
                }
            }
        }
    }
    Ok(hits)
}

/// Words shorter than this are not corrected: one edit of a two-letter word
/// is almost any other short word.
const MIN_CORRECTED: usize = 3;
/// Longer words are not corrected: no name has them, and their candidates
/// grow with their length.
const MAX_CORRECTED: usize = 32;
/// Corrections of one word tried, most frequent first, before giving up.
const CORRECTIONS_TRIED: usize = 3;
/// What a correction may put in a word: the index's words are folded to
/// lower case, and accents removed.
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// For a `query` that found nothing: the first query one edit away in one
/// Latin word of it from a word of the index in `db` that finds something
/// by `search` (as [`search`] searched the query), with its hits, or `None`.
pub fn corrected(
    db: &Connection,
    query: &str,
    mut search: impl FnMut(&str) -> rusqlite::Result<Vec<SearchHit>>,
) -> rusqlite::Result<Option<(String, Vec<SearchHit>)>> {
    for (start, word) in latin_words(query) {
        let word = word.to_ascii_lowercase();
        for candidate in known_edits(db, &word)?.into_iter().take(CORRECTIONS_TRIED) {
            let retried = format!(
                "{}{candidate}{}",
                &query[..start],
                &query[start + word.len()..]
            );
            let hits = search(&retried)?;
            if !hits.is_empty() {
                return Ok(Some((retried, hits)));
            }
        }
    }
    Ok(None)
}

/// The words of `query` a correction may change, with their byte offsets:
/// runs of ASCII letters and digits with a letter, of a correctable length.
fn latin_words(query: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in query
        .char_indices()
        .chain(std::iter::once((query.len(), ' ')))
    {
        match (c.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                let word = &query[from..at];
                // A word running on into other letters ("café") is not Latin.
                let letter = |c: char| c.is_alphanumeric() && !is_unspaced(c);
                let whole = !letter(c) && !query[..from].chars().next_back().is_some_and(letter);
                if whole
                    && (MIN_CORRECTED..=MAX_CORRECTED).contains(&word.len())
                    && word.bytes().any(|b| b.is_ascii_alphabetic())
                {
                    words.push((from, word));
                }
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// The words of the index one edit away from `word`, most documents first.
fn known_edits(db: &Connection, word: &str) -> rusqlite::Result<Vec<String>> {
    let mut counted = Vec::new();
    for candidate in edits(word) {
        let mut documents = 0;
        for table in [NAMES, PINYIN, SUMMARIES] {
            let mut count =
                db.prepare_cached(&format!("SELECT doc FROM {table}_terms WHERE term = ?1"))?;
            let found: Option<i64> = count.query_row([&candidate], |row| row.get(0)).optional()?;
            documents += found.unwrap_or(0);
        }
        if documents > 0 {
            counted.push((documents, candidate));
        }
    }
    counted.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(counted
        .into_iter()
        .map(|(_, candidate)| candidate)
        .collect())
}

/// Every word one insertion, deletion, substitution or transposition away
/// from `word` (ASCII, lower case), each once.
fn edits(word: &str) -> Vec<String> {
    let bytes = word.as_bytes();
    let mut edits = Vec::new();
    let with = |at: usize, middle: &[u8], skip: usize| {
        let mut edit = Vec::with_capacity(bytes.len() + 1);
        edit.extend_from_slice(&bytes[..at]);
        edit.extend_from_slice(middle);
        edit.extend_from_slice(&bytes[(at + skip).min(bytes.len())..]);
        String::from_utf8(edit).expect("ASCII")
    };
    for at in 0..=bytes.len() {
        for letter in ALPHABET.bytes() {
            edits.push(with(at, &[letter], 0));
            if at < bytes.len() {
                edits.push(with(at, &[letter], 1));
            }
        }
        if at < bytes.len() {
            edits.push(with(at, &[], 1));
        }
        if at + 1 < bytes.len() {
            edits.push(with(at, &[bytes[at + 1], bytes[at]], 2));
        }
    }
    edits.sort_unstable();
    edits.dedup();
    edits.retain(|edit| edit != word);
    edits
}

/// The hit for one match; `None` for news that has expired.
fn hit(
    db: &Connection,
    kind: HitKind,
    id: String,
    now: i64,
) -> rusqlite::Result<Option<SearchHit>> {
    match kind {
        HitKind::Park => parks::hit(db, id),
        HitKind::Exhibitor => exhibitors::hit(db, id),
        HitKind::Session => sessions::hit(db, id),
        HitKind::Speaker => speakers::hit(db, id),
        HitKind::News => news::hit(db, id, now),
    }
}

/// The index's columns for a pack with `.0` languages: the sort name, then
/// a name and a summary column per language (by the language's position, so
/// column names are FTS5 barewords whatever the language codes are).
struct Columns(usize);

impl Columns {
    fn names(&self, language: Option<usize>) -> Vec<String> {
        std::iter::once("sort".to_owned())
            .chain(self.per_language("name", language))
            .collect()
    }

    fn summaries(&self, language: Option<usize>) -> Vec<String> {
        self.per_language("summary", language).collect()
    }

    fn per_language(
        &self,
        field: &'static str,
        language: Option<usize>,
    ) -> impl Iterator<Item = String> {
        (0..self.0)
            .filter(move |index| language.is_none_or(|only| only == *index))
            .map(move |index| format!("{field}_{index}"))
    }
}

/// The kind written as `name` ([`HitKind::name`]). Any other name means a damaged
/// or foreign index, an error rather than a hit of the wrong kind.
fn kind_from(name: &str) -> rusqlite::Result<HitKind> {
    HIT_ORDER
        .into_iter()
        .find(|kind| kind.name() == name)
        .ok_or_else(|| {
            let message = format!("unknown kind \"{name}\" in the search index");
            rusqlite::Error::FromSqlConversionFailure(1, Type::Text, message.into())
        })
}

/// Scripts written without spaces between words: each character is indexed
/// as a token of its own, so any run of them is found as a phrase.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3134F}' // CJK Extensions B–G
    )
}

/// `text` as the index stores it: unspaced-script characters set apart by
/// spaces; everything else as written, for `unicode61` to split and fold.
fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for c in text.chars() {
        if is_unspaced(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The pinyin table's expression for `query`, if it may be pinyin: only
/// ASCII letters (beside spaces and punctuation), at least two, run
/// together as one prefix term. Spaced pinyin is typed a syllable at a
/// time, and the table spells each name unspaced from each character on,
/// so `bai du` is `baidu`: one word to look up, where words of their own
/// would make `zhou s` merge the lists of every spelling that begins with
/// an s. One letter begins a syllable of almost every Chinese name, and
/// would bury the names that begin with it under them.
fn pinyin_expression(query: &str) -> Option<String> {
    if query
        .chars()
        .any(|c| c.is_alphanumeric() && !c.is_ascii_alphabetic())
    {
        return None;
    }
    let letters: String = query
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (letters.len() >= 2).then(|| format!("\"{letters}\"*"))
}

/// The FTS5 expression for what a visitor typed, or `None` when it has
/// nothing to search for. Every run of CJK characters becomes a phrase (a
/// substring match), every other word a prefix term; all must match. Only
/// letters, digits and CJK characters reach the expression, each term
/// quoted, so FTS5 syntax in the input (`"`, `*`, `-`, `(`, `NEAR`, `^`) is
/// never interpreted: it is punctuation, and punctuation separates words.
fn fts_query(query: &str) -> Option<String> {
    let mut terms = Vec::new();
    let mut word = String::new();
    let mut phrase = String::new();
    let mut flush = |word: &mut String, phrase: &mut String| {
        if !word.is_empty() {
            terms.push(format!("\"{word}\"*"));
            word.clear();
        }
        if !phrase.is_empty() {
            terms.push(format!("\"{}\"", phrase.trim_end()));
            phrase.clear();
        }
    };
    for c in query.chars() {
        if is_unspaced(c) {
            flush(&mut word, &mut String::new());
            phrase.push(c);
            phrase.push(' ');
        } else if c.is_alphanumeric() {
            flush(&mut String::new(), &mut phrase);
            word.push(c);
        } else {
            flush(&mut word, &mut phrase);
        }
    }
    flush(&mut word, &mut phrase);
    terms.truncate(MAX_TERMS);
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::{edits, fts_query, kind_from, latin_words, pinyin_expression, spaced, HIT_ORDER};
    use crate::pack::kind::Kind;

    #[test]
    fn pinyin_is_searched_as_one_word_of_its_letters() {
        for typed in ["bai du", "BaiDu", "bai-du", " baidu "] {
            assert_eq!(
                pinyin_expression(typed).as_deref(),
                Some("\"baidu\"*"),
                "{typed:?}"
            );
        }
        assert_eq!(pinyin_expression("zhou s").as_deref(), Some("\"zhous\"*"));
        assert_eq!(pinyin_expression("b d").as_deref(), Some("\"bd\"*"));
        // Not pinyin: one letter, CJK, digits, accents.
        for typed in ["b", "百度 baidu", "5G xinpian", "café", ""] {
            assert_eq!(pinyin_expression(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn sqlite_is_built_without_a_global_lock_on_its_allocations() {
        // `.cargo/config.toml` sets it: the index's two threads would wait
        // on each other for every allocation otherwise.
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let options: Vec<String> = db
            .prepare("PRAGMA compile_options")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            options.iter().any(|option| option == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
    }

    #[test]
    fn the_searched_kinds_are_the_registry_s_and_read_back_as_written() {
        let mut searchable: Vec<_> = Kind::ALL.into_iter().filter_map(Kind::hit_kind).collect();
        let mut searched = HIT_ORDER.to_vec();
        searchable.sort_by_key(|kind| kind.name());
        searched.sort_by_key(|kind| kind.name());
        assert_eq!(searched, searchable);
        for kind in HIT_ORDER {
            assert_eq!(kind_from(kind.name()).unwrap(), kind);
        }
        assert!(kind_from("sponsor").is_err(), "an unknown kind is not news");
    }

    #[test]
    fn cjk_characters_stand_apart_and_latin_words_stay_words() {
        assert_eq!(spaced("浦东AI中心"), " 浦  东 AI 中  心 ");
        assert_eq!(fts_query("浦东 mic"), Some("\"浦 东\" \"mic\"*".into()));
        assert_eq!(fts_query("5G芯片"), Some("\"5G\"* \"芯 片\"".into()));
        assert_eq!(
            fts_query("\"a* -(b) NEAR ^c"),
            Some("\"a\"* \"b\"* \"NEAR\"* \"c\"*".into())
        );
        assert_eq!(fts_query(" *-\"( "), None);
    }

    #[test]
    fn a_typo_is_one_edit_of_a_latin_word() {
        let edits = edits("abc");
        for edit in ["bac", "acb", "ab", "bc", "abcd", "xabc", "abd", "a1c"] {
            assert!(edits.contains(&edit.to_owned()), "{edit}");
        }
        assert!(!edits.contains(&"abc".to_owned()));
        assert!(!edits.contains(&"cba".to_owned()));
        assert_eq!(
            latin_words("Micorsoft 浦东 ab café x2y abc1 浦东abc"),
            [(0, "Micorsoft"), (26, "x2y"), (30, "abc1"), (41, "abc")]
        );
    }
}
