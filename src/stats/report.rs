//! The statistics as files an organiser takes away: a CSV of every counter
//! and a self-contained HTML report with the panel's charts as inline SVG.
//! `pavilion stats export` and the panel's "Export" both call [`write`].
//!
//! The CSV has a header and one row per hour × metric × key:
//!
//! | column | holds |
//! | --- | --- |
//! | `hour_utc` | the hour's start, RFC 3339 in UTC (`2026-07-08T09:00:00Z`) |
//! | `local_offset` | the kiosk's offset from UTC then (`+08:00`): add it for local time |
//! | `metric` | `visits`, `visit_length`, `screen`, `exhibitor`, `park`, `news`, `session`, `qr`, `language`, `search`, `zero_hit_search` |
//! | `key` | what was counted: an id, a screen's kind, a language, a length bucket, a normalised search; empty for `visits` (and searches when query text is not kept) |
//! | `count` | how many times in that hour |
//! | `total` | seconds for `visit_length`, hits for `search`; else 0 |
//!
//! Fields are quoted as RFC 4180 says; a key a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`) gets a leading `'`, since
//! search text is whatever a visitor typed.
//!
//! The HTML report runs nothing and loads nothing: no script, styles and
//! charts inline, every text escaped, and a Content-Security-Policy that
//! forbids anything else should a text slip through.

use std::fmt::Write as _;
use std::path::Path;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{Count, HourCount, Stats, StatsSummary};
use crate::error::{Error, Result};
use crate::store::durable;

/// How many of each list the HTML report charts.
pub const REPORT_TOP: usize = 20;

/// The kinds of file [`write`] makes, chosen by the path's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Html,
}

impl Format {
    /// `.csv` or `.html` (`.htm`), in any case.
    pub fn of(path: &Path) -> Result<Format> {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("html" | "htm") => Ok(Format::Html),
            _ => Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "name the file FILE.csv (every counter) or FILE.html (the charts)",
                ),
            )),
        }
    }
}

/// Writes the statistics to `path` as its extension says, atomically (a
/// stick pulled out mid-write leaves the old file or none, not half of
/// one). `title` heads the HTML report (the kiosk's name).
pub fn write(stats: &Stats, path: &Path, title: &str) -> Result<Format> {
    let format = Format::of(path)?;
    let contents = match format {
        Format::Csv => csv(&stats.counts()?),
        Format::Html => html(&stats.summary(None, REPORT_TOP)?, title),
    };
    durable::replace_file(path, contents.as_bytes())?;
    Ok(format)
}

/// The CSV described in the module comment.
pub fn csv(counts: &[HourCount]) -> String {
    let mut out = String::from("hour_utc,local_offset,metric,key,count,total\r\n");
    for row in counts {
        let hour = OffsetDateTime::from_unix_timestamp(row.hour.saturating_mul(3600))
            .ok()
            .and_then(|hour| hour.format(&Rfc3339).ok())
            .unwrap_or_default();
        let offset = row.offset_seconds;
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        let _ = write!(
            out,
            "{hour},{sign}{:02}:{:02},{},{},{},{}\r\n",
            minutes / 60,
            minutes % 60,
            row.metric.name(),
            csv_field(&row.key),
            row.count,
            row.total
        );
    }
    out
}

fn csv_field(text: &str) -> String {
    let text = match text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{text}"),
        false => text.to_owned(),
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The HTML report: totals, visits per hour for each day, the visit-length
/// histogram, languages, the top exhibitors, parks, news and sessions, and
/// the top and zero-hit searches.
pub fn html(summary: &StatsSummary, title: &str) -> String {
    let mut out = String::new();
    let title = escape(title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}: visitor statistics</title>\n<style>{STYLE}</style></head><body>\n\
         <h1>{title}: visitor statistics</h1>\n"
    );
    let period = match (&summary.from, &summary.to) {
        (Some(from), Some(to)) => format!("From {} to {}.", escape(from), escape(to)),
        _ => "Nothing recorded yet.".to_owned(),
    };
    let average = summary
        .average_visit_seconds
        .map(|seconds| format!(", {seconds} s on average"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<p>{period} {} visits{average}; {} searches, {} of them found nothing.</p>",
        summary.visits,
        summary.searches + summary.zero_hit_searches,
        summary.zero_hit_searches
    );
    out.push_str("<h2>Visits per hour</h2>\n");
    let busiest = summary
        .days
        .iter()
        .flat_map(|day| day.hours.iter().copied())
        .max()
        .unwrap_or(0);
    for day in &summary.days {
        let _ = write!(
            out,
            "<h3>{} ({} visits)</h3>\n{}",
            escape(&day.day),
            day.visits,
            hour_bars(&day.hours, busiest)
        );
    }
    let searches = summary
        .top_searches
        .iter()
        .map(|search| Count {
            key: search.query.clone(),
            count: search.count,
        })
        .collect::<Vec<_>>();
    for (heading, counts) in [
        ("Length of visits", &summary.visit_lengths),
        ("Languages", &summary.languages),
        ("Top exhibitors", &summary.exhibitors),
        ("Top parks", &summary.parks),
        ("Top news", &summary.news),
        ("Top sessions", &summary.sessions),
        ("Top searches", &searches),
        (
            "Searches that found nothing",
            &summary.top_zero_hit_searches,
        ),
        ("Screens", &summary.screens),
        ("QR codes shown", &summary.qr_codes),
    ] {
        let _ = write!(out, "<h2>{heading}</h2>\n{}", list_bars(counts));
    }
    out.push_str("</body></html>\n");
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}\
h2{margin-top:1.5em}svg{display:block;margin:.5em 0}\
.bar{fill:#3b6ea5}text{font-size:12px;fill:#222}";

/// 24 vertical bars, one per local hour, scaled to `busiest`.
fn hour_bars(hours: &[u64], busiest: u64) -> String {
    const HEIGHT: u64 = 120;
    const BAR: usize = 24;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
        hours.len() * BAR,
        HEIGHT + 34
    );
    for (hour, &count) in hours.iter().enumerate() {
        let height = count * HEIGHT / busiest.max(1);
        let x = hour * BAR;
        let _ = write!(
            svg,
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{height}\"><title>{hour}:00 {count}</title></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{hour}</text>",
            x + 2,
            HEIGHT + 14 - height,
            BAR - 4,
            x + BAR / 2,
            HEIGHT + 30
        );
        if count > 0 {
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>",
                x + BAR / 2,
                HEIGHT + 12 - height
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// One horizontal bar per key, labelled, scaled to the largest.
fn list_bars(counts: &[Count]) -> String {
    if counts.is_empty() {
        return "<p>None.</p>\n".to_owned();
    }
    const LABEL: u64 = 260;
    const WIDTH: u64 = 400;
    const ROW: usize = 22;
    let largest = counts
        .iter()
        .map(|count| count.count)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
        LABEL + WIDTH + 60,
        counts.len() * ROW
    );
    for (index, count) in counts.iter().enumerate() {
        let y = index * ROW;
        let width = count.count * WIDTH / largest;
        let label = match count.key.as_str() {
            "" => "(not kept)".to_owned(),
            key => escape(key),
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"bar\" x=\"{LABEL}\" y=\"{}\" width=\"{width}\" height=\"{}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            LABEL - 8,
            y + 15,
            y + 3,
            ROW - 6,
            LABEL + width + 6,
            y + 15,
            count.count
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// Text made inert in HTML and SVG, attributes included.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("ai robots"), "ai robots");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd|' /c calc'!a0"), "'=cmd|' /c calc'!a0");
        assert_eq!(csv_field("@sum(a1),x"), "\"'@sum(a1),x\"");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }
}
