//! The kiosk shell: a full-screen window over the core. It opens the live
//! pack (or the bundled demo pack), exposes read-only commands to the UI,
//! scopes the asset protocol to the media store and imports packs that
//! arrive in the watched folders. `--preview PACK` opens the same kiosk in
//! an ordinary window on an operator's laptop (`preview.rs`). Everything about packs
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
mod panel;
mod preview;
mod rendering;
mod stats_recorder;
mod vitals;
mod watchdog;

use std::error::Error;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use pavilion::data_dir::{DataDir, Scratch};
use pavilion::settings::Settings;
use tauri::path::BaseDirectory;
use tauri::{App, Manager, Runtime, WebviewWindow};

use live::LiveContent;
use panel::Panel;
use stats_recorder::StatsRecorder;
use vitals::Vitals;

/// Where the bundled demo pack is among the app's resources.
const DEMO_PACK: &str = "packs/waic-2021";

pub fn run() {
    // The kiosk's zone (TZ, else /etc/localtime; UTC when neither says):
    // its offset at each hour is kept with the statistics.
    let zone = jiff::tz::TimeZone::system();
    let started = Instant::now();
    let request =
        preview::Request::from_args(std::env::args_os().skip(1)).unwrap_or_else(|reason| {
            eprintln!("pavilion-kiosk: {reason}\n{}", preview::USAGE);
            std::process::exit(2);
        });
    rendering::choose();
    // Where the demo pack goes when the data folder cannot take it (a
    // private folder made at each start that needs it), and a preview's
    // data folder.
    let scratch = Scratch::from_env();
    // A preview's pack is imported before a window opens: an invalid pack
    // shows its problems to the operator, not a demo pack on screen.
    let preview = request.map(|request| {
        let pack = request.pack.clone();
        request.open(&scratch).unwrap_or_else(|error| {
            eprintln!("pavilion-kiosk: cannot preview {}: {error}", pack.display());
            if let pavilion::Error::InvalidPack { problems } = &error {
                problems.iter().for_each(|problem| eprintln!("{problem}"));
            }
            std::process::exit(1);
        })
    });
    let app = tauri::Builder::default()
        .plugin(lockdown::init())
        // The operator panel's export to a stick; `capabilities/operator.json`
        // grants its one write command to the panel, within the folders
        // `prepare_stats_export` allows at that moment.
        .plugin(tauri_plugin_fs::init())
        .setup(move |app| {
            let demo_pack = app.path().resolve(DEMO_PACK, BaseDirectory::Resource)?;
            match preview {
                Some(preview) => open_preview(app, preview, &demo_pack, &scratch),
                None => open_kiosk(app, &demo_pack, &scratch, zone, started),
            }
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("pavilion: the kiosk could not start: {error}");
            std::process::exit(1);
        });
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            // The last seconds of visits, which the flush task has not seen.
            if let Some(recorder) = app.try_state::<StatsRecorder>() {
                stats_recorder::flush(recorder.inner());
            }
            if let Some(preview) = app.try_state::<Previewing>() {
                if let Some(preview) = preview.0.lock().ok().and_then(|mut shown| shown.take()) {
                    preview.close();
                }
            }
        }
    });
}

/// The booth: full screen over the data folder's live pack, watching its
/// folders, reporting to systemd and the fleet, with the operator's panel
/// a gesture and a PIN away.
fn open_kiosk(
    app: &mut App,
    demo_pack: &Path,
    scratch: &Scratch,
    zone: jiff::tz::TimeZone,
    started: Instant,
) -> Result<(), Box<dyn Error>> {
    let live = LiveContent::open(DataDir::resolve(None), demo_pack, scratch)?;
    app.manage(Panel::new(
        app.handle().clone(),
        live.data().clone(),
        started,
    ));
    allow_media(app, &live)?;
    // Settings that do not parse must not stop the inbox: a pack
    // dropped into it is how an operator puts the kiosk right.
    let settings = Settings::load(live.data()).unwrap_or_else(|error| {
        eprintln!(
            "pavilion: {error}; using the defaults, watching only {}",
            live.data().inbox().display()
        );
        Settings::default()
    });
    app.manage(StatsRecorder::open(live.data(), &settings, zone));
    app.manage(live);
    app.manage(Vitals::new());
    stats_recorder::start(app.handle().clone());
    let window = lockdown::window(app, "main", |window| window)?;
    fill_monitor(&window);
    watchdog::reload_when_the_page_dies(&window);
    watchdog::start(app.handle().clone());
    fleet_status::start(app.handle().clone(), settings.clone());
    // Without its inbox the kiosk still shows its content.
    if let Err(error) = inbox::start(app.handle().clone(), settings) {
        eprintln!("pavilion: not watching for packs: {error}");
    }
    Ok(())
}

/// An operator's preview (`preview.rs`): an ordinary window the booth's
/// shape, zoomed to fit the screen, titled as a preview; nothing watched,
/// nothing reported.
fn open_preview(
    app: &mut App,
    preview: preview::Preview,
    demo_pack: &Path,
    scratch: &Scratch,
) -> Result<(), Box<dyn Error>> {
    let live = LiveContent::open(preview.data(), demo_pack, scratch)?
        .previewing(preview.request.language.clone());
    let info = live.catalog().pack_info();
    allow_media(app, &live)?;
    let monitor = app.primary_monitor()?.map(|monitor| {
        let size = monitor.size().to_logical::<f64>(monitor.scale_factor());
        (size.width, size.height)
    });
    let ((width, height), zoom) = preview.fit(monitor);
    let title_in = |language: &String| info.title.0.get(language);
    let title = preview
        .request
        .language
        .iter()
        .chain(&info.languages)
        .find_map(title_in)
        .unwrap_or(&info.pack);
    let title = format!("Preview — {title} (version {}) — Pavilion", info.version);
    app.manage(live);
    app.manage(Vitals::new());
    // A preview is not a visit.
    app.manage(StatsRecorder::off());
    app.manage(Previewing(Mutex::new(Some(preview))));
    let window = lockdown::window(app, "main", |window| {
        window
            .fullscreen(false)
            .decorations(true)
            .resizable(true)
            .title(title)
            .inner_size(width, height)
            .center()
    })?;
    window.set_zoom(zoom)?;
    watchdog::reload_when_the_page_dies(&window);
    Ok(())
}

/// The running preview, whose data folder goes when the app exits.
struct Previewing(Mutex<Option<preview::Preview>>);

/// Media only, non-recursive: the webview can read the images of the packs
/// and nothing else on disk.
fn allow_media(app: &App, live: &LiveContent) -> tauri::Result<()> {
    let scope = app.asset_protocol_scope();
    scope.allow_directory(live.data().media_dir(), false)?;
    scope.allow_directory(live.media_dir(), false)
}

/// Places the window over the whole primary monitor. Full screen is asked
/// of the window manager, and with none (a bare X server, as many kiosks
/// run) it is ignored: the window would sit at its default size in a corner.
pub(crate) fn fill_monitor<R: Runtime>(window: &WebviewWindow<R>) {
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
