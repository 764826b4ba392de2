//! An import in a process of its own, so that whatever a pack does to the
//! importer (exhaust its memory, hang it, crash it) the kiosk that shows the
//! live pack lives on. The kiosk starts its own binary again as the worker
//! (`pavilion-kiosk --import-worker PACK --data-dir DIR`; `pavilion` takes
//! the same arguments): a booth gets one binary, and the worker links what
//! the kiosk links.
//!
//! The worker runs the core's whole import, the atomic switch and its
//! history line included, and prints one JSON [`Answer`] on stdout. The
//! kiosk gives it an address-space limit (set in the child before it runs
//! anything) and a time limit, and maps an end without an answer to
//! [`Error::ImportStopped`], recorded in the history in the worker's stead.
//!
//! Tests are in `tests/core/worker.rs`.

use std::ffi::{OsStr, OsString};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::data_dir::DataDir;
use crate::error::{Error, ErrorCode, ErrorReport, Problem, Result, Stopped};
use crate::model::PackInfo;
use crate::store::{self, Catalog};

/// The argument that makes a binary an import worker.
pub const FLAG: &str = "--import-worker";

/// How much a worker may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Its address space, in MiB: every mapping counts, the binary's
    /// libraries included, so this is well above what an import touches.
    pub memory_mib: u64,
    pub timeout: Duration,
}

/// One import for a worker to do: its command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub pack: PathBuf,
    pub data: PathBuf,
}

impl Job {
    /// The job that `args` (the program's, its name first) ask for: `None`
    /// unless they are exactly `--import-worker PACK --data-dir DIR`.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Option<Job> {
        let args: Vec<OsString> = args.into_iter().skip(1).collect();
        match args.as_slice() {
            [flag, pack, data_flag, data]
                if flag.as_os_str() == OsStr::new(FLAG) && data_flag == "--data-dir" =>
            {
                Some(Job {
                    pack: pack.into(),
                    data: data.into(),
                })
            }
            _ => None,
        }
    }

    fn args(&self) -> [&OsStr; 4] {
        [
            OsStr::new(FLAG),
            self.pack.as_os_str(),
            OsStr::new("--data-dir"),
            self.data.as_os_str(),
        ]
    }
}

/// What a worker prints when its import has ended.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Live(PackInfo),
    Refused {
        error: ErrorReport,
        /// An invalid pack's problems, each as the history has it.
        problems: Vec<Problem>,
    },
}

/// The worker's side: imports `job`'s pack and prints the [`Answer`].
pub fn serve(job: &Job) -> ExitCode {
    let answer = match store::import(&DataDir::at(&job.data), &job.pack) {
        Ok(info) => Answer::Live(info),
        Err(error) => Answer::Refused {
            error: ErrorReport::from(&error),
            problems: match error {
                Error::InvalidPack { problems } => problems,
                _ => Vec::new(),
            },
        },
    };
    let printed = serde_json::to_writer(io::stdout().lock(), &answer)
        .map_err(io::Error::from)
        .and_then(|()| io::stdout().lock().flush());
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pavilion: import worker: the answer was not written: {error}");
            ExitCode::FAILURE
        }
    }
}

/// How often a running worker is looked at for its end.
const POLL: Duration = Duration::from_millis(20);

/// The most of a worker's stdout read: an answer with its problems capped
/// (`pack::problems`) is far smaller.
const ANSWER_MAX: u64 = 16 * 1024 * 1024;

/// The kiosk's side: imports the pack at `pack` into `data` by running
/// `worker` (a binary that serves [`FLAG`]) under `limits`. The worker's
/// errors come back as the core's: `Error::InvalidPack` with its problems,
/// any other as `Error::Reported` with its code; an end without an answer
/// is `Error::ImportStopped`. Its stderr goes to this process's stderr.
pub fn import(data: &DataDir, pack: &Path, worker: &Path, limits: Limits) -> Result<PackInfo> {
    let job = Job {
        pack: pack.to_path_buf(),
        data: data.root().to_path_buf(),
    };
    let live_before = live_pack(data);
    let mut command = Command::new(worker);
    command
        .args(job.args())
        // What a worker says when it dies is told to the operator: a
        // backtrace would bury it, and printing one out of memory fails.
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    confine(&mut command, limits.memory_mib);
    let mut child = command.spawn().map_err(|error| Error::io(worker, error))?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        unreachable!("both were piped");
    };
    let answer = thread::spawn(move || {
        let mut text = Vec::new();
        stdout.take(ANSWER_MAX).read_to_end(&mut text).map(|_| text)
    });
    let said = thread::spawn(move || last_line_passed_on(stderr));
    let ended = wait(&mut child, limits.timeout);
    let answer = answer.join().ok().and_then(io::Result::ok);
    let said = said.join().unwrap_or_default();
    let answer = answer.and_then(|text| serde_json::from_slice::<Answer>(&text).ok());
    let why = match (ended, answer) {
        (_, Some(Answer::Live(info))) => return Ok(info),
        (_, Some(Answer::Refused { error, problems })) => {
            return Err(match error.code {
                ErrorCode::InvalidPack => Error::InvalidPack { problems },
                code => Error::Reported {
                    code,
                    message: error.message,
                },
            })
        }
        (Err(error), None) => return Err(Error::io(worker, error)),
        (Ok(None), None) => Stopped::TimedOut {
            seconds: limits.timeout.as_secs(),
        },
        (Ok(Some(status)), None) => stopped(status, limits.memory_mib, said),
    };
    // A worker that died after its switch (pruning, printing) still put its
    // pack live: the screen must follow `live`, the truth.
    match live_pack(data) {
        Some(live) if Some(&live) != live_before.as_ref() => return Ok(live),
        _ => {}
    }
    let error = Error::ImportStopped {
        pack: pack.to_path_buf(),
        why,
    };
    if let Err(unrecorded) = store::record_failure(data, pack, &error) {
        eprintln!(
            "pavilion: {}: not recorded in the import history: {unrecorded}",
            pack.display()
        );
    }
    Err(error)
}

fn live_pack(data: &DataDir) -> Option<PackInfo> {
    Catalog::open_live(data).ok().map(|live| live.pack_info())
}

/// The worker's end: its status, or `None` when it ran past `timeout` and
/// was killed.
fn wait(child: &mut Child, timeout: Duration) -> io::Result<Option<ExitStatus>> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if started.elapsed() >= timeout {
            // Killed, then reaped, so no zombie is left behind; an error
            // here means it has just ended by itself.
            let _ = child.kill();
            child.wait()?;
            return Ok(None);
        }
        thread::sleep(POLL);
    }
}

/// Passes the worker's stderr on, line by line, and keeps the last line
/// that says something: an allocation refused under the limit says so,
/// before the backtrace and its notes.
fn last_line_passed_on(stderr: impl Read) -> String {
    let mut last = String::new();
    for line in BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        eprintln!("{line}");
        let backtrace = line.starts_with(char::is_whitespace)
            || line.starts_with("note:")
            || line.starts_with("stack backtrace:");
        if !backtrace && !line.is_empty() {
            last = line.chars().take(300).collect();
        }
    }
    last
}

#[cfg(unix)]
fn stopped(status: ExitStatus, memory_mib: u64, said: String) -> Stopped {
    use std::os::unix::process::ExitStatusExt;
    match (status.signal(), status.code()) {
        (Some(signal), _) => Stopped::Signal {
            signal,
            memory_mib,
            said,
        },
        (None, code) => Stopped::Exited {
            status: code.unwrap_or(-1),
            memory_mib,
            said,
        },
    }
}

#[cfg(not(unix))]
fn stopped(status: ExitStatus, memory_mib: u64, said: String) -> Stopped {
    Stopped::Exited {
        status: status.code().unwrap_or(-1),
        memory_mib,
        said,
    }
}

/// Limits the worker's address space before it runs anything of its own:
/// an allocation past it fails in the worker, never in the kiosk. On Linux
/// the worker is also killed should the thread that started it (the
/// kiosk's inbox thread, which lives as long as the kiosk) die first: a
/// kiosk restarted by its watchdog must not find an orphan still importing.
#[cfg(unix)]
fn confine(command: &mut Command, memory_mib: u64) {
    use rustix::process::{setrlimit, Resource, Rlimit};
    use std::os::unix::process::CommandExt;
    let bytes = memory_mib.saturating_mul(1024 * 1024);
    // SAFETY: runs in the forked child before exec; each call is one system
    // call, and nothing is allocated or locked.
    unsafe {
        command.pre_exec(move || {
            #[cfg(target_os = "linux")]
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
            setrlimit(
                Resource::As,
                Rlimit {
                    current: Some(bytes),
                    maximum: Some(bytes),
                },
            )?;
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn confine(_command: &mut Command, _memory_mib: u64) {}
