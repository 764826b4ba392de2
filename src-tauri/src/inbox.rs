//! Sync from files: a background thread that watches `DATA/inbox/` and the
//! configured folders, imports what has finished arriving (the core's
//! `inbox` decides when that is) and moves the screen to the new pack.
//!
//! `notify` makes a drop show up within the quiet period; a slow rescan
//! besides it catches what file events miss: a USB stick mounted after
//! start, a network folder that sends no events, a watch lost on unmount.
//! Imports are started from this thread, each in a process of its own (the
//! kiosk's binary as `pavilion::import_worker`) under the settings' memory
//! and time limits: the UI keeps serving the old pack until the new one is
//! complete, and a pack that kills its importer leaves the kiosk running.
//! At start, a try that a previous run did not survive is reported, and
//! not made again (`pavilion::store::quarantine_unfinished`).

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};
use pavilion::import_worker;
use pavilion::inbox::{Arrival, Inbox, QUIET_PERIOD, SCAN_LIMIT};
use pavilion::settings::Settings;
use pavilion::store;
use tauri::{AppHandle, Runtime};

use crate::error::Error;
use crate::fleet_status;
use crate::live::LiveContentExt;

/// How often the folders are looked at when no file event arrives.
const RESCAN: Duration = Duration::from_secs(10);

pub fn start<R: Runtime>(app: AppHandle<R>, settings: Settings) -> Result<(), Error> {
    let data = app.live_content().data().clone();
    let mut inbox = Inbox::for_data_dir(&data, &settings)?;
    let worker = std::env::current_exe().map_err(Error::NoWorker)?;
    let limits = settings.import_limits();
    match store::quarantine_unfinished(&data) {
        Ok(stopped) => {
            for error in stopped {
                eprintln!("pavilion: refused: {error}");
            }
        }
        Err(error) => eprintln!("pavilion: unfinished imports not looked for: {error}"),
    }
    let (changed, changes) = mpsc::channel();
    let watcher = watch(inbox.folders(), changed)?;
    let watching = thread::Builder::new().name("inbox".into()).spawn(move || {
        let _watcher = watcher;
        let _stopped = Stopped;
        loop {
            let report = inbox.sync_with(&data, Instant::now(), &mut |pack| {
                import_worker::import(&data, pack, &worker, limits)
            });
            for folder in &report.crowded {
                eprintln!(
                    "pavilion: {} holds more than {SCAN_LIMIT} entries: only that many are looked at for packs; move the pack to a folder of its own",
                    folder.display()
                );
            }
            for arrival in &report.arrivals {
                match arrival {
                    Arrival::Live { path, pack } => eprintln!(
                        "pavilion: {} version {} from {} is live",
                        pack.pack,
                        pack.version,
                        path.display()
                    ),
                    Arrival::Refused { path, error } => {
                        eprintln!("pavilion: refused {}: {error}", path.display())
                    }
                }
            }
            if report.went_live().is_some() {
                if let Err(error) = app.live_content().reload(&app) {
                    eprintln!("pavilion: the new pack is live but could not be opened: {error}");
                }
            }
            if !report.arrivals.is_empty() {
                fleet_status::write(&app, &settings);
            }
            let wait = if report.pending { QUIET_PERIOD } else { RESCAN };
            match changes.recv_timeout(wait) {
                // A copy sends bursts of events: take them all as one.
                Ok(()) => while changes.try_recv().is_ok() {},
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    watching.map(drop).map_err(Error::InboxThread)
}

/// Watches `folders` (and below), sending on `changed` when something in
/// them may have changed.
fn watch(
    folders: &[PathBuf],
    changed: mpsc::Sender<()>,
) -> Result<notify::RecommendedWatcher, Error> {
    let mut watcher = notify::RecommendedWatcher::new(
        move |event| {
            // Only "something changed" matters; the scan finds out what.
            // Sending fails only once the inbox thread has ended, which it
            // reports.
            if may_change(&event) {
                changed.send(()).ok();
            }
        },
        // notify follows links by default: a link in a watched folder to
        // `/` would have it watch the whole disk.
        notify::Config::default().with_follow_symlinks(false),
    )?;
    for folder in folders {
        // A folder that is not there yet is found by the rescan.
        if let Err(error) = watcher.watch(folder, RecursiveMode::Recursive) {
            eprintln!("pavilion: not watching {}: {error}", folder.display());
        }
    }
    Ok(watcher)
}

/// False for a file or folder only opened or read. notify reports those
/// too (inotify's `IN_OPEN` and `IN_CLOSE_NOWRITE`), and the scan itself
/// opens every folder it watches: counting them woke the scan with the
/// events of its own last look, for ever, two threads keeping a core busy
/// on an idle kiosk (bench/README.md, issue 13). A failed watch may have
/// missed anything, so it counts.
fn may_change(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else { return true };
    !matches!(
        event.kind,
        EventKind::Access(
            AccessKind::Open(_) | AccessKind::Read | AccessKind::Close(AccessMode::Read)
        )
    )
}

/// Tells the operator when the inbox thread ends, by a panic included: from
/// then on packs dropped into the inbox wait for the next start.
struct Stopped;

impl Drop for Stopped {
    fn drop(&mut self) {
        eprintln!("pavilion: the inbox stopped; packs arriving now are imported at the next start");
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// Long enough for inotify's events to reach the channel.
    const SETTLE: Duration = Duration::from_millis(500);

    #[test]
    fn reading_a_watched_folder_is_no_change_writing_one_is() {
        let scratch = tempfile::tempdir().unwrap();
        let folder = scratch.path().to_path_buf();
        fs::create_dir_all(folder.join("pack")).unwrap();
        fs::write(folder.join("pack/manifest.json"), "{}").unwrap();
        let (changed, changes) = mpsc::channel();
        let _watcher = watch(std::slice::from_ref(&folder), changed).unwrap();

        // What a scan does: list the folders, read a file.
        for entry in fs::read_dir(&folder).unwrap() {
            fs::read_dir(entry.unwrap().path()).unwrap().for_each(drop);
        }
        fs::read(folder.join("pack/manifest.json")).unwrap();
        assert_eq!(
            changes.recv_timeout(SETTLE),
            Err(mpsc::RecvTimeoutError::Timeout)
        );

        fs::write(folder.join("pack/content.json"), "[]").unwrap();
        assert_eq!(changes.recv_timeout(SETTLE), Ok(()));
    }
}
