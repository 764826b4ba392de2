//! What a visitor did, as the UI tells the core, and what of it is counted:
//! each event becomes one counter (a [`Metric`] and a key) in its UTC hour.
//! Nothing that tells one visitor from another is kept: no visit ids, no
//! times finer than the hour, a visit's length only as its bucket, and a
//! search only as its normalised text (or not at all: `stats_queries`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

/// One thing a visitor did, stamped by the UI. The shell buffers them and
/// hands them to `Stats::record` a batch at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VisitorEvent {
    /// When, in milliseconds since the Unix epoch (the UI's `Date.now()`);
    /// only its UTC hour is kept.
    #[ts(type = "number")]
    pub at_ms: i64,
    pub what: Happened,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Happened {
    /// A touch after the attract loop: a visit began.
    VisitStarted,
    /// The visit ended (idle reset), `seconds` after it began.
    VisitEnded { seconds: u32 },
    /// A screen was shown; `screen` is its kind ("home", "directory",
    /// "map", …), never what it showed.
    ScreenViewed { screen: String },
    /// An entity's page was opened.
    Viewed { entity: Viewed, id: String },
    /// A QR code was shown; `link` is what it carries ("website",
    /// "calendar", "contact", …).
    QrShown { link: String },
    /// The visitor switched the UI to `language`.
    LanguageChosen { language: String },
    /// A search was run (as typed; normalised before it is counted) and
    /// found `hits` results.
    Searched { query: String, hits: u32 },
}

/// The kinds of page whose views are counted one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Viewed {
    Exhibitor,
    Park,
    News,
    Session,
}

/// What a counter counts. The code is what `stats.db` stores: a metric
/// renamed for the screen keeps its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Metric {
    /// Visits begun; key "".
    Visits,
    /// Visits ended, by length bucket (`VISIT_LENGTHS`); total: seconds.
    VisitLength,
    /// Screens shown, by kind.
    Screen,
    Exhibitor,
    Park,
    News,
    Session,
    /// QR codes shown, by what they carry.
    Qr,
    /// Languages chosen.
    Language,
    /// Searches that found something, by normalised query ("" when query
    /// text is not kept); total: the hits.
    Search,
    /// Searches that found nothing, by normalised query ("" when not kept).
    ZeroHitSearch,
}

impl Metric {
    pub const ALL: [Metric; 11] = [
        Metric::Visits,
        Metric::VisitLength,
        Metric::Screen,
        Metric::Exhibitor,
        Metric::Park,
        Metric::News,
        Metric::Session,
        Metric::Qr,
        Metric::Language,
        Metric::Search,
        Metric::ZeroHitSearch,
    ];

    /// Its code in `stats.db`; never reused.
    pub fn code(self) -> i64 {
        match self {
            Metric::Visits => 1,
            Metric::VisitLength => 2,
            Metric::Screen => 3,
            Metric::Exhibitor => 4,
            Metric::Park => 5,
            Metric::News => 6,
            Metric::Session => 7,
            Metric::Qr => 8,
            Metric::Language => 9,
            Metric::Search => 10,
            Metric::ZeroHitSearch => 11,
        }
    }

    pub fn from_code(code: i64) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.code() == code)
    }

    /// Its name in the CSV export and `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Visits => "visits",
            Metric::VisitLength => "visit_length",
            Metric::Screen => "screen",
            Metric::Exhibitor => "exhibitor",
            Metric::Park => "park",
            Metric::News => "news",
            Metric::Session => "session",
            Metric::Qr => "qr",
            Metric::Language => "language",
            Metric::Search => "search",
            Metric::ZeroHitSearch => "zero_hit_search",
        }
    }
}

/// The visit-length histogram's buckets: the upper bound (exclusive, in
/// seconds) and the key each is counted under, shortest first.
pub const VISIT_LENGTHS: [(u32, &str); 6] = [
    (30, "under 30 s"),
    (60, "30 s to 1 min"),
    (120, "1 to 2 min"),
    (300, "2 to 5 min"),
    (600, "5 to 10 min"),
    (u32::MAX, "10 min or more"),
];

/// The longest key kept (an id, a screen's kind, a language); longer ones
/// are cut. A pack's ids are far shorter; this bounds what a faulty UI
/// could store.
pub const MAX_KEY_CHARS: usize = 128;

/// The longest search kept, after normalisation: what fits the on-screen
/// keyboard's field, and not a paragraph a visitor might type.
pub const MAX_QUERY_CHARS: usize = 64;

/// The counter one event adds to: its metric, its key and the amount its
/// `total` grows by.
pub(super) fn counter(happened: &Happened, keep_queries: bool) -> (Metric, String, i64) {
    match happened {
        Happened::VisitStarted => (Metric::Visits, String::new(), 0),
        Happened::VisitEnded { seconds } => {
            let bucket = VISIT_LENGTHS
                .iter()
                .find(|(below, _)| seconds < below)
                .map_or(VISIT_LENGTHS[VISIT_LENGTHS.len() - 1].1, |(_, key)| key);
            (Metric::VisitLength, bucket.to_owned(), i64::from(*seconds))
        }
        Happened::ScreenViewed { screen } => (Metric::Screen, capped(screen), 0),
        Happened::Viewed { entity, id } => {
            let metric = match entity {
                Viewed::Exhibitor => Metric::Exhibitor,
                Viewed::Park => Metric::Park,
                Viewed::News => Metric::News,
                Viewed::Session => Metric::Session,
            };
            (metric, capped(id), 0)
        }
        Happened::QrShown { link } => (Metric::Qr, capped(link), 0),
        Happened::LanguageChosen { language } => (Metric::Language, capped(language), 0),
        Happened::Searched { query, hits } => {
            let metric = match hits {
                0 => Metric::ZeroHitSearch,
                _ => Metric::Search,
            };
            let key = match keep_queries {
                true => normalise_query(query),
                false => String::new(),
            };
            (metric, key, i64::from(*hits))
        }
    }
}

/// A search as it is counted: NFKC (full-width letters and digits become
/// ordinary ones), lower case, trimmed, runs of spaces made one, at most
/// [`MAX_QUERY_CHARS`]; so "  ＡＩ  Robots" and "ai robots" count as one.
pub fn normalise_query(query: &str) -> String {
    let folded = query.nfkc().collect::<String>().to_lowercase();
    let words = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    words.chars().take(MAX_QUERY_CHARS).collect()
}

fn capped(key: &str) -> String {
    key.trim().chars().take(MAX_KEY_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised_before_they_are_counted() {
        assert_eq!(normalise_query("  ＡＩ\u{3000} Robots\t"), "ai robots");
        assert_eq!(normalise_query("Ⅻ  ﬁnance"), "xii finance");
        assert_eq!(normalise_query(&"x".repeat(500)).len(), MAX_QUERY_CHARS);
    }

    #[test]
    fn visit_lengths_fall_into_their_buckets() {
        let bucket = |seconds| counter(&Happened::VisitEnded { seconds }, true).1;
        assert_eq!(bucket(0), "under 30 s");
        assert_eq!(bucket(30), "30 s to 1 min");
        assert_eq!(bucket(299), "2 to 5 min");
        assert_eq!(bucket(u32::MAX), "10 min or more");
    }

    #[test]
    fn every_metric_has_its_own_code() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_code(metric.code()), Some(metric));
        }
        let mut codes = Metric::ALL.map(Metric::code).to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Metric::ALL.len());
    }
}
