//! The operator's settings for one kiosk, kept in `DATA/settings.json`
//! beside (not inside) the packs, so that no pack import, rollback or failure
//! ever touches them. A plain JSON file because an operator edits it by hand
//! on the kiosk or copies it between booths; an unknown key is refused so a
//! typo does not silently do nothing.

use std::io::ErrorKind;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::model::KioskSettings;

/// The idle time when the settings do not give one: long enough to read a
/// page, short enough that the next visitor finds the attract loop.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;

/// The longest kiosk name: one line of a status table.
pub const KIOSK_NAME_MAX: usize = 64;

/// The idle times an operator may choose. Below the minimum a visitor is
/// thrown out while reading; above the maximum the screen keeps the last
/// visitor's page for more than an hour.
pub const IDLE_SECONDS_RANGE: std::ops::RangeInclusive<u32> = 5..=3600;

/// How long visitor statistics are kept when the settings do not say:
/// a season of fairs, and a bounded database.
pub const DEFAULT_STATS_RETENTION_DAYS: u32 = 90;

/// The retention an operator may choose: at least a day (today's counts),
/// at most ten years.
pub const STATS_RETENTION_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=3650;

/// What a valid new pack does once imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoLive {
    /// It becomes live at once (an unattended kiosk, the default).
    #[default]
    Auto,
    /// It is built and kept beside the live pack, staged, until an operator
    /// makes it live (`pavilion pack live`, or the panel).
    Confirm,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Folders watched for packs besides `DATA/inbox/`: a USB stick's mount
    /// point, a synced folder. A folder that does not exist (the stick is
    /// not in) is simply looked at again later.
    pub watch_folders: Vec<PathBuf>,
    /// Seconds without a touch before the visit resets and the attract loop
    /// plays.
    pub idle_seconds: u32,
    /// Where this kiosk stands: the id of a spot in the live pack's venue,
    /// shown as "you are here" on the map. A spot the pack does not have is
    /// not shown (the pack may have changed since the kiosk was placed).
    pub spot: Option<String>,
    /// A name for this screen in the fleet's status (`pavilion fleet
    /// status`), e.g. "Hall 1 entrance"; its id stays the same if renamed.
    pub kiosk_name: Option<String>,
    /// Where this kiosk writes its status file for the organiser: a folder
    /// a sync engine sends to them (`docs/fleet.md`). None: no status file.
    pub status_folder: Option<PathBuf>,
    /// Whether a valid imported pack goes live at once or waits, staged,
    /// for an operator (`store::make_live`).
    pub go_live: GoLive,
    /// Whether visitor statistics keep what was searched for (normalised);
    /// false: only how many searches, and how many found nothing.
    pub stats_queries: bool,
    /// Days of visitor statistics kept; older hours are deleted as new
    /// ones are recorded.
    pub stats_retention_days: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            watch_folders: Vec::new(),
            idle_seconds: DEFAULT_IDLE_SECONDS,
            spot: None,
            kiosk_name: None,
            status_folder: None,
            go_live: GoLive::Auto,
            stats_queries: true,
            stats_retention_days: DEFAULT_STATS_RETENTION_DAYS,
        }
    }
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
        let invalid = |message: String| Error::InvalidSettings {
            path: path.clone(),
            message,
        };
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        let settings: Settings =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
                let pointer = error
                    .path()
                    .iter()
                    .map(|segment| format!("/{segment}"))
                    .collect::<String>();
                invalid(format!("{pointer}: {}", error.inner()))
            })?;
        if !IDLE_SECONDS_RANGE.contains(&settings.idle_seconds) {
            return Err(invalid(format!(
                "/idle_seconds: {} is outside {}..={} seconds",
                settings.idle_seconds,
                IDLE_SECONDS_RANGE.start(),
                IDLE_SECONDS_RANGE.end()
            )));
        }
        if !STATS_RETENTION_DAYS_RANGE.contains(&settings.stats_retention_days) {
            return Err(invalid(format!(
                "/stats_retention_days: {} is outside {}..={} days",
                settings.stats_retention_days,
                STATS_RETENTION_DAYS_RANGE.start(),
                STATS_RETENTION_DAYS_RANGE.end()
            )));
        }
        if let Some(name) = &settings.kiosk_name {
            let length = name.chars().count();
            if name.trim().is_empty()
                || length > KIOSK_NAME_MAX
                || name.chars().any(char::is_control)
            {
                return Err(invalid(format!(
                    "/kiosk_name: {name:?} must be 1 to {KIOSK_NAME_MAX} characters on one line"
                )));
            }
        }
        if let Some(folder) = &settings.status_folder {
            if !folder.is_absolute() {
                return Err(invalid(format!(
                    "/status_folder: {} is not an absolute path: write the whole path, e.g. /srv/pavilion-status",
                    folder.display()
                )));
            }
        }
        Ok(settings)
    }

    /// What the kiosk UI needs of the settings.
    pub fn kiosk(&self) -> KioskSettings {
        KioskSettings {
            idle_seconds: self.idle_seconds,
            spot: self.spot.clone(),
        }
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
    fn idle_time_and_spot_are_read_and_default_sensibly() {
        let (_dir, data) = data_with(Some(r#"{"idle_seconds": 45, "spot": "hall-1-entrance"}"#));
        let kiosk = Settings::load(&data).unwrap().kiosk();
        assert_eq!(kiosk.idle_seconds, 45);
        assert_eq!(kiosk.spot.as_deref(), Some("hall-1-entrance"));
        let (_dir, data) = data_with(Some("{}"));
        let kiosk = Settings::load(&data).unwrap().kiosk();
        assert_eq!(
            (kiosk.idle_seconds, kiosk.spot),
            (DEFAULT_IDLE_SECONDS, None)
        );
    }

    #[test]
    fn an_idle_time_out_of_range_names_the_key_and_the_range() {
        let (_dir, data) = data_with(Some(r#"{"idle_seconds": 2}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(message.contains("settings.json"), "{message}");
        assert!(
            message.contains("/idle_seconds: 2 is outside 5..=3600 seconds"),
            "{message}"
        );
    }

    #[test]
    fn kiosk_name_and_status_folder_are_read() {
        let (_dir, data) = data_with(Some(
            r#"{"kiosk_name": "Hall 1 entrance", "status_folder": "/srv/pavilion-status"}"#,
        ));
        let settings = Settings::load(&data).unwrap();
        assert_eq!(settings.kiosk_name.as_deref(), Some("Hall 1 entrance"));
        assert_eq!(
            settings.status_folder,
            Some(PathBuf::from("/srv/pavilion-status"))
        );
    }

    #[test]
    fn a_blank_name_or_a_relative_status_folder_is_refused_by_key() {
        let (_dir, data) = data_with(Some(r#"{"kiosk_name": "  "}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(message.contains("settings.json: /kiosk_name:"), "{message}");
        let (_dir, data) = data_with(Some(r#"{"status_folder": "status"}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(
            message.contains("/status_folder: status is not an absolute path"),
            "{message}"
        );
    }

    #[test]
    fn go_live_and_the_statistics_settings_are_read_and_default_sensibly() {
        let (_dir, data) = data_with(Some("{}"));
        let settings = Settings::load(&data).unwrap();
        assert_eq!(
            (
                settings.go_live,
                settings.stats_queries,
                settings.stats_retention_days
            ),
            (GoLive::Auto, true, DEFAULT_STATS_RETENTION_DAYS)
        );
        let (_dir, data) = data_with(Some(
            r#"{"go_live": "confirm", "stats_queries": false, "stats_retention_days": 30}"#,
        ));
        let settings = Settings::load(&data).unwrap();
        assert_eq!(
            (
                settings.go_live,
                settings.stats_queries,
                settings.stats_retention_days
            ),
            (GoLive::Confirm, false, 30)
        );
        let (_dir, data) = data_with(Some(r#"{"go_live": "later"}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(
            message.contains("/go_live: unknown variant `later`"),
            "{message}"
        );
        let (_dir, data) = data_with(Some(r#"{"stats_retention_days": 0}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(
            message.contains("/stats_retention_days: 0 is outside 1..=3650 days"),
            "{message}"
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
        assert!(
            message.contains("expected one of `watch_folders`"),
            "{message}"
        );
    }
}
