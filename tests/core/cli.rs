//! The `pavilion` command line (`src/cli.rs`): exit codes, output streams
//! and `--json` documents, run as a real process.

use std::path::Path;
use std::process::{Command, Output};

use pavilion::model::{PackInfo, Status};
use serde_json::{json, Value};

use crate::TestPack;

/// Runs `pavilion` with `PAVILION_DATA_DIR` set to `data`.
pub fn pavilion(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pavilion"))
        .env("PAVILION_DATA_DIR", data)
        .args(args)
        .output()
        .unwrap()
}

/// Runs `pavilion` on `data` with `input` on its stdin: exit code, stdout
/// and stderr.
pub fn pavilion_with_stdin(
    data: &pavilion::DataDir,
    args: &[&str],
    input: &str,
) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pavilion"))
        .env("PAVILION_DATA_DIR", data.root())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        stdout(&output),
        stderr(&output),
    )
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn validate_exits_0_for_a_valid_pack_and_1_with_problem_lines() {
    let work = tempfile::tempdir().unwrap();
    let good = TestPack::small().write_in(work.path(), "good");
    let output = pavilion(work.path(), &["pack", "validate", good.to_str().unwrap()]);
    assert_eq!(
        (output.status.code(), stdout(&output), stderr(&output)),
        (Some(0), "valid: expo version 1\n".into(), String::new())
    );

    let mut broken = TestPack::small();
    broken.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("zhangjiang-ai-iland")
    });
    broken.json_mut("content/parks.json", |parks| parks[1]["nmae"] = json!("x"));
    let broken = broken.write_in(work.path(), "broken");
    let output = pavilion(work.path(), &["pack", "validate", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "content/parks.json: /1/nmae: unknown field \"nmae\" (did you mean \"name\"?)\n\
         content/exhibitors.json: /0/park: unknown park \"zhangjiang-ai-iland\" (did you mean \"zhangjiang-ai-island\"?)\n"
    );

    let output = pavilion(
        work.path(),
        &["pack", "validate", "--json", broken.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["valid"], json!(false));
    assert_eq!(report["error"]["code"], json!("invalid_pack"));
    assert_eq!(
        report["problems"][1],
        json!({"file": "content/exhibitors.json", "pointer": "/0/park",
        "message": "unknown park \"zhangjiang-ai-iland\" (did you mean \"zhangjiang-ai-island\"?)"})
    );

    let output = pavilion(
        work.path(),
        &["pack", "validate", "--json", good.to_str().unwrap()],
    );
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        report,
        json!({"valid": true, "pack": "expo", "version": 1, "error": null, "problems": []})
    );
}

#[test]
fn import_and_status_use_the_data_dir_from_the_environment() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let pack = TestPack::small().write_in(work.path(), "expo");
    let output = pavilion(&data, &["pack", "import", pack.to_str().unwrap()]);
    assert_eq!(
        (output.status.code(), stdout(&output)),
        (Some(0), "live: expo version 1\n".into())
    );
    assert!(data.join("kiosk.db").is_file());

    let output = pavilion(&data, &["pack", "import", "--json", pack.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let refusal: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(refusal["error"]["code"], json!("version_not_newer"));
    assert_eq!(stderr(&output), "pavilion: pack \"expo\" version 1 is not newer than the live version 1: raise \"version\" in manifest.json\n");

    let newer = TestPack::small().version(2).write_in(work.path(), "expo-2");
    let output = pavilion(
        &data,
        &["pack", "import", "--json", newer.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0));
    let info: PackInfo = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!((info.pack.as_str(), info.version), ("expo", 2));

    let output = pavilion(&data, &["status", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        (&document["pack"], &document["version"]),
        (&json!("expo"), &json!(2))
    );
    let status: Status = serde_json::from_value(document).unwrap();
    assert_eq!(status.kept.len(), 1);
    assert_eq!(status.history.len(), 3);

    let output = pavilion(&data, &["status"]);
    assert!(
        stdout(&output).starts_with("live: expo version 2 \"博览会\", imported "),
        "{}",
        stdout(&output)
    );

    // --data-dir wins over the environment.
    let other = work.path().join("other");
    let output = pavilion(
        &data,
        &["--data-dir", other.to_str().unwrap(), "status", "--json"],
    );
    let document: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        (&document["pack"], &document["version"]),
        (&Value::Null, &Value::Null)
    );
}

#[test]
fn usage_and_io_problems_exit_2_with_one_line() {
    let work = tempfile::tempdir().unwrap();
    let output = pavilion(work.path(), &["pack", "frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    let output = pavilion(work.path(), &["pack", "validate"]);
    assert_eq!(output.status.code(), Some(2));

    let missing = work.path().join("missing");
    let output = pavilion(
        work.path(),
        &["pack", "validate", missing.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "pavilion: {}: No such file or directory (os error 2)\n",
            missing.display()
        )
    );

    // A data folder that is a file cannot be used.
    let file = work.path().join("file");
    std::fs::write(&file, "").unwrap();
    let pack = TestPack::small().write_in(work.path(), "expo");
    let output = pavilion(&file, &["pack", "import", "--json", pack.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).lines().count(), 1);
    let failure: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(failure["error"]["code"], json!("io"));
}

#[test]
fn manifest_reseals_a_pack_after_editing() {
    let work = tempfile::tempdir().unwrap();
    let pack = TestPack::small().write_in(work.path(), "expo");
    std::fs::write(pack.join("media/new.png"), crate::PNG).unwrap();
    std::fs::write(pack.join("content/news.json"), "[]").unwrap();
    let validate = |dir: &Path| {
        pavilion(work.path(), &["pack", "validate", dir.to_str().unwrap()])
            .status
            .code()
    };
    assert_eq!(validate(&pack), Some(1));

    let output = pavilion(work.path(), &["pack", "manifest", pack.to_str().unwrap()]);
    assert_eq!(
        (output.status.code(), stdout(&output)),
        (Some(0), "manifest.json: 11 files listed\n".into())
    );
    assert_eq!(validate(&pack), Some(0));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(pack.join("manifest.json")).unwrap()).unwrap();
    let keys: Vec<_> = manifest.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "format",
            "pack",
            "version",
            "title",
            "created",
            "languages",
            "files"
        ],
        "other fields kept, in order"
    );
    assert_eq!(
        manifest["files"]["content/news.json"],
        json!({"sha256": pavilion::pack::manifest::sha256_hex(b"[]"), "bytes": 2})
    );

    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let output = pavilion(work.path(), &["pack", "manifest", empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("manifest.json: : missing: "),
        "{}",
        stderr(&output)
    );

    let zipped = work.path().join("expo.zip");
    std::fs::write(&zipped, b"PK\x05\x06").unwrap();
    let output = pavilion(work.path(), &["pack", "manifest", zipped.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(": `pack manifest` reseals a pack folder: unzip the pack, reseal the folder, then zip it again"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rollback_exits_1_when_there_is_nothing_to_roll_back_to() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let output = pavilion(&data, &["rollback"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no pack is live"),
        "{}",
        stderr(&output)
    );

    for version in 1..=2 {
        let pack = TestPack::small()
            .version(version)
            .write_in(work.path(), &format!("v{version}"));
        let output = pavilion(&data, &["pack", "import", pack.to_str().unwrap()]);
        // Quiet on a pipe: progress is for a person at a terminal.
        assert_eq!(
            (output.status.code(), stderr(&output)),
            (Some(0), String::new())
        );
    }
    let output = pavilion(&data, &["status"]);
    assert!(
        stdout(&output).contains("kept: expo version 1, imported "),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("; `pavilion rollback` makes it live\n"));

    let output = pavilion(&data, &["rollback", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let info: PackInfo = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(info.version, 1);
    let output = pavilion(&data, &["status", "--json"]);
    let status: Status = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(status.version, Some(1));
    assert_eq!(
        status
            .kept
            .iter()
            .map(|kept| (kept.version, kept.rollback_step))
            .collect::<Vec<_>>(),
        [(2, None)]
    );
    let text = stdout(&pavilion(&data, &["status"]));
    assert!(
        text.contains("; not reached by rollback: import it again to make it live\n")
            && text.contains("\nrollback "),
        "{text}"
    );

    let output = pavilion(&data, &["rollback"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("pavilion: no previous pack to roll back to in "),
        "{}",
        stderr(&output)
    );

    // A refusal is listed with its reason.
    let v1 = work.path().join("v1");
    pavilion(&data, &["pack", "import", v1.to_str().unwrap()]);
    let text = stdout(&pavilion(&data, &["status"]));
    assert!(
        text.contains(": refused: expo version 1 from ")
            && text.contains("\n  pack \"expo\" version 1 is not newer than the live version 1: raise \"version\" in manifest.json\n"),
        "{text}"
    );
}

#[test]
fn with_confirm_pack_import_stages_and_pack_live_switches() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut pack = TestPack::small();
    let v1 = pack.write_in(work.path(), "v1");
    let v2 = pack.version(2).write_in(work.path(), "v2");
    assert!(pavilion(&data, &["pack", "import", v1.to_str().unwrap()])
        .status
        .success());
    std::fs::write(data.join("settings.json"), r#"{"go_live": "confirm"}"#).unwrap();

    let nothing = pavilion(&data, &["pack", "live"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(stderr(&nothing).contains("no pack is waiting to go live"));

    let staged = pavilion(&data, &["pack", "import", v2.to_str().unwrap()]);
    assert_eq!(staged.status.code(), Some(0));
    assert!(
        stdout(&staged).starts_with("staged: expo version 2 (the live pack is unchanged"),
        "{}",
        stdout(&staged)
    );
    let text = stdout(&pavilion(&data, &["status"]));
    assert!(text.starts_with("live: expo version 1 "), "{text}");
    assert!(
        text.contains("\nstaged: expo version 2, imported "),
        "{text}"
    );
    let json: Status =
        serde_json::from_slice(&pavilion(&data, &["status", "--json"]).stdout).unwrap();
    assert_eq!(json.staged.unwrap().info.version, 2);

    let live = pavilion(&data, &["pack", "live"]);
    assert_eq!(
        (live.status.code(), stdout(&live)),
        (Some(0), "live: expo version 2\n".to_owned())
    );
    let text = stdout(&pavilion(&data, &["status"]));
    assert!(text.starts_with("live: expo version 2 "), "{text}");
    assert!(!text.contains("\nstaged:"), "{text}");
    assert!(text.contains("pack live "), "{text}");
}

#[test]
fn stats_summarises_and_exports_what_was_recorded() {
    use pavilion::stats::{Happened, Stats, StatsPolicy, VisitorEvent};
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let empty = pavilion(&data, &["stats"]);
    assert_eq!(
        (empty.status.code(), stdout(&empty)),
        (Some(0), "no visitor statistics recorded\n".to_owned())
    );
    assert!(!data.exists(), "reading statistics created the data folder");
    let stats = Stats::open(&pavilion::DataDir::at(&data), StatsPolicy::default()).unwrap();
    let at_ms = 1_783_472_400_000;
    stats
        .record(
            &[
                VisitorEvent {
                    at_ms,
                    what: Happened::VisitStarted,
                },
                VisitorEvent {
                    at_ms,
                    what: Happened::Searched {
                        query: "Robots".into(),
                        hits: 2,
                    },
                },
            ],
            time::macros::offset!(+8),
        )
        .unwrap();
    drop(stats);
    let text = stdout(&pavilion(&data, &["stats"]));
    assert!(
        text.starts_with("1 visits from 2026-07-08T09:00:00+08:00 to 2026-07-08T09:00:00+08:00"),
        "{text}"
    );
    assert!(
        text.contains("  2026-07-08: 1 visits, busiest 09:00 (1)"),
        "{text}"
    );
    assert!(
        text.contains("  \"robots\" 1 (2.0 hits on average)"),
        "{text}"
    );
    let json: Value =
        serde_json::from_slice(&pavilion(&data, &["stats", "--json"]).stdout).unwrap();
    assert_eq!(json["visits"], json!(1));
    assert_eq!(json["days"][0]["hours"][9], json!(1));

    let csv = work.path().join("out.csv");
    let html = work.path().join("out.html");
    let export = pavilion(
        &data,
        &[
            "stats",
            "export",
            "--out",
            csv.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .contains(",search,robots,1,2\r\n"));
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    let wrong = pavilion(&data, &["stats", "export", "--out", "x.txt"]);
    assert_eq!(wrong.status.code(), Some(2));
}
