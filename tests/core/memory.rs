//! Hostile packs checked by the `pavilion` binary under a memory limit
//! (`prlimit --as`, util-linux): each is refused with its message, and the
//! limit never kills the process. The limit is the address space, so it
//! counts every allocation, not only the pages touched.

use std::ffi::OsStr;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;

use pavilion::pack::manifest::sha256_hex;
use serde_json::json;
use sha2::{Digest, Sha256};

/// The address space the binary gets: far below what a tree of a 16 MiB
/// manifest takes (600 MiB to 2.5 GiB before the manifest was streamed),
/// well above the file itself.
const ADDRESS_SPACE: u64 = 128 * 1024 * 1024;

const MIB: usize = 1024 * 1024;

/// A pack holding only a manifest of `total` bytes: a valid one with the
/// unknown key `zzz` whose value, `filler` repeated as array elements, fills
/// the rest.
fn pack_with_manifest(dir: &Path, total: usize, filler: &str) {
    fs::create_dir_all(dir).unwrap();
    let head = r#"{"format":1,"pack":"huge","version":1,"title":{"en":"Huge"},"created":"2021-07-05T10:00:00+08:00","languages":["en"],"files":{},"zzz":["#;
    let mut file = fs::File::create(dir.join("manifest.json")).unwrap();
    file.write_all(head.as_bytes()).unwrap();
    let count = (total - head.len() - 2) / (filler.len() + 1);
    let mut body = filler.to_owned();
    body.push_str(&format!(",{filler}").repeat(count - 1));
    file.write_all(body.as_bytes()).unwrap();
    file.write_all(b"]}").unwrap();
}

/// A pack whose only content file is `content/exhibitors.json`, holding
/// `body`.
fn pack_with_exhibitors(dir: &Path, body: &[u8]) {
    fs::create_dir_all(dir.join("content")).unwrap();
    fs::write(dir.join("content/exhibitors.json"), body).unwrap();
    let entry = json!({"sha256": sha256_hex(body), "bytes": body.len()});
    write_manifest(dir, &[("exhibitors.json", entry)]);
}

/// `pavilion pack validate PACK` under the limit: its exit code (`None`
/// when a signal ended it) and what it printed.
fn validate_limited(pack: &Path, address_space: u64) -> (Option<i32>, String) {
    pavilion_limited(
        &["pack".as_ref(), "validate".as_ref(), pack.as_os_str()],
        None,
        address_space,
    )
}

/// `pavilion pack import PACK` under the limit, into a new data folder.
fn import_limited(pack: &Path, address_space: u64) -> (Option<i32>, String) {
    let data = tempfile::tempdir().unwrap();
    pavilion_limited(
        &["pack".as_ref(), "import".as_ref(), pack.as_os_str()],
        Some(data.path()),
        address_space,
    )
}

/// `pavilion ARGS` under the limit, on the data folder `data` when given:
/// its exit code (`None` when a signal ended it) and what it printed.
pub fn pavilion_limited(
    args: &[&OsStr],
    data: Option<&Path>,
    address_space: u64,
) -> (Option<i32>, String) {
    let mut command = Command::new("prlimit");
    if let Some(data) = data {
        command.env("PAVILION_DATA_DIR", data);
    }
    let output = command
        .arg(format!("--as={address_space}"))
        .arg(env!("CARGO_BIN_EXE_pavilion"))
        .args(args)
        .output()
        .expect("prlimit (util-linux) runs the binary under a memory limit");
    let printed = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code(), printed)
}

/// Validated and imported under the limit: both refuse the pack (exit 1),
/// and what they print contains each of `expected`.
fn refused_in_bounded_memory(pack: &Path, address_space: u64, expected: &[&str]) {
    for (command, (code, printed)) in [
        ("validate", validate_limited(pack, address_space)),
        ("import", import_limited(pack, address_space)),
    ] {
        assert_eq!(code, Some(1), "{command}: {printed}");
        for expected in expected {
            assert!(printed.contains(expected), "{command}: {printed}");
        }
    }
}

#[test]
fn a_manifest_just_under_16_mib_with_a_huge_unknown_key_is_refused_in_bounded_memory() {
    let work = tempfile::tempdir().unwrap();
    let flat = work.path().join("flat");
    pack_with_manifest(&flat, 16 * MIB - 1024, "0");
    // Arrays 100 deep: the most values, and the most tree, per byte.
    let nested = work.path().join("nested");
    pack_with_manifest(
        &nested,
        16 * MIB - 1024,
        &("[".repeat(100) + &"]".repeat(100)),
    );
    for pack in [flat, nested] {
        assert!(fs::metadata(pack.join("manifest.json")).unwrap().len() < 16 * MIB as u64);
        let (code, printed) = validate_limited(&pack, ADDRESS_SPACE);
        assert_eq!(code, Some(1), "{}: {printed}", pack.display());
        assert_eq!(
            printed,
            "manifest.json: /zzz: unknown field \"zzz\"; expected one of: format, pack, version, title, created, languages, files\n",
            "{}",
            pack.display()
        );
    }
}

#[test]
fn a_manifest_over_16_mib_is_refused_before_it_is_read() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("over");
    pack_with_manifest(&pack, 17 * MIB, "0");
    let (code, printed) = validate_limited(&pack, ADDRESS_SPACE);
    assert_eq!(code, Some(1), "{printed}");
    assert_eq!(
        printed,
        "manifest.json: : the file is larger than the 16 MiB limit for manifest.json\n"
    );
}

const UNKNOWN_ZZZ: &str = "unknown field \"zzz\"; expected one of: id, name, sort_name, logo, summary, description, categories, booth, park, website, tags";

#[test]
fn a_content_element_with_a_huge_unknown_field_is_refused_in_bounded_memory() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("pack");
    let zeros = vec!["0"; 8 * MIB].join(",");
    let body = format!(r#"[{{"id":"a","name":{{"en":"A"}},"zzz":[{zeros}]}}]"#);
    pack_with_exhibitors(&pack, body.as_bytes());
    let (code, printed) = validate_limited(&pack, ADDRESS_SPACE);
    assert_eq!(code, Some(1), "{printed}");
    assert!(
        printed.contains(&format!("content/exhibitors.json: /0/zzz: {UNKNOWN_ZZZ}\n")),
        "{printed}"
    );
}

/// Writes `content/FILE` in `pack`: an array of `elements` (each made by
/// `element` from its index) filling about `total` bytes, written as it is
/// hashed rather than built in memory. Returns its manifest entry and how
/// many elements it holds.
fn write_array_file(
    pack: &Path,
    file: &str,
    total: usize,
    element: impl Fn(usize) -> String,
) -> (serde_json::Value, usize) {
    fs::create_dir_all(pack.join("content")).unwrap();
    let count = total / (element(0).len() + 1);
    let mut out = BufWriter::new(fs::File::create(pack.join("content").join(file)).unwrap());
    let mut hasher = Sha256::new();
    let mut bytes = 0;
    let mut write = |chunk: &[u8]| {
        out.write_all(chunk).unwrap();
        hasher.update(chunk);
        bytes += chunk.len();
    };
    write(b"[");
    for index in 0..count {
        if index > 0 {
            write(b",");
        }
        write(element(index).as_bytes());
    }
    write(b"]");
    out.flush().unwrap();
    drop(out);
    let entry = json!({"sha256": format!("{:x}", hasher.finalize()), "bytes": bytes});
    (entry, count)
}

/// A pack of the content files `files` (name in `content/`, manifest
/// entry) and its manifest.
fn write_manifest(pack: &Path, files: &[(&str, serde_json::Value)]) {
    let files: serde_json::Map<String, serde_json::Value> = files
        .iter()
        .map(|(file, entry)| (format!("content/{file}"), entry.clone()))
        .collect();
    let manifest = json!({
        "format": 1, "pack": "hostile", "version": 1, "title": {"en": "Hostile"},
        "created": "2021-07-05T10:00:00+08:00", "languages": ["en"],
        "files": files,
    });
    fs::write(pack.join("manifest.json"), manifest.to_string()).unwrap();
}

/// An element (`x` and its index as id, a name) that fails its type: an
/// unknown field `zzz` holding `filler` letters.
fn failing_element(filler: usize) -> impl Fn(usize) -> String {
    let filler = "a".repeat(filler);
    move |index| format!(r#"{{"id":"x{index:07}","name":{{"en":"N"}},"zzz":"{filler}"}}"#)
}

/// The budget the issue sets for a pack whose largest content file is
/// 250 MiB: 256 MiB plus that file, which is read whole.
const BUDGET_WITH_ONE_250_MIB_FILE: u64 = (256 + 250) * MIB as u64;

/// The issue's hostile content file: 250 MiB of elements that each fail
/// their type.
#[test]
fn a_250_mib_content_file_of_elements_that_all_fail_is_refused_in_bounded_memory() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("pack");
    let (entry, count) =
        write_array_file(&pack, "exhibitors.json", 250 * MIB, failing_element(230));
    write_manifest(&pack, &[("exhibitors.json", entry)]);
    let (code, printed) = validate_limited(&pack, BUDGET_WITH_ONE_250_MIB_FILE);
    assert_eq!(code, Some(1), "{printed}");
    assert!(
        printed.contains(&format!("content/exhibitors.json: /0/zzz: {UNKNOWN_ZZZ}\n")),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("{} more problems not listed", count - 199)),
        "{printed}"
    );
}

/// Two such files are held one at a time: the budget for the largest is
/// enough, validated and imported. Their elements are long enough for the
/// two to stay under the million entities, so both are typed through.
#[test]
fn two_250_mib_content_files_of_elements_that_all_fail_are_refused_in_the_budget_of_one() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("pack");
    let element = failing_element(500);
    let (news, news_count) = write_array_file(&pack, "news.json", 250 * MIB, &element);
    let (exhibitors, exhibitor_count) =
        write_array_file(&pack, "exhibitors.json", 250 * MIB, &element);
    assert!(news_count + exhibitor_count < 1_000_000);
    write_manifest(
        &pack,
        &[("news.json", news), ("exhibitors.json", exhibitors)],
    );
    refused_in_bounded_memory(
        &pack,
        BUDGET_WITH_ONE_250_MIB_FILE,
        &[
            "content/news.json: /0/name: unknown field \"name\"",
            // Every element of both typed (the missing content/event.json
            // is the one other problem listed).
            &format!(
                "{} more problems not listed",
                news_count + exhibitor_count - 199
            ),
        ],
    );
}

/// A zip64 archive whose directory holds `entries` records of 8-byte names
/// (and nothing else: the records point at no data), its end records
/// claiming them all.
fn zip_with_directory_of(path: &Path, entries: u64) {
    let mut file = BufWriter::new(fs::File::create(path).unwrap());
    let mut record = Vec::new();
    for index in 0..entries {
        record.clear();
        record.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        record.extend_from_slice(&[20, 0, 20, 0]); // made by, needed
        record.extend_from_slice(&[0; 20]); // flags, method, time, date, crc, sizes
        record.extend_from_slice(&8u16.to_le_bytes()); // name
        record.extend_from_slice(&[0; 16]); // extra, comment, disk, attributes, offset
        record.extend_from_slice(format!("{index:08x}").as_bytes());
        file.write_all(&record).unwrap();
    }
    let size = entries * 54;
    // The ZIP64 end record, its locator, and the end record pointing to them.
    file.write_all(&0x0606_4b50u32.to_le_bytes()).unwrap();
    file.write_all(&44u64.to_le_bytes()).unwrap();
    file.write_all(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        .unwrap();
    for value in [entries, entries, size, 0] {
        file.write_all(&value.to_le_bytes()).unwrap();
    }
    file.write_all(&0x0706_4b50u32.to_le_bytes()).unwrap();
    file.write_all(&0u32.to_le_bytes()).unwrap();
    file.write_all(&size.to_le_bytes()).unwrap();
    file.write_all(&1u32.to_le_bytes()).unwrap();
    file.write_all(&0x0605_4b50u32.to_le_bytes()).unwrap();
    file.write_all(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])
        .unwrap();
    file.write_all(&[0xFF; 8]).unwrap();
    file.write_all(&[0, 0]).unwrap();
    file.flush().unwrap();
}

#[test]
fn a_zip_whose_directory_claims_millions_of_entries_is_refused_before_it_is_read() {
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("claims.zip");
    // Each a real record: the zip crate, trusting the count, kept them all
    // (400 MiB for these two million) before its count was looked at.
    zip_with_directory_of(&zip, 2_000_000);
    refused_in_bounded_memory(
        &zip,
        ADDRESS_SPACE,
        &[&format!(
            "{}: : the archive's directory claims 2000000 entries, over the limit of 100000 files and folders for a pack\n",
            zip.display()
        )],
    );
}

#[test]
fn a_pack_of_100_000_tiny_files_is_refused_in_bounded_memory() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("tiny");
    pack_with_exhibitors(&pack, b"[]");
    fs::create_dir(pack.join("media")).unwrap();
    for index in 0..99_990 {
        fs::write(pack.join(format!("media/{index:06}.png")), b"x").unwrap();
    }
    refused_in_bounded_memory(
        &pack,
        ADDRESS_SPACE,
        &[
            "media/000000.png: : not listed in manifest.json \"files\"",
            // And the pack's missing content/event.json.
            "99791 more problems not listed",
        ],
    );
}

#[test]
fn a_folder_nested_past_the_path_limit_is_refused_without_walking_it() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("deep");
    pack_with_exhibitors(&pack, b"[]");
    // Folders of 240-byte names 14 deep (3.4 KiB, near the system's 4 KiB
    // limit for a path), then 20,000 files with 200-byte names: each path
    // kept whole took most of a gigabyte, and checking them many minutes.
    let mut deepest = pack.clone();
    for level in 0..14 {
        deepest.push(format!("{}{level:02}", "d".repeat(238)));
    }
    fs::create_dir_all(&deepest).unwrap();
    for index in 0..20_000 {
        fs::File::create(deepest.join(format!("{}{index:06}", "f".repeat(194)))).unwrap();
    }
    let second = format!("{d}00/{d}01", d = "d".repeat(238));
    refused_in_bounded_memory(
        &pack,
        ADDRESS_SPACE,
        &[&format!("{second}: : the path is 481 bytes, over the limit of 256 for a path in a pack: shorten it\n")],
    );
}
