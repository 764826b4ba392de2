//! The pack's files against its manifest: every file on disk listed, every
//! listed file present with its hash and size, each in a place the format
//! knows; then the content files parsed into typed input.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::pack::content::*;
use crate::pack::json::{self, pointer_segment, Problems};
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

pub(crate) fn parse_content(files: &PackFiles, problems: &mut Problems) -> ParsedContent {
    let values: BTreeMap<&str, Value> = files
        .content
        .iter()
        .filter_map(|(path, bytes)| {
            json::parse(path, bytes, problems).map(|value| (path.as_str(), value))
        })
        .collect();
    let entities: usize = values
        .values()
        .filter_map(|value| value.as_array().map(Vec::len))
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
        values,
        unparsed_ids: BTreeMap::new(),
        read_whole: BTreeSet::new(),
        problems,
    };
    let mut content = ParsedContent {
        event: parser.object(EVENT),
        news: parser.array(NEWS),
        parks: parser.array(PARKS),
        exhibitors: parser.array(EXHIBITORS),
        sessions: parser.array(SESSIONS),
        speakers: parser.array(SPEAKERS),
        venue: parser.object(VENUE),
        slides: parser.array(SLIDES),
        unparsed_ids: BTreeMap::new(),
        unreadable: BTreeSet::new(),
    };
    content.unreadable = CONTENT_FILES
        .into_iter()
        .filter(|path| files.present.contains(*path) || *path == EVENT)
        .filter(|path| !parser.read_whole.contains(path))
        .collect();
    content.unparsed_ids = parser.unparsed_ids;
    content
}

struct ContentParser<'p, 'v> {
    values: BTreeMap<&'v str, Value>,
    unparsed_ids: BTreeMap<&'static str, BTreeSet<String>>,
    read_whole: BTreeSet<&'static str>,
    problems: &'p mut Problems,
}

impl ContentParser<'_, '_> {
    fn object<T: DeserializeOwned>(&mut self, path: &'static str) -> Option<T> {
        let object = self
            .values
            .remove(path)
            .and_then(|value| json::deserialize_object(path, value, self.problems));
        if object.is_some() {
            self.read_whole.insert(path);
        }
        object
    }

    fn array<T: DeserializeOwned>(&mut self, path: &'static str) -> Vec<(usize, T)> {
        let Some(value) = self.values.remove(path) else {
            return Vec::new();
        };
        if value.is_array() {
            self.read_whole.insert(path);
        }
        let ids: Vec<Option<String>> = value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| item.get("id").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let parsed = json::deserialize_array(path, value, self.problems);
        let parsed_indexes: BTreeSet<usize> = parsed.iter().map(|(index, _)| *index).collect();
        let unparsed = ids
            .into_iter()
            .enumerate()
            .filter(|(index, _)| !parsed_indexes.contains(index))
            .filter_map(|(_, id)| id)
            .collect();
        self.unparsed_ids.insert(path, unparsed);
        parsed
    }
}
