//! `kiosk.db`: what the kiosk remembers across pack switches and restarts:
//! the history of imports and rollbacks, and which inbox packs were tried. Its schema grows by
//! migrations, each applied with the `user_version` bump in one transaction,
//! so a failed migration leaves the old schema, never half of the new one.

use std::path::PathBuf;

use rusqlite::{params, Connection, OptionalExtension};

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::model::{HistoryEntry, ImportOutcome};
use crate::store::schema;

/// Migration `n` takes the schema from `user_version` n to n + 1.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        source TEXT NOT NULL,
        pack TEXT,
        version INTEGER,
        outcome TEXT NOT NULL,
        errors TEXT NOT NULL
    );",
    // The inbox's packs as last tried (`inbox` module), so that a pack left
    // in a watched folder is not tried again at every start of the kiosk.
    "CREATE TABLE inbox_tried (
        source TEXT PRIMARY KEY,
        fingerprint INTEGER NOT NULL
    );",
    // When the import of that state started, until it ends: a try still
    // started at the next start of the kiosk is one the kiosk did not
    // survive, never tried again on its own (`store::quarantine_unfinished`).
    "ALTER TABLE inbox_tried ADD COLUMN started TEXT;",
];

/// How many imports and rollbacks the history keeps, the newest.
pub const HISTORY_KEPT: i64 = 1_000;

pub struct KioskDb {
    path: PathBuf,
    connection: Connection,
}

impl KioskDb {
    /// Opens (creating if needed) and migrates `DIR/kiosk.db`.
    pub fn open(data: &DataDir) -> Result<KioskDb> {
        let path = data.kiosk_db();
        let fail = |source| Error::Database {
            path: path.clone(),
            source,
        };
        let connection = schema::open_migrated(&path, "kiosk.db", MIGRATIONS, &[]).map_err(fail)?;
        Ok(KioskDb { path, connection })
    }

    /// Opens `DIR/kiosk.db` if it exists, so read-only commands do not
    /// create a data folder.
    pub fn open_existing(data: &DataDir) -> Result<Option<KioskDb>> {
        if data.kiosk_db().exists() {
            KioskDb::open(data).map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn record(&self, entry: &HistoryEntry) -> Result<()> {
        let outcome = match entry.outcome {
            ImportOutcome::Live => "live",
            ImportOutcome::Refused => "refused",
            ImportOutcome::Failed => "failed",
            ImportOutcome::RolledBack => "rolled_back",
            ImportOutcome::Staged => "staged",
            ImportOutcome::MadeLive => "made_live",
        };
        self.connection
            .execute(
                "INSERT INTO imports (at, source, pack, version, outcome, errors) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![entry.at, entry.source, entry.pack, entry.version, outcome, entry.errors.join("\n")],
            )
            .and_then(|_| {
                // A watched folder that keeps offering bad packs must not
                // grow the history, and the disk, without end.
                self.connection.execute(
                    "DELETE FROM imports WHERE id <= (SELECT max(id) FROM imports) - ?1",
                    [HISTORY_KEPT],
                )
            })
            .map(drop)
            .map_err(|source| Error::Database { path: self.path.clone(), source })
    }

    /// The fingerprint `source` had when the inbox last tried it.
    pub fn tried_fingerprint(&self, source: &str) -> Result<Option<u64>> {
        self.connection
            .query_row(
                "SELECT fingerprint FROM inbox_tried WHERE source = ?1",
                [source],
                // Stored as SQLite's signed integer, bit for bit.
                |row| row.get::<_, i64>(0).map(|value| value as u64),
            )
            .optional()
            .map_err(|source| Error::Database {
                path: self.path.clone(),
                source,
            })
    }

    /// Records, before it starts, that the inbox is trying `source` in the
    /// state `fingerprint` (and so no longer in any earlier state).
    pub fn start_try(&self, source: &str, fingerprint: u64, at: &str) -> Result<()> {
        self.execute(
            "INSERT INTO inbox_tried (source, fingerprint, started) VALUES (?1, ?2, ?3)
             ON CONFLICT (source) DO UPDATE SET fingerprint = excluded.fingerprint, started = excluded.started",
            params![source, fingerprint as i64, at],
        )
    }

    /// The try of `source` has ended: it stays tried in its state.
    pub fn end_try(&self, source: &str) -> Result<()> {
        self.execute(
            "UPDATE inbox_tried SET started = NULL WHERE source = ?1",
            [source],
        )
    }

    /// Forgets that `source` was tried: it is tried again when next seen.
    pub fn forget_try(&self, source: &str) -> Result<()> {
        self.execute("DELETE FROM inbox_tried WHERE source = ?1", [source])
    }

    /// The tries that started and never ended, as `(source, started)`.
    pub fn unfinished_tries(&self) -> Result<Vec<(String, String)>> {
        let fail = |source| Error::Database {
            path: self.path.clone(),
            source,
        };
        let mut statement = self
            .connection
            .prepare(
                "SELECT source, started FROM inbox_tried WHERE started IS NOT NULL ORDER BY source",
            )
            .map_err(fail)?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)));
        rows.and_then(Iterator::collect).map_err(fail)
    }

    fn execute(&self, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        self.connection
            .execute(sql, params)
            .map(drop)
            .map_err(|source| Error::Database {
                path: self.path.clone(),
                source,
            })
    }

    /// The last `limit` imports and rollbacks, newest first.
    pub fn recent(&self, limit: u32) -> Result<Vec<HistoryEntry>> {
        self.entries("", rusqlite::params![limit])
    }

    /// The last import of `source`, if it was ever imported.
    pub fn last_of(&self, source: &str) -> Result<Option<HistoryEntry>> {
        let mut entries = self.entries("WHERE source = ?2", rusqlite::params![1, source])?;
        Ok(entries.pop())
    }

    /// History rows matching `filter` (SQL, its parameters from `?2`),
    /// newest first, `?1` of them at most.
    fn entries(&self, filter: &str, params: impl rusqlite::Params) -> Result<Vec<HistoryEntry>> {
        let fail = |source| Error::Database {
            path: self.path.clone(),
            source,
        };
        let mut statement = self
            .connection
            .prepare(&format!("SELECT at, source, pack, version, outcome, errors FROM imports {filter} ORDER BY id DESC LIMIT ?1"))
            .map_err(fail)?;
        let rows = statement.query_map(params, |row| {
            let errors: String = row.get(5)?;
            Ok(HistoryEntry {
                at: row.get(0)?,
                source: row.get(1)?,
                pack: row.get(2)?,
                version: row.get(3)?,
                outcome: match row.get::<_, String>(4)?.as_str() {
                    "live" => ImportOutcome::Live,
                    "refused" => ImportOutcome::Refused,
                    "rolled_back" => ImportOutcome::RolledBack,
                    "staged" => ImportOutcome::Staged,
                    "made_live" => ImportOutcome::MadeLive,
                    _ => ImportOutcome::Failed,
                },
                errors: errors.lines().map(str::to_owned).collect(),
            })
        });
        rows.and_then(Iterator::collect).map_err(fail)
    }
}
