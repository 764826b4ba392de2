//! The `live` pointer and the pack folders it points into. The pointer is a
//! small file holding the live folder's name, replaced by rename: atomic on
//! every platform (a symlink would need privileges on Windows), and a reader
//! sees the old name or the new one, never a mix.
//!
//! Rollback follows links: each pack folder holds a `previous` file naming
//! the folder that was live when it was imported, written before the folder
//! is complete and never changed. So "the pack before this one" is a fact of
//! the folder itself, true after any sequence of imports and rollbacks, and
//! switching `live` stays the one atomic step.
//!
//! A pack waiting for an operator (settings' `go_live: confirm`) is named
//! the same way by `staged`: its folder is complete and durable before the
//! pointer names it, and making it live is the same switch of `live`.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use time::macros::format_description;
use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::store::durable;

/// The live pack's folder name, `None` when no pack was ever made live.
pub fn read_pointer(data: &DataDir) -> Result<Option<String>> {
    read_folder_pointer(&data.live_pointer())
}

/// The staged pack's folder name as the pointer says (see
/// `PackFolders::staged` for whether it is still waiting).
pub fn read_staged(data: &DataDir) -> Result<Option<String>> {
    read_folder_pointer(&data.staged_pointer())
}

/// Stages `folder` (complete and durable) in one atomic, durable step,
/// replacing any pack staged before.
pub fn stage(data: &DataDir, folder: &str) -> Result<()> {
    durable::replace_file(&data.staged_pointer(), format!("{folder}\n").as_bytes())
}

/// Forgets the staged pack (made live, or superseded by a live import).
pub fn unstage(data: &DataDir) -> Result<()> {
    let path = data.staged_pointer();
    match fs::remove_file(&path) {
        Ok(()) => durable::sync_dir(data.root()),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(()),
        Err(error) => Err(Error::io(path, error)),
    }
}

fn read_folder_pointer(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => {
            let name = text.trim();
            if is_pack_folder_name(name) {
                Ok(Some(name.to_owned()))
            } else {
                Err(Error::io(
                    path,
                    std::io::Error::new(
                        ErrorKind::InvalidData,
                        format!("\"{name}\" is not a pack folder name"),
                    ),
                ))
            }
        }
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Makes `folder` live in one atomic, durable step.
pub fn switch_to(data: &DataDir, folder: &str) -> Result<()> {
    durable::replace_file(&data.live_pointer(), format!("{folder}\n").as_bytes())
}

/// The file in a pack folder naming the folder live before it.
const PREVIOUS: &str = "previous";

/// Records, durably, in a pack folder being built that `previous` was live
/// when it was imported: the pack `rollback` returns to from this one.
pub fn write_previous(pack_dir: &Path, previous: &str) -> Result<()> {
    let path = pack_dir.join(PREVIOUS);
    fs::write(&path, format!("{previous}\n")).map_err(|e| Error::io(&path, e))?;
    durable::sync_file(&path)
}

/// The pack folders in the order they are kept for.
#[derive(Debug)]
pub struct PackFolders {
    pub live: Option<String>,
    /// The packs `rollback` steps back through, one a step: the folder live
    /// before the live one, the one live before that, …
    pub rollback: Vec<String>,
    /// The others (packs rolled back from), newest import first.
    pub rest: Vec<String>,
    /// The pack waiting to be made live, if its folder is there and it is
    /// not live already (a switch whose pointer was not yet cleared).
    pub staged: Option<String>,
}

impl PackFolders {
    pub fn read(data: &DataDir) -> Result<PackFolders> {
        let live = read_pointer(data)?;
        let mut rest = kept_folders(data)?;
        // Unreadable counts as none: a broken pointer must not hide the
        // live pack or block an import.
        let staged = read_staged(data)
            .ok()
            .flatten()
            .filter(|folder| Some(folder) != live.as_ref() && rest.contains(folder));
        rest.retain(|folder| Some(folder) != live.as_ref() && Some(folder) != staged.as_ref());
        let mut rollback = Vec::new();
        let mut current = live.clone();
        // Each step takes its folder out of `rest`, so even a hand-edited
        // `previous` cannot make a loop; a link to a folder that is gone
        // (pruned, or imported by a build without links) ends the chain.
        while let Some(folder) = current.and_then(|folder| read_previous(data, &folder)) {
            let Some(index) = rest.iter().position(|other| *other == folder) else {
                break;
            };
            rollback.push(rest.remove(index));
            current = Some(folder);
        }
        Ok(PackFolders {
            live,
            rollback,
            rest,
            staged,
        })
    }

    /// Every folder besides the live one, the most worth keeping first.
    pub fn besides_live(&self) -> impl Iterator<Item = &String> {
        self.rollback.iter().chain(&self.rest)
    }
}

fn read_previous(data: &DataDir, folder: &str) -> Option<String> {
    let text = fs::read_to_string(data.pack_dir(folder).join(PREVIOUS)).ok()?;
    Some(text.trim().to_owned()).filter(|name| is_pack_folder_name(name))
}

/// A new pack folder's name: `<pack>-<version>-<UTC time to the nanosecond>`.
/// The time sorts by import order and never repeats on one kiosk.
pub fn new_folder_name(pack: &str, version: u32, now: OffsetDateTime) -> String {
    let stamp = now
        .format(format_description!(
            "[year][month][day]T[hour][minute][second].[subsecond digits:9]Z"
        ))
        .unwrap_or_else(|_| now.unix_timestamp_nanos().to_string());
    format!("{pack}-{version}-{stamp}")
}

/// The kept pack folders (not temporary ones), newest import first.
fn kept_folders(data: &DataDir) -> Result<Vec<String>> {
    let dir = data.packs_dir();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::io(dir, error)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        if let Some(name) = entry
            .file_name()
            .to_str()
            .filter(|name| is_pack_folder_name(name))
        {
            names.push(name.to_owned());
        }
    }
    names.sort_by(|a, b| stamp_of(b).cmp(stamp_of(a)).then_with(|| b.cmp(a)));
    Ok(names)
}

fn stamp_of(folder: &str) -> &str {
    folder.rsplit('-').next().unwrap_or(folder)
}

fn is_pack_folder_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b))
        && !name.contains("..")
}
