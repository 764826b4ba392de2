//! Where a pack's bytes come from: a folder, or a `.zip` of one. Validation
//! and import list files only through [`PackSource::files`], which refuses
//! hostile names and entries before anything is read, and read them only
//! through [`stream`], which counts bytes as they arrive and stops past a
//! limit: sizes an archive declares are never trusted, and nothing bigger
//! than a content file is ever held in memory.
//!
//! Tests are in `tests/core/hostile.rs` and `tests/core/pack.rs`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::read::{ArchiveOffset, Config};
use zip::{CompressionMethod, ZipArchive};

use crate::error::{Error, Problem, Result};
use crate::pack::central_directory;
use crate::pack::kind::REPORT_ORDER;
use crate::pack::limits;
use crate::pack::problems::Problems;

/// A file of a pack: its path inside the pack (`/`-separated, relative) and
/// its size as the source reports it (for an archive, as its header claims).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: u64,
}

pub trait PackSource {
    /// Every regular file of the pack (the manifest included), sorted by
    /// path. `Error::InvalidPack` when an entry is hostile or unusable: a
    /// link, a path escaping the pack, names that differ only in case, too
    /// many entries.
    fn files(&self) -> Result<Vec<SourceFile>>;
    /// Hands `read` a reader of one of [`PackSource::files`]. Go through
    /// [`stream`], which caps what the reader may produce.
    fn with_reader(
        &self,
        path: &str,
        read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
    ) -> io::Result<()>;
}

/// Opens a pack given on the command line or dropped in the inbox: a
/// folder, or else a zip archive (whatever its file name says).
pub fn open(path: &Path) -> Result<Box<dyn PackSource>> {
    let metadata = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if metadata.is_dir() {
        return Ok(Box::new(FolderSource {
            root: path.to_path_buf(),
        }));
    }
    if !metadata.is_file() {
        // A pipe or device would never end, or never start, when read.
        return Err(Error::InvalidPack {
            problems: vec![Problem::new(
                path.display().to_string(),
                "",
                "not a pack folder or a zip file",
            )],
        });
    }
    // The name given is followed (an operator may point at a link to a
    // zip), but what was opened must still be a regular file.
    let file = open_regular(path, true).map_err(|e| Error::io(path, e))?;
    Ok(Box::new(ZipSource::new(
        BufReader::new(file),
        &path.display().to_string(),
    )?))
}

/// What [`stream`] saw of a file.
#[derive(Debug)]
pub struct Streamed {
    /// Of the bytes read: the whole file unless `over_limit`.
    pub sha256: String,
    pub bytes: u64,
    /// The first bytes, as many as asked for.
    pub head: Vec<u8>,
    /// More than the limit arrived, and reading stopped there.
    pub over_limit: bool,
}

/// Reads one file of `source` into `sink` (a media-store file, or
/// `io::sink()` to only check it), hashing and counting on the way and
/// keeping its first `keep` bytes. Stops as soon as more than `limit` bytes
/// arrive, whatever size the source claimed.
pub fn stream(
    source: &dyn PackSource,
    path: &str,
    limit: u64,
    keep: usize,
    sink: &mut dyn Write,
) -> io::Result<Streamed> {
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    let mut head = Vec::new();
    let mut over_limit = false;
    let mut buffer = vec![0u8; 64 * 1024];
    source.with_reader(path, &mut |reader| {
        // One byte more than the limit is enough to know it is passed.
        let mut capped = reader.take(limit.saturating_add(1));
        loop {
            let count = match capped.read(&mut buffer) {
                Ok(0) => return Ok(()),
                Ok(count) => count,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            let room = usize::try_from(limit - bytes).unwrap_or(usize::MAX);
            let chunk = &buffer[..count.min(room)];
            hasher.update(chunk);
            head.extend_from_slice(&chunk[..chunk.len().min(keep - head.len())]);
            sink.write_all(chunk)?;
            bytes += chunk.len() as u64;
            if count > room {
                over_limit = true;
                return Ok(());
            }
        }
    })?;
    Ok(Streamed {
        sha256: format!("{:x}", hasher.finalize()),
        bytes,
        head,
        over_limit,
    })
}

/// The files of a source and every problem with their names, gathered the
/// same way for folders and archives so both refuse the same things alike.
struct Listing {
    files: Vec<SourceFile>,
    problems: Problems,
    entries: usize,
}

impl Default for Listing {
    fn default() -> Self {
        Listing {
            files: Vec::new(),
            problems: Problems::new(&REPORT_ORDER),
            entries: 0,
        }
    }
}

impl Listing {
    /// Counts one entry (file or folder); `false` once past
    /// [`limits::MAX_FILES_AND_FOLDERS`], which is then reported on `whole`.
    fn count(&mut self, whole: &str) -> bool {
        self.entries += 1;
        if self.entries > limits::MAX_FILES_AND_FOLDERS {
            self.problems.add(
                whole,
                "",
                format!(
                    "more than {} files and folders, the limit for a pack",
                    limits::MAX_FILES_AND_FOLDERS
                ),
            );
        }
        self.entries <= limits::MAX_FILES_AND_FOLDERS
    }

    fn refuse(&mut self, path: &str, message: impl Into<String>) {
        self.problems.add(path, "", message);
    }

    fn add(&mut self, path: String, bytes: u64) {
        self.files.push(SourceFile { path, bytes });
    }

    /// Sorted files, or every problem; names that differ only in case are
    /// refused because Windows and macOS would make them one file.
    fn finish(mut self) -> Result<Vec<SourceFile>> {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for file in &self.files {
            match seen.get(&file.path.to_lowercase()) {
                Some(first) => self.problems.add(
                    &file.path,
                    "",
                    format!("the same name as \"{first}\" but for upper and lower case, which Windows and macOS cannot tell apart: rename one"),
                ),
                None => {
                    seen.insert(file.path.to_lowercase(), &file.path);
                }
            }
        }
        if self.problems.is_empty() {
            Ok(self.files)
        } else {
            Err(self.problems.into_error())
        }
    }
}

fn long_path(bytes: usize) -> String {
    format!(
        "the path is {bytes} bytes, over the limit of {} for a path in a pack: shorten it",
        limits::MAX_PATH_BYTES
    )
}

const LINK: &str = "a symbolic link: a pack holds only regular files; put the file itself here";
const NOT_REGULAR: &str = "not a regular file (a device, socket or pipe): remove it";

/// A pack as a folder on disk. Links are refused, never followed.
pub struct FolderSource {
    root: PathBuf,
}

impl PackSource for FolderSource {
    fn files(&self) -> Result<Vec<SourceFile>> {
        let whole = self.root.display().to_string();
        let mut listing = Listing::default();
        // A list of folders still to visit, not recursion: a folder nested
        // thousands deep must not overflow the stack.
        let mut pending = vec![(self.root.clone(), String::new())];
        'walk: while let Some((dir, prefix)) = pending.pop() {
            for entry in fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
                let entry = entry.map_err(|e| Error::io(&dir, e))?;
                if !listing.count(&whole) {
                    break 'walk;
                }
                let name = entry.file_name();
                let Some(name) = name.to_str() else {
                    listing.refuse(
                        &format!("{prefix}{}", name.to_string_lossy()),
                        "the name is not valid UTF-8: rename it",
                    );
                    continue;
                };
                let path = format!("{prefix}{name}");
                if path.len() > limits::MAX_PATH_BYTES {
                    // Nor is a folder this deep walked: all below is longer.
                    listing.refuse(&path, long_path(path.len()));
                    continue;
                }
                let metadata = entry
                    .path()
                    .symlink_metadata()
                    .map_err(|e| Error::io(entry.path(), e))?;
                if metadata.is_symlink() {
                    listing.refuse(&path, LINK);
                } else if metadata.is_dir() {
                    pending.push((entry.path(), format!("{path}/")));
                } else if metadata.is_file() {
                    listing.add(path, metadata.len());
                } else {
                    listing.refuse(&path, NOT_REGULAR);
                }
            }
        }
        listing.finish()
    }

    fn with_reader(
        &self,
        path: &str,
        read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
    ) -> io::Result<()> {
        if unsafe_name(path).is_some() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a path inside the pack",
            ));
        }
        // Checked again at reading, on the file opened rather than on its
        // name: the folder may have changed since it was listed.
        read(&mut open_regular(&self.root.join(path), false)?)
    }
}

/// Opens `path` for reading only if it is a regular file, judged on the
/// file opened (`fstat`), so a link or a pipe swapped in after the folder
/// was listed is refused rather than followed or waited on: on unix the
/// open neither follows a final link (unless `follow`) nor blocks on a FIFO
/// with no writer.
pub(crate) fn open_regular(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = OFlags::NONBLOCK;
        if !follow {
            flags |= OFlags::NOFOLLOW;
        }
        options.custom_flags(flags.bits() as i32);
    }
    #[cfg(not(unix))]
    let _ = follow;
    let file = options.open(path).map_err(|error| {
        #[cfg(unix)]
        let link = error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error());
        #[cfg(not(unix))]
        let link = false;
        if !follow && link {
            io::Error::new(io::ErrorKind::InvalidInput, LINK)
        } else {
            error
        }
    })?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
    }
    Ok(file)
}

/// A pack as a zip archive: entries at the archive's root, or all in one
/// top folder (zipping the pack folder itself). Every entry is checked when
/// the archive is opened; bytes are inflated only while streaming.
pub struct ZipSource<R> {
    archive: RefCell<ZipArchive<R>>,
    files: Vec<SourceFile>,
    /// A pack path's index in the archive.
    index: BTreeMap<String, usize>,
}

/// Folder that macOS's Finder adds to archives for its own metadata; it is
/// not part of the pack folder that was zipped.
const MAC_METADATA: &str = "__MACOSX/";

impl<R: Read + Seek> ZipSource<R> {
    /// Reads the archive's directory and checks every entry. `label` names
    /// the archive in problems about it as a whole.
    pub fn new(mut reader: R, label: &str) -> Result<Self> {
        let whole = |message: String| Error::InvalidPack {
            problems: vec![Problem::new(label, "", message)],
        };
        // Before the zip crate keeps every entry of a directory in memory.
        match central_directory::check(&mut reader) {
            Ok(Ok(())) => {}
            Ok(Err(why)) => return Err(whole(why)),
            Err(error) => return Err(whole(format!("cannot read the archive ({error})"))),
        }
        // The directory where the end record says, as `central_directory`
        // walked it: never one found by searching past prepended bytes.
        let config = Config {
            archive_offset: ArchiveOffset::Known(0),
        };
        let archive = ZipArchive::with_config(config, reader).map_err(|error| {
            whole(format!("not a pack folder or a readable zip archive ({error}); if it is a zip, it is truncated or damaged: copy or make it again"))
        })?;
        if archive.len() > limits::MAX_FILES_AND_FOLDERS {
            return Err(whole(format!(
                "the archive has {} entries, over the limit of {} files and folders for a pack",
                archive.len(),
                limits::MAX_FILES_AND_FOLDERS
            )));
        }
        let mut listing = Listing::default();
        // (name in the archive, index, whether a folder, size claimed)
        let mut entries = Vec::new();
        for index in 0..archive.len() {
            let entry = archive
                .by_index_data(index)
                .map_err(|error| whole(format!("the archive is damaged ({error})")))?;
            let Ok(name) = std::str::from_utf8(entry.name_raw()) else {
                listing.refuse(
                    &String::from_utf8_lossy(entry.name_raw()),
                    "the entry's name is not valid UTF-8: rename the file, or zip the folder with a tool that writes UTF-8 names",
                );
                continue;
            };
            if name.starts_with(MAC_METADATA) {
                continue;
            }
            let is_folder = name.ends_with('/');
            let path = name.strip_suffix('/').unwrap_or(name);
            if let Some(why) = unsafe_name(path) {
                listing.refuse(name, format!("{why}: an archive may hold only paths inside the pack folder; make it again from the pack folder"));
                continue;
            }
            // The file type lives in the Unix mode's top bits, when the
            // archive was made on a system that records it.
            match entry.unix_mode().map(|mode| mode & 0o170_000) {
                Some(0o120_000) => {
                    listing.refuse(name, LINK);
                    continue;
                }
                Some(0 | 0o100_000 | 0o040_000) | None => {}
                Some(_) => {
                    listing.refuse(name, NOT_REGULAR);
                    continue;
                }
            }
            if entry.encrypted() {
                listing.refuse(name, "encrypted: a pack cannot be password-protected; zip it again without a password");
                continue;
            }
            let compression = entry.compression();
            if !is_folder
                && !matches!(
                    compression,
                    CompressionMethod::Stored | CompressionMethod::Deflated
                )
            {
                listing.refuse(name, format!("compressed with {compression}, which kiosks do not read: zip it again with Deflate, every zip tool's default"));
                continue;
            }
            entries.push((path.to_owned(), index, is_folder, entry.size()));
        }
        let top = top_folder(
            entries
                .iter()
                .map(|(path, _, is_folder, _)| (path.as_str(), *is_folder)),
        );
        let mut index = BTreeMap::new();
        for (path, at, is_folder, bytes) in entries {
            if is_folder {
                continue;
            }
            let path = match &top {
                Some(top) => path[top.len() + 1..].to_owned(),
                None => path,
            };
            index.insert(path.clone(), at);
            listing.add(path, bytes);
        }
        if archive.has_duplicate_names() {
            // The archive reader keeps one entry per name, so the names
            // that repeat are read from the central directory itself.
            let start = archive.central_directory_start();
            let repeated = central_directory::repeated_names(&mut archive.into_inner(), start);
            if repeated.is_empty() {
                listing.refuse(label, "the archive holds two entries of the same name: make it again from the pack folder");
            }
            for name in repeated {
                listing.refuse(&name, "the archive holds more than one entry of this name: make it again from the pack folder");
            }
            return Err(listing.problems.into_error());
        }
        let files = listing.finish()?;
        Ok(ZipSource {
            archive: RefCell::new(archive),
            files,
            index,
        })
    }
}

impl<R: Read + Seek> PackSource for ZipSource<R> {
    fn files(&self) -> Result<Vec<SourceFile>> {
        Ok(self.files.clone())
    }

    fn with_reader(
        &self,
        path: &str,
        read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
    ) -> io::Result<()> {
        let not_found = || io::Error::new(io::ErrorKind::NotFound, "not in the archive");
        let index = *self.index.get(path).ok_or_else(not_found)?;
        let mut archive = self
            .archive
            .try_borrow_mut()
            .map_err(|_| io::Error::other("the archive is already being read"))?;
        let mut entry = Damaged(archive.by_index(index).map_err(damaged)?);
        read(&mut entry)
    }
}

/// An archive entry's reader whose errors say the archive is at fault, so
/// they read differently from a full disk at the other end of the copy.
struct Damaged<R>(R);

impl<R: Read> Read for Damaged<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.0.read(buffer).map_err(damaged)
    }
}

fn damaged(error: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("the archive is damaged here ({error}): copy or make it again"),
    )
}

/// Why `path` (without a trailing `/`) is not a plain relative path inside
/// the pack, if it is not.
fn unsafe_name(path: &str) -> Option<&'static str> {
    let bytes = path.as_bytes();
    if path.contains('\0') {
        Some("the name holds a NUL character")
    } else if path.contains('\\') {
        Some("the name uses '\\' (entries are '/'-separated)")
    } else if path.starts_with('/') {
        Some("an absolute path")
    } else if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        Some("starts with a drive letter")
    } else if path.split('/').any(|segment| segment == "..") {
        Some("escapes the pack folder with '..'")
    } else if path
        .split('/')
        .any(|segment| segment.is_empty() || segment == ".")
    {
        Some("not a plain path ('.' or an empty part between '/')")
    } else {
        None
    }
}

/// The one folder every entry is in, when the archive is a zipped pack
/// folder rather than the pack's files at its root. `content` and `media`
/// are the pack's own folders, never its top folder.
fn top_folder<'a>(mut entries: impl Iterator<Item = (&'a str, bool)>) -> Option<String> {
    let top_of = |(path, is_folder): (&'a str, bool)| match path.split_once('/') {
        Some((top, _)) => Some(top),
        None if is_folder => Some(path),
        None => None,
    };
    let top = top_of(entries.next()?)?;
    (top != "content" && top != "media" && entries.all(|entry| top_of(entry) == Some(top)))
        .then(|| top.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that never ends, as a lying archive entry would inflate.
    struct Endless;

    impl PackSource for Endless {
        fn files(&self) -> Result<Vec<SourceFile>> {
            Ok(Vec::new())
        }

        fn with_reader(
            &self,
            _: &str,
            read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
        ) -> io::Result<()> {
            read(&mut io::repeat(7))
        }
    }

    #[test]
    fn streaming_stops_just_past_the_limit() {
        let mut sink = Vec::new();
        let streamed = stream(&Endless, "x", 100_000, 10, &mut sink).unwrap();
        assert!(streamed.over_limit);
        assert_eq!(
            (streamed.bytes, streamed.head.len(), sink.len()),
            (100_000, 10, 100_000)
        );
    }

    #[test]
    fn names_that_leave_the_pack_are_caught() {
        for (path, why) in [
            ("../etc/passwd", "escapes the pack folder with '..'"),
            ("media/../../x", "escapes the pack folder with '..'"),
            ("/etc/passwd", "an absolute path"),
            ("C:/Windows/x", "starts with a drive letter"),
            ("c:x", "starts with a drive letter"),
            (
                "media\\..\\x",
                "the name uses '\\' (entries are '/'-separated)",
            ),
            (
                "media//x",
                "not a plain path ('.' or an empty part between '/')",
            ),
            (
                "./media/x",
                "not a plain path ('.' or an empty part between '/')",
            ),
            ("", "not a plain path ('.' or an empty part between '/')"),
            ("media/a\0.png", "the name holds a NUL character"),
        ] {
            assert_eq!(unsafe_name(path), Some(why), "{path}");
        }
        assert_eq!(unsafe_name("media/logos/ibm.png"), None);
        assert_eq!(unsafe_name("media/a..b.png"), None);
    }

    #[test]
    fn a_top_folder_is_found_only_when_everything_is_in_it() {
        let top = |entries: &[(&str, bool)]| top_folder(entries.iter().copied());
        assert_eq!(
            top(&[("pack", true), ("pack/manifest.json", false)]),
            Some("pack".into())
        );
        assert_eq!(
            top(&[
                ("pack/manifest.json", false),
                ("pack/content/event.json", false)
            ]),
            Some("pack".into())
        );
        assert_eq!(
            top(&[("manifest.json", false), ("content/event.json", false)]),
            None
        );
        assert_eq!(top(&[("a/manifest.json", false), ("b/x", false)]), None);
        assert_eq!(top(&[("content/event.json", false)]), None);
        assert_eq!(top(&[]), None);
    }
}
