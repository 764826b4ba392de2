//! What the UI's heartbeats tell the shell: that the page is alive (for the
//! watchdog) and when a visitor last touched it (for the fleet status).
//! Kept apart from both so that the one command the UI calls feeds them
//! together.

use std::sync::Mutex;
use std::time::Instant;

use pavilion::fleet::Presence;
use tauri::{Manager, Runtime};
use time::OffsetDateTime;

use crate::watchdog::{self, Verdict, Watchdog};

pub struct Vitals {
    inner: Mutex<Inner>,
    started_at: OffsetDateTime,
}

struct Inner {
    watchdog: Watchdog,
    last_touch: Option<OffsetDateTime>,
}

impl Vitals {
    pub fn new() -> Vitals {
        Vitals {
            inner: Mutex::new(Inner {
                watchdog: Watchdog::new(Instant::now()),
                last_touch: None,
            }),
            started_at: OffsetDateTime::now_utc(),
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The state stays whole across a panic elsewhere: keep using it.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A heartbeat from the page; `touched` if a visitor touched it since
    /// the last one. The first tells systemd the kiosk is ready.
    pub fn beat(&self, touched: bool) {
        let first = {
            let mut inner = self.inner();
            if touched {
                inner.last_touch = Some(OffsetDateTime::now_utc());
            }
            inner.watchdog.beat(Instant::now())
        };
        if first {
            watchdog::notify(sd_notify::NotifyState::Ready);
        }
    }

    pub fn check(&self, now: Instant) -> Verdict {
        self.inner().watchdog.check(now)
    }

    /// What the running kiosk adds to its fleet status.
    pub fn presence(&self) -> Presence {
        Presence {
            started_at: Some(self.started_at),
            last_touch: self.inner().last_touch,
        }
    }
}

/// Reaches the vitals from anything that holds the app.
pub trait VitalsExt<R: Runtime> {
    fn vitals(&self) -> &Vitals;
}

impl<R: Runtime, M: Manager<R>> VitalsExt<R> for M {
    fn vitals(&self) -> &Vitals {
        self.state::<Vitals>().inner()
    }
}
