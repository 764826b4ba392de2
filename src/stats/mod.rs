//! What visitors did on this kiosk, counted per hour, for the organiser
//! and the operator's panel: visits, screens, the exhibitors, parks, news
//! and sessions viewed, QR codes shown, languages, the length of visits and
//! searches (the ones that found nothing apart).
//!
//! Only counters are kept, never events: a row is (UTC hour, metric, key,
//! count, total), so the database cannot tell one visitor from another,
//! and its size is bounded by hours × distinct keys, hours by the
//! retention (`stats_retention_days`, pruned as new hours are written).
//! Search text can be left out entirely (`stats_queries: false`).
//!
//! It lives in its own database, `DATA/stats.db`, which no import, rollback
//! or pack failure touches.
//!
//! Durability: WAL with `synchronous=NORMAL`. Each `record` is one
//! transaction appended to the WAL; a `kill -9` of the kiosk loses nothing
//! committed (the written pages are the kernel's by then) and never leaves a
//! half batch (an uncommitted tail of the WAL is ignored at the next open).
//! A power cut may lose the batches written since the last checkpoint's
//! fsync — seconds of counts — but never corrupts the database: with WAL,
//! NORMAL still syncs in the order that keeps it consistent. FULL would
//! fsync at every batch, every few seconds all day, for counts that are
//! statistics anyway: wear on a kiosk's flash and a millisecond or more on
//! the UI's path, for nothing an organiser would miss.
//!
//! For the panel (the shell holds one `Stats`, shared by threads):
//! `Stats::open` at start, `record` with each batch the UI sends,
//! `checkpoint` every few minutes on a thread of its own,
//! `set_policy` when the settings change, `summary` for its charts, and
//! `report::write` for "Export". Tests are in `tests/core/stats.rs`.

mod event;
pub mod report;
mod summary;

pub use event::{
    normalise_query, Happened, Metric, Viewed, VisitorEvent, MAX_KEY_CHARS, MAX_QUERY_CHARS,
    VISIT_LENGTHS,
};
pub use summary::{Count, DayVisits, SearchCount, StatsSummary};

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::{params, Connection, OptionalExtension};
use time::UtcOffset;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::settings::{Settings, DEFAULT_STATS_RETENTION_DAYS};
use crate::store::schema;

/// Migration `n` takes the schema from `user_version` n to n + 1.
const MIGRATIONS: &[&str] = &[
    // Keys are stored once and counters refer to them: a busy month is
    // hundreds of thousands of counters over a few thousand keys.
    "CREATE TABLE keys (
        id INTEGER PRIMARY KEY,
        metric INTEGER NOT NULL,
        key TEXT NOT NULL,
        UNIQUE (metric, key)
    );
    CREATE TABLE hours (
        hour INTEGER PRIMARY KEY,
        offset_seconds INTEGER NOT NULL
    );
    CREATE TABLE counts (
        hour INTEGER NOT NULL,
        key INTEGER NOT NULL,
        count INTEGER NOT NULL,
        total INTEGER NOT NULL,
        PRIMARY KEY (hour, key)
    ) WITHOUT ROWID;
    -- Which keys pruned hours leave unused, without a scan of every counter.
    CREATE INDEX counts_by_key ON counts (key);",
];

const MS_PER_HOUR: i64 = 3_600_000;

/// WAL pages after which a commit checkpoints by itself: 16 MiB of 4 KiB
/// pages, hours of a busy kiosk's batches.
const WAL_PAGES_BEFORE_CHECKPOINT: i64 = 4_000;

/// How the statistics are kept: from the settings, changeable while the
/// kiosk runs ([`Stats::set_policy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsPolicy {
    /// Keep what was searched for (normalised); false: only the counts.
    pub queries: bool,
    /// Days kept; older hours are deleted as new ones are written.
    pub retention_days: u32,
}

impl Default for StatsPolicy {
    fn default() -> StatsPolicy {
        StatsPolicy {
            queries: true,
            retention_days: DEFAULT_STATS_RETENTION_DAYS,
        }
    }
}

impl From<&Settings> for StatsPolicy {
    fn from(settings: &Settings) -> StatsPolicy {
        StatsPolicy {
            queries: settings.stats_queries,
            retention_days: settings.stats_retention_days,
        }
    }
}

/// `DATA/stats.db`, open. One connection behind a lock: the kiosk writes a
/// batch every few seconds and reads when the panel asks, so there is no
/// contention worth a pool.
pub struct Stats {
    path: PathBuf,
    inner: Mutex<Inner>,
}

struct Inner {
    connection: Connection,
    policy: StatsPolicy,
    /// The newest hour pruned for: pruning runs once per hour written, not
    /// at every batch.
    pruned_for: Option<i64>,
}

/// One counter as stored: the CSV export's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourCount {
    /// Hours since the Unix epoch, UTC.
    pub hour: i64,
    /// The kiosk's offset from UTC when that hour was recorded.
    pub offset_seconds: i32,
    pub metric: Metric,
    pub key: String,
    pub count: u64,
    pub total: i64,
}

impl Stats {
    /// Opens (creating the data folder and the database if needed) and
    /// migrates `DATA/stats.db`.
    pub fn open(data: &DataDir, policy: StatsPolicy) -> Result<Stats> {
        let root = data.root();
        fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let path = data.stats_db();
        let fail = |source| Error::Database {
            path: path.clone(),
            source,
        };
        let pragmas: &[(&str, &dyn rusqlite::ToSql)] = &[
            // Pruned counters, search text included, are overwritten, not
            // only unlinked: what the retention removes is gone from the
            // file.
            ("secure_delete", &"ON"),
            // Checkpoints (the one step that fsyncs) are the shell's to run
            // off the recording path (`checkpoint`); SQLite's own only
            // catches a WAL nobody checkpoints, before it grows past a few
            // MiB.
            ("wal_autocheckpoint", &WAL_PAGES_BEFORE_CHECKPOINT),
            // Why NORMAL and not FULL: the module comment.
            ("synchronous", &"NORMAL"),
        ];
        let connection =
            schema::open_migrated(&path, "stats.db", MIGRATIONS, pragmas).map_err(fail)?;
        Ok(Stats {
            path,
            inner: Mutex::new(Inner {
                connection,
                policy,
                pruned_for: None,
            }),
        })
    }

    /// Opens `DATA/stats.db` if it exists, so that reading statistics
    /// creates nothing.
    pub fn open_existing(data: &DataDir) -> Result<Option<Stats>> {
        if data.stats_db().exists() {
            Stats::open(data, StatsPolicy::default()).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Applies changed settings to what is recorded from now on (what was
    /// recorded stays; older hours go at the next prune).
    pub fn set_policy(&self, policy: StatsPolicy) {
        let mut inner = self.lock();
        if inner.policy.retention_days != policy.retention_days {
            inner.pruned_for = None;
        }
        inner.policy = policy;
    }

    /// Counts `events` in their hours, in one transaction: the whole batch
    /// or, after a crash, none of it. `offset` is the kiosk's offset from
    /// UTC, kept with each hour for showing it in local time. Events older
    /// than the retention are not counted.
    pub fn record(&self, events: &[VisitorEvent], offset: UtcOffset) -> Result<()> {
        let Some(newest) = events.iter().map(|event| hour_of(event.at_ms)).max() else {
            return Ok(());
        };
        let mut inner = self.lock();
        let policy = inner.policy;
        let oldest_kept = newest - i64::from(policy.retention_days) * 24;
        let mut counters = BTreeMap::<(i64, Metric, String), (i64, i64)>::new();
        for event in events {
            let hour = hour_of(event.at_ms);
            if hour < oldest_kept {
                continue;
            }
            let (metric, key, total) = event::counter(&event.what, policy.queries);
            let counter = counters.entry((hour, metric, key)).or_default();
            counter.0 += 1;
            counter.1 += total;
        }
        let prune = inner.pruned_for.is_none_or(|pruned| pruned < newest);
        let write = |connection: &mut Connection| -> rusqlite::Result<()> {
            let transaction = connection.transaction()?;
            {
                let mut find_key = transaction
                    .prepare_cached("SELECT id FROM keys WHERE metric = ?1 AND key = ?2")?;
                let mut add_key =
                    transaction.prepare_cached("INSERT INTO keys (metric, key) VALUES (?1, ?2)")?;
                let mut set_offset = transaction.prepare_cached(
                    "INSERT INTO hours (hour, offset_seconds) VALUES (?1, ?2)
                     ON CONFLICT (hour) DO UPDATE SET offset_seconds = excluded.offset_seconds",
                )?;
                let mut add = transaction.prepare_cached(
                    "INSERT INTO counts (hour, key, count, total) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (hour, key) DO UPDATE
                     SET count = count + excluded.count, total = total + excluded.total",
                )?;
                let mut last_hour = None;
                for ((hour, metric, key), (count, total)) in &counters {
                    if last_hour != Some(*hour) {
                        set_offset.execute(params![hour, offset.whole_seconds()])?;
                        last_hour = Some(*hour);
                    }
                    let id: i64 = match find_key
                        .query_row(params![metric.code(), key], |row| row.get(0))
                        .optional()?
                    {
                        Some(id) => id,
                        None => {
                            add_key.execute(params![metric.code(), key])?;
                            transaction.last_insert_rowid()
                        }
                    };
                    add.execute(params![hour, id, count, total])?;
                }
            }
            // Checked by the primary key first: most hours have nothing to
            // prune, and the keys' sweep is the costly part.
            if prune
                && transaction.execute("DELETE FROM counts WHERE hour < ?1", [oldest_kept])? > 0
            {
                transaction.execute("DELETE FROM hours WHERE hour < ?1", [oldest_kept])?;
                transaction.execute(
                    "DELETE FROM keys WHERE NOT EXISTS (SELECT 1 FROM counts WHERE counts.key = keys.id)",
                    [],
                )?;
            }
            transaction.commit()
        };
        write(&mut inner.connection).map_err(|source| Error::Database {
            path: self.path.clone(),
            source,
        })?;
        if prune {
            inner.pruned_for = Some(newest);
        }
        Ok(())
    }

    /// Copies the WAL into the database and fsyncs it: the one durable
    /// step of WAL mode, and the one that costs milliseconds. The shell
    /// calls it every few minutes on its own thread, so `record` never
    /// waits for a disk.
    pub fn checkpoint(&self) -> Result<()> {
        let inner = self.lock();
        inner
            .connection
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|source| Error::Database {
                path: self.path.clone(),
                source,
            })
    }

    /// Every counter, oldest hour first, then by metric and key: what
    /// `report::write_csv` writes.
    pub fn counts(&self) -> Result<Vec<HourCount>> {
        let inner = self.lock();
        let read = || -> rusqlite::Result<Vec<HourCount>> {
            let mut statement = inner.connection.prepare(
                "SELECT c.hour, h.offset_seconds, k.metric, k.key, c.count, c.total
                 FROM counts c JOIN keys k ON k.id = c.key JOIN hours h ON h.hour = c.hour
                 ORDER BY c.hour, k.metric, k.key",
            )?;
            let rows = statement.query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i32>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, i64>(5)?,
                ))
            })?;
            let mut counts = Vec::new();
            for row in rows {
                let (hour, offset_seconds, metric, key, count, total) = row?;
                // A metric of a newer build: not this build's to show.
                if let Some(metric) = Metric::from_code(metric) {
                    counts.push(HourCount {
                        hour,
                        offset_seconds,
                        metric,
                        key,
                        count: u64::try_from(count).unwrap_or(0),
                        total,
                    });
                }
            }
            Ok(counts)
        };
        read().map_err(|source| Error::Database {
            path: self.path.clone(),
            source,
        })
    }

    /// What the panel and `pavilion stats` show, over the hours from
    /// `since_hour` (hours since the Unix epoch; `None`: all kept), with
    /// the `top` most viewed or searched of each list.
    pub fn summary(&self, since_hour: Option<i64>, top: usize) -> Result<StatsSummary> {
        let inner = self.lock();
        summary::summary(&inner.connection, since_hour, top).map_err(|source| Error::Database {
            path: self.path.clone(),
            source,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock left at most an uncommitted
        // transaction, which SQLite rolled back: the connection is sound.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The UTC hour (since the Unix epoch) of a moment in milliseconds.
pub fn hour_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(MS_PER_HOUR)
}
