//! The media folder beside a workbook: a media cell names a file in it
//! (`logos/ibm.png`), which the pack then holds under `media/`. A name that
//! is not there gets the folder's nearest file as "did you mean", ignoring
//! case first, since a name typed on Windows often differs only in case.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::pack::suggest::did_you_mean;

/// Files listed for "did you mean" at most: a folder bigger than any pack
/// would be is not walked to the end.
const MAX_LISTED: usize = 100_000;

pub struct MediaFolder {
    root: PathBuf,
    /// The folder's files, listed when a name is first missing.
    listing: Option<Vec<String>>,
    /// Files named by some cell, as paths inside the folder.
    used: BTreeSet<String>,
}

impl MediaFolder {
    pub fn new(root: PathBuf) -> Self {
        MediaFolder {
            root,
            listing: None,
            used: BTreeSet::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The pack's path (`media/logos/ibm.png`) of the file named `name`.
    pub fn find(&mut self, name: &str) -> Result<String, String> {
        let name = name.replace('\\', "/");
        let name = name.trim_start_matches("./");
        let inside = Path::new(name)
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
        if !inside {
            return Err(format!(
                "\"{name}\" is not a path inside the media folder ({})",
                self.root.display()
            ));
        }
        if self.root.join(name).is_file() {
            self.used.insert(name.to_owned());
            return Ok(format!("media/{name}"));
        }
        let listing = self.listing.get_or_insert_with(|| list(&self.root));
        let lower = name.to_lowercase();
        let near = listing
            .iter()
            .find(|file| file.to_lowercase() == lower)
            .or_else(|| {
                let lowered: Vec<String> = listing.iter().map(|file| file.to_lowercase()).collect();
                let near = did_you_mean(&lower, lowered.iter().map(String::as_str))?;
                let at = lowered.iter().position(|file| file == near)?;
                listing.get(at)
            });
        let hint = near
            .map(|near| format!(" (did you mean \"{near}\"?)"))
            .unwrap_or_default();
        Err(format!("no file \"{name}\" in the media folder{hint}"))
    }

    /// The files cells named, as paths inside the folder.
    pub fn used(&self) -> impl Iterator<Item = &str> {
        self.used.iter().map(String::as_str)
    }
}

/// Every file under `root`, as `/`-separated paths inside it, sorted.
fn list(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && files.len() < MAX_LISTED {
                if let Ok(inside) = path.strip_prefix(root) {
                    let parts: Vec<String> = inside
                        .components()
                        .map(|part| part.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    files.push(parts.join("/"));
                }
            }
        }
    }
    files.sort();
    files
}
