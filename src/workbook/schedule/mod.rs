//! Schedule files into sessions and speakers: frab XML (`<schedule>`, as
//! pretalx, frab and Indico export it) and the c3voc JSON (pretalx's
//! `schedule.json`), told apart by content, never by name. `pack build`
//! merges what `read` gives with the workbook's `sessions` and `speakers`
//! sheets (workbook.md, "Schedules").
//!
//! What becomes what:
//! - each event a session: its `guid`, else its `id`, is the session's id
//!   (a slug of it when it is not a pack id: `talk 12` → `talk-12`; two
//!   events with one id are a problem); `title`; `date` (with its offset),
//!   else the day's date and `start` in the conference's zone, else the
//!   event sheet's, else the offset of the day's start; `duration` (`HH:MM`,
//!   or pretalx's `D:HH:MM` for a day or more) gives the end; the room it is listed under; `track`;
//!   `abstract` and `description`, joined by a blank line, as Markdown;
//! - each person a speaker, once however many events they speak at: its id
//!   is the person's (frab `<person id>`, c3voc `id`, else `code`, else
//!   `guid`), else a slug of the name (张伟 → `zhang-wei`, see `ids`); two
//!   different names with one slug are a problem (give one an id).
//!
//! Tests are in `tests/core/schedule.rs`.

mod agenda;
mod c3voc;
mod frab;
mod ids;
mod markup;
mod times;
mod written;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::speaker::SpeakerInput;
use crate::workbook::SourceProblem;

/// What a schedule file gives a pack.
#[derive(Debug)]
pub struct Schedule {
    /// Without an `event` sheet the event comes from here.
    pub conference: Option<Conference>,
    pub sessions: Vec<Placed<SessionInput>>,
    pub speakers: Vec<Placed<SpeakerInput>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conference {
    pub title: String,
    /// YYYY-MM-DD
    pub starts_on: String,
    /// YYYY-MM-DD
    pub ends_on: String,
    /// IANA, when the file says.
    pub timezone: Option<String>,
}

/// A value and where in its file it came from, so a problem the pack
/// validator finds later is reported at that place.
#[derive(Debug)]
pub struct Placed<T> {
    pub value: T,
    /// The file name as given, e.g. "schedule.xml".
    pub source: String,
    /// e.g. "/schedule/day[2]/room[1]/event[4]"
    pub place: String,
}

/// Reads a frab XML or c3voc JSON schedule, told apart by content.
/// Reads every schedule file of `paths` ([`read`]), all their problems
/// together.
pub fn read_all(
    paths: &[PathBuf],
    timezone: Option<&str>,
) -> Result<Vec<Schedule>, Vec<SourceProblem>> {
    let mut schedules = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read(path, timezone) {
            Ok(schedule) => schedules.push(schedule),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(schedules)
    } else {
        Err(problems)
    }
}

/// `timezone`: the event's zone from the workbook's `event` sheet, if any,
/// for times the file gives without an offset (the caller reports a zone
/// that does not exist; here it is then as good as none).
pub fn read(path: &Path, timezone: Option<&str>) -> Result<Schedule, Vec<SourceProblem>> {
    let source = path.display().to_string();
    let whole_file = |message: String| {
        vec![SourceProblem {
            source: source.clone(),
            place: "/".into(),
            message,
        }]
    };
    let file = File::open(path).map_err(|error| whole_file(format!("cannot read it: {error}")))?;
    let mut input = BufReader::new(file);
    let first =
        first_byte(&mut input).map_err(|error| whole_file(format!("cannot read it: {error}")))?;
    let written = match first {
        Some(b'<') => frab::read(input, path),
        Some(b'{') => c3voc::read(input),
        _ => {
            return Err(whole_file(
                "neither a frab schedule XML (<schedule>) nor a c3voc schedule JSON \
                 ({\"schedule\": {\"conference\": …}})"
                    .into(),
            ))
        }
    };
    let written = written.map_err(|(place, message)| {
        vec![SourceProblem {
            source: source.clone(),
            place,
            message,
        }]
    })?;
    agenda::build(&source, written, timezone)
}

/// The first byte that is not a byte-order mark or white space, left unread
/// except for the mark.
fn first_byte(input: &mut impl BufRead) -> std::io::Result<Option<u8>> {
    if input.fill_buf()?.starts_with("\u{feff}".as_bytes()) {
        input.consume(3);
    }
    loop {
        let bytes = input.fill_buf()?;
        if bytes.is_empty() {
            return Ok(None);
        }
        match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(index) => {
                let first = bytes[index];
                input.consume(index);
                return Ok(Some(first));
            }
            None => {
                let all = bytes.len();
                input.consume(all);
            }
        }
    }
}
