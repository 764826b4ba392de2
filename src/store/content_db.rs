//! A pack's `content.db`: written once, in one transaction, while the pack
//! is validated (row by row, as each entity is resolved) and imported, then
//! only ever opened read-only. Columns the queries filter or
//! sort on are plain columns; localised text, rendered HTML and lists are
//! JSON of the view types (`model::Text` etc.), every language already
//! filled in, so reading a row is a lookup and never a computation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::types::{Type, Value};
use rusqlite::{params, Connection, OpenFlags, ToSql};
use serde::de::DeserializeOwned;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::model::{LinkKind, SlideLink};
use crate::pack::manifest::Manifest;
use crate::pack::{content, Entity, MediaFile, News};
use crate::store::search_index;

/// The schema version (`PRAGMA user_version`) this build writes and reads.
/// 2: the agenda, speakers, venue, slides and the search index.
pub const SCHEMA_VERSION: u32 = 2;

/// How long a slide without `seconds` stays (docs/pack-format.md).
pub const DEFAULT_SLIDE_SECONDS: u32 = 8;

const SCHEMA: &str = "
CREATE TABLE pack (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    pack TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL,
    languages TEXT NOT NULL, created TEXT NOT NULL, imported_at TEXT NOT NULL
);
CREATE TABLE event (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    name TEXT NOT NULL, short_name TEXT, theme TEXT, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
    timezone TEXT NOT NULL, venue TEXT, logo TEXT, about TEXT
);
CREATE TABLE categories (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE news (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT, body TEXT,
    published TEXT NOT NULL, published_at INTEGER NOT NULL, expires_at INTEGER,
    source TEXT, source_url TEXT, image TEXT, tags TEXT NOT NULL, pinned INTEGER NOT NULL
);
CREATE TABLE parks (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, district TEXT, summary TEXT,
    body TEXT, focus TEXT NOT NULL, figures TEXT NOT NULL, image TEXT, gallery TEXT NOT NULL, location TEXT
);
CREATE TABLE exhibitors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, sort_key TEXT NOT NULL, logo TEXT, summary TEXT,
    description TEXT, booth TEXT, park_id TEXT REFERENCES parks (id), website TEXT, tags TEXT NOT NULL
);
CREATE TABLE exhibitor_categories (
    exhibitor_id TEXT NOT NULL REFERENCES exhibitors (id), position INTEGER NOT NULL,
    category_id TEXT NOT NULL REFERENCES categories (id),
    PRIMARY KEY (exhibitor_id, position)
);
CREATE TABLE speakers (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, title TEXT,
    organization TEXT, photo TEXT, bio TEXT, exhibitor_id TEXT REFERENCES exhibitors (id)
);
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
);
CREATE TABLE halls (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, plan TEXT,
    width REAL NOT NULL, height REAL NOT NULL
);
-- Stand ids are unique within their hall (a booth is {hall, stand}); spot
-- ids across the venue (a kiosk's settings name its spot alone).
CREATE TABLE stands (
    hall_id TEXT NOT NULL REFERENCES halls (id), id TEXT NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,
    PRIMARY KEY (hall_id, id)
);
CREATE TABLE spots (
    id TEXT PRIMARY KEY, hall_id TEXT NOT NULL REFERENCES halls (id), name TEXT NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL
);
CREATE TABLE slides (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, image TEXT NOT NULL, caption TEXT,
    link TEXT, seconds INTEGER NOT NULL
);
-- The media-store files this pack uses, so pruning keeps them.
CREATE TABLE media (file TEXT PRIMARY KEY);
";

/// Created once the rows are in: one sorted build per index instead of an
/// insert into each b-tree per row.
const INDEXES: &str = "
CREATE INDEX exhibitors_a_to_z ON exhibitors (sort_key COLLATE NOCASE, id);
CREATE INDEX exhibitors_by_park ON exhibitors (park_id);
CREATE INDEX sessions_by_time ON sessions (starts_at, id);
-- A tap on a stand of the map: the same expressions as the catalog's query.
CREATE INDEX exhibitors_by_booth
    ON exhibitors (json_extract(booth, '$.hall'), json_extract(booth, '$.stand'));
-- The directory narrowed to a category reads that category's exhibitors
-- only (store/directory.rs).
CREATE INDEX exhibitors_by_category ON exhibitor_categories (category_id, exhibitor_id);
";

/// A new database being filled with the pack's entities, all in one
/// transaction that [`Writer::finish`] commits.
pub struct Writer {
    connection: Connection,
    path: PathBuf,
    languages: Vec<String>,
    /// Rows written so far per table with a `position` column.
    parks: i64,
    speakers: i64,
    halls: i64,
    slides: i64,
}

impl Writer {
    /// Creates the database at `path` with its schema and the pack's row.
    pub fn create(path: &Path, manifest: &Manifest, imported_at: &str) -> Result<Writer> {
        let connection = Connection::open(path).map_err(|source| Error::Database {
            path: path.to_path_buf(),
            source,
        })?;
        let writer = Writer {
            connection,
            path: path.to_path_buf(),
            languages: manifest.languages.clone(),
            parks: 0,
            speakers: 0,
            halls: 0,
            slides: 0,
        };
        writer
            .begin(manifest, imported_at)
            .map_err(|source| writer.fail(source))?;
        Ok(writer)
    }

    /// An error of this database.
    fn fail(&self, source: rusqlite::Error) -> Error {
        Error::Database {
            path: self.path.clone(),
            source,
        }
    }

    fn begin(&self, manifest: &Manifest, imported_at: &str) -> rusqlite::Result<()> {
        let db = &self.connection;
        // No journal and no syncing while writing: this file is invisible
        // until it is complete, fsynced and renamed into place, and a crash
        // before that leaves a `.tmp-*` folder the next import deletes. It
        // also means the finished database is one self-contained file with
        // no -wal beside it, which opens read-only.
        db.pragma_update_and_check(None, "journal_mode", "OFF", |row| row.get::<_, String>(0))?;
        db.pragma_update(None, "synchronous", "OFF")?;
        db.execute_batch("BEGIN")?;
        db.execute_batch(SCHEMA)?;
        db.pragma_update(None, "user_version", SCHEMA_VERSION)?;
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

    /// Inserts the rows of `entity`, each statement prepared once and
    /// reused.
    pub fn insert(&mut self, entity: &Entity) -> Result<()> {
        self.insert_rows(entity).map_err(|source| self.fail(source))
    }

    fn insert_rows(&mut self, entity: &Entity) -> rusqlite::Result<()> {
        let db = &self.connection;
        let row = |sql: &str, values: &[&dyn ToSql]| -> rusqlite::Result<()> {
            db.prepare_cached(sql)?.execute(values)?;
            Ok(())
        };
        match entity {
            Entity::Event(event, categories) => {
                row(
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
                    row(
                        "INSERT INTO categories VALUES (?1, ?2, ?3)",
                        params![category.id, (position as i64), to_json(&category.name)?,],
                    )?;
                }
            }
            Entity::News(News {
                item,
                published_at,
                expires_at,
            }) => {
                row(
                    "INSERT INTO news VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        item.id,
                        to_json(&item.title)?,
                        to_json(&item.summary)?,
                        to_json(&item.body)?,
                        item.published,
                        published_at,
                        expires_at,
                        to_json(&item.source)?,
                        item.source_url,
                        to_json(&item.image)?,
                        to_json(&item.tags)?,
                        item.pinned,
                    ],
                )?;
            }
            Entity::Park(park) => {
                row(
                    "INSERT INTO parks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![
                        park.id,
                        self.parks,
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
                )?;
                self.parks += 1;
            }
            Entity::Exhibitor(exhibitor) => {
                row(
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
                    row(
                        "INSERT INTO exhibitor_categories VALUES (?1, ?2, ?3)",
                        params![exhibitor.id, (position as i64), category.id,],
                    )?;
                }
            }
            Entity::Speaker(speaker) => {
                row(
                    "INSERT INTO speakers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        speaker.id,
                        self.speakers,
                        to_json(&speaker.name)?,
                        to_json(&speaker.title)?,
                        to_json(&speaker.organization)?,
                        to_json(&speaker.photo)?,
                        to_json(&speaker.bio)?,
                        speaker.exhibitor,
                    ],
                )?;
                self.speakers += 1;
            }
            Entity::Session(session) => {
                row(
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
                    row(
                        "INSERT INTO session_speakers VALUES (?1, ?2, ?3)",
                        params![session.id, (position as i64), speaker,],
                    )?;
                }
            }
            Entity::Hall(hall) => {
                row(
                    "INSERT INTO halls VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        hall.id,
                        self.halls,
                        to_json(&hall.name)?,
                        to_json(&hall.plan)?,
                        hall.width,
                        hall.height,
                    ],
                )?;
                self.halls += 1;
                for stand in &hall.stands {
                    row(
                        "INSERT INTO stands VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![hall.id, stand.id, stand.x, stand.y, stand.w, stand.h,],
                    )?;
                }
                for spot in &hall.spots {
                    row(
                        "INSERT INTO spots VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![spot.id, hall.id, to_json(&spot.name)?, spot.x, spot.y,],
                    )?;
                }
            }
            Entity::Slide(slide) => {
                let link = slide.link.as_ref().map(|(kind, id)| SlideLink {
                    kind: match kind {
                        content::LinkKind::News => LinkKind::News,
                        content::LinkKind::Park => LinkKind::Park,
                        content::LinkKind::Exhibitor => LinkKind::Exhibitor,
                        content::LinkKind::Session => LinkKind::Session,
                    },
                    id: id.clone(),
                });
                // Whole seconds are what a loop's timer needs; validation
                // made `seconds` positive, so rounding up never shows a
                // slide for 0 s.
                let seconds = slide.seconds.map_or(DEFAULT_SLIDE_SECONDS, |seconds| {
                    seconds.ceil().min(f64::from(u32::MAX)) as u32
                });
                row(
                    "INSERT INTO slides VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        slide.id,
                        self.slides,
                        to_json(&slide.image)?,
                        to_json(&slide.caption)?,
                        to_json(&link)?,
                        seconds,
                    ],
                )?;
                self.slides += 1;
            }
        }
        Ok(())
    }

    /// Lists the pack's `media`, builds the indexes and the search index
    /// from the rows written, and commits; calls `lap` once the entity
    /// tables' indexes are built (`indexes`) and once the search index is
    /// (`search_index`).
    pub fn finish(
        self,
        media: &BTreeMap<String, MediaFile>,
        lap: &mut dyn FnMut(&'static str),
    ) -> Result<()> {
        let db = &self.connection;
        let indexes = || -> rusqlite::Result<()> {
            let mut insert = db.prepare("INSERT OR IGNORE INTO media VALUES (?1)")?;
            for media in media.values() {
                insert.execute([&media.store_name])?;
            }
            db.execute_batch(INDEXES)
        };
        indexes().map_err(|source| self.fail(source))?;
        lap("indexes");
        search_index::write(db, &self.languages)
            .and_then(|()| db.execute_batch("COMMIT"))
            .map_err(|source| self.fail(source))?;
        lap("search_index");
        let path = self.path;
        self.connection
            .close()
            .map_err(|(_, source)| Error::Database { path, source })
    }
}

fn rfc3339(time: OffsetDateTime) -> rusqlite::Result<String> {
    time.format(&Rfc3339)
        .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))
}

/// The media-store files the pack at `path` uses.
pub fn media_files(path: &Path) -> Result<Vec<String>> {
    let fail = |source| Error::Database {
        path: path.to_path_buf(),
        source,
    };
    let db = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(fail)?;
    let mut statement = db.prepare("SELECT file FROM media").map_err(fail)?;
    let files = statement
        .query_map([], |row| row.get(0))
        .and_then(Iterator::collect)
        .map_err(fail);
    files
}

/// A value as a JSON column; `None` (JSON `null`) becomes SQL NULL.
fn to_json<T: Serialize>(value: &T) -> rusqlite::Result<Value> {
    match serde_json::to_string(value) {
        Ok(json) if json == "null" => Ok(Value::Null),
        Ok(json) => Ok(Value::Text(json)),
        Err(error) => Err(rusqlite::Error::ToSqlConversionFailure(Box::new(error))),
    }
}

/// A JSON column read back; SQL NULL reads as JSON `null` (so `Option`s).
pub fn from_json<T: DeserializeOwned>(row: &rusqlite::Row, index: usize) -> rusqlite::Result<T> {
    let text: Option<String> = row.get(index)?;
    serde_json::from_str(text.as_deref().unwrap_or("null")).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(error))
    })
}
