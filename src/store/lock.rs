//! One import or rollback at a time per data folder. The CLI and the kiosk's
//! inbox watcher are separate processes that may both start an import; two
//! at once would race on the version check and delete each other's
//! `.tmp-*` folders. An OS file lock on `DATA/lock` serialises them: the OS
//! releases it when its holder exits, however it exits (a crash, SIGKILL),
//! so a stale lock never blocks the next import. Readers (`Catalog`,
//! `status`) never take it: they only ever see the old `live` or the new.

use std::fs::{File, OpenOptions, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

use crate::data_dir::DataDir;
use crate::error::{Error, Result};

/// How long a lock held by someone else is waited for before `Busy`. A lock
/// released by its holder can stay held a moment longer: a process forked
/// meanwhile by another thread (the kiosk or a test spawning a command)
/// holds a copy of the descriptor until it execs. An import holds the lock
/// for seconds, so this wait only ever absorbs such moments.
const GRACE: Duration = Duration::from_secs(1);
const RETRY_EVERY: Duration = Duration::from_millis(10);

/// Holds the data folder's lock until dropped.
pub struct DataLock {
    _file: File,
}

impl DataLock {
    /// Takes the lock, or fails with `Error::Busy` when another import or
    /// rollback holds it (after [`GRACE`]): an operator should hear that
    /// something is running rather than watch a command hang.
    pub fn acquire(data: &DataDir) -> Result<DataLock> {
        let path = data.lock_file();
        // The file's content is irrelevant; it exists only to be locked, and
        // stays between runs.
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(DataLock { _file: file }),
                Err(TryLockError::WouldBlock) if started.elapsed() < GRACE => {
                    thread::sleep(RETRY_EVERY)
                }
                Err(TryLockError::WouldBlock) => return Err(Error::Busy { lock: path }),
                Err(TryLockError::Error(error)) => return Err(Error::io(path, error)),
            }
        }
    }
}
