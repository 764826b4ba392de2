//! The `sessions` table and each one's `session_speakers`: the agenda.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{HitKind, SearchHit, Session, SessionSummary};
use crate::pack;
use crate::store::content::column::{from_json, insert, rfc3339, search_hit, to_json};
use crate::store::content::speakers;

pub const SCHEMA: &str = "
-- Times as the pack gave them (RFC 3339, with their offset) and as unix
-- seconds for the agenda's order.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, starts TEXT NOT NULL, ends TEXT NOT NULL,
    starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, room TEXT, track TEXT, description TEXT
);
CREATE TABLE session_speakers (
    session_id TEXT NOT NULL REFERENCES sessions (id), position INTEGER NOT NULL,
    speaker_id TEXT NOT NULL REFERENCES speakers (id),
    PRIMARY KEY (session_id, position)
);";

pub const INDEXES: &str = "
CREATE INDEX sessions_by_time ON sessions (starts_at, id);
CREATE INDEX session_speakers_by_speaker ON session_speakers (speaker_id);
";

const SUMMARY: &str = "SELECT id, title, starts, ends, room, track FROM sessions";

pub fn write(db: &Connection, session: &pack::Session) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO sessions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            session.id,
            to_json(&session.title)?,
            rfc3339(session.starts)?,
            rfc3339(session.ends)?,
            session.starts.unix_timestamp(),
            session.ends.unix_timestamp(),
            to_json(&session.room)?,
            to_json(&session.track)?,
            to_json(&session.description)?,
        ],
    )?;
    for (position, speaker) in session.speakers.iter().enumerate() {
        insert(
            db,
            "INSERT INTO session_speakers VALUES (?1, ?2, ?3)",
            params![session.id, (position as i64), speaker,],
        )?;
    }
    Ok(())
}

pub fn count(db: &Connection) -> rusqlite::Result<u32> {
    db.query_row("SELECT count(*) FROM sessions", [], |row| row.get(0))
}

/// Every session by start time (the instant, whatever offset the pack
/// wrote it with), then by id.
pub fn list(db: &Connection) -> rusqlite::Result<Vec<SessionSummary>> {
    let mut statement = db.prepare(&format!("{SUMMARY} ORDER BY starts_at, id"))?;
    let rows = statement.query_map([], summary)?;
    rows.collect()
}

/// A speaker's sessions, in the agenda's order.
pub fn of_speaker(db: &Connection, speaker: &str) -> rusqlite::Result<Vec<SessionSummary>> {
    let mut statement = db.prepare(
        "SELECT id, title, starts, ends, room, track FROM sessions
         WHERE id IN (SELECT session_id FROM session_speakers WHERE speaker_id = ?1)
         ORDER BY starts_at, id",
    )?;
    let rows = statement.query_map([speaker], summary)?;
    rows.collect()
}

/// Every session as the search index takes it (id, sort name, name,
/// summary: its track, which its hit shows), in the agenda's order.
pub fn search_rows() -> String {
    "SELECT id, NULL, title, track FROM sessions ORDER BY starts_at, id".to_owned()
}

/// A session as a search hit shows it: its title and track.
pub fn hit(db: &Connection, id: String) -> rusqlite::Result<Option<SearchHit>> {
    db.prepare_cached("SELECT title, track, NULL FROM sessions WHERE id = ?1")?
        .query_row([&id], |row| search_hit(row, HitKind::Session, id.clone()))
        .optional()
}

/// A session with its description and its speakers, in the session's order.
pub fn read(db: &Connection, id: &str) -> rusqlite::Result<Option<Session>> {
    let sql =
        "SELECT id, title, starts, ends, room, track, description FROM sessions WHERE id = ?1";
    let found = db
        .query_row(sql, [id], |row| Ok((summary(row)?, from_json(row, 6)?)))
        .optional()?;
    let Some((summary, description)) = found else {
        return Ok(None);
    };
    Ok(Some(Session {
        speakers: speakers::of_session(db, id)?,
        id: summary.id,
        title: summary.title,
        starts: summary.starts,
        ends: summary.ends,
        room: summary.room,
        track: summary.track,
        description,
    }))
}

fn summary(row: &Row) -> rusqlite::Result<SessionSummary> {
    Ok(SessionSummary {
        id: row.get(0)?,
        title: from_json(row, 1)?,
        starts: row.get(2)?,
        ends: row.get(3)?,
        room: from_json(row, 4)?,
        track: from_json(row, 5)?,
    })
}
