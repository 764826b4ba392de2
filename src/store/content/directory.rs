//! The exhibitor directory a window at a time. At 100,000 exhibitors the
//! whole A–Z list is some 27 MB of JSON, seconds through the kiosk's IPC and
//! hundreds of megabytes in its webview, while a screen shows twenty rows.
//! So the kiosk asks for an outline (how many rows, and where each letter's
//! group starts, for the list's height and the A–Z rail) and then only for
//! the rows around what is on screen. The category and hall filters are part
//! of both queries, so a narrowed list is windowed the same way.
//!
//! Both follow the exhibitors' A–Z order in the visitor's language
//! (`exhibitors::A_TO_Z` over that language's keys, which the index
//! `exhibitors_a_to_z` holds): in Chinese 微软 files under W by its pinyin,
//! in English Microsoft under M (`sort_key`). `COLLATE NOCASE` folds ASCII
//! letters only and compares bytes, so first characters fall into runs in
//! this order: before `a` (digits, punctuation), `a`…`z` each in turn, then
//! after `z` (other scripts). Those are the outline's buckets; the first and
//! the last both file under `#`.
//!
//! Tests are in `tests/core/directory.rs`.

use rusqlite::{Connection, ToSql};

use crate::model::{DirectoryFilter, DirectoryOutline, ExhibitorSummary, LetterGroup};
use crate::store::content::exhibitors::{self, summaries_of, with_categories, A_TO_Z};

/// Before `a`, `a`…`z`, after `z`.
const BUCKETS: usize = 28;

/// A sort key's bucket, computed from its first character exactly as
/// `COLLATE NOCASE` orders it (an empty key sorts first).
const BUCKET: &str = "CASE
    WHEN unicode(sort_key) BETWEEN 65 AND 90 THEN unicode(sort_key) - 64
    WHEN unicode(sort_key) BETWEEN 97 AND 122 THEN unicode(sort_key) - 96
    WHEN coalesce(unicode(sort_key), 0) < 97 THEN 0
    ELSE 27 END";

/// The `WHERE` clause selecting, among the keys (`exhibitor_sort_keys`),
/// those in `language` that `filter` lets through, with its named
/// parameters.
fn narrowed<'a>(
    filter: &'a DirectoryFilter,
    language: &'a &'a str,
) -> (String, Vec<(&'static str, &'a dyn ToSql)>) {
    let mut terms = vec!["language = :language"];
    let mut params: Vec<(&'static str, &dyn ToSql)> = vec![(":language", language)];
    if let Some(category) = &filter.category {
        // Through `exhibitors_by_category`: the category's rows are read,
        // not every exhibitor's.
        terms.push(
            "exhibitor_id IN (SELECT exhibitor_id FROM exhibitor_categories WHERE category_id = :category)",
        );
        params.push((":category", category));
    }
    if let Some(hall) = &filter.hall {
        // The leading expression of `exhibitors_by_booth`.
        terms.push("exhibitor_id IN (SELECT id FROM exhibitors WHERE json_extract(booth, '$.hall') = :hall)");
        params.push((":hall", hall));
    }
    (format!("WHERE {}", terms.join(" AND ")), params)
}

pub fn outline(
    db: &Connection,
    filter: &DirectoryFilter,
    language: &str,
) -> rusqlite::Result<DirectoryOutline> {
    let mut counts = [0u32; BUCKETS];
    if filter == &DirectoryFilter::default() {
        // A range count per letter on the covering index: a few
        // milliseconds at 100,000, where computing every key's bucket takes
        // ten times that.
        let mut count = db.prepare(
            "SELECT count(*) FROM exhibitor_sort_keys
             WHERE language = ?1 AND sort_key >= ?2 AND sort_key < ?3",
        )?;
        let bounds: Vec<String> = std::iter::once(String::new())
            .chain(('a'..='{').map(String::from))
            .collect();
        for (bucket, range) in bounds.windows(2).enumerate() {
            counts[bucket] = count.query_row([language, &range[0], &range[1]], |row| row.get(0))?;
        }
        let total: u32 = db.query_row(
            "SELECT count(*) FROM exhibitor_sort_keys WHERE language = ?1",
            [language],
            |row| row.get(0),
        )?;
        counts[BUCKETS - 1] = total - counts.iter().sum::<u32>();
    } else {
        let (clause, params) = narrowed(filter, &language);
        let mut statement = db.prepare(&format!(
            "SELECT {BUCKET} AS bucket, count(*) FROM exhibitor_sort_keys {clause} GROUP BY bucket"
        ))?;
        let mut rows = statement.query(params.as_slice())?;
        while let Some(row) = rows.next()? {
            counts[row.get::<_, u8>(0)? as usize] = row.get(1)?;
        }
    }
    Ok(groups(&counts))
}

/// The outline of the buckets' counts: empty buckets left out, and the two
/// `#` buckets one group when no letter stands between them.
fn groups(counts: &[u32; BUCKETS]) -> DirectoryOutline {
    let mut groups: Vec<LetterGroup> = Vec::new();
    let mut offset = 0;
    for (bucket, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let letter = match bucket {
            1..=26 => char::from(b'A' + bucket as u8 - 1).to_string(),
            _ => "#".to_owned(),
        };
        match groups.last_mut() {
            Some(last) if last.letter == letter => last.count += count,
            _ => groups.push(LetterGroup {
                letter,
                offset,
                count,
            }),
        }
        offset += count;
    }
    DirectoryOutline {
        total: offset,
        groups,
    }
}

pub fn window(
    db: &Connection,
    filter: &DirectoryFilter,
    language: &str,
    offset: u32,
    limit: u32,
) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    let (clause, mut params) = narrowed(filter, &language);
    params.extend([(":offset", &offset as &dyn ToSql), (":limit", &limit)]);
    // The window is cut from the keys alone, on the index: rows skipped by
    // the offset (90,000 for W at 100,000) cost an index step each, not a
    // lookup of their exhibitor.
    let keys = format!(
        "(SELECT k.exhibitor_id, k.sort_key FROM exhibitor_sort_keys k {clause}
          {A_TO_Z} LIMIT :limit OFFSET :offset)"
    );
    let mut statement = db.prepare(&format!("{} {A_TO_Z}", summaries_of(&keys)))?;
    let rows = statement.query_map(params.as_slice(), exhibitors::summary)?;
    with_categories(db, rows.collect::<rusqlite::Result<_>>()?)
}
