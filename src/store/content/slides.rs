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

pub use crate::pack::kinds::slide::DEFAULT_SECONDS as DEFAULT_SLIDE_SECONDS;

pub fn write(db: &Connection, slide: &pack::Slide, position: i64) -> rusqlite::Result<()> {
    let link = slide.link.as_ref().map(|(kind, id)| SlideLink {
        kind: *kind,
        id: id.clone(),
    });
    let seconds = pack::kinds::slide::shown_seconds(slide.seconds);
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
