//! The statistics as the panel, `pavilion stats` and the HTML report show
//! them: visits per local hour for each day, the visit-length histogram,
//! languages, screens, QR codes, and the most viewed and searched keys.
//! Days and hours are the kiosk's local ones, from the offset kept with
//! each hour.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};
use ts_rs::TS;

use super::event::{Metric, VISIT_LENGTHS};

/// A key and how often it was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Count {
    pub key: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// A search that found something: how often, and its hits on average.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchCount {
    /// Normalised; "" when query text is not kept (`stats_queries: false`).
    pub query: String,
    #[ts(type = "number")]
    pub count: u64,
    pub average_hits: f64,
}

/// One local day's visits, hour by hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayVisits {
    /// `YYYY-MM-DD`, in the kiosk's local time.
    pub day: String,
    #[ts(type = "number")]
    pub visits: u64,
    /// 24 counts, local hour 0 to 23.
    #[ts(type = "Array<number>")]
    pub hours: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsSummary {
    /// The first and last hour counted (RFC 3339, local time); `null` when
    /// nothing is.
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "number")]
    pub visits: u64,
    /// Each local day with a visit, oldest first.
    pub days: Vec<DayVisits>,
    /// The visits ended per length bucket, shortest first, every bucket
    /// listed.
    pub visit_lengths: Vec<Count>,
    /// The average visit, in whole seconds; `null` when none ended.
    #[ts(type = "number | null")]
    pub average_visit_seconds: Option<u64>,
    pub languages: Vec<Count>,
    pub screens: Vec<Count>,
    pub qr_codes: Vec<Count>,
    /// The most viewed, most first (ids as in the pack).
    pub exhibitors: Vec<Count>,
    pub parks: Vec<Count>,
    pub news: Vec<Count>,
    pub sessions: Vec<Count>,
    #[ts(type = "number")]
    pub searches: u64,
    pub top_searches: Vec<SearchCount>,
    #[ts(type = "number")]
    pub zero_hit_searches: u64,
    pub top_zero_hit_searches: Vec<Count>,
}

impl StatsSummary {
    /// Nothing recorded: what a kiosk without `stats.db` reports.
    pub fn empty() -> StatsSummary {
        StatsSummary {
            from: None,
            to: None,
            visits: 0,
            days: Vec::new(),
            visit_lengths: buckets(&[]),
            average_visit_seconds: None,
            languages: Vec::new(),
            screens: Vec::new(),
            qr_codes: Vec::new(),
            exhibitors: Vec::new(),
            parks: Vec::new(),
            news: Vec::new(),
            sessions: Vec::new(),
            searches: 0,
            top_searches: Vec::new(),
            zero_hit_searches: 0,
            top_zero_hit_searches: Vec::new(),
        }
    }
}

pub(super) fn summary(
    connection: &Connection,
    since_hour: Option<i64>,
    top: usize,
) -> rusqlite::Result<StatsSummary> {
    let since = since_hour.unwrap_or(i64::MIN);
    let limit = i64::try_from(top).unwrap_or(i64::MAX);
    let totals = |metric: Metric, limit: i64| -> rusqlite::Result<Vec<(String, u64, i64)>> {
        let mut statement = connection.prepare_cached(
            "SELECT k.key, sum(c.count), sum(c.total)
             FROM counts c JOIN keys k ON k.id = c.key
             WHERE k.metric = ?1 AND c.hour >= ?2
             GROUP BY k.id ORDER BY sum(c.count) DESC, k.key LIMIT ?3",
        )?;
        let rows = statement.query_map(params![metric.code(), since, limit], |row| {
            Ok((
                row.get(0)?,
                u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                row.get(2)?,
            ))
        })?;
        rows.collect()
    };
    let counts = |metric: Metric, limit: i64| -> rusqlite::Result<Vec<Count>> {
        Ok(totals(metric, limit)?
            .into_iter()
            .map(|(key, count, _)| Count { key, count })
            .collect())
    };
    let sum = |metric: Metric| -> rusqlite::Result<(u64, i64)> {
        Ok(totals(metric, i64::MAX)?
            .iter()
            .fold((0, 0), |(count, total), row| (count + row.1, total + row.2)))
    };

    let mut statement = connection.prepare_cached(
        "SELECT c.hour, h.offset_seconds, c.count
         FROM counts c JOIN keys k ON k.id = c.key JOIN hours h ON h.hour = c.hour
         WHERE k.metric = ?1 AND c.hour >= ?2 ORDER BY c.hour",
    )?;
    let visit_hours = statement
        .query_map(params![Metric::Visits.code(), since], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i32>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut days = BTreeMap::<String, DayVisits>::new();
    for (hour, offset, count) in visit_hours {
        let Some(local) = local_hour(hour, offset) else {
            continue;
        };
        let day = days
            .entry(local.date().to_string())
            .or_insert_with(|| DayVisits {
                day: local.date().to_string(),
                visits: 0,
                hours: vec![0; 24],
            });
        let count = u64::try_from(count).unwrap_or(0);
        day.visits += count;
        day.hours[usize::from(local.hour())] += count;
    }

    let mut range = connection
        .prepare_cached("SELECT min(c.hour), max(c.hour) FROM counts c WHERE c.hour >= ?1")?;
    let (first, last) = range.query_row([since], |row| {
        Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, Option<i64>>(1)?))
    })?;
    let mut offset_of =
        connection.prepare_cached("SELECT offset_seconds FROM hours WHERE hour = ?1")?;
    let mut stamp = |hour: Option<i64>| -> rusqlite::Result<Option<String>> {
        let Some(hour) = hour else { return Ok(None) };
        let offset: i32 = offset_of.query_row([hour], |row| row.get(0))?;
        Ok(local_hour(hour, offset).and_then(|local| local.format(&Rfc3339).ok()))
    };
    let (from, to) = (stamp(first)?, stamp(last)?);

    let lengths = counts(Metric::VisitLength, i64::MAX)?;
    let (ended, seconds) = sum(Metric::VisitLength)?;
    let visit_lengths = buckets(&lengths);
    let (searches, _) = sum(Metric::Search)?;
    let (zero_hit_searches, _) = sum(Metric::ZeroHitSearch)?;
    Ok(StatsSummary {
        from,
        to,
        visits: sum(Metric::Visits)?.0,
        days: days.into_values().collect(),
        visit_lengths,
        average_visit_seconds: (ended > 0).then(|| u64::try_from(seconds).unwrap_or(0) / ended),
        languages: counts(Metric::Language, limit)?,
        screens: counts(Metric::Screen, limit)?,
        qr_codes: counts(Metric::Qr, limit)?,
        exhibitors: counts(Metric::Exhibitor, limit)?,
        parks: counts(Metric::Park, limit)?,
        news: counts(Metric::News, limit)?,
        sessions: counts(Metric::Session, limit)?,
        searches,
        top_searches: totals(Metric::Search, limit)?
            .into_iter()
            .map(|(query, count, hits)| SearchCount {
                query,
                count,
                average_hits: hits as f64 / count.max(1) as f64,
            })
            .collect(),
        zero_hit_searches,
        top_zero_hit_searches: counts(Metric::ZeroHitSearch, limit)?,
    })
}

/// Every visit-length bucket, shortest first, with its count in `lengths`.
fn buckets(lengths: &[Count]) -> Vec<Count> {
    VISIT_LENGTHS
        .iter()
        .map(|(_, bucket)| Count {
            key: (*bucket).to_owned(),
            count: lengths
                .iter()
                .find(|count| count.key == *bucket)
                .map_or(0, |count| count.count),
        })
        .collect()
}

/// The start of a UTC hour (since the Unix epoch) in local time.
pub(super) fn local_hour(hour: i64, offset_seconds: i32) -> Option<OffsetDateTime> {
    let offset = UtcOffset::from_whole_seconds(offset_seconds).ok()?;
    let utc = OffsetDateTime::from_unix_timestamp(hour.checked_mul(3600)?).ok()?;
    Some(utc.to_offset(offset))
}
