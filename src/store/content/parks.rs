//! The `parks` table: the science parks, in the pack's order.

use rusqlite::{params, Connection, OptionalExtension};

use crate::model::{HitKind, Park, ParkSummary, SearchHit};
use crate::store::content::column::{from_json, insert, search_hit, to_json};
use crate::store::content::exhibitors;

pub const SCHEMA: &str = "
CREATE TABLE parks (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, district TEXT, summary TEXT,
    body TEXT, focus TEXT NOT NULL, figures TEXT NOT NULL, image TEXT, gallery TEXT NOT NULL, location TEXT
);";

pub fn write(db: &Connection, park: &Park, position: i64) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO parks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            park.id,
            position,
            to_json(&park.name)?,
            to_json(&park.district)?,
            to_json(&park.summary)?,
            to_json(&park.body)?,
            to_json(&park.focus)?,
            to_json(&park.figures)?,
            to_json(&park.image)?,
            to_json(&park.gallery)?,
            to_json(&park.location)?,
        ],
    )
}

pub fn count(db: &Connection) -> rusqlite::Result<u32> {
    db.query_row("SELECT count(*) FROM parks", [], |row| row.get(0))
}

/// In the pack's order.
pub fn list(db: &Connection) -> rusqlite::Result<Vec<ParkSummary>> {
    let mut statement =
        db.prepare("SELECT id, name, district, summary, image FROM parks ORDER BY position")?;
    let rows = statement.query_map([], |row| {
        Ok(ParkSummary {
            id: row.get(0)?,
            name: from_json(row, 1)?,
            district: from_json(row, 2)?,
            summary: from_json(row, 3)?,
            image: from_json(row, 4)?,
        })
    })?;
    rows.collect()
}

/// A park with its exhibitors, A–Z in `language`.
pub fn read(db: &Connection, id: &str, language: &str) -> rusqlite::Result<Option<Park>> {
    let park = db
        .query_row("SELECT id, name, district, summary, body, focus, figures, image, gallery, location FROM parks WHERE id = ?1", [id], |row| {
            Ok(Park {
                id: row.get(0)?,
                name: from_json(row, 1)?,
                district: from_json(row, 2)?,
                summary: from_json(row, 3)?,
                body: from_json(row, 4)?,
                focus: from_json(row, 5)?,
                figures: from_json(row, 6)?,
                image: from_json(row, 7)?,
                gallery: from_json(row, 8)?,
                location: from_json(row, 9)?,
                exhibitors: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut park) = park else {
        return Ok(None);
    };
    park.exhibitors = exhibitors::of_park(db, id, language)?;
    Ok(Some(park))
}

/// Every park as the search index takes it (id, sort name, name, summary),
/// in the pack's order.
pub fn search_rows() -> String {
    "SELECT id, NULL, name, summary FROM parks ORDER BY position".to_owned()
}

pub fn hit(db: &Connection, id: String) -> rusqlite::Result<Option<SearchHit>> {
    db.prepare_cached("SELECT name, summary, image FROM parks WHERE id = ?1")?
        .query_row([&id], |row| search_hit(row, HitKind::Park, id.clone()))
        .optional()
}
