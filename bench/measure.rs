//! The measurements behind `bench/README.md`, run by `bench/run.sh` in the
//! release profile (`cargo bench --bench measure -- MODE ARGS`). Not a test:
//! timings on a shared machine vary, so they are recorded, not asserted.
//!
//! - `phases PACK DATA`: verification throughput (read + SHA-256 of every
//!   file), then the whole import into a fresh data folder with the time of
//!   each of its steps (`store::import_timed`).
//! - `search DATA`: latency of `Catalog::search` over 1,000 queries of 1–8
//!   characters, half Latin, half Chinese, cut from the live pack's own
//!   names, sort names and summaries, then 500 of pinyin and 500 of
//!   initials of its Chinese names (exhibitors', sessions' and speakers'),
//!   after a warm-up pass.
//! - `workbook PACK OUT.xlsx`: the pack's event, categories, parks, halls,
//!   stands and exhibitors written as a workbook in the layout of
//!   `shared/spec/workbook.md` (its media folder beside it a link to the
//!   pack's), for `pack build` to be timed on.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pavilion::model::Text;
use pavilion::pack::manifest::sha256_hex;
use pavilion::store::import_timed;
use pavilion::{Catalog, DataDir};

fn main() {
    // `cargo bench` adds `--bench`; everything else is ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["phases", pack, data] => phases(Path::new(pack), Path::new(data)),
        ["search", data] => search(Path::new(data)),
        ["workbook", pack, out] => workbook(Path::new(pack), Path::new(out)),
        _ => {
            eprintln!("usage: measure phases PACK DATA | measure search DATA | measure workbook PACK OUT.xlsx");
            std::process::exit(2);
        }
    }
}

fn phases(pack_dir: &Path, data: &Path) {
    let files = files_under(pack_dir);
    let started = Instant::now();
    let mut bytes = 0u64;
    for file in &files {
        let content = fs::read(file).unwrap();
        bytes += content.len() as u64;
        std::hint::black_box(sha256_hex(&content));
    }
    let hash = started.elapsed();
    let started = Instant::now();
    let (_, steps) = import_timed(&DataDir::at(data), pack_dir, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error:?}"));
    let total = started.elapsed();
    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!("pack_mib={mib:.1}");
    println!("hash_s={:.3}", hash.as_secs_f64());
    println!("hash_mib_per_s={:.0}", mib / hash.as_secs_f64());
    for (step, time) in steps {
        println!("step_{step}_s={:.3}", time.as_secs_f64());
    }
    println!("import_s={:.3}", total.as_secs_f64());
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

const QUERIES: usize = 1_000;
/// Pinyin queries, and as many of initials, beside the 1,000.
const PINYIN_QUERIES: usize = 500;

/// What a query is cut from, as `measure search` reports them apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Typed {
    Latin,
    Chinese,
    /// Toneless pinyin of a Chinese name, from one of its characters on.
    Pinyin,
    /// The initials of a Chinese name's pinyin.
    Initials,
}

fn search(data: &Path) {
    let catalog = Catalog::open_live(&DataDir::at(data)).unwrap();
    let exhibitors = catalog.exhibitors().unwrap();
    let mut random = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        (random % n as u64) as usize
    };
    let mut queries = Vec::with_capacity(QUERIES + 2 * PINYIN_QUERIES);
    for index in 0..QUERIES {
        let length = 1 + index % 8;
        let exhibitor = &exhibitors[next(exhibitors.len())];
        let latin = index % 16 < 8;
        let source: Vec<char> = if latin {
            // What a visitor types: the start of a word of the sort name
            // or the English name, lower case, possibly running on.
            let text = if next(2) == 0 {
                exhibitor.sort_key.clone()
            } else {
                exhibitor.name.0["en"].to_lowercase()
            };
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    text.char_indices()
                        .filter(|(_, c)| *c == ' ')
                        .map(|(at, _)| at + 1),
                )
                .collect();
            text[starts[next(starts.len())]..].chars().collect()
        } else {
            // Any run of characters of the Chinese name and summary.
            let summary = exhibitor
                .summary
                .as_ref()
                .map(|summary| summary.0["zh"].as_str())
                .unwrap_or("");
            let text: Vec<char> = format!("{}{summary}", exhibitor.name.0["zh"])
                .chars()
                .collect();
            let start = next((text.len() + 1).saturating_sub(length).max(1));
            text[start..].to_vec()
        };
        let query: String = source.into_iter().take(length).collect();
        let typed = if latin { Typed::Latin } else { Typed::Chinese };
        queries.push((typed, length, query));
    }
    // Chinese names as typed on a Latin keyboard: exhibitors' three times
    // in four, else a session's title or one of its speakers' names.
    let sessions = catalog.sessions().unwrap();
    let chinese_name = |next: &mut dyn FnMut(usize) -> usize| -> String {
        let zh = |text: &Text| text.0["zh"].clone();
        match next(8) {
            0 => zh(&sessions[next(sessions.len())].title),
            1 => {
                let session = catalog.session(&sessions[next(sessions.len())].id).unwrap();
                match session.speakers.first() {
                    Some(speaker) => zh(&speaker.name),
                    None => zh(&session.title),
                }
            }
            _ => zh(&exhibitors[next(exhibitors.len())].name),
        }
    };
    for index in 0..2 * PINYIN_QUERIES {
        let name = chinese_name(&mut next);
        let syllables: Vec<&str> = name
            .chars()
            .filter_map(|c| pinyin::ToPinyin::to_pinyin(&c).map(|reading| reading.plain()))
            .collect();
        let from = next(syllables.len().max(1));
        let (typed, query) = if index % 2 == 0 {
            // 2–12 letters of the syllables from there, spaced or not.
            let spaced = next(4) == 0;
            let text = syllables[from..].join(if spaced { " " } else { "" });
            let length = 2 + index / 2 % 11;
            (Typed::Pinyin, text.chars().take(length).collect::<String>())
        } else {
            // 2–5 initials.
            let length = 2 + index / 2 % 4;
            let initials = syllables[from..]
                .iter()
                .filter_map(|syllable| syllable.chars().next())
                .take(length)
                .collect::<String>();
            (Typed::Initials, initials)
        };
        queries.push((typed, query.chars().count(), query));
    }
    for (_, _, query) in queries.iter().take(100) {
        catalog.search(query, None, 20).unwrap();
    }
    let mut timings = Vec::with_capacity(QUERIES);
    for (typed, length, query) in &queries {
        let started = Instant::now();
        let hits = catalog.search(query, None, 20).unwrap().len();
        let elapsed = started.elapsed();
        timings.push(Timing {
            typed: *typed,
            length: *length,
            elapsed,
            hits,
            query,
        });
    }
    timings.sort_by_key(|timing| timing.elapsed);
    for timing in timings.iter().rev().take(5) {
        println!(
            "slow: {:?} {:.2}ms {} hits",
            timing.query,
            timing.elapsed.as_secs_f64() * 1e3,
            timing.hits
        );
    }
    let report = |label: &str, keep: &dyn Fn(&Timing) -> bool| {
        // Already sorted by time.
        let selected: Vec<&Timing> = timings.iter().filter(|timing| keep(timing)).collect();
        let at = |fraction: f64| {
            selected[((selected.len() as f64 * fraction) as usize).min(selected.len() - 1)].elapsed
        };
        let hits =
            selected.iter().map(|timing| timing.hits).sum::<usize>() as f64 / selected.len() as f64;
        println!(
            "{label}: n={} p50={:.2}ms p99={:.2}ms max={:.2}ms mean_hits={hits:.1}",
            selected.len(),
            at(0.5).as_secs_f64() * 1e3,
            at(0.99).as_secs_f64() * 1e3,
            at(1.0).as_secs_f64() * 1e3,
        );
    };
    let typed_as = |typed: Typed| move |timing: &Timing| timing.typed == typed;
    report("all with pinyin and initials", &|_| true);
    report("all (the 1,000)", &|timing| {
        matches!(timing.typed, Typed::Latin | Typed::Chinese)
    });
    report("latin", &typed_as(Typed::Latin));
    report("chinese", &typed_as(Typed::Chinese));
    report("pinyin", &typed_as(Typed::Pinyin));
    report("initials", &typed_as(Typed::Initials));
    for length in 1..=8 {
        for (label, typed) in [("latin", Typed::Latin), ("chinese", Typed::Chinese)] {
            report(&format!("{label} len {length}"), &|timing| {
                timing.typed == typed && timing.length == length
            });
        }
    }
}

/// One measured query.
struct Timing<'q> {
    typed: Typed,
    length: usize,
    elapsed: Duration,
    hits: usize,
    query: &'q str,
}

/// Writes the pack at `pack` as a workbook at `out`, one row a stand and
/// an exhibitor, with `media` beside it linking to the pack's.
fn workbook(pack: &Path, out: &Path) {
    use rust_xlsxwriter::Workbook;
    use serde_json::Value;

    let read = |kind: &str| -> Value {
        serde_json::from_slice(&fs::read(pack.join(format!("content/{kind}.json"))).unwrap())
            .unwrap()
    };
    let manifest: Value =
        serde_json::from_slice(&fs::read(pack.join("manifest.json")).unwrap()).unwrap();
    // A cell's text: localised text in one language, a list joined by `;`,
    // a media path inside the media folder.
    let text = |value: &Value, language: &str| -> String {
        match value {
            Value::Null => String::new(),
            Value::String(text) => text.strip_prefix("media/").unwrap_or(text).to_owned(),
            Value::Object(texts) => texts
                .get(language)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
                .join(";"),
            other => other.to_string(),
        }
    };
    let mut book = Workbook::new();
    // (sheet, header, rows): a header `FIELD.LANG` takes that language of
    // FIELD; `a.b` the field b of the object a.
    let mut sheet = |name: &str, header: &[&str], rows: &[Value]| {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (column, title) in header.iter().enumerate() {
            sheet.write_string(0, column as u16, *title).unwrap();
        }
        for (row, value) in rows.iter().enumerate() {
            for (column, title) in header.iter().enumerate() {
                let (field, language) = match title.split_once('.') {
                    Some((field, rest)) if rest.len() == 2 => (field, rest),
                    _ => (*title, "zh"),
                };
                let cell = match field.split_once('.') {
                    Some((outer, inner)) => &value[outer][inner],
                    None => &value[field],
                };
                let cell = text(cell, language);
                if !cell.is_empty() {
                    sheet
                        .write_string(row as u32 + 1, column as u16, cell)
                        .unwrap();
                }
            }
        }
    };
    let languages = text(&manifest["languages"], "");
    let pack_row = serde_json::json!({"pack": manifest["pack"], "version": manifest["version"],
        "languages": languages, "title": manifest["title"]});
    sheet(
        "pack",
        &["pack", "version", "languages", "title.zh", "title.en"],
        &[pack_row],
    );
    let event = read("event");
    sheet(
        "event",
        &["name.zh", "name.en", "starts_on", "ends_on", "timezone"],
        std::slice::from_ref(&event),
    );
    sheet(
        "categories",
        &["id", "name.zh", "name.en"],
        event["categories"].as_array().unwrap(),
    );
    sheet(
        "parks",
        &[
            "id",
            "name.zh",
            "name.en",
            "summary.zh",
            "summary.en",
            "image",
        ],
        read("parks").as_array().unwrap(),
    );
    let venue = read("venue");
    let halls = venue["halls"].as_array().unwrap();
    sheet(
        "halls",
        &["id", "name.zh", "name.en", "plan", "width", "height"],
        halls,
    );
    let stands: Vec<Value> = halls
        .iter()
        .flat_map(|hall| {
            hall["stands"].as_array().unwrap().iter().map(move |stand| {
                let mut stand = stand.clone();
                stand["hall"] = hall["id"].clone();
                stand
            })
        })
        .collect();
    sheet("stands", &["hall", "id", "x", "y", "w", "h"], &stands);
    sheet(
        "exhibitors",
        &[
            "id",
            "name.zh",
            "name.en",
            "sort_name",
            "logo",
            "summary.zh",
            "summary.en",
            "description.zh",
            "description.en",
            "categories",
            "booth.hall",
            "booth.stand",
            "park",
        ],
        read("exhibitors").as_array().unwrap(),
    );
    book.save(out).unwrap();
    let media = out.parent().unwrap().join("media");
    let _ = fs::remove_file(&media);
    std::os::unix::fs::symlink(fs::canonicalize(pack.join("media")).unwrap(), &media).unwrap();
    println!("workbook={}", out.display());
}
