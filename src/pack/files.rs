//! The pack's files against its manifest: every file on disk listed, every
//! listed file present with its hash and size, each in a place the format
//! knows; then the content files' syntax checked and their entities
//! counted, before any is typed.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use crate::pack::json::{self, ArrayFile, Checked};
use crate::pack::kind::{self, Kind, Shape, CONTENT_FILES, MANIFEST, SIGNATURE};
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

/// What checking the files found: the content files' bytes, the images, and
/// which files exist at all.
#[derive(Debug, Default)]
pub struct PackFiles {
    /// Until [`load_content`] takes them.
    pub content: BTreeMap<String, Vec<u8>>,
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
            found.content.insert(file.path.clone(), streamed.head);
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

/// The content files with their syntax checked, not yet typed, each kept
/// as its bytes for `resolve` to deserialise straight into input types.
#[derive(Default)]
pub struct LoadedContent {
    /// The files of kinds that hold one object.
    pub objects: BTreeMap<Kind, Checked>,
    /// The files of kinds that hold arrays.
    pub arrays: BTreeMap<Kind, ArrayFile>,
}

/// Checks the syntax of every content file, taking each one's bytes out of
/// `files`, and counts the entities. `None` when they are over the limit:
/// nothing more is checked then.
pub(crate) fn load_content(
    files: &mut PackFiles,
    problems: &mut Problems,
) -> Option<LoadedContent> {
    problems.enter(Stage::Syntax);
    let mut loaded = LoadedContent::default();
    let mut entities = 0;
    // In path order, as reports always have listed syntax errors.
    for (path, bytes) in std::mem::take(&mut files.content) {
        let Some(kind) = kind::of_file(&path) else {
            continue;
        };
        let path = kind.file();
        let Some(checked) = json::check(path, bytes, problems) else {
            continue;
        };
        match kind.shape() {
            Shape::Array => {
                let array = checked.into_array(path, problems);
                entities += array.entities();
                loaded.arrays.insert(kind, array);
            }
            Shape::Object => {
                entities += checked.entities();
                loaded.objects.insert(kind, checked);
            }
        }
    }
    if entities > limits::MAX_ENTITIES {
        let objects = loaded.objects.iter();
        let arrays = loaded
            .arrays
            .iter()
            .filter_map(|(kind, array)| match array {
                ArrayFile::Elements { checked, .. } => Some((kind, checked)),
                ArrayFile::Other(_) => None,
            });
        for (kind, checked) in objects.chain(arrays) {
            checked.report_overlong(kind.file(), problems);
        }
        problems.enter(Stage::Limits);
        problems.add(
            "content/",
            "",
            format!("{entities} entities in the pack, over the limit of one million"),
        );
        return None;
    }
    Some(loaded)
}
