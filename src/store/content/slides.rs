//! The `slides` table: the attract loop, in the pack's order.

use rusqlite::{params, Connection};

use crate::model::{Slide, SlideLink};
use crate::pack;
use crate::store::content::column::{from_json, insert, to_json};

pub const SCHEMA: &str = "
CREATE TABLE slides (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, image TEXT NOT NULL, caption TEXT,
    link TEXT, seconds INTEGER NOT NULL
);";

/// How long a slide without `seconds` stays (docs/pack-format.md).
pub const DEFAULT_SLIDE_SECONDS: u32 = 8;

pub fn write(db: &Connection, slide: &pack::Slide, position: i64) -> rusqlite::Result<()> {
    let link = slide.link.as_ref().map(|(kind, id)| SlideLink {
        kind: *kind,
        id: id.clone(),
    });
    // Whole seconds are what a loop's timer needs; validation made
    // `seconds` positive, so rounding up never shows a slide for 0 s.
    let seconds = slide.seconds.map_or(DEFAULT_SLIDE_SECONDS, |seconds| {
        seconds.ceil().min(f64::from(u32::MAX)) as u32
    });
    insert(
        db,
        "INSERT INTO slides VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            slide.id,
            position,
            to_json(&slide.image)?,
            to_json(&slide.caption)?,
            to_json(&link)?,
            seconds,
        ],
    )
}

/// In the pack's order.
pub fn list(db: &Connection) -> rusqlite::Result<Vec<Slide>> {
    let mut statement =
        db.prepare("SELECT id, image, caption, link, seconds FROM slides ORDER BY position")?;
    let rows = statement.query_map([], |row| {
        Ok(Slide {
            id: row.get(0)?,
            image: from_json(row, 1)?,
            caption: from_json(row, 2)?,
            link: from_json(row, 3)?,
            seconds: row.get(4)?,
        })
    })?;
    rows.collect()
}
