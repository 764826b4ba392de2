//! Reading and validating a content pack. Pure: it reads through a
//! [`source::PackSource`] and never writes, so validation can run on a
//! laptop, in CI, or before a kiosk touches its data folder. Every problem
//! is collected (up to a cap) and reported together.
//!
//! [`open`] reads and hashes every file; [`Opened::validate`] then streams
//! the content through every check one entity at a time and hands each
//! validated entity to a [`Sink`]: the import's new database (so a pack of
//! any size is never whole in memory), a [`Pack`] ([`read`], for tests and
//! small packs) or nothing ([`validate_path`]).
//!
//! Tests are in `tests/core/pack.rs`.

pub mod central_directory;
pub mod content;
pub mod diff;
pub mod entity;
pub mod files;
pub mod json;
pub mod kind;
pub mod kinds;
pub mod limits;
pub mod manifest;
pub mod media;
pub mod picture;
pub mod problems;
pub mod resolve;
pub mod resolver;
pub mod richtext;
pub mod sort_key;
pub mod source;
pub mod suggest;
pub mod writer;

pub use entity::{Discard, Entity, Sink};
pub use kinds::news::News;
pub use kinds::session::Session;
pub use kinds::slide::Slide;
pub use picture::MediaFile;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use crate::model::{self, Category, Hall, Speaker};
use files::PackFiles;
use manifest::Manifest;
use problems::Problems;
use source::PackSource;

/// A pack that passed every check, with text filled in every language, rich
/// text rendered and media named by their media-store file, whole in
/// memory ([`read`]).
#[derive(Debug, Clone)]
pub struct Pack {
    pub manifest: Manifest,
    pub event: model::Event,
    pub categories: Vec<Category>,
    pub news: Vec<News>,
    /// `exhibitors` is left empty: the store lists them per park.
    pub parks: Vec<model::Park>,
    pub exhibitors: Vec<model::Exhibitor>,
    pub sessions: Vec<Session>,
    pub speakers: Vec<Speaker>,
    pub halls: Vec<Hall>,
    pub slides: Vec<Slide>,
    /// The media files to store, by their media-store name.
    pub media: BTreeMap<String, MediaFile>,
}

/// A pack whose manifest is read and whose every file is read, hashed and
/// checked against it; the content is validated by [`Opened::validate`],
/// which reads the content files from `source` again, one at a time.
pub struct Opened<'a> {
    pub manifest: Manifest,
    source: &'a dyn PackSource,
    files: PackFiles,
    problems: Problems,
}

/// Reads the manifest and every file. `Error::InvalidPack` only when the
/// manifest is unusable; other problems are reported by
/// [`Opened::validate`], with those of the content.
pub fn open(source: &dyn PackSource) -> Result<Opened<'_>> {
    let on_disk = source.files()?;
    let mut problems = Problems::new(&kind::REPORT_ORDER);
    let Some(manifest) = manifest::read(source, &on_disk, &mut problems) else {
        return Err(problems.into_error());
    };
    let files = files::check(source, &on_disk, &manifest, &mut problems);
    Ok(Opened {
        manifest,
        source,
        files,
        problems,
    })
}

impl Opened<'_> {
    /// Validates the content, putting each entity into `sink` as it goes.
    /// Returns the media the content refers to; `Error::InvalidPack` lists
    /// every problem of the pack.
    pub fn validate(mut self, sink: &mut dyn Sink) -> Result<BTreeMap<String, MediaFile>> {
        let media = match files::content_files(self.source, &mut self.files, &mut self.problems) {
            Some(content) => resolve::resolve(
                &self.manifest,
                &self.files,
                content,
                &mut self.problems,
                sink,
            )?,
            None => None,
        };
        // `None` only when there is no usable content/event.json, which is
        // already among the problems.
        match media {
            Some(media) if self.problems.is_empty() => Ok(media),
            _ => Err(self.problems.into_error()),
        }
    }
}

/// Reads and validates the pack at `path`: a folder or a zip archive.
pub fn read_path(path: &Path) -> Result<Pack> {
    read(source::open(path)?.as_ref())
}

/// Reads and validates a pack into memory: `Error::InvalidPack` lists every
/// problem.
pub fn read(source: &dyn PackSource) -> Result<Pack> {
    let opened = open(source)?;
    let manifest = opened.manifest.clone();
    let mut entities = Vec::new();
    let media = opened.validate(&mut entities)?;
    let mut entities = entities.into_iter();
    let Some(Entity::Event(event, categories)) = entities.next() else {
        unreachable!("a valid pack's event is put first");
    };
    let mut pack = Pack {
        manifest,
        event,
        categories,
        news: Vec::new(),
        parks: Vec::new(),
        exhibitors: Vec::new(),
        sessions: Vec::new(),
        speakers: Vec::new(),
        halls: Vec::new(),
        slides: Vec::new(),
        media,
    };
    for entity in entities {
        match entity {
            Entity::Event(..) => unreachable!("a pack has one event"),
            Entity::News(news) => pack.news.push(news),
            Entity::Park(park) => pack.parks.push(park),
            Entity::Exhibitor(exhibitor) => pack.exhibitors.push(exhibitor),
            Entity::Session(session) => pack.sessions.push(session),
            Entity::Speaker(speaker) => pack.speakers.push(speaker),
            Entity::Hall(hall) => pack.halls.push(hall),
            Entity::Slide(slide) => pack.slides.push(slide),
        }
    }
    Ok(pack)
}

/// The pack at `path` (folder or zip) resolved for [`diff::diff`]:
/// `Error::InvalidPack` when it is not valid.
pub fn snapshot(path: &Path) -> Result<diff::Snapshot> {
    let source = source::open(path)?;
    let opened = open(source.as_ref())?;
    let mut snapshot = diff::Snapshot::of_manifest(&opened.manifest);
    // By path in the pack: a picture stored at two sizes is one file here.
    for media in opened.validate(&mut snapshot)?.into_values() {
        snapshot.media_file(media.path, media.sha256);
    }
    Ok(snapshot)
}

/// Validates the pack at `path` without keeping its content: its manifest,
/// or `Error::InvalidPack` with every problem.
pub fn validate_path(path: &Path) -> Result<Manifest> {
    let source = source::open(path)?;
    let opened = open(source.as_ref())?;
    let manifest = opened.manifest.clone();
    opened.validate(&mut Discard)?;
    Ok(manifest)
}
