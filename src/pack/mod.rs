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

pub mod content;
pub mod files;
pub mod json;
pub mod limits;
pub mod manifest;
pub mod media;
pub mod resolve;
pub mod richtext;
pub mod source;
pub mod suggest;

use std::collections::BTreeMap;
use std::path::Path;

use time::OffsetDateTime;

use crate::error::Result;
use crate::model::{self, Category, Html, Media, Text};
use content::LinkKind;
use files::PackFiles;
use json::Problems;
use manifest::Manifest;
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
    /// The referenced media files, by path inside the pack.
    pub media: BTreeMap<String, MediaFile>,
}

#[derive(Debug, Clone)]
pub struct News {
    pub item: model::NewsItem,
    /// `published` as unix seconds (a date counts as its midnight UTC), for
    /// newest-first order.
    pub published_at: i64,
    /// When the item stops being shown, as unix seconds.
    pub expires_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub title: Text,
    pub starts: OffsetDateTime,
    pub ends: OffsetDateTime,
    pub room: Option<Text>,
    pub track: Option<Text>,
    pub speakers: Vec<String>,
    pub description: Option<Html>,
}

#[derive(Debug, Clone)]
pub struct Speaker {
    pub id: String,
    pub name: Text,
    pub title: Option<Text>,
    pub organization: Option<Text>,
    pub photo: Option<Media>,
    pub bio: Option<Html>,
    pub exhibitor: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Hall {
    pub id: String,
    pub name: Text,
    pub plan: Option<Media>,
    pub width: f64,
    pub height: f64,
    pub stands: Vec<Stand>,
    pub spots: Vec<Spot>,
}

#[derive(Debug, Clone)]
pub struct Stand {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone)]
pub struct Spot {
    pub id: String,
    pub name: Text,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone)]
pub struct Slide {
    pub id: String,
    pub image: Media,
    pub caption: Option<Text>,
    pub link: Option<(LinkKind, String)>,
    pub seconds: Option<f64>,
}

/// A media file to copy into the media store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// `<sha256>.<ext>`, the extension from the content.
    pub store_name: String,
    pub sha256: String,
    /// Its size, which copying it may not exceed.
    pub bytes: u64,
}

/// One validated entity, handed to a [`Sink`] as soon as it is resolved.
#[derive(Debug)]
pub enum Entity {
    Event(model::Event, Vec<Category>),
    News(News),
    Park(model::Park),
    Exhibitor(model::Exhibitor),
    Session(Session),
    Speaker(Speaker),
    Hall(Hall),
    Slide(Slide),
}

/// Where validation puts the content, one entity at a time, so a large pack
/// need never be whole in memory: the import's new database, a [`Pack`], or
/// nowhere ([`Discard`]). Nothing more is put once a problem is found, and
/// a refused pack leaves the sink with part of it, to be thrown away.
pub trait Sink {
    fn put(&mut self, entity: Entity) -> Result<()>;
}

/// A sink that keeps nothing: validation only.
pub struct Discard;

impl Sink for Discard {
    fn put(&mut self, _: Entity) -> Result<()> {
        Ok(())
    }
}

/// A pack whose manifest is read and whose every file is read, hashed and
/// checked against it; the content is validated by [`Opened::validate`].
pub struct Opened {
    pub manifest: Manifest,
    files: PackFiles,
    problems: Problems,
}

/// Reads the manifest and every file. `Error::InvalidPack` only when the
/// manifest is unusable; other problems are reported by
/// [`Opened::validate`], with those of the content.
pub fn open(source: &dyn PackSource) -> Result<Opened> {
    let on_disk = source.files()?;
    let mut problems = Problems::default();
    let Some(manifest) = manifest::read(source, &on_disk, &mut problems) else {
        return Err(problems.into_error());
    };
    let files = files::check(source, &on_disk, &manifest, &mut problems);
    Ok(Opened {
        manifest,
        files,
        problems,
    })
}

impl Opened {
    /// Validates the content, putting each entity into `sink` as it goes.
    /// Returns the media the content refers to; `Error::InvalidPack` lists
    /// every problem of the pack.
    pub fn validate(mut self, sink: &mut dyn Sink) -> Result<BTreeMap<String, MediaFile>> {
        let media = match files::load_content(&mut self.files, &mut self.problems) {
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

impl Sink for Vec<Entity> {
    fn put(&mut self, entity: Entity) -> Result<()> {
        self.push(entity);
        Ok(())
    }
}

/// Validates the pack at `path` without keeping its content: its manifest,
/// or `Error::InvalidPack` with every problem.
pub fn validate_path(path: &Path) -> Result<Manifest> {
    let opened = open(source::open(path)?.as_ref())?;
    let manifest = opened.manifest.clone();
    opened.validate(&mut Discard)?;
    Ok(manifest)
}
