//! Pavilion's core: content packs (reading, validation), their atomic import
//! into the kiosk's data folder, and the queries the kiosk and the CLI make.
//! It knows nothing of Tauri or of any UI protocol; `src-tauri/` adapts it.

pub mod error;
pub mod model;

pub use error::{Error, ErrorCode, ErrorReport, Problem, Result};
