//! The sheets of what an operator hands `pack build`: an `.xlsx` or `.ods`
//! workbook, or a folder of `SHEET.csv` files, behind one reader that gives
//! each sheet's rows as cells the way the spreadsheet stored them (text,
//! number, boolean, date or date-time), merged ranges already spread over
//! the cells they cover, with every row's own number in its sheet so a
//! problem names the cell the operator sees.
//!
//! A sheet is read once and its rows handed out one at a time: a workbook
//! keeps one sheet's cells in memory (calamine reads a sheet whole), a CSV
//! file its text, never a second copy of either.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xlsx};
use jiff::civil::{Date, DateTime, Time};

use crate::error::{Error, Result};

/// One cell as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell (`time` is `None` when the cell holds a whole day).
    Date(Date, Option<Time>),
    /// A cell whose formula failed (`#REF!`, `#N/A`).
    Error(String),
}

impl Value {
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row of a sheet: its zero-based number in the sheet and its cells from
/// column A on.
pub struct Row {
    pub number: usize,
    pub cells: Vec<Value>,
}

/// An opened source.
pub struct Source {
    /// How problems name it: the workbook's file name, or `csv` for a
    /// folder of CSV files (as `workbook.md` prints them).
    pub name: String,
    /// The folder holding the source, where `media` is by default.
    pub folder: PathBuf,
    book: Book,
}

enum Book {
    Xlsx(Box<Xlsx<BufReader<File>>>),
    /// With each sheet's merged ranges, by sheet name.
    Ods(Box<Ods<BufReader<File>>>, BTreeMap<String, Vec<Dimensions>>),
    /// The folder, and its `*.csv` files by sheet name.
    Csv(Vec<(String, PathBuf)>),
}

impl Source {
    /// Opens `path`: a folder of CSV files, or an `.xlsx` / `.ods` file.
    pub fn open(path: &Path) -> Result<Source> {
        // `media` is beside the workbook, or beside the folder of CSV files.
        let folder = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        if path.is_dir() {
            let mut sheets = Vec::new();
            for entry in fs::read_dir(path).map_err(|error| Error::io(path, error))? {
                let file = entry.map_err(|error| Error::io(path, error))?.path();
                let is_csv = file
                    .extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
                if let (true, Some(stem)) = (is_csv, file.file_stem()) {
                    sheets.push((stem.to_string_lossy().into_owned(), file));
                }
            }
            sheets.sort();
            return Ok(Source {
                name: "csv".to_owned(),
                folder,
                book: Book::Csv(sheets),
            });
        }
        let extension = path
            .extension()
            .map(|extension| extension.to_string_lossy().to_ascii_lowercase());
        let unreadable = |error: calamine::Error| {
            Error::io(
                path,
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("not a readable workbook: {error}"),
                ),
            )
        };
        let book = match extension.as_deref() {
            Some("xlsx" | "xlsm") => {
                let file = BufReader::new(File::open(path).map_err(|e| Error::io(path, e))?);
                Book::Xlsx(Box::new(
                    Xlsx::new(file).map_err(|e| unreadable(calamine::Error::Xlsx(e)))?,
                ))
            }
            Some("ods") => {
                let file = BufReader::new(File::open(path).map_err(|e| Error::io(path, e))?);
                let book = Ods::new(file).map_err(|e| unreadable(calamine::Error::Ods(e)))?;
                let merges = ods_merges(path).map_err(|error| Error::io(path, error))?;
                Book::Ods(Box::new(book), merges)
            }
            _ => {
                return Err(Error::NotAFolder {
                    path: path.to_path_buf(),
                    what:
                        "pack build reads an .xlsx or .ods workbook, or a folder of SHEET.csv files",
                })
            }
        };
        Ok(Source { name, folder, book })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        match &self.book {
            Book::Xlsx(book) => book.sheet_names(),
            Book::Ods(book, _) => book.sheet_names(),
            Book::Csv(sheets) => sheets.iter().map(|(name, _)| name.clone()).collect(),
        }
    }

    /// The rows of the sheet named `name` (as [`Source::sheet_names`] gives
    /// it), blank ones included.
    pub fn rows(&mut self, name: &str) -> Result<Box<dyn Iterator<Item = Row>>> {
        let unreadable =
            |message: String| Error::io(name, io::Error::new(io::ErrorKind::InvalidData, message));
        match &mut self.book {
            Book::Xlsx(book) => {
                let range = book
                    .worksheet_range(name)
                    .map_err(|error| unreadable(error.to_string()))?;
                let merged = book
                    .merge_cells_by_sheet_name(name)
                    .map_err(|error| unreadable(error.to_string()))?;
                Ok(Box::new(grid_rows(range, merged)))
            }
            Book::Ods(book, merges) => {
                let range = book
                    .worksheet_range(name)
                    .map_err(|error| unreadable(error.to_string()))?;
                let merged = merges.get(name).cloned().unwrap_or_default();
                Ok(Box::new(grid_rows(range, merged)))
            }
            Book::Csv(sheets) => {
                let path = sheets
                    .iter()
                    .find(|(sheet, _)| sheet == name)
                    .map(|(_, path)| path.clone())
                    .ok_or_else(|| unreadable("no such sheet".to_owned()))?;
                csv_rows(&path)
            }
        }
    }
}

/// The rows of a workbook sheet, numbered as the sheet numbers them (the
/// range may start below row 1 or right of column A), each covered cell of a
/// merged range given its top-left value.
fn grid_rows(range: Range<Data>, merged: Vec<Dimensions>) -> impl Iterator<Item = Row> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let height = range.height();
    // Each merged range's value, taken as its top-left cell comes by.
    let mut spread: Vec<(Dimensions, Value)> = Vec::new();
    (0..height).map(move |index| {
        let number = top + index;
        let mut cells = vec![Value::Empty; left];
        cells.extend(
            (0..range.width())
                .map(|column| cell(range.get((index, column)).unwrap_or(&Data::Empty))),
        );
        for region in &merged {
            if region.start.0 as usize == number {
                let value = cells
                    .get(region.start.1 as usize)
                    .cloned()
                    .unwrap_or(Value::Empty);
                spread.push((*region, value));
            }
        }
        spread.retain(|(region, _)| region.end.0 as usize >= number);
        for (region, value) in &spread {
            let (first, last) = (region.start.1 as usize, region.end.1 as usize);
            if cells.len() <= last {
                cells.resize(last + 1, Value::Empty);
            }
            for cell in &mut cells[first..=last] {
                *cell = value.clone();
            }
        }
        Row { number, cells }
    })
}

/// The merged ranges of each sheet of the `.ods` at `path`, from the
/// spans of its `content.xml` cells (rows and cells repeated counted).
fn ods_merges(path: &Path) -> io::Result<BTreeMap<String, Vec<Dimensions>>> {
    use quick_xml::events::{BytesStart, Event};

    let mut archive = zip::ZipArchive::new(File::open(path)?).map_err(io::Error::other)?;
    let content = archive.by_name("content.xml").map_err(io::Error::other)?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let number = |element: &BytesStart, name: &str| -> u32 {
        element
            .try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|attribute| attribute.value.parse().ok())
            .unwrap_or(1)
    };
    let mut merges: BTreeMap<String, Vec<Dimensions>> = BTreeMap::new();
    let (mut sheet, mut row, mut column, mut rows_repeated) = (String::new(), 0, 0, 1);
    let mut buffer = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(io::Error::other)?;
        let (element, empty) = match &event {
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(end) if end.name().as_ref() == "table:table-row" => {
                row += rows_repeated;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match element.name().as_ref() {
            "table:table" => {
                sheet = element
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|name| name.value.into_owned())
                    .unwrap_or_default();
                row = 0;
            }
            "table:table-row" => {
                column = 0;
                rows_repeated = number(element, "table:number-rows-repeated");
                if empty {
                    row += rows_repeated;
                }
            }
            name @ ("table:table-cell" | "table:covered-table-cell") => {
                let across = number(element, "table:number-columns-spanned");
                let down = number(element, "table:number-rows-spanned");
                if name == "table:table-cell" && (across > 1 || down > 1) {
                    merges.entry(sheet.clone()).or_default().push(Dimensions {
                        start: (row, column),
                        end: (row + down - 1, column + across - 1),
                    });
                }
                column += number(element, "table:number-columns-repeated");
            }
            _ => {}
        }
        buffer.clear();
    }
    Ok(merges)
}

fn cell(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) => Value::Text(text.clone()),
        Data::Int(number) => Value::Number(*number as f64),
        Data::Float(number) => Value::Number(*number),
        Data::Bool(value) => Value::Bool(*value),
        Data::DateTime(stamp) => {
            let (year, month, day, hour, minute, second, milli) = stamp.to_ymd_hms_milli();
            let date = Date::new(year as i16, month as i8, day as i8);
            let time = Time::new(
                hour as i8,
                minute as i8,
                second as i8,
                milli as i32 * 1_000_000,
            );
            match (date, time) {
                (Ok(date), Ok(time)) if stamp.is_datetime() => {
                    let whole_day = stamp.as_f64().fract() == 0.0;
                    Value::Date(date, (!whole_day).then_some(time))
                }
                // A duration, or Excel's 1900-02-29: shown as stored.
                _ => Value::Text(stamp.as_f64().to_string()),
            }
        }
        // ODS stores dates as ISO 8601 text.
        Data::DateTimeIso(text) => match text.parse::<DateTime>() {
            Ok(stamp) if text.contains('T') => Value::Date(stamp.date(), Some(stamp.time())),
            _ => match text.parse::<Date>() {
                Ok(date) => Value::Date(date, None),
                Err(_) => Value::Text(text.clone()),
            },
        },
        Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Error(error) => Value::Error(error.to_string()),
    }
}

/// A CSV file's rows: UTF-8 (a byte-order mark dropped), else GB18030
/// (what Excel on a Chinese Windows writes); the delimiter is the one of
/// `,` `;` and tab the header line holds most of.
fn csv_rows(path: &Path) -> Result<Box<dyn Iterator<Item = Row>>> {
    let bytes = fs::read(path).map_err(|error| Error::io(path, error))?;
    let text = decode(bytes);
    let header = text.lines().next().unwrap_or_default();
    // The last of the most frequent wins, so a tie goes to `,`, then `;`.
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|&delimiter| header.bytes().filter(|&byte| byte == delimiter).count())
        .unwrap_or(b',');
    let text: Rc<[u8]> = Rc::from(text.into_bytes());
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(io::Cursor::new(Rc::clone(&text)));
    // A row is a line, blank ones included (the csv crate skips them),
    // but not a line break inside a quoted cell: the lines before a record
    // less the breaks in earlier records' cells.
    let (mut scanned, mut lines, mut breaks) = (0, 0, 0);
    Ok(Box::new(reader.into_records().map_while(move |record| {
        // Reading decoded text from memory cannot fail.
        let record = record.ok()?;
        // The reader's position is where it began this read: past the
        // last record, before any blank lines it skipped.
        let mut start = record
            .position()
            .map_or(scanned, |position| position.byte() as usize);
        while matches!(text.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        lines += text[scanned..start]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count();
        scanned = start;
        let number = lines - breaks;
        breaks += record
            .iter()
            .map(|cell| cell.matches('\n').count())
            .sum::<usize>();
        let cells = record
            .iter()
            .map(|text| match text {
                "" => Value::Empty,
                text => Value::Text(text.to_owned()),
            })
            .collect();
        Some(Row { number, cells })
    })))
}

/// `bytes` as text: UTF-8 without its byte-order mark, else GB18030.
fn decode(bytes: Vec<u8>) -> String {
    let mut bytes = bytes;
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => encoding_rs::GB18030
            .decode_without_bom_handling(error.as_bytes())
            .0
            .into_owned(),
    }
}
