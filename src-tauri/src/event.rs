//! The events the shell sends the UI, each a name tied to the type of its
//! payload, so that what is emitted is what `contract.rs` tells the UI to
//! expect (`ui/src/lib/bindings/shell.ts`).

use std::marker::PhantomData;

use pavilion::model::{KioskSettings, PackInfo};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

/// Another pack went live; the UI refetches what it shows.
pub const PACK_CHANGED: Event<PackInfo> = Event::new("pack-changed");

/// The operator saved the settings: the visitor's screen re-reads them
/// (idle time, spot, language) without a restart.
pub const SETTINGS_CHANGED: Event<KioskSettings> = Event::new("settings-changed");

/// An event named `name` carrying a `P`.
pub struct Event<P> {
    pub name: &'static str,
    payload: PhantomData<fn(P)>,
}

impl<P: Serialize + Clone> Event<P> {
    const fn new(name: &'static str) -> Event<P> {
        Event {
            name,
            payload: PhantomData,
        }
    }

    /// Sends the event to every webview of `app`.
    pub fn emit<R: Runtime>(&self, app: &AppHandle<R>, payload: &P) -> tauri::Result<()> {
        app.emit(self.name, payload)
    }
}
