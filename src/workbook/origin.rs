//! Where each part of a built pack came from, so a problem the pack
//! validator finds (`content/exhibitors.json: /12/park: …`) is told at the
//! sheet and cell the operator typed it in (`exhibitors!J14`), or at the
//! place in a schedule file. Kept small per entity (a sheet number and a
//! row), since a pack may hold a million of them.

use std::collections::HashMap;

use crate::error::Problem;
use crate::workbook::problem::{cell_name, SourceProblem};
use crate::workbook::sheet::Header;

/// Where one entity (or a part of one: a park's figure, a hall's stand)
/// came from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A row of a sheet, by its index in [`Origins::sheets`].
    Row { sheet: u16, row: u32 },
    /// An element of a schedule file.
    Placed { source: String, place: String },
    /// A schedule's element with a sheet row adding to it: a field the
    /// sheet has a column for is the sheet's, any other the schedule's.
    Both {
        sheet: u16,
        row: u32,
        source: String,
        place: String,
    },
}

/// Every entity's origin, by content file and JSON pointer.
#[derive(Default)]
pub struct Origins {
    /// The source's name on problem lines.
    source: String,
    sheets: Vec<Header>,
    /// `/N` of each array file, the N-th entity's.
    entities: HashMap<&'static str, Vec<Origin>>,
    /// Any other pointer prefix (`""` of an object file, `/3/figures/1`,
    /// `/halls/0/stands/4`).
    /// Keyed `FILE#POINTER`.
    nested: HashMap<String, Origin>,
}

impl Origins {
    pub fn new(source: &str) -> Self {
        Origins {
            source: source.to_owned(),
            ..Origins::default()
        }
    }

    /// Keeps a sheet's header; its number for [`Origin::Row`].
    pub fn sheet(&mut self, header: Header) -> u16 {
        self.sheets.push(header);
        (self.sheets.len() - 1) as u16
    }

    pub fn header(&self, sheet: u16) -> &Header {
        &self.sheets[sheet as usize]
    }

    /// The origin of the next element of `file`, an array.
    pub fn push(&mut self, file: &'static str, origin: Origin) {
        self.entities.entry(file).or_default().push(origin);
    }

    /// The origin of what is at `pointer` in `file`.
    pub fn at(&mut self, file: &'static str, pointer: String, origin: Origin) {
        self.nested.insert(format!("{file}#{pointer}"), origin);
    }

    /// `problem` told at its origin; where none is known, at the pack's
    /// own file and pointer.
    pub fn locate(&self, problem: &Problem) -> SourceProblem {
        let segments: Vec<String> = problem
            .pointer
            .split('/')
            .skip(1)
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
            .collect();
        let message = self.first_used(problem);
        for length in (0..=segments.len()).rev() {
            if let Some(origin) = self.origin(&problem.file, &segments[..length]) {
                return self.tell(origin, &segments[length..], &message);
            }
        }
        SourceProblem {
            source: self.source.clone(),
            place: format!("{} {}", problem.file, problem.pointer),
            message: problem.message.clone(),
        }
    }

    /// A duplicate's message names where the id was first used by its
    /// pointer in the pack (`first used at /0`): the cell instead.
    fn first_used(&self, problem: &Problem) -> String {
        const MARK: &str = "(first used at ";
        let message = &problem.message;
        let Some(start) = message.find(MARK).map(|at| at + MARK.len()) else {
            return message.clone();
        };
        let Some(length) = message[start..].find(')') else {
            return message.clone();
        };
        let pointer = &message[start..start + length];
        let first = self.locate(&Problem::new(
            problem.file.clone(),
            format!("{pointer}/id"),
            "",
        ));
        if first.place.contains(".json") {
            return message.clone();
        }
        format!(
            "{}{}{}",
            &message[..start],
            first.place,
            &message[start + length..]
        )
    }

    fn origin(&self, file: &str, segments: &[String]) -> Option<&Origin> {
        if let [index] = segments {
            let entity = index
                .parse::<usize>()
                .ok()
                .and_then(|index| self.entities.get(file)?.get(index));
            if entity.is_some() {
                return entity;
            }
        }
        let prefix: String = segments
            .iter()
            .map(|segment| format!("/{segment}"))
            .collect();
        self.nested.get(&format!("{file}#{prefix}"))
    }

    fn tell(&self, origin: &Origin, tail: &[String], message: &str) -> SourceProblem {
        // `name/zh` is the column `name.zh`; list indexes name no column.
        let path = tail
            .iter()
            .filter(|segment| segment.parse::<usize>().is_err())
            .cloned()
            .collect::<Vec<_>>()
            .join(".");
        let cell = |sheet: u16, row: u32| {
            let header = &self.sheets[sheet as usize];
            match header.column_of(&path) {
                Some(column) => Ok(format!(
                    "{}!{}",
                    header.name,
                    cell_name(row as usize, column)
                )),
                None => Err(header),
            }
        };
        let row_place = |header: &Header, row: u32| {
            // No column for it (a whole entity, a field built from several):
            // the row's id cell, else its first.
            let column = header.column_of("id").unwrap_or(0);
            format!("{}!{}", header.name, cell_name(row as usize, column))
        };
        let field_message = || match path.as_str() {
            "" => message.to_owned(),
            field => format!("{field}: {message}"),
        };
        let (source, place, message) = match origin {
            Origin::Row { sheet, row } => match cell(*sheet, *row) {
                Ok(place) => (self.source.clone(), place, message.to_owned()),
                Err(header) => (
                    self.source.clone(),
                    row_place(header, *row),
                    field_message(),
                ),
            },
            Origin::Placed { source, place } => (source.clone(), place.clone(), field_message()),
            Origin::Both {
                sheet,
                row,
                source,
                place,
            } => match cell(*sheet, *row) {
                Ok(cell) => (self.source.clone(), cell, message.to_owned()),
                Err(_) => (source.clone(), place.clone(), field_message()),
            },
        };
        SourceProblem {
            source,
            place,
            message,
        }
    }
}
