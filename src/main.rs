//! The `pavilion` command line; the commands live in `pavilion::cli`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    pavilion::cli::run(pavilion::cli::Cli::parse())
}
