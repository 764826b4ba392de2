//! Pavilion's core: content packs (reading, validation), their atomic import
//! into the kiosk's data folder, and the queries the kiosk and the CLI make.
//! It knows nothing of Tauri or of any UI protocol; `src-tauri/` adapts it.

#[cfg(feature = "cli")]
pub mod cli;
pub mod data_dir;
pub mod error;
pub mod fleet;
pub mod import_worker;
pub mod inbox;
pub mod model;
pub mod operator;
pub mod pack;
pub mod settings;
pub mod signing;
pub mod stats;
pub mod store;
#[cfg(feature = "synth")]
pub mod synth;
#[cfg(feature = "workbook")]
pub mod workbook;

pub use data_dir::DataDir;
pub use error::{Error, ErrorCode, ErrorReport, Problem, Result};
pub use store::{import, status, Catalog};
