//! The operator's access to the kiosk itself: a PIN (`pin`) that opens a
//! session (`session`), which every operator command checks. This is the
//! core of the panel; the shell wires its commands to it and the UI draws
//! the PIN pad.
//!
//! For the panel (the shell holds one [`Operator`] for the kiosk's life):
//!
//! - [`Operator::pin_status`] before showing the PIN pad: no PIN set (the
//!   panel cannot open: say `pavilion operator pin`), locked and for how
//!   long, tries left.
//! - [`Operator::unlock`] with the PIN typed: an [`OperatorSession`] (its
//!   token and how long it lasts), or `NoPin`, `WrongPin` (tries left, or
//!   the lock it started), `PinLocked` (seconds left). Costs a deliberate
//!   argon2 hash: call it off the UI thread.
//! - [`Operator::check`] first thing in every operator command, with the
//!   token the panel passes: `SessionUnknown` or `SessionExpired` send the
//!   panel back to the PIN pad. Each check extends the idle time.
//! - [`Operator::close`] when the panel closes (button or idle).
//! - [`Operator::lockouts`] for the list of lock-outs.
//!
//! Errors are the core's `Error`, which reach the UI as `{code, message}`.
//! Tests are in `tests/core/operator.rs`.

pub mod pin;
pub mod session;

pub use pin::{Lockout, PinStatus};
pub use session::{OperatorSession, SessionPolicy, Sessions};

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use time::OffsetDateTime;

use crate::data_dir::DataDir;
use crate::error::Result;

/// Where the operator's code reads the time: the system's, or a test's.
pub trait Clock: Send + Sync {
    /// The wall clock: lock-outs outlive restarts, so they are in it.
    fn now(&self) -> OffsetDateTime;
    /// A monotonic clock for sessions, which a clock set back cannot extend.
    fn instant(&self) -> Instant;
}

/// The system's clocks.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    fn instant(&self) -> Instant {
        Instant::now()
    }
}

/// The PIN and the sessions of one kiosk's data folder.
pub struct Operator {
    data: DataDir,
    sessions: Sessions,
    clock: Arc<dyn Clock>,
    /// One PIN check at a time: two at once could each take the same free try.
    checking: Mutex<()>,
}

impl Operator {
    pub fn new(data: DataDir, policy: SessionPolicy) -> Operator {
        Operator::with_clock(data, policy, Arc::new(SystemClock))
    }

    pub fn with_clock(data: DataDir, policy: SessionPolicy, clock: Arc<dyn Clock>) -> Operator {
        Operator {
            data,
            sessions: Sessions::new(policy),
            clock,
            checking: Mutex::new(()),
        }
    }

    pub fn pin_status(&self) -> Result<PinStatus> {
        pin::status(&self.data, self.clock.now())
    }

    /// A new session if `pin` is right (see the module comment).
    pub fn unlock(&self, pin: &str) -> Result<OperatorSession> {
        let _one_at_a_time = self.checking.lock().unwrap_or_else(PoisonError::into_inner);
        pin::verify(&self.data, pin, self.clock.now())?;
        self.sessions.open(self.clock.instant())
    }

    pub fn check(&self, token: &str) -> Result<()> {
        self.sessions.check(token, self.clock.instant())
    }

    /// Whether `token`'s session is still open; unlike `check`, this does
    /// not extend it.
    pub fn is_open(&self, token: &str) -> bool {
        self.sessions.is_open(token, self.clock.instant())
    }

    pub fn close(&self, token: &str) {
        self.sessions.close(token)
    }

    /// The lock-outs logged, newest first.
    pub fn lockouts(&self) -> Result<Vec<Lockout>> {
        pin::lockouts(&self.data)
    }
}
