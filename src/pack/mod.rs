//! Reading a content pack into a validated, in-memory [`Pack`]. Pure: it
//! reads through a [`source::PackSource`] and never writes, so validation
//! can run on a laptop, in CI, or before a kiosk touches its data folder.
//! Every problem is collected (up to a cap) and reported together.
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
use files::{PackFiles, ParsedContent};
use json::Problems;
use manifest::Manifest;
use source::PackSource;

/// A pack that passed every check, with text filled in every language, rich
/// text rendered and media named by their media-store file.
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

/// Reads and validates the pack at `path`: a folder or a zip archive.
pub fn read_path(path: &Path) -> Result<Pack> {
    read(source::open(path)?.as_ref())
}

/// Reads and validates a pack: `Error::InvalidPack` lists every problem.
pub fn read(source: &dyn PackSource) -> Result<Pack> {
    read_timed(source, &mut |_| {})
}

/// [`read`], calling `lap` once every file is read and hashed
/// (`read_verify`) and once the content is validated (`validate`), so an
/// import can report where its time went.
pub fn read_timed(source: &dyn PackSource, lap: &mut dyn FnMut(&'static str)) -> Result<Pack> {
    let on_disk = source.files()?;
    let mut problems = Problems::default();
    let Some(manifest) = manifest::read(source, &on_disk, &mut problems) else {
        return Err(problems.into_error());
    };
    let mut files: PackFiles = files::check(source, &on_disk, &manifest, &mut problems);
    lap("read_verify");
    let content: ParsedContent = files::parse_content(&mut files, &mut problems);
    // `None` only when content/event.json is missing or unreadable, which
    // is already among the problems.
    let pack = resolve::resolve(manifest, &files, content, &mut problems);
    lap("validate");
    match pack {
        Some(pack) if problems.is_empty() => Ok(pack),
        _ => Err(problems.into_error()),
    }
}
