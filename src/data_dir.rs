//! The kiosk's data folder and its layout, in one place so the importer, the
//! catalog, the CLI and the shell agree on where things are.
//!
//! ```text
//! DIR/inbox/                         packs dropped by hand or synced in
//! DIR/media/<sha256>.<ext>           media store, shared by every kept pack
//! DIR/packs/<pack>-<version>-<stamp>/content.db   one folder per kept pack
//! DIR/packs/<pack>-<version>-<stamp>/previous     the folder live before it (rollback)
//! DIR/packs/<pack>-<version>-<stamp>/signer       who signed that pack (`signing`)
//! DIR/packs/.tmp-*/                  an import in progress (removed if left over)
//! DIR/live                           the live pack's folder name (one line)
//! DIR/kiosk.db                       import history, inbox packs tried; survives pack switches
//! DIR/lock                           held (OS file lock) by the one import or rollback running
//! DIR/settings.json                  the operator's settings (watched folders, …)
//! DIR/trusted-keys/*.pub             minisign public keys whose packs are accepted (none: unsigned too)
//! ```

use std::path::{Path, PathBuf};

/// The environment variable naming the data folder.
pub const ENV_VAR: &str = "PAVILION_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The folder given explicitly (`--data-dir`), else `$PAVILION_DATA_DIR`,
    /// else the platform's application-data folder + `pavilion`.
    pub fn resolve(explicit: Option<PathBuf>) -> DataDir {
        let root = explicit
            .or_else(|| {
                std::env::var_os(ENV_VAR)
                    .filter(|value| !value.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| {
                dirs::data_dir()
                    .unwrap_or_else(|| PathBuf::from("."))
                    .join("pavilion")
            });
        DataDir { root }
    }

    /// A data folder at exactly this path.
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn inbox(&self) -> PathBuf {
        self.root.join("inbox")
    }

    pub fn media_dir(&self) -> PathBuf {
        self.root.join("media")
    }

    pub fn packs_dir(&self) -> PathBuf {
        self.root.join("packs")
    }

    /// The folder of the kept pack named `name` (a folder name in `packs/`).
    pub fn pack_dir(&self, name: &str) -> PathBuf {
        self.packs_dir().join(name)
    }

    /// The pointer to the live pack: a file holding its folder name.
    pub fn live_pointer(&self) -> PathBuf {
        self.root.join("live")
    }

    pub fn kiosk_db(&self) -> PathBuf {
        self.root.join("kiosk.db")
    }

    /// The file an import or rollback locks so that only one runs at a time.
    pub fn lock_file(&self) -> PathBuf {
        self.root.join("lock")
    }

    /// The minisign public keys whose signed packs this kiosk accepts.
    pub fn trusted_keys(&self) -> PathBuf {
        self.root.join("trusted-keys")
    }

    /// The operator's settings for this kiosk (`settings` module).
    pub fn settings_file(&self) -> PathBuf {
        self.root.join("settings.json")
    }
}

/// The content database inside a pack folder.
pub fn content_db(pack_dir: &Path) -> PathBuf {
    pack_dir.join("content.db")
}
