//! `pavilion rollback`: the operator's way back when a new pack turns out
//! wrong. It makes the pack that was live before the live one live again,
//! by the same atomic switch of `live` an import ends with, under the same
//! lock, and records it in the history.
//!
//! A second rollback steps further back (to the pack live before that one),
//! never forward: the pack rolled back from stays on disk, listed by
//! `status`, until the next import prunes it; to go forward again, import
//! it again (its version is higher than the live one's, so it is accepted).

use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::model::{HistoryEntry, ImportOutcome, KeptPack, PackInfo};
use crate::store::import::rfc3339;
use crate::store::kiosk_db::KioskDb;
use crate::store::live::{self, PackFolders};
use crate::store::lock::DataLock;
use crate::store::Catalog;

/// Makes the previous pack live again. `Error::NoLivePack` or
/// `Error::NoPreviousPack` when there is nothing to roll back (from or to),
/// `Error::Busy` while an import or rollback runs; the live pack is then
/// unchanged.
pub fn rollback(data: &DataDir) -> Result<PackInfo> {
    rollback_where(data, |kept| kept.rollback_step == Some(1))
}

/// Makes the kept pack in `folder` live again, however many steps back it
/// is (the panel's rollback to a chosen pack). Only a pack that `rollback`
/// reaches (`KeptPack::rollback_step`) can be chosen: a pack rolled back
/// from goes live again by importing it. `Error::NoPreviousPack` for any
/// other folder; otherwise as `rollback`.
pub fn rollback_to(data: &DataDir, folder: &str) -> Result<PackInfo> {
    rollback_where(data, |kept| {
        kept.folder == folder && kept.rollback_step.is_some()
    })
}

fn rollback_where(data: &DataDir, chosen: impl Fn(&KeptPack) -> bool) -> Result<PackInfo> {
    let no_live_pack = || Error::NoLivePack {
        data_dir: data.root().to_path_buf(),
    };
    // Checked before locking so that a data folder that does not exist is
    // not created just to say there is nothing in it.
    if live::read_pointer(data)?.is_none() {
        return Err(no_live_pack());
    }
    let _lock = DataLock::acquire(data)?;
    let folders = PackFolders::read(data)?;
    if folders.live.is_none() {
        return Err(no_live_pack());
    }
    let target = kept_packs(data, &folders)
        .into_iter()
        .find(|kept| chosen(kept))
        .ok_or_else(|| Error::NoPreviousPack {
            data_dir: data.root().to_path_buf(),
        })?;
    let dir = data.pack_dir(&target.folder);
    let info = Catalog::open(&dir)?.pack_info();
    // Opened before the switch so that a kiosk.db that cannot be written
    // stops the rollback rather than leaving it unrecorded.
    let history = KioskDb::open(data)?;
    live::switch_to(data, &target.folder)?;
    history.record(&HistoryEntry {
        at: rfc3339(OffsetDateTime::now_utc()),
        source: dir.display().to_string(),
        pack: Some(info.pack.clone()),
        version: Some(info.version),
        outcome: ImportOutcome::RolledBack,
        errors: Vec::new(),
    })?;
    Ok(info)
}

/// The packs kept besides the live one that still open, numbered in the
/// order `rollback` reaches them; `status` shows exactly what `rollback` does.
pub(super) fn kept_packs(data: &DataDir, folders: &live::PackFolders) -> Vec<KeptPack> {
    let reachable = folders.rollback.iter().map(|folder| (folder, true));
    let rest = folders.rest.iter().map(|folder| (folder, false));
    let mut step = 0;
    reachable
        .chain(rest)
        .filter_map(|(folder, reachable)| {
            // A kept folder that no longer opens cannot be rolled back to.
            let info = Catalog::open(&data.pack_dir(folder)).ok()?.pack_info();
            Some(KeptPack {
                folder: folder.clone(),
                pack: info.pack,
                version: info.version,
                imported_at: info.imported_at,
                rollback_step: reachable.then(|| {
                    step += 1;
                    step
                }),
            })
        })
        .collect()
}
