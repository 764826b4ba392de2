//! The kiosk's side of packs: importing one atomically into the data folder,
//! reading the live one, and reporting what is there. A failure at any point
//! of an import, a crash included, leaves the live pack as it was.
//!
//! Tests are in `tests/core/store.rs`.

mod catalog;
mod content;
pub(crate) mod durable;
mod fallback;
mod hand_over;
mod import;
mod kept_pack;
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
pub use kept_pack::{kept_pack, live_pack};
pub use rollback::{rollback, rollback_to};
pub use staging::make_live;

use std::fs;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::{Error, Result, Stopped};
use crate::model::{HistoryEntry, ImportOutcome, Status};
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

/// The last import of the pack at `source`; `None` when it was never
/// imported or the history cannot be read.
pub fn last_import_of(data: &DataDir, source: &Path) -> Option<HistoryEntry> {
    let db = kiosk_db::KioskDb::open_existing(data).ok()??;
    db.last_of(&source.to_string_lossy()).ok()?
}

/// Records, durably and before the import starts, that the inbox is trying
/// the pack at `source` in the state `fingerprint`: should the import take
/// the kiosk down, the next start finds the try unfinished
/// ([`quarantine_unfinished`]) instead of trying the pack again.
pub fn start_inbox_try(data: &DataDir, source: &Path, fingerprint: u64) -> Result<()> {
    fs::create_dir_all(data.root()).map_err(|error| Error::io(data.root(), error))?;
    kiosk_db::KioskDb::open(data)?.start_try(
        &source.to_string_lossy(),
        fingerprint,
        &rfc3339(OffsetDateTime::now_utc()),
    )
}

/// Ends the try [`start_inbox_try`] began. `kept`: the pack stays tried in
/// that state; else it is forgotten, and tried again when next seen (a
/// stick pulled during its import, put back).
pub fn end_inbox_try(data: &DataDir, source: &Path, kept: bool) -> Result<()> {
    let db = kiosk_db::KioskDb::open(data)?;
    let source = source.to_string_lossy();
    if kept {
        db.end_try(&source)
    } else {
        db.forget_try(&source)
    }
}

/// Records in the history that importing `source` failed with `error`,
/// for an import whose own record was never written: its process died.
pub fn record_failure(data: &DataDir, source: &Path, error: &Error) -> Result<()> {
    kiosk_db::KioskDb::open(data)?.record(&HistoryEntry {
        at: rfc3339(OffsetDateTime::now_utc()),
        source: source.display().to_string(),
        pack: None,
        version: None,
        outcome: ImportOutcome::Failed,
        errors: vec![error.to_string()],
    })
}

/// The inbox's tries that a previous run of the kiosk started and never
/// ended: it stopped (crashed, was killed, lost power) during them. Each is
/// recorded as failed in the history, with that reason, and stays tried
/// in its state, so a pack that brought the kiosk down is not tried again
/// on its own, at this start or any other; a new state of it is a new try.
/// Returns what was recorded.
pub fn quarantine_unfinished(data: &DataDir) -> Result<Vec<Error>> {
    let Some(db) = kiosk_db::KioskDb::open_existing(data)? else {
        return Ok(Vec::new());
    };
    let mut recorded = Vec::new();
    for (source, _started) in db.unfinished_tries()? {
        let stopped = Error::ImportStopped {
            pack: PathBuf::from(&source),
            why: Stopped::KioskStopped,
        };
        record_failure(data, Path::new(&source), &stopped)?;
        db.end_try(&source)?;
        recorded.push(stopped);
    }
    Ok(recorded)
}
