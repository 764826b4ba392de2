//! A pack's `content.db`: written once, in one transaction, while the pack
//! is validated (row by row, as each entity is resolved) and imported, then
//! only ever opened read-only. Columns the queries filter or
//! sort on are plain columns; localised text, rendered HTML and lists are
//! JSON, every language already filled in, so reading a row is a lookup
//! and never a computation.
//!
//! One module per table (or family of tables one entity fills): its
//! schema, how an entity becomes its rows, and the queries that read them
//! back, as GitButler's `but-db` keeps them. This module puts them
//! together: the schema's version, the [`Writer`] an import fills, and the
//! `media` table. `column` (how values sit in columns) is under every
//! table; `directory` and `search` read across tables.

pub mod column;
pub mod directory;
pub mod entities;
pub mod event;
pub mod exhibitors;
pub mod info;
pub mod news;
pub mod parks;
pub mod pinyin;
pub mod search;
pub mod sessions;
pub mod slides;
pub mod speakers;
pub mod stored;
pub mod venue;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::pack::manifest::Manifest;
use crate::pack::{Entity, MediaFile};

/// The schema version (`PRAGMA user_version`) this build writes and reads,
/// its tables' and its JSON columns' (`stored`).
/// 2: the agenda, speakers, venue, slides and the search index.
/// 3: the pinyin of Chinese names and the vocabulary tables in the search
/// index.
/// 4: exhibitors' A–Z keys per language (`exhibitor_sort_keys`), the
/// pack's `sort_name` per language with them.
/// 5: sessions and speakers in the search index (an index of schema 4,
/// without them, is read as it is: its packs find no session until
/// imported again), and sessions by speaker.
pub const SCHEMA_VERSION: u32 = 5;

/// Every table, in the order they are created.
const TABLES: [&str; 10] = [
    info::SCHEMA,
    event::SCHEMA,
    news::SCHEMA,
    parks::SCHEMA,
    exhibitors::SCHEMA,
    speakers::SCHEMA,
    sessions::SCHEMA,
    venue::SCHEMA,
    slides::SCHEMA,
    MEDIA,
];

/// The media-store files this pack uses, so pruning keeps them.
const MEDIA: &str = "
CREATE TABLE media (file TEXT PRIMARY KEY);";

/// Created once the rows are in: one sorted build per index instead of an
/// insert into each b-tree per row. Besides these, `exhibitors::A_TO_Z_INDEX`,
/// built first (`Writer::finish`).
const INDEXES: [&str; 2] = [exhibitors::INDEXES, sessions::INDEXES];

/// The database the search index's pinyin table is built in before it is
/// copied into the pack's (`search::write`).
const SEARCH_SCRATCH: &str = "search-pinyin.db";

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
        // The index builds' sorts on a helper thread too: the A–Z index is
        // built alone, before the search index's second thread starts.
        db.pragma_update(None, "threads", 2)?;
        db.execute_batch("BEGIN")?;
        db.execute_batch(&TABLES.concat())?;
        db.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        info::insert(db, manifest, imported_at)
    }

    /// Inserts the rows of `entity`, each statement prepared once and
    /// reused.
    pub fn insert(&mut self, entity: &Entity) -> Result<()> {
        self.insert_rows(entity).map_err(|source| self.fail(source))
    }

    fn insert_rows(&mut self, entity: &Entity) -> rusqlite::Result<()> {
        let db = &self.connection;
        let next = |count: &mut i64| {
            *count += 1;
            *count - 1
        };
        match entity {
            Entity::Event(event, categories) => event::write(db, event, categories),
            Entity::News(news) => news::write(db, news),
            Entity::Park(park) => parks::write(db, park, next(&mut self.parks)),
            Entity::Exhibitor(exhibitor) => exhibitors::write(db, exhibitor, &self.languages),
            Entity::Speaker(speaker) => speakers::write(db, speaker, next(&mut self.speakers)),
            Entity::Session(session) => sessions::write(db, session),
            Entity::Hall(hall) => venue::write(db, hall, next(&mut self.halls)),
            Entity::Slide(slide) => slides::write(db, slide, next(&mut self.slides)),
        }
    }

    /// Lists the pack's `media`, builds the indexes and the search index
    /// from the rows written, and commits; calls `lap` once the A–Z index
    /// is built (`indexes`) and once the search index and the other indexes
    /// are (`search_index`: they are built on this connection while the
    /// search index's pinyin table is finished on the other core).
    pub fn finish(
        self,
        media: &BTreeMap<String, MediaFile>,
        lap: &mut dyn FnMut(&'static str),
    ) -> Result<()> {
        let db = &self.connection;
        let a_to_z = || -> rusqlite::Result<()> {
            let mut insert = db.prepare("INSERT OR IGNORE INTO media VALUES (?1)")?;
            for media in media.values() {
                insert.execute([&media.store_name])?;
            }
            db.execute_batch(exhibitors::A_TO_Z_INDEX)
        };
        a_to_z().map_err(|source| self.fail(source))?;
        lap("indexes");
        // Beside the database, so an interrupted import leaves it in the
        // `.tmp-*` folder the next import deletes.
        let scratch = self.path.with_file_name(SEARCH_SCRATCH);
        search::write(db, &self.languages, &scratch, || {
            db.execute_batch(&INDEXES.concat())
        })
        .and_then(|()| db.execute_batch("COMMIT"))
        .map_err(|source| self.fail(source))?;
        let path = self.path;
        self.connection
            .close()
            .map_err(|(_, source)| Error::Database { path, source })?;
        fs::remove_file(&scratch).map_err(|source| Error::io(&scratch, source))?;
        lap("search_index");
        Ok(())
    }
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
