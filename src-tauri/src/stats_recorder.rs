//! Where the visitor UI's events wait on their way to `DATA/stats.db`.
//!
//! The UI's call (`record_visitor_events`) must cost it almost nothing, so
//! it only appends to a buffer in memory; a task on Tauri's runtime hands
//! the buffer to `Stats::record` every `FLUSH_EVERY`, on a blocking thread
//! (SQLite writes), and once more when the app exits, on SIGTERM too, and
//! when the watchdog ends a kiosk whose page hangs. A script in the page
//! could call the command in a loop: the buffer holds `MAX_BUFFERED_EVENTS`
//! at most, an event whose text is longer than any real one
//! (`MAX_EVENT_TEXT_BYTES`) or whose time is not now is refused (a time
//! years ahead would make the retention prune every real hour), and what is
//! dropped is counted and reported on stderr at the next flush.
//!
//! Statistics are never worth the kiosk: when `stats.db` cannot open, that
//! is said once on stderr and events are dropped on arrival. A preview
//! records nothing (`StatsRecorder::off`).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use pavilion::data_dir::DataDir;
use pavilion::settings::Settings;
use pavilion::stats::{Happened, Stats, StatsPolicy, VisitorEvent};
use tauri::{AppHandle, Manager, Runtime};
use time::{OffsetDateTime, UtcOffset};

/// How long events wait in the buffer: what a `kill -9` can lose.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);

/// How often the WAL is checkpointed (`Stats::checkpoint`, the step that
/// fsyncs), off the recording path.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(300);

/// The most events one call may bring: the UI sends a second's worth, a
/// few dozen at a visitor's most hurried. Extra ones are dropped.
pub const MAX_EVENTS_PER_CALL: usize = 200;

/// The most events waiting for a flush: minutes of the busiest visitor,
/// and with `MAX_EVENT_TEXT_BYTES` at most ~10 MiB whatever a script sends.
pub const MAX_BUFFERED_EVENTS: usize = 5_000;

/// The longest text (an id, a screen's kind, a query) an event may carry;
/// the core keeps 128 characters of a key and 64 of a query anyway.
pub const MAX_EVENT_TEXT_BYTES: usize = 512;

/// How far an event's time may lie from the shell's clock, back (the UI's
/// batch plus a slow page) and ahead (clock granularity).
const EVENT_AGE_MS: i64 = 10 * 60 * 1000;
const EVENT_LEAD_MS: i64 = 60 * 1000;

pub struct StatsRecorder {
    /// None: recording is off (a preview, or `stats.db` would not open).
    stats: Option<Stats>,
    /// The kiosk's time zone: each batch's hours are kept with its offset
    /// from UTC then, so a fair across the end of summer time shows each
    /// hour in the local time it had.
    zone: TimeZone,
    buffer: Mutex<Buffer>,
}

#[derive(Default)]
struct Buffer {
    events: Vec<VisitorEvent>,
    /// Refused or over the cap since the last flush.
    dropped: usize,
}

impl StatsRecorder {
    /// Records into `DATA/stats.db` as the settings say; if it cannot be
    /// opened, says so once and records nothing.
    pub fn open(data: &DataDir, settings: &Settings, zone: TimeZone) -> StatsRecorder {
        match Stats::open(data, StatsPolicy::from(settings)) {
            Ok(stats) => StatsRecorder::new(Some(stats), zone),
            Err(error) => {
                eprintln!("pavilion: visitor statistics are off: {error}");
                StatsRecorder::off()
            }
        }
    }

    /// Applies an operator's change of `stats_queries` or the retention
    /// from the next flush on.
    pub fn set_policy(&self, settings: &Settings) {
        if let Some(stats) = &self.stats {
            stats.set_policy(StatsPolicy::from(settings));
        }
    }

    /// Records nothing.
    pub fn off() -> StatsRecorder {
        StatsRecorder::new(None, TimeZone::UTC)
    }

    fn new(stats: Option<Stats>, zone: TimeZone) -> StatsRecorder {
        StatsRecorder {
            stats,
            zone,
            buffer: Mutex::new(Buffer::default()),
        }
    }

    /// Keeps what of `events` is valid and fits for the next flush, as of
    /// `now_ms` (the shell's clock).
    pub fn add(&self, events: Vec<VisitorEvent>, now_ms: i64) {
        if self.stats.is_none() {
            return;
        }
        let mut buffer = self.buffer();
        let (before, offered) = (buffer.events.len(), events.len());
        let valid = events
            .into_iter()
            .take(MAX_EVENTS_PER_CALL)
            .filter(|event| plausible(event, now_ms));
        buffer
            .events
            .extend(valid.take(MAX_BUFFERED_EVENTS - before));
        let kept = buffer.events.len() - before;
        buffer.dropped += offered - kept;
    }

    /// The statistics as the operator's panel reads them, the buffered
    /// events flushed first so that the visit just made counts; `None` when
    /// recording is off.
    pub fn recorded(&self) -> pavilion::Result<Option<&Stats>> {
        self.flush()?;
        Ok(self.stats.as_ref())
    }

    /// Hands the buffered events to `stats.db` (the caller's thread waits
    /// for SQLite); returns how many were recorded.
    pub fn flush(&self) -> pavilion::Result<usize> {
        let Some(stats) = &self.stats else {
            return Ok(0);
        };
        let Buffer { events, dropped } = std::mem::take(&mut *self.buffer());
        if dropped > 0 {
            eprintln!(
                "pavilion: {dropped} visitor event(s) dropped: over {MAX_EVENTS_PER_CALL} in a call, \
                 over {MAX_BUFFERED_EVENTS} waiting, or malformed"
            );
        }
        // The offset of the batch's last event: a batch spans seconds.
        let offset = events
            .iter()
            .map(|event| event.at_ms)
            .max()
            .and_then(|at_ms| Timestamp::from_millisecond(at_ms).ok())
            .and_then(|at| UtcOffset::from_whole_seconds(self.zone.to_offset(at).seconds()).ok())
            .unwrap_or(UtcOffset::UTC);
        stats.record(&events, offset)?;
        Ok(events.len())
    }

    fn checkpoint(&self) -> pavilion::Result<()> {
        self.stats.as_ref().map_or(Ok(()), Stats::checkpoint)
    }

    fn buffer(&self) -> MutexGuard<'_, Buffer> {
        // A buffer is whole between two statements: keep it after a panic.
        self.buffer.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether an event is one the UI could have sent just now: its time near
/// `now_ms`, its texts no longer than `MAX_EVENT_TEXT_BYTES`.
fn plausible(event: &VisitorEvent, now_ms: i64) -> bool {
    let fits = |text: &String| text.len() <= MAX_EVENT_TEXT_BYTES;
    let text_fits = match &event.what {
        Happened::VisitStarted | Happened::VisitEnded { .. } => true,
        Happened::ScreenViewed { screen: text }
        | Happened::Viewed { id: text, .. }
        | Happened::QrShown { link: text }
        | Happened::LanguageChosen { language: text }
        | Happened::Searched { query: text, .. } => fits(text),
    };
    text_fits && (now_ms - EVENT_AGE_MS..=now_ms + EVENT_LEAD_MS).contains(&event.at_ms)
}

/// Now, as the UI's `Date.now()` counts.
pub fn now_ms() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// Flushes every `FLUSH_EVERY` and checkpoints every `CHECKPOINT_EVERY`,
/// each on a blocking thread of Tauri's runtime.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let every = |period: Duration, work: fn(&StatsRecorder), app: AppHandle<R>| {
        tauri::async_runtime::spawn(async move {
            let mut ticks = tokio::time::interval(period);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                let app = app.clone();
                let working = tauri::async_runtime::spawn_blocking(move || {
                    work(app.state::<StatsRecorder>().inner())
                });
                if let Err(error) = working.await {
                    eprintln!("pavilion: the visitor statistics' writer failed: {error}");
                }
            }
        });
    };
    every(FLUSH_EVERY, flush, app.clone());
    flush_on_termination(app.clone());
    every(
        CHECKPOINT_EVERY,
        |recorder| {
            if let Err(error) = recorder.checkpoint() {
                eprintln!("pavilion: visitor statistics not checkpointed: {error}");
            }
        },
        app,
    );
}

/// On SIGTERM (systemd stopping or restarting the kiosk, an upgrade),
/// flushes, then ends the process as the signal would have: left to its
/// default, SIGTERM ends it at once, and the visits of the last
/// `FLUSH_EVERY` with it. Not through Tauri's exit: its event loop may be
/// what hangs.
fn flush_on_termination<R: Runtime>(app: AppHandle<R>) {
    use tokio::signal::unix::{signal, SignalKind};
    tauri::async_runtime::spawn(async move {
        let mut terminate = match signal(SignalKind::terminate()) {
            Ok(terminate) => terminate,
            Err(error) => {
                eprintln!("pavilion: SIGTERM will lose the last visitor events: {error}");
                return;
            }
        };
        terminate.recv().await;
        let flushing = tauri::async_runtime::spawn_blocking(move || {
            flush(app.state::<StatsRecorder>().inner());
        });
        if let Err(error) = flushing.await {
            eprintln!("pavilion: the visitor statistics' writer failed: {error}");
        }
        std::process::exit(0);
    });
}

/// Flushes now, reporting a failure (the batch is lost: counts, not data
/// anyone depends on).
pub fn flush(recorder: &StatsRecorder) {
    if let Err(error) = recorder.flush() {
        eprintln!("pavilion: visitor events not recorded: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pavilion::stats::Viewed;

    const NOW: i64 = 1_782_864_000_000;

    fn recorder(dir: &tempfile::TempDir) -> StatsRecorder {
        let data = DataDir::resolve(Some(dir.path().to_path_buf()));
        StatsRecorder::open(&data, &Settings::default(), TimeZone::UTC)
    }

    fn exhibitor(id: &str, at_ms: i64) -> VisitorEvent {
        VisitorEvent {
            at_ms,
            what: Happened::Viewed {
                entity: Viewed::Exhibitor,
                id: id.into(),
            },
        }
    }

    fn waiting(recorder: &StatsRecorder) -> (usize, usize) {
        let buffer = recorder.buffer();
        (buffer.events.len(), buffer.dropped)
    }

    #[test]
    fn a_flush_writes_the_buffer_to_stats_db_and_empties_it() {
        let dir = tempfile::tempdir().unwrap();
        let recorder = recorder(&dir);
        let visit = vec![
            VisitorEvent {
                at_ms: NOW,
                what: Happened::VisitStarted,
            },
            exhibitor("baidu", NOW + 1),
            exhibitor("baidu", NOW + 2),
        ];
        recorder.add(visit, NOW);
        assert_eq!(waiting(&recorder), (3, 0));
        assert_eq!(recorder.flush().unwrap(), 3);
        assert_eq!(waiting(&recorder), (0, 0));
        assert_eq!(recorder.flush().unwrap(), 0);

        let summary = recorder.stats.as_ref().unwrap().summary(None, 10).unwrap();
        assert_eq!(summary.visits, 1);
        assert_eq!(summary.exhibitors[0].key, "baidu");
        assert_eq!(summary.exhibitors[0].count, 2);
    }

    #[test]
    fn a_flood_fills_the_buffer_to_its_bound_and_the_rest_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let recorder = recorder(&dir);
        let call = || vec![exhibitor("x", NOW); MAX_EVENTS_PER_CALL + 50];
        recorder.add(call(), NOW);
        assert_eq!(waiting(&recorder), (MAX_EVENTS_PER_CALL, 50));
        let calls = MAX_BUFFERED_EVENTS / MAX_EVENTS_PER_CALL + 10;
        for _ in 0..calls {
            recorder.add(call(), NOW);
        }
        let (kept, dropped) = waiting(&recorder);
        assert_eq!(kept, MAX_BUFFERED_EVENTS);
        assert_eq!(kept + dropped, (calls + 1) * (MAX_EVENTS_PER_CALL + 50));
        // The flush makes room again.
        assert_eq!(recorder.flush().unwrap(), MAX_BUFFERED_EVENTS);
        recorder.add(vec![exhibitor("y", NOW)], NOW);
        assert_eq!(waiting(&recorder), (1, 0));
    }

    #[test]
    fn events_too_big_or_not_from_now_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let recorder = recorder(&dir);
        let long = "x".repeat(MAX_EVENT_TEXT_BYTES + 1);
        recorder.add(
            vec![
                exhibitor(&long, NOW),
                // Years ahead: its hour would prune every real one.
                exhibitor("future", NOW + 3 * 365 * 24 * 3_600_000),
                exhibitor("past", NOW - EVENT_AGE_MS - 1),
                VisitorEvent {
                    at_ms: NOW,
                    what: Happened::Searched {
                        query: long.clone(),
                        hits: 1,
                    },
                },
                exhibitor(&"x".repeat(MAX_EVENT_TEXT_BYTES), NOW),
            ],
            NOW,
        );
        assert_eq!(waiting(&recorder), (1, 4));
    }

    #[test]
    fn without_stats_db_events_are_dropped_on_arrival() {
        let recorder = StatsRecorder::off();
        recorder.add(vec![exhibitor("baidu", NOW)], NOW);
        assert_eq!(waiting(&recorder), (0, 0));
        assert_eq!(recorder.flush().unwrap(), 0);
    }

    #[test]
    fn a_data_folder_that_cannot_hold_stats_db_leaves_recording_off() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "not a folder").unwrap();
        let recorder = StatsRecorder::open(
            &DataDir::resolve(Some(file)),
            &Settings::default(),
            TimeZone::UTC,
        );
        assert!(recorder.stats.is_none());
    }

    /// Berlin's summer time ends at 01:00 UTC on 25 October 2026: the hour
    /// before is kept at +02:00, the one after at +01:00, in one run.
    #[test]
    fn each_hour_keeps_the_offset_it_had_across_the_end_of_summer_time() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::resolve(Some(dir.path().to_path_buf()));
        let berlin = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let recorder = StatsRecorder::open(&data, &Settings::default(), berlin);
        let summer = 1_792_888_200_000; // 2026-10-25T00:30:00Z, 02:30 CEST
        let winter = 1_792_895_400_000; // 2026-10-25T02:30:00Z, 03:30 CET
        for at_ms in [summer, winter] {
            recorder.add(vec![exhibitor("baidu", at_ms)], at_ms);
            recorder.flush().unwrap();
        }
        let counts = recorder.stats.as_ref().unwrap().counts().unwrap();
        let offsets: Vec<(i64, i32)> = counts
            .iter()
            .map(|count| (count.hour, count.offset_seconds))
            .collect();
        assert_eq!(
            offsets,
            [(summer / 3_600_000, 7_200), (winter / 3_600_000, 3_600)]
        );
    }
}
