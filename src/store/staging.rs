//! Packs waiting for an operator. With `go_live: confirm` in the settings an
//! import verifies and builds the new pack beside the live one exactly as
//! always, but names it in `DATA/staged` instead of switching `live` to it
//! (`import`); a newer staged pack replaces it. [`make_live`] then does
//! the switch an import would have done: the same atomic, durable replace
//! of `live`, under the same lock, recorded in the history.
//!
//! A crash at any point leaves the live pack or the staged one live,
//! never a mix: before the switch `live` is unchanged; after it, a
//! `staged` still naming the live folder is ignored (`PackFolders`) and
//! dropped by the next import or `make_live`.
//!
//! The catalog reads only `live`, so visitors never see a staged pack; the
//! panel can open its folder (`StagedPack::folder`) with `Catalog::open` to
//! browse it.
//!
//! Tests are in `tests/core/store.rs`.

use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::model::{HistoryEntry, ImportOutcome, PackInfo, StagedPack};
use crate::signing;
use crate::store::import::rfc3339;
use crate::store::kiosk_db::KioskDb;
use crate::store::live::{self, PackFolders};
use crate::store::lock::DataLock;
use crate::store::Catalog;

/// The staged pack, if one is waiting and still opens.
pub(super) fn staged_pack(data: &DataDir, folders: &PackFolders) -> Option<StagedPack> {
    let folder = folders.staged.as_ref()?;
    let dir = data.pack_dir(folder);
    let catalog = Catalog::open(&dir).ok()?;
    Some(StagedPack {
        folder: folder.clone(),
        counts: catalog.counts().ok()?,
        info: catalog.pack_info(),
        signer: signing::read_signer(&dir),
    })
}

/// Makes the staged pack live. `Error::NothingStaged` when none waits;
/// `Error::VersionNotNewer` when a pack made live since is as new (then
/// the staged one stays staged); `Error::Busy` while an import or rollback
/// runs. On any error the live pack is unchanged.
pub fn make_live(data: &DataDir) -> Result<PackInfo> {
    let nothing = || Error::NothingStaged {
        data_dir: data.root().to_path_buf(),
    };
    // Checked before locking so that a data folder that does not exist is
    // not created just to say there is nothing in it.
    if live::read_staged(data)?.is_none() {
        return Err(nothing());
    }
    let _lock = DataLock::acquire(data)?;
    let folders = PackFolders::read(data)?;
    let Some(folder) = folders.staged else {
        // A switch done whose pointer was not cleared: clear it now.
        live::unstage(data)?;
        return Err(nothing());
    };
    let dir = data.pack_dir(&folder);
    let info = Catalog::open(&dir)?.pack_info();
    if let Ok(live) = Catalog::open_live(data) {
        let live = live.pack_info();
        if live.pack == info.pack && info.version <= live.version {
            return Err(Error::VersionNotNewer {
                pack: info.pack,
                version: info.version,
                live_version: live.version,
            });
        }
    }
    // Opened before the switch so that a kiosk.db that cannot be written
    // stops it rather than leaving it unrecorded.
    let history = KioskDb::open(data)?;
    live::switch_to(data, &folder)?;
    live::unstage(data)?;
    history.record(&HistoryEntry {
        at: rfc3339(OffsetDateTime::now_utc()),
        source: dir.display().to_string(),
        pack: Some(info.pack.clone()),
        version: Some(info.version),
        outcome: ImportOutcome::MadeLive,
        errors: Vec::new(),
    })?;
    Ok(info)
}
