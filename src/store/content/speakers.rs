//! The `speakers` table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{HitKind, SearchHit, Speaker};
use crate::store::content::column::{from_json, insert, search_hit, to_json};

pub const SCHEMA: &str = "
CREATE TABLE speakers (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, title TEXT,
    organization TEXT, photo TEXT, bio TEXT, exhibitor_id TEXT REFERENCES exhibitors (id)
);";

pub fn write(db: &Connection, speaker: &Speaker, position: i64) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO speakers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            speaker.id,
            position,
            to_json(&speaker.name)?,
            to_json(&speaker.title)?,
            to_json(&speaker.organization)?,
            to_json(&speaker.photo)?,
            to_json(&speaker.bio)?,
            speaker.exhibitor,
        ],
    )
}

/// A session's speakers, in the session's order.
pub fn of_session(db: &Connection, session: &str) -> rusqlite::Result<Vec<Speaker>> {
    let mut statement = db.prepare(
        "SELECT s.id, s.name, s.title, s.organization, s.photo, s.bio, s.exhibitor_id
         FROM session_speakers ss JOIN speakers s ON s.id = ss.speaker_id
         WHERE ss.session_id = ?1 ORDER BY ss.position",
    )?;
    let rows = statement.query_map([session], speaker)?;
    rows.collect()
}

/// Every speaker, in the pack's order.
pub fn all(db: &Connection) -> rusqlite::Result<Vec<Speaker>> {
    let mut statement = db.prepare(
        "SELECT id, name, title, organization, photo, bio, exhibitor_id FROM speakers ORDER BY position",
    )?;
    let rows = statement.query_map([], speaker)?;
    rows.collect()
}

pub fn read(db: &Connection, id: &str) -> rusqlite::Result<Option<Speaker>> {
    db.query_row(
        "SELECT id, name, title, organization, photo, bio, exhibitor_id FROM speakers WHERE id = ?1",
        [id],
        speaker,
    )
    .optional()
}

/// Every speaker as the search index takes it (id, sort name, name,
/// summary: their organisation, which their hit shows), in the pack's order.
pub fn search_rows() -> String {
    "SELECT id, NULL, name, organization FROM speakers ORDER BY position".to_owned()
}

/// A speaker as a search hit shows them: name, organisation and photo.
pub fn hit(db: &Connection, id: String) -> rusqlite::Result<Option<SearchHit>> {
    db.prepare_cached("SELECT name, organization, photo FROM speakers WHERE id = ?1")?
        .query_row([&id], |row| search_hit(row, HitKind::Speaker, id.clone()))
        .optional()
}

/// A speaker from the columns `id, name, title, organization, photo, bio,
/// exhibitor_id`.
fn speaker(row: &Row) -> rusqlite::Result<Speaker> {
    Ok(Speaker {
        id: row.get(0)?,
        name: from_json(row, 1)?,
        title: from_json(row, 2)?,
        organization: from_json(row, 3)?,
        photo: from_json(row, 4)?,
        bio: from_json(row, 5)?,
        exhibitor: row.get(6)?,
    })
}
