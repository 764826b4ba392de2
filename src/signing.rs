//! Signed packs: who may put content on this kiosk's screen. A pack carries
//! `manifest.json.minisig`, a minisign signature of the exact bytes of its
//! manifest (which lists every file's SHA-256, so it covers every byte),
//! whose trusted comment names the pack and version (`pack=ID version=N`).
//! A data folder whose `trusted-keys/` holds at least one minisign public
//! key imports only packs signed by one of them; with none, unsigned packs
//! are accepted as before. The import asks [`check`] before it writes
//! anything, so the CLI and the kiosk's inbox are held to the same keys,
//! and records the answer (a [`Signer`]) in the pack's folder.
//!
//! The maintained minisign crates do the cryptography: `minisign-verify`
//! verifies (its parser checks every length before it slices, which matters
//! for a file from a stranger's stick), `minisign` makes keys and
//! signatures and reads key ids. Both of minisign's algorithms verify:
//! prehashed (`ED`, what `minisign -S` writes) and legacy (`Ed`).
//!
//! Tests are in `tests/core/signing.rs` (a manifest swapped while a pack
//! is read, below); `fuzz/fuzz_targets/signature.rs`
//! fuzzes [`PackSignature::parse`] and [`TrustedComment::parse`].

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Cursor, Read, Write};
use std::path::{Path, PathBuf};

use ct_codecs::{Base64, Decoder};
use serde::{Deserialize, Serialize};

use crate::data_dir::DataDir;
use crate::error::{Error, Problem, Result};
use crate::model::Signer;
use crate::pack::manifest::{FileEntry, Manifest, MANIFEST, SIGNATURE};
use crate::pack::source::{self, PackSource};
use crate::pack::{self, limits};
use crate::store::durable;

/// The key files `keys generate` writes.
pub const SECRET_KEY_FILE: &str = "pavilion.key";
pub const PUBLIC_KEY_FILE: &str = "pavilion.pub";

/// Key and signature files are a few hundred bytes; anything much larger
/// is not one, and is not read whole.
const KEY_OR_SIGNATURE_BYTES: u64 = 64 * 1024;

/// The file in a pack's folder recording its [`Signer`].
const SIGNER_FILE: &str = "signer";

/// A minisign key id: 8 bytes, shown as minisign shows it (the bytes as a
/// little-endian number, 16 upper-case hex digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyId([u8; 8]);

impl KeyId {
    fn from_slice(bytes: &[u8]) -> Option<KeyId> {
        bytes.try_into().ok().map(KeyId)
    }

    /// Reads an id as `keys list` prints it (any case).
    pub fn parse(text: &str) -> Option<KeyId> {
        if text.len() != 16 || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        u64::from_str_radix(text, 16)
            .ok()
            .map(|number| KeyId(number.to_le_bytes()))
    }
}

impl Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016X}", u64::from_le_bytes(self.0))
    }
}

/// A public key in `DATA/trusted-keys/`.
#[derive(Debug, Clone, Serialize)]
pub struct TrustedKey {
    pub id: KeyId,
    pub file: PathBuf,
    #[serde(skip)]
    key: minisign_verify::PublicKey,
}

/// Reads a minisign public key file's text: its id and the key.
fn parse_public_key(text: &str) -> Result<(KeyId, minisign_verify::PublicKey), String> {
    let key = minisign_verify::PublicKey::decode(text).map_err(|error| error.to_string())?;
    let id = minisign::PublicKeyBox::from_string(text)
        .and_then(minisign::PublicKeyBox::into_public_key)
        .map_err(|error| error.to_string())
        .and_then(|key| KeyId::from_slice(key.keynum()).ok_or_else(|| "no key id".to_owned()))?;
    Ok((id, key))
}

/// A `manifest.json.minisig` as read from a pack, before it is verified.
pub struct PackSignature {
    pub key_id: KeyId,
    signature: minisign_verify::Signature,
}

impl PackSignature {
    /// Parses a signature file; the reason when it is not one.
    pub fn parse(bytes: &[u8]) -> Result<PackSignature, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "it is not text".to_owned())?;
        let signature =
            minisign_verify::Signature::decode(text).map_err(|error| error.to_string())?;
        let key_id = minisign::SignatureBox::from_string(text)
            .map_err(|error| error.to_string())
            .and_then(|signature| {
                KeyId::from_slice(signature.keynum()).ok_or_else(|| "no key id".to_owned())
            })?;
        Ok(PackSignature { key_id, signature })
    }

    /// The signed comment, as minisign prints it after `trusted comment: `.
    pub fn trusted_comment(&self) -> &str {
        self.signature.trusted_comment()
    }
}

/// What a pack's signature vouches for: `pack=ID version=N` (other words,
/// such as minisign's `timestamp:…`, may come with them, in any order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustedComment {
    pub pack: String,
    pub version: u32,
}

impl TrustedComment {
    /// The reason when the comment does not name exactly one pack and
    /// one version.
    pub fn parse(text: &str) -> Result<TrustedComment, String> {
        let mut pack = None;
        let mut version = None;
        for word in text.split_whitespace() {
            if let Some(id) = word.strip_prefix("pack=") {
                if pack.replace(id).is_some() {
                    return Err("it names more than one pack".to_owned());
                }
            } else if let Some(number) = word.strip_prefix("version=") {
                if version.replace(number).is_some() {
                    return Err("it names more than one version".to_owned());
                }
            }
        }
        let (Some(pack), Some(version)) = (pack, version) else {
            return Err("it does not name the pack and version (`pack=ID version=N`)".to_owned());
        };
        let version = version
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| version.parse::<u32>().ok())
            .flatten()
            .ok_or_else(|| format!("\"{version}\" is not a version number"))?;
        Ok(TrustedComment {
            pack: pack.to_owned(),
            version,
        })
    }
}

impl fmt::Display for TrustedComment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pack={} version={}", self.pack, self.version)
    }
}

/// The keys whose packs this data folder accepts, by id: every `*.pub` file
/// in `DATA/trusted-keys/` (none when the folder does not exist). A file
/// there that is not a public key is an error, never skipped: skipping the
/// only key would quietly accept unsigned packs.
pub fn trusted_keys(data: &DataDir) -> Result<Vec<TrustedKey>> {
    let dir = data.trusted_keys();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::io(dir, error)),
    };
    let mut keys = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let file = entry.path();
        // Links and pipes are not skipped but read, and refused there.
        let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if file.extension().is_none_or(|extension| extension != "pub") || is_dir {
            continue;
        }
        let (id, key) = parse_public_key(&read_key_file(&file, false)?).map_err(|reason| {
            Error::InvalidKey {
                path: file.clone(),
                message: format!("not a minisign public key ({reason}): replace it with the key's .pub file, or remove it to stop trusting it"),
            }
        })?;
        keys.push(TrustedKey { id, file, key });
    }
    keys.sort_by_cached_key(|key| (key.id.to_string(), key.file.clone()));
    Ok(keys)
}

/// Trusts the public key in `public_key_file` from the next import on:
/// copies it into `DATA/trusted-keys/<ID>.pub`. Returns its id and whether
/// it was not trusted already.
pub fn trust(data: &DataDir, public_key_file: &Path) -> Result<(KeyId, bool)> {
    let text = read_key_file(public_key_file, true)?;
    let (id, _) = parse_public_key(&text).map_err(|reason| Error::InvalidKey {
        path: public_key_file.to_path_buf(),
        message: format!("not a minisign public key ({reason}): give the .pub file made by `pavilion keys generate` or `minisign -G`"),
    })?;
    if trusted_keys(data)?.iter().any(|key| key.id == id) {
        return Ok((id, false));
    }
    let dir = data.trusted_keys();
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    durable::replace_file(&dir.join(format!("{id}.pub")), text.as_bytes())?;
    Ok((id, true))
}

/// Stops trusting the key `id` (every file holding it) from the next import
/// on; the live pack stays live. Returns the files removed.
pub fn remove(data: &DataDir, id: &str) -> Result<Vec<PathBuf>> {
    let not_trusted = |message: String| Error::InvalidKey {
        path: data.trusted_keys(),
        message,
    };
    let id = KeyId::parse(id).ok_or_else(|| {
        not_trusted(format!(
            "\"{id}\" is not a key id: 16 hex digits, as `pavilion keys list` prints them"
        ))
    })?;
    let files: Vec<PathBuf> = trusted_keys(data)?
        .into_iter()
        .filter(|key| key.id == id)
        .map(|key| key.file)
        .collect();
    if files.is_empty() {
        return Err(not_trusted(format!(
            "no trusted key has id {id}: `pavilion keys list` prints the trusted ones"
        )));
    }
    for file in &files {
        fs::remove_file(file).map_err(|e| Error::io(file, e))?;
    }
    durable::sync_dir(&data.trusted_keys())?;
    Ok(files)
}

/// Where a pack being imported comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The operator's command line or a watched folder: the trusted keys decide.
    Outside,
    /// The demo pack installed with the app (`store::fallback`).
    Bundled,
}

/// Whether this data folder accepts the pack (its source and checked
/// manifest), and who vouched for it. `Error::SignatureRefused` names the
/// reason: no signature, an untrusted key, a signature that does not match
/// the manifest, a trusted comment for another pack or version, a file that
/// is not a signature.
pub(crate) fn check(
    data: &DataDir,
    source: &dyn PackSource,
    manifest: &Manifest,
    origin: Origin,
) -> Result<Signer> {
    if origin == Origin::Bundled {
        return Ok(Signer::Bundled);
    }
    let keys = trusted_keys(data)?;
    if keys.is_empty() {
        return Ok(Signer::Unsigned);
    }
    let refuse = |message: String| Error::SignatureRefused {
        problem: Problem::new(SIGNATURE, "", message),
    };
    let ids = keys
        .iter()
        .map(|key| key.id.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let bytes = match source::stream(
        source,
        SIGNATURE,
        KEY_OR_SIGNATURE_BYTES,
        KEY_OR_SIGNATURE_BYTES as usize,
        &mut io::sink(),
    ) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(refuse(format!(
                "missing: this kiosk accepts only packs signed by a trusted key ({ids}); sign the pack with `pavilion pack sign PACK --key KEYFILE` and one of those keys"
            )))
        }
        Err(error) => return Err(refuse(format!("cannot read: {error}"))),
        Ok(streamed) if streamed.over_limit => {
            return Err(refuse(
                "not a minisign signature (far too large): sign the pack again with `pavilion pack sign`".to_owned(),
            ))
        }
        Ok(streamed) => streamed.head,
    };
    let signature = PackSignature::parse(&bytes).map_err(|reason| {
        refuse(format!(
            "not a minisign signature ({reason}): sign the pack again with `pavilion pack sign`"
        ))
    })?;
    let Some(key) = keys.iter().find(|key| key.id == signature.key_id) else {
        return Err(refuse(format!(
            "signed by key {}, which this kiosk does not trust (it trusts {ids}): sign the pack with a trusted key, or trust this one with `pavilion keys trust PUBFILE`",
            signature.key_id
        )));
    };
    if !manifest_verifies(source, key, &signature, manifest)? {
        return Err(refuse(format!(
            "the signature by key {} does not match {MANIFEST}: the pack (or the signature's trusted comment) changed after it was signed; sign it again",
            key.id
        )));
    }
    let comment = TrustedComment::parse(signature.trusted_comment()).map_err(|reason| {
        refuse(format!(
            "the trusted comment \"{}\" cannot be used: {reason}; sign with `pavilion pack sign`, or `minisign -S -m {MANIFEST} -t \"pack={} version={}\"`",
            signature.trusted_comment(),
            manifest.pack,
            manifest.version
        ))
    })?;
    if comment.pack != manifest.pack || comment.version != manifest.version {
        return Err(refuse(format!(
            "the signature is for pack \"{}\" version {}, not this pack \"{}\" version {}: a signature cannot be moved to another pack or version; sign this one",
            comment.pack, comment.version, manifest.pack, manifest.version
        )));
    }
    Ok(Signer::Key {
        id: key.id.to_string(),
    })
}

/// Whether `signature` by `key` is one of the pack's manifest as it is now
/// (read whole, within the manifest's limit, as `pack::open` reads it), and
/// that manifest says what the one the pack was read with says: a manifest
/// swapped between the two readings must not vouch for other files.
fn manifest_verifies(
    source: &dyn PackSource,
    key: &TrustedKey,
    signature: &PackSignature,
    manifest: &Manifest,
) -> Result<bool> {
    let limit = limits::MAX_MANIFEST_BYTES;
    let read = source::stream(source, MANIFEST, limit, limit as usize, &mut io::sink())
        .map_err(|e| Error::io(MANIFEST, e))?;
    if read.over_limit
        || key
            .key
            .verify(&read.head, &signature.signature, true)
            .is_err()
    {
        return Ok(false);
    }
    let signed = serde_json::from_slice::<SignedManifest>(&read.head);
    Ok(signed.is_ok_and(|signed| {
        signed.pack == manifest.pack
            && signed.version == manifest.version
            && signed.languages == manifest.languages
            && signed.files == manifest.files
    }))
}

/// What of a signed manifest decides what is imported (its other fields
/// are skipped unread).
#[derive(Deserialize)]
struct SignedManifest {
    pack: String,
    version: u32,
    languages: Vec<String>,
    files: BTreeMap<String, FileEntry>,
}

/// Records, durably, in a pack folder being built who vouched for it.
pub(crate) fn write_signer(pack_dir: &Path, signer: &Signer) -> Result<()> {
    let path = pack_dir.join(SIGNER_FILE);
    let line = match signer {
        Signer::Key { id } => format!("key {id}\n"),
        Signer::Unsigned => "unsigned\n".to_owned(),
        Signer::Bundled => "bundled\n".to_owned(),
    };
    fs::write(&path, line).map_err(|e| Error::io(&path, e))?;
    durable::sync_file(&path)
}

/// Who vouched for the pack in `pack_dir`. A pack imported before this
/// kiosk checked signatures has no record: it was accepted unsigned.
pub(crate) fn read_signer(pack_dir: &Path) -> Signer {
    let text = fs::read_to_string(pack_dir.join(SIGNER_FILE)).unwrap_or_default();
    match text.trim() {
        "bundled" => Signer::Bundled,
        line => match line.strip_prefix("key ") {
            Some(id) => Signer::Key { id: id.to_owned() },
            None => Signer::Unsigned,
        },
    }
}

/// Makes a new key pair in `dir`: `pavilion.key` (secret, encrypted with
/// `password` unless it is `None`; readable by its owner only) and
/// `pavilion.pub`, both in minisign's format. Refuses to replace a key.
pub fn generate(dir: &Path, password: Option<String>) -> Result<KeyId> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let (secret_file, public_file) = (dir.join(SECRET_KEY_FILE), dir.join(PUBLIC_KEY_FILE));
    for file in [&secret_file, &public_file] {
        if file.exists() {
            return Err(Error::io(
                file,
                io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "a key is already there: keep using it, or move it away to make a new one",
                ),
            ));
        }
    }
    let failed = |error: minisign::PError| Error::InvalidKey {
        path: secret_file.clone(),
        message: format!("cannot make a key: {error}"),
    };
    let pair = match password {
        Some(password) => minisign::KeyPair::generate_encrypted_keypair(Some(password)),
        None => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(failed)?;
    let id = KeyId::from_slice(pair.pk.keynum()).expect("minisign key ids are 8 bytes");
    let public = pair.pk.to_box().map_err(failed)?.to_bytes();
    let secret = pair
        .sk
        .to_box(Some(&format!("pavilion secret key {id}")))
        .map_err(failed)?
        .to_bytes();
    write_new(&secret_file, &secret, 0o600)?;
    write_new(&public_file, &public, 0o644)?;
    durable::sync_dir(dir)?;
    Ok(id)
}

/// Creates `path` (never replacing a file) with `mode` on Unix, durably.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Signs the pack at `pack_path` (a folder or a zip) with the secret key in
/// `key_file`: validates the pack (a pack that would be refused is not
/// signed), then writes `manifest.json.minisig` beside its manifest with the
/// trusted comment `pack=ID version=N`. `password` is asked only for an
/// encrypted key.
pub fn sign(
    pack_path: &Path,
    key_file: &Path,
    password: &mut dyn FnMut() -> Result<String>,
) -> Result<(KeyId, TrustedComment)> {
    let manifest = pack::validate_path(pack_path)?;
    let secret = read_secret_key(key_file, password)?;
    let comment = TrustedComment {
        pack: manifest.pack,
        version: manifest.version,
    };
    let limit = limits::MAX_MANIFEST_BYTES;
    let bytes = source::stream(
        source::open(pack_path)?.as_ref(),
        MANIFEST,
        limit,
        limit as usize,
        &mut io::sink(),
    )
    .map_err(|e| Error::io(pack_path.join(MANIFEST), e))?
    .head;
    let public = minisign::PublicKey::from_secret_key(&secret);
    let id = KeyId::from_slice(secret.keynum()).expect("minisign key ids are 8 bytes");
    let signature = public
        .and_then(|public| {
            minisign::sign(
                Some(&public),
                &secret,
                Cursor::new(&bytes),
                Some(&comment.to_string()),
                Some(&format!("signature from pavilion key {id}")),
            )
        })
        .map_err(|error| Error::InvalidKey {
            path: key_file.to_path_buf(),
            message: format!("cannot sign with this key: {error}"),
        })?
        .to_bytes();
    if pack_path.is_dir() {
        durable::replace_file(&pack_path.join(SIGNATURE), &signature)?;
    } else {
        write_into_zip(pack_path, &signature)?;
    }
    Ok((id, comment))
}

/// Puts `signature` beside the manifest of the zipped pack at `path`
/// (replacing one there): the other entries are copied as they are, not
/// recompressed, into a new archive beside it, which replaces the old one
/// in one rename once it is complete and on disk.
fn write_into_zip(path: &Path, signature: &[u8]) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = parent.join(format!(".{name}.tmp-sign"));
    let written = rewrite_zip(path, &temp, signature);
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.map_err(|error| Error::io(path, error))?;
    fs::rename(&temp, path).map_err(|e| Error::io(path, e))?;
    durable::sync_dir(parent)
}

fn rewrite_zip(path: &Path, temp: &Path, signature: &[u8]) -> io::Result<()> {
    let mut archive = zip::ZipArchive::new(io::BufReader::new(File::open(path)?))?;
    let mut names = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        names.push(archive.by_index_raw(index)?.name()?.into_owned());
    }
    // The pack's root is where its manifest is: the archive's root or its
    // one top folder (validation has found it there).
    let root = names
        .iter()
        .filter_map(|name| name.strip_suffix(MANIFEST))
        .filter(|prefix| prefix.is_empty() || prefix.ends_with('/'))
        .filter(|prefix| !prefix.starts_with("__MACOSX/"))
        .min_by_key(|prefix| prefix.len())
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no manifest.json"))?
        .to_owned();
    let entry = format!("{root}{SIGNATURE}");
    let mut writer = zip::ZipWriter::new(File::create(temp)?);
    for (index, name) in names.iter().enumerate() {
        if *name != entry {
            writer.raw_copy_file(archive.by_index_raw(index)?)?;
        }
    }
    writer.start_file(
        entry,
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )?;
    writer.write_all(signature)?;
    writer.finish()?.sync_all()
}

/// Reads a minisign secret key, unencrypted or (asking `password`) not.
/// An unencrypted key is taken as it is, without its checksum (the
/// reference tool's `minisign -G -W` leaves it empty): [`sign`] checks
/// its signature with the key's public half instead.
fn read_secret_key(
    key_file: &Path,
    password: &mut dyn FnMut() -> Result<String>,
) -> Result<minisign::SecretKey> {
    let text = read_key_file(key_file, true)?;
    let unusable = |reason: String| {
        Error::InvalidKey {
        path: key_file.to_path_buf(),
        message: format!("cannot use this secret key ({reason}): give the .key file made by `pavilion keys generate` or `minisign -G`, and its password"),
    }
    };
    let bytes = text
        .lines()
        .nth(1)
        .and_then(|line| Base64::decode_to_vec(line.trim(), None).ok())
        .ok_or_else(|| unusable("not a minisign secret key".to_owned()))?;
    let key =
        minisign::SecretKey::from_bytes(&bytes).map_err(|error| unusable(error.to_string()))?;
    if !key.is_encrypted() {
        return Ok(key);
    }
    minisign::SecretKey::from_box(minisign::SecretKeyBox::from(text), Some(password()?))
        .map_err(|error| unusable(error.to_string()))
}

/// A key file's text, refusing anything too large to be one. Opened as a
/// pack's files are: never blocking on a pipe, judged a regular file on the
/// file opened, and (in `DATA/trusted-keys/`, where `follow` is `false`)
/// never through a link, so no file swapped in there is trusted unseen.
fn read_key_file(path: &Path, follow: bool) -> Result<String> {
    let not_a_key = |message: &str| Error::InvalidKey {
        path: path.to_path_buf(),
        message: message.to_owned(),
    };
    let mut text = String::new();
    source::open_regular(path, follow)
        .and_then(|file| {
            file.take(KEY_OR_SIGNATURE_BYTES + 1)
                .read_to_string(&mut text)
        })
        .map_err(|error| match error.kind() {
            io::ErrorKind::InvalidData => not_a_key("not a key file: it is not text"),
            io::ErrorKind::InvalidInput => not_a_key(
                "not a regular file (a link, pipe or device): put the key file itself here",
            ),
            _ => Error::io(path, error),
        })?;
    if text.len() as u64 > KEY_OR_SIGNATURE_BYTES {
        return Err(not_a_key("not a key file: far too large"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::pack::source::SourceFile;

    /// A pack whose manifest reads as `first` once, then as `then`: a
    /// manifest swapped while the pack is being imported.
    struct Swapping {
        first: Vec<u8>,
        then: Vec<u8>,
        signature: Vec<u8>,
        reads: Cell<usize>,
    }

    impl PackSource for Swapping {
        fn files(&self) -> Result<Vec<SourceFile>> {
            Ok([
                (MANIFEST, self.first.len()),
                (SIGNATURE, self.signature.len()),
            ]
            .map(|(path, bytes)| SourceFile {
                path: path.to_owned(),
                bytes: bytes as u64,
            })
            .to_vec())
        }

        fn with_reader(
            &self,
            path: &str,
            read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
        ) -> io::Result<()> {
            let bytes = match path {
                SIGNATURE => &self.signature,
                _ if self.reads.replace(self.reads.get() + 1) == 0 => &self.first,
                _ => &self.then,
            };
            read(&mut bytes.as_slice())
        }
    }

    fn manifest(files: &str) -> Vec<u8> {
        format!(r#"{{"format": 1, "pack": "expo", "version": 1, "title": "Expo", "created": "2021-07-05T10:00:00+08:00", "languages": ["en"], "files": {{{files}}}}}"#).into_bytes()
    }

    #[test]
    fn a_signed_manifest_does_not_vouch_for_the_one_the_pack_was_read_with() {
        let work = tempfile::tempdir().unwrap();
        let data = DataDir::at(work.path().join("data"));
        generate(&work.path().join("key"), None).unwrap();
        trust(&data, &work.path().join("key").join(PUBLIC_KEY_FILE)).unwrap();
        let secret = read_secret_key(
            &work.path().join("key").join(SECRET_KEY_FILE),
            &mut || unreachable!(),
        )
        .unwrap();
        let signed = manifest("");
        let signature = minisign::sign(
            None,
            &secret,
            Cursor::new(&signed),
            Some("pack=expo version=1"),
            None,
        )
        .unwrap()
        .to_bytes();
        let swapped = manifest(r#""content/event.json": {"sha256": "00", "bytes": 2}"#);
        for (first, then, accepted) in [(&signed, &signed, true), (&swapped, &signed, false)] {
            let source = Swapping {
                first: first.clone(),
                then: then.clone(),
                signature: signature.clone(),
                reads: Cell::new(0),
            };
            let read_with = pack::open(&source).map(|opened| opened.manifest).unwrap();
            let checked = check(&data, &source, &read_with, Origin::Outside);
            assert_eq!(checked.is_ok(), accepted, "{checked:?}");
        }
    }
}
