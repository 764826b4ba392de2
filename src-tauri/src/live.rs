//! The live pack as the running kiosk holds it: one shared, read-only
//! `Catalog` that commands query, swapped whole when another pack goes live.
//!
//! Swapping an `Arc` means a command that started on the old pack finishes on
//! the old pack — the UI never reads half of one pack and half of another —
//! and the next command sees the new one. The `pack-changed` event then
//! tells the UI to refetch.

use std::path::Path;
use std::sync::{Arc, RwLock};

use pavilion::data_dir::DataDir;
use pavilion::model::PackInfo;
use pavilion::store::{self, Catalog};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event the UI listens for; its payload is the new live `PackInfo`.
pub const PACK_CHANGED: &str = "pack-changed";

pub struct LiveContent {
    data: DataDir,
    catalog: RwLock<Arc<Catalog>>,
}

impl LiveContent {
    /// Opens the data folder's live pack. When there is none, or it cannot be
    /// opened, the bundled demo pack is imported so the screen is never empty.
    pub fn open(data: DataDir, demo_pack: &Path) -> pavilion::Result<LiveContent> {
        let catalog = match Catalog::open_live(&data) {
            Ok(catalog) => catalog,
            Err(error) => {
                eprintln!(
                    "pavilion: {error}; falling back to the demo pack {}",
                    demo_pack.display()
                );
                store::import(&data, demo_pack)?;
                Catalog::open_live(&data)?
            }
        };
        Ok(LiveContent {
            data,
            catalog: RwLock::new(Arc::new(catalog)),
        })
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        // A poisoned lock only means a panic elsewhere while swapping an Arc;
        // the Arc inside is still whole, so keep serving it.
        self.catalog
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// Serves the data folder's live pack from now on, and tells the UI.
    pub fn reload<R: Runtime>(&self, app: &AppHandle<R>) -> pavilion::Result<PackInfo> {
        let catalog = Arc::new(Catalog::open_live(&self.data)?);
        let info = catalog.pack_info();
        *self
            .catalog
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = catalog;
        if let Err(error) = app.emit(PACK_CHANGED, &info) {
            eprintln!("pavilion: could not tell the UI that the pack changed: {error}");
        }
        Ok(info)
    }
}

/// Reaches the live content from anything that holds the app.
pub trait LiveContentExt<R: Runtime> {
    fn live_content(&self) -> &LiveContent;
}

impl<R: Runtime, M: Manager<R>> LiveContentExt<R> for M {
    fn live_content(&self) -> &LiveContent {
        self.state::<LiveContent>().inner()
    }
}
