//! Packs arriving as files: imported once they have finished arriving,
//! refused ones not retried until they change.

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use pavilion::inbox::{Arrival, Inbox};
use pavilion::model::{ImportOutcome, ImportPhase};
use pavilion::settings::Settings;
use pavilion::{status, Catalog, DataDir, ErrorCode};
use serde_json::json;

use crate::TestPack;

const QUIET: Duration = Duration::from_secs(2);

struct Kiosk {
    _dir: tempfile::TempDir,
    data: DataDir,
    inbox: PathBuf,
}

fn kiosk() -> Kiosk {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    let inbox = data.inbox();
    fs::create_dir_all(&inbox).unwrap();
    Kiosk {
        _dir: dir,
        data,
        inbox,
    }
}

fn live_version(data: &DataDir) -> Option<u32> {
    Catalog::open_live(data)
        .ok()
        .map(|catalog| catalog.pack_info().version)
}

fn outcomes(arrivals: &[Arrival]) -> Vec<String> {
    arrivals
        .iter()
        .map(|arrival| match arrival {
            Arrival::Live { path, pack } => format!(
                "live {} v{} from {}",
                pack.pack,
                pack.version,
                path.file_name().unwrap().to_string_lossy()
            ),
            Arrival::Refused { path, error } => format!(
                "refused {}: {}",
                path.file_name().unwrap().to_string_lossy(),
                error.code_str()
            ),
        })
        .collect()
}

trait CodeStr {
    fn code_str(&self) -> String;
}

impl CodeStr for pavilion::Error {
    fn code_str(&self) -> String {
        serde_json::to_value(self.code())
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }
}

#[test]
fn a_pack_goes_live_only_after_it_stopped_changing_for_the_quiet_period() {
    let kiosk = kiosk();
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let start = Instant::now();
    TestPack::small().write_in(&kiosk.inbox, "expo-v1");

    let first = inbox.sync(&kiosk.data, start);
    assert!(
        first.arrivals.is_empty() && first.pending,
        "just seen: wait"
    );
    let early = inbox.sync(&kiosk.data, start + QUIET / 2);
    assert!(
        early.arrivals.is_empty() && early.pending,
        "not quiet long enough"
    );
    assert_eq!(live_version(&kiosk.data), None);

    let settled = inbox.sync(&kiosk.data, start + QUIET);
    assert_eq!(outcomes(&settled.arrivals), ["live expo v1 from expo-v1"]);
    assert_eq!(settled.went_live().map(|pack| pack.version), Some(1));
    assert!(!settled.pending);
    assert_eq!(live_version(&kiosk.data), Some(1));

    let again = inbox.sync(&kiosk.data, start + QUIET * 10);
    assert!(
        again.arrivals.is_empty(),
        "an imported pack is not imported again"
    );
}

#[test]
fn a_pack_still_being_copied_waits_even_when_the_copy_keeps_old_times() {
    let kiosk = kiosk();
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let start = Instant::now();
    let mut pack = TestPack::small();
    let media = pack.files.remove("media/park.svg").unwrap();
    let folder = pack.write_in(&kiosk.inbox, "expo");
    // The copy goes on: the manifest already lists media/park.svg.
    let mut complete = TestPack::small();
    complete.files.insert("media/park.svg".into(), media);
    complete.write(&folder);
    fs::remove_file(folder.join("media/park.svg")).unwrap();

    assert!(inbox.sync(&kiosk.data, start).pending);
    fs::write(
        folder.join("media/park.svg"),
        &complete.files["media/park.svg"],
    )
    .unwrap();
    let grown = inbox.sync(&kiosk.data, start + QUIET);
    assert!(
        grown.arrivals.is_empty() && grown.pending,
        "a new file restarts the quiet period"
    );

    let settled = inbox.sync(&kiosk.data, start + QUIET * 2);
    assert_eq!(outcomes(&settled.arrivals), ["live expo v1 from expo"]);
}

#[test]
fn a_refused_pack_is_tried_once_per_state_and_again_when_fixed() {
    let kiosk = kiosk();
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let start = Instant::now();
    let mut pack = TestPack::small();
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("nowhere")
    });
    let folder = pack.write_in(&kiosk.inbox, "expo");

    inbox.sync(&kiosk.data, start);
    let refused = inbox.sync(&kiosk.data, start + QUIET);
    assert_eq!(outcomes(&refused.arrivals), ["refused expo: invalid_pack"]);
    assert!(refused.went_live().is_none());
    let later = inbox.sync(&kiosk.data, start + QUIET * 5);
    assert!(later.arrivals.is_empty(), "not retried while unchanged");

    TestPack::small().write(&folder);
    inbox.sync(&kiosk.data, start + QUIET * 6);
    let fixed = inbox.sync(&kiosk.data, start + QUIET * 7);
    assert_eq!(outcomes(&fixed.arrivals), ["live expo v1 from expo"]);
}

#[test]
fn a_pack_tried_before_a_restart_is_not_tried_again_until_it_changes() {
    let kiosk = kiosk();
    let start = Instant::now();
    let live = TestPack::small().write_in(&kiosk.inbox, "expo");
    let mut refused = TestPack::small();
    refused.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("nowhere")
    });
    refused.write_in(&kiosk.inbox, "broken");

    let mut first_run = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    first_run.sync(&kiosk.data, start);
    let tried = first_run.sync(&kiosk.data, start + QUIET);
    assert_eq!(
        outcomes(&tried.arrivals),
        ["refused broken: invalid_pack", "live expo v1 from expo"]
    );
    let history = || status(&kiosk.data).unwrap().history.len();
    assert_eq!(history(), 2);

    // The kiosk restarts with both packs still in its inbox (a stick left
    // in): neither is tried again, and the history gets no new line.
    let mut second_run = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let later = Instant::now();
    for step in 0..3 {
        let report = second_run.sync(&kiosk.data, later + QUIET * step);
        assert!(
            report.arrivals.is_empty(),
            "{:?}",
            outcomes(&report.arrivals)
        );
    }
    assert_eq!(history(), 2);

    // A pack changed while the kiosk was off is tried.
    TestPack::small().version(2).write(&live);
    let mut third_run = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    third_run.sync(&kiosk.data, later);
    let changed = third_run.sync(&kiosk.data, later + QUIET);
    assert_eq!(outcomes(&changed.arrivals), ["live expo v2 from expo"]);
}

#[test]
fn configured_folders_are_watched_and_a_stick_with_the_pack_at_its_root_works() {
    let kiosk = kiosk();
    let stick = kiosk._dir.path().join("usb");
    let later_stick = kiosk._dir.path().join("not-inserted-yet");
    fs::write(
        kiosk.data.settings_file(),
        serde_json::to_vec(&json!({"watch_folders": [stick, later_stick]})).unwrap(),
    )
    .unwrap();
    let mut inbox =
        Inbox::for_data_dir(&kiosk.data, &Settings::load(&kiosk.data).unwrap()).unwrap();
    assert_eq!(
        inbox.folders(),
        [kiosk.data.inbox(), stick.clone(), later_stick.clone()]
    );

    TestPack::small().write(&stick);
    let start = Instant::now();
    inbox.sync(&kiosk.data, start);
    let first = inbox.sync(&kiosk.data, start + QUIET);
    assert_eq!(outcomes(&first.arrivals), ["live expo v1 from usb"]);

    TestPack::small().version(2).write(&later_stick);
    inbox.sync(&kiosk.data, start + QUIET * 2);
    let second = inbox.sync(&kiosk.data, start + QUIET * 3);
    assert_eq!(
        outcomes(&second.arrivals),
        ["live expo v2 from not-inserted-yet"]
    );
    assert_eq!(live_version(&kiosk.data), Some(2));
}

#[test]
fn hidden_entries_partial_downloads_and_stray_files_are_not_packs() {
    let kiosk = kiosk();
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    TestPack::small().write_in(&kiosk.inbox, ".expo.partial");
    fs::write(kiosk.inbox.join("expo.zip.part"), b"PK").unwrap();
    fs::write(kiosk.inbox.join("notes.txt"), b"hello").unwrap();
    fs::create_dir_all(kiosk.inbox.join("not-a-pack")).unwrap();

    let start = Instant::now();
    let report = inbox.sync(&kiosk.data, start);
    assert!(!report.pending && report.arrivals.is_empty());
    assert!(inbox
        .sync(&kiosk.data, start + QUIET * 3)
        .arrivals
        .is_empty());
}

#[test]
fn a_pack_arriving_while_another_import_runs_is_tried_again_later() {
    let kiosk = kiosk();
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let start = Instant::now();
    TestPack::small().write_in(&kiosk.inbox, "expo");
    // As the CLI would while importing: hold the data folder's lock.
    fs::create_dir_all(kiosk.data.root()).unwrap();
    let other_import = fs::File::create(kiosk.data.lock_file()).unwrap();
    other_import.lock().unwrap();

    inbox.sync(&kiosk.data, start);
    let busy = inbox.sync(&kiosk.data, start + QUIET);
    assert!(busy.arrivals.is_empty(), "{:?}", outcomes(&busy.arrivals));
    assert!(busy.pending, "look again soon");

    other_import.unlock().unwrap();
    let after = inbox.sync(&kiosk.data, start + QUIET * 2);
    assert_eq!(outcomes(&after.arrivals), ["live expo v1 from expo"]);
}

/// A watched folder offering bad packs for months: the history keeps the
/// newest 1,000 imports, not every one ever tried.
#[test]
fn the_import_history_keeps_only_the_newest_thousand() {
    let kiosk = kiosk();
    let mut pack = TestPack::small();
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("nowhere")
    });
    let broken = pack.write_in(&kiosk.inbox, "broken");
    assert!(pavilion::store::import(&kiosk.data, &broken).is_err());
    let db = rusqlite::Connection::open(kiosk.data.kiosk_db()).unwrap();
    db.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1100)
         INSERT INTO imports (at, source, pack, version, outcome, errors)
         SELECT 'then', 'old ' || i, NULL, NULL, 'refused', '' FROM n;",
    )
    .unwrap();
    assert!(pavilion::store::import(&kiosk.data, &broken).is_err());
    let count = |sql: &str| db.query_row(sql, [], |row| row.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM imports"), 1_000);
    assert_eq!(
        count("SELECT count(*) FROM imports WHERE source = 'old 101'"),
        0,
        "the oldest are dropped first"
    );
    assert_eq!(
        count("SELECT count(*) FROM imports WHERE source = 'old 102'"),
        1
    );
    let newest = status(&kiosk.data).unwrap().history;
    assert!(newest[0].source.ends_with("broken"), "{:?}", newest[0]);
}

/// A bad pack rewritten again and again (a synced folder in a loop): each
/// refusal doubles the wait before that path is verified again, up to five
/// minutes, and a good pack there goes live once its wait is over.
#[test]
fn a_path_refused_again_and_again_is_tried_less_and_less_often() {
    let kiosk = kiosk();
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let start = Instant::now();
    let mut bad = TestPack::small();
    let mut park = 0;
    let mut rewrite = |folder: &std::path::Path| {
        park += 1;
        bad.json_mut("content/exhibitors.json", |exhibitors| {
            exhibitors[0]["park"] = json!(format!("nowhere {park}"))
        });
        bad.write(folder);
    };
    let folder = kiosk.inbox.join("expo");
    fs::create_dir_all(&folder).unwrap();
    rewrite(&folder);
    // When, in quiet periods from the start, the pack is tried, rewritten
    // at every look: the waits after each refusal are 2, 4, 8, 16… quiet
    // periods, capped at five minutes (150 quiet periods).
    let mut tried_at = Vec::new();
    for step in 0..400u32 {
        let report = inbox.sync(&kiosk.data, start + QUIET * step);
        if !report.arrivals.is_empty() {
            assert_eq!(outcomes(&report.arrivals), ["refused expo: invalid_pack"]);
            tried_at.push(step);
            rewrite(&folder);
            // Seen changed at once, as the watcher would.
            inbox.sync(&kiosk.data, start + QUIET * step);
        }
    }
    assert_eq!(tried_at, [1, 3, 7, 15, 31, 63, 127, 255]);

    TestPack::small().write(&folder);
    let mut at = |step: u32| inbox.sync(&kiosk.data, start + QUIET * step);
    at(400);
    assert!(
        at(401).arrivals.is_empty(),
        "still waiting after 8 refusals"
    );
    assert_eq!(
        outcomes(&at(405).arrivals),
        ["live expo v1 from expo"],
        "the wait is capped at five minutes after the last refusal (step 255 + 150)"
    );
}

/// A watched folder holding more entries than one scan looks at: said once
/// (not at every look, every two seconds) and again only after it was
/// back under the limit; a linked folder in it is never walked into.
#[test]
fn a_crowded_folder_is_reported_once_and_links_are_not_followed() {
    let kiosk = kiosk();
    let elsewhere = tempfile::tempdir().unwrap();
    let linked = TestPack::small().write_in(elsewhere.path(), "linked");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&linked, kiosk.inbox.join("linked")).unwrap();
    let stick = kiosk.inbox.parent().unwrap().join("stick");
    fs::create_dir_all(&stick).unwrap();
    for index in 0..=pavilion::inbox::SCAN_LIMIT {
        fs::write(stick.join(format!("{index}.txt")), "").unwrap();
    }
    let mut inbox = Inbox::new(vec![kiosk.inbox.clone(), stick.clone()], QUIET);
    let start = Instant::now();
    let first = inbox.sync(&kiosk.data, start);
    assert_eq!(first.crowded, std::slice::from_ref(&stick));
    let second = inbox.sync(&kiosk.data, start + QUIET * 2);
    assert!(second.crowded.is_empty(), "said once");
    assert!(second.arrivals.is_empty(), "the linked pack is not walked");

    fs::remove_file(stick.join("0.txt")).unwrap();
    assert!(inbox
        .sync(&kiosk.data, start + QUIET * 3)
        .crowded
        .is_empty());
    fs::write(stick.join("0.txt"), "").unwrap();
    let again = inbox.sync(&kiosk.data, start + QUIET * 4);
    assert_eq!(again.crowded, [stick], "crowded again after it was not");
}

#[test]
fn a_stick_pulled_during_its_import_fails_it_and_is_imported_when_put_back() {
    let kiosk = kiosk();
    let start = Instant::now();
    let stick = kiosk._dir.path().join("stick");
    let pulled = kiosk._dir.path().join("pulled");
    TestPack::small().write_in(&stick, "expo");
    let mut inbox = Inbox::new(vec![stick.clone()], QUIET);
    inbox.sync(&kiosk.data, start);
    // The stick leaves once the pack's files were listed and verified,
    // while its content is being read into the new database.
    let report = inbox.sync_with(&kiosk.data, start + QUIET, &mut |path| {
        pavilion::store::import_with_progress(&kiosk.data, path, &mut |phase| {
            if phase == ImportPhase::Building {
                fs::rename(&stick, &pulled).unwrap();
            }
        })
    });
    assert_eq!(outcomes(&report.arrivals), ["refused expo: io"]);
    let Arrival::Refused { error, .. } = &report.arrivals[0] else {
        unreachable!()
    };
    assert_eq!(
        error.to_string(),
        format!("{}: the pack went away during its import (a USB stick pulled out?); the live pack is unchanged, and the pack is imported when it is back", stick.join("expo").display())
    );
    assert_eq!(live_version(&kiosk.data), None);
    let pending = fs::read_dir(kiosk.data.packs_dir()).unwrap().count();
    assert_eq!(pending, 0, "nothing of the failed import is left");
    assert!(inbox
        .sync(&kiosk.data, start + QUIET * 2)
        .arrivals
        .is_empty());

    // Put back: the same files, the same state, imported after the quiet
    // period like any arrival.
    fs::rename(&pulled, &stick).unwrap();
    let later = start + QUIET * 3;
    assert!(inbox.sync(&kiosk.data, later).arrivals.is_empty());
    let back = inbox.sync(&kiosk.data, later + QUIET);
    assert_eq!(outcomes(&back.arrivals), ["live expo v1 from expo"]);
    assert_eq!(live_version(&kiosk.data), Some(1));
}

#[test]
fn a_pack_whose_import_the_kiosk_did_not_survive_is_reported_and_not_tried_again() {
    let kiosk = kiosk();
    let start = Instant::now();
    TestPack::small().write_in(&kiosk.inbox, "expo");
    TestPack::small()
        .version(2)
        .write_in(&kiosk.inbox, "zz-deadly");
    let mut first_run = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    first_run.sync(&kiosk.data, start);
    // The kiosk dies during the second import: the stack unwinds out of
    // the inbox before the try could be ended, as a kill would leave it.
    let died = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        first_run.sync_with(&kiosk.data, start + QUIET, &mut |path| {
            if path.ends_with("zz-deadly") {
                panic!("the kiosk dies");
            }
            pavilion::import(&kiosk.data, path)
        })
    }));
    assert!(died.is_err());
    assert_eq!(live_version(&kiosk.data), Some(1));

    // The next start reports it, once, in the history and to its caller.
    let reported = pavilion::store::quarantine_unfinished(&kiosk.data).unwrap();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert_eq!(reported[0].code(), ErrorCode::ImportStopped);
    let message = reported[0].to_string();
    assert!(
        message.contains("zz-deadly: the import stopped before it finished: the kiosk stopped during this import"),
        "{message}"
    );
    let last = status(&kiosk.data).unwrap().history.remove(0);
    assert_eq!(
        (last.outcome, last.errors.clone()),
        (ImportOutcome::Failed, vec![message])
    );
    assert!(pavilion::store::quarantine_unfinished(&kiosk.data)
        .unwrap()
        .is_empty());

    // Not tried again on its own, at this start or the next.
    for _run in 0..2 {
        let mut run = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
        let later = Instant::now();
        for step in 0..3 {
            let report = run.sync(&kiosk.data, later + QUIET * step);
            assert!(
                report.arrivals.is_empty(),
                "{:?}",
                outcomes(&report.arrivals)
            );
        }
    }
    assert_eq!(live_version(&kiosk.data), Some(1));

    // A new state of it is a new try.
    TestPack::small()
        .version(3)
        .write(&kiosk.inbox.join("zz-deadly"));
    let mut run = Inbox::new(vec![kiosk.inbox.clone()], QUIET);
    let later = Instant::now();
    run.sync(&kiosk.data, later);
    let report = run.sync(&kiosk.data, later + QUIET);
    assert_eq!(outcomes(&report.arrivals), ["live expo v3 from zz-deadly"]);
}
