// Keeps a console window from opening next to the kiosk on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use pavilion::import_worker::{self, Job};

fn main() -> ExitCode {
    // The kiosk imports each pack by starting itself again as an import
    // worker: no window, no web engine, the core's import and an answer.
    if let Some(job) = Job::from_args(std::env::args_os()) {
        return import_worker::serve(&job);
    }
    pavilion_kiosk::run();
    ExitCode::SUCCESS
}
