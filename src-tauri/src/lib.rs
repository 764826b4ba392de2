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
mod fleet_status;
#[cfg(test)]
mod grants;
mod inbox;
mod live;
mod lockdown;
mod rendering;
mod vitals;
mod watchdog;

use pavilion::data_dir::{DataDir, Scratch};
use pavilion::settings::Settings;
use tauri::path::BaseDirectory;
use tauri::{Manager, Runtime, WebviewWindow};

use live::LiveContent;
use vitals::Vitals;

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
            // Settings that do not parse must not stop the inbox: a pack
            // dropped into it is how an operator puts the kiosk right.
            let settings = Settings::load(live.data()).unwrap_or_else(|error| {
                eprintln!(
                    "pavilion: {error}; using the defaults, watching only {}",
                    live.data().inbox().display()
                );
                Settings::default()
            });
            app.manage(live);
            app.manage(Vitals::new());
            let window = lockdown::main_window(app)?;
            fill_monitor(&window);
            watchdog::reload_when_the_page_dies(&window);
            watchdog::start(app.handle().clone());
            fleet_status::start(app.handle().clone(), settings.clone());
            // Without its inbox the kiosk still shows its content.
            if let Err(error) = inbox::start(app.handle().clone(), settings) {
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

/// Places the window over the whole primary monitor. Full screen is asked
/// of the window manager, and with none (a bare X server, as many kiosks
/// run) it is ignored: the window would sit at its default size in a corner.
fn fill_monitor<R: Runtime>(window: &WebviewWindow<R>) {
    let placed = window.primary_monitor().and_then(|monitor| {
        let Some(monitor) = monitor else {
            return Ok(());
        };
        window.set_position(*monitor.position())?;
        window.set_size(*monitor.size())
    });
    if let Err(error) = placed {
        eprintln!("pavilion: could not size the window to the screen: {error}");
    }
}
