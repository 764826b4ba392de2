//! The `pavilion` commands (the CLI contract's table of commands): parsing
//! with clap, calling the core, and turning outcomes into output and exit
//! codes. 0 done, 1 refused or invalid, 2 usage or a problem outside the
//! pack. Text goes to people; `--json` prints one document on stdout.
//!
//! Tests are in `tests/core/cli.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data_dir::{DataDir, ENV_VAR};
use crate::error::{Error, ErrorReport, Problem, Result};
use crate::model::{PackInfo, Status};
use crate::pack::manifest::{self, MANIFEST, SIGNATURE};
use crate::pack::{self, source};
use crate::store::{self, durable};

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
    /// Show the live pack, the packs kept for rollback and recent imports
    Status {
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
    /// Validate, import and make a pack live
    Import {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Rewrite DIR/manifest.json's `files` from the files in DIR (after editing a pack)
    Manifest { dir: PathBuf },
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
            finish(store::import(&data, &path), json, print_imported)
        }
        Command::Pack(PackCommand::Manifest { dir }) => finish(reseal(&dir), false, |count| {
            say!("{MANIFEST}: {count} files listed")
        }),
        Command::Status { json } => finish(store::status(&data), json, print_status),
    }
}

fn validate(path: &Path, json: bool) -> ExitCode {
    let result = pack::read_path(path);
    if json {
        let validation = match &result {
            Ok(pack) => Validation {
                valid: true,
                pack: Some(pack.manifest.pack.clone()),
                version: Some(pack.manifest.version),
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
        Ok(pack) if !json => {
            say!(
                "valid: {} version {}",
                pack.manifest.pack,
                pack.manifest.version
            );
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
        | Error::VersionNotNewer { .. }
        | Error::NoLivePack { .. }
        | Error::NotFound { .. } => ExitCode::from(1),
        Error::Io { .. } | Error::Database { .. } => ExitCode::from(2),
    }
}

fn print_json(value: &impl Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => say!("{text}"),
        Err(error) => tell!("pavilion: cannot write JSON: {error}"),
    }
}

fn print_imported(info: &PackInfo) {
    say!("live: {} version {}", info.pack, info.version);
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
    for kept in &status.kept {
        say!(
            "kept: {} version {}, imported {} ({})",
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
        say!(
            "import {}: {outcome}: {pack} from {}",
            entry.at,
            entry.source
        );
    }
}

/// Rewrites the manifest's `files` from the files in `dir`, keeping its other
/// fields (and their order). Returns how many files are listed.
fn reseal(dir: &Path) -> Result<usize> {
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
