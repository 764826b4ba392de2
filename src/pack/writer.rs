//! Writing a pack: every file hashed on its way to disk, then the manifest
//! sealed over them. `pack synth` and `pack build` both make packs; this is
//! the one place that knows how a written pack becomes a valid one. JSON
//! arrays are streamed one element at a time, so a million entities are
//! never all in memory as text.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::pack::content::TextInput;
use crate::pack::manifest::{hex, FileEntry, FORMAT, MANIFEST};

/// Writes the pack's files into a folder and remembers each one's hash and
/// size for the manifest.
pub struct PackWriter<'a> {
    out: &'a Path,
    files: BTreeMap<String, FileEntry>,
    /// The command's name on progress lines, when stderr is a terminal.
    progress: Option<&'static str>,
}

/// The manifest's fields other than `format` and `files`, which the writer
/// fills in.
#[derive(Debug, Clone)]
pub struct ManifestHeader {
    pub pack: String,
    pub version: u64,
    pub title: TextInput,
    /// RFC 3339 with an offset.
    pub created: String,
    /// The first is the default.
    pub languages: Vec<String>,
}

impl<'a> PackWriter<'a> {
    /// A writer into `out`, which the caller has made (and checked empty);
    /// `command` names the progress lines on a terminal.
    pub fn new(out: &'a Path, command: &'static str) -> Self {
        PackWriter {
            out,
            files: BTreeMap::new(),
            progress: io::stderr().is_terminal().then_some(command),
        }
    }

    pub fn file(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        self.write(path, |writer| writer.write_all(bytes))
    }

    /// A content file, serialised by `body` straight into the file and the
    /// hash; `count` is for the progress line.
    pub fn json(
        &mut self,
        path: &str,
        count: usize,
        body: impl FnOnce(&mut Json) -> io::Result<()>,
    ) -> Result<()> {
        if let Some(command) = self.progress {
            eprintln!("{command}: {path} ({count})");
        }
        self.write(path, |writer| body(&mut Json(writer)))
    }

    /// Writes `manifest.json` over every file written so far.
    pub fn seal(self, header: &ManifestHeader) -> Result<()> {
        let manifest = serde_json::json!({
            "format": FORMAT,
            "pack": header.pack,
            "version": header.version,
            "title": header.title,
            "created": header.created,
            "languages": header.languages,
            "files": self.files,
        });
        let path = self.out.join(MANIFEST);
        let mut text =
            serde_json::to_vec_pretty(&manifest).map_err(|error| Error::io(&path, error.into()))?;
        text.push(b'\n');
        fs::write(&path, text).map_err(|error| Error::io(path, error))
    }

    fn write(
        &mut self,
        path: &str,
        body: impl FnOnce(&mut Hashing) -> io::Result<()>,
    ) -> Result<()> {
        let full = self.out.join(path);
        let written = (|| {
            if let Some(parent) = full.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut writer = Hashing {
                file: BufWriter::with_capacity(1 << 20, File::create(&full)?),
                hash: Sha256::new(),
                bytes: 0,
            };
            body(&mut writer)?;
            writer.file.flush()?;
            Ok::<_, io::Error>(FileEntry {
                sha256: hex(&writer.hash.finalize()),
                bytes: writer.bytes,
            })
        })();
        let entry = written.map_err(|error| Error::io(&full, error))?;
        self.files.insert(path.to_owned(), entry);
        Ok(())
    }
}

/// A file being written, hashed on the way.
pub struct Hashing {
    file: BufWriter<File>,
    hash: Sha256,
    bytes: u64,
}

impl Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.file.write(buf)?;
        self.hash.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Compact JSON into a [`Hashing`] writer.
pub struct Json<'w>(&'w mut Hashing);

impl Json<'_> {
    pub fn value(&mut self, value: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut *self.0, value).map_err(io::Error::from)
    }

    /// An array written one element at a time.
    pub fn array<T: Serialize>(&mut self, items: impl Iterator<Item = T>) -> io::Result<()> {
        self.0.write_all(b"[")?;
        for (index, item) in items.enumerate() {
            if index > 0 {
                self.0.write_all(b",")?;
            }
            self.value(&item)?;
        }
        self.0.write_all(b"]")
    }
}
