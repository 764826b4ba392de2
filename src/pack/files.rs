//! The pack's files against its manifest: every file on disk listed, every
//! listed file present with its hash and size, each in a place the format
//! knows, each content file's syntax checked and its entities counted as it
//! is read; then the limit on entities, before any is typed. A content file
//! is held whole only while it is checked, and read again (its hash checked
//! again) when its turn to be typed comes: holding them all until then
//! would cost their sum, where the budget is the largest one.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use crate::pack::json::{self, ArrayFile, Checked, Syntax};
use crate::pack::kind::{self, Kind, CONTENT_FILES, MANIFEST, SIGNATURE};
use crate::pack::limits;
use crate::pack::manifest::Manifest;
use crate::pack::media::{self, ImageKind};
use crate::pack::picture::{self, Header};
use crate::pack::problems::{pointer_segment, Problems, Stage};
use crate::pack::source::{self, PackSource, SourceFile};
use crate::pack::suggest::did_you_mean;

/// An image file of the pack, recognised by content.
#[derive(Debug, Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub sha256: String,
    pub bytes: u64,
    /// `None` for an SVG.
    pub header: Option<Header>,
}

/// What checking the files found: the content files whose syntax passed,
/// the images, and which files exist at all.
#[derive(Debug, Default)]
pub struct PackFiles {
    /// Until [`content_files`] takes them.
    content: BTreeMap<Kind, ContentFile>,
    /// The entities of every content file, towards the limit.
    entities: usize,
    pub images: BTreeMap<String, Image>,
    /// Images refused on their header: a reference to one needs no
    /// problem of its own.
    pub refused_images: BTreeSet<String>,
    pub present: BTreeSet<String>,
}

pub(crate) fn check(
    source: &dyn PackSource,
    on_disk: &[SourceFile],
    manifest: &Manifest,
    problems: &mut Problems,
) -> PackFiles {
    let mut found = PackFiles::default();
    let total = manifest
        .files
        .values()
        .fold(0u64, |total, entry| total.saturating_add(entry.bytes));
    if total > limits::MAX_PACK_BYTES {
        // Nothing is read: no file is read past its listed size, so this
        // bounds what any pack, however hostile, makes the kiosk inflate.
        problems.add(
            MANIFEST,
            "/files",
            format!("the files add up to {total} bytes, over the 4 GiB limit for a pack"),
        );
        return found;
    }
    for file in on_disk
        .iter()
        .filter(|file| file.path != MANIFEST && file.path != SIGNATURE)
    {
        let path = file.path.as_str();
        found.present.insert(file.path.clone());
        let is_content = CONTENT_FILES.contains(&path);
        if !is_content && !path.starts_with("media/") {
            let message = match did_you_mean(path, CONTENT_FILES) {
                Some(close) => format!("not a file of the format (did you mean \"{close}\"?)"),
                None => "not a file of the format: content goes in content/ (event.json, news.json, …), images in media/".to_owned(),
            };
            problems.add(path, "", message);
        }
        let Some(listed) = manifest.files.get(path) else {
            problems.add(path, "", "not listed in manifest.json \"files\" (after editing a pack, run `pavilion pack manifest DIR`)");
            continue;
        };
        if is_content && listed.bytes > limits::MAX_JSON_FILE_BYTES {
            problems.add(
                path,
                "",
                format!(
                    "the file is {} bytes, over the 256 MiB limit for a JSON file",
                    listed.bytes
                ),
            );
            continue;
        }
        // Never past the listed size, whatever the source claims. Content is
        // parsed, so kept whole (at most 256 MiB, checked just above); of an
        // image only the head that tells its format.
        let keep = if is_content {
            listed.bytes as usize
        } else {
            media::SNIFF_BYTES
        };
        let streamed = match source::stream(source, path, listed.bytes, keep, &mut io::sink()) {
            Ok(streamed) => streamed,
            Err(error) => {
                problems.add(path, "", format!("cannot read: {error}"));
                continue;
            }
        };
        if streamed.over_limit {
            let message = if file.bytes > listed.bytes {
                format!(
                    "the file is {} bytes, manifest.json says {}",
                    file.bytes, listed.bytes
                )
            } else {
                format!("the file holds more than the {} bytes manifest.json says (the archive's header is wrong, or the file changed while being read)", listed.bytes)
            };
            problems.add(path, "", message);
        } else if streamed.bytes != listed.bytes {
            problems.add(
                path,
                "",
                format!(
                    "the file is {} bytes, manifest.json says {}",
                    streamed.bytes, listed.bytes
                ),
            );
        }
        if !streamed.over_limit && streamed.sha256 != listed.sha256 {
            problems.add(
                path,
                "",
                format!(
                    "sha256 is {}, manifest.json says {}",
                    streamed.sha256, listed.sha256
                ),
            );
        }
        if is_content && streamed.over_limit {
            // Only its start was read: parsing it would report a
            // truncation that is not in the file.
            continue;
        }
        if is_content {
            if let Some(kind) = kind::of_file(path) {
                check_syntax(kind, streamed, &mut found, problems);
            }
        } else if path.starts_with("media/") {
            match ImageKind::sniff(&streamed.head) {
                Some(kind) => {
                    let header = match image_header(source, path, kind, &streamed) {
                        Ok(header) => header,
                        Err(message) => {
                            problems.add(path, "", message);
                            found.refused_images.insert(file.path.clone());
                            continue;
                        }
                    };
                    found.images.insert(
                        file.path.clone(),
                        Image {
                            kind,
                            sha256: streamed.sha256,
                            bytes: streamed.bytes,
                            header,
                        },
                    );
                }
                None => problems.add(
                    path,
                    "",
                    "not a PNG, JPEG, WebP, GIF or SVG image (checked by content, not name)",
                ),
            }
        }
    }
    for path in manifest
        .files
        .keys()
        .filter(|path| !found.present.contains(*path))
    {
        problems.add(
            MANIFEST,
            &format!("/files/{}", pointer_segment(path)),
            format!("\"{path}\" is listed but not in the pack"),
        );
    }
    let event = Kind::Event.file();
    if !found.present.contains(event) {
        problems.add(event, "", "missing: every pack has content/event.json");
    }
    found
}

/// Checks the syntax of the content file of `kind`, whose bytes are
/// `streamed.head`, and counts its entities; only what typing it needs
/// besides its bytes is kept.
fn check_syntax(
    kind: Kind,
    streamed: source::Streamed,
    found: &mut PackFiles,
    problems: &mut Problems,
) {
    problems.enter(Stage::Syntax);
    if let Some(syntax) = json::check(kind.file(), &streamed.head, problems) {
        found.entities += syntax.checked(streamed.head).entities();
        found.content.insert(
            kind,
            ContentFile {
                sha256: streamed.sha256,
                bytes: streamed.bytes,
                syntax,
            },
        );
    }
    problems.enter(Stage::Files);
}

/// A content file whose syntax passed, as it was when checked.
#[derive(Debug)]
struct ContentFile {
    /// Of the bytes checked (the manifest's may differ: that is reported).
    sha256: String,
    bytes: u64,
    syntax: Syntax,
}

/// An image's header, within the limits: read from the head already
/// streamed, or else from a longer start of the file (a JPEG's metadata may
/// fill the head). Never its pixels.
fn image_header(
    source: &dyn PackSource,
    path: &str,
    kind: ImageKind,
    streamed: &source::Streamed,
) -> Result<Option<Header>, String> {
    let Some(mut read) = picture::read_header(kind, &streamed.head) else {
        return Ok(None);
    };
    if read.is_err() && streamed.bytes > streamed.head.len() as u64 {
        let keep = streamed.bytes.min(limits::MAX_HEADER_BYTES) as usize;
        let longer = source::stream(source, path, streamed.bytes, keep, &mut io::sink())
            .map_err(|error| format!("cannot read: {error}"))?;
        read = picture::read_header(kind, &longer.head).unwrap_or(read);
    }
    let header = read.map_err(|error| format!("not a readable {} image: {error}", kind.name()))?;
    match picture::over_limits(&header) {
        Some(problem) => Err(problem),
        None => Ok(Some(header)),
    }
}

/// The content files whose syntax passed, not yet typed: each read again
/// when [`ContentFiles::take`] asks for it, so one is in memory at a time.
pub struct ContentFiles<'a> {
    source: &'a dyn PackSource,
    files: BTreeMap<Kind, ContentFile>,
}

impl ContentFiles<'_> {
    /// The file of `kind` read again, for `resolve` to deserialise straight
    /// into input types. `None` when it has none whose syntax passed, or
    /// when it is no longer the file that was checked (reported).
    pub fn take(&mut self, kind: Kind, problems: &mut Problems) -> Option<Checked> {
        let file = self.files.remove(&kind)?;
        read_again(self.source, kind.file(), &file, problems)
    }

    /// The file of `kind`, which should hold an array, read again.
    pub fn array(&mut self, kind: Kind, problems: &mut Problems) -> Option<ArrayFile> {
        let checked = self.take(kind, problems)?;
        Some(checked.into_array(kind.file(), problems))
    }
}

/// The content file at `path` read again, whole, with the syntax found
/// when it was checked; its hash must be the one it had then (a file that
/// changed in between, on a stick being written or pulled, is refused).
fn read_again(
    source: &dyn PackSource,
    path: &str,
    file: &ContentFile,
    problems: &mut Problems,
) -> Option<Checked> {
    let message = match source::stream(
        source,
        path,
        file.bytes,
        file.bytes as usize,
        &mut io::sink(),
    ) {
        Ok(streamed) if !streamed.over_limit && streamed.sha256 == file.sha256 => {
            return Some(file.syntax.checked(streamed.head));
        }
        Ok(_) => {
            "the file changed while the pack was being read: check it, then try again".to_owned()
        }
        Err(error) => format!("cannot read: {error}"),
    };
    problems.enter(Stage::Files);
    problems.add(path, "", message);
    None
}

/// The content files to type, one at a time; `None` when their entities
/// are over the limit: nothing more is checked then.
pub(crate) fn content_files<'a>(
    source: &'a dyn PackSource,
    files: &mut PackFiles,
    problems: &mut Problems,
) -> Option<ContentFiles<'a>> {
    let content = ContentFiles {
        source,
        files: std::mem::take(&mut files.content),
    };
    if files.entities > limits::MAX_ENTITIES {
        // What typing them would have reported of their strings, as the
        // syntax check of a whole file reports it.
        let mut content = content;
        let overlong: Vec<Kind> = content
            .files
            .iter()
            .filter(|(_, file)| file.syntax.overlong())
            .map(|(kind, _)| *kind)
            .collect();
        for kind in overlong {
            if let Some(checked) = content.take(kind, problems) {
                checked.report_overlong(kind.file(), problems);
            }
        }
        problems.enter(Stage::Limits);
        problems.add(
            "content/",
            "",
            format!(
                "{} entities in the pack, over the limit of one million",
                files.entities
            ),
        );
        return None;
    }
    Some(content)
}
