//! A fleet of kiosks seen from one folder. Each kiosk writes its own status
//! file into a shared folder (`status_folder` in its settings; a sync engine
//! such as Syncthing carries the folder to the organiser), and the organiser
//! reads the folder: which screens are alive, what they show, which refused
//! a pack. There is no server: the files are the protocol, so their form is
//! a versioned type of its own ([`KioskStatus`], `format`), and a file this
//! build cannot read is reported beside the others, never fatal.
//!
//! Tests are in `tests/core/fleet.rs`.

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::model::{HistoryEntry, ImportOutcome, Signer};
use crate::settings::Settings;
use crate::store::{self, durable};

/// The status file's form. Raised when a field changes meaning or is
/// removed (adding an optional field does not need it); a reader refuses a
/// higher one by name instead of misreading it.
pub const STATUS_FORMAT: u32 = 1;

/// A kiosk whose status is older than this is marked stale: it writes every
/// minute, so five missed writes mean it is off, hung or cut off.
pub const STALE_AFTER: Duration = Duration::from_secs(5 * 60);

/// How often a running kiosk writes its status besides after each import
/// or rollback.
pub const WRITE_EVERY: Duration = Duration::from_secs(60);

/// The file in the data folder that keeps the kiosk's id: generated once,
/// so that a renamed kiosk or a reinstalled app is still the same row.
const KIOSK_ID_FILE: &str = "kiosk-id";

/// One kiosk's status file, `<status_folder>/<kiosk_id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskStatus {
    /// [`STATUS_FORMAT`] of the app that wrote it.
    pub format: u32,
    pub kiosk_id: String,
    /// `kiosk_name` from the kiosk's settings.
    pub name: Option<String>,
    /// The live pack and its version; none when the kiosk shows its demo
    /// fallback.
    pub pack: Option<String>,
    pub version: Option<u32>,
    /// Who vouched for the live pack (a trusted key, unsigned, the bundled
    /// demo); `None` when nothing is live.
    pub signer: Option<Signer>,
    /// The last import or rollback with its outcome and errors.
    pub last_import: Option<HistoryEntry>,
    /// RFC 3339: when a visitor last touched the screen, as far as the
    /// running kiosk has seen.
    pub last_touch: Option<String>,
    /// RFC 3339: when the running kiosk started (a restart shows here).
    pub kiosk_started_at: Option<String>,
    /// Seconds since the machine booted, where the system says.
    pub machine_uptime_seconds: Option<u64>,
    /// Bytes free for the data folder.
    pub free_disk_bytes: Option<u64>,
    pub app_version: String,
    /// RFC 3339, UTC.
    pub written_at: String,
}

/// What only the running kiosk knows. The CLI knows neither, and keeps what
/// the kiosk last wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    pub started_at: Option<OffsetDateTime>,
    pub last_touch: Option<OffsetDateTime>,
}

/// This kiosk's id, generated and kept in the data folder on first use.
pub fn kiosk_id(data: &DataDir) -> Result<String> {
    let path = data.root().join(KIOSK_ID_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) if !text.trim().is_empty() => return Ok(text.trim().to_owned()),
        Ok(_) => {}
        Err(error) if error.kind() == ErrorKind::NotFound => {}
        Err(error) => return Err(Error::io(path, error)),
    }
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|error| Error::io(&path, std::io::Error::other(error.to_string())))?;
    let id: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    std::fs::create_dir_all(data.root()).map_err(|error| Error::io(data.root(), error))?;
    durable::replace_file(&path, id.as_bytes())?;
    Ok(id)
}

/// Writes this kiosk's status into the settings' status folder, atomically
/// (a reader or the sync engine never sees half a file). Returns the file
/// written, or `None` when the settings name no status folder.
pub fn write_status(
    data: &DataDir,
    settings: &Settings,
    presence: &Presence,
    now: OffsetDateTime,
) -> Result<Option<PathBuf>> {
    let Some(folder) = &settings.status_folder else {
        return Ok(None);
    };
    let kiosk_id = kiosk_id(data)?;
    let path = folder.join(format!("{kiosk_id}.json"));
    // What this writer does not know is kept from the last file.
    let previous = std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<KioskStatus>(&bytes).ok());
    let kept = |own: Option<OffsetDateTime>, field: fn(&KioskStatus) -> &Option<String>| {
        own.map(store::rfc3339)
            .or_else(|| previous.as_ref().and_then(|status| field(status).clone()))
    };
    let status = store::status(data)?;
    let report = KioskStatus {
        format: STATUS_FORMAT,
        kiosk_id,
        name: settings.kiosk_name.clone(),
        pack: status.pack,
        version: status.version,
        signer: status.signer,
        last_import: status.history.into_iter().next(),
        last_touch: kept(presence.last_touch, |status| &status.last_touch),
        kiosk_started_at: kept(presence.started_at, |status| &status.kiosk_started_at),
        machine_uptime_seconds: machine_uptime(),
        free_disk_bytes: data.free_space(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        written_at: store::rfc3339(now),
    };
    std::fs::create_dir_all(folder).map_err(|error| Error::io(folder, error))?;
    let mut text = serde_json::to_vec_pretty(&report)
        .map_err(|error| Error::io(&path, std::io::Error::new(ErrorKind::InvalidData, error)))?;
    text.push(b'\n');
    durable::replace_file(&path, &text)?;
    Ok(Some(path))
}

/// The folder of status files as the organiser sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fleet {
    /// One row per kiosk, by name then id.
    pub kiosks: Vec<KioskRow>,
    /// Files that are not a status this build can read.
    pub unreadable: Vec<Unreadable>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KioskRow {
    pub file: String,
    pub status: KioskStatus,
    /// No update for [`STALE_AFTER`].
    pub stale: bool,
    /// The newest version of its pack some other kiosk has live, when this
    /// one has an older one.
    pub behind: Option<u32>,
    /// Its last import was refused or failed.
    pub refused: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unreadable {
    pub file: String,
    pub reason: String,
}

/// Reads every `*.json` status file in `dir` (a sync engine's temporary
/// and hidden files are skipped) and marks each kiosk against the others
/// and `now`.
pub fn read_folder(dir: &Path, now: OffsetDateTime) -> Result<Fleet> {
    let entries = std::fs::read_dir(dir).map_err(|error| Error::io(dir, error))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|error| Error::io(dir, error))?.path();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.starts_with('~') || !name.ends_with(".json") {
            continue;
        }
        let read = std::fs::read(&path).map_err(|error| error.to_string());
        files.push((name, read.and_then(|bytes| parse(&bytes))));
    }
    Ok(assess(files, now))
}

/// One status file's contents, or why it cannot be read.
pub fn parse(bytes: &[u8]) -> std::result::Result<KioskStatus, String> {
    #[derive(Deserialize)]
    struct Versioned {
        format: u32,
        app_version: Option<String>,
    }
    let versioned: Versioned = serde_json::from_slice(bytes)
        .map_err(|error| format!("not a kiosk status file: {error}"))?;
    if versioned.format > STATUS_FORMAT {
        return Err(format!(
            "written by a newer app (status format {}, app {}); this one reads format {STATUS_FORMAT}: update pavilion here",
            versioned.format,
            versioned.app_version.as_deref().unwrap_or("unknown")
        ));
    }
    let status: KioskStatus = serde_json::from_slice(bytes)
        .map_err(|error| format!("not a kiosk status file: {error}"))?;
    OffsetDateTime::parse(&status.written_at, &Rfc3339)
        .map_err(|error| format!("written_at {:?}: {error}", status.written_at))?;
    Ok(status)
}

/// Marks each kiosk: stale against `now`, behind against the newest
/// version of its pack among the others, refused by its last import.
pub fn assess(
    files: Vec<(String, std::result::Result<KioskStatus, String>)>,
    now: OffsetDateTime,
) -> Fleet {
    let mut kiosks = Vec::new();
    let mut unreadable = Vec::new();
    for (file, read) in files {
        match read {
            Ok(status) => kiosks.push((file, status)),
            Err(reason) => unreadable.push(Unreadable { file, reason }),
        }
    }
    let mut newest: BTreeMap<&str, u32> = BTreeMap::new();
    for (_, status) in &kiosks {
        if let (Some(pack), Some(version)) = (&status.pack, status.version) {
            let entry = newest.entry(pack).or_default();
            *entry = (*entry).max(version);
        }
    }
    let newest: BTreeMap<String, u32> = newest
        .into_iter()
        .map(|(pack, version)| (pack.to_owned(), version))
        .collect();
    let mut rows: Vec<KioskRow> = kiosks
        .into_iter()
        .map(|(file, status)| {
            let written = OffsetDateTime::parse(&status.written_at, &Rfc3339).ok();
            let stale = written.is_none_or(|written| now - written > STALE_AFTER);
            let behind = match (&status.pack, status.version) {
                (Some(pack), Some(version)) => {
                    newest.get(pack).copied().filter(|&new| new > version)
                }
                _ => None,
            };
            let refused = status.last_import.as_ref().is_some_and(|last| {
                matches!(last.outcome, ImportOutcome::Refused | ImportOutcome::Failed)
            });
            KioskRow {
                file,
                status,
                stale,
                behind,
                refused,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.status.name, &a.status.kiosk_id).cmp(&(&b.status.name, &b.status.kiosk_id))
    });
    unreadable.sort_by(|a, b| a.file.cmp(&b.file));
    Fleet {
        kiosks: rows,
        unreadable,
    }
}

fn machine_uptime() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/uptime").ok()?;
    let seconds: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(seconds as u64)
}
