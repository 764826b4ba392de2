//! Where a pack's bytes come from. Validation and import only ever list and
//! read files through [`PackSource`], so a `.zip` reader can be added beside
//! the folder reader without touching either.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};

/// A file of a pack: its path inside the pack (`/`-separated, relative) and
/// its size as the source reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: u64,
}

pub trait PackSource {
    /// Every file of the pack (the manifest included), sorted by path.
    fn files(&self) -> Result<Vec<SourceFile>>;
    /// The content of one file; refuses anything that is not a regular file
    /// inside the pack.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
}

/// Opens a pack given on the command line or dropped in the inbox.
pub fn open(path: &Path) -> Result<Box<dyn PackSource>> {
    let metadata = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if metadata.is_dir() {
        return Ok(Box::new(FolderSource {
            root: path.to_path_buf(),
        }));
    }
    Err(Error::InvalidPack {
        problems: vec![Problem::new(
            path.display().to_string(),
            "",
            "only pack folders can be read so far; unzip the pack and give its folder",
        )],
    })
}

/// A pack as a folder on disk.
pub struct FolderSource {
    root: PathBuf,
}

impl FolderSource {
    fn collect(&self, dir: &Path, prefix: &str, out: &mut Vec<SourceFile>) -> Result<()> {
        let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(Error::InvalidPack {
                    problems: vec![Problem::new(
                        format!("{prefix}{}", name.to_string_lossy()),
                        "",
                        "the file name is not valid UTF-8; rename it",
                    )],
                });
            };
            let path = format!("{prefix}{name}");
            // symlink_metadata: a link is listed as itself (and refused by
            // `read`), never followed out of the pack.
            let metadata = entry
                .path()
                .symlink_metadata()
                .map_err(|e| Error::io(entry.path(), e))?;
            if metadata.is_dir() {
                self.collect(&entry.path(), &format!("{path}/"), out)?;
            } else {
                out.push(SourceFile {
                    path,
                    bytes: metadata.len(),
                });
            }
        }
        Ok(())
    }
}

impl PackSource for FolderSource {
    fn files(&self) -> Result<Vec<SourceFile>> {
        let mut files = Vec::new();
        self.collect(&self.root, "", &mut files)?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        if path
            .split('/')
            .any(|segment| segment.is_empty() || segment == "." || segment == "..")
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a path inside the pack",
            ));
        }
        let full = self.root.join(path);
        if !full.symlink_metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file (links are not allowed in a pack)",
            ));
        }
        fs::read(full)
    }
}
