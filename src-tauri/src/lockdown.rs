//! The kiosk's webview never leaves the kiosk's own UI. Pack content is
//! sanitised by the core and the UI swallows taps on links, but a booth
//! screen must hold even if something slips through both: this guard is the
//! last word on every navigation of every webview, and a visitor cannot be
//! taken to a website, a file or a `javascript:` URL.
//!
//! New windows need no guard of ours: the webview creates none unless a
//! handler for them is installed, and the kiosk installs none.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};

pub fn init<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("lockdown")
        .on_navigation(|_webview, url| {
            let allowed = is_own_ui(url);
            if !allowed {
                eprintln!("pavilion: navigation to {url} refused");
            }
            allowed
        })
        .build()
}

/// Whether `url` is the kiosk's embedded UI: `tauri://localhost` on Linux
/// and macOS, `http(s)://tauri.localhost` on Windows; and the Vite dev
/// server, in a development build only (one without `custom-protocol`).
fn is_own_ui(url: &Url) -> bool {
    let host = url.host_str();
    match url.scheme() {
        "tauri" => host == Some("localhost"),
        "http" | "https" if url.port().is_none() => host == Some("tauri.localhost"),
        "http" => tauri::is_dev() && host == Some("localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str) -> bool {
        is_own_ui(&Url::parse(url).unwrap())
    }

    #[test]
    fn the_embedded_ui_is_allowed() {
        assert!(allowed("tauri://localhost/"));
        assert!(allowed("tauri://localhost/index.html#exhibitors"));
        assert!(allowed("http://tauri.localhost/"));
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "https://example.com/",
            "http://localhost:1420/",
            "http://tauri.localhost.example.com/",
            "http://tauri.localhost:8080/",
            "tauri://example.com/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "about:blank",
        ] {
            assert!(!allowed(url), "{url} must be refused");
        }
    }
}
