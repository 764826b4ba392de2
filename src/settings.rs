//! The operator's settings for one kiosk, kept in `DATA/settings.json`
//! beside (not inside) the packs, so that no pack import, rollback or failure
//! ever touches them. A plain JSON file because an operator edits it by hand
//! on the kiosk or copies it between booths; an unknown key is refused so a
//! typo does not silently do nothing.

use std::io::ErrorKind;
use std::path::PathBuf;

use serde::Deserialize;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Folders watched for packs besides `DATA/inbox/`: a USB stick's mount
    /// point, a synced folder. A folder that does not exist (the stick is
    /// not in) is simply looked at again later.
    pub watch_folders: Vec<PathBuf>,
}

impl Settings {
    /// The settings in `data`; the defaults when the file does not exist.
    pub fn load(data: &DataDir) -> Result<Settings> {
        let path = data.settings_file();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Settings::default()),
            Err(error) => return Err(Error::io(path, error)),
        };
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let pointer = error
                .path()
                .iter()
                .map(|segment| format!("/{segment}"))
                .collect::<String>();
            Error::InvalidSettings {
                path: path.clone(),
                message: format!("{pointer}: {}", error.inner()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_with(contents: Option<&str>) -> (tempfile::TempDir, DataDir) {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        if let Some(contents) = contents {
            std::fs::write(data.settings_file(), contents).unwrap();
        }
        (dir, data)
    }

    #[test]
    fn a_missing_file_means_the_defaults() {
        let (_dir, data) = data_with(None);
        assert_eq!(Settings::load(&data).unwrap(), Settings::default());
    }

    #[test]
    fn watch_folders_are_read() {
        let (_dir, data) = data_with(Some(r#"{"watch_folders": ["/media/usb", "/srv/sync"]}"#));
        assert_eq!(
            Settings::load(&data).unwrap().watch_folders,
            [PathBuf::from("/media/usb"), PathBuf::from("/srv/sync")]
        );
    }

    #[test]
    fn a_typo_is_refused_with_the_file_and_the_key() {
        let (_dir, data) = data_with(Some(r#"{"watch_folder": ["/media/usb"]}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(message.contains("settings.json"), "{message}");
        assert!(
            message.contains("unknown field `watch_folder`"),
            "{message}"
        );
        assert!(message.contains("expected `watch_folders`"), "{message}");
    }
}
