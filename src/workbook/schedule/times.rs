//! Times as schedule files write them (`09:30`, `01:30`, `1:00:00`,
//! `2021-10-31T10:00:00+01:00`) and time zones, with jiff's bundled
//! database: a day after the end of summer time has another offset than the
//! day before, and an operator's laptop may have no zone data at all.

use jiff::civil::{Date, DateTime, Time};
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use crate::pack::suggest::did_you_mean;

/// A time of day: `H:MM`, `HH:MM` or `HH:MM:SS`.
pub fn time_of_day(text: &str) -> Option<Time> {
    let parts = clock_parts(text)?;
    let hour = i8::try_from(parts[0]).ok().filter(|h| *h < 24)?;
    let second = parts.get(2).copied().unwrap_or(0);
    Time::new(hour, parts[1] as i8, second as i8, 0).ok()
}

/// A length of time: `HH:MM` (hours may pass 24), or `D:HH:MM` for a day
/// or more, as pretalx writes it (`1:00:00` is 24 hours; the c3voc schema
/// and the apps that read these files agree; frab writes only `HH:MM`).
/// Three parts that cannot be that (`0:45:00`, `1:30:00`) are Python's
/// `H:MM:SS` at best, and a length read one way when meant the other is an
/// agenda silently wrong by a day: `None`, for the operator to write it.
pub fn duration(text: &str) -> Option<SignedDuration> {
    let parts = clock_parts(text)?;
    let (hours, minutes) = match parts[..] {
        [hours, minutes] => (hours, minutes),
        [days, hours, minutes] if days > 0 && hours < 24 => {
            (days.checked_mul(24)?.checked_add(hours)?, minutes)
        }
        _ => return None,
    };
    let minutes = hours.checked_mul(60)?.checked_add(minutes)?;
    Some(SignedDuration::from_mins(i64::try_from(minutes).ok()?))
}

/// `H:MM` or `H:MM:SS` split into numbers, the minutes and seconds two
/// digits below 60.
fn clock_parts(text: &str) -> Option<Vec<u64>> {
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts[0].is_empty() || parts[0].len() > 4 {
        return None;
    }
    if parts[1..].iter().any(|part| part.len() != 2) {
        return None;
    }
    let numbers = parts
        .iter()
        .map(|part| {
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<u64>().ok())
                .flatten()
        })
        .collect::<Option<Vec<u64>>>()?;
    numbers[1..].iter().all(|n| *n < 60).then_some(numbers)
}

/// `YYYY-MM-DD`, or the date of a date-time.
pub fn date(text: &str) -> Option<Date> {
    if text.len() == 10 {
        return text.parse().ok();
    }
    moment(text).map(|moment| moment.datetime.date())
}

/// A date-time as written, with its offset when it has one.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    pub datetime: DateTime,
    pub offset: Option<Offset>,
}

/// `2021-07-08T09:30:00+08:00`, `…Z`, or without an offset.
pub fn moment(text: &str) -> Option<Moment> {
    let pieces = Pieces::parse(text).ok()?;
    let time = pieces.time()?;
    let offset = match pieces.offset() {
        None => None,
        Some(PiecesOffset::Zulu) => Some(Offset::UTC),
        Some(PiecesOffset::Numeric(numeric)) => Some(numeric.offset()),
        // Newer kinds of offset than this code knows: none it can use.
        Some(_) => None,
    };
    Some(Moment {
        datetime: pieces.date().to_datetime(time),
        offset,
    })
}

/// An IANA time zone by name, or why not (with the closest name).
pub fn zone(name: &str) -> Result<TimeZone, String> {
    if let Ok(zone) = TimeZone::get(name) {
        return Ok(zone);
    }
    let names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .collect();
    let hint = did_you_mean(name, names.iter().map(String::as_str))
        .map(|close| format!(" (did you mean \"{close}\"?)"))
        .unwrap_or_default();
    Err(format!(
        "\"{name}\" is not a time zone: an IANA name like Europe/Berlin{hint}"
    ))
}

/// A civil time in `zone` as an instant; a time skipped or repeated by a
/// change of offset is taken as the clocks' "compatible" reading.
pub fn instant(datetime: DateTime, zone: &TimeZone) -> Option<Timestamp> {
    zone.to_ambiguous_timestamp(datetime).compatible().ok()
}

/// RFC 3339 with the offset `zone` has at that instant.
pub fn rfc3339(instant: Timestamp, zone: &TimeZone) -> String {
    instant
        .display_with_offset(zone.to_offset(instant))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_and_durations_as_schedules_write_them() {
        assert_eq!(time_of_day("09:30"), Some(Time::constant(9, 30, 0, 0)));
        assert_eq!(time_of_day("9:05"), Some(Time::constant(9, 5, 0, 0)));
        assert_eq!(time_of_day("23:59:30"), Some(Time::constant(23, 59, 30, 0)));
        for bad in [
            "25:00", "24:00", "9:5", "09:60", "0930", "", "ab:cd", "1:2:3:4", "+1:00",
        ] {
            assert_eq!(time_of_day(bad), None, "{bad}");
        }
        assert_eq!(duration("00:45"), Some(SignedDuration::from_mins(45)));
        assert_eq!(duration("01:30"), Some(SignedDuration::from_mins(90)));
        assert_eq!(duration("26:00"), Some(SignedDuration::from_hours(26)));
        // pretalx's day or more: D:HH:MM, never H:MM:SS.
        assert_eq!(duration("1:00:00"), Some(SignedDuration::from_hours(24)));
        assert_eq!(duration("1:01:30"), Some(SignedDuration::from_mins(1530)));
        assert_eq!(duration("12:23:59"), Some(SignedDuration::from_mins(18719)));
        // Not D:HH:MM, and too like H:MM:SS to be read as days: refused,
        // not read as a length nobody meant.
        for bad in ["0:45:00", "0:20:00", "1:24:00", "1:30:15"] {
            assert_eq!(duration(bad), None, "{bad}");
        }
        for bad in ["1:75", "90", "1h30", "-1:00", "1:3"] {
            assert_eq!(duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_zone_name_with_a_typo_gets_a_suggestion() {
        assert!(zone("Europe/Berlin").is_ok());
        let message = zone("Europe/Berln").unwrap_err();
        assert!(
            message.contains("did you mean \"Europe/Berlin\""),
            "{message}"
        );
    }
}
