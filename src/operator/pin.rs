//! The operator's PIN: set with `pavilion operator pin` by whoever has a
//! shell on the kiosk, checked by the panel's PIN pad.
//!
//! Stored as an argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`)
//! in `DATA/operator-pin`, outside the packs, mode 0600, replaced atomically.
//! A 4-to-12-digit PIN has few possibilities, so the hash alone does not
//! protect it from someone who can read the file; what protects the PIN
//! pad is the lock-out: after [`FREE_TRIES`] wrong PINs none is checked for
//! [`FIRST_LOCK`], then twice as long after each further wrong one, up to
//! [`LONGEST_LOCK`]. The count and the lock are in
//! `DATA/operator-lockout.json`, written (durably) before the answer is
//! given, so neither a restart nor a kill resets them; each lock-out is
//! logged there, the newest [`LOCKOUTS_KEPT`], for the panel to show.
//!
//! The wall clock is passed in (`now`), so tests can move it. A clock set
//! back cannot stretch a lock: what is left of one is never more than its
//! length.

use std::fs;
use std::io::ErrorKind;
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::store::durable;

/// The PIN's length, in digits.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=12;

/// Wrong PINs allowed before the first lock.
pub const FREE_TRIES: u32 = 3;
/// The first lock; each wrong PIN after it doubles the next.
pub const FIRST_LOCK: Duration = Duration::from_secs(30);
/// No lock is longer: an operator at the booth can always get in within it.
pub const LONGEST_LOCK: Duration = Duration::from_secs(15 * 60);
/// Lock-outs logged, the newest.
pub const LOCKOUTS_KEPT: usize = 100;

/// One lock-out, as the panel lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Lockout {
    /// When it began, RFC 3339 in UTC.
    pub at: String,
    #[ts(type = "number")]
    pub seconds: u64,
}

/// What the PIN pad shows before a PIN is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PinStatus {
    /// No PIN set: the panel cannot open (`pavilion operator pin`).
    pub set: bool,
    /// Seconds until a PIN is checked again; `null` when not locked.
    #[ts(type = "number | null")]
    pub locked_seconds: Option<u64>,
    /// Wrong PINs left before the next lock.
    pub tries_left: u32,
}

/// `DATA/operator-lockout.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockState {
    /// Wrong PINs since the last right one.
    failures: u32,
    /// Unix seconds until which no PIN is checked.
    locked_until: Option<i64>,
    /// The length of that lock, in seconds: the most of it that can be left.
    locked_for: u64,
    /// The newest last.
    lockouts: Vec<Lockout>,
}

impl LockState {
    fn load(data: &DataDir) -> Result<LockState> {
        let path = data.operator_lockout();
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| {
                Error::io(
                    &path,
                    std::io::Error::new(
                        ErrorKind::InvalidData,
                        format!("{error}: set the PIN again (`pavilion operator pin`) to start it afresh"),
                    ),
                )
            }),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(LockState::default()),
            Err(error) => Err(Error::io(path, error)),
        }
    }

    fn save(&self, data: &DataDir) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self)
            .map_err(|error| Error::io(data.operator_lockout(), std::io::Error::other(error)))?;
        durable::replace_private_file(&data.operator_lockout(), &bytes)
    }

    /// Seconds of the lock left at `now`, if any.
    fn locked_seconds(&self, now: OffsetDateTime) -> Option<u64> {
        let left = self.locked_until? - now.unix_timestamp();
        (left > 0).then(|| (left as u64).min(self.locked_for))
    }

    fn tries_left(&self) -> u32 {
        FREE_TRIES.saturating_sub(self.failures)
    }
}

/// How long the `failures`-th wrong PIN in a row locks for, if it does.
pub fn lock_after(failures: u32) -> Option<Duration> {
    let doublings = failures.checked_sub(FREE_TRIES)?;
    let lock = FIRST_LOCK.saturating_mul(1 << doublings.min(16));
    Some(lock.min(LONGEST_LOCK))
}

/// Sets the PIN (and starts the lock-out count afresh, keeping its log).
/// `Error::InvalidPin` unless it is 4 to 12 digits.
pub fn set(data: &DataDir, pin: &str) -> Result<()> {
    if !PIN_DIGITS.contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::InvalidPin {
            reason: format!(
                "a PIN is {} to {} digits (0-9), nothing else",
                PIN_DIGITS.start(),
                PIN_DIGITS.end()
            ),
        });
    }
    let root = data.root();
    fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|error| {
            Error::io(
                data.operator_pin(),
                std::io::Error::other(error.to_string()),
            )
        })?
        .to_string();
    durable::replace_private_file(&data.operator_pin(), format!("{hash}\n").as_bytes())?;
    let state = LockState::load(data).unwrap_or_default();
    LockState {
        failures: 0,
        locked_until: None,
        locked_for: 0,
        lockouts: state.lockouts,
    }
    .save(data)
}

/// Removes the PIN: the panel cannot open until one is set again. Whether
/// there was one.
pub fn clear(data: &DataDir) -> Result<bool> {
    let path = data.operator_pin();
    match fs::remove_file(&path) {
        Ok(()) => durable::sync_dir(data.root()).map(|()| true),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(false),
        Err(error) => Err(Error::io(path, error)),
    }
}

fn stored_hash(data: &DataDir) -> Result<Option<String>> {
    let path = data.operator_pin();
    match fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_owned())),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Whether a PIN is set, and the lock at `now`.
pub fn status(data: &DataDir, now: OffsetDateTime) -> Result<PinStatus> {
    let state = LockState::load(data)?;
    Ok(PinStatus {
        set: stored_hash(data)?.is_some(),
        locked_seconds: state.locked_seconds(now),
        tries_left: state.tries_left(),
    })
}

/// The lock-outs logged, newest first.
pub fn lockouts(data: &DataDir) -> Result<Vec<Lockout>> {
    let mut lockouts = LockState::load(data)?.lockouts;
    lockouts.reverse();
    Ok(lockouts)
}

/// Checks `pin` at `now`: `Error::NoPin` when none is set,
/// `Error::PinLocked` while locked (the PIN is then not even checked),
/// `Error::WrongPin` (with the tries left, or the lock it started). The
/// outcome is on disk before this returns. Costs an argon2 hash, on
/// purpose. Callers serialise calls (`Operator` does), or two at once
/// could each take the same free try.
pub fn verify(data: &DataDir, pin: &str, now: OffsetDateTime) -> Result<()> {
    let hash = stored_hash(data)?.ok_or(Error::NoPin)?;
    let mut state = LockState::load(data)?;
    if let Some(seconds) = state.locked_seconds(now) {
        return Err(Error::PinLocked { seconds });
    }
    let parsed = PasswordHash::new(&hash).map_err(|error| {
        Error::io(
            data.operator_pin(),
            std::io::Error::new(
                ErrorKind::InvalidData,
                format!("{error}: set the PIN again with `pavilion operator pin`"),
            ),
        )
    })?;
    if Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok()
    {
        if state.failures > 0 || state.locked_until.is_some() {
            state.failures = 0;
            state.locked_until = None;
            state.save(data)?;
        }
        return Ok(());
    }
    state.failures = state.failures.saturating_add(1);
    let lock = lock_after(state.failures);
    if let Some(lock) = lock {
        state.locked_until = Some(now.unix_timestamp() + lock.as_secs() as i64);
        state.locked_for = lock.as_secs();
        state.lockouts.push(Lockout {
            at: crate::store::rfc3339(now),
            seconds: lock.as_secs(),
        });
        let excess = state.lockouts.len().saturating_sub(LOCKOUTS_KEPT);
        state.lockouts.drain(..excess);
    }
    state.save(data)?;
    Err(Error::WrongPin {
        tries_left: state.tries_left(),
        locked_seconds: lock.map(|lock| lock.as_secs()),
    })
}
