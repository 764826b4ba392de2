//! The live pack as the running kiosk holds it: one shared, read-only
//! `Catalog` that commands query, swapped whole when another pack goes live.
//!
//! Swapping an `Arc` means a command that started on the old pack finishes on
//! the old pack — the UI never reads half of one pack and half of another —
//! and the next command sees the new one. The `pack-changed` event then
//! tells the UI to refetch.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard};

use pavilion::data_dir::{DataDir, Scratch};
use pavilion::model::{KioskSettings, PackInfo};
use pavilion::settings::Settings;
use pavilion::store::{self, Catalog};
use tauri::{AppHandle, Manager, Runtime};

use crate::event::PACK_CHANGED;

pub struct LiveContent {
    /// The kiosk's data folder: its inbox, settings and imports.
    data: DataDir,
    shown: RwLock<Shown>,
    /// Set for an operator's preview: the language it asked for, if any.
    preview: Option<Option<String>>,
}

/// The pack on screen and the media store its pictures are in, swapped
/// together.
struct Shown {
    catalog: Arc<Catalog>,
    media_dir: PathBuf,
}

impl LiveContent {
    /// Opens the data folder's live pack, falling back to the newest kept
    /// pack that opens, then to the bundled demo pack (in the data folder,
    /// or in a `scratch` folder when the data folder cannot take it) so that
    /// the screen is never empty.
    pub fn open(
        data: DataDir,
        demo_pack: &Path,
        scratch: &Scratch,
    ) -> pavilion::Result<LiveContent> {
        let showing = store::open_for_kiosk(&data, demo_pack, scratch)?;
        for reason in &showing.passed_over {
            eprintln!("pavilion: {reason}; falling back");
        }
        if !showing.passed_over.is_empty() {
            let info = showing.catalog.pack_info();
            eprintln!(
                "pavilion: showing pack \"{}\" version {} from {}",
                info.pack,
                info.version,
                showing.content.root().display()
            );
        }
        Ok(LiveContent {
            data,
            shown: RwLock::new(Shown {
                catalog: Arc::new(showing.catalog),
                media_dir: showing.content.media_dir(),
            }),
            preview: None,
        })
    }

    /// Marks this as an operator's preview, whose visits start in
    /// `language` when given.
    pub fn previewing(self, language: Option<String>) -> LiveContent {
        LiveContent {
            preview: Some(language),
            ..self
        }
    }

    /// What the UI takes of the settings; a preview says it is one.
    pub fn kiosk_settings(&self) -> pavilion::Result<KioskSettings> {
        let mut settings = Settings::load(&self.data)?.kiosk();
        if let Some(language) = &self.preview {
            settings.preview = true;
            settings.language = language.clone().or(settings.language);
        }
        Ok(settings)
    }

    fn shown(&self) -> RwLockReadGuard<'_, Shown> {
        // A poisoned lock only means a panic elsewhere while swapping; what
        // is inside is still whole, so keep serving it.
        self.shown
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        self.shown().catalog.clone()
    }

    /// The media store of the pack on screen, the one folder the asset
    /// protocol serves.
    pub fn media_dir(&self) -> PathBuf {
        self.shown().media_dir.clone()
    }

    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// Serves the data folder's live pack from now on, and tells the UI.
    pub fn reload<R: Runtime>(&self, app: &AppHandle<R>) -> pavilion::Result<PackInfo> {
        let catalog = Arc::new(Catalog::open_live(&self.data)?);
        let info = catalog.pack_info();
        *self
            .shown
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Shown {
            catalog,
            media_dir: self.data.media_dir(),
        };
        if let Err(error) = PACK_CHANGED.emit(app, &info) {
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
