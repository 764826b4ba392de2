//! The workbook's layout, as `shared/spec/workbook.md` fixes it: which
//! sheets exist, their columns, what each cell holds. Reading a workbook
//! (`pack build`), writing one (`pack init`, `pack export`) and the notes an
//! operator sees on each header all come from this one table, so the reader
//! and the writers cannot disagree.

/// How many data rows a sheet takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// `pack` and `event`: a single row of settings.
    One,
    Any,
}

/// What a column's cells hold, which decides how a cell is read and
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// An id: `[A-Za-z0-9_-]{1,64}`; a whole number is its digits.
    Id,
    /// Plain text, the same in every language.
    Text,
    /// Localised text: `FIELD.LANG` columns, or one `FIELD` column for all.
    Localised,
    /// Localised CommonMark (`body`, `description`, `bio`, `about`).
    Markdown,
    /// `;`-separated localised items (`tags`, `focus`).
    LocalisedList,
    /// `;`-separated ids of the named sheet's rows (`categories`, `speakers`).
    RefList(&'static str),
    /// The id of a row of the named sheet (`park`, `booth.hall`).
    Ref(&'static str),
    /// `YYYY-MM-DD`; a date cell becomes that.
    Date,
    /// A time in the event's time zone, or RFC 3339 with an offset.
    DateTime,
    /// A date or a date-time (`news.published`).
    DateOrTime,
    /// A number (coordinates, sizes, seconds).
    Number,
    /// TRUE/FALSE, yes/no, 是/否, 1/0.
    Bool,
    /// A path inside the media folder.
    Media,
    /// `;`-separated paths inside the media folder.
    MediaList,
    /// An http(s) address.
    Url,
    /// `zh;en`: the pack's languages, the first the default.
    Languages,
    /// An IANA time zone (`Asia/Shanghai`).
    TimeZone,
    /// A whole number ≥ 1 (`pack.version`), or empty for one derived from
    /// the build time.
    Version,
    /// The `link.kind` of a slide: `news`, `park`, `exhibitor`, `session`.
    LinkKind,
}

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The field name in the header row (`booth.hall`, `name`).
    pub name: &'static str,
    pub cell: Cell,
    /// The pack format requires it on every row.
    pub required: bool,
    /// What goes there, for the header's note in a written workbook.
    pub note: &'static str,
}

/// One sheet: a kind of the pack, or the pack's own settings.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub name: &'static str,
    pub rows: Rows,
    pub columns: &'static [Column],
    /// What the sheet holds, for the README sheet.
    pub note: &'static str,
}

impl Sheet {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// What a header cell names: a column, and the language of a
    /// `FIELD.LANG` header of a localised column. `None` for an unknown
    /// header (notes, starting with `#` or `_`, are told apart by
    /// [`is_note_header`] first).
    pub fn header<'a>(&self, header: &'a str) -> Option<(&'static Column, Option<&'a str>)> {
        let header = header.trim();
        if let Some(column) = self.column(header) {
            return Some((column, None));
        }
        let (field, language) = header.rsplit_once('.')?;
        let column = self.column(field)?;
        let localised = matches!(
            column.cell,
            Cell::Localised | Cell::Markdown | Cell::LocalisedList
        );
        (localised && is_language_tag(language)).then_some((column, Some(language)))
    }
}

/// A loose BCP 47 shape (`zh`, `en`, `zh-Hant`, `pt-BR`): enough to tell a
/// language suffix from a field name.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (2..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The sheet named `name`, case and surrounding spaces ignored.
pub fn sheet(name: &str) -> Option<&'static Sheet> {
    let name = name.trim();
    SHEETS
        .iter()
        .find(|sheet| sheet.name.eq_ignore_ascii_case(name))
}

/// Sheets an operator keeps for themselves: `_…`, `README`, `说明`.
pub fn is_note_sheet(name: &str) -> bool {
    let name = name.trim();
    name.starts_with('_') || name.eq_ignore_ascii_case("README") || name == "说明"
}

/// Columns an operator keeps for themselves: a header starting with `#` or `_`.
pub fn is_note_header(header: &str) -> bool {
    let header = header.trim();
    header.starts_with('#') || header.starts_with('_')
}

const fn col(name: &'static str, cell: Cell, required: bool, note: &'static str) -> Column {
    Column {
        name,
        cell,
        required,
        note,
    }
}

use Cell::*;

/// Every sheet, in the order a written workbook lists them.
pub const SHEETS: &[Sheet] = &[
    Sheet {
        name: "pack",
        rows: Rows::One,
        note: "The pack itself: its id, version, languages and title. One row.",
        columns: &[
            col("pack", Id, true, "The pack's id: lower-case letters, digits and -, e.g. waic-2021. Keep it for every update of this event."),
            col("version", Version, false, "A whole number, higher than the last one sent to the kiosks. Leave empty to number it by the build time."),
            col("languages", Languages, true, "The languages, separated by ; with the default first, e.g. zh;en."),
            col("title", Localised, true, "The pack's title as operators see it (title.zh, title.en)."),
        ],
    },
    Sheet {
        name: "event",
        rows: Rows::One,
        note: "The event: name, dates, time zone, venue. One row.",
        columns: &[
            col("name", Localised, true, "The event's full name (name.zh, name.en)."),
            col("short_name", Localised, false, "A short name for headers, e.g. WAIC 2021."),
            col("theme", Localised, false, "The event's theme or motto."),
            col("venue", Localised, false, "Where it takes place."),
            col("starts_on", Date, true, "The first day, YYYY-MM-DD."),
            col("ends_on", Date, true, "The last day, YYYY-MM-DD."),
            col("timezone", TimeZone, true, "The event's time zone, e.g. Asia/Shanghai. Times without an offset are read in it."),
            col("logo", Media, false, "The event's logo: a file in the media folder, e.g. logos/waic.png."),
            col("about", Markdown, false, "About the event (Markdown)."),
        ],
    },
    Sheet {
        name: "categories",
        rows: Rows::Any,
        note: "The exhibitor categories (the directory's filters).",
        columns: &[
            col("id", Id, true, "A short id, e.g. robotics. Exhibitors name it in their categories column."),
            col("name", Localised, true, "The category's name (name.zh, name.en)."),
        ],
    },
    Sheet {
        name: "news",
        rows: Rows::Any,
        note: "The conference news.",
        columns: &[
            col("id", Id, true, "A short id, unique among the news."),
            col("title", Localised, true, "The headline (title.zh, title.en)."),
            col("summary", Localised, false, "One or two sentences shown in lists."),
            col("body", Markdown, false, "The article (Markdown)."),
            col("published", DateOrTime, true, "When it was published: a date, or a date and time in the event's time zone."),
            col("source", Localised, false, "Who published it."),
            col("source_url", Url, false, "Where the original is, http(s)://…; shown as a QR code."),
            col("image", Media, false, "A picture: a file in the media folder."),
            col("tags", LocalisedList, false, "Tags separated by ;"),
            col("pinned", Bool, false, "TRUE to keep it at the top."),
            col("expires", DateOrTime, false, "Hidden after this date or time; empty for never."),
        ],
    },
    Sheet {
        name: "parks",
        rows: Rows::Any,
        note: "The industrial parks.",
        columns: &[
            col("id", Id, true, "A short id, e.g. zhangjiang-ai-island."),
            col("name", Localised, true, "The park's name."),
            col("district", Localised, false, "Its district or area."),
            col("summary", Localised, false, "One or two sentences shown in lists."),
            col("body", Markdown, false, "The park's page (Markdown)."),
            col("focus", LocalisedList, false, "Its focus areas, separated by ;"),
            col("image", Media, false, "A picture: a file in the media folder."),
            col("gallery", MediaList, false, "More pictures, separated by ;"),
            col("location.lat", Number, false, "Latitude, e.g. 31.2.  Give both or neither."),
            col("location.lon", Number, false, "Longitude, e.g. 121.6."),
        ],
    },
    Sheet {
        name: "park_figures",
        rows: Rows::Any,
        note: "Key figures of each park, in the order shown.",
        columns: &[
            col("park", Ref("parks"), true, "The park's id, from the parks sheet."),
            col("label", Localised, true, "What the figure is, e.g. Companies."),
            col("value", Localised, true, "The figure, e.g. 1,000+."),
        ],
    },
    Sheet {
        name: "exhibitors",
        rows: Rows::Any,
        note: "The exhibitors: the directory and the map.",
        columns: &[
            col("id", Id, true, "A short id, unique among the exhibitors."),
            col("name", Localised, true, "The exhibitor's name (name.zh, name.en)."),
            col("sort_name", Localised, false, "Where it files in A–Z, if not by its name (e.g. IBM for 国际商业机器). Chinese names without one file by their pinyin."),
            col("logo", Media, false, "The logo: a file in the media folder."),
            col("summary", Localised, false, "One or two sentences shown in lists."),
            col("description", Markdown, false, "The exhibitor's page (Markdown)."),
            col("categories", RefList("categories"), false, "Category ids from the categories sheet, separated by ;"),
            col("booth.hall", Ref("halls"), false, "The hall id, from the halls sheet."),
            col("booth.stand", Id, false, "The stand id in that hall, from the stands sheet."),
            col("park", Ref("parks"), false, "The park id, from the parks sheet."),
            col("website", Url, false, "The website, http(s)://…; shown as a QR code."),
            col("tags", LocalisedList, false, "Tags separated by ;"),
        ],
    },
    Sheet {
        name: "sessions",
        rows: Rows::Any,
        note: "The agenda. Schedule files (frab XML, pretalx JSON) add to it.",
        columns: &[
            col("id", Id, true, "A short id, unique among the sessions."),
            col("title", Localised, true, "The session's title."),
            col("starts", DateTime, true, "When it starts: date and time in the event's time zone, e.g. 2021-07-08 09:30."),
            col("ends", DateTime, true, "When it ends."),
            col("room", Localised, false, "The room."),
            col("track", Localised, false, "The track or forum."),
            col("speakers", RefList("speakers"), false, "Speaker ids from the speakers sheet, separated by ;"),
            col("description", Markdown, false, "What the session is about (Markdown)."),
        ],
    },
    Sheet {
        name: "speakers",
        rows: Rows::Any,
        note: "The speakers. Schedule files add to it.",
        columns: &[
            col("id", Id, true, "A short id, unique among the speakers."),
            col("name", Localised, true, "The speaker's name."),
            col("title", Localised, false, "Their job title."),
            col("organization", Localised, false, "Where they work."),
            col("photo", Media, false, "A photo: a file in the media folder."),
            col("bio", Markdown, false, "About them (Markdown)."),
            col("exhibitor", Ref("exhibitors"), false, "The exhibitor they belong to, from the exhibitors sheet."),
        ],
    },
    Sheet {
        name: "halls",
        rows: Rows::Any,
        note: "The halls of the venue, each with its floor plan.",
        columns: &[
            col("id", Id, true, "A short id, e.g. H1."),
            col("name", Localised, true, "The hall's name."),
            col("plan", Media, false, "The floor plan: a file in the media folder."),
            col("width", Number, true, "The plan's width, in the units stands and spots use."),
            col("height", Number, true, "The plan's height."),
        ],
    },
    Sheet {
        name: "stands",
        rows: Rows::Any,
        note: "The stands on each hall's plan.",
        columns: &[
            col("hall", Ref("halls"), true, "The hall id, from the halls sheet."),
            col("id", Id, true, "The stand's id, e.g. A101."),
            col("x", Number, true, "Left edge on the plan."),
            col("y", Number, true, "Top edge on the plan."),
            col("w", Number, true, "Width."),
            col("h", Number, true, "Height."),
        ],
    },
    Sheet {
        name: "spots",
        rows: Rows::Any,
        note: "Places a kiosk can stand, for \"you are here\".",
        columns: &[
            col("hall", Ref("halls"), true, "The hall id, from the halls sheet."),
            col("id", Id, true, "The spot's id."),
            col("name", Localised, true, "The spot's name, e.g. North entrance."),
            col("x", Number, true, "Position on the plan."),
            col("y", Number, true, "Position on the plan."),
        ],
    },
    Sheet {
        name: "slides",
        rows: Rows::Any,
        note: "The attract loop shown when nobody touches the screen.",
        columns: &[
            col("id", Id, true, "A short id."),
            col("image", Media, true, "The slide's picture: a file in the media folder."),
            col("caption", Localised, false, "A caption over the picture."),
            col("link.kind", LinkKind, false, "What a tap opens: news, park, exhibitor or session."),
            col("link.id", Id, false, "The id of that item."),
            col("seconds", Number, false, "How long it shows; empty for the default."),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_found_whatever_their_case_and_spaces() {
        assert_eq!(sheet(" Exhibitors ").map(|s| s.name), Some("exhibitors"));
        assert!(sheet("exhibitor").is_none());
    }

    #[test]
    fn headers_name_a_column_and_maybe_a_language() {
        let exhibitors = sheet("exhibitors").unwrap();
        let (column, language) = exhibitors.header("name.zh").unwrap();
        assert_eq!((column.name, language), ("name", Some("zh")));
        let (column, language) = exhibitors.header("booth.hall").unwrap();
        assert_eq!((column.name, language), ("booth.hall", None));
        // An id column has no languages, so `id.en` is not a header.
        assert!(exhibitors.header("id.en").is_none());
        assert!(exhibitors.header("nmae").is_none());
    }

    #[test]
    fn references_name_existing_sheets() {
        for column in SHEETS.iter().flat_map(|sheet| sheet.columns) {
            if let Ref(target) | RefList(target) = column.cell {
                assert!(
                    sheet(target).is_some(),
                    "{} refers to {target}",
                    column.name
                );
            }
        }
    }

    #[test]
    fn notes_are_told_apart() {
        assert!(is_note_sheet("_scratch") && is_note_sheet("README") && is_note_sheet("说明"));
        assert!(!is_note_sheet("news"));
        assert!(is_note_header("#comment") && is_note_header("_internal"));
    }
}
