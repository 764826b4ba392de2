//! The kiosk's side of packs: importing one atomically into the data folder,
//! reading the live one, and reporting what is there. A failure at any point
//! of an import, a crash included, leaves the live pack as it was.
//!
//! Tests are in `tests/core/store.rs`.

mod catalog;
mod content;
pub(crate) mod durable;
mod fallback;
mod import;
mod kiosk_db;
mod live;
mod lock;
mod rollback;
pub(crate) mod schema;
mod staging;

pub use catalog::Catalog;
pub use content::slides::DEFAULT_SLIDE_SECONDS;
pub use fallback::{open_for_kiosk, Showing};
pub use import::{
    import, import_timed, import_with_progress, rfc3339, StepTimes, KEPT_BESIDES_LIVE,
};
pub use rollback::rollback;
pub use staging::make_live;

use std::path::Path;

use crate::data_dir::DataDir;
use crate::error::Result;
use crate::model::Status;
use crate::signing;

/// How many import attempts and rollbacks `status` lists.
const STATUS_HISTORY: u32 = 10;

/// The live pack with its counts and who signed it, the pack staged for an
/// operator, the packs kept for rollback, the last imports, and the keys
/// whose packs are accepted. Creates nothing in the data folder, and takes no lock: it reads
/// `live` once and the folders it names are never changed.
pub fn status(data: &DataDir) -> Result<Status> {
    let folders = live::PackFolders::read(data)?;
    let live = folders
        .live
        .as_ref()
        .map(|folder| Catalog::open(&data.pack_dir(folder)))
        .transpose()?;
    let kept = rollback::kept_packs(data, &folders);
    let history = match kiosk_db::KioskDb::open_existing(data)? {
        Some(db) => db.recent(STATUS_HISTORY)?,
        None => Vec::new(),
    };
    let trusted_keys = signing::trusted_keys(data)?
        .iter()
        .map(|key| key.id.to_string())
        .collect();
    let signer = folders
        .live
        .as_ref()
        .map(|folder| signing::read_signer(&data.pack_dir(folder)));
    let counts = live.as_ref().map(Catalog::counts).transpose()?;
    let staged = staging::staged_pack(data, &folders);
    let info = live.map(|catalog| catalog.pack_info());
    Ok(Status {
        pack: info.as_ref().map(|info| info.pack.clone()),
        version: info.as_ref().map(|info| info.version),
        live: info,
        counts,
        kept,
        history,
        trusted_keys,
        signer,
        staged,
    })
}

/// Whether the inbox already tried the pack at `source` in the state
/// `fingerprint`, in this run of the kiosk or an earlier one. Unknown when
/// the history cannot be read, and then it is tried: an extra line in the
/// history is better than a pack never imported.
pub fn inbox_tried(data: &DataDir, source: &Path, fingerprint: u64) -> bool {
    let recorded = kiosk_db::KioskDb::open_existing(data).and_then(|db| {
        db.map(|db| db.tried_fingerprint(&source.to_string_lossy()))
            .transpose()
    });
    matches!(recorded, Ok(Some(Some(tried))) if tried == fingerprint)
}

/// Records that the inbox tried the pack at `source` in the state `fingerprint`.
pub fn remember_inbox_try(data: &DataDir, source: &Path, fingerprint: u64) -> Result<()> {
    kiosk_db::KioskDb::open(data)?.remember_tried(&source.to_string_lossy(), fingerprint)
}
