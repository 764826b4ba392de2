//! The kiosk brings itself back when its page hangs. The UI sends a
//! heartbeat every few seconds; while they arrive the shell tells systemd
//! it is alive (`READY=1` at the first, then `WATCHDOG=1`). When they stop,
//! the shell starts the page afresh in a new web process (a reload alone
//! is lost on a web process that hangs); if that brings no heartbeat, it exits
//! non-zero so that systemd (`Restart=always`) starts it afresh. A shell
//! hung as a whole stops feeding systemd, whose own watchdog then kills it.
//!
//! The decision is [`Watchdog`], a pure state machine over instants so that
//! tests drive it with a fake clock; [`start`] runs it on Tauri's async
//! runtime.

use std::time::{Duration, Instant};

use tauri::{AppHandle, Manager, Runtime};

use crate::stats_recorder::{self, StatsRecorder};
use crate::vitals::VitalsExt;

/// How long the page may take to send its first heartbeat: a cold start on
/// a slow mini-PC, a large pack opening.
pub const STARTUP_GRACE: Duration = Duration::from_secs(90);

/// Silence after which the page counts as hung: several heartbeats missed
/// (the UI sends one every `HEARTBEAT_SECONDS`).
pub const SILENCE: Duration = Duration::from_secs(30);

/// How long a reloaded page has to send a heartbeat before the shell gives
/// up and exits to be restarted.
pub const RELOAD_GRACE: Duration = Duration::from_secs(30);

/// How often the UI sends a heartbeat (`ui/src/lib/heartbeat.ts`).
pub const HEARTBEAT_SECONDS: u32 = 5;

/// How often the shell looks at the heartbeats.
const CHECK_EVERY: Duration = Duration::from_secs(HEARTBEAT_SECONDS as u64);

/// What the shell should do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Heartbeats arrive: tell systemd.
    Alive,
    /// No heartbeat yet, within the start-up grace (or a reload's).
    Waiting,
    /// The page stopped: start it afresh.
    Reload,
    /// A reload did not help: exit so that systemd restarts the kiosk.
    Exit,
}

#[derive(Debug, Clone)]
pub struct Watchdog {
    started: Instant,
    last_beat: Option<Instant>,
    reloaded_at: Option<Instant>,
}

impl Watchdog {
    pub fn new(now: Instant) -> Watchdog {
        Watchdog {
            started: now,
            last_beat: None,
            reloaded_at: None,
        }
    }

    /// A heartbeat arrived; true if it is the first (the kiosk is ready).
    pub fn beat(&mut self, now: Instant) -> bool {
        let first = self.last_beat.is_none();
        self.last_beat = Some(now);
        self.reloaded_at = None;
        first
    }

    pub fn check(&mut self, now: Instant) -> Verdict {
        let (since, allowed) = match self.last_beat {
            Some(beat) => (beat, SILENCE),
            None => (self.started, STARTUP_GRACE),
        };
        if now.saturating_duration_since(since) < allowed {
            return match self.last_beat {
                Some(_) => Verdict::Alive,
                None => Verdict::Waiting,
            };
        }
        match self.reloaded_at {
            None => {
                self.reloaded_at = Some(now);
                Verdict::Reload
            }
            Some(reloaded) if now.saturating_duration_since(reloaded) < RELOAD_GRACE => {
                Verdict::Waiting
            }
            Some(_) => Verdict::Exit,
        }
    }
}

/// Runs the watchdog on Tauri's async runtime for as long as the app runs.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval(CHECK_EVERY);
        loop {
            ticks.tick().await;
            match app.vitals().check(Instant::now()) {
                Verdict::Alive => notify(sd_notify::NotifyState::Watchdog),
                Verdict::Waiting => {}
                Verdict::Reload => {
                    eprintln!("pavilion: the page sent no heartbeat in time: starting it afresh");
                    let restarted = app
                        .get_webview_window("main")
                        .map(|window| restart_the_page(&window));
                    if let Some(Err(error)) = restarted {
                        eprintln!("pavilion: could not start the page afresh: {error}");
                    }
                }
                Verdict::Exit => {
                    eprintln!(
                        "pavilion: the reloaded page sent no heartbeat either: exiting to be restarted"
                    );
                    // Not `app.exit`: a graceful exit goes through the event
                    // loop, which may be what hangs.
                    if let Some(recorder) = app.try_state::<StatsRecorder>() {
                        stats_recorder::flush(recorder.inner());
                    }
                    std::process::exit(1);
                }
            }
        }
    });
}

/// Gives a page that stopped sending heartbeats a new start. A reload is
/// a request to the page's own web process, which a process that hangs
/// (a script in an endless loop, a process that no longer answers) never
/// serves; so on Linux the web process is ended, and
/// [`reload_when_the_page_dies`] loads the page in a new one.
fn restart_the_page<R: Runtime>(window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::WebViewExt;
        window.with_webview(|webview| webview.inner().terminate_web_process())
    }
    #[cfg(not(target_os = "linux"))]
    window.reload()
}

/// Reloads the page as soon as WebKit's web process ends (killed, out of
/// memory, or ended by [`restart_the_page`]): the heartbeats would notice
/// a killed one only after `SILENCE`, and a visitor would look at a blank
/// screen until then.
pub fn reload_when_the_page_dies<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::{WebProcessTerminationReason, WebViewExt};
        let watching = window.with_webview(|webview| {
            webview
                .inner()
                .connect_web_process_terminated(|webview, reason| {
                    let why = match reason {
                        WebProcessTerminationReason::ExceededMemoryLimit => "ran out of memory",
                        WebProcessTerminationReason::TerminatedByApi => "was ended by the watchdog",
                        _ => "ended",
                    };
                    eprintln!("pavilion: the page's web process {why}: reloading it");
                    webview.reload();
                });
        });
        if let Err(error) = watching {
            eprintln!("pavilion: not watching the web process: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Tells systemd, when it runs the kiosk (`NOTIFY_SOCKET`); else nothing.
pub fn notify(state: sd_notify::NotifyState) {
    if let Err(error) = sd_notify::notify(&[state]) {
        eprintln!("pavilion: could not notify systemd: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake clock: instants `seconds` after a fixed start.
    struct Clock(Instant);

    impl Clock {
        fn at(&self, seconds: u64) -> Instant {
            self.0 + Duration::from_secs(seconds)
        }
    }

    #[test]
    fn heartbeats_keep_it_alive_and_a_start_has_its_grace() {
        let clock = Clock(Instant::now());
        let mut dog = Watchdog::new(clock.at(0));
        assert_eq!(dog.check(clock.at(60)), Verdict::Waiting);
        assert!(dog.beat(clock.at(61)));
        assert!(!dog.beat(clock.at(66)));
        assert_eq!(dog.check(clock.at(70)), Verdict::Alive);
        assert_eq!(dog.check(clock.at(95)), Verdict::Alive);
    }

    #[test]
    fn silence_reloads_then_exits_if_the_reload_brings_no_heartbeat() {
        let clock = Clock(Instant::now());
        let mut dog = Watchdog::new(clock.at(0));
        dog.beat(clock.at(10));
        assert_eq!(dog.check(clock.at(40)), Verdict::Reload);
        assert_eq!(dog.check(clock.at(45)), Verdict::Waiting);
        assert_eq!(dog.check(clock.at(69)), Verdict::Waiting);
        assert_eq!(dog.check(clock.at(70)), Verdict::Exit);
    }

    #[test]
    fn a_heartbeat_after_the_reload_ends_the_alarm() {
        let clock = Clock(Instant::now());
        let mut dog = Watchdog::new(clock.at(0));
        dog.beat(clock.at(10));
        assert_eq!(dog.check(clock.at(40)), Verdict::Reload);
        dog.beat(clock.at(50));
        assert_eq!(dog.check(clock.at(75)), Verdict::Alive);
        // A later hang starts again with a reload, not an exit.
        assert_eq!(dog.check(clock.at(80)), Verdict::Reload);
    }

    #[test]
    fn a_page_that_never_beats_is_reloaded_after_the_start_grace() {
        let clock = Clock(Instant::now());
        let mut dog = Watchdog::new(clock.at(0));
        assert_eq!(dog.check(clock.at(89)), Verdict::Waiting);
        assert_eq!(dog.check(clock.at(90)), Verdict::Reload);
        assert_eq!(dog.check(clock.at(120)), Verdict::Exit);
    }
}
