//! One sheet of a workbook read against its layout: the header row checked
//! (unknown headers, languages the pack does not have, required columns
//! missing, each with its cell), then each further row read cell by cell by
//! the cell rules, every problem filed at its cell. The kinds' converters in
//! `build` ask a [`Cells`] for fields by name and never see a column
//! number.

use std::collections::BTreeSet;

use jiff::tz::TimeZone;

use crate::pack::content::TextInput;
use crate::pack::suggest::did_you_mean;
use crate::workbook::cell::{self, Read};
use crate::workbook::layout::{self, Cell, Column, Sheet};
use crate::workbook::media::MediaFolder;
use crate::workbook::problem::{cell_name, SourceProblem};
use crate::workbook::source::{Row, Value};

/// Every problem found in the sources, in the order found.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<SourceProblem>,
}

impl Report {
    pub fn add(&mut self, source: &str, place: String, message: impl Into<String>) {
        self.problems.push(SourceProblem {
            source: source.to_owned(),
            place,
            message: message.into(),
        });
    }
}

/// What reading any row needs: the pack's languages, the event's time
/// zone, the media folder.
pub struct Context {
    /// The source's name on problem lines.
    pub source: String,
    pub languages: Vec<String>,
    pub zone: Option<TimeZone>,
    pub media: MediaFolder,
    pub report: Report,
}

/// Sheets whose rows may leave required fields to a schedule file's
/// entity of the same id (`agenda`), which checks them once merged.
const SCHEDULED: [&str; 2] = ["sessions", "speakers"];

/// A sheet's header row: what each column holds.
#[derive(Clone)]
pub struct Header {
    pub sheet: &'static Sheet,
    /// The sheet's name as the workbook spells it.
    pub name: String,
    /// Per column from A: the layout's column and the language of a
    /// `FIELD.LANG` header; `None` for notes, blanks and unknown headers.
    pub columns: Vec<Option<(&'static Column, Option<String>)>>,
}

impl Header {
    /// Reads the header `row` of `sheet`, filing its problems.
    pub fn read(sheet: &'static Sheet, name: &str, row: &Row, context: &mut Context) -> Header {
        let mut columns = Vec::with_capacity(row.cells.len());
        let mut seen = BTreeSet::new();
        for (index, value) in row.cells.iter().enumerate() {
            let place = format!("{name}!{}", cell_name(row.number, index));
            let text = cell::text(value).ok().flatten().unwrap_or_default();
            if text.is_empty() || layout::is_note_header(&text) {
                columns.push(None);
                continue;
            }
            let column = match sheet.header(&text) {
                Some((column, language)) => match language {
                    Some(language) if !context.languages.iter().any(|l| l == language) => {
                        context.report.add(
                                &context.source,
                                place,
                                format!(
                                    "\"{text}\": \"{language}\" is not one of the pack's languages ({})",
                                    context.languages.join(", ")
                                ),
                            );
                        None
                    }
                    _ if !seen.insert(text.clone()) => {
                        context.report.add(
                            &context.source,
                            place,
                            format!("a second \"{text}\" column: keep one"),
                        );
                        None
                    }
                    language => Some((column, language.map(str::to_owned))),
                },
                None => {
                    let known = known_headers(sheet, &context.languages);
                    let hint = did_you_mean(&text, known.iter().map(String::as_str))
                        .map(|near| format!(" (did you mean \"{near}\"?)"))
                        .unwrap_or_default();
                    context.report.add(
                        &context.source,
                        place,
                        format!(
                            "unknown column \"{text}\"{hint}; a note's header starts with # or _"
                        ),
                    );
                    None
                }
            };
            columns.push(column);
        }
        let header = Header {
            sheet,
            name: name.to_owned(),
            columns,
        };
        for column in sheet.columns.iter() {
            if header.requires(column.name) && header.positions(column.name).next().is_none() {
                let place = format!(
                    "{name}!{}",
                    cell_name(row.number, header.columns.len().max(row.cells.len()))
                );
                context.report.add(
                    &context.source,
                    place,
                    format!("no \"{}\" column: it is required", column.name),
                );
            }
        }
        header
    }

    /// Whether every row must give the field `name`.
    pub fn requires(&self, name: &str) -> bool {
        !SCHEDULED.contains(&self.sheet.name)
            && self
                .sheet
                .column(name)
                .is_some_and(|column| column.required)
    }

    /// The columns (index, language) holding the field `name`.
    pub fn positions<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = (usize, Option<&'a str>)> + 'a {
        self.columns
            .iter()
            .enumerate()
            .filter_map(move |(index, column)| match column {
                Some((column, language)) if column.name == name => {
                    Some((index, language.as_deref()))
                }
                _ => None,
            })
    }

    /// The column of the field path `path` (`name.zh`, `booth.hall`,
    /// `tags.en`), or of its field alone (`name` for `name.en` when one
    /// column gives every language).
    pub fn column_of(&self, path: &str) -> Option<usize> {
        let (field, language) = match self.sheet.header(path) {
            Some((column, language)) => (column.name, language),
            None => (path.rsplit_once('.')?.0, None),
        };
        let mut positions = self.positions(field);
        let first = positions.next()?;
        std::iter::once(first)
            .chain(positions)
            .find(|(_, at)| *at == language)
            .or(Some(first))
            .map(|(index, _)| index)
    }
}

/// Every header the sheet takes, for "did you mean".
fn known_headers(sheet: &Sheet, languages: &[String]) -> Vec<String> {
    let mut known = Vec::new();
    for column in sheet.columns {
        known.push(column.name.to_owned());
        if matches!(
            column.cell,
            Cell::Localised | Cell::Markdown | Cell::LocalisedList
        ) {
            known.extend(
                languages
                    .iter()
                    .map(|language| format!("{}.{language}", column.name)),
            );
        }
    }
    known
}

/// One row being read: fields by name, each problem filed at its cell.
pub struct Cells<'a> {
    pub header: &'a Header,
    pub row: &'a Row,
    pub context: &'a mut Context,
}

impl Cells<'_> {
    fn place(&self, index: usize) -> String {
        format!("{}!{}", self.header.name, cell_name(self.row.number, index))
    }

    fn value(&self, index: usize) -> &Value {
        self.row.cells.get(index).unwrap_or(&Value::Empty)
    }

    pub fn problem(&mut self, index: usize, message: impl Into<String>) {
        let place = self.place(index);
        self.context
            .report
            .add(&self.context.source, place, message);
    }

    /// The problem for an empty required field, at its first column.
    fn missing(&mut self, name: &str) {
        if let Some((index, _)) = self.header.positions(name).next() {
            self.problem(index, format!("empty: \"{name}\" is required"));
        }
    }

    /// A plain field read by `rule`; a required one reported when empty.
    pub fn get<T>(
        &mut self,
        name: &str,
        rule: impl Fn(&Value, Option<&TimeZone>) -> Read<T>,
    ) -> Option<T> {
        let (index, _) = self.header.positions(name).next()?;
        let read = rule(self.value(index), self.context.zone.as_ref());
        match read {
            Ok(Some(value)) => Some(value),
            Ok(None) => {
                if self.header.requires(name) {
                    self.missing(name);
                }
                None
            }
            Err(message) => {
                self.problem(index, message);
                None
            }
        }
    }

    /// Plain text (ids, addresses).
    pub fn text(&mut self, name: &str) -> Option<String> {
        self.get(name, |value, _| cell::text(value))
    }

    /// Localised text: `FIELD.LANG` columns, and a plain `FIELD` column
    /// for the languages they leave empty.
    pub fn localised(&mut self, name: &str) -> Option<TextInput> {
        let mut same = None;
        let mut per_language = std::collections::BTreeMap::new();
        let positions: Vec<(usize, Option<String>)> = self
            .header
            .positions(name)
            .map(|(index, language)| (index, language.map(str::to_owned)))
            .collect();
        for (index, language) in positions {
            match cell::text(self.value(index)) {
                Ok(Some(text)) => match language {
                    Some(language) => {
                        per_language.insert(language, text);
                    }
                    None => same = Some(text),
                },
                Ok(None) => {}
                Err(message) => self.problem(index, message),
            }
        }
        let text = match (same, per_language.is_empty()) {
            (None, true) => None,
            (Some(same), true) => Some(TextInput::Same(same)),
            (same, false) => {
                if let Some(same) = same {
                    for language in &self.context.languages {
                        per_language
                            .entry(language.clone())
                            .or_insert_with(|| same.clone());
                    }
                }
                Some(TextInput::PerLanguage(per_language))
            }
        };
        if text.is_none() && self.header.requires(name) {
            self.missing(name);
        }
        text
    }

    /// A localised list: the n-th item of each language column together.
    pub fn localised_list(&mut self, name: &str) -> Vec<TextInput> {
        let positions: Vec<(usize, Option<String>)> = self
            .header
            .positions(name)
            .map(|(index, language)| (index, language.map(str::to_owned)))
            .collect();
        let mut same: Vec<String> = Vec::new();
        let mut per_language: Vec<(String, Vec<String>)> = Vec::new();
        for (index, language) in positions {
            match cell::text(self.value(index)) {
                Ok(Some(text)) => match language {
                    Some(language) => per_language.push((language, cell::list(&text))),
                    None => same = cell::list(&text),
                },
                Ok(None) => {}
                Err(message) => self.problem(index, message),
            }
        }
        if per_language.is_empty() {
            return same.into_iter().map(TextInput::Same).collect();
        }
        let count = per_language
            .iter()
            .map(|(_, items)| items.len())
            .max()
            .unwrap_or(0)
            .max(same.len());
        (0..count)
            .map(|item| {
                let mut texts: std::collections::BTreeMap<String, String> = per_language
                    .iter()
                    .filter_map(|(language, items)| {
                        Some((language.clone(), items.get(item)?.clone()))
                    })
                    .collect();
                if let Some(same) = same.get(item) {
                    for language in &self.context.languages {
                        texts
                            .entry(language.clone())
                            .or_insert_with(|| same.clone());
                    }
                }
                TextInput::PerLanguage(texts)
            })
            .collect()
    }

    /// Ids separated by `;`.
    pub fn ids(&mut self, name: &str) -> Vec<String> {
        self.text(name)
            .map(|text| cell::list(&text))
            .unwrap_or_default()
    }

    /// A path in the media folder, as the pack names it (`media/…`).
    pub fn media(&mut self, name: &str) -> Option<String> {
        let (index, _) = self.header.positions(name).next()?;
        let path = self.text(name)?;
        match self.context.media.find(&path) {
            Ok(packed) => Some(packed),
            Err(message) => {
                self.problem(index, message);
                None
            }
        }
    }

    /// Paths in the media folder separated by `;`.
    pub fn media_list(&mut self, name: &str) -> Vec<String> {
        let Some((index, _)) = self.header.positions(name).next() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for path in self.ids(name) {
            match self.context.media.find(&path) {
                Ok(packed) => found.push(packed),
                Err(message) => self.problem(index, message),
            }
        }
        found
    }

    /// Two fields given together or not at all (`booth.hall` and
    /// `booth.stand`, `location.lat` and `.lon`); the empty one is
    /// reported when only one is given.
    pub fn pair<A, B>(
        &mut self,
        names: [&str; 2],
        values: (Option<A>, Option<B>),
    ) -> Option<(A, B)> {
        match values {
            (Some(first), Some(second)) => Some((first, second)),
            (None, None) => None,
            (first, _) => {
                let (given, empty) = match first {
                    Some(_) => (names[0], names[1]),
                    None => (names[1], names[0]),
                };
                let index = self
                    .header
                    .positions(empty)
                    .next()
                    .or_else(|| self.header.positions(given).next())
                    .map(|(index, _)| index)
                    .unwrap_or(0);
                // A cell already reported (not a number, say) is not empty.
                let place = self.place(index);
                if !self
                    .context
                    .report
                    .problems
                    .iter()
                    .rev()
                    .take(32)
                    .any(|p| p.place == place)
                {
                    self.problem(
                        index,
                        format!("\"{given}\" is given without \"{empty}\": give both, or neither"),
                    );
                }
                None
            }
        }
    }
}
