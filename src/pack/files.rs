//! The pack's files against its manifest: every file on disk listed, every
//! listed file present with its hash and size, each in a place the format
//! knows; then the content files parsed into typed input.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::pack::content::*;
use crate::pack::json::{self, pointer_segment, Parsed, Problems};
use crate::pack::limits;
use crate::pack::manifest::{Manifest, MANIFEST, SIGNATURE};
use crate::pack::media::{self, ImageKind};
use crate::pack::source::{self, PackSource, SourceFile};
use crate::pack::suggest::did_you_mean;

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

/// An image file of the pack, recognised by content.
#[derive(Debug, Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub sha256: String,
    pub bytes: u64,
}

/// What checking the files found: the content files' bytes, the images, and
/// which files exist at all.
#[derive(Debug, Default)]
pub struct PackFiles {
    /// Until [`parse_content`] takes them.
    pub content: BTreeMap<String, Vec<u8>>,
    pub images: BTreeMap<String, Image>,
    pub present: BTreeSet<String>,
}

pub(crate) fn check(
    source: &dyn PackSource,
    on_disk: &[SourceFile],
    manifest: &Manifest,
    problems: &mut Problems,
) -> PackFiles {
    let mut found = PackFiles::default();
    let total = manifest
        .files
        .values()
        .fold(0u64, |total, entry| total.saturating_add(entry.bytes));
    if total > limits::MAX_PACK_BYTES {
        // Nothing is read: no file is read past its listed size, so this
        // bounds what any pack, however hostile, makes the kiosk inflate.
        problems.add(
            MANIFEST,
            "/files",
            format!("the files add up to {total} bytes, over the 4 GiB limit for a pack"),
        );
        return found;
    }
    for file in on_disk
        .iter()
        .filter(|file| file.path != MANIFEST && file.path != SIGNATURE)
    {
        let path = file.path.as_str();
        found.present.insert(file.path.clone());
        let is_content = CONTENT_FILES.contains(&path);
        if !is_content && !path.starts_with("media/") {
            let message = match did_you_mean(path, CONTENT_FILES) {
                Some(close) => format!("not a file of the format (did you mean \"{close}\"?)"),
                None => "not a file of the format: content goes in content/ (event.json, news.json, …), images in media/".to_owned(),
            };
            problems.add(path, "", message);
        }
        let Some(listed) = manifest.files.get(path) else {
            problems.add(path, "", "not listed in manifest.json \"files\" (after editing a pack, run `pavilion pack manifest DIR`)");
            continue;
        };
        if is_content && listed.bytes > limits::MAX_JSON_FILE_BYTES {
            problems.add(
                path,
                "",
                format!(
                    "the file is {} bytes, over the 256 MiB limit for a JSON file",
                    listed.bytes
                ),
            );
            continue;
        }
        // Never past the listed size, whatever the source claims. Content is
        // parsed, so kept whole (at most 256 MiB, checked just above); of an
        // image only the head that tells its format.
        let keep = if is_content {
            listed.bytes as usize
        } else {
            media::SNIFF_BYTES
        };
        let streamed = match source::stream(source, path, listed.bytes, keep, &mut io::sink()) {
            Ok(streamed) => streamed,
            Err(error) => {
                problems.add(path, "", format!("cannot read: {error}"));
                continue;
            }
        };
        if streamed.over_limit {
            let message = if file.bytes > listed.bytes {
                format!(
                    "the file is {} bytes, manifest.json says {}",
                    file.bytes, listed.bytes
                )
            } else {
                format!("the file holds more than the {} bytes manifest.json says (the archive's header is wrong, or the file changed while being read)", listed.bytes)
            };
            problems.add(path, "", message);
        } else if streamed.bytes != listed.bytes {
            problems.add(
                path,
                "",
                format!(
                    "the file is {} bytes, manifest.json says {}",
                    streamed.bytes, listed.bytes
                ),
            );
        }
        if !streamed.over_limit && streamed.sha256 != listed.sha256 {
            problems.add(
                path,
                "",
                format!(
                    "sha256 is {}, manifest.json says {}",
                    streamed.sha256, listed.sha256
                ),
            );
        }
        if is_content && streamed.over_limit {
            // Only its start was read: parsing it would report a
            // truncation that is not in the file.
            continue;
        }
        if is_content {
            found.content.insert(file.path.clone(), streamed.head);
        } else if path.starts_with("media/") {
            match ImageKind::sniff(&streamed.head) {
                Some(kind) => {
                    found.images.insert(
                        file.path.clone(),
                        Image {
                            kind,
                            sha256: streamed.sha256,
                            bytes: streamed.bytes,
                        },
                    );
                }
                None => problems.add(
                    path,
                    "",
                    "not a PNG, JPEG, WebP, GIF or SVG image (checked by content, not name)",
                ),
            }
        }
    }
    for path in manifest
        .files
        .keys()
        .filter(|path| !found.present.contains(*path))
    {
        problems.add(
            MANIFEST,
            &format!("/files/{}", pointer_segment(path)),
            format!("\"{path}\" is listed but not in the pack"),
        );
    }
    if !found.present.contains(EVENT) {
        problems.add(EVENT, "", "missing: every pack has content/event.json");
    }
    found
}

/// The content files as typed input; arrays keep each element's index for
/// pointers.
#[derive(Debug, Default)]
pub struct ParsedContent {
    pub event: Option<EventInput>,
    pub news: Vec<(usize, NewsInput)>,
    pub parks: Vec<(usize, ParkInput)>,
    pub exhibitors: Vec<(usize, ExhibitorInput)>,
    pub sessions: Vec<(usize, SessionInput)>,
    pub speakers: Vec<(usize, SpeakerInput)>,
    pub venue: Option<VenueInput>,
    pub slides: Vec<(usize, SlideInput)>,
    /// Ids of array elements that failed to parse, by file: references to
    /// them resolve, so one broken element is reported once, not again at
    /// every reference to it.
    pub unparsed_ids: BTreeMap<&'static str, BTreeSet<String>>,
    /// Content files that are in the pack (or required) but could not be
    /// read as a whole: bad JSON, the wrong shape, a size past the manifest.
    /// What they hold is unknown, so references into them are not judged —
    /// "unknown park" after a broken parks.json would send the operator to
    /// the wrong file.
    pub unreadable: BTreeSet<&'static str>,
}

/// Parses the content files, taking each one's bytes out of `files` and
/// dropping them once parsed: the typed input is all that is needed next.
pub(crate) fn parse_content(files: &mut PackFiles, problems: &mut Problems) -> ParsedContent {
    // Syntax is checked file by file in path order, as reports always have.
    let mut content = std::mem::take(&mut files.content);
    let mut bytes = |path: &str| content.remove(path);
    let event = bytes(EVENT).and_then(|bytes| json::parse(EVENT, &bytes, problems));
    let exhibitors = parse_array(bytes(EXHIBITORS), EXHIBITORS, problems);
    let news = parse_array(bytes(NEWS), NEWS, problems);
    let parks = parse_array(bytes(PARKS), PARKS, problems);
    let sessions = parse_array(bytes(SESSIONS), SESSIONS, problems);
    let slides = parse_array(bytes(SLIDES), SLIDES, problems);
    let speakers = parse_array(bytes(SPEAKERS), SPEAKERS, problems);
    let venue = bytes(VENUE).and_then(|bytes| json::parse(VENUE, &bytes, problems));
    let entities: usize = [&event, &venue]
        .into_iter()
        .flatten()
        .filter_map(|value| value.as_array().map(Vec::len))
        .chain([
            exhibitors.as_ref().map_or(0, Parsed::entities),
            news.as_ref().map_or(0, Parsed::entities),
            parks.as_ref().map_or(0, Parsed::entities),
            sessions.as_ref().map_or(0, Parsed::entities),
            slides.as_ref().map_or(0, Parsed::entities),
            speakers.as_ref().map_or(0, Parsed::entities),
        ])
        .sum();
    if entities > limits::MAX_ENTITIES {
        problems.add(
            "content/",
            "",
            format!("{entities} entities in the pack, over the limit of one million"),
        );
        return ParsedContent::default();
    }
    let mut parser = ContentParser {
        unparsed_ids: BTreeMap::new(),
        read_whole: BTreeSet::new(),
        problems,
    };
    let mut parsed = ParsedContent {
        event: parser.object(EVENT, event),
        news: parser.array(NEWS, news),
        parks: parser.array(PARKS, parks),
        exhibitors: parser.array(EXHIBITORS, exhibitors),
        sessions: parser.array(SESSIONS, sessions),
        speakers: parser.array(SPEAKERS, speakers),
        venue: parser.object(VENUE, venue),
        slides: parser.array(SLIDES, slides),
        unparsed_ids: BTreeMap::new(),
        unreadable: BTreeSet::new(),
    };
    parsed.unreadable = CONTENT_FILES
        .into_iter()
        .filter(|path| files.present.contains(*path) || *path == EVENT)
        .filter(|path| !parser.read_whole.contains(path))
        .collect();
    parsed.unparsed_ids = parser.unparsed_ids;
    parsed
}

fn parse_array<T: DeserializeOwned>(
    bytes: Option<Vec<u8>>,
    path: &str,
    problems: &mut Problems,
) -> Option<Parsed<T>> {
    json::parse_array(path, &bytes?, problems)
}

struct ContentParser<'p> {
    unparsed_ids: BTreeMap<&'static str, BTreeSet<String>>,
    read_whole: BTreeSet<&'static str>,
    problems: &'p mut Problems,
}

impl ContentParser<'_> {
    fn object<T: DeserializeOwned>(
        &mut self,
        path: &'static str,
        value: Option<Value>,
    ) -> Option<T> {
        let object = value.and_then(|value| json::deserialize_object(path, value, self.problems));
        if object.is_some() {
            self.read_whole.insert(path);
        }
        object
    }

    /// The elements that deserialise, with their index; the ids of those
    /// that do not go into `unparsed_ids`.
    fn array<T: DeserializeOwned>(
        &mut self,
        path: &'static str,
        parsed: Option<Parsed<T>>,
    ) -> Vec<(usize, T)> {
        let elements = match parsed {
            None => return Vec::new(),
            Some(Parsed::Other(value)) => {
                json::not_an_array(path, &value, self.problems);
                return Vec::new();
            }
            Some(Parsed::Elements(elements)) => elements,
        };
        self.read_whole.insert(path);
        let mut unparsed = BTreeSet::new();
        let parsed = elements
            .into_iter()
            .enumerate()
            .filter_map(|(index, element)| {
                let value = match element {
                    Ok(typed) => return Some((index, typed)),
                    Err(value) => value,
                };
                let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
                let typed = json::deserialize_at(path, &format!("/{index}"), value, self.problems);
                if typed.is_none() {
                    unparsed.extend(id);
                }
                typed.map(|typed| (index, typed))
            })
            .collect();
        self.unparsed_ids.insert(path, unparsed);
        parsed
    }
}
