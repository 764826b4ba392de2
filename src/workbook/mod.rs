//! Packs from what operators already keep: a workbook (`.xlsx`, `.ods`, a
//! folder of CSV files) and schedule files, and back (`pack build`, `pack
//! init`, `pack export`), as `shared/spec/workbook.md` fixes it. Operators
//! never need to see the pack's JSON: every problem names the file and the
//! cell it came from.

pub mod agenda;
pub mod build;
pub mod cell;
pub mod export;
pub mod init;
pub mod layout;
pub mod media;
pub mod origin;
pub mod problem;
pub mod schedule;
pub mod sheet;
pub mod source;
pub mod writer;

pub use problem::SourceProblem;

/// The media folder beside a workbook, where its picture cells point.
pub const MEDIA_FOLDER: &str = "media";
