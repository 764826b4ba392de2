//! The fleet's status files (`src/fleet.rs`): what a kiosk writes, how the
//! organiser's `pavilion fleet status` reads a folder of them, and the CLI's
//! import and rollback writing them.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use pavilion::fleet::{self, KioskStatus, Presence, STATUS_FORMAT};
use pavilion::model::Signer;
use pavilion::settings::Settings;
use pavilion::{import, DataDir};
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::cli::pavilion;
use crate::TestPack;

fn settings_for(status: &Path, name: &str) -> Settings {
    Settings {
        kiosk_name: Some(name.to_owned()),
        status_folder: Some(status.to_path_buf()),
        ..Settings::default()
    }
}

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap()
}

fn read(path: &Path) -> KioskStatus {
    fleet::parse(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_kiosk_writes_its_live_pack_under_an_id_kept_across_writes() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let status = work.path().join("status");
    let settings = settings_for(&status, "Hall 1");
    let mut pack = TestPack::small();
    import(&data, &pack.write_in(work.path(), "v1")).unwrap();

    let presence = Presence {
        started_at: Some(at("2026-01-01T08:00:00Z")),
        last_touch: Some(at("2026-01-01T09:30:00Z")),
    };
    let now = at("2026-01-01T10:00:00Z");
    let first = fleet::write_status(&data, &settings, &presence, now)
        .unwrap()
        .unwrap();
    let written = read(&first);
    assert_eq!(
        (
            written.format,
            written.name.as_deref(),
            written.pack.as_deref(),
            written.version,
            written.signer.clone(),
            written.written_at.as_str(),
            written.last_touch.as_deref(),
        ),
        (
            STATUS_FORMAT,
            Some("Hall 1"),
            Some("expo"),
            Some(1),
            Some(Signer::Unsigned),
            "2026-01-01T10:00:00Z",
            Some("2026-01-01T09:30:00Z"),
        )
    );
    assert_eq!(first, status.join(format!("{}.json", written.kiosk_id)));
    assert!(written.free_disk_bytes.is_some_and(|bytes| bytes > 0));
    assert_eq!(written.app_version, env!("CARGO_PKG_VERSION"));

    // A second import, written by a writer that knows no presence (the
    // CLI): same file, same id, the kiosk's last touch kept.
    import(&data, &pack.version(2).write_in(work.path(), "v2")).unwrap();
    let second = fleet::write_status(&data, &settings, &Presence::default(), now)
        .unwrap()
        .unwrap();
    assert_eq!(second, first);
    let rewritten = read(&second);
    assert_eq!(rewritten.version, Some(2));
    assert_eq!(rewritten.last_touch, written.last_touch);
    assert_eq!(rewritten.kiosk_started_at, written.kiosk_started_at);
    assert_eq!(
        fs::read_dir(&status).unwrap().count(),
        1,
        "no temp file left"
    );
}

#[test]
fn without_a_status_folder_nothing_is_written() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let written = fleet::write_status(
        &data,
        &Settings::default(),
        &Presence::default(),
        OffsetDateTime::now_utc(),
    )
    .unwrap();
    assert_eq!(written, None);
}

/// A status as a kiosk at `written_at` with `pack` `version` writes it.
fn status(id: &str, name: &str, pack: &str, version: u32, written_at: &str) -> Value {
    json!({
        "format": STATUS_FORMAT, "kiosk_id": id, "name": name, "pack": pack,
        "version": version, "signer": null, "last_import": null, "last_touch": null,
        "kiosk_started_at": null, "machine_uptime_seconds": 10, "free_disk_bytes": 1000,
        "app_version": "0.1.0", "written_at": written_at,
    })
}

fn write_json(dir: &Path, file: &str, value: &Value) {
    fs::write(dir.join(file), serde_json::to_vec(value).unwrap()).unwrap();
}

#[test]
fn the_folder_marks_stale_behind_and_refused_kiosks_and_reports_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-01-01T10:00:00Z");
    write_json(
        dir.path(),
        "a.json",
        &status("a", "Entrance", "expo", 3, "2026-01-01T09:59:00Z"),
    );
    write_json(
        dir.path(),
        "b.json",
        &status("b", "Hall 2", "expo", 2, "2026-01-01T09:54:00Z"),
    );
    let mut refused = status("c", "Hall 3", "expo", 3, "2026-01-01T09:58:00Z");
    refused["last_import"] = json!({
        "at": "2026-01-01T09:57:00Z", "source": "/srv/packs/expo", "pack": "expo",
        "version": 4, "outcome": "refused", "errors": ["manifest.json: /version: bad"],
    });
    write_json(dir.path(), "c.json", &refused);
    let mut newer = status("d", "Hall 4", "expo", 3, "2026-01-01T09:59:00Z");
    newer["format"] = json!(STATUS_FORMAT + 1);
    newer["app_version"] = json!("9.0.0");
    write_json(dir.path(), "d.json", &newer);
    fs::write(dir.path().join("e.json"), "{ half a fi").unwrap();
    // A sync engine's temporary file and anything not JSON are not kiosks.
    fs::write(dir.path().join(".syncthing.a.json.tmp"), "x").unwrap();
    fs::write(dir.path().join("notes.txt"), "x").unwrap();

    let fleet = fleet::read_folder(dir.path(), now).unwrap();
    let marks: Vec<_> = fleet
        .kiosks
        .iter()
        .map(|row| (row.file.as_str(), row.stale, row.behind, row.refused))
        .collect();
    assert_eq!(
        marks,
        [
            ("a.json", false, None, false),
            ("b.json", true, Some(3), false),
            ("c.json", false, None, true),
        ]
    );
    let unreadable: Vec<_> = fleet
        .unreadable
        .iter()
        .map(|file| file.file.as_str())
        .collect();
    assert_eq!(unreadable, ["d.json", "e.json"]);
    assert!(
        fleet.unreadable[0].reason.contains("newer app")
            && fleet.unreadable[0].reason.contains("9.0.0"),
        "{}",
        fleet.unreadable[0].reason
    );

    // Five minutes on, the entrance has missed five writes too.
    let later = fleet::read_folder(dir.path(), now + Duration::from_secs(5 * 60)).unwrap();
    assert!(later.kiosks[0].stale);
}

#[test]
fn the_cli_writes_status_after_imports_and_rollbacks_and_shows_the_fleet() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let status = work.path().join("status");
    fs::create_dir_all(&data).unwrap();
    fs::write(
        data.join("settings.json"),
        json!({"kiosk_name": "Entrance", "status_folder": status}).to_string(),
    )
    .unwrap();
    let mut pack = TestPack::small();
    let v1 = pack.write_in(work.path(), "v1");
    let v2 = pack.version(2).write_in(work.path(), "v2");

    assert!(pavilion(&data, &["pack", "import", v1.to_str().unwrap()])
        .status
        .success());
    assert!(pavilion(&data, &["pack", "import", v2.to_str().unwrap()])
        .status
        .success());
    let shown = pavilion(
        &data,
        &["fleet", "status", status.to_str().unwrap(), "--json"],
    );
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["kiosks"][0]["status"]["version"], json!(2));
    assert_eq!(shown["kiosks"][0]["status"]["name"], json!("Entrance"));

    assert!(pavilion(&data, &["rollback"]).status.success());
    // A refused import is written too: the organiser sees the refusal.
    let refused = pavilion(&data, &["pack", "import", v1.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let text = pavilion(&data, &["fleet", "status", status.to_str().unwrap()]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("Entrance\t"), "{text}");
    assert!(text.contains("expo version 1\t"), "{text}");
    assert!(text.contains("REFUSED: "), "{text}");
    assert!(text.contains("not newer"), "{text}");
}

#[test]
fn a_status_that_cannot_be_written_is_said_and_the_import_still_succeeds() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    fs::create_dir_all(&data).unwrap();
    // A file where the status folder should be.
    let blocked = work.path().join("status");
    fs::write(&blocked, "not a folder").unwrap();
    fs::write(
        data.join("settings.json"),
        json!({"status_folder": blocked}).to_string(),
    )
    .unwrap();
    let pack = TestPack::small().write_in(work.path(), "pack");
    let output = pavilion(&data, &["pack", "import", pack.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("pavilion: the fleet status was not written: "),
        "{stderr}"
    );
}

/// The kiosk's unit file as systemd reads it: `systemd-analyze verify` in
/// user mode (a private runtime folder stands in for a logged-in user's),
/// with the kiosk's path pointed at an executable, since verify checks it.
/// An unknown key is only a warning to systemd, so any output fails too.
#[test]
fn the_kiosk_unit_passes_systemd_analyze_verify() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unit = fs::read_to_string(root.join("scripts/systemd/pavilion-kiosk.service")).unwrap();
    assert!(unit.contains("\nType=notify\n") && unit.contains("\nRestart=always\n"));
    assert!(unit.contains("\nWatchdogSec="));
    let work = tempfile::tempdir().unwrap();
    let kiosk = work.path().join("pavilion-kiosk");
    fs::write(&kiosk, "#!/bin/sh\n").unwrap();
    fs::set_permissions(&kiosk, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let runtime = work.path().join("runtime");
    fs::create_dir(&runtime).unwrap();
    fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let copy = work.path().join("pavilion-kiosk.service");
    fs::write(
        &copy,
        unit.replace("/opt/pavilion/pavilion-kiosk", kiosk.to_str().unwrap()),
    )
    .unwrap();
    let output = Command::new("systemd-analyze")
        .args(["--user", "verify"])
        .arg(&copy)
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .expect("systemd-analyze (Debian package `systemd`, scripts/install-deps.sh)");
    let said = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && said.trim().is_empty(), "{said}");
}

/// One Syncthing on loopback only, in its own home, stopped (its whole
/// process group) when dropped.
struct Syncthing {
    home: std::path::PathBuf,
    id: String,
    gui: u16,
    listen: u16,
    process: Option<std::process::Child>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Syncthing {
    /// Generates its keys and config, then turns everything that reaches
    /// past loopback off before it first starts.
    fn new(home: &Path) -> Syncthing {
        let generated = Command::new("syncthing")
            .args(["generate", "--no-default-folder", "--skip-port-probing"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("syncthing (Debian package `syncthing`, scripts/install-deps.sh)");
        assert!(generated.status.success(), "{generated:?}");
        let (gui, listen) = (free_port(), free_port());
        let config = home.join("config.xml");
        let mut xml = fs::read_to_string(&config).unwrap();
        for (from, to) in [
            (
                "<listenAddress>default</listenAddress>".to_owned(),
                format!("<listenAddress>tcp://127.0.0.1:{listen}</listenAddress>"),
            ),
            (
                "<address>127.0.0.1:8384</address>".to_owned(),
                format!("<address>127.0.0.1:{gui}</address>"),
            ),
            (
                "<globalAnnounceEnabled>true".to_owned(),
                "<globalAnnounceEnabled>false".to_owned(),
            ),
            (
                "<localAnnounceEnabled>true".to_owned(),
                "<localAnnounceEnabled>false".to_owned(),
            ),
            (
                "<relaysEnabled>true".to_owned(),
                "<relaysEnabled>false".to_owned(),
            ),
            (
                "<natEnabled>true".to_owned(),
                "<natEnabled>false".to_owned(),
            ),
            (
                "<startBrowser>true".to_owned(),
                "<startBrowser>false".to_owned(),
            ),
            (
                "<crashReportingEnabled>true".to_owned(),
                "<crashReportingEnabled>false".to_owned(),
            ),
            ("<urAccepted>0".to_owned(), "<urAccepted>-1".to_owned()),
        ] {
            assert!(xml.contains(&from), "config.xml has no {from}");
            xml = xml.replace(&from, &to);
        }
        fs::write(&config, xml).unwrap();
        let id = Command::new("syncthing")
            .args(["serve", "--device-id"])
            .arg(format!("--home={}", home.display()))
            .output()
            .unwrap();
        Syncthing {
            home: home.to_path_buf(),
            id: String::from_utf8(id.stdout).unwrap().trim().to_owned(),
            gui,
            listen,
            process: None,
        }
    }

    fn start(&mut self) {
        use std::os::unix::process::CommandExt;
        let child = Command::new("syncthing")
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
            .arg(format!("--home={}", self.home.display()))
            .arg(format!("--logfile={}", self.home.join("log").display()))
            .env("STNODEFAULTFOLDER", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        self.process = Some(child);
    }

    /// Shares the fleet's folders with `peer` through scripts/setup-syncthing.sh.
    fn join(&self, role: &str, packs: &Path, status: &Path, peer: &Syncthing) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/setup-syncthing.sh");
        let output = Command::new(script)
            .args(["--role", role, "--no-local-discovery"])
            .arg("--packs")
            .arg(packs)
            .arg("--status")
            .arg(status)
            .arg("--peer")
            .arg(format!("{}@tcp://127.0.0.1:{}", peer.id, peer.listen))
            .arg("--api")
            .arg(format!("http://127.0.0.1:{}", self.gui))
            .arg("--home")
            .arg(&self.home)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
    }
}

impl Syncthing {
    /// Asks Syncthing to look at `folder` now: a file written while the
    /// folder was being set up may be missed by its watcher until the next
    /// full rescan, a minute later.
    fn scan(&self, folder: &str) {
        let config = fs::read_to_string(self.home.join("config.xml")).unwrap();
        let key = config
            .split("<apikey>")
            .nth(1)
            .and_then(|rest| rest.split("</apikey>").next())
            .unwrap();
        let _ = Command::new("curl")
            .args(["--silent", "--max-time", "5", "-X", "POST", "-H"])
            .arg(format!("X-API-Key: {key}"))
            .arg(format!(
                "http://127.0.0.1:{}/rest/db/scan?folder={folder}",
                self.gui
            ))
            .output();
    }
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        if let Some(mut child) = self.process.take() {
            // The monitor we started runs Syncthing in a process group of
            // its own: that one first, then the monitor's group.
            let _ = Command::new("pkill")
                .args(["-KILL", "-P"])
                .arg(child.id().to_string())
                .status();
            let _ = Command::new("kill")
                .args(["-KILL", "--"])
                .arg(format!("-{}", child.id()))
                .status();
            let _ = child.wait();
        }
    }
}

/// Polls `done` until it gives a value or `limit` passes.
fn within<T>(limit: Duration, what: &str, mut done: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(value) = done() {
            return value;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: not within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The real sync engine between an organiser and a kiosk, on loopback only
/// (no discovery, relays or NAT): a pack published once goes live in the
/// kiosk's data folder through the inbox, and the kiosk's status comes back
/// to the organiser's `fleet status`. Every wait is bounded (about a minute
/// and a half at worst, a few seconds when it passes); both Syncthings are killed at the end, pass or fail.
#[test]
fn syncthing_carries_a_pack_to_a_kiosk_and_its_status_back() {
    let work = tempfile::tempdir().unwrap();
    let side = |name: &str| {
        let dir = work.path().join(name);
        fs::create_dir_all(dir.join("home")).unwrap();
        dir
    };
    let (organiser_dir, kiosk_dir) = (side("organiser"), side("kiosk"));
    let mut organiser = Syncthing::new(&organiser_dir.join("home"));
    let mut kiosk = Syncthing::new(&kiosk_dir.join("home"));
    organiser.start();
    kiosk.start();
    let (published, received) = (organiser_dir.join("packs"), kiosk_dir.join("packs"));
    let (reports, statuses) = (kiosk_dir.join("status"), organiser_dir.join("status"));
    organiser.join("organiser", &published, &statuses, &kiosk);
    kiosk.join("kiosk", &received, &reports, &organiser);

    TestPack::small().write_in(&published, "expo");
    organiser.scan("pavilion-packs");

    let data = DataDir::at(kiosk_dir.join("data"));
    let settings = Settings {
        watch_folders: vec![received.clone()],
        ..settings_for(&reports, "Booth 1")
    };
    let mut inbox = pavilion::inbox::Inbox::new(vec![received], Duration::from_millis(500));
    let live = within(
        Duration::from_secs(60),
        "the pack live on the kiosk",
        || {
            inbox
                .sync(&data, std::time::Instant::now())
                .went_live()
                .cloned()
        },
    );
    assert_eq!((live.pack.as_str(), live.version), ("expo", 1));

    fleet::write_status(
        &data,
        &settings,
        &Presence::default(),
        OffsetDateTime::now_utc(),
    )
    .unwrap()
    .unwrap();
    kiosk.scan("pavilion-status");
    within(
        Duration::from_secs(30),
        "the kiosk's status at the organiser",
        || {
            let fleet = fleet::read_folder(&statuses, OffsetDateTime::now_utc()).ok()?;
            fleet
                .kiosks
                .first()
                .map(|row| row.status.version == Some(1))
                .filter(|&ok| ok)
        },
    );
    let shown = pavilion(
        &kiosk_dir.join("data"),
        &["fleet", "status", statuses.to_str().unwrap()],
    );
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.starts_with("Booth 1\t"), "{shown}");
    assert!(
        shown.contains("\texpo version 1\t") && shown.ends_with("\tok\n"),
        "{shown}"
    );
}
