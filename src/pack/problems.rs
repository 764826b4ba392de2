//! Problem reporting: where in a pack a problem is ([`At`], a file and a
//! JSON pointer) and the report they make ([`Problems`], filed by [`Stage`]
//! and capped). At the bottom of `pack`: every other module reports through
//! it, and it uses none of them (the order of files comes in a
//! [`FileOrder`]).

use std::collections::BTreeMap;

use crate::error::{Error, Problem};

/// How many problems a report lists before it only counts the rest.
pub const PROBLEM_CAP: usize = 200;

/// The stages of validation, in the order a report lists what they find.
/// The content is read one file (and one element) at a time, each going
/// through every stage before the next, so problems arrive out of this
/// order; each is filed under its stage and file, and the report lists
/// them as if every stage had run over every file before the next stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The manifest and the files against it, in the order found.
    Files,
    /// JSON syntax and string lengths, file by file in path order.
    Syntax,
    /// The limit on entities, over all files.
    Limits,
    /// Elements against their input types; from here on, files in the
    /// format's order.
    Types,
    /// Id formats and uniqueness.
    Ids,
    /// Everything else: text, times, media, references.
    Content,
}

/// Every problem found so far, filed by stage and file, each section
/// holding the first [`PROBLEM_CAP`] found in it and counting the rest.
#[derive(Debug)]
pub struct Problems {
    sections: BTreeMap<(Stage, usize), Section>,
    stage: Stage,
    order: &'static FileOrder,
}

/// The order a report lists files in: `first` (the manifest), then the
/// content files (in `by_path` order for [`Stage::Syntax`], `by_format`
/// order from [`Stage::Types`] on), then any other file by path. Given by
/// the format (`pack::kind`), so this module needs nothing else of `pack`.
#[derive(Debug)]
pub struct FileOrder {
    pub first: &'static str,
    pub by_path: &'static [&'static str],
    pub by_format: &'static [&'static str],
}

#[derive(Debug, Default)]
struct Section {
    listed: Vec<Problem>,
    not_listed: usize,
}

impl Problems {
    /// No problems yet, to be reported in `order`.
    pub fn new(order: &'static FileOrder) -> Self {
        Problems {
            sections: BTreeMap::new(),
            stage: Stage::Files,
            order,
        }
    }

    /// Files the problems added from now on under `stage`.
    pub fn enter(&mut self, stage: Stage) {
        self.stage = stage;
    }

    pub fn add(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        let section = self.sections.entry(self.key(file)).or_default();
        if section.listed.len() < PROBLEM_CAP {
            section.listed.push(Problem::new(file, pointer, message));
        } else {
            section.not_listed += 1;
        }
    }

    /// The section a problem in `file` goes to at the current stage.
    fn key(&self, file: &str) -> (Stage, usize) {
        let files = match self.stage {
            Stage::Files | Stage::Limits => return (self.stage, 0),
            Stage::Syntax => self.order.by_path,
            Stage::Types | Stage::Ids | Stage::Content => self.order.by_format,
        };
        let rank = files.iter().position(|known| *known == file);
        (self.stage, rank.unwrap_or(files.len()))
    }

    /// Whether a problem in `file` would only be counted, not listed: then
    /// there is no point working out a helpful message. Problems found
    /// later in earlier sections only push it further down.
    pub fn is_full(&self, file: &str) -> bool {
        let before: usize = self
            .sections
            .range(..=self.key(file))
            .map(|(_, section)| section.listed.len())
            .sum();
        before >= PROBLEM_CAP
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The report as an error: the first [`PROBLEM_CAP`] problems in stage
    /// order, grouped by file (the manifest, then the content files in the
    /// format's order, then the rest by path; within a file in stage
    /// order); the last line counts what the cap left out.
    pub fn into_error(self) -> Error {
        let mut listed = Vec::new();
        let mut not_listed = 0;
        for section in self.sections.into_values() {
            let room = PROBLEM_CAP - listed.len();
            not_listed += section.not_listed + section.listed.len().saturating_sub(room);
            listed.extend(section.listed.into_iter().take(room));
        }
        let order = self.order;
        listed.sort_by_cached_key(|problem| order.rank(&problem.file));
        if not_listed > 0 {
            let message =
                format!("{not_listed} more problems not listed (the first {PROBLEM_CAP} are)");
            listed.push(Problem::new("(pack)", "", message));
        }
        Error::InvalidPack { problems: listed }
    }
}

impl FileOrder {
    fn rank(&self, file: &str) -> (usize, String) {
        let content = self.by_format.iter().position(|known| *known == file);
        match (file == self.first, content) {
            (true, _) => (0, String::new()),
            (false, Some(position)) => (1 + position, String::new()),
            (false, None) => (1 + self.by_format.len(), file.to_owned()),
        }
    }
}

/// One segment of a JSON pointer, escaped as RFC 6901 says.
pub fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A place in the pack: a file and a JSON pointer into it. The pointer is
/// a chain of borrowed steps, spelt out only when a problem is reported:
/// every field of every entity has a place, few have a problem.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub file: &'a str,
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

    pub fn field<'b>(&'b self, name: &'b str) -> At<'b> {
        At {
            file: self.file,
            place: Place::Field(self, name),
        }
    }

    pub fn index(&self, index: usize) -> At<'_> {
        At {
            file: self.file,
            place: Place::Index(self, index),
        }
    }

    pub fn pointer(&self) -> String {
        match self.place {
            Place::Pointer(pointer) => pointer.to_owned(),
            Place::Field(parent, name) => {
                format!("{}/{}", parent.pointer(), pointer_segment(name))
            }
            Place::Index(parent, index) => format!("{}/{index}", parent.pointer()),
        }
    }

    pub fn problem(&self, problems: &mut Problems, message: impl Into<String>) {
        problems.add(self.file, &self.pointer(), message);
    }
}
