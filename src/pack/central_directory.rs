//! A zip archive's own directory, judged from its records before the zip
//! crate reads it. `ZipArchive` keeps every entry of the directory it
//! picks in memory (its name, extra field and comment), however many the
//! end record claims, and may fall back to an earlier end record if the last
//! one does not read. So every end record near the archive's end is looked
//! at, and the directory each one points to walked record by record without
//! keeping any: more entries than a pack may hold, a name longer than a
//! pack's paths, or a directory bigger than 100,000 entries need is refused
//! before anything is kept.
//!
//! Tests are in `tests/core/memory.rs` and `tests/core/hostile.rs`.

use std::collections::BTreeMap;
use std::io::{self, BufReader, Read, Seek, SeekFrom};

use crate::pack::limits;

const END: u32 = 0x0605_4b50;
const END64_LOCATOR: u32 = 0x0706_4b50;
const END64: u32 = 0x0606_4b50;
const RECORD: u32 = 0x0201_4b50;
/// The end record's fixed part; the archive's comment (at most 64 KiB)
/// follows it, so the last record starts within this many bytes of the end.
const END_BYTES: u64 = 22;
const TAIL_BYTES: u64 = END_BYTES + 0xFFFF;
/// End records a sound archive has near its end: one, and a stray one in a
/// comment. More are refused rather than each walked.
const MAX_END_RECORDS: usize = 4;
/// A directory record's fixed part.
const RECORD_BYTES: u64 = 46;

/// What an end record says of the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Claim {
    entries: u64,
    bytes: u64,
    start: u64,
}

/// Why the archive's directory is refused, in an operator's words, or
/// `Ok` when every directory it may be read from is within the limits.
/// An archive whose end records cannot be found is left to the zip crate,
/// which says it is not a zip.
pub fn check<R: Read + Seek>(reader: &mut R) -> io::Result<Result<(), String>> {
    let claims = claims(reader)?;
    if claims.len() > MAX_END_RECORDS {
        return Ok(Err(format!(
            "the archive ends with {} directory end records, where a zip has one: make it again from the pack folder",
            claims.len()
        )));
    }
    let max = limits::MAX_FILES_AND_FOLDERS as u64;
    for claim in &claims {
        if claim.entries > max {
            return Ok(Err(format!(
                "the archive's directory claims {} entries, over the limit of {max} files and folders for a pack",
                claim.entries
            )));
        }
    }
    for claim in claims {
        if let Err(why) = walk(reader, claim) {
            return Ok(Err(why));
        }
    }
    Ok(Ok(()))
}

/// Every end record in the archive's last [`TAIL_BYTES`], last first, with
/// the ZIP64 record its locator points to, if any.
fn claims<R: Read + Seek>(reader: &mut R) -> io::Result<Vec<Claim>> {
    let length = reader.seek(SeekFrom::End(0))?;
    let tail_start = length.saturating_sub(TAIL_BYTES);
    reader.seek(SeekFrom::Start(tail_start))?;
    let mut tail = Vec::new();
    reader.take(TAIL_BYTES).read_to_end(&mut tail)?;
    let mut claims = Vec::new();
    for at in (0..tail.len().saturating_sub(END_BYTES as usize - 1)).rev() {
        if u32_at(&tail, at) != END {
            continue;
        }
        let end = &tail[at..];
        let u16_of = |offset: usize| u64::from(u16::from_le_bytes([end[offset], end[offset + 1]]));
        claims.push(Claim {
            entries: u16_of(8).max(u16_of(10)),
            bytes: u64::from(u32_at(end, 12)),
            start: u64::from(u32_at(end, 16)),
        });
        if at >= 20 && u32_at(&tail, at - 20) == END64_LOCATOR {
            let record = u64_at(&tail, at - 12);
            if let Some(claim) = zip64_claim(reader, record)? {
                claims.push(claim);
            }
        } else if at < 20 && tail_start + (at as u64) >= 20 {
            // The locator lies just before the tail read.
            let locator = tail_start + at as u64 - 20;
            let mut bytes = [0u8; 20];
            reader.seek(SeekFrom::Start(locator))?;
            if reader.read_exact(&mut bytes).is_ok() && u32_at(&bytes, 0) == END64_LOCATOR {
                if let Some(claim) = zip64_claim(reader, u64_at(&bytes, 8))? {
                    claims.push(claim);
                }
            }
        }
    }
    Ok(claims)
}

/// The ZIP64 end record at `at`, if one is there.
fn zip64_claim<R: Read + Seek>(reader: &mut R, at: u64) -> io::Result<Option<Claim>> {
    let mut record = [0u8; 56];
    if reader.seek(SeekFrom::Start(at)).is_err()
        || reader.read_exact(&mut record).is_err()
        || u32_at(&record, 0) != END64
    {
        return Ok(None);
    }
    Ok(Some(Claim {
        entries: u64_at(&record, 24).max(u64_at(&record, 32)),
        bytes: u64_at(&record, 40),
        start: u64_at(&record, 48),
    }))
}

/// Walks the directory `claim` points to (its entries are within the
/// limit), refusing a name longer than a pack's paths or a directory
/// bigger than [`limits::MAX_ZIP_DIRECTORY_BYTES`]. Where the records stop
/// being records the walk stops: the zip crate says the archive is damaged.
fn walk<R: Read + Seek>(reader: &mut R, claim: Claim) -> std::result::Result<(), String> {
    let mut total = 0u64;
    let mut outcome = Ok(());
    let _ = records(
        reader,
        claim.start,
        claim.entries as usize,
        |name, bytes| {
            total += bytes;
            if name.len() > limits::MAX_PATH_BYTES {
                outcome = Err(format!(
                "an entry's name (\"{}…\") is {} bytes, over the limit of {} for a path in a pack: shorten it and make the archive again",
                String::from_utf8_lossy(&name[..40]),
                name.len(),
                limits::MAX_PATH_BYTES
            ));
            } else if total > limits::MAX_ZIP_DIRECTORY_BYTES {
                outcome = Err(format!(
                "the archive's directory is over {} MiB, more than a pack's {} files and folders need (long extra fields or comments): make it again from the pack folder",
                limits::MAX_ZIP_DIRECTORY_BYTES / 1024 / 1024,
                limits::MAX_FILES_AND_FOLDERS
            ));
            }
            outcome.is_ok()
        },
    );
    outcome
}

/// Reads at most `count` directory records from `start`, handing `visit`
/// each one's name (its first [`limits::MAX_PATH_BYTES`] + 1 bytes, so a
/// longer one shows as longer) and its whole size; stops when `visit`
/// returns `false` or a record is not one.
fn records<R: Read + Seek>(
    reader: &mut R,
    start: u64,
    count: usize,
    mut visit: impl FnMut(&[u8], u64) -> bool,
) -> io::Result<()> {
    let mut reader = BufReader::new(reader);
    reader.seek(SeekFrom::Start(start))?;
    let mut name = Vec::with_capacity(limits::MAX_PATH_BYTES + 1);
    for _ in 0..count.min(limits::MAX_FILES_AND_FOLDERS) {
        let mut record = [0u8; RECORD_BYTES as usize];
        if reader.read_exact(&mut record).is_err() || u32_at(&record, 0) != RECORD {
            break;
        }
        let length = |at: usize| u64::from(u16::from_le_bytes([record[at], record[at + 1]]));
        let name_bytes = length(28);
        let kept = name_bytes.min(limits::MAX_PATH_BYTES as u64 + 1);
        name.clear();
        if (&mut reader).take(kept).read_to_end(&mut name)? < kept as usize {
            break;
        }
        let rest = name_bytes - kept + length(30) + length(32);
        reader.seek_relative(rest as i64)?;
        if !visit(&name, RECORD_BYTES + name_bytes + length(30) + length(32)) {
            break;
        }
    }
    Ok(())
}

/// Names that occur more than once in the directory starting at `start`
/// (the zip crate keeps one entry per name, so it cannot say which).
pub fn repeated_names<R: Read + Seek>(reader: &mut R, start: u64) -> Vec<String> {
    let mut seen = BTreeMap::new();
    let _ = records(reader, start, limits::MAX_FILES_AND_FOLDERS, |name, _| {
        *seen
            .entry(String::from_utf8_lossy(name).into_owned())
            .or_insert(0) += 1;
        true
    });
    seen.into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(name, _)| name)
        .collect()
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut value = [0u8; 8];
    value.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(value)
}
