//! Packs from what operators already keep: a workbook (`.xlsx`, `.ods`, a
//! folder of CSV files) and schedule files, and back (`pack build`, `pack
//! init`, `pack export`), as `shared/spec/workbook.md` fixes it. Operators
//! never need to see the pack's JSON: every problem names the file and the
//! cell it came from.

pub mod agenda;
pub mod build;
pub mod cell;
pub mod layout;
pub mod media;
pub mod origin;
pub mod problem;
pub mod schedule;
pub mod sheet;
pub mod source;

pub use problem::SourceProblem;
