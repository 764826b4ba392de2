//! `pavilion pack validate`, plain and `--json`, byte for byte: the demo
//! pack and broken packs of every kind of problem against committed files
//! in `tests/core/golden/`. These hold the report's exact words, order and
//! exit code still while the code behind them moves (issue 8); a change to
//! the report is a change to these files, seen in review.
//!
//! `GOLDEN_UPDATE=1 cargo test --test core golden::` rewrites them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use crate::TestPack;

/// Where the golden files live.
fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/core/golden")
}

/// `pavilion pack validate [--json] PATH` as one text: exit code, stdout,
/// stderr, with the temp folder written as `$WORK` so the text is the same
/// on every run.
fn validate(work: &Path, pack: &Path, json: bool) -> String {
    let mut args = vec!["pack", "validate"];
    if json {
        args.push("--json");
    }
    let pack = pack.to_str().unwrap();
    args.push(pack);
    let output = Command::new(env!("CARGO_BIN_EXE_pavilion"))
        .env("PAVILION_DATA_DIR", work.join("data"))
        .args(&args)
        .output()
        .unwrap();
    let text = format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap()
    );
    text.replace(work.to_str().unwrap(), "$WORK")
}

/// Checks (or with `GOLDEN_UPDATE=1` writes) `name.txt` and `name.json.txt`.
fn check(name: &str, work: &Path, pack: &Path) {
    let mut stale = Vec::new();
    for (suffix, json) in [("txt", false), ("json.txt", true)] {
        let path = golden_dir().join(format!("{name}.{suffix}"));
        let actual = validate(work, pack, json);
        if std::env::var_os("GOLDEN_UPDATE").is_some() {
            fs::create_dir_all(golden_dir()).unwrap();
            fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected =
            fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        if actual != expected {
            stale.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                path.display()
            ));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

/// `pack` written under a new temp folder, then checked as `name`.
fn check_pack(name: &str, pack: &TestPack) {
    let work = tempfile::tempdir().unwrap();
    let folder = pack.write_in(work.path(), "pack");
    check(name, work.path(), &folder);
}

#[test]
fn the_demo_pack() {
    let work = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/waic-2021");
    check("demo", work.path(), &demo);
}

#[test]
fn the_small_pack() {
    check_pack("small", &TestPack::small());
}

#[test]
fn bad_references_with_did_you_mean() {
    let mut pack = TestPack::small();
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("zhangjiang-ai-iland");
        exhibitors[1]["parc"] = json!("jinqiao");
        exhibitors[2]["categories"] = json!(["ai", "robot"]);
        exhibitors[2]["booth"] = json!({"hall": "H2", "stand": "A01"});
    })
    .json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["booth"] = json!({"hall": "H1", "stand": "A1"});
    })
    .json_mut("content/news.json", |news| {
        news[0]["published"] = json!("8 July 2021");
        news[1]["title"] = json!({"en": "Old news"});
        news[3]["image"] = json!("media/logo.jpg");
    })
    .json_mut("content/sessions.json", |sessions| {
        sessions[0]["speakers"] = json!(["lv", "lu"])
    })
    .json_mut("content/speakers.json", |speakers| {
        speakers[0]["exhibitor"] = json!("ibn")
    })
    .json_mut("content/slides.json", |slides| {
        slides[0]["link"] = json!({"kind": "exhibitor", "id": "ibn"})
    });
    check_pack("references", &pack);
}

#[test]
fn type_errors() {
    let mut pack = TestPack::small();
    pack.json_mut("content/parks.json", |parks| {
        parks[0]["location"] = json!({"lat": "north", "lon": 121});
        parks[1].as_object_mut().unwrap().remove("name");
    })
    .json_mut("content/slides.json", |slides| {
        slides[0]["link"]["kind"] = json!("parc")
    })
    .json_mut("content/event.json", |event| {
        event["categories"][0]["nmae"] = json!("x")
    })
    .json_mut("content/venue.json", |venue| {
        venue["halls"][0]["width"] = json!("wide")
    });
    check_pack("types", &pack);
}

#[test]
fn duplicate_ids() {
    let mut pack = TestPack::small();
    pack.json_mut("content/news.json", |news| news[2]["id"] = json!("opening"))
        .json_mut("content/exhibitors.json", |exhibitors| {
            exhibitors[2]["id"] = json!("merck")
        })
        .json_mut("content/venue.json", |venue| {
            let hall = &mut venue["halls"][0];
            let stand = json!({"id": "A01", "x": 9, "y": 1, "w": 5, "h": 5});
            hall["stands"].as_array_mut().unwrap().push(stand);
            let spot = json!({"id": "entrance", "name": "Door", "x": 2, "y": 0});
            hall["spots"].as_array_mut().unwrap().push(spot);
        })
        .json_mut("content/event.json", |event| {
            event["categories"][1]["id"] = json!("ai")
        });
    check_pack("duplicates", &pack);
}

#[test]
fn missing_and_unlisted_files() {
    let work = tempfile::tempdir().unwrap();
    let root = TestPack::small().write_in(work.path(), "pack");
    fs::remove_file(root.join("media/park.svg")).unwrap();
    fs::write(root.join("media/extra.png"), crate::PNG).unwrap();
    fs::write(root.join("content/exhibitor.json"), "[]").unwrap();
    check("missing", work.path(), &root);
}

#[test]
fn a_hash_mismatch() {
    let work = tempfile::tempdir().unwrap();
    let root = TestPack::small().write_in(work.path(), "pack");
    let mut changed = crate::PNG.to_vec();
    *changed.last_mut().unwrap() ^= 1;
    fs::write(root.join("media/logo.png"), &changed).unwrap();
    fs::write(
        root.join("content/slides.json"),
        [
            fs::read(root.join("content/slides.json")).unwrap(),
            b"\n".to_vec(),
        ]
        .concat(),
    )
    .unwrap();
    check("hash", work.path(), &root);
}

#[test]
fn syntax_errors() {
    let mut pack = TestPack::small();
    pack.files
        .insert("content/parks.json".into(), b"[{\"id\": \"a\",}]".to_vec());
    pack.files
        .insert("content/news.json".into(), b"[{\"id\": \"a\"".to_vec());
    check_pack("syntax", &pack);
}

#[test]
fn a_broken_manifest_and_structure() {
    let mut pack = TestPack::small();
    pack.manifest["pack"] = json!("Expo 2021");
    pack.manifest["format"] = json!(2);
    pack.files.remove("content/event.json");
    pack.set_json("content/venue.json", json!([]));
    pack.files
        .insert("media/notes.png".into(), b"just text".to_vec());
    check_pack("structure", &pack);
}

#[test]
fn more_problems_than_the_cap() {
    let mut pack = TestPack::small();
    pack.set_json(
        "content/news.json",
        json!((0..250)
            .map(|i| json!({"id": format!("n{i}"), "title": "t"}))
            .collect::<Vec<_>>()),
    );
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("nowhere")
    });
    check_pack("cap", &pack);
}

#[test]
fn not_a_pack() {
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("pack.zip");
    fs::write(&zip, b"PK\x03\x04").unwrap();
    check("not-a-zip", work.path(), &zip);
    check("no-such-path", work.path(), &work.path().join("nowhere"));
}
