//! From typed input to what the kiosk shows: text filled in every language,
//! rich text rendered, media turned into media-store names, ids and times
//! checked, and every reference resolved. Each check adds a problem located
//! by file and JSON pointer and carries on, so one run lists them all.

use std::collections::{BTreeMap, BTreeSet};

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::model::{self, Booth, Category, Figure, Html, Location, Media, ParkLink, Text};
use crate::pack::content::*;
use crate::pack::files::{self, PackFiles, ParsedContent};
use crate::pack::json::{pointer_segment, Problems};
use crate::pack::manifest::Manifest;
use crate::pack::richtext;
use crate::pack::suggest::did_you_mean;
use crate::pack::{Hall, MediaFile, News, Pack, Session, Slide, Speaker, Spot, Stand};

/// A place in the pack: a file and a JSON pointer into it. The pointer is
/// a chain of borrowed steps, spelt out only when a problem is reported:
/// every field of every entity has a place, few have a problem.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    file: &'a str,
    place: Place<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Place<'a> {
    Pointer(&'a str),
    Field(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    pub fn new(file: &'a str, pointer: &'a str) -> Self {
        At {
            file,
            place: Place::Pointer(pointer),
        }
    }

    fn field<'b>(&'b self, name: &'b str) -> At<'b> {
        At {
            file: self.file,
            place: Place::Field(self, name),
        }
    }

    fn index(&self, index: usize) -> At<'_> {
        At {
            file: self.file,
            place: Place::Index(self, index),
        }
    }

    fn pointer(&self) -> String {
        match self.place {
            Place::Pointer(pointer) => pointer.to_owned(),
            Place::Field(parent, name) => {
                format!("{}/{}", parent.pointer(), pointer_segment(name))
            }
            Place::Index(parent, index) => format!("{}/{index}", parent.pointer()),
        }
    }

    fn problem(&self, problems: &mut Problems, message: impl Into<String>) {
        problems.add(self.file, &self.pointer(), message);
    }
}

/// Localised text in every pack language: the default language must be
/// given, the others fall back to it.
pub fn fill_text(
    input: &TextInput,
    languages: &[String],
    at: &At,
    problems: &mut Problems,
) -> BTreeMap<String, String> {
    let default = &languages[0];
    match input {
        TextInput::Same(text) => languages
            .iter()
            .map(|language| (language.clone(), text.clone()))
            .collect(),
        TextInput::PerLanguage(texts) => {
            for language in texts
                .keys()
                .filter(|language| !languages.contains(language))
            {
                at.field(language).problem(
                    problems,
                    format!(
                        "language \"{language}\" is not in the manifest's languages ({})",
                        languages.join(", ")
                    ),
                );
            }
            let fallback = texts.get(default).cloned().unwrap_or_else(|| {
                at.problem(
                    problems,
                    format!("missing the default language \"{default}\""),
                );
                String::new()
            });
            languages
                .iter()
                .map(|language| {
                    (
                        language.clone(),
                        texts
                            .get(language)
                            .cloned()
                            .unwrap_or_else(|| fallback.clone()),
                    )
                })
                .collect()
        }
    }
}

struct Resolver<'a> {
    languages: &'a [String],
    files: &'a PackFiles,
    manifest: &'a Manifest,
    problems: &'a mut Problems,
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
    fn text(&mut self, at: &At, input: &TextInput) -> Text {
        Text(fill_text(input, self.languages, at, self.problems))
    }

    fn optional_text(&mut self, at: &At, input: Option<&TextInput>) -> Option<Text> {
        input.map(|input| self.text(at, input))
    }

    fn texts(&mut self, at: &At, inputs: &[TextInput]) -> Vec<Text> {
        inputs
            .iter()
            .enumerate()
            .map(|(index, input)| self.text(&at.index(index), input))
            .collect()
    }

    fn rich(&mut self, at: &At, input: Option<&TextInput>) -> Option<Html> {
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
            match self.suggest(path, listed) {
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

    fn optional_media(&mut self, at: &At, path: Option<&String>) -> Option<Media> {
        path.and_then(|path| self.media(at, path))
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
        found: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        if self.problems.is_full() {
            None
        } else {
            did_you_mean(found, candidates)
        }
    }

    fn reference(&mut self, at: &At, kind: &str, id: &str, known: &BTreeSet<String>) {
        if known.contains(id) || self.unknowable.contains(kind) {
            return;
        }
        let message = match self.suggest(id, known.iter().map(String::as_str)) {
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

    /// Checks the id format and uniqueness of `items`' ids; returns the set
    /// of ids for references to resolve against.
    fn ids<'i, T: 'i>(
        &mut self,
        file: &str,
        base: &str,
        items: impl IntoIterator<Item = (usize, &'i T)>,
        id_of: impl Fn(&T) -> &str,
    ) -> BTreeSet<String> {
        let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
        let array = At::new(file, base);
        for (index, item) in items {
            let id = id_of(item);
            let element = array.index(index);
            let at = element.field("id");
            if !is_entity_id(id) {
                at.problem(
                    self.problems,
                    format!("\"{id}\" is not an id: 1 to 64 of A-Z, a-z, 0-9, '_' and '-'"),
                );
            } else if let Some(first) = first_seen.get(id) {
                at.problem(
                    self.problems,
                    format!("duplicate id \"{id}\" (first used at {base}/{first})"),
                );
            } else {
                first_seen.insert(id.to_owned(), index);
            }
        }
        first_seen.into_keys().collect()
    }
}

/// `(index, &item)` pairs of parsed array elements, for [`Resolver::ids`].
fn indexed<T>(items: &[(usize, T)]) -> impl Iterator<Item = (usize, &T)> {
    items.iter().map(|(index, item)| (*index, item))
}

fn is_entity_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The ids every reference may point at.
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

pub(crate) fn resolve(
    manifest: Manifest,
    files: &PackFiles,
    content: ParsedContent,
    problems: &mut Problems,
) -> Option<Pack> {
    let mut resolver = Resolver {
        languages: &manifest.languages,
        files,
        manifest: &manifest,
        problems,
        media: BTreeMap::new(),
        unknowable: REFERENCE_KINDS
            .into_iter()
            .filter(|(file, _)| content.unreadable.contains(file))
            .map(|(_, kind)| kind)
            .collect(),
    };
    let r = &mut resolver;
    let categories_input = content
        .event
        .as_ref()
        .map(|event| event.categories.iter().enumerate().collect::<Vec<_>>())
        .unwrap_or_default();
    let halls_input = content
        .venue
        .as_ref()
        .map(|venue| venue.halls.iter().enumerate().collect::<Vec<_>>())
        .unwrap_or_default();
    let mut known = Known {
        categories: r.ids(
            files::EVENT,
            "/categories",
            categories_input,
            |category: &CategoryInput| &category.id,
        ),
        news: r.ids(
            files::NEWS,
            "",
            indexed(&content.news),
            |news: &NewsInput| &news.id,
        ),
        parks: r.ids(
            files::PARKS,
            "",
            indexed(&content.parks),
            |park: &ParkInput| &park.id,
        ),
        exhibitors: r.ids(
            files::EXHIBITORS,
            "",
            indexed(&content.exhibitors),
            |exhibitor: &ExhibitorInput| &exhibitor.id,
        ),
        sessions: r.ids(
            files::SESSIONS,
            "",
            indexed(&content.sessions),
            |session: &SessionInput| &session.id,
        ),
        speakers: r.ids(
            files::SPEAKERS,
            "",
            indexed(&content.speakers),
            |speaker: &SpeakerInput| &speaker.id,
        ),
        // Hall ids are checked here; references find halls by this map's keys.
        stands: {
            r.ids(
                files::VENUE,
                "/halls",
                halls_input.clone(),
                |hall: &HallInput| &hall.id,
            );
            halls_input
                .iter()
                .map(|(index, hall)| {
                    let stands = r.ids(
                        files::VENUE,
                        &format!("/halls/{index}/stands"),
                        hall.stands.iter().enumerate(),
                        |stand: &StandInput| &stand.id,
                    );
                    (hall.id.clone(), stands)
                })
                .collect()
        },
    };
    for (file, ids) in [
        (files::NEWS, &mut known.news),
        (files::PARKS, &mut known.parks),
        (files::EXHIBITORS, &mut known.exhibitors),
        (files::SESSIONS, &mut known.sessions),
        (files::SPEAKERS, &mut known.speakers),
    ] {
        ids.extend(
            content
                .unparsed_ids
                .get(file)
                .into_iter()
                .flatten()
                .cloned(),
        );
    }
    let spots = halls_input.iter().flat_map(|(hall_index, hall)| {
        hall.spots
            .iter()
            .enumerate()
            .map(move |(index, spot)| ((hall_index, index), spot))
    });
    r.unique_spots(spots);

    let event = content.event.as_ref().map(|event| r.event(event));
    let categories = event
        .as_ref()
        .map(|(_, categories)| categories.clone())
        .unwrap_or_default();
    let news = content
        .news
        .iter()
        .filter_map(|(index, news)| r.news(&At::new(files::NEWS, "").index(*index), news))
        .collect();
    let parks: Vec<model::Park> = content
        .parks
        .iter()
        .map(|(index, park)| r.park(&At::new(files::PARKS, "").index(*index), park))
        .collect();
    let park_names: BTreeMap<&str, &Text> = parks
        .iter()
        .map(|park| (park.id.as_str(), &park.name))
        .collect();
    let exhibitors = content
        .exhibitors
        .iter()
        .map(|(index, exhibitor)| {
            r.exhibitor(
                &At::new(files::EXHIBITORS, "").index(*index),
                exhibitor,
                &known,
                &categories,
                &park_names,
            )
        })
        .collect();
    let sessions = content
        .sessions
        .iter()
        .filter_map(|(index, session)| {
            r.session(&At::new(files::SESSIONS, "").index(*index), session, &known)
        })
        .collect();
    let speakers = content
        .speakers
        .iter()
        .map(|(index, speaker)| {
            r.speaker(&At::new(files::SPEAKERS, "").index(*index), speaker, &known)
        })
        .collect();
    let halls = halls_input
        .iter()
        .map(|(index, hall)| r.hall(&At::new(files::VENUE, "/halls").index(*index), hall))
        .collect();
    let slides = content
        .slides
        .iter()
        .filter_map(|(index, slide)| {
            r.slide(&At::new(files::SLIDES, "").index(*index), slide, &known)
        })
        .collect();

    let media = resolver.media;
    let (event, categories) = event?;
    Some(Pack {
        manifest,
        event,
        categories,
        news,
        parks,
        exhibitors,
        sessions,
        speakers,
        halls,
        slides,
        media,
    })
}

impl Resolver<'_> {
    fn event(&mut self, input: &EventInput) -> (model::Event, Vec<Category>) {
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
            .iter()
            .enumerate()
            .map(|(index, category)| Category {
                id: category.id.clone(),
                name: self.text(
                    &at.field("categories").index(index).field("name"),
                    &category.name,
                ),
            })
            .collect();
        let event = model::Event {
            name: self.text(&at.field("name"), &input.name),
            short_name: self.optional_text(&at.field("short_name"), input.short_name.as_ref()),
            theme: self.optional_text(&at.field("theme"), input.theme.as_ref()),
            starts_on: input.starts_on.clone(),
            ends_on: input.ends_on.clone(),
            timezone: input.timezone.clone(),
            venue: self.optional_text(&at.field("venue"), input.venue.as_ref()),
            logo: self.optional_media(&at.field("logo"), input.logo.as_ref()),
            about: self.rich(&at.field("about"), input.about.as_ref()),
        };
        (event, categories)
    }

    fn news(&mut self, at: &At, input: &NewsInput) -> Option<News> {
        let published_at = self.date_or_time(&at.field("published"), &input.published);
        let expires_at = input.expires.as_ref().and_then(|expires| {
            let expires_at = self.date_or_time(&at.field("expires"), expires)?;
            // A date means "shown through that day": hidden from the next.
            Some(if expires.len() == 10 {
                expires_at + 86_400
            } else {
                expires_at
            })
        });
        let item = model::NewsItem {
            id: input.id.clone(),
            title: self.text(&at.field("title"), &input.title),
            summary: self.optional_text(&at.field("summary"), input.summary.as_ref()),
            body: self.rich(&at.field("body"), input.body.as_ref()),
            published: input.published.clone(),
            source: self.optional_text(&at.field("source"), input.source.as_ref()),
            source_url: input.source_url.clone(),
            image: self.optional_media(&at.field("image"), input.image.as_ref()),
            tags: self.texts(&at.field("tags"), &input.tags),
            pinned: input.pinned,
        };
        Some(News {
            item,
            published_at: published_at?,
            expires_at,
        })
    }

    fn park(&mut self, at: &At, input: &ParkInput) -> model::Park {
        let location = input.location.as_ref().map(|location| {
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
            id: input.id.clone(),
            name: self.text(&at.field("name"), &input.name),
            district: self.optional_text(&at.field("district"), input.district.as_ref()),
            summary: self.optional_text(&at.field("summary"), input.summary.as_ref()),
            body: self.rich(&at.field("body"), input.body.as_ref()),
            focus: self.texts(&at.field("focus"), &input.focus),
            figures: input
                .figures
                .iter()
                .enumerate()
                .map(|(index, figure)| {
                    let figures = at.field("figures");
                    let at = figures.index(index);
                    Figure {
                        label: self.text(&at.field("label"), &figure.label),
                        value: self.text(&at.field("value"), &figure.value),
                    }
                })
                .collect(),
            image: self.optional_media(&at.field("image"), input.image.as_ref()),
            gallery: input
                .gallery
                .iter()
                .enumerate()
                .filter_map(|(index, path)| self.media(&at.field("gallery").index(index), path))
                .collect(),
            location,
            exhibitors: Vec::new(),
        }
    }

    fn exhibitor(
        &mut self,
        at: &At,
        input: &ExhibitorInput,
        known: &Known,
        categories: &[Category],
        park_names: &BTreeMap<&str, &Text>,
    ) -> model::Exhibitor {
        let name = self.text(&at.field("name"), &input.name);
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
            id: input.id.clone(),
            sort_key: input
                .sort_name
                .clone()
                .unwrap_or_else(|| name.0.get(&self.languages[0]).cloned().unwrap_or_default()),
            name,
            logo: self.optional_media(&at.field("logo"), input.logo.as_ref()),
            summary: self.optional_text(&at.field("summary"), input.summary.as_ref()),
            description: self.rich(&at.field("description"), input.description.as_ref()),
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
            booth: input.booth.as_ref().map(|booth| Booth {
                hall: booth.hall.clone(),
                stand: booth.stand.clone(),
            }),
            park: input.park.as_ref().and_then(|id| {
                park_names.get(id.as_str()).map(|name| ParkLink {
                    id: id.clone(),
                    name: (*name).clone(),
                })
            }),
            website: input.website.clone(),
            tags: self.texts(&at.field("tags"), &input.tags),
        }
    }

    fn session(&mut self, at: &At, input: &SessionInput, known: &Known) -> Option<Session> {
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
            id: input.id.clone(),
            title: self.text(&at.field("title"), &input.title),
            room: self.optional_text(&at.field("room"), input.room.as_ref()),
            track: self.optional_text(&at.field("track"), input.track.as_ref()),
            speakers: input.speakers.clone(),
            description: self.rich(&at.field("description"), input.description.as_ref()),
            starts: starts?,
            ends: ends?,
        };
        Some(session)
    }

    fn speaker(&mut self, at: &At, input: &SpeakerInput, known: &Known) -> Speaker {
        if let Some(exhibitor) = &input.exhibitor {
            self.reference(
                &at.field("exhibitor"),
                "exhibitor",
                exhibitor,
                &known.exhibitors,
            );
        }
        Speaker {
            id: input.id.clone(),
            name: self.text(&at.field("name"), &input.name),
            title: self.optional_text(&at.field("title"), input.title.as_ref()),
            organization: self
                .optional_text(&at.field("organization"), input.organization.as_ref()),
            photo: self.optional_media(&at.field("photo"), input.photo.as_ref()),
            bio: self.rich(&at.field("bio"), input.bio.as_ref()),
            exhibitor: input.exhibitor.clone(),
        }
    }

    fn hall(&mut self, at: &At, input: &HallInput) -> Hall {
        self.positive(&at.field("width"), input.width);
        self.positive(&at.field("height"), input.height);
        let stands = input
            .stands
            .iter()
            .enumerate()
            .map(|(index, stand)| {
                let stands = at.field("stands");
                let at = stands.index(index);
                self.positive(&at.field("w"), stand.w);
                self.positive(&at.field("h"), stand.h);
                Stand {
                    id: stand.id.clone(),
                    x: stand.x,
                    y: stand.y,
                    w: stand.w,
                    h: stand.h,
                }
            })
            .collect();
        let spots = input
            .spots
            .iter()
            .enumerate()
            .map(|(index, spot)| Spot {
                id: spot.id.clone(),
                name: self.text(&at.field("spots").index(index).field("name"), &spot.name),
                x: spot.x,
                y: spot.y,
            })
            .collect();
        Hall {
            id: input.id.clone(),
            name: self.text(&at.field("name"), &input.name),
            plan: self.optional_media(&at.field("plan"), input.plan.as_ref()),
            width: input.width,
            height: input.height,
            stands,
            spots,
        }
    }

    /// Spot ids are unique across the venue: a kiosk's settings name its
    /// spot by id alone.
    fn unique_spots<'s>(
        &mut self,
        spots: impl Iterator<Item = ((&'s usize, usize), &'s SpotInput)>,
    ) {
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

    fn slide(&mut self, at: &At, input: &SlideInput, known: &Known) -> Option<Slide> {
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
            id: input.id.clone(),
            caption: self.optional_text(&at.field("caption"), input.caption.as_ref()),
            link: input.link.as_ref().map(|link| (link.kind, link.id.clone())),
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
