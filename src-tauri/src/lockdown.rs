//! The kiosk's webview never leaves the kiosk's own UI. Pack content is
//! sanitised by the core and the UI swallows taps on links, but a booth
//! screen must hold even if something slips through both: this guard is the
//! last word on every navigation of every webview, and a visitor cannot be
//! taken to a website, a file or a `javascript:` URL.
//!
//! New windows (`window.open`, `target=_blank`) are refused outright by each
//! window's own handler, rather than left to each platform's default: the
//! shell alone creates the kiosk's two windows.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::webview::NewWindowResponse;
use tauri::{Manager, Runtime, Url, WebviewWindow, WebviewWindowBuilder};

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

/// A window of the kiosk, as `tauri.conf.json` describes the one labelled
/// `label` (where it is not created on its own, so that it gets this
/// handler): the visitor's `main` and the operator's panel. Neither opens
/// another. `adjust` changes what a preview changes (an ordinary window).
pub fn window<'a, R: Runtime, M: Manager<R>>(
    app: &'a M,
    label: &str,
    adjust: impl FnOnce(WebviewWindowBuilder<'a, R, M>) -> WebviewWindowBuilder<'a, R, M>,
) -> tauri::Result<WebviewWindow<R>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == label)
        .ok_or(tauri::Error::WindowNotFound)?;
    adjust(WebviewWindowBuilder::from_config(app, config)?)
        .on_new_window(|url, _features| {
            eprintln!("pavilion: new window for {url} refused");
            NewWindowResponse::Deny
        })
        .build()
}

/// Whether `url` is the kiosk's embedded UI: `tauri://localhost` on Linux
/// and macOS, `http(s)://tauri.localhost` on Windows only (elsewhere that
/// name is an ordinary website's); and the Vite dev server, in a development
/// build only (one without `custom-protocol`).
fn is_own_ui(url: &Url) -> bool {
    let host = url.host_str();
    match url.scheme() {
        "tauri" => host == Some("localhost"),
        "http" | "https" if url.port().is_none() && host == Some("tauri.localhost") => {
            cfg!(windows)
        }
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
    }

    #[test]
    fn tauri_localhost_is_the_ui_on_windows_only() {
        for url in [
            "http://tauri.localhost/",
            "https://tauri.localhost/index.html",
        ] {
            assert_eq!(allowed(url), cfg!(windows), "{url}");
        }
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
