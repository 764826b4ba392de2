//! Packs that arrive as files: dropped into `DATA/inbox/`, or appearing in a
//! folder the operator configured (a USB stick's mount point, a synced
//! folder). The delicate part is deciding when a pack has *finished*
//! arriving: a copy in progress must not be imported half-written, and a
//! finished one should go live within seconds.
//!
//! A pack counts as arrived when its fingerprint (every file's path, size and
//! modification time) has stayed the same for a quiet period across two looks.
//! Modification times alone are not enough: `cp -p` and rsync keep the
//! source's old times while the copy is still growing.
//!
//! The caller (the kiosk's watcher thread, or a test) calls [`Inbox::sync`]
//! when something changed or a while has passed. Each distinct state of a
//! candidate is tried once, in this run of the kiosk or an earlier one
//! (remembered in `kiosk.db` before its import starts): a pack is not
//! retried until its files change, so a bad pack on a USB stick does not
//! fill the history, a pack left in the inbox adds no "not newer" line at
//! every start, and a pack whose import took the kiosk down is not tried
//! again when it restarts. A pack gone during its import (a stick pulled)
//! is tried again when it is back.
//! Tests are in `tests/core/inbox.rs`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::data_dir::DataDir;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ImportOutcome, PackInfo, WaitingPack, WaitingState};
use crate::pack::limits;
use crate::settings::Settings;
use crate::store;

/// How long a pack must stay unchanged before it is imported.
pub const QUIET_PERIOD: Duration = Duration::from_secs(2);

/// The longest wait between two tries of a path whose packs keep being
/// refused: a synced folder rewritten every few seconds with a bad pack is
/// verified every few minutes, not every few seconds.
pub const MAX_BACKOFF: Duration = Duration::from_secs(5 * 60);

/// Entries of one watched folder looked at per scan, at most: a stick or a
/// synced folder holding a million files must not stall the inbox thread
/// at every look. Packs past it are not seen, which the report says.
pub const SCAN_LIMIT: usize = 10_000;

/// What happened to one pack that had finished arriving.
#[derive(Debug)]
pub enum Arrival {
    Live { path: PathBuf, pack: PackInfo },
    Refused { path: PathBuf, error: Error },
}

#[derive(Debug, Default)]
pub struct SyncReport {
    pub arrivals: Vec<Arrival>,
    /// Something is still arriving: look again after the quiet period.
    pub pending: bool,
    /// Watched folders found holding more than [`SCAN_LIMIT`] entries by
    /// this sync and not by the one before: said once, not at every look.
    pub crowded: Vec<PathBuf>,
}

impl SyncReport {
    /// The pack that is live after this sync, if this sync changed it.
    pub fn went_live(&self) -> Option<&PackInfo> {
        self.arrivals
            .iter()
            .rev()
            .find_map(|arrival| match arrival {
                Arrival::Live { pack, .. } => Some(pack),
                Arrival::Refused { .. } => None,
            })
    }
}

pub struct Inbox {
    folders: Vec<PathBuf>,
    quiet: Duration,
    sightings: HashMap<PathBuf, Sighting>,
    crowded: HashSet<PathBuf>,
}

struct Sighting {
    fingerprint: u64,
    since: Instant,
    tried: bool,
    /// Tries of this path refused in a row, whatever its state at each.
    refusals: u32,
    /// Not tried again before then: the last refusal plus the quiet
    /// period doubled once per refusal, up to [`MAX_BACKOFF`].
    not_before: Option<Instant>,
}

impl Inbox {
    pub fn new(folders: Vec<PathBuf>, quiet: Duration) -> Inbox {
        Inbox {
            folders,
            quiet,
            sightings: HashMap::new(),
            crowded: HashSet::new(),
        }
    }

    /// `DATA/inbox/` (created if missing) and the folders in the settings.
    pub fn for_data_dir(data: &DataDir, settings: &Settings) -> Result<Inbox> {
        let inbox = data.inbox();
        std::fs::create_dir_all(&inbox).map_err(|error| Error::io(&inbox, error))?;
        let mut folders = vec![inbox];
        folders.extend(settings.watch_folders.iter().cloned());
        Ok(Inbox::new(folders, QUIET_PERIOD))
    }

    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Imports every pack that has finished arriving and was not tried in
    /// its present state, in path order. Each import is the core's whole
    /// verified import: a refusal leaves the live pack as it was and is
    /// recorded in the import history.
    pub fn sync(&mut self, data: &DataDir, now: Instant) -> SyncReport {
        self.sync_with(data, now, &mut |path| store::import(data, path))
    }

    /// [`Inbox::sync`], each pack imported by `import`: the kiosk's runs
    /// the core's import in a process of its own (`import_worker`).
    pub fn sync_with(
        &mut self,
        data: &DataDir,
        now: Instant,
        import: &mut dyn FnMut(&Path) -> Result<PackInfo>,
    ) -> SyncReport {
        let mut report = SyncReport::default();
        let mut present = HashSet::new();
        let mut found = Vec::new();
        for folder in &self.folders {
            let (packs, crowded) = candidates(folder);
            found.extend(packs);
            if !crowded {
                self.crowded.remove(folder);
            } else if self.crowded.insert(folder.clone()) {
                report.crowded.push(folder.clone());
            }
        }
        for path in found {
            present.insert(path.clone());
            let Some(fingerprint) = fingerprint(&path) else {
                // Vanished or unreadable mid-look: a copy or a removal in progress.
                report.pending = true;
                continue;
            };
            let sighting = self
                .sightings
                .entry(path.clone())
                .or_insert_with(|| Sighting {
                    fingerprint,
                    since: now,
                    // Tried by an earlier run of the kiosk in this very state: a
                    // stick left in, a synced folder that keeps its packs.
                    tried: store::inbox_tried(data, &path, fingerprint),
                    refusals: 0,
                    not_before: None,
                });
            if sighting.fingerprint != fingerprint {
                // A new state, but the same path: its refusals so far count.
                sighting.fingerprint = fingerprint;
                sighting.since = now;
                sighting.tried = false;
            }
            if sighting.tried {
                continue;
            }
            if now.duration_since(sighting.since) < self.quiet
                || sighting.not_before.is_some_and(|then| now < then)
            {
                report.pending = true;
                continue;
            }
            // Before the import starts: should it take the kiosk down, the
            // next start finds this try unfinished and does not try again.
            if let Err(error) = store::start_inbox_try(data, &path, fingerprint) {
                eprintln!(
                    "pavilion: inbox: {}: not remembered as tried: {error}",
                    path.display()
                );
            }
            let outcome = import(&path);
            // A pack gone during its import (a stick pulled) is tried again
            // when it is back; a busy data folder has it wait its turn.
            let busy = matches!(&outcome, Err(error) if error.code() == ErrorCode::Busy);
            let again = busy || (outcome.is_err() && !path.exists());
            if let Err(error) = store::end_inbox_try(data, &path, !again) {
                eprintln!(
                    "pavilion: inbox: {}: its try not recorded as ended: {error}",
                    path.display()
                );
            }
            match outcome {
                // Another import (the CLI, a rollback) holds the data folder:
                // nothing is wrong with this pack, so it waits its turn.
                Err(_) if busy => report.pending = true,
                outcome => {
                    sighting.tried = !again;
                    if outcome.is_ok() {
                        sighting.refusals = 0;
                        sighting.not_before = None;
                    } else {
                        sighting.refusals = sighting.refusals.saturating_add(1);
                        let wait = self
                            .quiet
                            .saturating_mul(1 << sighting.refusals.min(16))
                            .min(MAX_BACKOFF);
                        sighting.not_before = Some(now + wait);
                    }
                    report.arrivals.push(match outcome {
                        Ok(pack) => Arrival::Live { path, pack },
                        Err(error) => Arrival::Refused { path, error },
                    });
                }
            }
        }
        // Forget what is gone, so memory stays bounded over weeks of sticks.
        self.sightings.retain(|path, _| present.contains(path));
        report
    }
}

/// The packs in the watched folders and what the inbox made of each, for
/// the operator's panel: waiting (not tried in its present state), refused
/// with the reasons, or imported. Reads only; a pack being copied shows as
/// waiting.
pub fn waiting(data: &DataDir, settings: &Settings) -> Result<Vec<WaitingPack>> {
    let inbox = Inbox::for_data_dir(data, settings)?;
    let mut packs = Vec::new();
    for folder in inbox.folders() {
        for path in candidates(folder).0 {
            let tried = fingerprint(&path)
                .is_some_and(|fingerprint| store::inbox_tried(data, &path, fingerprint));
            let last = tried.then(|| store::last_import_of(data, &path)).flatten();
            let (pack, version) = match &last {
                Some(entry) if entry.pack.is_some() => (entry.pack.clone(), entry.version),
                _ => manifest_id(&path),
            };
            let (state, errors) = match last {
                Some(entry)
                    if matches!(
                        entry.outcome,
                        ImportOutcome::Refused | ImportOutcome::Failed
                    ) =>
                {
                    (WaitingState::Refused, entry.errors)
                }
                _ if tried => (WaitingState::Imported, Vec::new()),
                _ => (WaitingState::Waiting, Vec::new()),
            };
            packs.push(WaitingPack {
                path: path.display().to_string(),
                pack,
                version,
                state,
                errors,
            });
        }
    }
    Ok(packs)
}

/// A pack folder's id and version as its manifest gives them, when it
/// reads; a `.zip` is not opened for this.
fn manifest_id(path: &Path) -> (Option<String>, Option<u32>) {
    let manifest = std::fs::File::open(path.join("manifest.json"))
        .ok()
        .and_then(|file| {
            use std::io::Read;
            let mut text = String::new();
            file.take(limits::MAX_MANIFEST_BYTES)
                .read_to_string(&mut text)
                .ok()?;
            serde_json::from_str::<serde_json::Value>(&text).ok()
        });
    let Some(manifest) = manifest else {
        return (None, None);
    };
    (
        manifest["pack"].as_str().map(str::to_owned),
        manifest["version"]
            .as_u64()
            .and_then(|version| u32::try_from(version).ok()),
    )
}

/// The packs in `folder`: the folder itself when it is a pack (a USB stick
/// with the pack at its root), else its sub-folders holding a
/// `manifest.json` and its `.zip` files. Hidden names and partial downloads
/// are skipped. A missing folder has none. Links are never followed into,
/// and at most [`SCAN_LIMIT`] entries are looked at: `true` when there were
/// more.
fn candidates(folder: &Path) -> (Vec<PathBuf>, bool) {
    if folder.join("manifest.json").is_file() {
        return (vec![folder.to_path_buf()], false);
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return (Vec::new(), false);
    };
    let mut entries = entries.filter_map(|entry| entry.ok());
    let mut found: Vec<PathBuf> = entries
        .by_ref()
        .take(SCAN_LIMIT)
        .map(|entry| entry.path())
        .filter(|path| is_candidate(path))
        .collect();
    found.sort();
    (found, entries.next().is_some())
}

fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if metadata.is_dir() {
        path.join("manifest.json").is_file()
    } else {
        metadata.is_file() && name.to_ascii_lowercase().ends_with(".zip")
    }
}

/// A hash of every file's path, size and modification time, or `None` if the
/// pack could not be read right now. SHA-256 rather than `DefaultHasher`, as
/// it is kept in `kiosk.db` across restarts and upgrades of the kiosk.
///
/// Bounded whatever the pack holds: each file becomes a fixed-size digest
/// as it is found (sorted at the end, so the order a folder lists its
/// entries in does not matter), only folders wait to be walked, a path
/// longer than a pack's paths is hashed by name but not walked below, and
/// the walk stops past the most files and folders a pack may hold: such a
/// pack is refused whatever it holds beyond them.
fn fingerprint(path: &Path) -> Option<u64> {
    let entry_digest = |relative: &Path, metadata: &std::fs::Metadata| -> [u8; 32] {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .unwrap_or_default();
        let mut hasher = Sha256::new();
        hasher.update(relative.as_os_str().as_encoded_bytes());
        hasher.update([0]);
        hasher.update(metadata.len().to_le_bytes());
        hasher.update(modified.as_secs().to_le_bytes());
        hasher.update(modified.subsec_nanos().to_le_bytes());
        hasher.finalize().into()
    };
    let metadata = std::fs::symlink_metadata(path).ok()?;
    let mut digests = Vec::new();
    let mut pending = Vec::new();
    if metadata.is_dir() {
        pending.push(path.to_path_buf());
    } else {
        digests.push(entry_digest(Path::new(""), &metadata));
    }
    // Entries found so far, the pack's folder included; one past the
    // limit is enough to have the pack refused.
    let mut found = 1;
    'walk: while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).ok()? {
            if found > limits::MAX_FILES_AND_FOLDERS {
                break 'walk;
            }
            found += 1;
            let entry = entry.ok()?;
            let full = entry.path();
            let relative = full.strip_prefix(path).ok()?;
            let metadata = std::fs::symlink_metadata(&full).ok()?;
            if metadata.is_dir() && relative.as_os_str().len() <= limits::MAX_PATH_BYTES {
                pending.push(full);
            } else {
                digests.push(entry_digest(relative, &metadata));
            }
        }
    }
    digests.sort_unstable();
    let mut hasher = Sha256::new();
    for digest in digests {
        hasher.update(digest);
    }
    let digest = hasher.finalize();
    Some(u64::from_le_bytes(digest[..8].try_into().ok()?))
}
