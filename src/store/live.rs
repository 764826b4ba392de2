//! The `live` pointer and the pack folders it points into. The pointer is a
//! small file holding the live folder's name, replaced by rename: atomic on
//! every platform (a symlink would need privileges on Windows), and a reader
//! sees the old name or the new one, never a mix.

use std::fs;
use std::io::ErrorKind;

use time::macros::format_description;
use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::store::durable;

/// The live pack's folder name, `None` when no pack was ever made live.
pub fn read_pointer(data: &DataDir) -> Result<Option<String>> {
    let path = data.live_pointer();
    match fs::read_to_string(&path) {
        Ok(text) => {
            let name = text.trim();
            if is_pack_folder_name(name) {
                Ok(Some(name.to_owned()))
            } else {
                Err(Error::io(
                    &path,
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
pub fn kept_folders(data: &DataDir) -> Result<Vec<String>> {
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
