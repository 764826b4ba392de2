//! What validation hands on: each kind of entity as the kiosk stores it
//! (the types are each kind's, in `pack::kinds`), and the [`Sink`] that
//! takes them one at a time.

use crate::error::Result;
use crate::model::{self, Category, Hall, Speaker};
use crate::pack::kinds::news::News;
use crate::pack::kinds::session::Session;
use crate::pack::kinds::slide::Slide;

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
