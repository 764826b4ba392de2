//! The operator's panel: a second window, `operator`, that only the shell
//! creates (on the visitor window's one-finger gesture, and only when a PIN
//! is set), full screen over the visitor's. The PIN, the sessions and their
//! lock-outs are the core's (`pavilion::operator`); this module holds them
//! for the kiosk's life, checks the session of every operator command, and
//! closes the window when its session ends, whether the operator closes it
//! or walks away (a timer, so an idle panel never stays over the visitor's
//! screen).
//!
//! What the window may call is `capabilities/operator.json`'s: the
//! visitor's window (`kiosk.json`) gets none of it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pavilion::data_dir::DataDir;
use pavilion::model::{
    ExportTarget, Health, OperatorOverview, OperatorSettings, PackInfo, SpotChoice, StatsExport,
};
use pavilion::operator::{Operator, OperatorSession, SessionPolicy};
use pavilion::pack::diff::{self, PackDiff};
use pavilion::settings::Settings;
use pavilion::stats::{report, Stats, StatsSummary};
use pavilion::store::{self, Catalog};
use tauri::{AppHandle, Manager, WebviewWindow};
use tauri_plugin_fs::FsExt;
use time::OffsetDateTime;

use crate::event::SETTINGS_CHANGED;
use crate::fleet_status;
use crate::live::{LiveContent, LiveContentExt};
use crate::lockdown;
use crate::stats_recorder::StatsRecorder;

/// The panel window's label, the one `capabilities/operator.json` names.
pub const WINDOW: &str = "operator";

/// How often the open panel's session is looked at: the window closes at
/// most this long after the session ends.
const SESSION_LOOK: Duration = Duration::from_secs(2);

pub struct Panel {
    operator: Operator,
    app: AppHandle,
    /// When the kiosk started, for its uptime.
    started: Instant,
    /// The open window: when it opened (which of the timers started is
    /// its own) and the session it holds, which that timer watches.
    shown: Mutex<Shown>,
}

#[derive(Default)]
struct Shown {
    opened: Option<Instant>,
    token: Option<String>,
}

impl Panel {
    pub fn new(app: AppHandle, data: DataDir, started: Instant) -> Panel {
        Panel {
            operator: Operator::new(data, SessionPolicy::default()),
            app,
            started,
            shown: Mutex::default(),
        }
    }

    pub fn operator(&self) -> &Operator {
        &self.operator
    }

    /// Opens the panel's window over the visitor's, or brings it forward.
    /// With no PIN set nothing opens: `Error::NoPin`. A PIN pad left
    /// without a right PIN closes after the session's idle time, like an
    /// idle session.
    pub fn open(&self) -> pavilion::Result<()> {
        if !self.operator.pin_status()?.set {
            return Err(pavilion::Error::NoPin);
        }
        if let Some(window) = self.app.get_webview_window(WINDOW) {
            return window
                .set_focus()
                .map_err(|error| window_error("open the operator panel", error));
        }
        let window = lockdown::window(&self.app, WINDOW, |window| window)
            .map_err(|error| window_error("open the operator panel", error))?;
        crate::fill_monitor(&window);
        if let Err(error) = window.set_focus() {
            eprintln!("pavilion: the operator panel could not take the focus: {error}");
        }
        let opened = Instant::now();
        *self.shown() = Shown {
            opened: Some(opened),
            token: None,
        };
        tauri::async_runtime::spawn(watch(self.app.clone(), opened));
        Ok(())
    }

    /// A session for the right `pin`; the window closes when it ends.
    pub fn unlock(&self, pin: &str) -> pavilion::Result<OperatorSession> {
        let session = self.operator.unlock(pin)?;
        self.shown().token = Some(session.token.clone());
        Ok(session)
    }

    /// What the panel's token opens: `Error::SessionUnknown` or
    /// `Error::SessionExpired` send the panel back to its PIN pad. The one
    /// way an operator command reaches what it reads or changes.
    pub fn session(&self, token: &str) -> pavilion::Result<Session<'_>> {
        self.operator.check(token)?;
        Ok(Session { panel: self })
    }

    /// Ends the session and closes the window.
    pub fn close(&self, token: &str) {
        self.operator.close(token);
        self.close_window();
    }

    fn close_window(&self) {
        *self.shown() = Shown::default();
        if let Some(window) = self.app.get_webview_window(WINDOW) {
            if let Err(error) = window.close() {
                eprintln!("pavilion: could not close the operator panel: {error}");
            }
        }
    }

    fn shown(&self) -> std::sync::MutexGuard<'_, Shown> {
        self.shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The machine's state for the health screen.
    fn health(&self, data: &DataDir) -> Health {
        let memory = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let screen = self
            .app
            .get_webview_window("main")
            .and_then(|window: WebviewWindow| window.current_monitor().ok().flatten());
        Health {
            free_disk_bytes: data.free_space(),
            memory_total_bytes: meminfo_bytes(&memory, "MemTotal"),
            memory_available_bytes: meminfo_bytes(&memory, "MemAvailable"),
            uptime_seconds: self.started.elapsed().as_secs(),
            screen_width: screen.as_ref().map(|monitor| monitor.size().width),
            screen_height: screen.as_ref().map(|monitor| monitor.size().height),
            screen_scale: screen.as_ref().map(|monitor| monitor.scale_factor()),
            compositing: crate::rendering::compositing(),
            app_version: self.app.package_info().version.to_string(),
        }
    }
}

/// Closes the panel's window opened at `opened` once nothing holds it open:
/// its session ended, or no PIN was entered within a session's idle time.
/// Ends with the window.
async fn watch(app: AppHandle, opened: Instant) {
    loop {
        tokio::time::sleep(SESSION_LOOK).await;
        let panel = app.state::<Panel>();
        let token = {
            let shown = panel.shown();
            if shown.opened != Some(opened) {
                // Closed, and maybe opened again: that window has its own.
                return;
            }
            shown.token.clone()
        };
        let open = match token {
            Some(token) => panel.operator.is_open(&token),
            None => opened.elapsed() < SessionPolicy::default().idle,
        };
        if !open {
            panel.close_window();
            return;
        }
    }
}

/// A window the shell could not open or move, as the UI gets it.
fn window_error(doing: &str, error: tauri::Error) -> pavilion::Error {
    pavilion::Error::Reported {
        code: pavilion::ErrorCode::Io,
        message: format!("cannot {doing}: {error}"),
    }
}

/// An operator command's access, once its session is checked.
pub struct Session<'a> {
    panel: &'a Panel,
}

impl Session<'_> {
    fn live(&self) -> &LiveContent {
        self.panel.app.live_content()
    }

    fn data(&self) -> &DataDir {
        self.live().data()
    }

    pub fn overview(&self) -> pavilion::Result<OperatorOverview> {
        let data = self.data();
        let settings = Settings::load(data)?;
        let catalog = self.live().catalog();
        let mut spots = Vec::new();
        for hall in catalog.halls()? {
            spots.extend(
                catalog
                    .hall(&hall.id)?
                    .spots
                    .into_iter()
                    .map(|spot| SpotChoice {
                        id: spot.id,
                        name: spot.name,
                    }),
            );
        }
        Ok(OperatorOverview {
            status: pavilion::status(data)?,
            waiting: pavilion::inbox::waiting(data, &settings)?,
            health: self.panel.health(data),
            settings: settings.operator(),
            spots,
            languages: catalog.pack_info().languages,
            lockouts: self.panel.operator.lockouts()?,
        })
    }

    pub fn staged_diff(&self) -> pavilion::Result<PackDiff> {
        let data = self.data();
        let staged = staged_folder(data)?;
        let live = Catalog::open_live(data)?.snapshot()?;
        let staged = Catalog::open(&data.pack_dir(&staged))?.snapshot()?;
        Ok(diff::diff(&live, &staged))
    }

    /// `pavilion-kiosk --preview` of the staged pack as it arrived, in the
    /// screen's orientation; it ends with its own window.
    pub fn browse_staged(&self) -> pavilion::Result<()> {
        let data = self.data();
        let pack = store::kept_pack(data, &staged_folder(data)?)?;
        let kiosk = std::env::current_exe()
            .map_err(|error| pavilion::Error::io("pavilion-kiosk", error))?;
        let landscape = self
            .panel
            .app
            .get_webview_window("main")
            .and_then(|window| window.current_monitor().ok().flatten())
            .is_some_and(|monitor| monitor.size().width > monitor.size().height);
        let mut child = std::process::Command::new(&kiosk)
            .arg("--preview")
            .arg(&pack)
            .arg(if landscape {
                "--landscape"
            } else {
                "--portrait"
            })
            .spawn()
            .map_err(|error| pavilion::Error::io(&kiosk, error))?;
        // Reaped when it ends, so no zombie stays behind.
        std::thread::spawn(move || child.wait());
        Ok(())
    }

    pub fn make_staged_live(&self) -> pavilion::Result<PackInfo> {
        store::make_live(self.data())?;
        self.switched()
    }

    pub fn rollback(&self, folder: &str) -> pavilion::Result<PackInfo> {
        store::rollback_to(self.data(), folder)?;
        self.switched()
    }

    /// After the live pack changed: the visitor's screen shows it, and the
    /// organiser's status names it at once, as after an inbox import, not
    /// at the next minute's write.
    fn switched(&self) -> pavilion::Result<PackInfo> {
        let shown = self.live().reload(&self.panel.app)?;
        // The switch is done: a status that cannot be written is logged,
        // as the minute's writer does, not reported as the switch failing.
        match Settings::load(self.data()) {
            Ok(settings) => fleet_status::write(&self.panel.app, &settings),
            Err(error) => eprintln!("pavilion: the fleet status was not written: {error}"),
        }
        Ok(shown)
    }

    /// Saved, then told to the visitor's screen, which re-reads its
    /// settings (idle time, spot, language) at once.
    pub fn save_settings(&self, changes: &OperatorSettings) -> pavilion::Result<OperatorSettings> {
        let catalog = self.live().catalog();
        let settings = Settings::save_operator(self.data(), changes, Some(&*catalog))?;
        if let Some(recorder) = self.panel.app.try_state::<StatsRecorder>() {
            recorder.set_policy(&settings);
        }
        match self.live().kiosk_settings() {
            Ok(kiosk) => {
                if let Err(error) = SETTINGS_CHANGED.emit(&self.panel.app, &kiosk) {
                    eprintln!("pavilion: could not tell the UI that the settings changed: {error}");
                }
            }
            Err(error) => eprintln!("pavilion: {error}"),
        }
        Ok(settings.operator())
    }

    pub fn stats_summary(&self) -> pavilion::Result<StatsSummary> {
        match self.recorded()? {
            Some(stats) => stats.summary(None, report::REPORT_TOP),
            None => Ok(StatsSummary::empty()),
        }
    }

    /// Through the kiosk's own recorder, the one connection to `stats.db`.
    fn recorded(&self) -> pavilion::Result<Option<&Stats>> {
        self.panel.app.state::<StatsRecorder>().inner().recorded()
    }

    /// The reports, and the targets made writable for the fs plugin (only
    /// those folders, not below them).
    pub fn prepare_export(&self) -> pavilion::Result<StatsExport> {
        let data = self.data();
        let settings = Settings::load(data)?;
        let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
        // The folders the inbox watches: its own, then the settings' ones.
        let watched: Vec<PathBuf> = std::iter::once(data.inbox())
            .chain(settings.watch_folders.iter().cloned())
            .collect();
        let targets = export_targets(&watched, &mounts);
        let scope = self.panel.app.fs_scope();
        for target in &targets {
            // The plugin checks the path a write resolves to.
            let folder =
                std::fs::canonicalize(&target.path).unwrap_or_else(|_| PathBuf::from(&target.path));
            scope
                .allow_directory(&folder, false)
                .map_err(|error| window_error("allow writing the export", error))?;
        }
        let (counts, summary) = match self.recorded()? {
            Some(stats) => (stats.counts()?, stats.summary(None, report::REPORT_TOP)?),
            None => (Vec::new(), StatsSummary::empty()),
        };
        let kiosk = settings.kiosk_name.as_deref().unwrap_or("kiosk");
        let date = OffsetDateTime::now_utc().date();
        Ok(StatsExport {
            targets,
            file_stem: format!("pavilion-stats-{}-{date}", file_name_part(kiosk)),
            csv: report::csv(&counts),
            html: report::html(&summary, kiosk),
        })
    }
}

/// The staged pack's store folder, `Error::NothingStaged` when none waits.
fn staged_folder(data: &DataDir) -> pavilion::Result<String> {
    pavilion::status(data)?
        .staged
        .map(|staged| staged.folder)
        .ok_or_else(|| pavilion::Error::NothingStaged {
            data_dir: data.root().to_path_buf(),
        })
}

/// A kiosk's name as part of a file name on any stick: letters and digits
/// kept, runs of anything else one `-`.
fn file_name_part(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "kiosk".to_owned()
    } else {
        out.to_owned()
    }
}

/// A `/proc/meminfo` line's value (`MemTotal:  16318412 kB`), in bytes.
fn meminfo_bytes(meminfo: &str, key: &str) -> Option<u64> {
    meminfo.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let kib: u64 = value.trim().strip_suffix("kB")?.trim().parse().ok()?;
        Some(kib.saturating_mul(1024))
    })
}

/// Where the export may go: the watched folders that are there now, and
/// the removable media mounted under `/media/USER/NAME` or
/// `/run/media/USER/NAME` (as desktop automounters and udisks mount sticks),
/// as `mounts` (the text of `/proc/self/mounts`) lists them.
pub fn export_targets(watched: &[PathBuf], mounts: &str) -> Vec<ExportTarget> {
    let mut targets: Vec<ExportTarget> = watched
        .iter()
        .filter(|folder| folder.is_dir())
        .map(|folder| ExportTarget {
            path: folder.display().to_string(),
            label: format!("Watched folder {}", folder.display()),
        })
        .collect();
    for mount_point in mounts
        .lines()
        .filter_map(|line| line.split(' ').nth(1))
        .map(unescape_mount_point)
    {
        let path = Path::new(&mount_point);
        let depth = |root: &str| {
            path.strip_prefix(root)
                .map(|rest| rest.components().count())
                .ok()
        };
        if (depth("/media") == Some(2) || depth("/run/media") == Some(2))
            && !targets.iter().any(|target| target.path == mount_point)
        {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            targets.push(ExportTarget {
                label: format!("USB stick {name}"),
                path: mount_point,
            });
        }
    }
    targets
}

/// `/proc/self/mounts` writes a space, tab, newline and backslash in a
/// path as `\040`, `\011`, `\012`, `\134`.
fn unescape_mount_point(field: &str) -> String {
    let mut out = Vec::new();
    let bytes = field.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u8::from_str_radix(digits, 8).ok());
        match (bytes[i], octal) {
            (b'\\', Some(byte)) => {
                out.push(byte);
                i += 4;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_name_becomes_a_safe_file_name_part() {
        assert_eq!(file_name_part("Hall 1 / entrance"), "Hall-1-entrance");
        assert_eq!(file_name_part("../.."), "kiosk");
        assert_eq!(file_name_part("展厅 A"), "展厅-A");
    }

    #[test]
    fn meminfo_is_read_in_bytes() {
        let meminfo = "MemTotal:       16318412 kB\nMemFree:  1 kB\nMemAvailable:    8000000 kB\n";
        assert_eq!(meminfo_bytes(meminfo, "MemTotal"), Some(16_318_412 * 1024));
        assert_eq!(
            meminfo_bytes(meminfo, "MemAvailable"),
            Some(8_000_000 * 1024)
        );
        assert_eq!(meminfo_bytes(meminfo, "Mem"), None);
    }

    #[test]
    fn sticks_and_present_watched_folders_are_targets_and_nothing_else() {
        let watched = tempfile::tempdir().unwrap();
        let mounts = "/dev/vda / ext4 rw 0 0\n\
                      /dev/sdb1 /media/booth/KINGSTON vfat rw 0 0\n\
                      /dev/sdc1 /run/media/booth/My\\040Stick exfat rw 0 0\n\
                      tmpfs /run/user/1000 tmpfs rw 0 0\n\
                      /dev/sdd1 /media/booth vfat rw 0 0\n\
                      /dev/sde1 /media/booth/a/b vfat rw 0 0\n";
        let targets = export_targets(
            &[
                watched.path().to_path_buf(),
                PathBuf::from("/no/such/folder"),
            ],
            mounts,
        );
        let paths: Vec<&str> = targets.iter().map(|target| target.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                watched.path().to_str().unwrap(),
                "/media/booth/KINGSTON",
                "/run/media/booth/My Stick"
            ]
        );
        assert_eq!(targets[1].label, "USB stick KINGSTON");
    }
}
