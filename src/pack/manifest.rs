//! `manifest.json`: the pack's identity and the list of its files with their
//! hashes, so that a signature over the manifest covers every byte.

use std::collections::BTreeMap;
use std::io;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Problem, Result};
use crate::model::Text;
use crate::pack::content::{fill_text, TextInput};
use crate::pack::json;
pub use crate::pack::kind::{MANIFEST, SIGNATURE};
use crate::pack::limits;
use crate::pack::problems::{pointer_segment, At, Problems};
use crate::pack::source::{self, PackSource, SourceFile};
/// The only format version this build reads.
pub const FORMAT: u64 = 1;

/// A file's entry in `files`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestInput {
    format: u64,
    pack: String,
    version: u64,
    title: TextInput,
    created: String,
    languages: Vec<String>,
    files: BTreeMap<String, FileEntry>,
}

/// A checked manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub pack: String,
    pub version: u32,
    pub title: Text,
    /// The first is the default language.
    pub languages: Vec<String>,
    pub created: String,
    pub files: BTreeMap<String, FileEntry>,
}

const TOO_LARGE: &str = "the file is larger than the 16 MiB limit for manifest.json";

/// Reads and checks the manifest. `None` when the rest of the pack cannot be
/// checked without it (missing, unreadable, or no usable languages); its
/// problems are in `problems` either way.
pub(crate) fn read(
    source: &dyn PackSource,
    files: &[SourceFile],
    problems: &mut Problems,
) -> Option<Manifest> {
    let Some(listed) = files.iter().find(|file| file.path == MANIFEST) else {
        problems.add(
            MANIFEST,
            "",
            "missing: every pack has a manifest.json at its root",
        );
        return None;
    };
    if listed.bytes > limits::MAX_MANIFEST_BYTES {
        problems.add(MANIFEST, "", TOO_LARGE);
        return None;
    }
    let limit = limits::MAX_MANIFEST_BYTES;
    let bytes = match source::stream(source, MANIFEST, limit, limit as usize, &mut io::sink()) {
        Ok(streamed) if streamed.over_limit => {
            problems.add(MANIFEST, "", TOO_LARGE);
            return None;
        }
        Ok(streamed) => streamed.head,
        Err(error) => {
            problems.add(MANIFEST, "", format!("cannot read: {error}"));
            return None;
        }
    };
    let input: ManifestInput = json::object(MANIFEST, &bytes, problems)?;

    if input.format != FORMAT {
        problems.add(
            MANIFEST,
            "/format",
            format!(
                "format {} is not supported; this kiosk reads format {FORMAT}",
                input.format
            ),
        );
    }
    if !is_pack_id(&input.pack) {
        problems.add(
            MANIFEST,
            "/pack",
            format!("\"{}\" is not a pack id: 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit", input.pack),
        );
    }
    let version = match u32::try_from(input.version) {
        Ok(version) if version >= 1 => version,
        _ => {
            problems.add(
                MANIFEST,
                "/version",
                format!(
                    "version {} is out of range: an integer from 1 to {}",
                    input.version,
                    u32::MAX
                ),
            );
            0
        }
    };
    if OffsetDateTime::parse(&input.created, &Rfc3339).is_err() {
        problems.add(
            MANIFEST,
            "/created",
            format!(
                "\"{}\" is not an RFC 3339 time with offset, e.g. 2021-07-05T10:00:00+08:00",
                input.created
            ),
        );
    }
    for (index, language) in input.languages.iter().enumerate() {
        if !is_language_code(language) {
            problems.add(
                MANIFEST,
                &format!("/languages/{index}"),
                format!("\"{language}\" is not a BCP 47 language code such as \"zh\" or \"en-GB\""),
            );
        } else if input.languages[..index].contains(language) {
            problems.add(
                MANIFEST,
                &format!("/languages/{index}"),
                format!("\"{language}\" is listed twice"),
            );
        }
    }
    for (path, entry) in &input.files {
        let at = format!("/files/{}", pointer_segment(path));
        if !is_pack_path(path) || path == MANIFEST || path == SIGNATURE {
            problems.add(MANIFEST, &at, format!("\"{path}\" is not a file path inside the pack (relative, '/'-separated, no '.' or '..')"));
        }
        if entry.sha256.len() != 64
            || !entry
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            problems.add(
                MANIFEST,
                &format!("{at}/sha256"),
                "not a SHA-256 in lower-case hex (64 characters)",
            );
        }
    }
    if input.languages.is_empty() {
        problems.add(
            MANIFEST,
            "/languages",
            "no languages: list at least one, the default first",
        );
        return None;
    }
    let title = Text(fill_text(
        input.title,
        &input.languages,
        &At::new(MANIFEST, "/title"),
        problems,
    ));
    Some(Manifest {
        pack: input.pack,
        version,
        title,
        languages: input.languages,
        created: input.created,
        files: input.files,
    })
}

/// `files` as it should be for the files now in the pack, for resealing a
/// pack after editing it (`pavilion pack manifest DIR`).
pub fn files_on_disk(source: &dyn PackSource) -> Result<BTreeMap<String, FileEntry>> {
    let mut entries = BTreeMap::new();
    for file in source.files()? {
        if file.path == MANIFEST || file.path == SIGNATURE {
            continue;
        }
        let streamed = source::stream(
            source,
            &file.path,
            limits::MAX_PACK_BYTES,
            0,
            &mut io::sink(),
        )
        .map_err(|error| format!("cannot read: {error}"))
        .and_then(|streamed| {
            if streamed.over_limit {
                Err("larger than the 4 GiB limit for a pack".to_owned())
            } else {
                Ok(streamed)
            }
        })
        .map_err(|message| Error::InvalidPack {
            problems: vec![Problem::new(&file.path, "", message)],
        })?;
        entries.insert(
            file.path,
            FileEntry {
                sha256: streamed.sha256,
                bytes: streamed.bytes,
            },
        );
    }
    Ok(entries)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex, as `files` writes hashes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn is_pack_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    (1..=64).contains(&bytes.len())
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_language_code(code: &str) -> bool {
    let mut subtags = code.split('-');
    let primary = subtags.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A relative, `/`-separated path with no empty, `.` or `..` segment.
pub fn is_pack_path(path: &str) -> bool {
    !path.contains('\\')
        && path
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}
