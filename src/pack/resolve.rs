//! From typed input to what the kiosk shows: text filled in every language,
//! rich text rendered, media turned into media-store names, ids and times
//! checked, and every reference resolved. Each check adds a problem located
//! by file and JSON pointer and carries on, so one run lists them all.
//! Entities are resolved one at a time, as their file is read, and handed
//! to a [`Sink`]; only the id sets that references check against are kept.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::error::Result;
use crate::model::{self, Booth, Category, Figure, Html, Location, Media, ParkLink, Text};
use crate::pack::content::*;
use crate::pack::entity::{
    Entity, Hall, MediaFile, News, Session, Sink, Slide, Speaker, Spot, Stand,
};
use crate::pack::files::{self, LoadedContent, PackFiles};
use crate::pack::json::{self, ArrayFile, Element};
use crate::pack::manifest::Manifest;
use crate::pack::problems::{At, Problems, Stage};
use crate::pack::richtext;
use crate::pack::suggest::did_you_mean;

struct Resolver<'a> {
    languages: &'a [String],
    files: &'a PackFiles,
    manifest: &'a Manifest,
    problems: &'a mut Problems,
    sink: &'a mut dyn Sink,
    media: BTreeMap<String, MediaFile>,
    /// Kinds of reference whose file could not be read: not judged.
    unknowable: BTreeSet<&'static str>,
}

/// Which file defines the ids each kind of reference points at.
const REFERENCE_KINDS: [(&str, &str); 7] = [
    (files::EVENT, "category"),
    (files::NEWS, "news item"),
    (files::PARKS, "park"),
    (files::EXHIBITORS, "exhibitor"),
    (files::SESSIONS, "session"),
    (files::SPEAKERS, "speaker"),
    (files::VENUE, "hall"),
];

impl Resolver<'_> {
    fn text(&mut self, at: &At, input: TextInput) -> Text {
        Text(fill_text(input, self.languages, at, self.problems))
    }

    fn optional_text(&mut self, at: &At, input: Option<TextInput>) -> Option<Text> {
        input.map(|input| self.text(at, input))
    }

    fn texts(&mut self, at: &At, inputs: Vec<TextInput>) -> Vec<Text> {
        inputs
            .into_iter()
            .enumerate()
            .map(|(index, input)| self.text(&at.index(index), input))
            .collect()
    }

    fn rich(&mut self, at: &At, input: Option<TextInput>) -> Option<Html> {
        let Text(texts) = self.optional_text(at, input)?;
        Some(Html(
            texts
                .into_iter()
                .map(|(language, markdown)| (language, richtext::render(&markdown)))
                .collect(),
        ))
    }

    fn media(&mut self, at: &At, path: &str) -> Option<Media> {
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
            let media = MediaFile {
                store_name: format!("{}.{}", image.sha256, image.kind.extension()),
                sha256: image.sha256.clone(),
                bytes: image.bytes,
            };
            let store_name = media.store_name.clone();
            self.media.insert(path.to_owned(), media);
            return Some(Media(store_name));
        } else if self.files.present.contains(path) {
            format!("\"{path}\" is not a PNG, JPEG, WebP, GIF or SVG image")
        } else {
            format!("\"{path}\" is listed in manifest.json but missing from the pack")
        };
        at.problem(self.problems, message);
        None
    }

    fn optional_media(&mut self, at: &At, path: Option<String>) -> Option<Media> {
        path.and_then(|path| self.media(at, &path))
    }

    fn date(&mut self, at: &At, text: &str) -> Option<Date> {
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

    fn time(&mut self, at: &At, text: &str) -> Option<OffsetDateTime> {
        let time = OffsetDateTime::parse(text, &Rfc3339).ok();
        if time.is_none() {
            at.problem(self.problems, format!("\"{text}\" is not an RFC 3339 time with offset, e.g. 2021-07-08T09:30:00+08:00"));
        }
        time
    }

    /// A date (read as midnight UTC) or a time, as unix seconds.
    fn date_or_time(&mut self, at: &At, text: &str) -> Option<i64> {
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
    fn suggest<'c>(
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

    fn reference(&mut self, at: &At, kind: &str, id: &str, known: &BTreeSet<String>) {
        if known.contains(id) || self.unknowable.contains(kind) {
            return;
        }
        let message = match self.suggest(at, id, known.iter().map(String::as_str)) {
            Some(close) => format!("unknown {kind} \"{id}\" (did you mean \"{close}\"?)"),
            None => format!("unknown {kind} \"{id}\""),
        };
        at.problem(self.problems, message);
    }

    fn positive(&mut self, at: &At, value: f64) {
        if value <= 0.0 {
            at.problem(self.problems, format!("{value} must be greater than 0"));
        }
    }

    /// Hands `entity` on, unless a problem was found: then the pack is
    /// refused and what the sink holds is thrown away, so writing more is
    /// wasted (and could break the sink's own constraints, such as unique
    /// ids).
    fn emit(&mut self, entity: Entity) -> Result<()> {
        if self.problems.is_empty() {
            self.sink.put(entity)?;
        }
        Ok(())
    }

    /// Streams the elements of an array file through every stage, one at a
    /// time: typed, id checked, then `resolve`d. Returns the ids that
    /// references to this file resolve against, including those of elements
    /// that failed to parse (one broken element is reported once, not again
    /// at every reference to it). The file's bytes are dropped once read.
    fn array<T: DeserializeOwned>(
        &mut self,
        file: &'static str,
        parsed: Option<ArrayFile>,
        id_of: impl Fn(&T) -> &str,
        mut resolve: impl FnMut(&mut Self, &At, T) -> Result<()>,
    ) -> Result<BTreeSet<String>> {
        let (checked, spans) = match parsed {
            Some(ArrayFile::Elements { checked, spans }) => (checked, spans),
            Some(ArrayFile::Other(value)) => {
                self.problems.enter(Stage::Types);
                json::not_an_array(file, &value, self.problems);
                self.unreadable(file);
                return Ok(BTreeSet::new());
            }
            None => {
                if self.files.present.contains(file) {
                    self.unreadable(file);
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

    /// References into `file` are not judged: what it holds is unknown.
    fn unreadable(&mut self, file: &str) {
        self.unknowable.extend(
            REFERENCE_KINDS
                .iter()
                .filter(|(defined_in, _)| *defined_in == file)
                .map(|(_, kind)| *kind),
        );
    }
}

/// Checks the format and uniqueness of the ids of one array's elements,
/// one at a time; what is left are the ids references resolve against.
struct Ids<'a> {
    file: &'a str,
    base: &'a str,
    first_seen: BTreeMap<String, usize>,
}

impl<'a> Ids<'a> {
    fn new(file: &'a str, base: &'a str) -> Self {
        Ids {
            file,
            base,
            first_seen: BTreeMap::new(),
        }
    }

    fn check(&mut self, index: usize, id: &str, problems: &mut Problems) {
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
    fn check_all<T>(
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

fn is_entity_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The ids every reference may point at, filled as their files are read.
#[derive(Default)]
struct Known {
    categories: BTreeSet<String>,
    news: BTreeSet<String>,
    parks: BTreeSet<String>,
    exhibitors: BTreeSet<String>,
    sessions: BTreeSet<String>,
    speakers: BTreeSet<String>,
    /// Hall id → its stand ids.
    stands: BTreeMap<String, BTreeSet<String>>,
}

/// Validates the content and hands each entity to `sink` as soon as it is
/// resolved, so the pack is never whole in memory. Files are read in an
/// order where every reference points back to a file already read (event
/// and venue, news, parks, exhibitors, speakers, sessions, slides), so only
/// id sets are kept; `Problems` files each problem under its stage, so the
/// report is the one a stage-by-stage pass gives. Returns the referenced
/// media, or `None` when there is no usable event (then there are
/// problems).
pub(crate) fn resolve(
    manifest: &Manifest,
    files: &PackFiles,
    mut content: LoadedContent,
    problems: &mut Problems,
    sink: &mut dyn Sink,
) -> Result<Option<BTreeMap<String, MediaFile>>> {
    let mut resolver = Resolver {
        languages: &manifest.languages,
        files,
        manifest,
        problems,
        sink,
        media: BTreeMap::new(),
        unknowable: BTreeSet::new(),
    };
    let r = &mut resolver;
    let mut known = Known::default();

    let event = content
        .event
        .and_then(|event| event.into_object::<EventInput>(files::EVENT, r.problems));
    let venue = content
        .venue
        .and_then(|venue| venue.into_object::<VenueInput>(files::VENUE, r.problems));
    if event.is_none() {
        r.unreadable(files::EVENT);
    }
    if venue.is_none() && files.present.contains(files::VENUE) {
        r.unreadable(files::VENUE);
    }
    let halls = venue.map(|venue| venue.halls).unwrap_or_default();
    let has_event = event.is_some();

    r.problems.enter(Stage::Ids);
    if let Some(event) = &event {
        known.categories = Ids::new(files::EVENT, "/categories").check_all(
            &event.categories,
            |category| &category.id,
            r.problems,
        );
    }
    // Hall ids are checked here; references find halls by this map's keys.
    Ids::new(files::VENUE, "/halls").check_all(&halls, |hall| &hall.id, r.problems);
    known.stands = halls
        .iter()
        .enumerate()
        .map(|(index, hall)| {
            let base = format!("/halls/{index}/stands");
            let stands = Ids::new(files::VENUE, &base).check_all(
                &hall.stands,
                |stand| &stand.id,
                r.problems,
            );
            (hall.id.clone(), stands)
        })
        .collect();
    r.unique_spots(&halls);

    r.problems.enter(Stage::Content);
    let categories = match event {
        Some(event) => {
            let (event, categories) = r.event(event);
            r.emit(Entity::Event(event, categories.clone()))?;
            categories
        }
        None => Vec::new(),
    };
    for (index, hall) in halls.into_iter().enumerate() {
        let hall = r.hall(&At::new(files::VENUE, "/halls").index(index), hall);
        r.emit(Entity::Hall(hall))?;
    }

    let mut arrays = |file| content.arrays.remove(file);
    known.news = r.array(
        files::NEWS,
        arrays(files::NEWS),
        |news: &NewsInput| &news.id,
        |r, at, news| match r.news(at, news) {
            Some(news) => r.emit(Entity::News(news)),
            None => Ok(()),
        },
    )?;
    let mut park_names = BTreeMap::new();
    known.parks = r.array(
        files::PARKS,
        arrays(files::PARKS),
        |park: &ParkInput| &park.id,
        |r, at, park| {
            let park = r.park(at, park);
            park_names.insert(park.id.clone(), park.name.clone());
            r.emit(Entity::Park(park))
        },
    )?;
    known.exhibitors = r.array(
        files::EXHIBITORS,
        arrays(files::EXHIBITORS),
        |exhibitor: &ExhibitorInput| &exhibitor.id,
        |r, at, exhibitor| {
            let exhibitor = r.exhibitor(at, exhibitor, &known, &categories, &park_names);
            r.emit(Entity::Exhibitor(exhibitor))
        },
    )?;
    known.speakers = r.array(
        files::SPEAKERS,
        arrays(files::SPEAKERS),
        |speaker: &SpeakerInput| &speaker.id,
        |r, at, speaker| {
            let speaker = r.speaker(at, speaker, &known);
            r.emit(Entity::Speaker(speaker))
        },
    )?;
    known.sessions = r.array(
        files::SESSIONS,
        arrays(files::SESSIONS),
        |session: &SessionInput| &session.id,
        |r, at, session| match r.session(at, session, &known) {
            Some(session) => r.emit(Entity::Session(session)),
            None => Ok(()),
        },
    )?;
    r.array(
        files::SLIDES,
        arrays(files::SLIDES),
        |slide: &SlideInput| &slide.id,
        |r, at, slide| match r.slide(at, slide, &known) {
            Some(slide) => r.emit(Entity::Slide(slide)),
            None => Ok(()),
        },
    )?;
    Ok(has_event.then_some(resolver.media))
}

impl Resolver<'_> {
    fn event(&mut self, input: EventInput) -> (model::Event, Vec<Category>) {
        let at = At::new(files::EVENT, "");
        let starts = self.date(&at.field("starts_on"), &input.starts_on);
        let ends = self.date(&at.field("ends_on"), &input.ends_on);
        if let (Some(starts), Some(ends)) = (starts, ends) {
            if ends < starts {
                at.field("ends_on").problem(
                    self.problems,
                    format!("the event ends ({ends}) before it starts ({starts})"),
                );
            }
        }
        if !is_time_zone_name(&input.timezone) {
            at.field("timezone").problem(
                self.problems,
                format!(
                    "\"{}\" is not an IANA time zone name such as \"Asia/Shanghai\"",
                    input.timezone
                ),
            );
        }
        let categories = input
            .categories
            .into_iter()
            .enumerate()
            .map(|(index, category)| Category {
                id: category.id,
                name: self.text(
                    &at.field("categories").index(index).field("name"),
                    category.name,
                ),
            })
            .collect();
        let event = model::Event {
            name: self.text(&at.field("name"), input.name),
            short_name: self.optional_text(&at.field("short_name"), input.short_name),
            theme: self.optional_text(&at.field("theme"), input.theme),
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            timezone: input.timezone,
            venue: self.optional_text(&at.field("venue"), input.venue),
            logo: self.optional_media(&at.field("logo"), input.logo),
            about: self.rich(&at.field("about"), input.about),
        };
        (event, categories)
    }

    fn news(&mut self, at: &At, input: NewsInput) -> Option<News> {
        let published_at = self.date_or_time(&at.field("published"), &input.published);
        let expires_at = input.expires.and_then(|expires| {
            let expires_at = self.date_or_time(&at.field("expires"), &expires)?;
            // A date means "shown through that day": hidden from the next.
            Some(if expires.len() == 10 {
                expires_at + 86_400
            } else {
                expires_at
            })
        });
        let item = model::NewsItem {
            id: input.id,
            title: self.text(&at.field("title"), input.title),
            summary: self.optional_text(&at.field("summary"), input.summary),
            body: self.rich(&at.field("body"), input.body),
            published: input.published,
            source: self.optional_text(&at.field("source"), input.source),
            source_url: input.source_url,
            image: self.optional_media(&at.field("image"), input.image),
            tags: self.texts(&at.field("tags"), input.tags),
            pinned: input.pinned,
        };
        Some(News {
            item,
            published_at: published_at?,
            expires_at,
        })
    }

    fn park(&mut self, at: &At, input: ParkInput) -> model::Park {
        let location = input.location.map(|location| {
            if !(-90.0..=90.0).contains(&location.lat) {
                at.field("location").field("lat").problem(
                    self.problems,
                    format!("latitude {} is outside -90..90", location.lat),
                );
            }
            if !(-180.0..=180.0).contains(&location.lon) {
                at.field("location").field("lon").problem(
                    self.problems,
                    format!("longitude {} is outside -180..180", location.lon),
                );
            }
            Location {
                lat: location.lat,
                lon: location.lon,
            }
        });
        model::Park {
            id: input.id,
            name: self.text(&at.field("name"), input.name),
            district: self.optional_text(&at.field("district"), input.district),
            summary: self.optional_text(&at.field("summary"), input.summary),
            body: self.rich(&at.field("body"), input.body),
            focus: self.texts(&at.field("focus"), input.focus),
            figures: input
                .figures
                .into_iter()
                .enumerate()
                .map(|(index, figure)| {
                    let figures = at.field("figures");
                    let at = figures.index(index);
                    Figure {
                        label: self.text(&at.field("label"), figure.label),
                        value: self.text(&at.field("value"), figure.value),
                    }
                })
                .collect(),
            image: self.optional_media(&at.field("image"), input.image),
            gallery: input
                .gallery
                .into_iter()
                .enumerate()
                .filter_map(|(index, path)| self.media(&at.field("gallery").index(index), &path))
                .collect(),
            location,
            exhibitors: Vec::new(),
        }
    }

    fn exhibitor(
        &mut self,
        at: &At,
        input: ExhibitorInput,
        known: &Known,
        categories: &[Category],
        park_names: &BTreeMap<String, Text>,
    ) -> model::Exhibitor {
        let name = self.text(&at.field("name"), input.name);
        for (index, category) in input.categories.iter().enumerate() {
            self.reference(
                &at.field("categories").index(index),
                "category",
                category,
                &known.categories,
            );
        }
        if let Some(booth) = &input.booth {
            match known.stands.get(&booth.hall) {
                Some(stands) => self.reference(
                    &at.field("booth").field("stand"),
                    &format!("stand in hall \"{}\"", booth.hall),
                    &booth.stand,
                    stands,
                ),
                None => {
                    let halls = known.stands.keys().cloned().collect();
                    self.reference(
                        &at.field("booth").field("hall"),
                        "hall",
                        &booth.hall,
                        &halls,
                    );
                }
            }
        }
        if let Some(park) = &input.park {
            self.reference(&at.field("park"), "park", park, &known.parks);
        }
        model::Exhibitor {
            id: input.id,
            sort_key: input
                .sort_name
                .unwrap_or_else(|| name.0.get(&self.languages[0]).cloned().unwrap_or_default()),
            name,
            logo: self.optional_media(&at.field("logo"), input.logo),
            summary: self.optional_text(&at.field("summary"), input.summary),
            description: self.rich(&at.field("description"), input.description),
            categories: input
                .categories
                .iter()
                .filter_map(|id| {
                    categories
                        .iter()
                        .find(|category| &category.id == id)
                        .cloned()
                })
                .collect(),
            booth: input.booth.map(|booth| Booth {
                hall: booth.hall,
                stand: booth.stand,
            }),
            park: input.park.and_then(|id| {
                let name = park_names.get(&id)?.clone();
                Some(ParkLink { id, name })
            }),
            website: input.website,
            tags: self.texts(&at.field("tags"), input.tags),
        }
    }

    fn session(&mut self, at: &At, input: SessionInput, known: &Known) -> Option<Session> {
        let starts = self.time(&at.field("starts"), &input.starts);
        let ends = self.time(&at.field("ends"), &input.ends);
        if let (Some(starts), Some(ends)) = (starts, ends) {
            if ends < starts {
                at.field("ends")
                    .problem(self.problems, "the session ends before it starts");
            }
        }
        for (index, speaker) in input.speakers.iter().enumerate() {
            self.reference(
                &at.field("speakers").index(index),
                "speaker",
                speaker,
                &known.speakers,
            );
        }
        let session = Session {
            id: input.id,
            title: self.text(&at.field("title"), input.title),
            room: self.optional_text(&at.field("room"), input.room),
            track: self.optional_text(&at.field("track"), input.track),
            speakers: input.speakers,
            description: self.rich(&at.field("description"), input.description),
            starts: starts?,
            ends: ends?,
        };
        Some(session)
    }

    fn speaker(&mut self, at: &At, input: SpeakerInput, known: &Known) -> Speaker {
        if let Some(exhibitor) = &input.exhibitor {
            self.reference(
                &at.field("exhibitor"),
                "exhibitor",
                exhibitor,
                &known.exhibitors,
            );
        }
        Speaker {
            id: input.id,
            name: self.text(&at.field("name"), input.name),
            title: self.optional_text(&at.field("title"), input.title),
            organization: self.optional_text(&at.field("organization"), input.organization),
            photo: self.optional_media(&at.field("photo"), input.photo),
            bio: self.rich(&at.field("bio"), input.bio),
            exhibitor: input.exhibitor,
        }
    }

    fn hall(&mut self, at: &At, input: HallInput) -> Hall {
        self.positive(&at.field("width"), input.width);
        self.positive(&at.field("height"), input.height);
        let stands = input
            .stands
            .into_iter()
            .enumerate()
            .map(|(index, stand)| {
                let stands = at.field("stands");
                let at = stands.index(index);
                self.positive(&at.field("w"), stand.w);
                self.positive(&at.field("h"), stand.h);
                Stand {
                    id: stand.id,
                    x: stand.x,
                    y: stand.y,
                    w: stand.w,
                    h: stand.h,
                }
            })
            .collect();
        let spots = input
            .spots
            .into_iter()
            .enumerate()
            .map(|(index, spot)| Spot {
                id: spot.id,
                name: self.text(&at.field("spots").index(index).field("name"), spot.name),
                x: spot.x,
                y: spot.y,
            })
            .collect();
        Hall {
            id: input.id,
            name: self.text(&at.field("name"), input.name),
            plan: self.optional_media(&at.field("plan"), input.plan),
            width: input.width,
            height: input.height,
            stands,
            spots,
        }
    }

    /// Spot ids are unique across the venue: a kiosk's settings name its
    /// spot by id alone.
    fn unique_spots(&mut self, halls: &[HallInput]) {
        let spots = halls.iter().enumerate().flat_map(|(hall, input)| {
            input
                .spots
                .iter()
                .enumerate()
                .map(move |(index, spot)| ((hall, index), spot))
        });
        let mut first_seen: BTreeMap<&str, String> = BTreeMap::new();
        for ((hall, index), spot) in spots {
            let pointer = format!("/halls/{hall}/spots/{index}");
            let element = At::new(files::VENUE, &pointer);
            let at = element.field("id");
            if !is_entity_id(&spot.id) {
                at.problem(
                    self.problems,
                    format!(
                        "\"{}\" is not an id: 1 to 64 of A-Z, a-z, 0-9, '_' and '-'",
                        spot.id
                    ),
                );
            } else if let Some(first) = first_seen.get(spot.id.as_str()) {
                at.problem(
                    self.problems,
                    format!("duplicate id \"{}\" (first used at {first})", spot.id),
                );
            } else {
                first_seen.insert(&spot.id, pointer);
            }
        }
    }

    fn slide(&mut self, at: &At, input: SlideInput, known: &Known) -> Option<Slide> {
        if let Some(link) = &input.link {
            let (kind, ids) = match link.kind {
                LinkKind::News => ("news item", &known.news),
                LinkKind::Park => ("park", &known.parks),
                LinkKind::Exhibitor => ("exhibitor", &known.exhibitors),
                LinkKind::Session => ("session", &known.sessions),
            };
            self.reference(&at.field("link").field("id"), kind, &link.id, ids);
        }
        if let Some(seconds) = input.seconds {
            self.positive(&at.field("seconds"), seconds);
        }
        Some(Slide {
            id: input.id,
            caption: self.optional_text(&at.field("caption"), input.caption),
            link: input.link.map(|link| (link.kind, link.id)),
            seconds: input.seconds,
            image: self.media(&at.field("image"), &input.image)?,
        })
    }
}

/// IANA names (`Asia/Shanghai`, `UTC`, `America/Argentina/Buenos_Aires`).
/// The kiosk carries no time-zone database, so only the shape is checked.
fn is_time_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b))
        })
}
