//! What resolving every kind needs: text filled in every language, rich
//! text rendered, media turned into media-store names, dates, times and
//! ids checked, references resolved against the ids read so far. Each
//! check adds a problem located by file and JSON pointer and carries on,
//! so one run lists them all. The kinds' own checks are in `pack::kinds`.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::error::Result;
use crate::model::{Html, Media, Text};
use crate::pack::content::{fill_text, given_text, TextInput};
use crate::pack::files::PackFiles;
use crate::pack::json::{self, ArrayFile, Element};
use crate::pack::kind::Kind;
use crate::pack::manifest::Manifest;
use crate::pack::picture::{self, MediaFile, Scaled, Shown};
use crate::pack::problems::{At, Problems, Stage};
use crate::pack::richtext;
use crate::pack::suggest::did_you_mean;

pub struct Resolver<'a> {
    pub languages: &'a [String],
    pub files: &'a PackFiles,
    pub manifest: &'a Manifest,
    pub problems: &'a mut Problems,
    /// The media referred to so far, by media-store name.
    pub media: BTreeMap<String, MediaFile>,
    /// Kinds whose file could not be read: references to them are not
    /// judged.
    unknowable: BTreeSet<Kind>,
}

/// The ids every reference may point at, filled as their files are read.
#[derive(Default)]
pub struct Known {
    /// By [`Kind::index`]: for the event its categories' ids, for the
    /// venue its halls'.
    ids: [BTreeSet<String>; Kind::ALL.len()],
    /// Hall id → its stand ids.
    pub stands: BTreeMap<String, BTreeSet<String>>,
}

impl Known {
    pub fn ids(&self, kind: Kind) -> &BTreeSet<String> {
        &self.ids[kind.index()]
    }

    pub fn set(&mut self, kind: Kind, ids: BTreeSet<String>) {
        self.ids[kind.index()] = ids;
    }
}

impl<'a> Resolver<'a> {
    pub fn new(manifest: &'a Manifest, files: &'a PackFiles, problems: &'a mut Problems) -> Self {
        Resolver {
            languages: &manifest.languages,
            files,
            manifest,
            problems,
            media: BTreeMap::new(),
            unknowable: BTreeSet::new(),
        }
    }
}

impl Resolver<'_> {
    pub fn text(&mut self, at: &At, input: TextInput) -> Text {
        Text(fill_text(input, self.languages, at, self.problems))
    }

    /// Text that overrides a default in the languages it names (`sort_name`).
    pub fn given_text(&mut self, at: &At, input: TextInput) -> BTreeMap<String, String> {
        given_text(input, self.languages, at, self.problems)
    }

    pub fn optional_text(&mut self, at: &At, input: Option<TextInput>) -> Option<Text> {
        input.map(|input| self.text(at, input))
    }

    pub fn texts(&mut self, at: &At, inputs: Vec<TextInput>) -> Vec<Text> {
        inputs
            .into_iter()
            .enumerate()
            .map(|(index, input)| self.text(&at.index(index), input))
            .collect()
    }

    pub fn rich(&mut self, at: &At, input: Option<TextInput>) -> Option<Html> {
        let Text(texts) = self.optional_text(at, input)?;
        Some(Html(
            texts
                .into_iter()
                .map(|(language, markdown)| (language, richtext::render(&markdown)))
                .collect(),
        ))
    }

    /// The media file at `path`, to be stored for showing it as `shown`.
    pub fn media(&mut self, at: &At, path: &str, shown: Shown) -> Option<Media> {
        let message = if !path.starts_with("media/") {
            format!("\"{path}\" is not under media/")
        } else if !self.manifest.files.contains_key(path) {
            let listed = self
                .manifest
                .files
                .keys()
                .map(String::as_str)
                .filter(|listed| listed.starts_with("media/"));
            match self.suggest(at, path, listed) {
                Some(close) => format!("\"{path}\" is not in the pack (did you mean \"{close}\"?)"),
                None => {
                    format!("\"{path}\" is not in the pack (not listed in manifest.json \"files\")")
                }
            }
        } else if let Some(image) = self.files.images.get(path) {
            let scaled = image.header.and_then(|header| {
                let size = shown.scaled_size(image.kind, &header)?;
                Some(Scaled {
                    kind: image.kind,
                    header,
                    size,
                })
            });
            let stored = scaled.map_or(image.kind, |scaled| {
                picture::stored_kind(scaled.kind, &scaled.header)
            });
            let store_name = shown.store_name(&image.sha256, stored, scaled.is_some());
            let media = MediaFile {
                path: path.to_owned(),
                store_name: store_name.clone(),
                sha256: image.sha256.clone(),
                bytes: image.bytes,
                scaled,
            };
            self.media.insert(store_name.clone(), media);
            return Some(Media(store_name));
        } else if self.files.refused_images.contains(path) {
            return None;
        } else if self.files.present.contains(path) {
            format!("\"{path}\" is not a PNG, JPEG, WebP, GIF or SVG image")
        } else {
            format!("\"{path}\" is listed in manifest.json but missing from the pack")
        };
        at.problem(self.problems, message);
        None
    }

    pub fn optional_media(&mut self, at: &At, path: Option<String>, shown: Shown) -> Option<Media> {
        path.and_then(|path| self.media(at, &path, shown))
    }

    pub fn date(&mut self, at: &At, text: &str) -> Option<Date> {
        let date = Date::parse(text, format_description!("[year]-[month]-[day]"))
            .ok()
            .filter(|_| text.len() == 10);
        if date.is_none() {
            at.problem(
                self.problems,
                format!("\"{text}\" is not a date: YYYY-MM-DD, e.g. 2021-07-08"),
            );
        }
        date
    }

    pub fn time(&mut self, at: &At, text: &str) -> Option<OffsetDateTime> {
        let time = OffsetDateTime::parse(text, &Rfc3339).ok();
        if time.is_none() {
            at.problem(self.problems, format!("\"{text}\" is not an RFC 3339 time with offset, e.g. 2021-07-08T09:30:00+08:00"));
        }
        time
    }

    /// A date (read as midnight UTC) or a time, as unix seconds.
    pub fn date_or_time(&mut self, at: &At, text: &str) -> Option<i64> {
        if let Ok(time) = OffsetDateTime::parse(text, &Rfc3339) {
            return Some(time.unix_timestamp());
        }
        if let Some(date) = Date::parse(text, format_description!("[year]-[month]-[day]"))
            .ok()
            .filter(|_| text.len() == 10)
        {
            return Some(date.midnight().assume_utc().unix_timestamp());
        }
        at.problem(
            self.problems,
            format!("\"{text}\" is neither a date (YYYY-MM-DD) nor an RFC 3339 time with offset"),
        );
        None
    }

    /// A "did you mean", unless the problem would not be listed anyway.
    pub fn suggest<'c>(
        &self,
        at: &At,
        found: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        if self.problems.is_full(at.file) {
            None
        } else {
            did_you_mean(found, candidates)
        }
    }

    /// Checks a reference to an entity of `kind` against the ids read.
    pub fn reference(&mut self, at: &At, kind: Kind, id: &str, known: &Known) {
        if self.unknowable.contains(&kind) {
            return;
        }
        let label = kind.label().unwrap_or("entity");
        self.reference_in(at, label, id, known.ids(kind));
    }

    /// Checks a reference that only `known` resolves (a stand of one hall).
    pub fn reference_in(&mut self, at: &At, label: &str, id: &str, known: &BTreeSet<String>) {
        if known.contains(id) {
            return;
        }
        let message = match self.suggest(at, id, known.iter().map(String::as_str)) {
            Some(close) => format!("unknown {label} \"{id}\" (did you mean \"{close}\"?)"),
            None => format!("unknown {label} \"{id}\""),
        };
        at.problem(self.problems, message);
    }

    pub fn positive(&mut self, at: &At, value: f64) {
        if value <= 0.0 {
            at.problem(self.problems, format!("{value} must be greater than 0"));
        }
    }

    /// Streams the elements of an array file through every stage, one at a
    /// time: typed, id checked, then `resolve`d. Returns the ids that
    /// references to this file resolve against, including those of elements
    /// that failed to parse (one broken element is reported once, not again
    /// at every reference to it). The file's bytes are dropped once read.
    pub fn array<T: DeserializeOwned>(
        &mut self,
        kind: Kind,
        parsed: Option<ArrayFile>,
        id_of: impl Fn(&T) -> &str,
        mut resolve: impl FnMut(&mut Self, &At, T) -> Result<()>,
    ) -> Result<BTreeSet<String>> {
        let file = kind.file();
        let (checked, spans) = match parsed {
            Some(ArrayFile::Elements { checked, spans }) => (checked, spans),
            Some(ArrayFile::Other(found)) => {
                self.problems.enter(Stage::Types);
                json::not_an_array(file, found, self.problems);
                self.unreadable(kind);
                return Ok(BTreeSet::new());
            }
            None => {
                if self.files.present.contains(file) {
                    self.unreadable(kind);
                }
                return Ok(BTreeSet::new());
            }
        };
        let mut ids = Ids::new(file, "");
        let mut unparsed = Vec::new();
        for (index, span) in spans.into_iter().enumerate() {
            match json::element::<T>(file, index, &checked, span, self.problems) {
                Element::Typed(input) => {
                    self.problems.enter(Stage::Ids);
                    ids.check(index, id_of(&input), self.problems);
                    self.problems.enter(Stage::Content);
                    resolve(self, &At::new(file, "").index(index), input)?;
                }
                Element::Unparsed(id) => unparsed.extend(id),
            }
        }
        let mut known = ids.into_known();
        known.extend(unparsed);
        Ok(known)
    }

    /// References to `kind` are not judged: what its file holds is unknown.
    pub fn unreadable(&mut self, kind: Kind) {
        self.unknowable.insert(kind);
    }
}

/// Checks the format and uniqueness of the ids of one array's elements,
/// one at a time; what is left are the ids references resolve against.
pub struct Ids<'a> {
    file: &'a str,
    base: &'a str,
    first_seen: BTreeMap<String, usize>,
}

impl<'a> Ids<'a> {
    pub fn new(file: &'a str, base: &'a str) -> Self {
        Ids {
            file,
            base,
            first_seen: BTreeMap::new(),
        }
    }

    pub fn check(&mut self, index: usize, id: &str, problems: &mut Problems) {
        let array = At::new(self.file, self.base);
        let element = array.index(index);
        let at = element.field("id");
        if !is_entity_id(id) {
            at.problem(
                problems,
                format!("\"{id}\" is not an id: 1 to 64 of A-Z, a-z, 0-9, '_' and '-'"),
            );
        } else if let Some(first) = self.first_seen.get(id) {
            at.problem(
                problems,
                format!(
                    "duplicate id \"{id}\" (first used at {}/{first})",
                    self.base
                ),
            );
        } else {
            self.first_seen.insert(id.to_owned(), index);
        }
    }

    /// Checks every one of `items`' ids.
    pub fn check_all<T>(
        mut self,
        items: &[T],
        id_of: impl Fn(&T) -> &str,
        problems: &mut Problems,
    ) -> BTreeSet<String> {
        for (index, item) in items.iter().enumerate() {
            self.check(index, id_of(item), problems);
        }
        self.into_known()
    }

    fn into_known(self) -> BTreeSet<String> {
        self.first_seen.into_keys().collect()
    }
}

pub fn is_entity_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
