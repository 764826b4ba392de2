//! Writing so that a crash or a power cut leaves either the old state or the
//! new one, never half of it. A rename is atomic, but only durable once the
//! renamed file's data and the directory entry have both reached the disk:
//! hence fsync of the file before the rename and of the folder after it.

use std::fs::{self, File, OpenOptions};
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
    replace(path, contents, false)
}

/// [`replace_file`] for a secret: readable and writable by its owner only
/// (mode 0600 on Unix) from the moment it exists.
pub fn replace_private_file(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, true)
}

fn replace(path: &Path, contents: &[u8], private: bool) -> Result<()> {
    let temp = path.with_extension("tmp");
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temp).map_err(|e| Error::io(&temp, e))?;
    // A temp file left by an earlier run keeps its mode through `open`.
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(&temp, e))?;
    }
    #[cfg(not(unix))]
    let _ = private;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&temp, e))?;
    drop(file);
    fs::rename(&temp, path).map_err(|e| Error::io(path, e))?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}
