//! Visitor statistics under a busy month (`cargo bench --bench stats`),
//! recorded in `bench/README.md`. Not a test: timings on a shared machine
//! vary, so they are recorded, not asserted.
//!
//! 30 days of 2,000 visits, each visit one batch as the shell would flush
//! it: a start, a language now and then, 4–9 screens, 0–6 exhibitors out
//! of 5,000 (a few popular, most rarely seen), parks, news and sessions
//! now and then, a QR code for one visit in five, 0–2 searches out of
//! 3,000 distinct queries (one in seven finding nothing), and the end with
//! its length. Prints the time of `Stats::record` per batch (p50, p99,
//! max), of `Stats::checkpoint` run every 5 minutes of the simulated day
//! as the shell does, and the size of `stats.db` after the month.

use std::time::{Duration, Instant};

use pavilion::stats::{Happened, Stats, StatsPolicy, Viewed, VisitorEvent};
use pavilion::DataDir;
use time::macros::offset;

const DAYS: i64 = 30;
const VISITS_PER_DAY: i64 = 2_000;
const EXHIBITORS: u64 = 5_000;
const QUERIES: u64 = 3_000;
/// 2026-07-01T00:00:00Z.
const START_MS: i64 = 1_782_864_000_000;

struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }

    /// Skewed towards 0: a few items take most of the views.
    fn popular(&mut self, bound: u64) -> u64 {
        let u = self.below(1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * bound as f64) as u64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn visit(random: &mut XorShift, at_ms: i64) -> Vec<VisitorEvent> {
    let event = |what| VisitorEvent { at_ms, what };
    let mut events = vec![event(Happened::VisitStarted)];
    if random.chance(30) {
        events.push(event(Happened::LanguageChosen {
            language: ["en", "zh"][random.below(2) as usize].into(),
        }));
    }
    for _ in 0..4 + random.below(6) {
        let screen = [
            "home",
            "directory",
            "exhibitor",
            "map",
            "agenda",
            "search",
            "news",
        ][random.below(7) as usize];
        events.push(event(Happened::ScreenViewed {
            screen: screen.into(),
        }));
    }
    for _ in 0..random.below(7) {
        events.push(event(Happened::Viewed {
            entity: Viewed::Exhibitor,
            id: format!("exhibitor-{}", random.popular(EXHIBITORS)),
        }));
    }
    for (entity, count, percent) in [
        (Viewed::Park, 40, 30),
        (Viewed::News, 200, 25),
        (Viewed::Session, 500, 30),
    ] {
        if random.chance(percent) {
            events.push(event(Happened::Viewed {
                entity,
                id: format!("{entity:?}-{}", random.popular(count)).to_lowercase(),
            }));
        }
    }
    if random.chance(20) {
        events.push(event(Happened::QrShown {
            link: ["website", "calendar", "contact"][random.below(3) as usize].into(),
        }));
    }
    for _ in 0..random.below(3) {
        let query = random.popular(QUERIES);
        events.push(event(Happened::Searched {
            query: format!("Query number {query}"),
            hits: if query.is_multiple_of(7) {
                0
            } else {
                1 + random.below(40) as u32
            },
        }));
    }
    events.push(event(Happened::VisitEnded {
        seconds: 10 + random.below(600) as u32,
    }));
    events
}

fn main() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path());
    let stats = Stats::open(&data, StatsPolicy::default()).unwrap();
    let mut random = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut times = Vec::with_capacity((DAYS * VISITS_PER_DAY) as usize);
    let mut checkpoints = Vec::new();
    let mut last_checkpoint = START_MS;
    let mut events = 0;
    for day in 0..DAYS {
        for index in 0..VISITS_PER_DAY {
            // Open 10 hours a day, visits spread evenly over them.
            let at_ms = START_MS
                + day * 86_400_000
                + 9 * 3_600_000
                + index * (10 * 3_600_000 / VISITS_PER_DAY);
            let batch = visit(&mut random, at_ms);
            events += batch.len();
            let started = Instant::now();
            stats.record(&batch, offset!(+8)).unwrap();
            times.push(started.elapsed());
            if at_ms - last_checkpoint >= 5 * 60_000 {
                let started = Instant::now();
                stats.checkpoint().unwrap();
                checkpoints.push(started.elapsed());
                last_checkpoint = at_ms;
            }
        }
    }
    let summary = stats.summary(None, 10).unwrap();
    drop(stats);
    times.sort();
    checkpoints.sort();
    let at = |fraction: f64| times[((times.len() - 1) as f64 * fraction) as usize];
    let micros = |duration: Duration| duration.as_secs_f64() * 1e6;
    let checkpoint_at =
        |fraction: f64| checkpoints[((checkpoints.len() - 1) as f64 * fraction) as usize];
    let size = ["stats.db", "stats.db-wal"]
        .iter()
        .filter_map(|file| std::fs::metadata(work.path().join(file)).ok())
        .map(|metadata| metadata.len())
        .sum::<u64>();
    println!(
        "batches={} events={events} visits_counted={}",
        times.len(),
        summary.visits
    );
    println!(
        "record_p50_us={:.0} record_p99_us={:.0} record_max_us={:.0}",
        micros(at(0.5)),
        micros(at(0.99)),
        micros(times[times.len() - 1])
    );
    println!(
        "checkpoints={} checkpoint_p50_us={:.0} checkpoint_p99_us={:.0}",
        checkpoints.len(),
        micros(checkpoint_at(0.5)),
        micros(checkpoint_at(0.99))
    );
    println!(
        "db_bytes={size} db_mib={:.2}",
        size as f64 / (1024.0 * 1024.0)
    );
}
