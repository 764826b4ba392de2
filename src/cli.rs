//! The `pavilion` commands (the CLI contract's table of commands): parsing
//! with clap, calling the core, and turning outcomes into output and exit
//! codes. 0 done, 1 refused or invalid, 2 usage or a problem outside the
//! pack. Text goes to people; `--json` prints one document on stdout.
//! Progress of long work goes to stderr, only when a person watches it.
//!
//! Tests are in `tests/core/cli.rs`.

use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;
use time::OffsetDateTime;

use crate::data_dir::{DataDir, ENV_VAR};
use crate::error::{Error, ErrorReport, Problem, Result};
use crate::fleet::{self, Fleet};
use crate::model::{ImportOutcome, ImportPhase, PackInfo, SearchHit, Signer, Status};
use crate::operator;
use crate::pack::diff::{self, PackDiff};
use crate::pack::manifest::{self, MANIFEST, SIGNATURE};
use crate::pack::{self, source};
use crate::settings::Settings;
use crate::signing;
use crate::stats::{self, Count, Stats, StatsPolicy, StatsSummary};
use crate::store::{self, durable, Catalog};
use crate::synth;
use crate::workbook::{build, export, init, schedule, MEDIA_FOLDER};

/// `println!` that does not panic when stdout is closed early
/// (`pavilion status | head -1`): output nobody reads is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that does not panic when stderr is closed.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "pavilion",
    version,
    about = "Content packs for Pavilion conference kiosks"
)]
pub struct Cli {
    /// The kiosk's data folder [default: the platform's application-data folder]
    #[arg(long, global = true, env = ENV_VAR, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Work with content packs
    #[command(subcommand)]
    Pack(PackCommand),
    /// Manage the keys whose signed packs this kiosk accepts (DATA/trusted-keys/)
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Show the live pack and who signed it, the packs kept for rollback, recent imports and the trusted keys
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Make the pack that was live before the live one live again (exit 1 if there is none)
    Rollback {
        #[arg(long)]
        json: bool,
    },
    /// See the kiosks of a fleet from their status files
    #[command(subcommand)]
    Fleet(FleetCommand),
    /// What visitors did on this kiosk (hourly counts, nothing that identifies anyone): a summary, or `stats export`
    Stats {
        #[command(subcommand)]
        command: Option<StatsCommand>,
        /// Only the last N days [default: every day kept]
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        /// How many of each top list
        #[arg(long, value_name = "N", default_value_t = 10)]
        top: usize,
        #[arg(long)]
        json: bool,
    },
    /// The operator's access to the kiosk's panel
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Search the live pack as the kiosk does: names, sort names, pinyin and summaries, Chinese and Latin, short queries too; a Latin query that finds nothing is retried with a one-letter typo corrected
    Search {
        query: String,
        /// Search only this pack language's text (and sort names)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Check a pack against the format; problems go to stderr as `FILE: JSON-POINTER: message`
    Validate {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Validate, import and make a pack live (with `"go_live": "confirm"` in settings.json: stage it for `pack live`)
    Import {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Make the staged pack (imported with `"go_live": "confirm"`) live (exit 1 if none waits)
    Live {
        #[arg(long)]
        json: bool,
    },
    /// Rewrite DIR/manifest.json's `files` from the files in DIR (after editing a pack)
    Manifest { dir: PathBuf },
    /// Validate a pack (folder or zip) and sign it: writes manifest.json.minisig beside its manifest (minisign format, trusted comment `pack=ID version=N`)
    Sign {
        path: PathBuf,
        /// The secret key (`pavilion.key` from `keys generate`, or a minisign key); its password is asked on the terminal, or taken from PAVILION_KEY_PASSWORD
        #[arg(long, value_name = "KEYFILE")]
        key: PathBuf,
    },
    /// What NEW (default: the live pack) changes against OLD, per kind: added, removed and changed entities with the changed fields, the manifest and media
    Diff {
        old: PathBuf,
        new: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Write a starter workbook DIR/pavilion.xlsx (every sheet and column, a note on each header, one example row per sheet, a README sheet) and DIR/media/ for an operator to fill
    Init { dir: PathBuf },
    /// Write a pack (default: the live one) back as a workbook in the layout `pack build` reads, its media beside it in media/
    Export {
        path: Option<PathBuf>,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// Build a sealed pack (a folder, or a zip when OUT ends in .zip) from a workbook (.xlsx, .ods) or a folder of SHEET.csv files, laid out as workbook.md says; problems go to stderr as `SOURCE: SHEET!CELL: message` and nothing is written
    Build {
        source: PathBuf,
        #[arg(long, value_name = "OUT")]
        out: PathBuf,
        /// A schedule file to add the agenda of (frab XML, c3voc JSON), as often as needed
        #[arg(long = "schedule", value_name = "FILE")]
        schedules: Vec<PathBuf>,
        /// The pictures the workbook names [default: the folder `media` beside SOURCE]
        #[arg(long, value_name = "DIR")]
        media: Option<PathBuf>,
        /// The pack's version, over the pack sheet's [default: the pack sheet's, else one from the build time]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=u32::MAX as u64))]
        version: Option<u64>,
        /// Sign the pack with this secret key (as `pack sign --key`)
        #[arg(long, value_name = "KEYFILE")]
        sign: Option<PathBuf>,
    },
    /// Write a valid synthetic pack of N exhibitors (with proportionate news, parks, sessions and media) into DIR
    Synth {
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=pack::limits::MAX_ENTITIES as i64))]
        exhibitors: u32,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Make a key pair in DIR: pavilion.key (secret: keep it off the kiosks) and pavilion.pub (to trust)
    Generate {
        dir: PathBuf,
        /// Do not protect the secret key with a password (otherwise asked on the terminal, or taken from PAVILION_KEY_PASSWORD)
        #[arg(long)]
        unencrypted: bool,
    },
    /// Accept packs signed by this minisign public key from the next import on
    Trust {
        #[arg(value_name = "PUBFILE")]
        public_key: PathBuf,
    },
    /// List the trusted keys (none: unsigned packs are accepted)
    List,
    /// Stop accepting packs signed by this key from the next import on; the live pack stays live
    Remove { id: String },
}

#[derive(Debug, Subcommand)]
enum StatsCommand {
    /// Write the statistics to files: FILE.csv (one row per hour, metric and key) or FILE.html (the charts, self-contained)
    Export {
        #[arg(long, value_name = "FILE", required = true)]
        out: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum OperatorCommand {
    /// Set the PIN that opens the operator's panel (4 to 12 digits, asked twice on the terminal); without one the panel cannot open
    Pin {
        /// Read the PIN from stdin (one line) instead of the terminal, for scripts
        #[arg(long, conflicts_with = "clear")]
        stdin: bool,
        /// Remove the PIN: the panel cannot open until one is set
        #[arg(long)]
        clear: bool,
    },
}

/// Where a script gives a secret key's password when no one is at a terminal.
const PASSWORD_VAR: &str = "PAVILION_KEY_PASSWORD";

#[derive(Debug, Subcommand)]
enum FleetCommand {
    /// One row per kiosk in DIR (a status folder): live pack, last import, marking stale kiosks, ones behind the newest version and refusals
    Status {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// `--json` output of `pack validate`.
#[derive(Debug, Serialize)]
struct Validation {
    valid: bool,
    pack: Option<String>,
    version: Option<u32>,
    error: Option<ErrorReport>,
    problems: Vec<Problem>,
}

/// `--json` output of a command that failed.
#[derive(Debug, Serialize)]
struct Failure<'a> {
    error: ErrorReport,
    problems: &'a [Problem],
}

pub fn run(cli: Cli) -> ExitCode {
    let data = DataDir::resolve(cli.data_dir);
    match cli.command {
        Command::Pack(PackCommand::Validate { path, json }) => validate(&path, json),
        Command::Pack(PackCommand::Import { path, json }) => {
            let result = store::import_with_progress(&data, &path, &mut import_progress());
            write_fleet_status(&data);
            finish(result, json, |info| {
                let staged = store::status(&data)
                    .ok()
                    .and_then(|status| status.staged)
                    .is_some_and(|staged| staged.info == *info);
                if staged {
                    say!(
                        "staged: {} version {} (the live pack is unchanged; `pavilion pack live` makes it live)",
                        info.pack,
                        info.version
                    );
                } else {
                    print_live(info);
                }
            })
        }
        Command::Pack(PackCommand::Live { json }) => {
            let result = store::make_live(&data);
            write_fleet_status(&data);
            finish(result, json, print_live)
        }
        Command::Pack(PackCommand::Manifest { dir }) => finish(reseal(&dir), false, |count| {
            say!("{MANIFEST}: {count} files listed")
        }),
        Command::Pack(PackCommand::Synth { exhibitors, out }) => {
            finish(synth::synth(exhibitors as usize, &out), false, |counts| {
                say!(
                    "{}: {} exhibitors, {} parks, {} news, {} sessions, {} speakers, {} slides, {} halls",
                    out.display(),
                    counts.exhibitors,
                    counts.parks,
                    counts.news,
                    counts.sessions,
                    counts.speakers,
                    counts.slides,
                    counts.halls
                )
            })
        }
        Command::Pack(PackCommand::Diff { old, new, json }) => {
            finish(pack_diff(&data, &old, new.as_deref()), json, |diff| {
                say!("{}", diff.summary(DIFF_LINES).trim_end())
            })
        }
        Command::Pack(PackCommand::Init { dir }) => finish(init::init(&dir), false, |workbook| {
            say!(
                "{}: fill it in (one example row per sheet), pictures in {}, then `pavilion pack build {}`",
                workbook.display(),
                dir.join(MEDIA_FOLDER).display(),
                workbook.display()
            )
        }),
        Command::Pack(PackCommand::Export { path, out }) => {
            finish(export_pack(&data, path.as_deref(), &out), false, |counts| {
                let counts: Vec<String> = counts
                    .iter()
                    .map(|(sheet, count)| format!("{count} {sheet}"))
                    .collect();
                say!("{}: {}", out.display(), counts.join(", "))
            })
        }
        Command::Pack(PackCommand::Build {
            source,
            out,
            schedules,
            media,
            version,
            sign,
        }) => build(&source, out, &schedules, media, version, sign),
        Command::Pack(PackCommand::Sign { path, key }) => finish(
            signing::sign(&path, &key, &mut || key_password(false)),
            false,
            |(id, comment)| say!("signed: {comment} with key {id} ({SIGNATURE})"),
        ),
        Command::Keys(command) => keys(&data, command),
        Command::Status { json } => finish(store::status(&data), json, print_status),
        Command::Rollback { json } => {
            let result = store::rollback(&data);
            write_fleet_status(&data);
            finish(result, json, print_live)
        }
        Command::Fleet(FleetCommand::Status { dir, json }) => finish(
            fleet::read_folder(&dir, OffsetDateTime::now_utc()),
            json,
            print_fleet,
        ),
        Command::Stats {
            command: None,
            days,
            top,
            json,
        } => finish(stats_summary(&data, days, top), json, print_stats),
        Command::Stats {
            command: Some(StatsCommand::Export { out }),
            ..
        } => finish(export_stats(&data, &out), false, |written| {
            for path in written {
                say!("written: {}", path.display());
            }
        }),
        Command::Operator(OperatorCommand::Pin { stdin, clear }) => {
            if clear {
                finish(operator::pin::clear(&data), false, |had| match had {
                    true => say!("operator PIN cleared: the panel cannot open until one is set"),
                    false => say!("no operator PIN was set"),
                })
            } else {
                finish(
                    new_pin(stdin).and_then(|pin| operator::pin::set(&data, &pin)),
                    false,
                    |()| say!("operator PIN set"),
                )
            }
        }
        Command::Search {
            query,
            lang,
            limit,
            json,
        } => finish(
            // `--json` stays the array of hits `cli.md` promises; a corrected
            // query is said on stderr, in both forms.
            Catalog::open_live(&data)
                .and_then(|catalog| catalog.search_with_correction(&query, lang.as_deref(), limit))
                .map(|result| {
                    if let Some(searched_for) = &result.searched_for {
                        tell!("showing results for \"{searched_for}\"");
                    }
                    result.hits
                }),
            json,
            |hits| print_hits(hits, lang.as_deref()),
        ),
    }
}

/// How many lines of details `pack diff` prints per kind.
const DIFF_LINES: usize = 20;

/// OLD against NEW, or against the live pack.
fn pack_diff(data: &DataDir, old: &Path, new: Option<&Path>) -> Result<PackDiff> {
    let old = pack::snapshot(old)?;
    let new = match new {
        Some(new) => pack::snapshot(new)?,
        None => Catalog::open_live(data)?.snapshot()?,
    };
    Ok(diff::diff(&old, &new))
}

/// The pack at `path`, or the live one.
fn export_pack(
    data: &DataDir,
    path: Option<&Path>,
    out: &Path,
) -> Result<Vec<(&'static str, usize)>> {
    match path {
        Some(path) => export::export(path, out),
        None => export::export(&store::live_pack(data)?, out),
    }
}

fn keys(data: &DataDir, command: KeysCommand) -> ExitCode {
    match command {
        KeysCommand::Generate { dir, unencrypted } => {
            let password = if unencrypted {
                Ok(None)
            } else {
                key_password(true).map(Some)
            };
            finish(
                password.and_then(|password| signing::generate(&dir, password)),
                false,
                |id| {
                    let public = dir.join(signing::PUBLIC_KEY_FILE);
                    say!(
                        "secret key: {} (sign packs with it; keep it off the kiosks)",
                        dir.join(signing::SECRET_KEY_FILE).display()
                    );
                    say!(
                        "public key: {} (id {id}): on each kiosk, `pavilion keys trust {}`",
                        public.display(),
                        public.display()
                    );
                },
            )
        }
        KeysCommand::Trust { public_key } => finish(
            signing::trust(data, &public_key),
            false,
            |(id, new)| match new {
                true => say!(
                    "trusted: {id}; from now on only packs signed by a trusted key are imported"
                ),
                false => say!("already trusted: {id}"),
            },
        ),
        KeysCommand::List => finish(signing::trusted_keys(data), false, |keys| {
            if keys.is_empty() {
                say!("no key trusted: unsigned packs are accepted");
            }
            for key in keys {
                say!("{}\t{}", key.id, key.file.display());
            }
        }),
        KeysCommand::Remove { id } => finish(
            signing::remove(data, &id).and_then(|files| Ok((files, signing::trusted_keys(data)?))),
            false,
            |(files, left)| {
                for file in files {
                    say!(
                        "removed: {} ({}); the live pack stays live",
                        id.to_uppercase(),
                        file.display()
                    );
                }
                if left.is_empty() {
                    say!("no key trusted any more: unsigned packs are accepted");
                }
            },
        ),
    }
}

/// A secret key's password: `PAVILION_KEY_PASSWORD`, else asked on the
/// terminal (twice when `confirm`, for a new key). Never asked when stdin
/// is not a terminal: a script would hang.
fn key_password(confirm: bool) -> Result<String> {
    let refuse = |message: String| {
        Error::io(
            PASSWORD_VAR,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, message),
        )
    };
    if let Some(password) = std::env::var_os(PASSWORD_VAR) {
        return password
            .into_string()
            .map_err(|_| refuse("the password is not valid UTF-8".to_owned()));
    }
    let no_terminal = format!(
        "no terminal to ask the key's password on: set {PASSWORD_VAR} to it (or make a key without one: `keys generate --unencrypted`)"
    );
    if !confirm {
        return ask_secret("Password of the secret key: ", None, &no_terminal).map_err(refuse);
    }
    let password = ask_secret(
        "Password of the secret key: ",
        Some("The same password again: "),
        &no_terminal,
    )
    .map_err(refuse)?;
    if password.is_empty() {
        return Err(refuse(
            "an empty password protects nothing: type one, or use `--unencrypted`".to_owned(),
        ));
    }
    Ok(password)
}

/// A new operator PIN: one line of stdin with `--stdin`, else typed twice
/// on the terminal without echo. Its form is checked by `operator::pin::set`.
fn new_pin(stdin: bool) -> Result<String> {
    let refuse = |message: String| {
        Error::io(
            "stdin",
            std::io::Error::new(std::io::ErrorKind::InvalidInput, message),
        )
    };
    if stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|error| Error::io("stdin", error))?;
        return Ok(line.trim_end_matches(['\n', '\r']).to_owned());
    }
    ask_secret(
        "New operator PIN (4 to 12 digits): ",
        Some("The same PIN again: "),
        "no terminal to ask the PIN on: give it on stdin with `--stdin`",
    )
    .map_err(refuse)
}

/// A secret typed on the terminal without echo, typed again to confirm
/// when `again` is given. `no_terminal` is the refusal when stdin is not a
/// terminal (a script would hang waiting).
fn ask_secret(
    prompt: &str,
    again: Option<&str>,
    no_terminal: &str,
) -> std::result::Result<String, String> {
    if !std::io::stdin().is_terminal() {
        return Err(no_terminal.to_owned());
    }
    let ask = |prompt: &str| rpassword::prompt_password(prompt).map_err(|error| error.to_string());
    let secret = ask(prompt)?;
    if let Some(again) = again {
        if ask(again)? != secret {
            return Err("the two differ: try again".to_owned());
        }
    }
    Ok(secret)
}

/// `pavilion stats`: the summary over the last `days` (all kept: `None`).
fn stats_summary(data: &DataDir, days: Option<u32>, top: usize) -> Result<StatsSummary> {
    let Some(stats) = Stats::open_existing(data)? else {
        return Ok(StatsSummary::empty());
    };
    let since = days.map(|days| {
        let now_ms = (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        stats::hour_of(now_ms) - i64::from(days) * 24 + 1
    });
    stats.summary(since, top)
}

/// `pavilion stats export`: each file written by `stats::report`.
fn export_stats(data: &DataDir, out: &[PathBuf]) -> Result<Vec<PathBuf>> {
    for path in out {
        stats::report::Format::of(path)?;
    }
    // Nothing recorded yet still gives files: a header, an empty report.
    let stats = Stats::open(data, StatsPolicy::default())?;
    let title = Settings::load(data)
        .ok()
        .and_then(|settings| settings.kiosk_name)
        .unwrap_or_else(|| "Pavilion kiosk".to_owned());
    for path in out {
        stats::report::write(&stats, path, &title)?;
    }
    Ok(out.to_vec())
}

fn print_stats(summary: &StatsSummary) {
    let (Some(from), Some(to)) = (&summary.from, &summary.to) else {
        say!("no visitor statistics recorded");
        return;
    };
    let average = summary
        .average_visit_seconds
        .map(|seconds| format!(", {seconds} s on average"))
        .unwrap_or_default();
    say!("{} visits from {from} to {to}{average}", summary.visits);
    for day in &summary.days {
        let (busiest, count) = day
            .hours
            .iter()
            .enumerate()
            .max_by_key(|(hour, count)| (**count, std::cmp::Reverse(*hour)))
            .unwrap_or((0, &0));
        say!(
            "  {}: {} visits, busiest {busiest:02}:00 ({count})",
            day.day,
            day.visits
        );
    }
    let line = |counts: &[Count]| {
        counts
            .iter()
            .map(|count| match count.key.as_str() {
                "" => format!("(not kept) {}", count.count),
                key => format!("{key} {}", count.count),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    say!("visit lengths: {}", line(&summary.visit_lengths));
    for (what, counts) in [
        ("languages", &summary.languages),
        ("screens", &summary.screens),
        ("QR codes", &summary.qr_codes),
        ("top exhibitors", &summary.exhibitors),
        ("top parks", &summary.parks),
        ("top news", &summary.news),
        ("top sessions", &summary.sessions),
    ] {
        if !counts.is_empty() {
            say!("{what}: {}", line(counts));
        }
    }
    say!(
        "searches: {} found something, {} found nothing",
        summary.searches,
        summary.zero_hit_searches
    );
    for search in &summary.top_searches {
        say!(
            "  \"{}\" {} ({:.1} hits on average)",
            search.query,
            search.count,
            search.average_hits
        );
    }
    if !summary.top_zero_hit_searches.is_empty() {
        say!("found nothing: {}", line(&summary.top_zero_hit_searches));
    }
}

/// After an import or rollback, this kiosk's status file in the settings'
/// status folder, if they name one. Only said on stderr when it fails: the
/// import's own outcome is what the command reports.
fn write_fleet_status(data: &DataDir) {
    let settings = match Settings::load(data) {
        Ok(settings) => settings,
        // A data folder that cannot be read at all: the command's own error
        // says so, once.
        Err(Error::Io { .. }) => return,
        Err(error) => {
            tell!("pavilion: the fleet status was not written: {error}");
            return;
        }
    };
    let written = fleet::write_status(
        data,
        &settings,
        &fleet::Presence::default(),
        OffsetDateTime::now_utc(),
    );
    if let Err(error) = written {
        tell!("pavilion: the fleet status was not written: {error}");
    }
}

/// One kiosk a line: name, id, live pack, when it last wrote, and what is
/// wrong; then the files that could not be read.
fn print_fleet(fleet: &Fleet) {
    for row in &fleet.kiosks {
        let status = &row.status;
        let live = match (&status.pack, status.version) {
            (Some(pack), Some(version)) => format!("{pack} version {version}"),
            _ => "no pack (demo)".to_owned(),
        };
        let mut marks = Vec::new();
        if row.stale {
            marks.push("STALE".to_owned());
        }
        if let Some(newest) = row.behind {
            marks.push(format!("BEHIND (newest {newest})"));
        }
        if row.refused {
            let why = status
                .last_import
                .as_ref()
                .and_then(|last| last.errors.first())
                .map(|error| format!(": {error}"))
                .unwrap_or_default();
            marks.push(format!("REFUSED{why}"));
        }
        let id: String = status.kiosk_id.chars().take(8).collect();
        say!(
            "{}\t{id}\t{live}\twritten {}\t{}",
            status.name.as_deref().unwrap_or("(unnamed)"),
            status.written_at,
            if marks.is_empty() {
                "ok".to_owned()
            } else {
                marks.join(", ")
            }
        );
    }
    for file in &fleet.unreadable {
        say!("unreadable: {}: {}", file.file, file.reason);
    }
}

/// `pack build`: the pack's id and version on stdout, or every problem on
/// stderr (exit 1, nothing written).
fn build(
    source: &Path,
    out: PathBuf,
    schedules: &[PathBuf],
    media: Option<PathBuf>,
    version: Option<u64>,
    sign: Option<PathBuf>,
) -> ExitCode {
    let mut password = || key_password(false);
    let options = build::Options {
        out: out.clone(),
        media,
        version,
        sign: sign.map(|key| (key, &mut password as &mut dyn FnMut() -> Result<String>)),
        now: jiff::Timestamp::now(),
    };
    match build::build(source, options, &mut |timezone| {
        schedule::read_all(schedules, timezone)
    }) {
        Ok(build::Outcome::Built(built)) => {
            let counts: Vec<String> = built
                .counts
                .iter()
                .map(|(file, count)| format!("{file} {count}"))
                .collect();
            say!(
                "built: {} version {}{} at {} ({})",
                built.pack,
                built.version,
                if built.signed { ", signed" } else { "" },
                out.display(),
                counts.join(", ")
            );
            ExitCode::SUCCESS
        }
        Ok(build::Outcome::Problems(problems)) => {
            problems.iter().for_each(|problem| tell!("{problem}"));
            ExitCode::from(1)
        }
        Err(error) => {
            report(&error);
            exit_code(&error)
        }
    }
}

fn validate(path: &Path, json: bool) -> ExitCode {
    let result = pack::validate_path(path);
    if json {
        let validation = match &result {
            Ok(manifest) => Validation {
                valid: true,
                pack: Some(manifest.pack.clone()),
                version: Some(manifest.version),
                error: None,
                problems: Vec::new(),
            },
            Err(error) => Validation {
                valid: false,
                pack: None,
                version: None,
                error: Some(error.into()),
                problems: problems_of(error).to_vec(),
            },
        };
        print_json(&validation);
    }
    match result {
        Ok(manifest) if !json => {
            say!("valid: {} version {}", manifest.pack, manifest.version);
            ExitCode::SUCCESS
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            exit_code(&error)
        }
    }
}

/// Prints a command's outcome: `show` for success in text, the value itself
/// with `--json`; an error on stderr (and as JSON on stdout with `--json`).
fn finish<T: Serialize>(result: Result<T>, json: bool, show: impl FnOnce(&T)) -> ExitCode {
    match result {
        Ok(value) => {
            if json {
                print_json(&value);
            } else {
                show(&value);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            if json {
                print_json(&Failure {
                    error: (&error).into(),
                    problems: problems_of(&error),
                });
            }
            report(&error);
            exit_code(&error)
        }
    }
}

fn problems_of(error: &Error) -> &[Problem] {
    match error {
        Error::InvalidPack { problems } => problems,
        _ => &[],
    }
}

/// Problems one a line, anything else as one line, all on stderr.
fn report(error: &Error) {
    match error {
        Error::InvalidPack { problems } => problems.iter().for_each(|problem| tell!("{problem}")),
        other => tell!("pavilion: {}", other.to_string().replace('\n', " ")),
    }
}

fn exit_code(error: &Error) -> ExitCode {
    match error {
        Error::InvalidPack { .. }
        | Error::SignatureRefused { .. }
        | Error::InvalidKey { .. }
        | Error::VersionNotNewer { .. }
        | Error::NoLivePack { .. }
        | Error::NoPreviousPack { .. }
        | Error::NotFound { .. }
        | Error::NothingStaged { .. }
        | Error::WrongPin { .. }
        | Error::PinLocked { .. }
        | Error::NoPin
        | Error::SessionUnknown
        | Error::SessionExpired => ExitCode::from(1),
        // Busy is not the pack's fault and not a refusal of it: like a full
        // disk, it says "the data folder cannot take this now, try again".
        Error::Busy { .. }
        | Error::InvalidSettings { .. }
        | Error::Io { .. }
        | Error::Database { .. }
        | Error::NoDatabase { .. }
        | Error::DiskFull { .. }
        | Error::ImportStopped { .. }
        | Error::Reported { .. } => ExitCode::from(2),
        // Wrong usage, as the spec counts it.
        Error::NotAFolder { .. } | Error::OverLimit { .. } | Error::InvalidPin { .. } => {
            ExitCode::from(2)
        }
    }
}

fn print_json(value: &impl Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => say!("{text}"),
        Err(error) => tell!("pavilion: cannot write JSON: {error}"),
    }
}

fn print_live(info: &PackInfo) {
    say!("live: {} version {}", info.pack, info.version);
}

/// `pack import`'s progress: a line on stderr as each phase starts when
/// stderr is a terminal; nothing when it is a file or a pipe (scripts, logs).
fn import_progress() -> impl FnMut(ImportPhase) {
    let terminal = std::io::stderr().is_terminal();
    move |phase| {
        if terminal {
            let doing = match phase {
                ImportPhase::Verifying => "verifying the pack…",
                ImportPhase::Building => "building the new content beside the live pack…",
                ImportPhase::Switching => "switching to the new pack…",
            };
            tell!("pavilion: {doing}");
        }
    }
}

fn print_status(status: &Status) {
    match (&status.live, &status.counts) {
        (Some(live), Some(counts)) => {
            let title = live
                .languages
                .first()
                .and_then(|language| live.title.0.get(language))
                .map(String::as_str)
                .unwrap_or("");
            say!(
                "live: {} version {} \"{title}\", imported {}",
                live.pack,
                live.version,
                live.imported_at
            );
            say!(
                "  {} news, {} parks, {} exhibitors",
                counts.news,
                counts.parks,
                counts.exhibitors
            );
        }
        _ => say!("live: none"),
    }
    if let Some(signer) = &status.signer {
        print_signer(signer);
    }
    if let Some(staged) = &status.staged {
        say!(
            "staged: {} version {}, imported {} ({}): `pavilion pack live` makes it live",
            staged.info.pack,
            staged.info.version,
            staged.info.imported_at,
            staged.folder
        );
        say!(
            "  {} news, {} parks, {} exhibitors",
            staged.counts.news,
            staged.counts.parks,
            staged.counts.exhibitors
        );
        print_signer(&staged.signer);
    }
    if status.trusted_keys.is_empty() {
        say!("policy: unsigned packs accepted (no key trusted)");
    } else {
        say!(
            "policy: only packs signed by a trusted key: {}",
            status.trusted_keys.join(", ")
        );
    }
    for kept in &status.kept {
        let reach = match kept.rollback_step {
            Some(1) => "`pavilion rollback` makes it live".to_owned(),
            Some(step) => format!("{step} rollbacks make it live"),
            None => "not reached by rollback: import it again to make it live".to_owned(),
        };
        say!(
            "kept: {} version {}, imported {} ({}); {reach}",
            kept.pack,
            kept.version,
            kept.imported_at,
            kept.folder
        );
    }
    for entry in &status.history {
        let pack = match (&entry.pack, entry.version) {
            (Some(pack), Some(version)) => format!("{pack} version {version}"),
            _ => "?".to_owned(),
        };
        let outcome = serde_json::to_value(entry.outcome)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        let what = match entry.outcome {
            ImportOutcome::RolledBack => "rollback",
            ImportOutcome::MadeLive => "pack live",
            ImportOutcome::Live
            | ImportOutcome::Refused
            | ImportOutcome::Failed
            | ImportOutcome::Staged => "import",
        };
        say!(
            "{what} {}: {outcome}: {pack} from {}",
            entry.at,
            entry.source
        );
        // The first lines say why an import was refused; --json has them all.
        for line in entry.errors.iter().take(STATUS_ERROR_LINES) {
            say!("  {line}");
        }
        if entry.errors.len() > STATUS_ERROR_LINES {
            say!(
                "  … {} more (`pavilion status --json` lists them all)",
                entry.errors.len() - STATUS_ERROR_LINES
            );
        }
    }
}

fn print_signer(signer: &Signer) {
    match signer {
        Signer::Key { id } => say!("  signed by key {id}"),
        Signer::Unsigned => say!("  unsigned"),
        Signer::Bundled => say!("  the demo pack bundled with the app (shown unsigned)"),
    }
}

/// How many of an import's error lines `status` prints.
const STATUS_ERROR_LINES: usize = 3;

/// One hit a line, tab-separated: kind, id and title (in `lang`, else in
/// each of the pack's languages where they differ).
fn print_hits(hits: &[SearchHit], lang: Option<&str>) {
    for hit in hits {
        let mut titles: Vec<&str> = match lang.and_then(|lang| hit.title.0.get(lang)) {
            Some(title) => vec![title],
            None => hit.title.0.values().map(String::as_str).collect(),
        };
        titles.dedup();
        let title = titles.join(" / ");
        say!("{}\t{}\t{title}", hit.kind.name(), hit.id);
    }
}

/// Rewrites the manifest's `files` from the files in `dir`, keeping its other
/// fields (and their order). Returns how many files are listed.
fn reseal(dir: &Path) -> Result<usize> {
    if dir.is_file() {
        // A zip cannot be resealed in place: its entries are what is hashed.
        return Err(Error::NotAFolder {
            path: dir.to_path_buf(),
            what: "`pack manifest` reseals a pack folder: unzip the pack, reseal the folder, then zip it again",
        });
    }
    let path = dir.join(MANIFEST);
    let not_a_manifest = |message: String| Error::InvalidPack {
        problems: vec![Problem::new(MANIFEST, "", message)],
    };
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(not_a_manifest(
                "missing: write one with format, pack, version, title, created and languages; this command fills in files".to_owned(),
            ))
        }
        Err(error) => return Err(Error::io(path, error)),
    };
    let mut manifest: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&bytes)
            .map_err(|error| not_a_manifest(format!("not a JSON object: {error}")))?;
    let files = manifest::files_on_disk(source::open(dir)?.as_ref())?;
    let count = files.len();
    let files = serde_json::to_value(files).map_err(|error| not_a_manifest(error.to_string()))?;
    manifest.insert("files".to_owned(), files);
    let mut text = serde_json::to_string_pretty(&manifest)
        .map_err(|error| not_a_manifest(error.to_string()))?;
    text.push('\n');
    durable::replace_file(&path, text.as_bytes())?;
    if dir.join(SIGNATURE).exists() {
        tell!("pavilion: {SIGNATURE} no longer matches the manifest: sign the pack again");
    }
    Ok(count)
}
