//! Zipped packs and hostile input (`src/pack/source.rs`, the limits in
//! `src/pack/limits.rs`). Each archive is built here, with the zip crate's
//! writer or by rewriting its bytes where a writer would refuse, and must
//! be refused with a problem naming the entry and the fix: never a panic,
//! never a change to the live pack. Zips that are fine import like folders.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use pavilion::{import, pack, Catalog, DataDir};
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::{problem_lines, snapshot, TestPack};

/// The small test pack's files, manifest included, sealed with true hashes.
fn sealed(pack: &TestPack) -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    snapshot(&pack.write(dir.path()))
        .into_iter()
        .map(|(path, bytes)| (path.to_str().unwrap().to_owned(), bytes))
        .collect()
}

fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

/// A zip of `entries`, each name prefixed with `prefix`.
fn zip_of(entries: &[(String, Vec<u8>)], prefix: &str) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(format!("{prefix}{name}"), deflated())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The small pack zipped with its entries at the archive's root, plus
/// `extra` entries.
fn zip_with(extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut entries = sealed(&TestPack::small());
    entries.extend(
        extra
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec())),
    );
    zip_of(&entries, "")
}

fn write_zip(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Rewrites `value` at `local` in the local header and at `central` in the
/// central-directory record of every entry called `name`: what a writer
/// would never produce (lying sizes, flags, methods, names).
fn patch(zip: &mut [u8], name: &[u8], local: usize, central: usize, value: &[u8]) {
    let mut patched = 0;
    for at in 0..zip.len().saturating_sub(46) {
        let (field, name_at) = match &zip[at..at + 4] {
            b"PK\x03\x04" => (local, at + 30),
            b"PK\x01\x02" => (central, at + 46),
            _ => continue,
        };
        let length_at = if name_at == at + 30 { at + 26 } else { at + 28 };
        let length = usize::from(u16::from_le_bytes([zip[length_at], zip[length_at + 1]]));
        if zip.get(name_at..name_at + length) == Some(name) {
            zip[at + field..at + field + value.len()].copy_from_slice(value);
            patched += 1;
        }
    }
    assert!(
        patched >= 2,
        "entry {:?} not found",
        String::from_utf8_lossy(name)
    );
}

fn read_zip(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    problem_lines(pack::read_path(&write_zip(dir.path(), "pack.zip", bytes)))
}

/// What an import must never change: the kept packs, the media store and
/// the live pointer.
fn state(data: &DataDir) -> impl PartialEq {
    (
        snapshot(&data.packs_dir()),
        snapshot(&data.media_dir()),
        fs::read(data.live_pointer()).unwrap(),
    )
}

#[test]
fn a_zip_with_entries_at_its_root_imports_like_a_folder() {
    let work = tempfile::tempdir().unwrap();
    let zip = write_zip(work.path(), "expo.zip", &zip_with(&[]));
    let read = pack::read_path(&zip).unwrap();
    assert_eq!((read.manifest.pack.as_str(), read.media.len()), ("expo", 2));
    let data = DataDir::at(work.path().join("data"));
    import(&data, &zip).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    assert_eq!(catalog.exhibitors().unwrap().len(), 3);
    let mut stored: Vec<Vec<u8>> = snapshot(&data.media_dir()).into_values().collect();
    stored.sort();
    assert_eq!(stored, [crate::SVG.to_vec(), crate::PNG.to_vec()]);
}

#[test]
fn a_zip_of_the_pack_folder_is_read_from_its_top_folder() {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    writer.add_directory("expo-2021/", deflated()).unwrap();
    for (name, bytes) in sealed(&TestPack::small()) {
        writer
            .start_file(format!("expo-2021/{name}"), deflated())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    // What macOS's Finder adds when it compresses a folder.
    writer
        .start_file("__MACOSX/expo-2021/._manifest.json", deflated())
        .unwrap();
    writer.write_all(b"\0\x05\x16\x07").unwrap();
    let bytes = writer.finish().unwrap().into_inner();
    let work = tempfile::tempdir().unwrap();
    let zip = write_zip(work.path(), "expo-2021.zip", &bytes);
    assert_eq!(pack::read_path(&zip).unwrap().news.len(), 4);
    let data = DataDir::at(work.path().join("data"));
    assert_eq!(import(&data, &zip).unwrap().pack, "expo");
}

/// Runs `pavilion` with `PAVILION_DATA_DIR` set to `data`.
fn pavilion(data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pavilion"))
        .env("PAVILION_DATA_DIR", data)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_cli_validates_and_imports_zips_and_refuses_hostile_ones_with_exit_1() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let good = write_zip(work.path(), "good.zip", &zip_with(&[]));
    let good = good.to_str().unwrap();
    assert_eq!(
        pavilion(&data, &["pack", "validate", good]),
        (Some(0), "valid: expo version 1\n".into(), String::new())
    );
    let (code, out, _) = pavilion(&data, &["pack", "import", good]);
    assert_eq!((code, out.contains("expo")), (Some(0), true));
    let before = state(&DataDir::at(&data));

    let mut evil = TestPack::small();
    evil.version(2);
    let mut entries = sealed(&evil);
    entries.push(("../../outside.png".into(), crate::PNG.to_vec()));
    let evil = write_zip(work.path(), "evil.zip", &zip_of(&entries, ""));
    let expected = "../../outside.png: : escapes the pack folder with '..': an archive may hold only paths inside the pack folder; make it again from the pack folder\n";
    for command in ["validate", "import"] {
        assert_eq!(
            pavilion(&data, &["pack", command, evil.to_str().unwrap()]),
            (Some(1), String::new(), expected.into()),
            "{command}"
        );
    }
    assert!(state(&DataDir::at(&data)) == before);
    assert!(!work.path().join("outside.png").exists());

    let truncated = zip_with(&[]);
    let truncated = write_zip(work.path(), "cut.zip", &truncated[..truncated.len() / 2]);
    let (code, out, err) = pavilion(&data, &["pack", "import", truncated.to_str().unwrap()]);
    assert_eq!((code, out), (Some(1), String::new()));
    assert!(
        err.starts_with(&format!(
            "{}: : not a pack folder or a readable zip archive (",
            truncated.display()
        )),
        "{err}"
    );
    assert!(state(&DataDir::at(&data)) == before);
}

#[test]
fn entries_escaping_the_pack_are_refused() {
    let why = ": an archive may hold only paths inside the pack folder; make it again from the pack folder";
    assert_eq!(
        read_zip(&zip_with(&[
            ("../evil.png", crate::PNG),
            ("media/../../evil.png", crate::PNG),
            ("/etc/evil.png", crate::PNG),
            ("C:/Windows/evil.png", crate::PNG),
            ("media\\evil.png", crate::PNG),
        ])),
        [
            format!("../evil.png: : escapes the pack folder with '..'{why}"),
            format!("/etc/evil.png: : an absolute path{why}"),
            format!("C:/Windows/evil.png: : starts with a drive letter{why}"),
            format!("media/../../evil.png: : escapes the pack folder with '..'{why}"),
            format!("media\\evil.png: : the name uses '\\' (entries are '/'-separated){why}"),
        ]
    );
}

#[test]
fn links_are_refused_in_zips_and_folders() {
    let mut entries = sealed(&TestPack::small());
    entries.retain(|(name, _)| name != "media/logo.png");
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &entries {
        writer.start_file(name.as_str(), deflated()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer
        .add_symlink("media/logo.png", "/etc/passwd", deflated())
        .unwrap();
    let bytes = writer.finish().unwrap().into_inner();
    let link = "a symbolic link: a pack holds only regular files; put the file itself here";
    assert_eq!(read_zip(&bytes), [format!("media/logo.png: : {link}")]);

    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().unwrap();
        let root = TestPack::small().write(dir.path());
        fs::remove_file(root.join("media/logo.png")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("media/logo.png")).unwrap();
        std::os::unix::fs::symlink("/", root.join("media/all")).unwrap();
        assert_eq!(
            problem_lines(pack::read_path(&root)),
            [
                format!("media/all: : {link}"),
                format!("media/logo.png: : {link}"),
            ]
        );
    }
}

#[test]
fn duplicate_names_and_names_differing_only_in_case_are_refused() {
    // Two entries of one name: written under two names of the same length,
    // then one renamed, as no writer would.
    let mut bytes = zip_with(&[
        ("media/dup-a.png", crate::PNG),
        ("media/dup-b.png", b"other"),
    ]);
    patch(&mut bytes, b"media/dup-b.png", 30, 46, b"media/dup-a.png");
    assert_eq!(
        read_zip(&bytes),
        ["media/dup-a.png: : the archive holds more than one entry of this name: make it again from the pack folder"]
    );

    let case = "the same name as \"media/logo.png\" but for upper and lower case, which Windows and macOS cannot tell apart: rename one";
    assert_eq!(
        read_zip(&zip_with(&[("media/LOGO.png", crate::PNG)])),
        [format!(
            "media/logo.png: : {}",
            case.replace("media/logo.png", "media/LOGO.png")
        )]
    );
    let dir = tempfile::tempdir().unwrap();
    let root = TestPack::small().write(dir.path());
    fs::write(root.join("media/Logo.png"), crate::PNG).unwrap();
    if fs::read_dir(root.join("media")).unwrap().count() == 3 {
        // A case-sensitive file system, where both files can exist.
        assert_eq!(
            problem_lines(pack::read_path(&root)),
            [format!(
                "media/logo.png: : {}",
                case.replace("media/logo.png", "media/Logo.png")
            )]
        );
    }
}

/// The small pack with `media/big.png`: a PNG signature, then `size` bytes
/// of zeros, which deflate to almost nothing.
fn bomb(size: usize, listed: u64) -> Vec<u8> {
    let mut pack = TestPack::small();
    let big = [crate::PNG.to_vec(), vec![0; size]].concat();
    pack.files.insert("media/big.png".into(), big);
    let mut entries = sealed(&pack);
    for (name, bytes) in &mut entries {
        if name == "manifest.json" {
            let mut manifest: Value = serde_json::from_slice(bytes).unwrap();
            manifest["files"]["media/big.png"]["bytes"] = json!(listed);
            *bytes = serde_json::to_vec(&manifest).unwrap();
        }
    }
    zip_of(&entries, "")
}

#[test]
fn an_archive_cannot_inflate_past_what_the_manifest_says() {
    let size = 64 << 20;
    let listed = 100u64;
    let mut bytes = bomb(size, listed);
    // An honest header is caught before anything is inflated.
    assert_eq!(
        read_zip(&bytes),
        [format!(
            "media/big.png: : the file is {} bytes, manifest.json says {listed}",
            size + crate::PNG.len()
        )]
    );
    // A header that lies like the manifest: the archive reader's own check
    // stops at the size the header declares.
    patch(
        &mut bytes,
        b"media/big.png",
        22,
        24,
        &(listed as u32).to_le_bytes(),
    );
    assert_eq!(
        read_zip(&bytes),
        ["media/big.png: : cannot read: the archive is damaged here (File is larger than its declared uncompressed size): copy or make it again"]
    );
    // A header that lies less than the truth but more than the manifest:
    // reading stops at the manifest's size, long before the header's.
    patch(
        &mut bytes,
        b"media/big.png",
        22,
        24,
        &1_000_000u32.to_le_bytes(),
    );
    assert_eq!(
        read_zip(&bytes),
        [format!(
            "media/big.png: : the file is 1000000 bytes, manifest.json says {listed}"
        )]
    );
}

#[test]
fn the_4_gib_limit_is_checked_before_reading_anything() {
    let mut entries = sealed(&TestPack::small());
    for (name, bytes) in &mut entries {
        if name == "manifest.json" {
            let mut manifest: Value = serde_json::from_slice(bytes).unwrap();
            manifest["files"]["media/logo.png"]["bytes"] = json!(3u64 << 30);
            manifest["files"]["media/park.svg"]["bytes"] = json!(2u64 << 30);
            *bytes = serde_json::to_vec(&manifest).unwrap();
        }
    }
    let listed: u64 = (3u64 << 30)
        + (2u64 << 30)
        + sealed(&TestPack::small())
            .iter()
            .filter(|(name, _)| name.starts_with("content/"))
            .map(|(_, bytes)| bytes.len() as u64)
            .sum::<u64>();
    assert_eq!(
        read_zip(&zip_of(&entries, "")),
        [format!("manifest.json: /files: the files add up to {listed} bytes, over the 4 GiB limit for a pack")]
    );
}

#[test]
fn truncated_and_damaged_archives_are_refused() {
    let whole = zip_with(&[]);
    for cut in [0, 3, 22, whole.len() / 2, whole.len() - 1] {
        let lines = read_zip(&whole[..cut]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].contains(": : not a pack folder or a readable zip archive ("),
            "{cut}: {lines:?}"
        );
    }
    // Damage inside one entry's compressed bytes: the entry, not the
    // archive, is named, and the others are still checked.
    let mut pack = TestPack::small();
    pack.files
        .insert("media/noise.png".into(), [crate::PNG, &[7; 4096]].concat());
    let mut damaged = zip_of(&sealed(&pack), "");
    let entry = damaged
        .windows(15)
        .position(|window| window == b"media/noise.png")
        .unwrap();
    for byte in &mut damaged[entry + 15 + 4..entry + 15 + 12] {
        *byte ^= 0x55;
    }
    let lines = read_zip(&damaged);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("media/noise.png: : cannot read: the archive is damaged here ("),
        "{lines:?}"
    );
}

#[test]
fn encrypted_entries_and_unknown_compression_are_refused() {
    let mut bytes = zip_with(&[]);
    // General-purpose flag bit 0: encrypted.
    patch(&mut bytes, b"media/logo.png", 6, 8, &[1]);
    // Method 12: bzip2.
    patch(&mut bytes, b"content/news.json", 8, 10, &[12, 0]);
    assert_eq!(
        read_zip(&bytes),
        [
            "content/news.json: : compressed with Bzip2, which kiosks do not read: zip it again with Deflate, every zip tool's default",
            "media/logo.png: : encrypted: a pack cannot be password-protected; zip it again without a password",
        ]
    );
}

#[test]
fn names_and_json_that_are_not_utf8_are_refused() {
    let mut bytes = zip_with(&[("media/X.png", crate::PNG)]);
    patch(&mut bytes, b"media/X.png", 30 + 6, 46 + 6, &[0xff]);
    assert_eq!(
        read_zip(&bytes),
        ["media/\u{fffd}.png: : the entry's name is not valid UTF-8: rename the file, or zip the folder with a tool that writes UTF-8 names"]
    );

    let mut pack = TestPack::small();
    pack.files.insert(
        "content/news.json".into(),
        b"[{\"id\": \"a\", \"title\": \"caf\xe9\", \"published\": \"2021-07-01\"}]".to_vec(),
    );
    let lines = read_zip(&zip_of(&sealed(&pack), ""));
    assert_eq!(
        lines[0],
        "content/news.json: : not UTF-8 text at line 1 column 27: save the file as UTF-8"
    );
}

#[test]
fn deep_nesting_giant_strings_and_entity_counts_are_refused_cleanly() {
    let mut pack = TestPack::small();
    pack.files.insert(
        "content/news.json".into(),
        "[".repeat(1_000_000).into_bytes(),
    );
    pack.files.insert(
        "content/parks.json".into(),
        format!("[{{\"id\": \"p\", \"name\": \"{}\"}}]", "x".repeat(2 << 20)).into_bytes(),
    );
    pack.files.insert(
        "content/speakers.json".into(),
        format!("[{}]", vec!["0"; 1_000_001].join(",")).into_bytes(),
    );
    let lines = read_zip(&zip_of(&sealed(&pack), ""));
    assert_eq!(
        lines,
        [
            "content/news.json: : arrays and objects nested more than 128 deep at line 1 column 128, the limit for a JSON file",
            "content/parks.json: /0/name: this text is 2097152 bytes; the limit is 64 KiB (65536 bytes) per string",
            "content/: : 1000007 entities in the pack, over the limit of one million",
        ]
    );
}

#[test]
fn a_json_file_over_256_mib_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = TestPack::small().write(dir.path());
    let size = (256u64 << 20) + 1;
    // Sparse: the size is real, the disk space is not used.
    fs::File::options()
        .write(true)
        .open(root.join("content/news.json"))
        .unwrap()
        .set_len(size)
        .unwrap();
    let manifest_path = root.join("manifest.json");
    let mut manifest: Value = serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    manifest["files"]["content/news.json"] = json!({"sha256": "0".repeat(64), "bytes": size});
    fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    assert_eq!(
        problem_lines(pack::read_path(&root)),
        [format!(
            "content/news.json: : the file is {size} bytes, over the 256 MiB limit for a JSON file"
        )]
    );
}

#[test]
fn too_many_entries_are_refused() {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for index in 0..=100_000 {
        writer.start_file(format!("media/{index}"), stored).unwrap();
    }
    let bytes = writer.finish().unwrap().into_inner();
    let lines = read_zip(&bytes);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].ends_with(": : the archive's directory claims 100001 entries, over the limit of 100000 files and folders for a pack"),
        "{lines:?}"
    );
}

/// A name past the path limit is refused from the archive's directory,
/// before the zip crate keeps it (a name may be 64 KiB, 100,000 times);
/// one at the limit is an ordinary entry (here, not a file of the format).
#[test]
fn a_zip_entry_name_over_the_path_limit_is_refused_from_the_directory() {
    let at_limit = format!("media/{}", "a".repeat(250));
    assert!(read_zip(&zip_with(&[(&at_limit, crate::PNG)]))[0].starts_with(&at_limit));
    let over = format!("media/{}", "a".repeat(251));
    let lines = read_zip(&zip_with(&[(&over, crate::PNG)]));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].ends_with(&format!(
            ": : an entry's name (\"media/{}…\") is 257 bytes, over the limit of 256 for a path in a pack: shorten it and make the archive again",
            "a".repeat(34)
        )),
        "{lines:?}"
    );
}

#[test]
fn same_size_other_bytes_is_a_hash_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let root = TestPack::small().write(dir.path());
    let mut changed = crate::PNG.to_vec();
    *changed.last_mut().unwrap() ^= 1;
    fs::write(root.join("media/logo.png"), &changed).unwrap();
    assert_eq!(
        problem_lines(pack::read_path(&root)),
        [format!(
            "media/logo.png: : sha256 is {}, manifest.json says {}",
            pavilion::pack::manifest::sha256_hex(&changed),
            pavilion::pack::manifest::sha256_hex(crate::PNG)
        )]
    );
}

#[test]
fn a_refused_zip_leaves_the_live_pack_unchanged() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "good")).unwrap();
    let before = state(&data);
    let newer = {
        let mut pack = TestPack::small();
        pack.version(2);
        sealed(&pack)
    };
    let mut lying = zip_of(&newer, "");
    patch(&mut lying, b"media/park.svg", 6, 8, &[1]);
    let mut cut = zip_of(&newer, "");
    cut.truncate(cut.len() - 30);
    let mut with_link = newer.clone();
    with_link.push(("media/../../../evil".into(), b"x".to_vec()));
    for (index, bytes) in [lying, cut, zip_of(&with_link, "")].iter().enumerate() {
        let zip = write_zip(work.path(), &format!("bad-{index}.zip"), bytes);
        assert!(matches!(
            import(&data, &zip),
            Err(pavilion::Error::InvalidPack { .. })
        ));
        assert!(
            state(&data) == before,
            "bad-{index}.zip changed the data folder"
        );
    }
    assert_eq!(Catalog::open_live(&data).unwrap().pack_info().version, 1);
}

/// Runs `work` in a thread and waits at most a minute for it: a read that
/// blocks on a pipe fails the test instead of hanging it.
#[cfg(unix)]
pub(crate) fn within_a_minute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, outcome) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(work()).unwrap());
    outcome
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("still blocked after a minute: a pipe or link was opened and waited on")
}

#[cfg(unix)]
pub(crate) fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_in_a_pack_folder_is_refused_without_waiting_on_it() {
    let link = "a symbolic link: a pack holds only regular files; put the file itself here";
    let not_regular = "not a regular file (a device, socket or pipe): remove it";
    let dir = tempfile::tempdir().unwrap();
    let root = TestPack::small().write(dir.path());
    let first = sealed(&TestPack::small())
        .into_iter()
        .map(|(name, _)| name)
        .find(|name| name.starts_with("content/"))
        .unwrap();
    fs::remove_file(root.join(&first)).unwrap();
    mkfifo(&root.join(&first));
    let listed = root.clone();
    assert_eq!(
        within_a_minute(move || problem_lines(pack::read_path(&listed))),
        [format!("{first}: : {not_regular}")]
    );

    // A link to a file outside the pack, at the same name.
    let outside = dir.path().join("outside.json");
    fs::write(&outside, "[]").unwrap();
    fs::remove_file(root.join(&first)).unwrap();
    std::os::unix::fs::symlink(&outside, root.join(&first)).unwrap();
    assert_eq!(
        problem_lines(pack::read_path(&root)),
        [format!("{first}: : {link}")]
    );

    // Swapped in after the folder was listed: refused when read, naming
    // why, never followed nor waited on.
    fs::remove_file(root.join(&first)).unwrap();
    for swap in ["link", "fifo"] {
        fs::remove_file(root.join(&first)).ok();
        if swap == "link" {
            std::os::unix::fs::symlink(&outside, root.join(&first)).unwrap();
        } else {
            mkfifo(&root.join(&first));
        }
        let (path, root) = (first.clone(), root.clone());
        let error = within_a_minute(move || {
            let source = pack::source::open(&root).unwrap();
            pack::source::stream(&*source, &path, 1 << 20, 0, &mut std::io::sink())
                .unwrap_err()
                .to_string()
        });
        let expected = if swap == "link" { link } else { not_regular };
        assert_eq!(error, expected, "{swap}");
    }
}
