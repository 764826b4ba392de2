//! The kiosk shell: a full-screen window over the core. It opens the live
//! pack (or the bundled demo pack), exposes read-only commands to the UI,
//! scopes the asset protocol to the media store and imports packs that
//! arrive in the watched folders. Everything about packs
//! themselves lives in the `pavilion` core; this crate only adapts it.

mod commands;
#[cfg(test)]
mod contract;
mod error;
mod event;
#[cfg(test)]
mod grants;
mod inbox;
mod live;
mod lockdown;
mod rendering;

use pavilion::data_dir::{DataDir, Scratch};
use tauri::path::BaseDirectory;
use tauri::Manager;

use live::LiveContent;

/// Where the bundled demo pack is among the app's resources.
const DEMO_PACK: &str = "packs/waic-2021";

pub fn run() {
    rendering::choose();
    tauri::Builder::default()
        .plugin(lockdown::init())
        .setup(|app| {
            let data = DataDir::resolve(None);
            let demo_pack = app.path().resolve(DEMO_PACK, BaseDirectory::Resource)?;
            // Where the demo pack goes when the data folder cannot take it:
            // a private folder made at each start that needs it.
            let scratch = Scratch::from_env();
            let live = LiveContent::open(data, &demo_pack, &scratch)?;
            // Media only, non-recursive: the webview can read the images of
            // the packs and nothing else on disk.
            let scope = app.asset_protocol_scope();
            scope.allow_directory(live.data().media_dir(), false)?;
            scope.allow_directory(live.media_dir(), false)?;
            app.manage(live);
            // Without its inbox the kiosk still shows its content.
            if let Err(error) = inbox::start(app.handle().clone()) {
                eprintln!("pavilion: not watching for packs: {error}");
            }
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("pavilion: the kiosk could not start: {error}");
            std::process::exit(1);
        });
}
