//! The `pavilion` command line; the commands live in `pavilion::cli`.

use clap::Parser;

use pavilion::import_worker::{self, Job};

fn main() -> std::process::ExitCode {
    // An import run by the kiosk in a process of its own; not a command an
    // operator types, so not one of clap's.
    if let Some(job) = Job::from_args(std::env::args_os()) {
        return import_worker::serve(&job);
    }
    pavilion::cli::run(pavilion::cli::Cli::parse())
}
