//! `pavilion pack build`: a workbook (and schedule files, and a media
//! folder) into a sealed pack, as `shared/spec/workbook.md` fixes it.
//!
//! Rows are converted one at a time into the pack's own input types and
//! written as they come (`PackWriter` hashes each file on its way), so a
//! sheet of a hundred thousand exhibitors is never held twice. The pack is
//! built in a folder beside OUT and checked by the pack validator, whose
//! problems are told at the cells they came from (`origin`); only a pack
//! with no problem at all is moved to OUT, so nothing is written there
//! otherwise.
//!
//! Tests are in `tests/core/workbook.rs`.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::pack::content::TextInput;
use crate::pack::kind::{Kind, MANIFEST};
use crate::pack::kinds::event::{CategoryInput, EventInput};
use crate::pack::kinds::exhibitor::{BoothInput, ExhibitorInput};
use crate::pack::kinds::news::NewsInput;
use crate::pack::kinds::park::{FigureInput, LocationInput, ParkInput};
use crate::pack::kinds::slide::{LinkInput, SlideInput};
use crate::pack::kinds::venue::{HallInput, SpotInput, StandInput, VenueInput};
use crate::pack::suggest::did_you_mean;
use crate::pack::writer::{ManifestHeader, PackWriter};
use crate::pack::{self, sort_key};
use crate::signing;
use crate::workbook::agenda::{self, SessionRow, SheetRow, SpeakerRow};
use crate::workbook::cell;
use crate::workbook::layout::{self, Sheet};
use crate::workbook::media::MediaFolder;
use crate::workbook::origin::{Origin, Origins};
use crate::workbook::problem::{cell_name, SourceProblem};
use crate::workbook::schedule::Schedule;
use crate::workbook::sheet::{Cells, Context, Header, Report};
use crate::workbook::source::{Row, Source};

/// What `pack build` was asked for beside its source.
pub struct Options<'a> {
    /// A folder, or a zip when it ends in `.zip`.
    pub out: PathBuf,
    /// Default: `media` beside the source.
    pub media: Option<PathBuf>,
    /// Overrides the `pack` sheet's version.
    pub version: Option<u64>,
    /// A secret key, and how to ask its password.
    pub sign: Option<(PathBuf, &'a mut dyn FnMut() -> Result<String>)>,
    /// The build's time: `created`, and the version when none is given.
    pub now: Timestamp,
}

/// How a build ended, short of an I/O error.
#[derive(Debug)]
pub enum Outcome {
    Built(Built),
    /// Every problem found; nothing was written at OUT.
    Problems(Vec<SourceProblem>),
}

#[derive(Debug)]
pub struct Built {
    pub pack: String,
    pub version: u64,
    /// Entities per content file written.
    pub counts: Vec<(&'static str, usize)>,
    pub signed: bool,
}

/// Reads the schedule files given, in the event's time zone when the
/// `event` sheet names one (the caller knows the files; `pack build` the
/// zone).
pub type ReadSchedules<'a> =
    &'a mut dyn FnMut(Option<&str>) -> std::result::Result<Vec<Schedule>, Vec<SourceProblem>>;

/// Builds the pack of `source` into `options.out`.
pub fn build(source: &Path, options: Options, schedules: ReadSchedules) -> Result<Outcome> {
    let out = options.out.clone();
    check_out(&out)?;
    let mut source = Source::open(source)?;
    let media = options
        .media
        .clone()
        .unwrap_or_else(|| source.folder.join("media"));
    if !media.is_dir() && options.media.is_some() {
        return Err(Error::NotAFolder {
            path: media,
            what: "--media names the folder of the pictures the workbook names",
        });
    }
    let parent = out
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".pavilion-build-")
        .tempdir_in(parent)
        .map_err(|error| Error::io(parent, error))?;
    let folder = temp.path().join("pack");
    fs::create_dir(&folder).map_err(|error| Error::io(&folder, error))?;

    let mut context = Context {
        source: source.name.clone(),
        languages: Vec::new(),
        zone: None,
        media: MediaFolder::new(media),
        report: Report::default(),
    };
    let mut origins = Origins::new(&source.name);
    let mut writer = PackWriter::new(&folder, "build");
    let names = sheet_names(&source, &mut context);
    let mut book = Book {
        source: &mut source,
        names,
    };
    let written = write_pack(
        &mut book,
        &mut context,
        &mut origins,
        &mut writer,
        &options,
        schedules,
    )?;
    let (manifest, counts) = written;
    writer.seal(&manifest)?;

    let mut problems = context.report.problems;
    match pack::validate_path(&folder) {
        Ok(_) => {}
        Err(Error::InvalidPack { problems: found }) => {
            // A cell already reported is not reported again for what the
            // validator makes of it; a problem no cell explains is only
            // worth telling when nothing else was.
            let clean = problems.is_empty();
            let mut said = places(&problems);
            for problem in found {
                let located = origins.locate(&problem);
                let known = located.place != format!("{} {}", problem.file, problem.pointer);
                if (known || clean) && said.insert(located.place.clone()) {
                    problems.push(located);
                }
            }
        }
        Err(other) => return Err(other),
    }
    if !problems.is_empty() {
        return Ok(Outcome::Problems(problems));
    }
    let signed = match options.sign {
        Some((key, password)) => {
            signing::sign(&folder, &key, password)?;
            true
        }
        None => false,
    };
    let built = if is_zip(&out) {
        let zipped = temp.path().join("pack.zip");
        zip_folder(&folder, &zipped).map_err(|error| Error::io(&zipped, error))?;
        zipped
    } else {
        folder
    };
    put_in_place(&built, &out, temp.path())?;
    Ok(Outcome::Built(Built {
        pack: manifest.pack,
        version: manifest.version,
        counts,
        signed,
    }))
}

fn places(problems: &[SourceProblem]) -> HashSet<String> {
    problems
        .iter()
        .map(|problem| problem.place.clone())
        .collect()
}

fn is_zip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("zip"))
}

/// What may be at OUT: nothing, an empty folder, an earlier pack (folder
/// or zip), which the build replaces; anything else is kept, and refused.
fn check_out(out: &Path) -> Result<()> {
    let refuse = || {
        Err(Error::io(
            out,
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                "exists and is not a pack: pack build replaces only an earlier pack; choose another --out",
            ),
        ))
    };
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(metadata) if metadata.is_file() && is_zip(out) => Ok(()),
        Ok(metadata) if metadata.is_dir() => {
            let empty = fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
            if empty || out.join(MANIFEST).is_file() {
                Ok(())
            } else {
                refuse()
            }
        }
        Ok(_) => refuse(),
    }
}

/// Moves the built pack to `out`, replacing an earlier one there (the
/// earlier pack is moved into `temp` first, and goes with it).
fn put_in_place(built: &Path, out: &Path, temp: &Path) -> Result<()> {
    if !out.is_dir() {
        return fs::rename(built, out).map_err(|error| Error::io(out, error));
    }
    let old = temp.join("replaced");
    fs::rename(out, &old).map_err(|error| Error::io(out, error))?;
    fs::rename(built, out).map_err(|error| {
        // The earlier pack goes back rather than away with the temp folder.
        let _ = fs::rename(&old, out);
        Error::io(out, error)
    })
}

/// The pack folder as a zip, its files at the archive's root.
fn zip_folder(folder: &Path, zipped: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut writer = zip::ZipWriter::new(File::create(zipped)?);
    for path in files {
        let name: Vec<String> = path
            .strip_prefix(folder)
            .map_err(io::Error::other)?
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        writer.start_file(
            name.join("/"),
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )?;
        io::copy(&mut File::open(&path)?, &mut writer)?;
    }
    writer.finish()?.flush()
}

/// The source's sheets by layout name; unknown sheets reported.
fn sheet_names(source: &Source, context: &mut Context) -> Vec<(&'static Sheet, String)> {
    let mut found: Vec<(&'static Sheet, String)> = Vec::new();
    for name in source.sheet_names() {
        if layout::is_note_sheet(&name) {
            continue;
        }
        match layout::sheet(&name) {
            Some(sheet) => {
                if let Some((_, first)) = found.iter().find(|(known, _)| known.name == sheet.name) {
                    context.report.add(
                        &context.source,
                        name.clone(),
                        format!(
                            "a second \"{}\" sheet (beside \"{first}\"): keep one",
                            sheet.name
                        ),
                    );
                } else {
                    found.push((sheet, name));
                }
            }
            None => {
                let hint = did_you_mean(
                    &name.trim().to_lowercase(),
                    layout::SHEETS.iter().map(|sheet| sheet.name),
                )
                .map(|near| format!(" (did you mean \"{near}\"?)"))
                .unwrap_or_default();
                context.report.add(
                    &context.source,
                    name.clone(),
                    format!(
                        "unknown sheet \"{name}\"{hint}; a sheet of notes is named README, 说明 or starts with _"
                    ),
                );
            }
        }
    }
    found
}

/// The source with its sheets found.
struct Book<'s> {
    source: &'s mut Source,
    names: Vec<(&'static Sheet, String)>,
}

type Rows = Box<dyn Iterator<Item = Row>>;

impl Book<'_> {
    fn has(&self, sheet: &str) -> bool {
        self.names.iter().any(|(known, _)| known.name == sheet)
    }

    /// The sheet `name`'s header and its further non-blank rows, if the
    /// workbook has the sheet and it has a header row.
    fn open(&mut self, name: &str, context: &mut Context) -> Result<Option<(Header, Rows)>> {
        let Some((sheet, own)) = self.names.iter().find(|(known, _)| known.name == name) else {
            return Ok(None);
        };
        let (sheet, own) = (*sheet, own.clone());
        let mut rows = self
            .source
            .rows(&own)?
            .filter(|row| !row.cells.iter().all(|cell| cell.is_blank()));
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let header = Header::read(sheet, &own, &first, context);
        Ok(Some((header, Box::new(rows))))
    }

    /// The one row of `pack` or `event`; a problem when there is none or
    /// more than one.
    fn single(&mut self, name: &str, context: &mut Context) -> Result<Option<(Header, Row)>> {
        let Some((header, mut rows)) = self.open(name, context)? else {
            return Ok(None);
        };
        let Some(row) = rows.next() else {
            let place = format!("{}!A2", header.name);
            context.report.add(
                &context.source,
                place,
                format!("the {name} sheet needs one row under its header, and has none"),
            );
            return Ok(None);
        };
        if let Some(extra) = rows.next() {
            let place = format!("{}!{}", header.name, cell_name(extra.number, 0));
            context.report.add(
                &context.source,
                place,
                format!("the {name} sheet takes exactly one row under its header: remove this one"),
            );
        }
        Ok(Some((header, row)))
    }
}

/// Writes every content file and the media; returns the manifest's
/// header and the counts.
fn write_pack(
    book: &mut Book,
    context: &mut Context,
    origins: &mut Origins,
    writer: &mut PackWriter,
    options: &Options,
    schedules: ReadSchedules,
) -> Result<(ManifestHeader, Vec<(&'static str, usize)>)> {
    let manifest = pack_sheet(book, context, origins, options)?;
    let event = event_sheet(book, context, origins)?;
    let schedules = match schedules(event.as_ref().map(|(event, _)| event.timezone.as_str())) {
        Ok(schedules) => schedules,
        Err(problems) => {
            context.report.problems.extend(problems);
            Vec::new()
        }
    };
    if context.zone.is_none() {
        context.zone = schedules
            .iter()
            .filter_map(|schedule| schedule.conference.as_ref()?.timezone.as_deref())
            .find_map(|zone| TimeZone::get(zone).ok());
    }
    let (sessions, speakers) = agenda_rows(book, context, origins)?;
    let agenda = agenda::merge(schedules, sessions, speakers);
    if !agenda.incomplete.is_empty() {
        let reported = places(&context.report.problems);
        for incomplete in &agenda.incomplete {
            tell_incomplete(incomplete, origins, context, &reported);
        }
    }
    let mut counts = Vec::new();

    let event = match (event, agenda.event) {
        (Some(event), _) => Some(event),
        (None, Some(event)) => Some((
            event,
            Origin::Placed {
                source: "schedule".to_owned(),
                place: "conference".to_owned(),
            },
        )),
        (None, None) => {
            context.report.add(
                &context.source,
                "event".to_owned(),
                "no \"event\" sheet (and no schedule file naming its conference): add the event sheet with one row",
            );
            None
        }
    };
    if let Some((mut event, origin)) = event {
        origins.at(Kind::Event.file(), String::new(), origin);
        let categories = sheet_rows(book, context, origins, "categories", |cells| {
            CategoryInput {
                id: cells.text("id").unwrap_or_default(),
                name: cells.localised("name").unwrap_or(empty()),
            }
        })?;
        for (index, row) in categories.into_iter().flatten().enumerate() {
            origins.at(
                Kind::Event.file(),
                format!("/categories/{index}"),
                row.origin(),
            );
            event.categories.push(row.value);
        }
        writer.json(Kind::Event.file(), 1, |json| json.value(&event))?;
        counts.push((Kind::Event.file(), 1));
    }

    if let Some(venue) = venue(book, context, origins)? {
        writer.json(Kind::Venue.file(), venue.halls.len(), |json| {
            json.value(&venue)
        })?;
        counts.push((Kind::Venue.file(), venue.halls.len()));
    }

    let mut figures = park_figures(book, context, origins)?;
    let mut figure_places = Vec::new();
    let mut parks_seen = Vec::new();
    stream(
        book,
        writer,
        context,
        origins,
        ("parks", Kind::Park),
        &mut counts,
        |cells| {
            let id = cells.text("id").unwrap_or_default();
            let lat = cells.get("location.lat", |value, _| cell::number(value));
            let lon = cells.get("location.lon", |value, _| cell::number(value));
            let location = cells
                .pair(["location.lat", "location.lon"], (lat, lon))
                .map(|(lat, lon)| LocationInput { lat, lon });
            let mut park_figures = Vec::new();
            for (index, row) in figures
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                figure_places.push((
                    format!("/{}/figures/{index}", parks_seen.len()),
                    row.origin(),
                ));
                park_figures.push(row.value);
            }
            parks_seen.push(id.clone());
            ParkInput {
                figures: park_figures,
                name: cells.localised("name").unwrap_or(empty()),
                district: cells.localised("district"),
                summary: cells.localised("summary"),
                body: cells.localised("body"),
                focus: cells.localised_list("focus"),
                image: cells.media("image"),
                gallery: cells.media_list("gallery"),
                location,
                id,
            }
        },
    )?;
    for (pointer, origin) in figure_places {
        origins.at(Kind::Park.file(), pointer, origin);
    }
    for (park, rows) in figures {
        let hint = did_you_mean(&park, parks_seen.iter().map(String::as_str))
            .map(|near| format!(" (did you mean \"{near}\"?)"))
            .unwrap_or_default();
        for row in rows {
            let header = origins.header(row.sheet);
            let place = format!(
                "{}!{}",
                header.name,
                cell_name(row.row as usize, header.column_of("park").unwrap_or(0))
            );
            context.report.add(
                &context.source,
                place,
                format!("unknown park \"{park}\"{hint}"),
            );
        }
    }

    let languages = context.languages.clone();
    stream(
        book,
        writer,
        context,
        origins,
        ("exhibitors", Kind::Exhibitor),
        &mut counts,
        |cells| {
            let name = cells.localised("name").unwrap_or(empty());
            let hall = cells.text("booth.hall");
            let stand = cells.text("booth.stand");
            let booth = cells
                .pair(["booth.hall", "booth.stand"], (hall, stand))
                .map(|(hall, stand)| BoothInput { hall, stand });
            ExhibitorInput {
                id: cells.text("id").unwrap_or_default(),
                sort_name: sort_name(cells.localised("sort_name"), &name, &languages),
                logo: cells.media("logo"),
                summary: cells.localised("summary"),
                description: cells.localised("description"),
                categories: cells.ids("categories"),
                booth,
                park: cells.text("park"),
                website: cells.text("website"),
                tags: cells.localised_list("tags"),
                name,
            }
        },
    )?;

    stream(
        book,
        writer,
        context,
        origins,
        ("news", Kind::News),
        &mut counts,
        |cells| NewsInput {
            id: cells.text("id").unwrap_or_default(),
            title: cells.localised("title").unwrap_or(empty()),
            summary: cells.localised("summary"),
            body: cells.localised("body"),
            published: cells
                .get("published", cell::date_or_time)
                .unwrap_or_default(),
            source: cells.localised("source"),
            source_url: cells.text("source_url"),
            image: cells.media("image"),
            tags: cells.localised_list("tags"),
            pinned: cells
                .get("pinned", |value, _| cell::boolean(value))
                .unwrap_or(false),
            expires: cells.get("expires", cell::date_or_time),
        },
    )?;

    if !agenda.sessions.is_empty() || book.has("sessions") {
        write_merged(writer, origins, Kind::Session, agenda.sessions, &mut counts)?;
    }
    if !agenda.speakers.is_empty() || book.has("speakers") {
        write_merged(writer, origins, Kind::Speaker, agenda.speakers, &mut counts)?;
    }

    stream(
        book,
        writer,
        context,
        origins,
        ("slides", Kind::Slide),
        &mut counts,
        |cells| {
            let kind = cells.get("link.kind", |value, _| cell::link_kind(value));
            let id = cells.text("link.id");
            SlideInput {
                id: cells.text("id").unwrap_or_default(),
                image: cells.media("image").unwrap_or_default(),
                caption: cells.localised("caption"),
                link: cells
                    .pair(["link.kind", "link.id"], (kind, id))
                    .map(|(kind, id)| LinkInput { kind, id }),
                seconds: cells.get("seconds", |value, _| cell::number(value)),
            }
        },
    )?;

    for path in context.media.used().map(str::to_owned).collect::<Vec<_>>() {
        let full = context.media.root().join(&path);
        let bytes = fs::read(&full).map_err(|error| Error::io(&full, error))?;
        writer.file(&format!("media/{path}"), &bytes)?;
    }
    Ok((manifest, counts))
}

/// Required text left empty: its problem is already filed.
fn empty() -> TextInput {
    TextInput::Same(String::new())
}

/// One row's sheet rows after another, each converted by `convert` and
/// written as it comes, into `kind`'s file.
fn stream<T: serde::Serialize>(
    book: &mut Book,
    writer: &mut PackWriter,
    context: &mut Context,
    origins: &mut Origins,
    (name, kind): (&str, Kind),
    counts: &mut Vec<(&'static str, usize)>,
    mut convert: impl FnMut(&mut Cells) -> T,
) -> Result<()> {
    let Some((header, rows)) = book.open(name, context)? else {
        return Ok(());
    };
    let sheet = origins.sheet(header.clone());
    let file = kind.file();
    let mut count = 0;
    writer.json(file, rows.size_hint().0, |json| {
        json.array(rows.map(|row| {
            let value = convert(&mut Cells {
                header: &header,
                row: &row,
                context,
            });
            origins.push(
                file,
                Origin::Row {
                    sheet,
                    row: row.number as u32,
                },
            );
            count += 1;
            value
        }))
    })?;
    counts.push((file, count));
    Ok(())
}

/// Sessions or speakers, merged from schedules and sheets.
fn write_merged<T: serde::Serialize>(
    writer: &mut PackWriter,
    origins: &mut Origins,
    kind: Kind,
    merged: Vec<(T, Origin)>,
    counts: &mut Vec<(&'static str, usize)>,
) -> Result<()> {
    let file = kind.file();
    writer.json(file, merged.len(), |json| {
        json.array(merged.iter().map(|(input, _)| input))
    })?;
    counts.push((file, merged.len()));
    for (_, origin) in merged {
        origins.push(file, origin);
    }
    Ok(())
}

/// An exhibitor's `sort_name`: the operator's, else, in each Chinese
/// language of the pack where its name has Chinese characters, their
/// toneless pinyin (科大讯飞 files under K); the other languages file it by
/// its name there.
fn sort_name(
    given: Option<TextInput>,
    name: &TextInput,
    languages: &[String],
) -> Option<TextInput> {
    if given.is_some() {
        return given;
    }
    let default = languages.first()?;
    let pinyin: BTreeMap<String, String> = languages
        .iter()
        .filter(|language| sort_key::is_chinese(language))
        .filter_map(|language| {
            let text = match name {
                TextInput::Same(text) => text,
                TextInput::PerLanguage(texts) => {
                    texts.get(language).or_else(|| texts.get(default))?
                }
            };
            sort_key::has_han(text).then(|| (language.clone(), sort_key::of(text)))
        })
        .collect();
    (!pinyin.is_empty()).then_some(TextInput::PerLanguage(pinyin))
}

/// The `pack` sheet: the manifest's id, version, languages and title. The
/// languages are read first: the headers of every sheet (`title.zh`) are
/// checked against them.
fn pack_sheet(
    book: &mut Book,
    context: &mut Context,
    origins: &mut Origins,
    options: &Options,
) -> Result<ManifestHeader> {
    context.languages = peek_languages(book)?;
    let single = book.single("pack", context)?;
    if single.is_none() && !book.has("pack") {
        context.report.add(
            &context.source,
            "pack".to_owned(),
            "no \"pack\" sheet: add it with the columns pack, version, languages and title, and one row",
        );
    }
    let mut manifest = ManifestHeader {
        pack: String::new(),
        version: 0,
        title: empty(),
        created: Timestamp::from_second(options.now.as_second())
            .unwrap_or(options.now)
            .to_string(),
        languages: context.languages.clone(),
    };
    let mut version = None;
    if let Some((header, row)) = single {
        let sheet = origins.sheet(header.clone());
        origins.at(
            MANIFEST,
            String::new(),
            Origin::Row {
                sheet,
                row: row.number as u32,
            },
        );
        let mut cells = Cells {
            header: &header,
            row: &row,
            context,
        };
        manifest.pack = cells.text("pack").unwrap_or_default();
        version = cells.get("version", |value, _| cell::version(value));
        let _ = cells.text("languages");
        manifest.title = cells.localised("title").unwrap_or(empty());
    }
    // A version from the build time: seconds since 1970, so every build is
    // newer than the one before (and than any hand-numbered version).
    manifest.version = options
        .version
        .or(version)
        .unwrap_or(options.now.as_second().max(1) as u64);
    if context.languages.is_empty() {
        // Reported as the empty required cell; the other sheets are read
        // in the usual two so their headers are still checked.
        context.languages = vec!["zh".to_owned(), "en".to_owned()];
    }
    Ok(manifest)
}

/// The `languages` cell of the `pack` sheet, read before its header is.
fn peek_languages(book: &mut Book) -> Result<Vec<String>> {
    let Some((_, own)) = book.names.iter().find(|(sheet, _)| sheet.name == "pack") else {
        return Ok(Vec::new());
    };
    let own = own.clone();
    let mut rows = book
        .source
        .rows(&own)?
        .filter(|row| !row.cells.iter().all(|cell| cell.is_blank()));
    let (Some(header), Some(row)) = (rows.next(), rows.next()) else {
        return Ok(Vec::new());
    };
    let column = header
        .cells
        .iter()
        .position(|cell| cell::text(cell).ok().flatten().as_deref() == Some("languages"));
    Ok(column
        .and_then(|column| row.cells.get(column))
        .and_then(|value| cell::text(value).ok().flatten())
        .map(|text| cell::list(&text))
        .unwrap_or_default())
}

/// The `event` sheet's row, with the event's time zone set.
fn event_sheet(
    book: &mut Book,
    context: &mut Context,
    origins: &mut Origins,
) -> Result<Option<(EventInput, Origin)>> {
    let Some((header, row)) = book.single("event", context)? else {
        return Ok(None);
    };
    let sheet = origins.sheet(header.clone());
    let mut cells = Cells {
        header: &header,
        row: &row,
        context,
    };
    let zone = cells.get("timezone", |value, _| cell::time_zone(value));
    let event = EventInput {
        name: cells.localised("name").unwrap_or(empty()),
        short_name: cells.localised("short_name"),
        theme: cells.localised("theme"),
        starts_on: cells
            .get("starts_on", |value, _| cell::date(value))
            .unwrap_or_default(),
        ends_on: cells
            .get("ends_on", |value, _| cell::date(value))
            .unwrap_or_default(),
        timezone: zone
            .as_ref()
            .map(|(name, _)| name.clone())
            .unwrap_or_default(),
        venue: cells.localised("venue"),
        logo: cells.media("logo"),
        about: cells.localised("about"),
        categories: Vec::new(),
    };
    context.zone = zone.map(|(_, zone)| zone);
    Ok(Some((
        event,
        Origin::Row {
            sheet,
            row: row.number as u32,
        },
    )))
}

/// `halls`, `stands` and `spots` as the venue; a stand or spot of a hall
/// the halls sheet does not have is reported at its `hall` cell.
fn venue(
    book: &mut Book,
    context: &mut Context,
    origins: &mut Origins,
) -> Result<Option<VenueInput>> {
    let file = Kind::Venue.file();
    let mut halls: Vec<HallInput> = Vec::new();
    let mut any = false;
    let hall_rows = sheet_rows(book, context, origins, "halls", |cells| HallInput {
        id: cells.text("id").unwrap_or_default(),
        name: cells.localised("name").unwrap_or(empty()),
        plan: cells.media("plan"),
        width: number(cells, "width"),
        height: number(cells, "height"),
        stands: Vec::new(),
        spots: Vec::new(),
    })?;
    if let Some(rows) = hall_rows {
        any = true;
        for (index, row) in rows.into_iter().enumerate() {
            origins.at(file, format!("/halls/{index}"), row.origin());
            halls.push(row.value);
        }
    }
    for name in ["stands", "spots"] {
        // Each row's place in the venue, if its hall is known.
        let placed = sheet_rows(book, context, origins, name, |cells| {
            let hall_id = cells.text("hall").unwrap_or_default();
            let (x, y) = (number(cells, "x"), number(cells, "y"));
            let (w, h) = if name == "stands" {
                (number(cells, "w"), number(cells, "h"))
            } else {
                (0.0, 0.0)
            };
            let id = cells.text("id").unwrap_or_default();
            let Some(at) = halls.iter().position(|hall| hall.id == hall_id) else {
                if !hall_id.is_empty() {
                    let hint = did_you_mean(&hall_id, halls.iter().map(|hall| hall.id.as_str()))
                        .map(|near| format!(" (did you mean \"{near}\"?)"))
                        .unwrap_or_default();
                    let column = cells.header.column_of("hall").unwrap_or(0);
                    cells.problem(column, format!("unknown hall \"{hall_id}\"{hint}"));
                }
                return None;
            };
            let hall = &mut halls[at];
            let index = if name == "stands" {
                hall.stands.push(StandInput { id, x, y, w, h });
                hall.stands.len() - 1
            } else {
                let name = cells.localised("name").unwrap_or(empty());
                hall.spots.push(SpotInput { id, name, x, y });
                hall.spots.len() - 1
            };
            Some(format!("/halls/{at}/{name}/{index}"))
        })?;
        let Some(rows) = placed else {
            continue;
        };
        any = true;
        for row in rows {
            if let Some(pointer) = &row.value {
                origins.at(file, pointer.clone(), row.origin());
            }
        }
    }
    Ok(any.then_some(VenueInput { halls }))
}

/// The number in the column `name` of a venue's row; 0 when there is none
/// (a cell that is not a number is reported).
fn number(cells: &mut Cells, name: &str) -> f64 {
    cells
        .get(name, |value, _| cell::number(value))
        .unwrap_or_default()
}

/// Each park's figures, in row order, each with its sheet and row.
type Figures = BTreeMap<String, Vec<SheetRow<FigureInput>>>;

/// `park_figures` by park id.
fn park_figures(book: &mut Book, context: &mut Context, origins: &mut Origins) -> Result<Figures> {
    let rows = sheet_rows(book, context, origins, "park_figures", |cells| {
        let park = cells.text("park").unwrap_or_default();
        let figure = FigureInput {
            label: cells.localised("label").unwrap_or(empty()),
            value: cells.localised("value").unwrap_or(empty()),
        };
        (park, figure)
    })?;
    let mut figures = Figures::new();
    for SheetRow {
        value: (park, value),
        sheet,
        row,
    } in rows.into_iter().flatten()
    {
        figures
            .entry(park)
            .or_default()
            .push(SheetRow { value, sheet, row });
    }
    Ok(figures)
}

/// The `sessions` and `speakers` rows, to lay over the schedules.
#[allow(clippy::type_complexity)]
fn agenda_rows(
    book: &mut Book,
    context: &mut Context,
    origins: &mut Origins,
) -> Result<(Vec<SheetRow<SessionRow>>, Vec<SheetRow<SpeakerRow>>)> {
    let sessions = sheet_rows(book, context, origins, "sessions", |cells| SessionRow {
        id: cells.text("id").unwrap_or_default(),
        title: cells.localised("title"),
        starts: cells.get("starts", cell::date_time),
        ends: cells.get("ends", cell::date_time),
        room: cells.localised("room"),
        track: cells.localised("track"),
        speakers: cells.ids("speakers"),
        description: cells.localised("description"),
    })?
    .unwrap_or_default();
    let speakers = sheet_rows(book, context, origins, "speakers", |cells| SpeakerRow {
        id: cells.text("id").unwrap_or_default(),
        name: cells.localised("name"),
        title: cells.localised("title"),
        organization: cells.localised("organization"),
        photo: cells.media("photo"),
        bio: cells.localised("bio"),
        exhibitor: cells.text("exhibitor"),
    })?
    .unwrap_or_default();
    Ok((sessions, speakers))
}

/// Every row of the sheet `name`, made by `make` from its cells, with the
/// sheet and row it came from; `None` when the workbook has no such sheet,
/// or it has no header row.
fn sheet_rows<T>(
    book: &mut Book,
    context: &mut Context,
    origins: &mut Origins,
    name: &str,
    mut make: impl FnMut(&mut Cells) -> T,
) -> Result<Option<Vec<SheetRow<T>>>> {
    let Some((header, rows)) = book.open(name, context)? else {
        return Ok(None);
    };
    let sheet = origins.sheet(header.clone());
    let mut made = Vec::new();
    for row in rows {
        let mut cells = Cells {
            header: &header,
            row: &row,
            context,
        };
        made.push(SheetRow {
            value: make(&mut cells),
            sheet,
            row: row.number as u32,
        });
    }
    Ok(Some(made))
}

/// A sessions or speakers row with no schedule behind it and required
/// fields empty: each at its cell, unless `reported` has it already.
fn tell_incomplete(
    incomplete: &agenda::Incomplete,
    origins: &Origins,
    context: &mut Context,
    reported: &HashSet<String>,
) {
    let header = origins.header(incomplete.sheet);
    for field in &incomplete.missing {
        let (column, message) = match header.positions(field).next() {
            Some((column, _)) => (column, format!("empty: \"{field}\" is required (no schedule file has this id)")),
            None => (
                header.column_of("id").unwrap_or(0),
                format!("no \"{field}\" column, and no schedule file has this id: \"{field}\" is required"),
            ),
        };
        let place = format!(
            "{}!{}",
            header.name,
            cell_name(incomplete.row as usize, column)
        );
        // A cell already reported (not a time, say) is not empty.
        if !reported.contains(&place) {
            context.report.add(&context.source, place, message);
        }
    }
}
