//! Operator sessions: what a right PIN opens. Every operator command checks
//! its token, so the panel's power lasts only while an operator uses it: a
//! session ends after [`SessionPolicy::idle`] without a check and after
//! [`SessionPolicy::longest`] whatever happens, and a restart of the kiosk
//! ends them all (they are only in memory).
//!
//! A token is 256 random bits from the OS, given to the panel as hex. Only
//! its SHA-256 is kept, and looked up by it: how long a lookup takes says
//! nothing about the tokens held.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Without a check for this long, a session ends.
    pub idle: Duration,
    /// No session lasts longer, checked or not.
    pub longest: Duration,
}

impl Default for SessionPolicy {
    /// Two minutes idle (an operator called away leaves no open panel for
    /// long), half an hour at most.
    fn default() -> SessionPolicy {
        SessionPolicy {
            idle: Duration::from_secs(120),
            longest: Duration::from_secs(30 * 60),
        }
    }
}

/// What the panel receives after a right PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OperatorSession {
    /// Passed with every operator command.
    pub token: String,
    /// The session ends after this long without a command…
    #[ts(type = "number")]
    pub idle_seconds: u64,
    /// …and after this long in any case.
    #[ts(type = "number")]
    pub longest_seconds: u64,
}

/// Sessions open at once, at most: the oldest is closed for a new one.
/// One kiosk has one panel; a few cover a reload of the page.
pub const MAX_OPEN: usize = 4;

struct Open {
    opened: Instant,
    touched: Instant,
}

/// The open sessions.
pub struct Sessions {
    policy: SessionPolicy,
    open: Mutex<HashMap<[u8; 32], Open>>,
}

impl Sessions {
    pub fn new(policy: SessionPolicy) -> Sessions {
        Sessions {
            policy,
            open: Mutex::new(HashMap::new()),
        }
    }

    /// A new session from `now`.
    pub fn open(&self, now: Instant) -> Result<OperatorSession> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|error| Error::io("getrandom", std::io::Error::other(error.to_string())))?;
        let token = hex(&bytes);
        let mut open = self.lock();
        open.retain(|_, session| self.alive(session, now));
        while open.len() >= MAX_OPEN {
            let oldest = open
                .iter()
                .min_by_key(|(_, session)| session.opened)
                .map(|(key, _)| *key);
            if let Some(oldest) = oldest {
                open.remove(&oldest);
            }
        }
        open.insert(
            digest(&token),
            Open {
                opened: now,
                touched: now,
            },
        );
        Ok(OperatorSession {
            token,
            idle_seconds: self.policy.idle.as_secs(),
            longest_seconds: self.policy.longest.as_secs(),
        })
    }

    /// Whether `token` is an open session at `now`, and if so keeps it
    /// open for another idle period. `Error::SessionExpired` for one that
    /// ended (then it is forgotten: a second check says unknown),
    /// `Error::SessionUnknown` for anything else.
    pub fn check(&self, token: &str, now: Instant) -> Result<()> {
        let mut open = self.lock();
        let key = digest(token);
        let session = open.get_mut(&key).ok_or(Error::SessionUnknown)?;
        if !self.alive(session, now) {
            open.remove(&key);
            return Err(Error::SessionExpired);
        }
        session.touched = now;
        Ok(())
    }

    /// Whether `token` is an open session at `now`, without keeping it open
    /// longer: for a timer that closes the panel when its session ends.
    pub fn is_open(&self, token: &str, now: Instant) -> bool {
        self.lock()
            .get(&digest(token))
            .is_some_and(|session| self.alive(session, now))
    }

    /// Ends the session (the panel's "Close"); unknown tokens are ignored.
    pub fn close(&self, token: &str) {
        self.lock().remove(&digest(token));
    }

    fn alive(&self, session: &Open, now: Instant) -> bool {
        now.saturating_duration_since(session.touched) < self.policy.idle
            && now.saturating_duration_since(session.opened) < self.policy.longest
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Open>> {
        // A map of plain values is whole after any panic.
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
