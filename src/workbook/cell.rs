//! The cell rules of `workbook.md`: what an operator's cell, as the
//! spreadsheet stored it, means in the pack. Each rule takes one cell and
//! gives the pack's value, `None` for an empty cell ("not given"), or the
//! message a problem line carries.
//!
//! Tests are in `tests/core/workbook.rs`.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::model::LinkKind;
use crate::pack::suggest::did_you_mean;
use crate::workbook::source::Value;

/// A rule's outcome: the value, `None` for an empty cell, or what is wrong.
pub type Read<T> = Result<Option<T>, String>;

/// The cell's text, trimmed of spaces (full-width and non-breaking ones
/// too: Rust's `trim` knows them all), `None` when nothing is left. Numbers
/// are written as a person would type them (`101`, `3.5`), booleans as
/// `TRUE`/`FALSE`, dates as `YYYY-MM-DD`.
pub fn text(value: &Value) -> Read<String> {
    let text = match value {
        Value::Empty => return Ok(None),
        Value::Text(text) => text.trim().to_owned(),
        Value::Number(number) => number_text(*number),
        Value::Bool(true) => "TRUE".to_owned(),
        Value::Bool(false) => "FALSE".to_owned(),
        Value::Date(date, None) => date.to_string(),
        Value::Date(date, Some(time)) => format!("{date} {}", time.strftime("%H:%M")),
        Value::Error(error) => return Err(format!("the cell holds an error ({error})")),
    };
    Ok((!text.is_empty()).then_some(text))
}

/// A whole number as its digits (`101`, not `101.0`), any other as Rust
/// writes it shortest.
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// An id (or a stand, a phone number): a number cell is its digits.
pub fn id(value: &Value) -> Read<String> {
    text(value)
}

/// Items separated by `;` or `；`, each trimmed, empty ones dropped.
pub fn list(text: &str) -> Vec<String> {
    text.split([';', '；'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `YYYY-MM-DD`, from a date cell or text.
pub fn date(value: &Value) -> Read<String> {
    match value {
        Value::Date(date, _) => Ok(Some(date.to_string())),
        _ => match text(value)? {
            None => Ok(None),
            Some(text) => parse_date(&text)
                .map(|date| Some(date.to_string()))
                .ok_or_else(|| format!("\"{text}\" is not a date (YYYY-MM-DD)")),
        },
    }
}

/// `YYYY-MM-DD`, and the year-first forms Excel writes a date cell in when
/// it saves a CSV as it shows it (`2021/7/8` on a Chinese Windows,
/// `2021-7-8`): one separator, a four-digit year, month and day of one or
/// two digits. Month- or day-first dates are ambiguous and not taken.
fn parse_date(text: &str) -> Option<Date> {
    let separator = if text.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = text.split(separator).collect();
    let [year, month, day] = parts[..] else {
        return None;
    };
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i16>().ok())
            .flatten()
    };
    let (year, month, day) = (
        digits(year, 4..=4)?,
        digits(month, 1..=2)?,
        digits(day, 1..=2)?,
    );
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A time as RFC 3339 with its offset: a date-time cell, or text like
/// `2021-07-08 09:30`, is a time in the event's `zone`; text with an offset
/// (`2021-07-08T09:30:00+08:00`) is taken as it is.
pub fn date_time(value: &Value, zone: Option<&TimeZone>) -> Read<String> {
    let civil = match value {
        Value::Date(date, time) => date.to_datetime(time.unwrap_or(Time::midnight())),
        _ => match text(value)? {
            None => return Ok(None),
            Some(text) => {
                if text.parse::<Timestamp>().is_ok() {
                    // It carries its offset: kept as the operator wrote it.
                    return Ok(Some(text));
                }
                parse_civil(&text).ok_or_else(|| {
                    format!("\"{text}\" is not a date and time (YYYY-MM-DD HH:MM)")
                })?
            }
        },
    };
    let zone = zone.ok_or_else(|| {
        "a time without an offset needs the event's timezone (the event sheet's timezone column, or a schedule's)".to_owned()
    })?;
    let zoned = civil
        .to_zoned(zone.clone())
        .map_err(|error| format!("{civil} in the event's time zone: {error}"))?;
    Ok(Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()))
}

/// `YYYY-MM-DD HH:MM`, `…:SS`, or with a `T`; the date in any form
/// [`parse_date`] takes, the hour of one digit too (`2021/7/8 9:30`).
fn parse_civil(text: &str) -> Option<DateTime> {
    let (day, time) = text.split_once([' ', 'T'])?;
    let date = parse_date(day.trim())?;
    let time = time.trim();
    let time = match time.split(':').count() {
        2 => format!("{time:0>5}:00"),
        _ => format!("{time:0>8}"),
    };
    let time: Time = time.parse().ok()?;
    Some(date.to_datetime(time))
}

/// A date (a date cell, or `YYYY-MM-DD`) or a time (as [`date_time`]).
pub fn date_or_time(value: &Value, zone: Option<&TimeZone>) -> Read<String> {
    match value {
        Value::Date(date, None) => Ok(Some(date.to_string())),
        Value::Date(..) => date_time(value, zone),
        _ => match text(value)? {
            None => Ok(None),
            Some(text) => match parse_date(&text) {
                Some(date) => Ok(Some(date.to_string())),
                // Shaped as a date, so meant as one (`2021-13-01`).
                None if !text.contains([' ', 'T', ':']) => date(value),
                None => date_time(value, zone),
            },
        },
    }
}

/// A number, from a number cell or text.
pub fn number(value: &Value) -> Read<f64> {
    match value {
        Value::Number(number) => Ok(Some(*number)),
        _ => match text(value)? {
            None => Ok(None),
            Some(text) => text
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .map(Some)
                .ok_or_else(|| format!("\"{text}\" is not a number")),
        },
    }
}

/// TRUE/FALSE, yes/no, 是/否, 1/0, or a boolean cell.
pub fn boolean(value: &Value) -> Read<bool> {
    match value {
        Value::Bool(value) => Ok(Some(*value)),
        Value::Number(number) if *number == 1.0 => Ok(Some(true)),
        Value::Number(number) if *number == 0.0 => Ok(Some(false)),
        _ => match text(value)? {
            None => Ok(None),
            Some(text) => match text.to_lowercase().as_str() {
                "true" | "yes" | "y" | "是" | "1" => Ok(Some(true)),
                "false" | "no" | "n" | "否" | "0" => Ok(Some(false)),
                _ => Err(format!(
                    "\"{text}\" is not TRUE or FALSE (yes/no, 是/否 and 1/0 work too)"
                )),
            },
        },
    }
}

/// A whole number ≥ 1.
pub fn version(value: &Value) -> Read<u64> {
    let bad = |text: &str| {
        format!("\"{text}\" is not a version: a whole number from 1 up, or empty to number it by the build time")
    };
    match number(value) {
        Ok(Some(number)) if number >= 1.0 && number.fract() == 0.0 && number <= u32::MAX as f64 => {
            Ok(Some(number as u64))
        }
        Ok(None) => Ok(None),
        Ok(Some(number)) => Err(bad(&number_text(number))),
        Err(_) => Err(bad(&text(value)?.unwrap_or_default())),
    }
}

/// An IANA time zone the bundled database knows.
pub fn time_zone(value: &Value) -> Read<(String, TimeZone)> {
    let Some(name) = text(value)? else {
        return Ok(None);
    };
    match TimeZone::get(&name) {
        Ok(zone) => Ok(Some((name, zone))),
        Err(_) => {
            let names: Vec<String> = jiff::tz::db()
                .available()
                .map(|name| name.to_string())
                .collect();
            let hint = did_you_mean(&name, names.iter().map(String::as_str))
                .map(|near| format!(" (did you mean \"{near}\"?)"))
                .unwrap_or_default();
            Err(format!(
                "unknown time zone \"{name}\"{hint}: an IANA name such as Asia/Shanghai"
            ))
        }
    }
}

/// A slide link's kind.
pub fn link_kind(value: &Value) -> Read<LinkKind> {
    let Some(text) = text(value)? else {
        return Ok(None);
    };
    const KINDS: [(&str, LinkKind); 4] = [
        ("news", LinkKind::News),
        ("park", LinkKind::Park),
        ("exhibitor", LinkKind::Exhibitor),
        ("session", LinkKind::Session),
    ];
    let lower = text.to_lowercase();
    match KINDS.iter().find(|(name, _)| *name == lower) {
        Some((_, kind)) => Ok(Some(*kind)),
        None => {
            let hint = did_you_mean(&lower, KINDS.iter().map(|(name, _)| *name))
                .map(|near| format!(" (did you mean \"{near}\"?)"))
                .unwrap_or_default();
            Err(format!(
                "\"{text}\" is not a link kind{hint}: news, park, exhibitor or session"
            ))
        }
    }
}
