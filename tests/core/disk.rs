//! The disk under an import (`src/store/import.rs`): a data folder on a
//! small filesystem filled up (a tmpfs of a fixed size, mounted by an
//! unprivileged user in a namespace of its own with `unshare -rm`, so no
//! root is needed), and a history that cannot be written after the switch.
//! A pack that vanishes during its import is in `inbox.rs`.

use std::fs;
use std::path::Path;
use std::process::Command;

use pavilion::model::ImportOutcome;
use pavilion::{import, status, Catalog, DataDir};
use rusqlite::Connection;

use crate::TestPack;

const MIB: usize = 1024 * 1024;

/// Runs `script` with `sh` as root of a new user and mount namespace, where
/// it may mount a tmpfs; `$PAVILION` is the CLI. Its stdout.
fn in_namespace(script: &str, args: &[&Path]) -> String {
    let output = Command::new("unshare")
        .args(["-rm", "sh", "-euc", script, "sh"])
        .args(args)
        .env("PAVILION", env!("CARGO_BIN_EXE_pavilion"))
        .output()
        .expect("unshare (util-linux) runs the script in a namespace of its own");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}\n{stderr}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_pack_bigger_than_the_free_space_is_refused_before_anything_is_written() {
    let work = tempfile::tempdir().unwrap();
    let first = TestPack::small().write_in(work.path(), "v1");
    // A pack of 48 MiB of pictures, for a disk with about 40 MiB free.
    let mut large = TestPack::small();
    large.version(2);
    let mut photo = crate::PNG.to_vec();
    photo.resize(48 * MIB, b'.');
    large.files.insert("media/logo.png".into(), photo);
    let large = large.write_in(work.path(), "v2");
    let mount = work.path().join("disk");
    fs::create_dir(&mount).unwrap();
    let printed = in_namespace(
        r#"
        mount -t tmpfs -o size=160m tmpfs "$1"
        data="$1/data"
        "$PAVILION" pack import "$2" --data-dir "$data" > /dev/null
        head -c 120m /dev/zero > "$1/filler"
        before=$(du -sb "$data" | cut -f1)
        code=0; "$PAVILION" pack import "$3" --data-dir "$data" --json || code=$?
        echo "---"
        echo "exit $code"
        test "$(du -sb "$data" | cut -f1)" = "$before" && echo "nothing written"
        echo "---"
        "$PAVILION" status --data-dir "$data" --json
        echo "---"
        rm "$1/filler"
        "$PAVILION" pack import "$3" --data-dir "$data"
        "#,
        &[&mount, &first, &large],
    );
    let parts: Vec<&str> = printed.split("---\n").collect();
    let [refused, after, status, freed] = parts[..] else {
        panic!("{printed}")
    };
    let refused: serde_json::Value = serde_json::from_str(refused).unwrap();
    assert_eq!(refused["error"]["code"], "disk_full", "{printed}");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("/data: not enough free disk space to import this pack: it needs"),
        "{message}"
    );
    assert!(
        message.contains("free some space on that disk"),
        "{message}"
    );
    assert_eq!(after, "exit 2\nnothing written\n");
    let status: serde_json::Value = serde_json::from_str(status).unwrap();
    assert_eq!(status["live"]["version"], 1, "the live pack is unchanged");
    assert_eq!(status["history"][0]["outcome"], "failed");
    assert_eq!(freed, "live: expo version 2\n");
}

#[test]
fn a_history_that_cannot_be_written_after_the_switch_does_not_undo_the_import() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "v1")).unwrap();
    // Every later history write fails, as on a disk that just filled up.
    Connection::open(data.kiosk_db())
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER full BEFORE INSERT ON imports BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;",
        )
        .unwrap();
    let v2 = TestPack::small().version(2).write_in(work.path(), "v2");
    let info = import(&data, &v2).expect("the switch is done, whatever the history");
    assert_eq!(info.version, 2);
    assert_eq!(Catalog::open_live(&data).unwrap().pack_info().version, 2);
    let history = status(&data).unwrap().history;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].outcome, ImportOutcome::Live);
    assert_eq!(history[0].version, Some(1));
}
