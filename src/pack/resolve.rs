//! The content validated in one pass, kind by kind in [`Kind::READ_ORDER`],
//! each entity handed to a [`Sink`] as soon as it is resolved; only the id
//! sets that references check against are kept. The checks themselves are
//! each kind's (`pack::kinds`) and the shared ones `pack::resolver`'s.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use crate::error::Result;
use crate::pack::entity::{Entity, Sink};
use crate::pack::files::{ContentFiles, PackFiles};
use crate::pack::kind::Kind;
use crate::pack::kinds::event::EventInput;
use crate::pack::kinds::exhibitor::ExhibitorInput;
use crate::pack::kinds::news::NewsInput;
use crate::pack::kinds::park::ParkInput;
use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::slide::SlideInput;
use crate::pack::kinds::speaker::SpeakerInput;
use crate::pack::kinds::venue::VenueInput;
use crate::pack::kinds::{event, exhibitor, news, park, session, slide, speaker, venue};
use crate::pack::manifest::Manifest;
use crate::pack::picture::MediaFile;
use crate::pack::problems::{At, Problems, Stage};
use crate::pack::resolver::{Ids, Known, Resolver};

/// Validates the content and hands each entity to `sink` as soon as it is
/// resolved, so the pack is never whole in memory. Files are read in an
/// order where every reference points back to a file already read, so only
/// id sets are kept; `Problems` files each problem under its stage, so the
/// report is the one a stage-by-stage pass gives. Returns the referenced
/// media, or `None` when there is no usable event (then there are
/// problems).
pub(crate) fn resolve(
    manifest: &Manifest,
    files: &PackFiles,
    mut content: ContentFiles,
    problems: &mut Problems,
    sink: &mut dyn Sink,
) -> Result<Option<BTreeMap<String, MediaFile>>> {
    let mut resolver = Resolver::new(manifest, files, problems);
    let r = &mut resolver;
    let mut known = Known::default();
    let emit = |r: &Resolver, sink: &mut dyn Sink, entity| {
        // Once a problem is found the pack is refused and what the sink
        // holds is thrown away, so writing more is wasted (and could break
        // the sink's own constraints, such as unique ids).
        if r.problems.is_empty() {
            sink.put(entity)?;
        }
        Ok(())
    };

    // The kinds that hold one object are read first, together, stage by
    // stage: their ids before anything refers to them.
    let event: Option<EventInput> = object(Kind::Event, &mut content, r);
    let venue: Option<VenueInput> = object(Kind::Venue, &mut content, r);
    let halls = venue.map(|venue| venue.halls).unwrap_or_default();
    let has_event = event.is_some();

    r.problems.enter(Stage::Ids);
    if let Some(event) = &event {
        let categories = Ids::new(Kind::Event.file(), "/categories").check_all(
            &event.categories,
            |category| &category.id,
            r.problems,
        );
        known.set(Kind::Event, categories);
    }
    known.stands = venue::check_ids(r, &halls);
    known.set(Kind::Venue, known.stands.keys().cloned().collect());

    r.problems.enter(Stage::Content);
    let categories = match event {
        Some(event) => {
            let (event, categories) = event::resolve(r, event);
            emit(r, sink, Entity::Event(event, categories.clone()))?;
            categories
        }
        None => Vec::new(),
    };
    for (index, hall) in halls.into_iter().enumerate() {
        let hall = venue::resolve(r, &At::new(Kind::Venue.file(), "/halls").index(index), hall);
        emit(r, sink, Entity::Hall(hall))?;
    }

    let mut park_names = BTreeMap::new();
    for kind in Kind::READ_ORDER {
        let file = content.array(kind, r.problems);
        let ids = match kind {
            Kind::Event | Kind::Venue => continue,
            Kind::News => r.array(
                kind,
                file,
                |news: &NewsInput| &news.id,
                |r, at, news| match news::resolve(r, at, news) {
                    Some(news) => emit(r, sink, Entity::News(news)),
                    None => Ok(()),
                },
            )?,
            Kind::Park => r.array(
                kind,
                file,
                |park: &ParkInput| &park.id,
                |r, at, park| {
                    let park = park::resolve(r, at, park);
                    park_names.insert(park.id.clone(), park.name.clone());
                    emit(r, sink, Entity::Park(park))
                },
            )?,
            Kind::Exhibitor => r.array(
                kind,
                file,
                |exhibitor: &ExhibitorInput| &exhibitor.id,
                |r, at, exhibitor| {
                    let exhibitor =
                        exhibitor::resolve(r, at, exhibitor, &known, &categories, &park_names);
                    emit(r, sink, Entity::Exhibitor(exhibitor))
                },
            )?,
            Kind::Speaker => r.array(
                kind,
                file,
                |speaker: &SpeakerInput| &speaker.id,
                |r, at, speaker| {
                    let speaker = speaker::resolve(r, at, speaker, &known);
                    emit(r, sink, Entity::Speaker(speaker))
                },
            )?,
            Kind::Session => r.array(
                kind,
                file,
                |session: &SessionInput| &session.id,
                |r, at, session| match session::resolve(r, at, session, &known) {
                    Some(session) => emit(r, sink, Entity::Session(session)),
                    None => Ok(()),
                },
            )?,
            Kind::Slide => r.array(
                kind,
                file,
                |slide: &SlideInput| &slide.id,
                |r, at, slide| match slide::resolve(r, at, slide, &known) {
                    Some(slide) => emit(r, sink, Entity::Slide(slide)),
                    None => Ok(()),
                },
            )?,
        };
        known.set(kind, ids);
    }
    Ok(has_event.then_some(resolver.media))
}

/// The file of `kind`, which holds one object, typed. When it cannot be,
/// references to its ids are not judged: what it holds is unknown (and a
/// pack without its event has that reported already).
fn object<T: DeserializeOwned>(
    kind: Kind,
    content: &mut ContentFiles,
    r: &mut Resolver,
) -> Option<T> {
    let checked = content.take(kind, r.problems);
    let input = checked.and_then(|checked| checked.into_object(kind.file(), r.problems));
    let required = match kind {
        Kind::Event => true,
        Kind::Venue
        | Kind::News
        | Kind::Park
        | Kind::Exhibitor
        | Kind::Session
        | Kind::Speaker
        | Kind::Slide => false,
    };
    if input.is_none() && (required || r.files.present.contains(kind.file())) {
        r.unreadable(kind);
    }
    input
}
