//! The core's one error type. Each variant is something a caller can act on:
//! the CLI maps them to exit codes, the kiosk shell to `{code, message}` for
//! the UI (`ErrorCode` is exported to TypeScript so the UI branches on a code,
//! never on text).

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One thing wrong with a pack, located precisely enough to fix it:
/// the file inside the pack and a JSON pointer into it (`""` for the whole
/// file). Displays as `FILE: JSON-POINTER: message`, the format's error line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Problem {
    pub file: String,
    pub pointer: String,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.pointer, self.message)
    }
}

/// What went wrong, as a stable code the UI and scripts can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    InvalidPack,
    SignatureRefused,
    InvalidKey,
    VersionNotNewer,
    NoLivePack,
    NoPreviousPack,
    NotFound,
    Busy,
    InvalidSettings,
    Io,
    Database,
    NoDatabase,
    NotAFolder,
    OverLimit,
    DiskFull,
    ImportStopped,
    NothingStaged,
    InvalidPin,
    NoPin,
    WrongPin,
    PinLocked,
    SessionUnknown,
    SessionExpired,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The pack breaks the format; every problem found (up to a cap) is listed.
    #[error("the pack is invalid ({} problem{})", problems.len(), if problems.len() == 1 { "" } else { "s" })]
    InvalidPack { problems: Vec<Problem> },

    /// With keys trusted, the pack is not signed by one of them for this
    /// very manifest (`signing`); nothing of it was imported. The problem
    /// is located at `manifest.json.minisig` and names the reason and fix.
    #[error("{problem}")]
    SignatureRefused { problem: Problem },

    /// A key file that is not a usable minisign key (given to `keys trust`
    /// or `pack sign`, or in `DATA/trusted-keys/`), or a key id that is not
    /// trusted; nothing was changed.
    #[error("{path}: {message}")]
    InvalidKey { path: PathBuf, message: String },

    /// Rollback is an operator's action, not a pack's: a pack must move its
    /// version forward to replace the live one.
    #[error("pack \"{pack}\" version {version} is not newer than the live version {live_version}: raise \"version\" in manifest.json")]
    VersionNotNewer {
        pack: String,
        version: u32,
        live_version: u32,
    },

    #[error("no pack is live in {data_dir}: import one with `pavilion pack import PATH`")]
    NoLivePack { data_dir: PathBuf },

    /// `pavilion rollback` found no kept pack that was live before the
    /// live one (or none that still opens).
    #[error("no previous pack to roll back to in {data_dir}")]
    NoPreviousPack { data_dir: PathBuf },

    #[error("no {kind} with id \"{id}\" in the live pack")]
    NotFound { kind: &'static str, id: String },

    /// Another import or rollback holds the data folder's lock; nothing was
    /// changed, and trying again once it is done will work.
    #[error("{lock}: another import or rollback is running in this data folder; try again when it is done")]
    Busy { lock: PathBuf },

    /// The operator's settings file cannot be used; nothing was changed.
    #[error("{path}: {message}")]
    InvalidSettings { path: PathBuf, message: String },

    /// A problem outside the pack: the data folder, the disk.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{path}: database error: {source}")]
    Database {
        path: PathBuf,
        source: rusqlite::Error,
    },

    /// A pack folder without its content database: an import cut short
    /// before its switch, or a folder changed by hand. Another kept pack
    /// (or the demo pack) can be shown instead.
    #[error("{path}: the pack's content database is missing")]
    NoDatabase { path: PathBuf },

    /// A command that works on a pack folder was given something else.
    #[error("{path}: {what}")]
    NotAFolder { path: PathBuf, what: &'static str },

    /// A request past one of the format's limits (`pack::limits`).
    #[error("{what} exceed the format's limit of {limit}")]
    OverLimit { what: String, limit: usize },

    /// The data folder's disk has too little free space for the pack;
    /// nothing was written and the live pack is unchanged.
    #[error("{path}: not enough free disk space to import this pack: it needs {needed} bytes (the pack's {pack} bytes plus a margin for its database), and {available} are free; free some space on that disk and try again")]
    DiskFull {
        path: PathBuf,
        pack: u64,
        needed: u64,
        available: u64,
    },

    /// The process importing `pack` ended without saying how the import
    /// went: killed, over its memory limit or its time (`import_worker`).
    /// The live pack is unchanged, and the inbox does not try this pack
    /// again until it changes.
    #[error("{pack}: the import stopped before it finished: {why}; the live pack is unchanged, and the inbox does not try this pack again until it changes (copy it again, or import it with `pavilion pack import PATH`)")]
    ImportStopped { pack: PathBuf, why: Stopped },

    /// An error the import's own process reported (`import_worker`), as it
    /// reported it: its code and sentence.
    #[error("{message}")]
    Reported { code: ErrorCode, message: String },

    /// `make_live` with no pack staged (or the staged one already live).
    #[error("no pack is waiting to go live in {data_dir}: with \"go_live\": \"confirm\" in settings.json, `pavilion pack import` stages one")]
    NothingStaged { data_dir: PathBuf },

    /// A PIN that is not 4 to 12 digits; nothing was changed.
    #[error("{reason}")]
    InvalidPin { reason: String },

    /// No operator PIN is set, so the operator's panel cannot open.
    #[error("no operator PIN is set on this kiosk: set one with `pavilion operator pin`")]
    NoPin,

    /// A wrong PIN; `tries_left` more before the PIN locks (0: this one
    /// locked it, for `locked_seconds`).
    #[error("wrong PIN{}", match (tries_left, locked_seconds) {
        (_, Some(seconds)) => format!("; locked for {seconds} s"),
        (left, None) => format!("; {left} more tr{} before it locks", if *left == 1 { "y" } else { "ies" }),
    })]
    WrongPin {
        tries_left: u32,
        locked_seconds: Option<u64>,
    },

    /// Too many wrong PINs: none is checked for `seconds` more.
    #[error("too many wrong PINs: try again in {seconds} s")]
    PinLocked { seconds: u64 },

    /// An operator session token never issued, closed, or from before a restart.
    #[error("not an operator session: enter the PIN")]
    SessionUnknown,

    /// An operator session idle too long, or open longer than sessions may be.
    #[error("the operator session has expired: enter the PIN again")]
    SessionExpired,
}

/// Why an import's process ended without an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// It ran past its time and was killed.
    TimedOut { seconds: u64 },
    /// A signal ended it: the out-of-memory killer, an allocation refused
    /// under its memory limit (an abort), someone's `kill`.
    Signal {
        signal: i32,
        memory_mib: u64,
        said: String,
    },
    /// It exited without an answer (it could not start, or it failed
    /// before it could say why).
    Exited {
        status: i32,
        memory_mib: u64,
        said: String,
    },
    /// The kiosk itself stopped while the import ran (a crash, a kill, the
    /// power): found at the next start.
    KioskStopped,
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = |said: &str| {
            if said.is_empty() {
                String::new()
            } else {
                format!(" (it said: {said})")
            }
        };
        match self {
            Stopped::TimedOut { seconds } => write!(
                f,
                "it ran past its limit of {seconds} s and was stopped (raise import_timeout_seconds in settings.json for a pack this large)"
            ),
            Stopped::Signal { signal, memory_mib, said: text } => write!(
                f,
                "it was killed by signal {signal}{}, perhaps for going past its memory limit of {memory_mib} MiB (import_memory_mib in settings.json)",
                said(text)
            ),
            Stopped::Exited { status, memory_mib, said: text } => write!(
                f,
                "it exited with status {status} without an answer{}, under a memory limit of {memory_mib} MiB (import_memory_mib in settings.json)",
                said(text)
            ),
            Stopped::KioskStopped => write!(
                f,
                "the kiosk stopped during this import (a crash, a kill or the power)"
            ),
        }
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidPack { .. } => ErrorCode::InvalidPack,
            Error::SignatureRefused { .. } => ErrorCode::SignatureRefused,
            Error::InvalidKey { .. } => ErrorCode::InvalidKey,
            Error::VersionNotNewer { .. } => ErrorCode::VersionNotNewer,
            Error::NoLivePack { .. } => ErrorCode::NoLivePack,
            Error::NoPreviousPack { .. } => ErrorCode::NoPreviousPack,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Busy { .. } => ErrorCode::Busy,
            Error::InvalidSettings { .. } => ErrorCode::InvalidSettings,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database { .. } => ErrorCode::Database,
            Error::NoDatabase { .. } => ErrorCode::NoDatabase,
            Error::NotAFolder { .. } => ErrorCode::NotAFolder,
            Error::OverLimit { .. } => ErrorCode::OverLimit,
            Error::DiskFull { .. } => ErrorCode::DiskFull,
            Error::ImportStopped { .. } => ErrorCode::ImportStopped,
            Error::Reported { code, .. } => *code,
            Error::NothingStaged { .. } => ErrorCode::NothingStaged,
            Error::InvalidPin { .. } => ErrorCode::InvalidPin,
            Error::NoPin => ErrorCode::NoPin,
            Error::WrongPin { .. } => ErrorCode::WrongPin,
            Error::PinLocked { .. } => ErrorCode::PinLocked,
            Error::SessionUnknown => ErrorCode::SessionUnknown,
            Error::SessionExpired => ErrorCode::SessionExpired,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as the UI and `--json` output receive it: a code to branch on and
/// a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(error: &Error) -> Self {
        ErrorReport {
            code: error.code(),
            message: error.to_string(),
        }
    }
}
