//! The kiosk's status file for the organiser (`pavilion::fleet`): written
//! every minute by a task on Tauri's async runtime, and after each import
//! the inbox makes. A status that cannot be written is logged; the kiosk
//! goes on showing its content.

use pavilion::fleet::{self, WRITE_EVERY};
use pavilion::settings::Settings;
use tauri::{AppHandle, Runtime};
use time::OffsetDateTime;

use crate::live::LiveContentExt;
use crate::vitals::VitalsExt;

/// Writes the status now, if the settings name a status folder.
pub fn write<R: Runtime>(app: &AppHandle<R>, settings: &Settings) {
    let written = fleet::write_status(
        app.live_content().data(),
        settings,
        &app.vitals().presence(),
        OffsetDateTime::now_utc(),
    );
    if let Err(error) = written {
        eprintln!("pavilion: the fleet status was not written: {error}");
    }
}

/// Writes the status every `WRITE_EVERY`, the first time at once.
pub fn start<R: Runtime>(app: AppHandle<R>, settings: Settings) {
    if settings.status_folder.is_none() {
        return;
    }
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval(WRITE_EVERY);
        loop {
            ticks.tick().await;
            let (app, settings) = (app.clone(), settings.clone());
            // Reading the store and fsyncing block: off the runtime's workers.
            let writing = tauri::async_runtime::spawn_blocking(move || write(&app, &settings));
            if let Err(error) = writing.await {
                eprintln!("pavilion: the fleet status writer failed: {error}");
            }
        }
    });
}
