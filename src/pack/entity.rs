//! What validation hands on: each kind of entity as the kiosk stores it,
//! and the [`Sink`] that takes them one at a time.

use time::OffsetDateTime;

use crate::error::Result;
use crate::model::{self, Category, Html, Media, Text};
use crate::pack::content::LinkKind;

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

impl Sink for Vec<Entity> {
    fn put(&mut self, entity: Entity) -> Result<()> {
        self.push(entity);
        Ok(())
    }
}
