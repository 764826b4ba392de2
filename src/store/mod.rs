//! The kiosk's side of packs: importing one atomically into the data folder,
//! reading the live one, and reporting what is there. A failure at any point
//! of an import, a crash included, leaves the live pack as it was.
//!
//! Tests are in `tests/core/store.rs`.

mod catalog;
mod content_db;
pub(crate) mod durable;
mod import;
mod kiosk_db;
mod live;

pub use catalog::Catalog;
pub use import::{import, KEPT_BESIDES_LIVE};

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::model::{KeptPack, Status};

/// How many import attempts `status` lists.
const STATUS_HISTORY: u32 = 10;

/// The live pack with its counts, the packs kept for rollback, and the last
/// imports. Creates nothing in the data folder.
pub fn status(data: &DataDir) -> Result<Status> {
    let live = match Catalog::open_live(data) {
        Ok(catalog) => Some(catalog),
        Err(Error::NoLivePack { .. }) => None,
        Err(error) => return Err(error),
    };
    let live_folder = live::read_pointer(data)?;
    let kept = live::kept_folders(data)?
        .into_iter()
        .filter(|folder| Some(folder) != live_folder.as_ref())
        .filter_map(|folder| {
            // A kept folder that no longer opens cannot be rolled back to.
            let info = Catalog::open(&data.pack_dir(&folder)).ok()?.pack_info();
            Some(KeptPack {
                folder,
                pack: info.pack,
                version: info.version,
                imported_at: info.imported_at,
            })
        })
        .collect();
    let history = match kiosk_db::KioskDb::open_existing(data)? {
        Some(db) => db.recent(STATUS_HISTORY)?,
        None => Vec::new(),
    };
    let counts = live.as_ref().map(Catalog::counts).transpose()?;
    let info = live.map(|catalog| catalog.pack_info());
    Ok(Status {
        pack: info.as_ref().map(|info| info.pack.clone()),
        version: info.as_ref().map(|info| info.version),
        live: info,
        counts,
        kept,
        history,
    })
}

/// The error for a database whose schema this build does not know.
fn schema_mismatch(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
        Some(message),
    )
}
