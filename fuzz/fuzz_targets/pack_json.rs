//! Any bytes as the JSON files of a pack. The input is split at NUL bytes
//! into the manifest and each content file, so the fuzzer can reach past
//! the manifest into parsing, references and rich text; the files are
//! sealed with their true hashes, or validation would stop at the first
//! mismatch.
#![no_main]

use std::io::{self, Read};

use libfuzzer_sys::fuzz_target;
use pavilion::pack;
use pavilion::pack::kind::CONTENT_FILES;
use pavilion::pack::manifest::{sha256_hex, MANIFEST};
use pavilion::pack::source::{PackSource, SourceFile};
use pavilion::Result;

/// A pack held in memory.
struct Memory(Vec<(String, Vec<u8>)>);

impl PackSource for Memory {
    fn files(&self) -> Result<Vec<SourceFile>> {
        let mut files: Vec<SourceFile> = self
            .0
            .iter()
            .map(|(path, bytes)| SourceFile {
                path: path.clone(),
                bytes: bytes.len() as u64,
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn with_reader(
        &self,
        path: &str,
        read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
    ) -> io::Result<()> {
        let (_, bytes) = self
            .0
            .iter()
            .find(|(name, _)| name == path)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        read(&mut bytes.as_slice())
    }
}

fuzz_target!(|bytes: &[u8]| {
    let mut parts = bytes.split(|byte| *byte == 0);
    let manifest = parts.next().unwrap_or_default();
    let mut files: Vec<(String, Vec<u8>)> = CONTENT_FILES
        .iter()
        .zip(parts)
        .map(|(path, part)| (path.to_string(), part.to_vec()))
        .collect();
    // When the manifest part is a JSON object, its `files` is replaced by
    // the true list so that content is reached; otherwise it is used as is.
    let manifest = match serde_json::from_slice::<serde_json::Value>(manifest) {
        Ok(serde_json::Value::Object(mut object)) => {
            let listed: serde_json::Map<String, serde_json::Value> = files
                .iter()
                .map(|(path, bytes)| {
                    let entry =
                        serde_json::json!({"sha256": sha256_hex(bytes), "bytes": bytes.len()});
                    (path.clone(), entry)
                })
                .collect();
            object.insert("files".into(), listed.into());
            serde_json::to_vec(&object).unwrap_or_default()
        }
        _ => manifest.to_vec(),
    };
    files.push((MANIFEST.to_string(), manifest));
    let _ = pack::read(&Memory(files));
});
