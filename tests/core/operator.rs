//! The operator's PIN and sessions (`src/operator/`): the PIN stored as an
//! argon2id PHC string and never as itself, lock-outs growing and
//! surviving a restart, sessions ending when idle or too old, and
//! `pavilion operator pin`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pavilion::operator::{pin, Clock, Operator, SessionPolicy};
use pavilion::{DataDir, Error, ErrorCode, ErrorReport};
use time::OffsetDateTime;

/// A clock a test moves by hand.
struct TestClock {
    now: Mutex<(OffsetDateTime, Instant)>,
}

impl TestClock {
    fn new() -> Arc<TestClock> {
        Arc::new(TestClock {
            now: Mutex::new((OffsetDateTime::now_utc(), Instant::now())),
        })
    }

    fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap();
        now.0 += by;
        now.1 += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        self.now.lock().unwrap().0
    }

    fn instant(&self) -> Instant {
        self.now.lock().unwrap().1
    }
}

fn operator(data: &DataDir, clock: &Arc<TestClock>) -> Operator {
    Operator::with_clock(
        data.clone(),
        SessionPolicy {
            idle: Duration::from_secs(60),
            longest: Duration::from_secs(300),
        },
        clock.clone(),
    )
}

fn data() -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    (dir, data)
}

#[test]
fn the_pin_is_stored_as_an_argon2id_hash_readable_by_its_owner_only() {
    let (_dir, data) = data();
    pin::set(&data, "274913").unwrap();
    let stored = std::fs::read_to_string(data.operator_pin()).unwrap();
    assert!(stored.starts_with("$argon2id$v=19$"), "{stored}");
    assert!(!stored.contains("274913"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [data.operator_pin(), data.operator_lockout()] {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", file.display());
        }
    }
    // The same PIN set again gets a new salt.
    pin::set(&data, "274913").unwrap();
    assert_ne!(
        std::fs::read_to_string(data.operator_pin()).unwrap(),
        stored
    );
    pin::verify(&data, "274913", OffsetDateTime::now_utc()).unwrap();
}

#[test]
fn a_pin_must_be_4_to_12_digits() {
    let (_dir, data) = data();
    for bad in ["123", "1234567890123", "12a4", " 1234", "١٢٣٤"] {
        let error = pin::set(&data, bad).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidPin, "{bad:?}");
    }
    assert!(!data.operator_pin().exists());
    pin::set(&data, "0000").unwrap();
    pin::set(&data, "123456789012").unwrap();
}

#[test]
fn without_a_pin_the_panel_cannot_open() {
    let (_dir, data) = data();
    let clock = TestClock::new();
    let operator = operator(&data, &clock);
    assert!(!operator.pin_status().unwrap().set);
    let error = operator.unlock("1234").unwrap_err();
    assert!(matches!(error, Error::NoPin));
    let report = ErrorReport::from(&error);
    assert_eq!(report.code, ErrorCode::NoPin);
    assert!(report.message.contains("pavilion operator pin"));
    pin::set(&data, "1234").unwrap();
    assert!(operator.pin_status().unwrap().set);
    operator.unlock("1234").unwrap();
    assert!(pin::clear(&data).unwrap());
    assert!(!pin::clear(&data).unwrap());
    assert!(matches!(operator.unlock("1234"), Err(Error::NoPin)));
}

#[test]
fn wrong_pins_lock_for_growing_periods_that_a_restart_does_not_reset() {
    let (_dir, data) = data();
    let clock = TestClock::new();
    pin::set(&data, "4321").unwrap();
    let first = operator(&data, &clock);
    for tries_left in [2, 1] {
        match first.unlock("0000") {
            Err(Error::WrongPin {
                tries_left: left,
                locked_seconds: None,
            }) => assert_eq!(left, tries_left),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        first.unlock("0000"),
        Err(Error::WrongPin {
            tries_left: 0,
            locked_seconds: Some(30)
        })
    ));
    // Locked: even the right PIN is not checked.
    assert!(matches!(
        first.unlock("4321"),
        Err(Error::PinLocked { seconds: 30 })
    ));

    // A restart of the kiosk: a new `Operator` on the same folder.
    drop(first);
    let operator = operator(&data, &clock);
    clock.advance(Duration::from_secs(10));
    assert!(matches!(
        operator.unlock("4321"),
        Err(Error::PinLocked { seconds: 20 })
    ));
    assert_eq!(operator.pin_status().unwrap().locked_seconds, Some(20));

    // Each further wrong PIN doubles the lock, up to 15 minutes.
    let mut locks = Vec::new();
    for _ in 0..7 {
        clock.advance(Duration::from_secs(15 * 60));
        match operator.unlock("9999") {
            Err(Error::WrongPin {
                locked_seconds: Some(seconds),
                ..
            }) => locks.push(seconds),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(locks, [60, 120, 240, 480, 900, 900, 900]);
    let logged = operator.lockouts().unwrap();
    assert_eq!(logged.len(), 8);
    assert_eq!(logged[0].seconds, 900);
    assert_eq!(logged[7].seconds, 30);

    // A clock set back cannot make a lock longer than it is.
    clock.advance(Duration::from_secs(15 * 60));
    let status = operator.pin_status().unwrap();
    assert_eq!(status.locked_seconds, None);
    operator.unlock("4321").unwrap();
    // The right PIN starts the count afresh; the log stays.
    assert_eq!(operator.pin_status().unwrap().tries_left, 3);
    assert_eq!(operator.lockouts().unwrap().len(), 8);
}

#[test]
fn a_lock_is_never_longer_than_its_length_when_the_clock_goes_back() {
    let (_dir, data) = data();
    pin::set(&data, "4321").unwrap();
    let now = OffsetDateTime::now_utc();
    for _ in 0..3 {
        let _ = pin::verify(&data, "0000", now);
    }
    let earlier = now - Duration::from_secs(3600 * 24);
    assert_eq!(
        pin::status(&data, earlier).unwrap().locked_seconds,
        Some(30)
    );
}

#[test]
fn sessions_expire_when_idle_and_when_too_old() {
    let (_dir, data) = data();
    let clock = TestClock::new();
    pin::set(&data, "1234").unwrap();
    let operator = operator(&data, &clock);
    let session = operator.unlock("1234").unwrap();
    assert_eq!(session.token.len(), 64);
    assert_eq!((session.idle_seconds, session.longest_seconds), (60, 300));
    operator.check(&session.token).unwrap();
    // Checks keep it open past the idle time…
    for _ in 0..5 {
        clock.advance(Duration::from_secs(50));
        operator.check(&session.token).unwrap();
    }
    // …but not past the longest.
    clock.advance(Duration::from_secs(50));
    let error = operator.check(&session.token).unwrap_err();
    assert_eq!(ErrorReport::from(&error).code, ErrorCode::SessionExpired);
    assert!(matches!(
        operator.check(&session.token),
        Err(Error::SessionUnknown)
    ));

    // Looking whether it is open (the panel's closing timer) does not keep
    // it open.
    let idle = operator.unlock("1234").unwrap();
    clock.advance(Duration::from_secs(50));
    assert!(operator.is_open(&idle.token));
    clock.advance(Duration::from_secs(11));
    assert!(!operator.is_open(&idle.token));
    assert!(!operator.is_open("guess"));
    assert!(matches!(
        operator.check(&idle.token),
        Err(Error::SessionExpired)
    ));

    let closed = operator.unlock("1234").unwrap();
    operator.close(&closed.token);
    assert!(matches!(
        operator.check(&closed.token),
        Err(Error::SessionUnknown)
    ));
    assert!(matches!(
        operator.check("guess"),
        Err(Error::SessionUnknown)
    ));
    // Tokens differ, and a restart forgets them all.
    let a = operator.unlock("1234").unwrap();
    let b = operator.unlock("1234").unwrap();
    assert_ne!(a.token, b.token);
    let restarted = self::operator(&data, &clock);
    assert!(matches!(
        restarted.check(&a.token),
        Err(Error::SessionUnknown)
    ));
}

#[test]
fn operator_pin_reads_the_pin_from_stdin_and_clears_it() {
    let (_dir, data) = data();
    let run = |args: &[&str], stdin: &str| crate::cli::pavilion_with_stdin(&data, args, stdin);
    let (code, _, err) = run(&["operator", "pin", "--stdin"], "12ab\n");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("4 to 12 digits"), "{err}");
    let (code, out, err) = run(&["operator", "pin", "--stdin"], "24680\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("PIN set"), "{out}");
    pin::verify(&data, "24680", OffsetDateTime::now_utc()).unwrap();
    let (code, out, _) = run(&["operator", "pin", "--clear"], "");
    assert_eq!(code, 0);
    assert!(out.contains("cleared"), "{out}");
    assert!(!data.operator_pin().exists());
    // No terminal and no --stdin: refused rather than hanging.
    let (code, _, err) = run(&["operator", "pin"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--stdin"), "{err}");
}
