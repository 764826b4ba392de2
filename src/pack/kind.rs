//! Where things are in a pack: the manifest, its signature and the content
//! files, and the order a report lists them in. A table of constants at
//! the bottom of `pack`, so every other module may use it.

use crate::pack::problems::FileOrder;

pub const MANIFEST: &str = "manifest.json";
/// The minisign signature of the manifest; not listed in `files`.
pub const SIGNATURE: &str = "manifest.json.minisig";

pub const EVENT: &str = "content/event.json";
pub const NEWS: &str = "content/news.json";
pub const PARKS: &str = "content/parks.json";
pub const EXHIBITORS: &str = "content/exhibitors.json";
pub const SESSIONS: &str = "content/sessions.json";
pub const SPEAKERS: &str = "content/speakers.json";
pub const VENUE: &str = "content/venue.json";
pub const SLIDES: &str = "content/slides.json";
/// The content files in the format's order.
pub const CONTENT_FILES: [&str; 8] = [
    EVENT, NEWS, PARKS, EXHIBITORS, SESSIONS, SPEAKERS, VENUE, SLIDES,
];
/// The content files in path order, the order their syntax is checked in
/// (as reports always have).
pub const CONTENT_FILES_BY_PATH: [&str; 8] = [
    EVENT, EXHIBITORS, NEWS, PARKS, SESSIONS, SLIDES, SPEAKERS, VENUE,
];
/// The content files that hold arrays.
pub const ARRAY_FILES: [&str; 6] = [NEWS, PARKS, EXHIBITORS, SESSIONS, SPEAKERS, SLIDES];

/// The order every report lists its files in.
pub static REPORT_ORDER: FileOrder = FileOrder {
    first: MANIFEST,
    by_path: &CONTENT_FILES_BY_PATH,
    by_format: &CONTENT_FILES,
};
