//! The `pack` table: which pack this database holds, one row.

use rusqlite::{params, Connection};

use crate::model::PackInfo;
use crate::pack::manifest::Manifest;
use crate::store::content::column::{from_json, to_json};

pub const SCHEMA: &str = "
CREATE TABLE pack (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    pack TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL,
    languages TEXT NOT NULL, created TEXT NOT NULL, imported_at TEXT NOT NULL
);";

pub fn insert(db: &Connection, manifest: &Manifest, imported_at: &str) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO pack VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            manifest.pack,
            manifest.version,
            to_json(&manifest.title)?,
            to_json(&manifest.languages)?,
            manifest.created,
            imported_at
        ],
    )?;
    Ok(())
}

pub fn read(db: &Connection) -> rusqlite::Result<PackInfo> {
    db.query_row(
        "SELECT pack, version, title, languages, imported_at FROM pack",
        [],
        |row| {
            Ok(PackInfo {
                pack: row.get(0)?,
                version: row.get(1)?,
                title: from_json(row, 2)?,
                languages: from_json(row, 3)?,
                imported_at: row.get(4)?,
            })
        },
    )
}
