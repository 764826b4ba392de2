//! Importing a pack: validate it completely while its content database is
//! built beside the live pack (each entity written as it is validated, so
//! a large pack is never whole in memory; the database is thrown away if
//! the pack is refused), copy its media, and only then switch `live` in
//! one atomic rename. Every attempt, refusals included, goes into the
//! history in `kiosk.db`. One import (or rollback) runs at a time per data
//! folder (`lock`).
//!
//! Why a power cut cannot leave a mix: the switch is durable, and can only
//! reach the disk after everything it points at has, because each step is
//! fsynced before the next one starts:
//!
//! 1. `content.db` (written while the pack is validated, complete only if
//!    it is valid) and `previous` in `packs/.tmp-<folder>/`: file data
//!    (`build`), then that folder's entries;
//! 2. each media file's data before its rename into `media/`, then the
//!    entries of `media/` (`copy_media`);
//! 3. the rename `.tmp-<folder>` → `<folder>`, then the entries of `packs/`;
//! 4. the pointer's temp file `live.tmp`: written and its data fsynced,
//!    renamed over `live`, then the data folder's entries
//!    (`durable::replace_file`).
//!
//! Until the rename of step 4 is on disk, `live` names the old pack (whose
//! files were made durable by its own import); after it, the new one,
//! complete. Whatever is left of an interrupted import is a `.tmp-*` entry,
//! which the next import deletes. A crash between the switch and the history
//! record loses that one history line, never the switch: `live` is the
//! truth.
//!
//! With `go_live: confirm` in the settings, step 4 writes `staged` instead
//! of `live` (the same durable replace); `staging::make_live` does step 4
//! later, under the same lock.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::data_dir::{self, DataDir};
use crate::error::{Error, Result};
use crate::model::{HistoryEntry, ImportOutcome, ImportPhase, PackInfo, Signer};
use crate::pack::source::{self, PackSource};
use crate::pack::{self, Entity, MediaFile, Sink};
use crate::settings::{GoLive, Settings};
use crate::signing::{self, Origin};
use crate::store::content::{self, Writer};
use crate::store::hand_over::{hand_over, Filling};
use crate::store::kiosk_db::KioskDb;
use crate::store::live::PackFolders;
use crate::store::lock::DataLock;
use crate::store::{durable, kept_pack, live, Catalog};

/// Packs kept on disk besides the live one, for rollback.
pub const KEPT_BESIDES_LIVE: usize = 3;

/// Prefix of a folder or file being written; leftovers are deleted.
const TEMP_PREFIX: &str = ".tmp-";

/// Validates the pack at `pack_path`, imports it and makes it live.
/// `Error::InvalidPack` and `Error::VersionNotNewer` refuse it; on any error
/// the live pack is unchanged.
pub fn import(data: &DataDir, pack_path: &Path) -> Result<PackInfo> {
    import_with_progress(data, pack_path, &mut |_| {})
}

/// [`import`], calling `progress` as each phase starts (for the CLI's
/// progress line, or a kiosk's progress screen).
///
/// `Error::Busy` when another import or rollback holds the data folder;
/// that attempt is not recorded in the history (a watcher that retries
/// would fill it), and nothing is changed.
pub fn import_with_progress(
    data: &DataDir,
    pack_path: &Path,
    progress: &mut dyn FnMut(ImportPhase),
) -> Result<PackInfo> {
    import_timed(data, pack_path, progress).map(|(info, _)| info)
}

/// How long each step of an import took, in order: `read_verify` (every
/// file read and hashed), `validate_content_db` (the content validated and
/// its rows written as it goes), `indexes` (the exhibitors' A–Z index),
/// `search_index` (with the entity tables' other indexes, built beside
/// it), `fsync` (the database and its folder), `media` (copied and
/// fsynced), `switch` (renames and their fsyncs).
/// `bench/measure.rs` prints them.
pub type StepTimes = Vec<(&'static str, Duration)>;

/// What an import attempt records as it goes, for the history and the
/// benchmarks: [`StepTimes`], filled as each step ends, and the pack's id
/// and version once it is known to be valid.
struct Attempt {
    last: Instant,
    times: StepTimes,
    identity: Option<(String, u32)>,
    /// Built and staged rather than made live (`go_live: confirm`).
    staged: bool,
}

impl Attempt {
    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.times.push((step, now - self.last));
        self.last = now;
    }
}

/// [`import_with_progress`], also returning [`StepTimes`].
pub fn import_timed(
    data: &DataDir,
    pack_path: &Path,
    progress: &mut dyn FnMut(ImportPhase),
) -> Result<(PackInfo, StepTimes)> {
    import_from(data, pack_path, progress, Origin::Outside)
}

/// Imports the demo pack installed with the app: a kiosk with nothing else
/// to show shows it whatever keys are trusted (`fallback`).
pub(super) fn import_bundled(data: &DataDir, pack_path: &Path) -> Result<PackInfo> {
    import_from(data, pack_path, &mut |_| {}, Origin::Bundled).map(|(info, _)| info)
}

fn import_from(
    data: &DataDir,
    pack_path: &Path,
    progress: &mut dyn FnMut(ImportPhase),
    origin: Origin,
) -> Result<(PackInfo, StepTimes)> {
    let mut attempt = Attempt {
        last: Instant::now(),
        times: StepTimes::new(),
        identity: None,
        staged: false,
    };
    for dir in [
        data.root().to_path_buf(),
        data.inbox(),
        data.media_dir(),
        data.packs_dir(),
    ] {
        fs::create_dir_all(&dir).map_err(|e| Error::io(dir, e))?;
    }
    let _lock = DataLock::acquire(data)?;
    let history = KioskDb::open(data)?;
    let result = validate_and_switch(data, pack_path, progress, origin, &mut attempt);
    let (outcome, errors) = match &result {
        Ok(_) if attempt.staged => (ImportOutcome::Staged, Vec::new()),
        Ok(_) => (ImportOutcome::Live, Vec::new()),
        Err(Error::InvalidPack { problems }) => (
            ImportOutcome::Refused,
            problems.iter().map(ToString::to_string).collect(),
        ),
        Err(error @ (Error::VersionNotNewer { .. } | Error::SignatureRefused { .. })) => {
            (ImportOutcome::Refused, vec![error.to_string()])
        }
        Err(error) => (ImportOutcome::Failed, vec![error.to_string()]),
    };
    let (pack, version) = attempt.identity.take().unzip();
    let recorded = history.record(&HistoryEntry {
        at: rfc3339(OffsetDateTime::now_utc()),
        source: pack_path.display().to_string(),
        pack,
        version,
        outcome,
        errors,
    });
    if let Err(error) = recorded {
        // The history is the operator's record; `live` is the truth. A full
        // disk or a broken kiosk.db must neither hide the import's own error
        // nor turn a switch that is done into a failure, after which the
        // kiosk would go on showing the old pack.
        eprintln!(
            "pavilion: {}: not recorded in the import history: {error}",
            pack_path.display()
        );
    }
    if result.is_ok() {
        // The new pack is live; pruning is housekeeping that the next import
        // retries, so its failure must not turn a done import into an error,
        // but an operator should hear of a data folder that keeps growing.
        if let Err(error) = prune(data) {
            eprintln!("pavilion: old packs and media not pruned: {error}");
        }
    }
    result.map(|info| (info, attempt.times))
}

/// Everything up to and including the switch.
fn validate_and_switch(
    data: &DataDir,
    pack_path: &Path,
    progress: &mut dyn FnMut(ImportPhase),
    origin: Origin,
    attempt: &mut Attempt,
) -> Result<PackInfo> {
    // Settings that do not parse refuse the import: whether the operator
    // wanted to confirm it first cannot be known.
    let go_live = Settings::load(data)?.go_live;
    progress(ImportPhase::Verifying);
    let source = source::open(pack_path)?;
    let opened = pack::open(source.as_ref())?;
    attempt.lap("read_verify");
    let manifest = opened.manifest.clone();
    // Before anything is written: a pack the trusted keys do not vouch for
    // is refused whatever it holds.
    let signer = signing::check(data, source.as_ref(), &manifest, origin).inspect_err(|_| {
        attempt.identity = Some((manifest.pack.clone(), manifest.version));
    })?;
    // A live pack that no longer opens must not block its replacement.
    if let Ok(live) = Catalog::open_live(data) {
        let live = live.pack_info();
        if live.pack == manifest.pack && manifest.version <= live.version {
            // An invalid pack is refused for its problems first.
            opened.validate(&mut pack::Discard)?;
            attempt.identity = Some((manifest.pack, manifest.version));
            return Err(Error::VersionNotNewer {
                pack: live.pack,
                version: manifest.version,
                live_version: live.version,
            });
        }
    }
    remove_leftovers(data);
    check_space(data, source.as_ref())?;
    // Unreadable counts as none, like a live pack that does not open.
    let previous = live::read_pointer(data).ok().flatten();

    progress(ImportPhase::Building);
    let now = OffsetDateTime::now_utc();
    let imported_at = rfc3339(now);
    let folder = live::new_folder_name(&manifest.pack, manifest.version, now);
    let (temp, final_dir) = pack_dirs(data, &folder);
    let built = build(
        data,
        source.as_ref(),
        opened,
        &folder,
        &Provenance {
            previous: previous.as_deref(),
            signer,
        },
        &imported_at,
        attempt,
    );
    if let Err(error) = built {
        // Best effort: what is left is not live, and the next import
        // deletes any `.tmp-*` folder anyway (and a missing one is fine).
        remove_refused(&temp);
        remove_refused(&final_dir);
        if !pack_path.exists() {
            // Whatever file failed to read, that is the reason to give.
            return Err(Error::io(
                pack_path,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the pack went away during its import (a USB stick pulled out?); the live pack is unchanged, and the pack is imported when it is back",
                ),
            ));
        }
        return Err(error);
    }
    if go_live == GoLive::Confirm {
        let replaced = PackFolders::read(data)?.staged;
        if let Err(error) = live::stage(data, &folder) {
            if live::read_staged(data).ok().flatten() != Some(folder) {
                remove_refused(&final_dir);
            }
            return Err(error);
        }
        if let Some(replaced) = replaced {
            remove_refused(&data.pack_dir(&replaced));
        }
        attempt.staged = true;
    } else {
        progress(ImportPhase::Switching);
        if let Err(error) = live::switch_to(data, &folder) {
            // The rename may be done with only the folder's fsync failed: then
            // `live` names the new folder, which must stay.
            if live::read_pointer(data).ok().flatten() != Some(folder) {
                remove_refused(&final_dir);
            }
            return Err(error);
        }
        // A pack staged before is older than the one now live.
        if let Err(error) = live::unstage(data) {
            eprintln!("pavilion: the staged pack was not dropped: {error}");
        }
    }
    attempt.lap("switch");
    Ok(PackInfo {
        pack: manifest.pack,
        version: manifest.version,
        title: manifest.title,
        languages: manifest.languages,
        imported_at,
    })
}

/// Room an import needs besides the pack's own bytes: SQLite's journal,
/// the history, and the content database's indexes and search index
/// (which [`check_space`] also counts as a quarter of the pack).
const SPACE_MARGIN: u64 = 64 * 1024 * 1024;

/// Refuses, before anything is written, a pack the data folder's disk
/// cannot hold: an import that ran out of space midway would fail the same
/// way but later, with SQLite's or the copy's less helpful words.
fn check_space(data: &DataDir, source: &dyn PackSource) -> Result<()> {
    let pack: u64 = source.files()?.iter().map(|file| file.bytes).sum();
    let needed = pack.saturating_add(pack / 4).saturating_add(SPACE_MARGIN);
    match data.free_space() {
        Some(available) if available < needed => Err(Error::DiskFull {
            path: data.root().to_path_buf(),
            pack,
            needed,
            available,
        }),
        _ => Ok(()),
    }
}

/// Validates the pack's content straight into its new database, in a
/// folder under a temporary name, makes it durable, then renames the folder
/// to its final name. The database is invisible until then, so writing it
/// before the whole pack is known to be valid changes nothing a kiosk
/// shows; a refused pack's folder is deleted. The order matters: the
/// database and the media are fsynced before the rename, and the rename
/// before `live` may point at it, so after a power cut `live` never names a
/// partial pack.
fn build(
    data: &DataDir,
    source: &dyn PackSource,
    opened: pack::Opened<'_>,
    folder: &str,
    provenance: &Provenance,
    imported_at: &str,
    attempt: &mut Attempt,
) -> Result<()> {
    let (temp, final_dir) = pack_dirs(data, folder);
    let (temp, final_dir) = (temp.as_path(), final_dir.as_path());
    fs::create_dir(temp).map_err(|e| Error::io(temp, e))?;
    let db = data_dir::content_db(temp);
    let manifest = opened.manifest.clone();
    let writer = Writer::create(&db, &manifest, imported_at)?;
    let (media, writer) = validate_into(opened, writer)?;
    attempt.identity = Some((manifest.pack.clone(), manifest.version));
    attempt.lap("validate_content_db");
    writer.finish(&media, &mut |step| attempt.lap(step))?;
    durable::sync_file(&db)?;
    if let Some(previous) = provenance.previous {
        live::write_previous(temp, previous)?;
    }
    signing::write_signer(temp, &provenance.signer)?;
    durable::sync_dir(temp)?;
    attempt.lap("fsync");
    copy_media(data, source, &media)?;
    kept_pack::keep(data, temp, source, &manifest, &media)?;
    attempt.lap("media");
    if final_dir.exists() {
        return Err(Error::io(
            final_dir,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a pack folder of this name exists",
            ),
        ));
    }
    fs::rename(temp, final_dir).map_err(|e| Error::io(final_dir, e))?;
    durable::sync_dir(&data.packs_dir())
}

/// What a new pack folder records besides its content, in files written
/// before it is renamed into place (so atomically with it).
struct Provenance<'a> {
    /// The folder live before it: where `rollback` returns to.
    previous: Option<&'a str>,
    /// Who vouched for it (`signing`).
    signer: Signer,
}

/// Entities handed to the writer thread at a time.
const BATCH: usize = 512;

/// Validates `opened` on this thread while `writer` writes each entity's
/// rows on another: the two take comparable time, and a kiosk PC has two
/// cores.
fn validate_into(
    opened: pack::Opened<'_>,
    mut writer: Writer,
) -> Result<(BTreeMap<String, MediaFile>, Writer)> {
    let (filling, working) = hand_over::<Entity>(BATCH, 1);
    thread::scope(|scope| {
        let writing = scope.spawn(move || -> Result<Writer> {
            working.each(|entity| writer.insert(entity))?;
            Ok(writer)
        });
        let mut to_writer = ToWriter(filling);
        let validated = opened.validate(&mut to_writer);
        to_writer.0.finish();
        let writer = writing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // A refused pack's problems come first; then a failed write.
        Ok((validated?, writer?))
    })
}

/// Hands entities to the writer thread, a batch at a time.
struct ToWriter(Filling<Entity>);

impl Sink for ToWriter {
    fn put(&mut self, entity: Entity) -> Result<()> {
        // `false` when the writer has stopped on an error, which joining it
        // reports; validation carries on to report the pack's problems.
        self.0.push(entity);
        Ok(())
    }
}

/// The folder a pack is built in, and the one it is renamed to when done.
fn pack_dirs(data: &DataDir, folder: &str) -> (PathBuf, PathBuf) {
    (
        data.packs_dir().join(format!("{TEMP_PREFIX}{folder}")),
        data.pack_dir(folder),
    )
}

/// Copies the pack's media into the content-addressed store, each picture
/// larger than it is shown scaled down (`pack::picture`). A file already
/// there is the same picture (its name is the pack file's hash and how it
/// is shown), so it is skipped: a new version of a pack with the same
/// images imports fast.
///
/// Scaling decodes and encodes, so it runs on every core: this thread
/// reads the pack (a source is read by one thread) and hands each picture
/// to scale to the workers, at most one waiting, so that a pack of large
/// photos is never in memory whole.
fn copy_media(
    data: &DataDir,
    source: &dyn PackSource,
    media: &BTreeMap<String, MediaFile>,
) -> Result<()> {
    let store = data.media_dir();
    let (hand, take) = mpsc::sync_channel::<(&MediaFile, Vec<u8>)>(1);
    let take = std::sync::Mutex::new(take);
    let workers = thread::available_parallelism().map_or(1, |count| count.get());
    thread::scope(|scope| {
        let workers = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        // A poisoned lock is a panicked worker, which `join` reports.
                        let job = take
                            .lock()
                            .map_err(|_| ())
                            .and_then(|take| take.recv().map_err(|_| ()));
                        let Ok((media, bytes)) = job else {
                            return Ok(());
                        };
                        store_scaled(&store, media, &bytes)?;
                    }
                })
            })
            .collect::<Vec<_>>();
        let read = (|| -> Result<()> {
            for media in media.values() {
                if store.join(&media.store_name).exists() {
                    continue;
                }
                if media.scaled.is_none() {
                    let temp = temp_file(&store, media);
                    let mut file = fs::File::create(&temp).map_err(|e| Error::io(&temp, e))?;
                    read_checked(source, media, &mut file, 0)?;
                    drop(file);
                    publish(&store, media, &temp)?;
                } else {
                    let keep = usize::try_from(media.bytes).unwrap_or(usize::MAX);
                    let bytes = read_checked(source, media, &mut std::io::sink(), keep)?;
                    if hand.send((media, bytes)).is_err() {
                        // Every worker stopped on an error, which `join` reports.
                        break;
                    }
                }
            }
            Ok(())
        })();
        drop(hand);
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .fold(read, Result::and)
    })?;
    durable::sync_dir(&store)
}

/// Reads `media` from the pack into `sink`, keeping its first `keep`
/// bytes, and re-checks it: the pack was validated moments ago, but a file
/// changed since must not enter the store under another file's hash. The
/// read is streamed (a zip is inflated again, never held in memory whole
/// unless kept).
fn read_checked(
    source: &dyn PackSource,
    media: &MediaFile,
    sink: &mut dyn std::io::Write,
    keep: usize,
) -> Result<Vec<u8>> {
    match source::stream(source, &media.path, media.bytes, keep, sink) {
        Ok(read) if !read.over_limit && read.sha256 == media.sha256 => Ok(read.head),
        Err(error) => Err(Error::io(&media.path, error)),
        Ok(_) => Err(refused(
            media,
            "the file changed while it was being imported".to_owned(),
        )),
    }
}

/// Scales the picture `bytes` of `media` and stores it.
fn store_scaled(store: &Path, media: &MediaFile, bytes: &[u8]) -> Result<()> {
    let Some(scaled) = media.scaled else {
        return Ok(());
    };
    let picture = pack::picture::scale(scaled.kind, bytes, &scaled.header, scaled.size)
        .map_err(|error| refused(media, format!("cannot be scaled: {error}")))?;
    let temp = temp_file(store, media);
    fs::write(&temp, picture).map_err(|e| Error::io(&temp, e))?;
    publish(store, media, &temp)
}

/// A refused temp file is deleted by the next import.
fn temp_file(store: &Path, media: &MediaFile) -> PathBuf {
    store.join(format!("{TEMP_PREFIX}{}", media.store_name))
}

/// Makes a written temp file durable and gives it its store name.
fn publish(store: &Path, media: &MediaFile, temp: &Path) -> Result<()> {
    durable::sync_file(temp)?;
    let target = store.join(&media.store_name);
    fs::rename(temp, &target).map_err(|e| Error::io(&target, e))
}

fn refused(media: &MediaFile, message: String) -> Error {
    Error::InvalidPack {
        problems: vec![crate::Problem::new(&media.path, "", message)],
    }
}

/// Deletes the folder of a pack that did not become live (or staged pack
/// replaced by a newer one). It is never
/// shown, so a failure only costs disk space, which the operator hears of.
fn remove_refused(folder: &Path) {
    match fs::remove_dir_all(folder) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            eprintln!("pavilion: {}: not deleted: {error}", folder.display());
        }
        _ => {}
    }
}

/// Deletes what an interrupted import left: `.tmp-*` pack folders and media.
fn remove_leftovers(data: &DataDir) {
    for dir in [data.packs_dir(), data.media_dir()] {
        for path in temp_entries(&dir) {
            // Best effort: a leftover that cannot be deleted now is retried
            // by the next import, and it is never live.
            let _ = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
}

fn temp_entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .map(|entry| entry.path())
        .collect()
}

/// Keeps the live pack and [`KEPT_BESIDES_LIVE`] others, the ones rollback
/// reaches first (see `PackFolders`), then deletes media no kept pack uses.
fn prune(data: &DataDir) -> Result<()> {
    let folders = PackFolders::read(data)?;
    let mut others = folders.besides_live().cloned().collect::<Vec<_>>();
    let old = others.split_off(others.len().min(KEPT_BESIDES_LIVE));
    let kept = others
        .into_iter()
        .chain(folders.live)
        .chain(folders.staged)
        .collect::<Vec<_>>();
    // Renamed to a temp name first, durably, so that a crash halfway through
    // deleting leaves a `.tmp-*` leftover, never a half pack that `status`
    // would list.
    for folder in &old {
        let (dir, doomed) = (
            data.pack_dir(folder),
            data.packs_dir().join(format!("{TEMP_PREFIX}{folder}")),
        );
        fs::rename(&dir, &doomed).map_err(|e| Error::io(dir, e))?;
    }
    durable::sync_dir(&data.packs_dir())?;
    remove_leftovers(data);
    let mut used = BTreeSet::new();
    for folder in &kept {
        used.extend(content::media_files(&data_dir::content_db(
            &data.pack_dir(folder),
        ))?);
    }
    let store = data.media_dir();
    for entry in fs::read_dir(&store).map_err(|e| Error::io(&store, e))? {
        let entry = entry.map_err(|e| Error::io(&store, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !used.contains(&name) {
            fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// A moment as the history, `imported_at` and the fleet's status files
/// write it: RFC 3339 in UTC, whole seconds.
pub fn rfc3339(time: OffsetDateTime) -> String {
    let time = time.to_offset(time::UtcOffset::UTC);
    time.replace_nanosecond(0)
        .unwrap_or(time)
        .format(&Rfc3339)
        .unwrap_or_default()
}
