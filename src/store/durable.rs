//! Writing so that a crash or a power cut leaves either the old state or the
//! new one, never half of it. A rename is atomic, but only durable once the
//! renamed file's data and the directory entry have both reached the disk:
//! hence fsync of the file before the rename and of the folder after it.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

pub fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Makes a folder's entries (creations, renames, deletions) durable.
/// Windows cannot open a folder as a file and journals entries itself.
pub fn sync_dir(path: &Path) -> Result<()> {
    if cfg!(windows) {
        return Ok(());
    }
    sync_file(path)
}

/// Replaces `path` with `contents` atomically: write a temp file beside it,
/// fsync it, rename it over `path`, fsync the folder.
pub fn replace_file(path: &Path, contents: &[u8]) -> Result<()> {
    let temp = path.with_extension("tmp");
    let mut file = File::create(&temp).map_err(|e| Error::io(&temp, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&temp, e))?;
    drop(file);
    fs::rename(&temp, path).map_err(|e| Error::io(path, e))?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}
