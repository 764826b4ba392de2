//! The `exhibitors` table and each one's `exhibitor_categories`: the A–Z
//! order every list of exhibitors (and the search index) follows, the
//! summary rows lists show, and the exhibitor page.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Booth, Exhibitor, ExhibitorSummary, HitKind, ParkLink, SearchHit};
use crate::store::content::column::{from_json, insert, search_hit, to_json};
use crate::store::content::event::category;

pub const SCHEMA: &str = "
CREATE TABLE exhibitors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, sort_key TEXT NOT NULL, logo TEXT, summary TEXT,
    description TEXT, booth TEXT, park_id TEXT REFERENCES parks (id), website TEXT, tags TEXT NOT NULL
);
CREATE TABLE exhibitor_categories (
    exhibitor_id TEXT NOT NULL REFERENCES exhibitors (id), position INTEGER NOT NULL,
    category_id TEXT NOT NULL REFERENCES categories (id),
    PRIMARY KEY (exhibitor_id, position)
);";

/// Created once the rows are in (see `content::Writer::finish`).
pub const INDEXES: &str = "
CREATE INDEX exhibitors_a_to_z ON exhibitors (sort_key COLLATE NOCASE, id);
CREATE INDEX exhibitors_by_park ON exhibitors (park_id);
-- A tap on a stand of the map: the same expressions as `at_stand`'s query.
CREATE INDEX exhibitors_by_booth
    ON exhibitors (json_extract(booth, '$.hall'), json_extract(booth, '$.stand'));
-- The directory narrowed to a category reads that category's exhibitors
-- only (content/directory.rs).
CREATE INDEX exhibitors_by_category ON exhibitor_categories (category_id, exhibitor_id);
";

pub const SUMMARY: &str = "SELECT id, name, sort_key, logo, summary, booth FROM exhibitors";
/// The directory's order: by sort key ignoring case, then by id, so that
/// every row has one place (`exhibitors_a_to_z` indexes exactly this). The
/// search index lists exhibitors in this order too.
pub const A_TO_Z: &str = "ORDER BY sort_key COLLATE NOCASE, id";

pub fn write(db: &Connection, exhibitor: &Exhibitor) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO exhibitors VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            exhibitor.id,
            to_json(&exhibitor.name)?,
            exhibitor.sort_key,
            to_json(&exhibitor.logo)?,
            to_json(&exhibitor.summary)?,
            to_json(&exhibitor.description)?,
            to_json(&exhibitor.booth)?,
            exhibitor.park.as_ref().map(|park| &park.id),
            exhibitor.website,
            to_json(&exhibitor.tags)?,
        ],
    )?;
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

/// A summary from the columns of [`SUMMARY`], its categories not yet
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

/// A park's exhibitors, A–Z.
pub fn of_park(db: &Connection, park: &str) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    let mut statement = db.prepare(&format!("{SUMMARY} WHERE park_id = ?1 {A_TO_Z}"))?;
    let rows = statement.query_map([park], summary)?;
    with_categories(db, rows.collect::<rusqlite::Result<_>>()?)
}

/// The exhibitors at one stand, A–Z.
pub fn at_stand(
    db: &Connection,
    hall: &str,
    stand: &str,
) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    // `exhibitors_by_booth` indexes exactly these expressions, so a tap on
    // a stand is a lookup, not a scan.
    let sql = format!(
        "{SUMMARY} WHERE json_extract(booth, '$.hall') = ?1 AND json_extract(booth, '$.stand') = ?2 {A_TO_Z}"
    );
    let mut statement = db.prepare(&sql)?;
    let rows = statement.query_map([hall, stand], summary)?;
    with_categories(db, rows.collect::<rusqlite::Result<_>>()?)
}

/// One exhibitor's page, with its park's name and its categories.
pub fn read(db: &Connection, id: &str) -> rusqlite::Result<Option<Exhibitor>> {
    let exhibitor = db
        .query_row(
            "SELECT e.id, e.name, e.sort_key, e.logo, e.summary, e.description, e.booth, e.website, e.tags, p.id, p.name
             FROM exhibitors e LEFT JOIN parks p ON p.id = e.park_id WHERE e.id = ?1",
            [id],
            |row| {
                let park_id: Option<String> = row.get(9)?;
                Ok(Exhibitor {
                    id: row.get(0)?,
                    name: from_json(row, 1)?,
                    sort_key: row.get(2)?,
                    logo: from_json(row, 3)?,
                    summary: from_json(row, 4)?,
                    description: from_json(row, 5)?,
                    categories: Vec::new(),
                    booth: from_json(row, 6)?,
                    park: park_id
                        .map(|id| from_json(row, 10).map(|name| ParkLink { id, name }))
                        .transpose()?,
                    website: row.get(7)?,
                    tags: from_json(row, 8)?,
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
    Ok(Some(exhibitor))
}

/// Every exhibitor as the search index takes it (id, sort name, name,
/// summary), A–Z.
pub fn search_rows() -> String {
    format!("SELECT id, sort_key, name, summary FROM exhibitors {A_TO_Z}")
}

pub fn hit(db: &Connection, id: String) -> rusqlite::Result<Option<SearchHit>> {
    db.prepare_cached("SELECT name, summary, logo FROM exhibitors WHERE id = ?1")?
        .query_row([&id], |row| search_hit(row, HitKind::Exhibitor, id.clone()))
        .optional()
}
