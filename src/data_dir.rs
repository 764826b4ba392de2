//! The kiosk's data folder and its layout, in one place so the importer, the
//! catalog, the CLI and the shell agree on where things are.
//!
//! ```text
//! DIR/inbox/                         packs dropped by hand or synced in
//! DIR/media/<sha256>.<ext>           media store, shared by every kept pack
//! DIR/packs/<pack>-<version>-<stamp>/content.db   one folder per kept pack
//! DIR/packs/<pack>-<version>-<stamp>/previous     the folder live before it (rollback)
//! DIR/packs/<pack>-<version>-<stamp>/signer       who signed that pack (`signing`)
//! DIR/packs/<pack>-<version>-<stamp>/pack/        the pack as it arrived (`pack export`)
//! DIR/packs/.tmp-*/                  an import in progress (removed if left over)
//! DIR/live                           the live pack's folder name (one line)
//! DIR/kiosk.db                       import history, inbox packs tried; survives pack switches
//! DIR/lock                           held (OS file lock) by the one import or rollback running
//! DIR/settings.json                  the operator's settings (watched folders, …)
//! DIR/staged                         a pack folder name waiting to go live (settings' go_live: confirm)
//! DIR/stats.db                       visitor statistics, hourly counters (`stats`); survives pack switches
//! DIR/operator-pin                   the operator's PIN as an argon2id PHC string (0600)
//! DIR/operator-lockout.json          wrong PINs: failures, lock-out, the lock-outs' log (0600)
//! DIR/trusted-keys/*.pub             minisign public keys whose packs are accepted (none: unsigned too)
//! ```

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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

    /// Bytes free for an unprivileged writer on the disk holding the data
    /// folder; `None` when unknown (the folder is missing, not unix).
    pub fn free_space(&self) -> Option<u64> {
        #[cfg(unix)]
        {
            let stats = rustix::fs::statvfs(&self.root).ok()?;
            Some(stats.f_bavail.saturating_mul(stats.f_frsize))
        }
        #[cfg(not(unix))]
        None
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

    /// The pointer to the pack waiting to go live: its folder name.
    pub fn staged_pointer(&self) -> PathBuf {
        self.root.join("staged")
    }

    /// Visitor statistics (`stats`).
    pub fn stats_db(&self) -> PathBuf {
        self.root.join("stats.db")
    }

    /// The operator's PIN, hashed (`operator::pin`).
    pub fn operator_pin(&self) -> PathBuf {
        self.root.join("operator-pin")
    }

    /// Wrong PINs and lock-outs (`operator::pin`).
    pub fn operator_lockout(&self) -> PathBuf {
        self.root.join("operator-lockout.json")
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

/// Where a kiosk whose data folder cannot be written puts the demo pack it
/// shows. The folder holds what the screen shows and the pictures the
/// webview is allowed to read, so no other user may create, replace or
/// read it: it is made fresh at each start that needs it, mode 0700, and
/// never reused from a place others can write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scratch {
    /// A folder only this user can write to (`$XDG_RUNTIME_DIR`): the
    /// scratch folder is `pavilion-demo` in it, rebuilt at each start.
    InPrivate(PathBuf),
    /// A folder others can write to (the system's temporary folder): each
    /// start makes a new folder with a random name in it, so a folder made
    /// there in advance by someone else is never used.
    InShared(PathBuf),
}

/// The name of the scratch folder inside a private folder.
const SCRATCH_NAME: &str = "pavilion-demo";

impl Scratch {
    /// `$XDG_RUNTIME_DIR` when it is set to an absolute path, else the
    /// system's temporary folder.
    pub fn from_env() -> Scratch {
        match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
            Some(dir) if dir.is_absolute() => Scratch::InPrivate(dir),
            _ => Scratch::InShared(std::env::temp_dir()),
        }
    }

    /// Makes the scratch folder, empty and private (mode 0700), replacing
    /// what an earlier start left in a private one: an older demo pack (the
    /// app was upgraded) or the same one, which an import would refuse as
    /// "not newer".
    pub fn create(&self) -> Result<DataDir> {
        match self {
            Scratch::InPrivate(parent) => {
                let root = parent.join(SCRATCH_NAME);
                // Removes a link itself, never what it points to.
                match fs::remove_dir_all(&root) {
                    Err(error) if error.kind() != ErrorKind::NotFound => {
                        return Err(Error::io(root, error))
                    }
                    _ => {}
                }
                private_dir_builder()
                    .create(&root)
                    .map_err(|error| Error::io(&root, error))?;
                Ok(DataDir::at(root))
            }
            Scratch::InShared(_) => Ok(DataDir::at(self.unique(SCRATCH_NAME)?.keep())),
        }
    }

    /// A new private folder (mode 0700) with a random name starting with
    /// `prefix`, that no other run uses; removed when dropped. A preview's
    /// data folder is one.
    pub fn unique(&self, prefix: &str) -> Result<tempfile::TempDir> {
        let (Scratch::InPrivate(parent) | Scratch::InShared(parent)) = self;
        let prefix = format!("{prefix}-");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(PRIVATE));
        builder
            .tempdir_in(parent)
            .map_err(|error| Error::io(parent, error))
    }
}

/// Read, write and enter for the owner only.
#[cfg(unix)]
const PRIVATE: u32 = 0o700;

/// Creates one folder (failing if anything is already there), readable and
/// writable by its owner only.
fn private_dir_builder() -> fs::DirBuilder {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE);
    builder
}
