//! What a new pack changes against an old one, as an operator (and later
//! the operator panel, before a staged pack goes live) wants to see it:
//! per kind, the entities added, removed and changed, with the changed
//! fields named (`name.en`, `booth.stand`, `categories`), plus the
//! manifest's identity and the media files.
//!
//! It compares what visitors would see, not the JSON bytes: both packs are
//! validated and resolved first, so another field order, `"x"` against
//! `{"zh":"x","en":"x"}`, Markdown that renders the same, a time given in
//! another offset or a picture under another name with the same bytes are
//! no change. The live pack is read back from its `content.db` into the
//! same entities (`Catalog::entities`), so either side may be it.
//!
//! Tests are in `tests/core/diff.rs`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::error::Result;
use crate::model::{self, Html, Media, Text};
use crate::pack::entity::{Entity, Sink};
use crate::pack::kinds::session::Session;
use crate::pack::kinds::slide::{self, Slide};
use crate::pack::manifest::Manifest;
use crate::pack::sort_key;

/// The parts of a pack the diff lists, in the order it lists them: each
/// kind, with the event's categories and the venue's halls, stands and
/// spots as parts of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Part {
    Event,
    Categories,
    News,
    Parks,
    Exhibitors,
    Sessions,
    Speakers,
    Halls,
    /// Keyed `HALL/STAND`: a stand's id is unique within its hall.
    Stands,
    Spots,
    Slides,
}

impl Part {
    pub const ALL: [Part; 11] = [
        Part::Event,
        Part::Categories,
        Part::News,
        Part::Parks,
        Part::Exhibitors,
        Part::Sessions,
        Part::Speakers,
        Part::Halls,
        Part::Stands,
        Part::Spots,
        Part::Slides,
    ];

    /// Its name in the text output, as in `--json`.
    pub const fn name(self) -> &'static str {
        match self {
            Part::Event => "event",
            Part::Categories => "categories",
            Part::News => "news",
            Part::Parks => "parks",
            Part::Exhibitors => "exhibitors",
            Part::Sessions => "sessions",
            Part::Speakers => "speakers",
            Part::Halls => "halls",
            Part::Stands => "stands",
            Part::Spots => "spots",
            Part::Slides => "slides",
        }
    }
}

/// What NEW changes against OLD (`pavilion pack diff OLD NEW --json`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackDiff {
    pub old: PackSide,
    pub new: PackSide,
    /// The manifest's `pack`, `version`, `title.LANG` and `languages`.
    pub manifest: Vec<FieldChange>,
    /// Every part, in [`Part::ALL`]'s order, changed or not.
    pub parts: Vec<PartDiff>,
    pub media: MediaDiff,
}

/// Which pack a side is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackSide {
    pub pack: String,
    pub version: u32,
    pub title: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PartDiff {
    pub part: Part,
    /// Ids, in NEW's order.
    pub added: Vec<String>,
    /// Ids, in OLD's order.
    pub removed: Vec<String>,
    /// In NEW's order.
    pub changed: Vec<EntityChange>,
    pub unchanged: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EntityChange {
    pub id: String,
    pub fields: Vec<FieldChange>,
}

/// One field as each side shows it; `None` where a side does not give it.
/// Localised fields are one per language (`name.en`), lists one value with
/// their items separated by `; `, media the file's path in the pack (its
/// media-store name for the live pack, whose paths are not kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Media files by path (by media-store name when a side is the live pack),
/// judged by their bytes' hash.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MediaDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// The same path with other bytes.
    pub changed: Vec<String>,
}

impl PackDiff {
    /// Whether NEW shows visitors exactly what OLD does (the manifest's
    /// version aside, which every update raises).
    pub fn is_empty(&self) -> bool {
        self.manifest.iter().all(|change| change.field == "version")
            && self.parts.iter().all(PartDiff::is_empty)
            && self.media.added.is_empty()
            && self.media.removed.is_empty()
            && self.media.changed.is_empty()
    }
}

impl PartDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One side of a diff, resolved: every entity as a list of fields, by part
/// and id in the side's order.
pub struct Snapshot {
    side: PackSide,
    languages: Vec<String>,
    parts: BTreeMap<Part, Entities>,
    /// Media: path (or store name) → sha256.
    media: BTreeMap<String, String>,
    /// Whether `media` is keyed by path in the pack (else by store name).
    media_by_path: bool,
    /// sha256 → the first path with those bytes, to show a media field.
    paths: BTreeMap<String, String>,
}

/// A part's entities in their order, each with its fields.
#[derive(Default)]
struct Entities {
    order: Vec<String>,
    by_id: BTreeMap<String, Fields>,
}

/// A field as shown, and what it is compared by when that differs (a
/// picture by its bytes, a time by its instant).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Value {
    shown: String,
    key: Option<String>,
}

impl Value {
    fn same_as(&self, other: &Value) -> bool {
        match (&self.key, &other.key) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.shown == other.shown,
            _ => false,
        }
    }
}

type Fields = Vec<(String, Value)>;

impl Snapshot {
    /// A pack's side, its entities still to be put into it ([`Sink`]),
    /// then its media ([`Snapshot::media_file`]) by their path in the pack.
    pub fn of_manifest(manifest: &Manifest) -> Snapshot {
        let mut snapshot = Snapshot::new(
            PackSide {
                pack: manifest.pack.clone(),
                version: manifest.version,
                title: manifest.title.clone(),
            },
            manifest.languages.clone(),
            true,
        );
        for (path, entry) in &manifest.files {
            if path.starts_with("media/") {
                snapshot
                    .paths
                    .entry(entry.sha256.clone())
                    .or_insert_with(|| path.clone());
            }
        }
        snapshot
    }

    /// A side whose entities are put into it ([`Sink`]); `media_by_path`
    /// says whether [`Snapshot::media_file`] names media by their path in
    /// the pack (else by media-store name).
    pub fn new(side: PackSide, languages: Vec<String>, media_by_path: bool) -> Snapshot {
        Snapshot {
            side,
            languages,
            parts: BTreeMap::new(),
            media: BTreeMap::new(),
            media_by_path,
            paths: BTreeMap::new(),
        }
    }

    /// A media file the content shows (files nothing refers to are no
    /// change to visitors): `name` is its path, or its media-store name
    /// (`<sha256>.<ext>`) for the live pack.
    pub fn media_file(&mut self, name: String, sha256: String) {
        self.media.insert(name, sha256);
    }

    fn add(&mut self, part: Part, id: String, fields: Fields) {
        let entities = self.parts.entry(part).or_default();
        entities.order.push(id.clone());
        entities.by_id.insert(id, fields);
    }

    /// A field list builder that shows media by path.
    fn fields(&self) -> FieldsOf<'_> {
        FieldsOf {
            fields: Vec::new(),
            paths: &self.paths,
        }
    }
}

impl Sink for Snapshot {
    fn put(&mut self, entity: Entity) -> Result<()> {
        match entity {
            Entity::Event(event, categories) => {
                let model::Event {
                    name,
                    short_name,
                    theme,
                    starts_on,
                    ends_on,
                    timezone,
                    venue,
                    logo,
                    about,
                } = event;
                let mut f = self.fields();
                f.text("name", Some(&name));
                f.text("short_name", short_name.as_ref());
                f.text("theme", theme.as_ref());
                f.plain("starts_on", Some(starts_on));
                f.plain("ends_on", Some(ends_on));
                f.plain("timezone", Some(timezone));
                f.text("venue", venue.as_ref());
                f.media("logo", logo.as_ref());
                f.html("about", about.as_ref());
                let fields = f.fields;
                self.add(Part::Event, "event".to_owned(), fields);
                for model::Category { id, name } in categories {
                    let mut f = self.fields();
                    f.text("name", Some(&name));
                    let fields = f.fields;
                    self.add(Part::Categories, id, fields);
                }
            }
            Entity::News(news) => {
                let model::NewsItem {
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
                } = news.item;
                let mut f = self.fields();
                f.text("title", Some(&title));
                f.text("summary", summary.as_ref());
                f.html("body", body.as_ref());
                f.time("published", &published);
                f.text("source", source.as_ref());
                f.plain("source_url", source_url);
                f.media("image", image.as_ref());
                f.texts("tags", &tags);
                f.plain("pinned", Some(pinned.to_string()));
                // Only the instant is kept (a date is shown through its
                // last day); it is shown in UTC.
                let expires = news.expires_at.and_then(|at| {
                    OffsetDateTime::from_unix_timestamp(at)
                        .ok()?
                        .format(&Rfc3339)
                        .ok()
                });
                f.plain("hidden_from", expires);
                let fields = f.fields;
                self.add(Part::News, id, fields);
            }
            Entity::Park(park) => {
                let model::Park {
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
                    exhibitors: _,
                } = park;
                let mut f = self.fields();
                f.text("name", Some(&name));
                f.text("district", district.as_ref());
                f.text("summary", summary.as_ref());
                f.html("body", body.as_ref());
                f.texts("focus", &focus);
                let labels: Vec<Text> = figures.iter().map(|f| f.label.clone()).collect();
                let values: Vec<Text> = figures.into_iter().map(|f| f.value).collect();
                f.texts("figures.label", &labels);
                f.texts("figures.value", &values);
                f.media("image", image.as_ref());
                f.media_list("gallery", &gallery);
                f.plain("location.lat", location.map(|l| l.lat.to_string()));
                f.plain("location.lon", location.map(|l| l.lon.to_string()));
                let fields = f.fields;
                self.add(Part::Parks, id, fields);
            }
            Entity::Exhibitor(exhibitor) => {
                let model::Exhibitor {
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
                let mut f = self.fields();
                f.text("name", Some(&name));
                // Where it files in A–Z in each language, as a visitor
                // sees it: a sort_name that spells what the name files by
                // anyway is no change.
                for (language, shown) in &name.0 {
                    let filed_by = sort_name.as_ref().and_then(|sort| sort.0.get(language));
                    f.push(
                        format!("sort_key.{language}"),
                        sort_key::of(filed_by.unwrap_or(shown)),
                        None,
                    );
                }
                f.media("logo", logo.as_ref());
                f.text("summary", summary.as_ref());
                f.html("description", description.as_ref());
                f.list("categories", categories.into_iter().map(|c| c.id).collect());
                let (hall, stand) = booth.map(|b| (b.hall, b.stand)).unzip();
                f.plain("booth.hall", hall);
                f.plain("booth.stand", stand);
                f.plain("park", park.map(|park| park.id));
                f.plain("website", website);
                f.texts("tags", &tags);
                let fields = f.fields;
                self.add(Part::Exhibitors, id, fields);
            }
            Entity::Session(session) => {
                let Session {
                    id,
                    title,
                    starts,
                    ends,
                    room,
                    track,
                    speakers,
                    description,
                } = session;
                let mut f = self.fields();
                f.text("title", Some(&title));
                f.instant("starts", starts);
                f.instant("ends", ends);
                f.text("room", room.as_ref());
                f.text("track", track.as_ref());
                f.list("speakers", speakers);
                f.html("description", description.as_ref());
                let fields = f.fields;
                self.add(Part::Sessions, id, fields);
            }
            Entity::Speaker(speaker) => {
                let model::Speaker {
                    id,
                    name,
                    title,
                    organization,
                    photo,
                    bio,
                    exhibitor,
                } = speaker;
                let mut f = self.fields();
                f.text("name", Some(&name));
                f.text("title", title.as_ref());
                f.text("organization", organization.as_ref());
                f.media("photo", photo.as_ref());
                f.html("bio", bio.as_ref());
                f.plain("exhibitor", exhibitor);
                let fields = f.fields;
                self.add(Part::Speakers, id, fields);
            }
            Entity::Hall(hall) => {
                let model::Hall {
                    id,
                    name,
                    plan,
                    width,
                    height,
                    stands,
                    spots,
                } = hall;
                let mut f = self.fields();
                f.text("name", Some(&name));
                f.media("plan", plan.as_ref());
                f.plain("width", Some(width.to_string()));
                f.plain("height", Some(height.to_string()));
                let fields = f.fields;
                self.add(Part::Halls, id.clone(), fields);
                for model::Stand {
                    id: stand,
                    x,
                    y,
                    w,
                    h,
                } in stands
                {
                    let mut f = self.fields();
                    for (name, value) in [("x", x), ("y", y), ("w", w), ("h", h)] {
                        f.plain(name, Some(value.to_string()));
                    }
                    let fields = f.fields;
                    self.add(Part::Stands, format!("{id}/{stand}"), fields);
                }
                for model::Spot {
                    id: spot,
                    hall,
                    name,
                    x,
                    y,
                } in spots
                {
                    let mut f = self.fields();
                    f.plain("hall", Some(hall));
                    f.text("name", Some(&name));
                    f.plain("x", Some(x.to_string()));
                    f.plain("y", Some(y.to_string()));
                    let fields = f.fields;
                    self.add(Part::Spots, spot, fields);
                }
            }
            Entity::Slide(slide) => {
                let Slide {
                    id,
                    image,
                    caption,
                    link,
                    seconds,
                } = slide;
                let mut f = self.fields();
                f.media("image", Some(&image));
                f.text("caption", caption.as_ref());
                let (kind, target) = link.unzip();
                f.plain("link.kind", kind.map(|kind| kind.name().to_owned()));
                f.plain("link.id", target);
                f.plain("seconds", Some(slide::shown_seconds(seconds).to_string()));
                let fields = f.fields;
                self.add(Part::Slides, id, fields);
            }
        }
        Ok(())
    }
}

/// An entity's fields being listed; a field not given is left out.
struct FieldsOf<'a> {
    fields: Fields,
    paths: &'a BTreeMap<String, String>,
}

impl FieldsOf<'_> {
    fn push(&mut self, field: impl Into<String>, shown: String, key: Option<String>) {
        self.fields.push((field.into(), Value { shown, key }));
    }

    fn plain(&mut self, field: &str, value: Option<String>) {
        if let Some(value) = value {
            self.push(field, value, None);
        }
    }

    /// One field per language: `name.en`.
    fn text(&mut self, field: &str, text: Option<&Text>) {
        for (language, value) in text.map(|text| &text.0).into_iter().flatten() {
            self.push(format!("{field}.{language}"), value.clone(), None);
        }
    }

    fn html(&mut self, field: &str, html: Option<&Html>) {
        for (language, value) in html.map(|html| &html.0).into_iter().flatten() {
            self.push(format!("{field}.{language}"), value.clone(), None);
        }
    }

    /// A localised list: one field per language, its items joined.
    fn texts(&mut self, field: &str, texts: &[Text]) {
        let mut by_language: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for text in texts {
            for (language, value) in &text.0 {
                by_language.entry(language).or_default().push(value);
            }
        }
        for (language, values) in by_language {
            self.push(format!("{field}.{language}"), values.join("; "), None);
        }
    }

    fn list(&mut self, field: &str, items: Vec<String>) {
        if !items.is_empty() {
            self.push(field, items.join("; "), None);
        }
    }

    /// A picture, shown by its path and compared by its bytes.
    fn media(&mut self, field: &str, media: Option<&Media>) {
        if let Some(media) = media {
            let (shown, key) = self.medium(media);
            self.push(field, shown, Some(key));
        }
    }

    fn media_list(&mut self, field: &str, media: &[Media]) {
        if !media.is_empty() {
            let (shown, keys): (Vec<String>, Vec<String>) =
                media.iter().map(|media| self.medium(media)).unzip();
            self.push(field, shown.join("; "), Some(keys.join("; ")));
        }
    }

    fn medium(&self, media: &Media) -> (String, String) {
        let sha256 = media.0.split('.').next().unwrap_or_default().to_owned();
        let shown = self.paths.get(&sha256).cloned().unwrap_or(media.0.clone());
        (shown, sha256)
    }

    /// A date, or a time compared by its instant.
    fn time(&mut self, field: &str, text: &str) {
        match OffsetDateTime::parse(text, &Rfc3339) {
            Ok(time) => self.instant(field, time),
            Err(_) => self.push(field, text.to_owned(), None),
        }
    }

    fn instant(&mut self, field: &str, time: OffsetDateTime) {
        let shown = time.format(&Rfc3339).unwrap_or_default();
        self.push(field, shown, Some(time.unix_timestamp_nanos().to_string()));
    }
}

/// What `new` changes against `old`.
pub fn diff(old: &Snapshot, new: &Snapshot) -> PackDiff {
    let mut manifest = Vec::new();
    let identity = |snapshot: &Snapshot| -> Fields {
        let mut f = snapshot.fields();
        f.plain("pack", Some(snapshot.side.pack.clone()));
        f.plain("version", Some(snapshot.side.version.to_string()));
        f.text("title", Some(&snapshot.side.title));
        f.plain("languages", Some(snapshot.languages.join(";")));
        f.fields
    };
    compare_fields(&identity(old), &identity(new), &mut manifest);
    let empty = Entities::default();
    let parts = Part::ALL
        .into_iter()
        .map(|part| {
            let before = old.parts.get(&part).unwrap_or(&empty);
            let after = new.parts.get(&part).unwrap_or(&empty);
            let mut diff = PartDiff {
                part,
                added: Vec::new(),
                removed: before
                    .order
                    .iter()
                    .filter(|id| !after.by_id.contains_key(*id))
                    .cloned()
                    .collect(),
                changed: Vec::new(),
                unchanged: 0,
            };
            for id in &after.order {
                let Some(was) = before.by_id.get(id) else {
                    diff.added.push(id.clone());
                    continue;
                };
                let mut fields = Vec::new();
                compare_fields(was, &after.by_id[id], &mut fields);
                if fields.is_empty() {
                    diff.unchanged += 1;
                } else {
                    diff.changed.push(EntityChange {
                        id: id.clone(),
                        fields,
                    });
                }
            }
            diff
        })
        .collect();
    PackDiff {
        old: old.side.clone(),
        new: new.side.clone(),
        manifest,
        parts,
        media: compare_media(old, new),
    }
}

/// The fields that differ, in `new`'s order, then those only `old` gives.
fn compare_fields(old: &Fields, new: &Fields, changes: &mut Vec<FieldChange>) {
    let find = |fields: &'_ Fields, name: &str| {
        fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
    };
    for (field, value) in new {
        match find(old, field) {
            Some(was) if was.same_as(value) => {}
            was => changes.push(FieldChange {
                field: field.clone(),
                old: was.map(|was| was.shown),
                new: Some(value.shown.clone()),
            }),
        }
    }
    for (field, value) in old {
        if find(new, field).is_none() {
            changes.push(FieldChange {
                field: field.clone(),
                old: Some(value.shown.clone()),
                new: None,
            });
        }
    }
}

/// By bytes: a picture moved to another path is no change. When both
/// sides know their media's paths, a path whose bytes differ is "changed"
/// rather than one picture removed and another added.
fn compare_media(old: &Snapshot, new: &Snapshot) -> MediaDiff {
    let by_path = old.media_by_path && new.media_by_path;
    let changed: Vec<String> = if by_path {
        new.media
            .iter()
            .filter(|(path, sha256)| old.media.get(*path).is_some_and(|was| was != *sha256))
            .map(|(path, _)| path.clone())
            .collect()
    } else {
        Vec::new()
    };
    let only_in = |side: &Snapshot, other: &Snapshot| -> Vec<String> {
        let others: BTreeSet<&String> = other.media.values().collect();
        let mut seen = BTreeSet::new();
        side.media
            .iter()
            .filter(|(name, sha256)| {
                !others.contains(sha256) && !changed.contains(name) && seen.insert(*sha256)
            })
            .map(|(name, _)| name.clone())
            .collect()
    };
    MediaDiff {
        added: only_in(new, old),
        removed: only_in(old, new),
        changed,
    }
}

/// The longest value the text summary shows before cutting it with `…`.
const SHOWN_CHARS: usize = 48;

impl PackDiff {
    /// The diff as an operator reads it at a glance: what the two packs
    /// are, counts per part, then the details, at most `cap` lines a part
    /// ("and N more").
    pub fn summary(&self, cap: usize) -> String {
        let mut out = String::new();
        let side = |side: &PackSide| format!("{} version {}", side.pack, side.version);
        out.push_str(&format!("{} → {}\n", side(&self.old), side(&self.new)));
        if self.is_empty() {
            out.push_str("no change: visitors see the same content\n");
            return out;
        }
        for change in &self.manifest {
            out.push_str(&format!("manifest {}\n", shown_change(change)));
        }
        out.push_str(&format!(
            "{:<12} {:>7} {:>7} {:>7} {:>9}\n",
            "", "added", "removed", "changed", "unchanged"
        ));
        for part in &self.parts {
            let total = part.added.len()
                + part.removed.len()
                + part.changed.len()
                + part.unchanged as usize;
            if total > 0 {
                out.push_str(&format!(
                    "{:<12} {:>7} {:>7} {:>7} {:>9}\n",
                    part.part.name(),
                    part.added.len(),
                    part.removed.len(),
                    part.changed.len(),
                    part.unchanged
                ));
            }
        }
        let media = &self.media;
        if !(media.added.is_empty() && media.removed.is_empty() && media.changed.is_empty()) {
            out.push_str(&format!(
                "{:<12} {:>7} {:>7} {:>7}\n",
                "media",
                media.added.len(),
                media.removed.len(),
                media.changed.len()
            ));
        }
        for part in self.parts.iter().filter(|part| !part.is_empty()) {
            out.push_str(&format!("\n{}:\n", part.part.name()));
            let lines = part
                .added
                .iter()
                .map(|id| format!("  + {id}"))
                .chain(part.removed.iter().map(|id| format!("  - {id}")))
                .chain(part.changed.iter().map(|change| {
                    let fields: Vec<String> = change.fields.iter().map(shown_change).collect();
                    format!("  ~ {}: {}", change.id, fields.join("; "))
                }));
            capped(&mut out, lines, cap);
        }
        if !(media.added.is_empty() && media.removed.is_empty() && media.changed.is_empty()) {
            out.push_str("\nmedia:\n");
            let lines = media
                .added
                .iter()
                .map(|file| format!("  + {file}"))
                .chain(media.removed.iter().map(|file| format!("  - {file}")))
                .chain(media.changed.iter().map(|file| format!("  ~ {file}")));
            capped(&mut out, lines, cap);
        }
        out
    }
}

fn capped(out: &mut String, lines: impl Iterator<Item = String>, cap: usize) {
    let mut more = 0;
    for (index, line) in lines.enumerate() {
        if index < cap {
            out.push_str(&line);
            out.push('\n');
        } else {
            more += 1;
        }
    }
    if more > 0 {
        out.push_str(&format!("  … and {more} more\n"));
    }
}

/// `name.en "Old" → "New"`, a side that does not give it shown as `-`.
fn shown_change(change: &FieldChange) -> String {
    let shown = |value: &Option<String>| match value {
        None => "-".to_owned(),
        Some(value) if value.chars().count() > SHOWN_CHARS => {
            let cut: String = value.chars().take(SHOWN_CHARS - 1).collect();
            format!("{cut:?}…")
        }
        Some(value) => format!("{value:?}"),
    };
    format!(
        "{} {} → {}",
        change.field,
        shown(&change.old),
        shown(&change.new)
    )
}
