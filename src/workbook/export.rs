//! `pavilion pack export`: a pack back into a workbook of the layout, its
//! media copied beside it into `media/`, so "open the live content in
//! Excel, fix a typo, rebuild" changes nothing else. Values are written in
//! the forms `pack build` reads back to the same content:
//!
//! - dates as text `YYYY-MM-DD`, times as text `YYYY-MM-DD HH:MM` (`:SS`
//!   when there are seconds) in the event's time zone; a time that local
//!   form cannot give back exactly (a fraction of a second, an hour a
//!   clock change makes ambiguous, a zone the time-zone database lacks)
//!   as its RFC 3339 text, which the builder keeps as it is;
//! - localised text always in per-language columns (`name.zh`, `name.en`),
//!   a language the pack leaves to fall back left empty; localised lists
//!   per language with the fallback filled in, so every language has as
//!   many items;
//! - media as their path inside the media folder (`logos/ibm.svg`);
//! - `pack.version` empty: the rebuilt pack is numbered by its build time,
//!   so it is newer than the one exported and a kiosk takes it;
//! - an exhibitor's `sort_name` as the pack gives it, or, for a name that
//!   is not plain ASCII and has none, the name itself: the builder would
//!   otherwise file it under its pinyin, and the directory's order would
//!   change.
//!
//! Content files are read one at a time and their entities written one at
//! a time into sheets kept in constant memory (`writer`).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::Deserializer;

use crate::error::{Error, Result};
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::kinds::event::EventInput;
use crate::pack::kinds::exhibitor::ExhibitorInput;
use crate::pack::kinds::news::NewsInput;
use crate::pack::kinds::park::ParkInput;
use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::slide::SlideInput;
use crate::pack::kinds::speaker::SpeakerInput;
use crate::pack::kinds::venue::VenueInput;
use crate::pack::{self, source};
use crate::workbook::writer::{BookWriter, Row, Value};

/// What the `pack` sheet says of a pack.
pub struct Identity {
    pub pack: String,
    /// The first is the default.
    pub languages: Vec<String>,
    pub title: TextInput,
}

/// Where an export or a starter workbook goes: the workbook, and the media
/// folder beside it.
pub struct Destination {
    pub workbook: PathBuf,
    pub media: PathBuf,
}

impl Destination {
    /// `workbook` and `media/` beside it, refused when either is there
    /// already (a workbook, or a media folder with files): an operator's
    /// files are never overwritten.
    pub fn new(workbook: &Path) -> Result<Destination> {
        let media = folder_of(workbook).join(crate::workbook::MEDIA_FOLDER);
        let refuse = |path: &Path, why: &str| {
            Err(Error::io(
                path,
                io::Error::new(io::ErrorKind::AlreadyExists, why.to_owned()),
            ))
        };
        if workbook.exists() {
            return refuse(
                workbook,
                "a workbook is already there: choose another name or folder (nothing was written)",
            );
        }
        let has_files = fs::read_dir(&media).is_ok_and(|mut entries| entries.next().is_some());
        if has_files {
            return refuse(
                &media,
                "the media folder beside the workbook already holds files: choose an empty folder (nothing was written)",
            );
        }
        Ok(Destination {
            workbook: workbook.to_path_buf(),
            media,
        })
    }

    /// Copies one media file of the pack (`media/logos/ibm.svg`) into the
    /// media folder (`logos/ibm.svg`), its bytes from `write`.
    pub fn media_file(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<()> {
        let target = self.media.join(media_cell(path));
        let written = (|| {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut file = BufWriter::new(File::create(&target)?);
            write(&mut file)?;
            file.flush()
        })();
        written.map_err(|error| Error::io(&target, error))
    }
}

/// Writes the pack at `pack` (folder or zip), which must be valid, as a
/// workbook at `out` with its media beside it. Returns the entities
/// written per sheet.
pub fn export(pack: &Path, out: &Path) -> Result<Vec<(&'static str, usize)>> {
    let destination = Destination::new(out)?;
    let manifest = pack::validate_path(pack)?;
    let source = source::open(pack)?;
    let read = |path: &str| -> Result<Option<Vec<u8>>> {
        let Some(entry) = manifest.files.get(path) else {
            return Ok(None);
        };
        let streamed = source::stream(
            source.as_ref(),
            path,
            entry.bytes,
            entry.bytes as usize,
            &mut io::sink(),
        )
        .map_err(|error| Error::io(pack.join(path), error))?;
        Ok(Some(streamed.head))
    };
    let identity = Identity {
        pack: manifest.pack.clone(),
        languages: manifest.languages.clone(),
        title: TextInput::PerLanguage(manifest.title.0.clone()),
    };
    let counts = write(&identity, &mut |kind| read(kind.file()), &destination)?;
    for (path, entry) in &manifest.files {
        if path.starts_with("media/") {
            destination.media_file(path, |file| {
                source::stream(source.as_ref(), path, entry.bytes, 0, file).map(drop)
            })?;
        }
    }
    Ok(counts)
}

/// Writes a workbook of `identity` whose content files `content` gives
/// (`None` for a kind the pack does not have). Returns the rows written
/// per sheet.
pub fn write(
    identity: &Identity,
    content: &mut dyn FnMut(Kind) -> Result<Option<Vec<u8>>>,
    destination: &Destination,
) -> Result<Vec<(&'static str, usize)>> {
    let parent = folder_of(&destination.workbook);
    fs::create_dir_all(parent).map_err(|error| Error::io(parent, error))?;
    let temp = tempfile::tempdir_in(parent).map_err(|error| Error::io(parent, error))?;
    let mut book = Rows {
        writer: BookWriter::new(&identity.languages, temp.path())?,
        languages: &identity.languages,
        zone: None,
        counts: Vec::new(),
    };
    book.put(
        "pack",
        vec![
            ("pack", Value::Text(identity.pack.clone())),
            ("languages", Value::Text(identity.languages.join(";"))),
            ("title", Value::Localised(identity.title.clone())),
        ],
    )?;
    for kind in Kind::READ_ORDER {
        let Some(bytes) = content(kind)? else {
            continue;
        };
        let file = kind.file();
        match kind {
            Kind::Event => book.event(parse(file, &bytes)?)?,
            Kind::Venue => book.venue(parse(file, &bytes)?)?,
            Kind::News => each(file, &bytes, |news| book.news(news))?,
            Kind::Park => each(file, &bytes, |park| book.park(park))?,
            Kind::Exhibitor => each(file, &bytes, |exhibitor| book.exhibitor(exhibitor))?,
            Kind::Speaker => each(file, &bytes, |speaker| book.speaker(speaker))?,
            Kind::Session => each(file, &bytes, |session| book.session(session))?,
            Kind::Slide => each(file, &bytes, |slide| book.slide(slide))?,
        }
    }
    let counts = book.counts;
    book.writer.save(&destination.workbook)?;
    Ok(counts)
}

/// The rows being written, and what the cells need to know.
struct Rows<'a> {
    writer: BookWriter,
    languages: &'a [String],
    /// The event's time zone, once its sheet is written.
    zone: Option<TimeZone>,
    counts: Vec<(&'static str, usize)>,
}

impl Rows<'_> {
    fn put(&mut self, sheet: &'static str, row: Row) -> Result<()> {
        self.writer.row(sheet, &row)?;
        match self.counts.iter_mut().find(|(known, _)| *known == sheet) {
            Some((_, count)) => *count += 1,
            None => self.counts.push((sheet, 1)),
        }
        Ok(())
    }

    fn event(&mut self, event: EventInput) -> Result<()> {
        let EventInput {
            name,
            short_name,
            theme,
            starts_on,
            ends_on,
            timezone,
            venue,
            logo,
            about,
            categories,
        } = event;
        self.zone = TimeZone::get(&timezone).ok();
        let mut row = vec![
            ("name", Value::Localised(name)),
            ("starts_on", Value::Text(starts_on)),
            ("ends_on", Value::Text(ends_on)),
            ("timezone", Value::Text(timezone)),
        ];
        row.extend(localised("short_name", short_name));
        row.extend(localised("theme", theme));
        row.extend(localised("venue", venue));
        row.extend(media("logo", logo));
        row.extend(localised("about", about));
        self.put("event", row)?;
        for category in categories {
            self.put(
                "categories",
                vec![
                    ("id", Value::Text(category.id)),
                    ("name", Value::Localised(category.name)),
                ],
            )?;
        }
        Ok(())
    }

    fn venue(&mut self, venue: VenueInput) -> Result<()> {
        for hall in venue.halls {
            let mut row = vec![
                ("id", Value::Text(hall.id.clone())),
                ("name", Value::Localised(hall.name)),
                ("width", Value::Number(hall.width)),
                ("height", Value::Number(hall.height)),
            ];
            row.extend(media("plan", hall.plan));
            self.put("halls", row)?;
            for stand in hall.stands {
                self.put(
                    "stands",
                    vec![
                        ("hall", Value::Text(hall.id.clone())),
                        ("id", Value::Text(stand.id)),
                        ("x", Value::Number(stand.x)),
                        ("y", Value::Number(stand.y)),
                        ("w", Value::Number(stand.w)),
                        ("h", Value::Number(stand.h)),
                    ],
                )?;
            }
            for spot in hall.spots {
                self.put(
                    "spots",
                    vec![
                        ("hall", Value::Text(hall.id.clone())),
                        ("id", Value::Text(spot.id)),
                        ("name", Value::Localised(spot.name)),
                        ("x", Value::Number(spot.x)),
                        ("y", Value::Number(spot.y)),
                    ],
                )?;
            }
        }
        Ok(())
    }

    fn news(&mut self, news: NewsInput) -> Result<()> {
        let NewsInput {
            id,
            title,
            summary,
            body,
            published,
            source,
            source_url,
            image,
            tags,
            pinned,
            expires,
        } = news;
        let mut row = vec![
            ("id", Value::Text(id)),
            ("title", Value::Localised(title)),
            ("published", Value::Text(self.local(published))),
        ];
        row.extend(localised("summary", summary));
        row.extend(localised("body", body));
        row.extend(localised("source", source));
        row.extend(source_url.map(|url| ("source_url", Value::Text(url))));
        row.extend(media("image", image));
        row.extend(self.list("tags", tags));
        if pinned {
            row.push(("pinned", Value::Bool(true)));
        }
        row.extend(expires.map(|expires| ("expires", Value::Text(self.local(expires)))));
        self.put("news", row)
    }

    fn park(&mut self, park: ParkInput) -> Result<()> {
        let ParkInput {
            id,
            name,
            district,
            summary,
            body,
            focus,
            figures,
            image,
            gallery,
            location,
        } = park;
        let mut row = vec![
            ("id", Value::Text(id.clone())),
            ("name", Value::Localised(name)),
        ];
        row.extend(localised("district", district));
        row.extend(localised("summary", summary));
        row.extend(localised("body", body));
        row.extend(self.list("focus", focus));
        row.extend(media("image", image));
        if !gallery.is_empty() {
            let paths: Vec<&str> = gallery.iter().map(|path| media_cell(path)).collect();
            row.push(("gallery", Value::Text(paths.join(";"))));
        }
        if let Some(location) = location {
            row.push(("location.lat", Value::Number(location.lat)));
            row.push(("location.lon", Value::Number(location.lon)));
        }
        self.put("parks", row)?;
        for figure in figures {
            self.put(
                "park_figures",
                vec![
                    ("park", Value::Text(id.clone())),
                    ("label", Value::Localised(figure.label)),
                    ("value", Value::Localised(figure.value)),
                ],
            )?;
        }
        Ok(())
    }

    fn exhibitor(&mut self, exhibitor: ExhibitorInput) -> Result<()> {
        let ExhibitorInput {
            id,
            name,
            sort_name,
            logo,
            summary,
            description,
            categories,
            booth,
            park,
            website,
            tags,
        } = exhibitor;
        let mut row = vec![("id", Value::Text(id)), ("name", Value::Localised(name))];
        row.extend(localised("sort_name", sort_name));
        row.extend(media("logo", logo));
        row.extend(localised("summary", summary));
        row.extend(localised("description", description));
        if !categories.is_empty() {
            row.push(("categories", Value::Text(categories.join(";"))));
        }
        if let Some(booth) = booth {
            row.push(("booth.hall", Value::Text(booth.hall)));
            row.push(("booth.stand", Value::Text(booth.stand)));
        }
        row.extend(park.map(|park| ("park", Value::Text(park))));
        row.extend(website.map(|website| ("website", Value::Text(website))));
        row.extend(self.list("tags", tags));
        self.put("exhibitors", row)
    }

    fn speaker(&mut self, speaker: SpeakerInput) -> Result<()> {
        let SpeakerInput {
            id,
            name,
            title,
            organization,
            photo,
            bio,
            exhibitor,
        } = speaker;
        let mut row = vec![("id", Value::Text(id)), ("name", Value::Localised(name))];
        row.extend(localised("title", title));
        row.extend(localised("organization", organization));
        row.extend(media("photo", photo));
        row.extend(localised("bio", bio));
        row.extend(exhibitor.map(|exhibitor| ("exhibitor", Value::Text(exhibitor))));
        self.put("speakers", row)
    }

    fn session(&mut self, session: SessionInput) -> Result<()> {
        let SessionInput {
            id,
            title,
            starts,
            ends,
            room,
            track,
            speakers,
            description,
        } = session;
        let mut row = vec![
            ("id", Value::Text(id)),
            ("title", Value::Localised(title)),
            ("starts", Value::Text(self.local(starts))),
            ("ends", Value::Text(self.local(ends))),
        ];
        row.extend(localised("room", room));
        row.extend(localised("track", track));
        if !speakers.is_empty() {
            row.push(("speakers", Value::Text(speakers.join(";"))));
        }
        row.extend(localised("description", description));
        self.put("sessions", row)
    }

    fn slide(&mut self, slide: SlideInput) -> Result<()> {
        let SlideInput {
            id,
            image,
            caption,
            link,
            seconds,
        } = slide;
        let mut row = vec![
            ("id", Value::Text(id)),
            ("image", Value::Text(media_cell(&image).to_owned())),
        ];
        row.extend(localised("caption", caption));
        if let Some(link) = link {
            row.push(("link.kind", Value::Text(link.kind.name().to_owned())));
            row.push(("link.id", Value::Text(link.id)));
        }
        row.extend(seconds.map(|seconds| ("seconds", Value::Number(seconds))));
        self.put("slides", row)
    }

    /// A date as it is; a time as the local time in the event's zone when
    /// that gives the same instant back, else as it is.
    fn local(&self, text: String) -> String {
        let (Some(zone), Ok(time)) = (&self.zone, text.parse::<Timestamp>()) else {
            return text;
        };
        let civil = time.to_zoned(zone.clone()).datetime();
        let back = civil.to_zoned(zone.clone()).map(|zoned| zoned.timestamp());
        if civil.subsec_nanosecond() != 0 || back.ok() != Some(time) {
            return text;
        }
        let format = if civil.second() == 0 {
            "%Y-%m-%d %H:%M"
        } else {
            "%Y-%m-%d %H:%M:%S"
        };
        civil.strftime(format).to_string()
    }

    /// A localised list, one `;`-joined value per language, each item
    /// falling back to the default language as the pack would.
    fn list(&self, field: &'static str, items: Vec<TextInput>) -> Option<(&'static str, Value)> {
        if items.is_empty() {
            return None;
        }
        let default = &self.languages[0];
        let per_language = self
            .languages
            .iter()
            .map(|language| {
                let texts: Vec<&str> = items
                    .iter()
                    .map(|item| match item {
                        TextInput::Same(text) => text.as_str(),
                        TextInput::PerLanguage(texts) => texts
                            .get(language)
                            .or_else(|| texts.get(default))
                            .map_or("", String::as_str),
                    })
                    .collect();
                (language.clone(), texts.join(";"))
            })
            .collect();
        Some((
            field,
            Value::Localised(TextInput::PerLanguage(per_language)),
        ))
    }
}

fn localised(field: &'static str, text: Option<TextInput>) -> Option<(&'static str, Value)> {
    text.map(|text| (field, Value::Localised(text)))
}

fn media(field: &'static str, path: Option<String>) -> Option<(&'static str, Value)> {
    path.map(|path| (field, Value::Text(media_cell(&path).to_owned())))
}

/// The folder a file is in, `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A pack's media path as a cell names it: inside the media folder.
fn media_cell(path: &str) -> &str {
    path.strip_prefix("media/").unwrap_or(path)
}

fn parse<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|error| unreadable(file, error))
}

/// Hands each element of the JSON array in `bytes` to `put` as it is
/// read, so a file's entities are never all in memory at once.
fn each<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    mut put: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    struct Elements<'p, T> {
        put: &'p mut dyn FnMut(T) -> Result<()>,
        failed: &'p mut Option<Error>,
        element: PhantomData<T>,
    }
    impl<'de, T: DeserializeOwned> Visitor<'de> for Elements<'_, T> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(element) = seq.next_element::<T>()? {
                if let Err(error) = (self.put)(element) {
                    *self.failed = Some(error);
                    return Err(serde::de::Error::custom("stopped"));
                }
            }
            Ok(())
        }
    }
    let mut failed = None;
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let read = deserializer.deserialize_seq(Elements {
        put: &mut put,
        failed: &mut failed,
        element: PhantomData,
    });
    match (failed, read) {
        (Some(error), _) => Err(error),
        (None, Err(error)) => Err(unreadable(file, error)),
        (None, Ok(())) => Ok(()),
    }
}

/// A content file of a validated pack that does not read: it changed
/// since it was validated.
fn unreadable(file: &str, error: serde_json::Error) -> Error {
    Error::io(file, io::Error::new(io::ErrorKind::InvalidData, error))
}
