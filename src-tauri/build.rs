fn main() {
    // Declaring the app's commands makes Tauri generate one permission per
    // command; the capability file then grants exactly the ones the UI uses,
    // and nothing else is callable from the webview.
    let commands = tauri_build::AppManifest::new().commands(&[
        "get_home",
        "list_news",
        "get_news",
        "list_parks",
        "get_park",
        "get_directory_outline",
        "list_exhibitor_window",
        "get_exhibitor",
        "list_stand_exhibitors",
        "list_sessions",
        "get_session",
        "list_halls",
        "get_hall",
        "get_spot",
        "search",
        "list_slides",
        "get_media_dir",
        "get_kiosk_settings",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("tauri-build failed");
}
