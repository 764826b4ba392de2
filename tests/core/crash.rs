//! Crash safety of `pack import` (`src/store/import.rs`): the real CLI is
//! killed with SIGKILL at random instants of an import big enough to take a
//! while, and after each kill the data folder must hold the old pack or the
//! new one, entirely, with sound databases, and the next import must work.
//!
//! A power cut cannot be simulated by a test; the fsync order that makes the
//! switch durable is argued in `src/store/import.rs`'s module comment.
//!
//! `PAVILION_CRASH_ITERATIONS=500` runs more kills than the default;
//! `PAVILION_CRASH_SEED` replays a run (the seed is printed).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pavilion::model::Status;
use pavilion::pack::manifest::sha256_hex;
use pavilion::{Catalog, DataDir};
use rusqlite::{Connection, OpenFlags};
use serde_json::json;

use crate::TestPack;

const DEFAULT_ITERATIONS: u64 = 30;
/// Generated exhibitors, on top of the small pack's three.
const EXHIBITORS: usize = 1_000;
/// Distinct logos; their bytes change with the version, so every import
/// copies them all into the media store.
const LOGOS: usize = 30;
const LOGO_PADDING: usize = 16 * 1024;

/// A tiny xorshift generator: reproducible kill instants without a dependency.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

fn logo_path(index: usize) -> String {
    format!("media/logos/{index}.png")
}

fn logo_bytes(index: usize, version: u32) -> Vec<u8> {
    let mut bytes = [crate::PNG, format!("v{version} logo {index}").as_bytes()].concat();
    bytes.resize(bytes.len() + LOGO_PADDING, b'.');
    bytes
}

fn exhibitor_name(index: usize, version: u32) -> String {
    format!("Exhibitor {index} of version {version}")
}

/// The small pack plus many exhibitors and logos, every one marked with
/// `version`, so any mix of two versions shows.
fn big_pack(version: u32) -> TestPack {
    let mut pack = TestPack::small();
    pack.version(version);
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        let list = exhibitors.as_array_mut().unwrap();
        list.extend((0..EXHIBITORS).map(|index| {
            json!({
                "id": format!("x{index}"),
                "name": exhibitor_name(index, version),
                "logo": logo_path(index % LOGOS),
                "summary": {"en": format!("Summary {index}"), "zh": format!("简介 {index}")},
                "park": "jinqiao",
                "categories": ["ai"],
                "booth": {"hall": "H1", "stand": "A01"},
            })
        }));
    });
    for index in 0..LOGOS {
        pack.files
            .insert(logo_path(index), logo_bytes(index, version));
    }
    pack
}

/// The generated exhibitors as the live pack of `version` must show them:
/// id, name and logo's media-store file.
fn expected_exhibitors(version: u32) -> BTreeSet<(String, String, String)> {
    (0..EXHIBITORS)
        .map(|index| {
            let logo = format!("{}.png", sha256_hex(&logo_bytes(index % LOGOS, version)));
            (format!("x{index}"), exhibitor_name(index, version), logo)
        })
        .collect()
}

fn pavilion(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pavilion"));
    command
        .env("PAVILION_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Imports to the end; panics unless the pack became live.
fn import_fully(data: &Path, pack: &Path) {
    let status = pavilion(data)
        .args(["pack", "import"])
        .arg(pack)
        .status()
        .unwrap();
    assert!(status.success(), "importing {} failed", pack.display());
}

fn live_status(data: &Path) -> Status {
    let output = pavilion(data)
        .args(["status", "--json"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(output.status.success(), "pavilion status failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn assert_sound(database: &Path) {
    let db = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap();
    let verdict: String = db
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(verdict, "ok", "{}", database.display());
}

/// The live pack is `old` or `new` entirely: `status` and the catalog agree
/// on the version, every generated exhibitor has that version's name and
/// logo, every logo is in the media store with its bytes, and both
/// databases pass SQLite's integrity check. Returns the live version.
fn assert_old_or_new(data: &DataDir, old: u32, new: u32) -> u32 {
    let status = live_status(data.root());
    let version = status.version.unwrap();
    assert!(
        status.pack.as_deref() == Some("expo") && (version == old || version == new),
        "live is {:?} version {version}, expected {old} or {new}",
        status.pack
    );
    let catalog = Catalog::open_live(data).unwrap();
    assert_eq!(catalog.pack_info().version, version);
    let shown: BTreeSet<_> = catalog
        .exhibitors()
        .unwrap()
        .into_iter()
        .filter(|exhibitor| exhibitor.id.starts_with('x'))
        .map(|exhibitor| {
            let logo = exhibitor.logo.unwrap().0;
            (exhibitor.id, exhibitor.name.0["en"].clone(), logo)
        })
        .collect();
    assert!(
        shown == expected_exhibitors(version),
        "the live content is not all of version {version}"
    );
    for logo in shown
        .iter()
        .map(|(_, _, logo)| logo)
        .collect::<BTreeSet<_>>()
    {
        let bytes = fs::read(data.media_dir().join(logo)).unwrap();
        assert_eq!(format!("{}.png", sha256_hex(&bytes)), *logo);
    }
    assert_eq!(catalog.slides().unwrap().len(), 1);
    let live_folder = fs::read_to_string(data.live_pointer()).unwrap();
    assert_sound(&data.pack_dir(live_folder.trim()).join("content.db"));
    assert_sound(&data.kiosk_db());
    version
}

fn leftovers(data: &DataDir) -> Vec<String> {
    [data.packs_dir(), data.media_dir()]
        .iter()
        .flat_map(|dir| fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp-"))
        .collect()
}

#[test]
fn an_import_killed_at_any_instant_leaves_the_old_pack_or_the_new_one() {
    let iterations = std::env::var("PAVILION_CRASH_ITERATIONS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_ITERATIONS);
    let seed = std::env::var("PAVILION_CRASH_SEED")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15_u64);
    let mut random = XorShift(seed | 1);
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let write_pack = |version: u32| big_pack(version).write_in(work.path(), &format!("v{version}"));

    // The first import is timed, to spread the kills over a whole import.
    let first = write_pack(1);
    let started = Instant::now();
    import_fully(data.root(), &first);
    let import_ms = started.elapsed().as_millis() as u64;
    fs::remove_dir_all(first).unwrap();

    let mut live = 1;
    let (mut kept_old, mut got_new) = (0, 0);
    for _ in 0..iterations {
        let new = live + 1;
        let pack = write_pack(new);
        let mut child = pavilion(data.root())
            .args(["pack", "import"])
            .arg(&pack)
            .spawn()
            .unwrap();
        // A little past the import's length, so some kills land after the end.
        std::thread::sleep(Duration::from_millis(random.below(import_ms * 5 / 4)));
        // SIGKILL on Unix: no destructor, no clean-up handler runs.
        child.kill().unwrap();
        child.wait().unwrap();

        let now = assert_old_or_new(&data, live, new);
        if now == new {
            got_new += 1;
        } else {
            kept_old += 1;
        }
        fs::remove_dir_all(pack).unwrap();

        // The next import completes and clears what the killed one left.
        let next = write_pack(new + 1);
        import_fully(data.root(), &next);
        fs::remove_dir_all(next).unwrap();
        assert_eq!(assert_old_or_new(&data, new + 1, new + 1), new + 1);
        assert_eq!(leftovers(&data), Vec::<String>::new());
        live = new + 1;
    }
    eprintln!(
        "crash test (seed {seed}): {iterations} kills over an import of {import_ms} ms: \
         {kept_old} left the old pack live, {got_new} the new one"
    );
    assert!(
        kept_old > 0,
        "no kill landed before the switch: the import is too quick to test"
    );
}
