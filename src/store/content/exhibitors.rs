//! The `exhibitors` table, each one's `exhibitor_categories` and its
//! `exhibitor_sort_keys` (where it files in A–Z in each language,
//! `sort_key`): the A–Z order every list of exhibitors (and the search
//! index) follows, the summary rows lists show, and the exhibitor page.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Booth, Exhibitor, ExhibitorSummary, HitKind, ParkLink, SearchHit, SortName};
use crate::pack::sort_key;
use crate::store::content::column::{from_json, insert, search_hit, to_json};
use crate::store::content::event::category;

pub const SCHEMA: &str = "
CREATE TABLE exhibitors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, logo TEXT, summary TEXT,
    description TEXT, booth TEXT, park_id TEXT REFERENCES parks (id), website TEXT, tags TEXT NOT NULL
);
-- Each exhibitor's key in each pack language, and the pack's sort_name
-- there if it gave one. Keys are folded already (`sort_key`); NOCASE
-- orders them as schema 3's one key per exhibitor was (`stand_in_for_schema_3`).
CREATE TABLE exhibitor_sort_keys (
    exhibitor_id TEXT NOT NULL REFERENCES exhibitors (id), language TEXT NOT NULL,
    sort_key TEXT NOT NULL COLLATE NOCASE, sort_name TEXT
);
CREATE TABLE exhibitor_categories (
    exhibitor_id TEXT NOT NULL REFERENCES exhibitors (id), position INTEGER NOT NULL,
    category_id TEXT NOT NULL REFERENCES categories (id),
    PRIMARY KEY (exhibitor_id, position)
);";

/// The directory in one language: its windows and letter counts read this
/// index only; so does the search index's build, which lists exhibitors
/// A–Z. Created once the rows are in, before the search index (see
/// `content::Writer::finish`).
pub const A_TO_Z_INDEX: &str =
    "CREATE INDEX exhibitors_a_to_z ON exhibitor_sort_keys (language, sort_key, exhibitor_id);";

/// Created once the rows are in, while the search index is finished (see
/// `content::Writer::finish`).
pub const INDEXES: &str = "
CREATE INDEX exhibitor_sort_keys_by_exhibitor ON exhibitor_sort_keys (exhibitor_id);
CREATE INDEX exhibitors_by_park ON exhibitors (park_id);
-- A tap on a stand of the map: the same expressions as `at_stand`'s query.
CREATE INDEX exhibitors_by_booth
    ON exhibitors (json_extract(booth, '$.hall'), json_extract(booth, '$.stand'));
-- The directory narrowed to a category reads that category's exhibitors
-- only (content/directory.rs).
CREATE INDEX exhibitors_by_category ON exhibitor_categories (category_id, exhibitor_id);
";

/// The summaries of the exhibitors whose keys `keys` holds (the table, or a
/// window of it: `exhibitor_id`, `sort_key`, as `k`), each with that key;
/// the caller constrains the keys to one language.
pub fn summaries_of(keys: &str) -> String {
    format!(
        "SELECT e.id, e.name, k.sort_key, e.logo, e.summary, e.booth
         FROM {keys} k JOIN exhibitors e ON e.id = k.exhibitor_id"
    )
}
/// The directory's order in one language: by sort key, then by id, so that
/// every row has one place (`exhibitors_a_to_z` indexes exactly this). The
/// search index lists exhibitors in the default language's order.
pub const A_TO_Z: &str = "ORDER BY k.sort_key, k.exhibitor_id";

/// Writes `exhibitor`'s rows, with its key in each of `languages`.
pub fn write(db: &Connection, exhibitor: &Exhibitor, languages: &[String]) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO exhibitors VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            exhibitor.id,
            to_json(&exhibitor.name)?,
            to_json(&exhibitor.logo)?,
            to_json(&exhibitor.summary)?,
            to_json(&exhibitor.description)?,
            to_json(&exhibitor.booth)?,
            exhibitor.park.as_ref().map(|park| &park.id),
            exhibitor.website,
            to_json(&exhibitor.tags)?,
        ],
    )?;
    for language in languages {
        let given = exhibitor
            .sort_name
            .as_ref()
            .and_then(|sort_name| sort_name.0.get(language));
        let filed_by = given.or_else(|| exhibitor.name.0.get(language));
        insert(
            db,
            "INSERT INTO exhibitor_sort_keys VALUES (?1, ?2, ?3, ?4)",
            params![
                exhibitor.id,
                language,
                sort_key::of(filed_by.map_or("", String::as_str)),
                given
            ],
        )?;
    }
    for (position, category) in exhibitor.categories.iter().enumerate() {
        insert(
            db,
            "INSERT INTO exhibitor_categories VALUES (?1, ?2, ?3)",
            params![exhibitor.id, (position as i64), category.id,],
        )?;
    }
    Ok(())
}

pub fn count(db: &Connection) -> rusqlite::Result<u32> {
    db.query_row("SELECT count(*) FROM exhibitors", [], |row| row.get(0))
}

/// A summary from the columns of [`summaries_of`], its categories not yet
/// filled in ([`with_categories`]).
pub fn summary(row: &Row) -> rusqlite::Result<ExhibitorSummary> {
    Ok(ExhibitorSummary {
        id: row.get(0)?,
        name: from_json(row, 1)?,
        sort_key: row.get(2)?,
        logo: from_json(row, 3)?,
        summary: from_json(row, 4)?,
        booth: from_json::<Option<Booth>>(row, 5)?,
        categories: Vec::new(),
    })
}

/// Summaries beyond this many get their categories from one pass over the
/// whole table instead of a lookup each.
const FEW_SUMMARIES: usize = 1_000;

/// Fills in each summary's category ids, in the exhibitor's order. The
/// whole directory reads them in one pass over the table: a lookup per row
/// would cost about twice the directory's own query at 100,000 exhibitors.
pub fn with_categories(
    db: &Connection,
    mut summaries: Vec<ExhibitorSummary>,
) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    if summaries.len() > FEW_SUMMARIES {
        let mut by_exhibitor: HashMap<String, Vec<String>> = HashMap::new();
        let mut statement = db.prepare(
            "SELECT exhibitor_id, category_id FROM exhibitor_categories ORDER BY exhibitor_id, position",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            by_exhibitor
                .entry(row.get(0)?)
                .or_default()
                .push(row.get(1)?);
        }
        for summary in &mut summaries {
            summary.categories = by_exhibitor.remove(&summary.id).unwrap_or_default();
        }
    } else {
        let mut statement = db.prepare(
            "SELECT category_id FROM exhibitor_categories WHERE exhibitor_id = ?1 ORDER BY position",
        )?;
        for summary in &mut summaries {
            summary.categories = statement
                .query_map([&summary.id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
    }
    Ok(summaries)
}

/// A park's exhibitors, A–Z in `language`.
pub fn of_park(
    db: &Connection,
    park: &str,
    language: &str,
) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    let mut statement = db.prepare(&format!(
        "{} WHERE e.park_id = ?1 AND k.language = ?2 {A_TO_Z}",
        summaries_of("exhibitor_sort_keys")
    ))?;
    let rows = statement.query_map([park, language], summary)?;
    with_categories(db, rows.collect::<rusqlite::Result<_>>()?)
}

/// The exhibitors at one stand, A–Z in `language`.
pub fn at_stand(
    db: &Connection,
    hall: &str,
    stand: &str,
    language: &str,
) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    // `exhibitors_by_booth` indexes exactly these expressions, so a tap on
    // a stand is a lookup, not a scan.
    let sql = format!(
        "{} WHERE json_extract(e.booth, '$.hall') = ?1 AND json_extract(e.booth, '$.stand') = ?2
         AND k.language = ?3 {A_TO_Z}",
        summaries_of("exhibitor_sort_keys")
    );
    let mut statement = db.prepare(&sql)?;
    let rows = statement.query_map([hall, stand, language], summary)?;
    with_categories(db, rows.collect::<rusqlite::Result<_>>()?)
}

/// One exhibitor's page, with its park's name and its categories.
pub fn read(db: &Connection, id: &str) -> rusqlite::Result<Option<Exhibitor>> {
    let exhibitor = db
        .query_row(
            "SELECT e.id, e.name, e.logo, e.summary, e.description, e.booth, e.website, e.tags, p.id, p.name
             FROM exhibitors e LEFT JOIN parks p ON p.id = e.park_id WHERE e.id = ?1",
            [id],
            |row| {
                let park_id: Option<String> = row.get(8)?;
                Ok(Exhibitor {
                    id: row.get(0)?,
                    name: from_json(row, 1)?,
                    sort_name: None,
                    logo: from_json(row, 2)?,
                    summary: from_json(row, 3)?,
                    description: from_json(row, 4)?,
                    categories: Vec::new(),
                    booth: from_json(row, 5)?,
                    park: park_id
                        .map(|id| from_json(row, 9).map(|name| ParkLink { id, name }))
                        .transpose()?,
                    website: row.get(6)?,
                    tags: from_json(row, 7)?,
                })
            },
        )
        .optional()?;
    let Some(mut exhibitor) = exhibitor else {
        return Ok(None);
    };
    let mut statement = db.prepare(
        "SELECT c.id, c.name FROM exhibitor_categories ec JOIN categories c ON c.id = ec.category_id
         WHERE ec.exhibitor_id = ?1 ORDER BY ec.position",
    )?;
    exhibitor.categories = statement
        .query_map([id], category)?
        .collect::<rusqlite::Result<_>>()?;
    let mut statement = db.prepare(
        "SELECT language, sort_name FROM exhibitor_sort_keys
         WHERE exhibitor_id = ?1 AND sort_name IS NOT NULL",
    )?;
    let given = statement
        .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<BTreeMap<String, String>>>()?;
    exhibitor.sort_name = (!given.is_empty()).then_some(SortName(given));
    Ok(Some(exhibitor))
}

/// Every exhibitor as the search index takes it (id, the pack's sort
/// names, each once, comma-separated, name, summary), A–Z in the language
/// `?1` (the default). The sort names are gathered in one pass, not looked
/// up per exhibitor.
pub fn search_rows() -> String {
    format!(
        "SELECT e.id, s.names, e.name, e.summary
         FROM exhibitor_sort_keys k JOIN exhibitors e ON e.id = k.exhibitor_id
         LEFT JOIN (SELECT exhibitor_id, group_concat(DISTINCT sort_name) AS names FROM exhibitor_sort_keys
                    WHERE sort_name IS NOT NULL GROUP BY exhibitor_id) s ON s.exhibitor_id = k.exhibitor_id
         WHERE k.language = ?1 {A_TO_Z}"
    )
}

/// Stands in for the keys per language in a `content.db` of schema 3 or
/// older (imported before them), so that a kiosk upgraded in place, or
/// rolled back to a pack it kept, still shows its directory: its one key
/// per exhibitor (the pack's `sort_name`, else the default-language name,
/// as written) serves every language, ordered as that build ordered it.
/// A view in `temp`, as the pack's database is read-only.
pub fn stand_in_for_schema_3(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "CREATE TEMP VIEW exhibitor_sort_keys (exhibitor_id, language, sort_key, sort_name) AS
         SELECT e.id, l.value, e.sort_key COLLATE NOCASE, e.sort_key
         FROM main.exhibitors e, json_each((SELECT languages FROM main.pack)) l;",
    )
}

pub fn hit(db: &Connection, id: String) -> rusqlite::Result<Option<SearchHit>> {
    db.prepare_cached("SELECT name, summary, logo FROM exhibitors WHERE id = ?1")?
        .query_row([&id], |row| search_hit(row, HitKind::Exhibitor, id.clone()))
        .optional()
}
