//! Writing a workbook in the layout (`layout::SHEETS`), for `pack init`
//! and `pack export` alike: a README sheet, then every sheet with its
//! header row (bold, frozen, a note on each header saying what goes there,
//! a drop-down where a column takes ids from another sheet) and rows of
//! cells in the forms `pack build` reads back. Sheets are written in
//! constant memory: each row goes to a temporary file as it is written, so
//! 100,000 exhibitors are never held as cells.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::pack::content::TextInput;
use crate::workbook::layout::{Cell, Column, Rows, Sheet, SHEETS};

/// The README sheet's name (a note sheet: `pack build` skips it).
pub const README: &str = "README";

/// The last row a drop-down covers: the whole column, as Excel counts it.
const LAST_ROW: u32 = 1_048_575;

/// A cell's value as the builder reads it back.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text as it is: ids, paths, dates (`YYYY-MM-DD`), local times
    /// (`YYYY-MM-DD HH:MM`), lists joined with `;`. In a localised column,
    /// text for the default language's column.
    Text(String),
    /// Localised text: one string for every language's column, or one per
    /// language (a language not given is left empty: it falls back).
    Localised(TextInput),
    Number(f64),
    Bool(bool),
}

/// One row: values by column name; columns not named stay empty.
pub type Row = Vec<(&'static str, Value)>;

/// A header cell: a column, and for a localised one its language.
struct Header {
    column: &'static Column,
    language: Option<String>,
}

impl Header {
    fn text(&self) -> String {
        match &self.language {
            Some(language) => format!("{}.{language}", self.column.name),
            None => self.column.name.to_owned(),
        }
    }
}

/// A workbook being written; [`BookWriter::save`] writes the file.
pub struct BookWriter {
    workbook: Workbook,
    /// The pack's languages, the default first.
    languages: Vec<String>,
    /// Per sheet of `SHEETS`: its headers and the next row to write.
    sheets: Vec<(Vec<Header>, u32)>,
}

impl BookWriter {
    /// A workbook with the README sheet and every sheet's header row, for
    /// a pack in `languages` (the default first). `temp` is where the
    /// sheets' rows wait until the file is saved.
    pub fn new(languages: &[String], temp: &Path) -> Result<BookWriter> {
        let mut workbook = Workbook::new();
        workbook.set_tempdir(temp).map_err(|e| xlsx(temp, e))?;
        readme(workbook.add_worksheet()).map_err(|e| xlsx(temp, e))?;
        let mut sheets = Vec::new();
        for sheet in SHEETS {
            let headers = headers(sheet, languages);
            let worksheet = workbook
                .add_worksheet_with_constant_memory()
                .map_err(|e| xlsx(temp, e))?;
            header_row(worksheet, sheet, &headers).map_err(|e| xlsx(temp, e))?;
            sheets.push((headers, 1));
        }
        Ok(BookWriter {
            workbook,
            languages: languages.to_vec(),
            sheets,
        })
    }

    /// Appends a row to `sheet` (a name of `SHEETS`).
    pub fn row(&mut self, sheet: &str, values: &Row) -> Result<()> {
        let index = SHEETS
            .iter()
            .position(|known| known.name == sheet)
            .unwrap_or_else(|| unreachable!("no sheet \"{sheet}\" in the layout"));
        let (headers, next) = &mut self.sheets[index];
        let row = *next;
        *next += 1;
        let worksheet = self
            .workbook
            .worksheet_from_index(index + 1)
            .map_err(|e| xlsx(Path::new(sheet), e))?;
        let by_name: BTreeMap<&str, &Value> =
            values.iter().map(|(name, value)| (*name, value)).collect();
        for (col, header) in headers.iter().enumerate() {
            let Some(value) = by_name.get(header.column.name) else {
                continue;
            };
            let col = col as u16;
            let written = match (value, &header.language) {
                (Value::Text(text), None) => worksheet.write_string(row, col, text).map(drop),
                (Value::Text(text), Some(language)) if *language == self.languages[0] => {
                    worksheet.write_string(row, col, text).map(drop)
                }
                (Value::Text(_), Some(_)) => Ok(()),
                (Value::Localised(TextInput::Same(text)), _) => {
                    worksheet.write_string(row, col, text).map(drop)
                }
                (Value::Localised(TextInput::PerLanguage(texts)), language) => {
                    let language = language.as_ref().unwrap_or(&self.languages[0]);
                    match texts.get(language) {
                        Some(text) => worksheet.write_string(row, col, text).map(drop),
                        None => Ok(()),
                    }
                }
                (Value::Number(number), _) => worksheet.write_number(row, col, *number).map(drop),
                (Value::Bool(flag), _) => worksheet.write_boolean(row, col, *flag).map(drop),
            };
            written.map_err(|e| xlsx(Path::new(sheet), e))?;
        }
        Ok(())
    }

    /// Writes the workbook to `path`.
    pub fn save(mut self, path: &Path) -> Result<()> {
        self.workbook.save(path).map_err(|e| xlsx(path, e))
    }
}

/// A sheet's headers: one per column, a localised one once per language.
fn headers(sheet: &'static Sheet, languages: &[String]) -> Vec<Header> {
    sheet
        .columns
        .iter()
        .flat_map(|column| {
            let localised = matches!(
                column.cell,
                Cell::Localised | Cell::Markdown | Cell::LocalisedList
            );
            let languages: Vec<Option<String>> = if localised {
                languages.iter().cloned().map(Some).collect()
            } else {
                vec![None]
            };
            languages
                .into_iter()
                .map(move |language| Header { column, language })
        })
        .collect()
}

fn header_row(
    worksheet: &mut Worksheet,
    sheet: &'static Sheet,
    headers: &[Header],
) -> Result<(), XlsxError> {
    worksheet.set_name(sheet.name)?;
    let bold = Format::new().set_bold();
    for (col, header) in headers.iter().enumerate() {
        let col = col as u16;
        worksheet.write_string_with_format(0, col, header.text(), &bold)?;
        worksheet.set_column_width(col, width(header.column.cell))?;
        let mut note = header.column.note.to_owned();
        if header.column.required {
            note.push_str(" Required.");
        }
        if let Some(language) = &header.language {
            note.push_str(&format!(" This column: the {language} text."));
        }
        let note = Note::new(note)
            .set_author("Pavilion")
            .add_author_prefix(false);
        worksheet.insert_note(0, col, &note)?;
        if let Some(validation) = validation(header.column.cell)? {
            let last = match sheet.rows {
                Rows::One => 1,
                Rows::Any => LAST_ROW,
            };
            worksheet.add_data_validation(1, col, last, col, &validation)?;
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A drop-down for a column that takes one of known values: the ids of
/// another sheet (its `id` column, rows 2 on), `TRUE`/`FALSE`, a link
/// kind. A list of ids (`categories`, `speakers`) offers the ids but takes
/// any text, as it holds several separated by `;`.
fn validation(cell: Cell) -> Result<Option<DataValidation>, XlsxError> {
    let ids = |target: &str| {
        let sheet = SHEETS.iter().find(|sheet| sheet.name == target)?;
        let col = sheet
            .columns
            .iter()
            .position(|column| column.name == "id")?;
        let letter = char::from(b'A' + col as u8);
        Some(
            DataValidation::new()
                .allow_list_formula(Formula::new(format!(
                    "={target}!${letter}$2:${letter}${}",
                    LAST_ROW + 1
                )))
                .ignore_blank(true),
        )
    };
    Ok(match cell {
        Cell::Ref(target) => ids(target),
        Cell::RefList(target) => ids(target).map(|validation| validation.show_error_message(false)),
        Cell::Bool => Some(DataValidation::new().allow_list_strings(&["TRUE", "FALSE"])?),
        Cell::LinkKind => Some(DataValidation::new().allow_list_strings(&[
            "news",
            "park",
            "exhibitor",
            "session",
        ])?),
        Cell::Id
        | Cell::Text
        | Cell::Localised
        | Cell::Markdown
        | Cell::LocalisedList
        | Cell::Date
        | Cell::DateTime
        | Cell::DateOrTime
        | Cell::Number
        | Cell::Media
        | Cell::MediaList
        | Cell::Url
        | Cell::Languages
        | Cell::TimeZone
        | Cell::Version => None,
    })
}

/// A column wide enough for what it usually holds, in characters.
fn width(cell: Cell) -> f64 {
    match cell {
        Cell::Bool | Cell::Number | Cell::Version | Cell::LinkKind => 10.0,
        Cell::Date | Cell::Languages => 12.0,
        Cell::Id | Cell::Ref(_) | Cell::DateTime | Cell::DateOrTime | Cell::TimeZone => 18.0,
        Cell::Text | Cell::Localised | Cell::LocalisedList | Cell::RefList(_) => 26.0,
        Cell::Media | Cell::MediaList | Cell::Url => 30.0,
        Cell::Markdown => 50.0,
    }
}

/// The README's text column, in characters.
const README_WIDTH: f64 = 100.0;

/// What each sheet is and how to build, from the layout's sheet notes.
fn readme(worksheet: &mut Worksheet) -> Result<(), XlsxError> {
    worksheet.set_name(README)?;
    // Top-aligned, each row as tall as its wrapped text: spreadsheets keep
    // a row one line high and show the wrapped text's last line otherwise.
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    worksheet.set_column_width(0, 16)?;
    worksheet.set_column_width(1, README_WIDTH)?;
    let lines = [
        ("Pavilion", "This workbook becomes a content pack for the kiosks: `pavilion pack build` turns it into one (see docs/operators.md)."),
        ("How", "Fill one row per item on each sheet; the first row names the columns (each has a note saying what goes there). Pictures go in the media folder beside this file; a picture cell names a file in it, e.g. logos/ibm.png."),
        ("Languages", "A column name.zh holds the Chinese text, name.en the English; an empty one falls back to the first language of the pack sheet. Lists are separated by ;"),
        ("Build", "pavilion pack build THIS-FILE --out PACK-FOLDER (add --schedule FILE for a frab XML or pretalx JSON agenda). Every problem is listed with its sheet and cell; nothing is written until there are none."),
    ];
    let mut row = 0;
    for (title, text) in lines {
        worksheet.write_string_with_format(row, 0, title, &bold)?;
        worksheet.write_string_with_format(row, 1, text, &wrap)?;
        let lines = text
            .chars()
            .count()
            .div_ceil(README_WIDTH as usize - 10)
            .max(1);
        worksheet.set_row_height(row, 15.0 * lines as f64)?;
        row += 1;
    }
    row += 1;
    worksheet.write_string_with_format(row, 0, "Sheet", &bold)?;
    worksheet.write_string_with_format(row, 1, "What it holds", &bold)?;
    for sheet in SHEETS {
        row += 1;
        worksheet.write_string(row, 0, sheet.name)?;
        worksheet.write_string_with_format(row, 1, sheet.note, &wrap)?;
    }
    Ok(())
}

fn xlsx(path: &Path, error: XlsxError) -> Error {
    let error = match error {
        XlsxError::IoError(error) => error,
        other => io::Error::other(other.to_string()),
    };
    Error::io(path, error)
}
