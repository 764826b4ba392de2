//! The `event` table (one row) and the event's exhibitor `categories`.

use rusqlite::{params, Connection, Row};

use crate::model::{Category, Event};
use crate::store::content::column::{from_json, insert, to_json};

pub const SCHEMA: &str = "
CREATE TABLE event (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    name TEXT NOT NULL, short_name TEXT, theme TEXT, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
    timezone TEXT NOT NULL, venue TEXT, logo TEXT, about TEXT
);
CREATE TABLE categories (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL);";

pub fn write(db: &Connection, event: &Event, categories: &[Category]) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO event VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            to_json(&event.name)?,
            to_json(&event.short_name)?,
            to_json(&event.theme)?,
            event.starts_on,
            event.ends_on,
            event.timezone,
            to_json(&event.venue)?,
            to_json(&event.logo)?,
            to_json(&event.about)?,
        ],
    )?;
    for (position, category) in categories.iter().enumerate() {
        insert(
            db,
            "INSERT INTO categories VALUES (?1, ?2, ?3)",
            params![category.id, (position as i64), to_json(&category.name)?,],
        )?;
    }
    Ok(())
}

pub fn read(db: &Connection) -> rusqlite::Result<Event> {
    db.query_row(
        "SELECT name, short_name, theme, starts_on, ends_on, timezone, venue, logo, about FROM event",
        [],
        |row| {
            Ok(Event {
                name: from_json(row, 0)?,
                short_name: from_json(row, 1)?,
                theme: from_json(row, 2)?,
                starts_on: row.get(3)?,
                ends_on: row.get(4)?,
                timezone: row.get(5)?,
                venue: from_json(row, 6)?,
                logo: from_json(row, 7)?,
                about: from_json(row, 8)?,
            })
        },
    )
}

/// Every category, in the pack's order.
pub fn categories(db: &Connection) -> rusqlite::Result<Vec<Category>> {
    let mut statement = db.prepare("SELECT id, name FROM categories ORDER BY position")?;
    let rows = statement.query_map([], category)?;
    rows.collect()
}

/// A category from `id, name` columns.
pub fn category(row: &Row) -> rusqlite::Result<Category> {
    Ok(Category {
        id: row.get(0)?,
        name: from_json(row, 1)?,
    })
}
