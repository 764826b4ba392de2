//! Imports in a process of their own (`src/import_worker.rs`): the real
//! worker (the `pavilion` binary, which serves `--import-worker` as the
//! kiosk's binary does) answering for valid, invalid and not-newer packs,
//! killed by a pack past its memory limit; and stand-in workers (small
//! scripts) that hang, die, or check the limit they were given.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pavilion::error::Stopped;
use pavilion::import_worker::{self, Limits};
use pavilion::model::ImportOutcome;
use pavilion::{status, Catalog, DataDir, Error, ErrorCode};
use serde_json::json;

use crate::TestPack;

const PAVILION: &str = env!("CARGO_BIN_EXE_pavilion");

const ROOMY: Limits = Limits {
    memory_mib: 1024,
    timeout: Duration::from_secs(120),
};

fn live_version(data: &DataDir) -> Option<u32> {
    Catalog::open_live(data)
        .ok()
        .map(|catalog| catalog.pack_info().version)
}

/// An executable shell script standing in for a worker.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A valid pack whose exhibitors file is about 48 MB: read whole, as a
/// content file is, it cannot fit in a 48 MiB address space.
fn pack_with_a_large_content_file(dir: &Path) -> PathBuf {
    let mut pack = TestPack::small();
    pack.version(2);
    let summary = "x".repeat(4_100);
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        let exhibitors = exhibitors.as_array_mut().unwrap();
        exhibitors.extend((0..6_400).map(|index| json!({"id": format!("big-{index}"), "name": {"zh": "展商", "en": format!("Exhibitor {index}")}, "summary": {"zh": summary, "en": summary}})));
    });
    let written = pack.write_in(dir, "large");
    let bytes = fs::metadata(written.join("content/exhibitors.json"))
        .unwrap()
        .len();
    assert!(bytes > 48 * 1024 * 1024, "{bytes}");
    written
}

#[test]
fn the_worker_imports_refuses_and_answers_as_the_core_would() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let worker = Path::new(PAVILION);
    let first = TestPack::small().write_in(work.path(), "v1");
    let info = import_worker::import(&data, &first, worker, ROOMY).unwrap();
    assert_eq!((info.pack.as_str(), info.version), ("expo", 1));
    assert_eq!(live_version(&data), Some(1));

    let mut broken = TestPack::small();
    broken.version(2).files.remove("content/event.json");
    let broken = broken.write_in(work.path(), "broken");
    match import_worker::import(&data, &broken, worker, ROOMY) {
        Err(Error::InvalidPack { problems }) => assert_eq!(
            problems[0].to_string(),
            "content/event.json: : missing: every pack has content/event.json"
        ),
        other => panic!("expected the pack's problems, got {other:?}"),
    }
    let again = import_worker::import(&data, &first, worker, ROOMY).unwrap_err();
    assert_eq!(again.code(), ErrorCode::VersionNotNewer);
    assert!(
        again
            .to_string()
            .contains("is not newer than the live version 1"),
        "{again}"
    );
    // The worker wrote each history line itself, once.
    let history = status(&data).unwrap().history;
    assert_eq!(history.len(), 3, "{history:?}");
    assert_eq!(live_version(&data), Some(1));
}

#[test]
fn a_pack_past_the_workers_memory_limit_kills_only_the_worker() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let worker = Path::new(PAVILION);
    let first = TestPack::small().write_in(work.path(), "v1");
    import_worker::import(&data, &first, worker, ROOMY).unwrap();
    let large = pack_with_a_large_content_file(work.path());
    let tight = Limits {
        memory_mib: 48,
        ..ROOMY
    };
    let error = import_worker::import(&data, &large, worker, tight).unwrap_err();
    match &error {
        Error::ImportStopped {
            why: Stopped::Signal {
                memory_mib, said, ..
            },
            ..
        } => {
            assert_eq!(*memory_mib, 48);
            assert!(said.starts_with("memory allocation of"), "{said}");
        }
        other => panic!("expected the worker stopped by a signal, got {other:?}"),
    }
    assert_eq!(error.code(), ErrorCode::ImportStopped);
    assert!(
        error.to_string().contains("memory limit of 48 MiB"),
        "{error}"
    );
    assert_eq!(live_version(&data), Some(1));
    // The worker could not say it failed: the history says it in its stead.
    let last = status(&data).unwrap().history.remove(0);
    assert_eq!(last.outcome, ImportOutcome::Failed);
    assert_eq!(last.source, large.display().to_string());
    assert!(
        last.errors[0].contains("the import stopped before it finished"),
        "{:?}",
        last.errors
    );
    // With room, the same pack imports: the limit, not the pack, stopped it.
    let info = import_worker::import(&data, &large, worker, ROOMY).unwrap();
    assert_eq!(info.version, 2);
}

#[test]
fn a_worker_past_its_time_is_killed_and_one_killed_by_a_signal_is_named() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let pack = TestPack::small().write_in(work.path(), "pack");
    let hangs = script(work.path(), "hangs", "exec sleep 60");
    let started = Instant::now();
    let short = Limits {
        timeout: Duration::from_secs(1),
        ..ROOMY
    };
    let error = import_worker::import(&data, &pack, &hangs, short).unwrap_err();
    assert!(
        matches!(
            &error,
            Error::ImportStopped {
                why: Stopped::TimedOut { seconds: 1 },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(
        error.to_string().contains("import_timeout_seconds"),
        "{error}"
    );

    let killed = script(work.path(), "killed", "echo going >&2; kill -9 $$");
    match import_worker::import(&data, &pack, &killed, ROOMY).unwrap_err() {
        Error::ImportStopped {
            why: Stopped::Signal { signal, said, .. },
            ..
        } => assert_eq!((signal, said.as_str()), (9, "going")),
        other => panic!("expected SIGKILL, got {other:?}"),
    }
    assert_eq!(live_version(&data), None);
}

#[test]
fn the_worker_runs_under_the_memory_limit_it_is_given() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let pack = TestPack::small().write_in(work.path(), "pack");
    // `ulimit -v` prints the address-space limit in KiB.
    let tells = script(work.path(), "tells", "ulimit -v >&2; exit 3");
    let limits = Limits {
        memory_mib: 64,
        ..ROOMY
    };
    match import_worker::import(&data, &pack, &tells, limits).unwrap_err() {
        Error::ImportStopped {
            why: Stopped::Exited { status, said, .. },
            ..
        } => assert_eq!((status, said.as_str()), (3, "65536")),
        other => panic!("expected an exit without an answer, got {other:?}"),
    }
}

#[test]
fn a_worker_that_dies_after_its_switch_still_reports_the_live_pack() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let pack = TestPack::small().write_in(work.path(), "pack");
    // The real import, then a death before the answer is read.
    let dies_late = script(
        work.path(),
        "dies-late",
        &format!("'{PAVILION}' \"$@\" >/dev/null; kill -9 $$"),
    );
    let info = import_worker::import(&data, &pack, &dies_late, ROOMY).unwrap();
    assert_eq!((info.pack.as_str(), info.version), ("expo", 1));
    assert_eq!(live_version(&data), Some(1));
}

#[test]
fn worker_arguments_are_read_only_in_their_exact_form() {
    let args = |list: &[&str]| {
        import_worker::Job::from_args(list.iter().map(Into::into)).map(|job| (job.pack, job.data))
    };
    assert_eq!(
        args(&["kiosk", "--import-worker", "/p", "--data-dir", "/d"]),
        Some(("/p".into(), "/d".into()))
    );
    assert_eq!(args(&["kiosk"]), None);
    assert_eq!(args(&["kiosk", "--import-worker", "/p"]), None);
    assert_eq!(
        args(&["kiosk", "--import-worker", "/p", "--data", "/d"]),
        None
    );
}
