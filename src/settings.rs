//! The operator's settings for one kiosk, kept in `DATA/settings.json`
//! beside (not inside) the packs, so that no pack import, rollback or failure
//! ever touches them. A plain JSON file because an operator edits it by hand
//! on the kiosk or copies it between booths; an unknown key is refused so a
//! typo does not silently do nothing.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::import_worker::Limits;
use crate::model::{KioskSettings, OperatorSettings};
use crate::store::{durable, Catalog};

/// The idle time when the settings do not give one: long enough to read a
/// page, short enough that the next visitor finds the attract loop.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;

/// The import worker's address space when the settings do not give one:
/// the kiosk's binary maps its web engine's libraries too, and an import
/// of any pack within the format's limits needs far less than the rest.
pub const DEFAULT_IMPORT_MEMORY_MIB: u32 = 2048;

/// The address spaces an operator may give the import worker, in MiB.
pub const IMPORT_MEMORY_MIB_RANGE: std::ops::RangeInclusive<u32> = 16..=65536;

/// The import's time when the settings do not give one: a pack of the
/// format's largest size copied from a slow USB stick.
pub const DEFAULT_IMPORT_TIMEOUT_SECONDS: u32 = 30 * 60;

/// The import times an operator may choose.
pub const IMPORT_TIMEOUT_SECONDS_RANGE: std::ops::RangeInclusive<u32> = 1..=86_400;

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
    /// The language every visit starts in (`zh`, `en`); the pack's first
    /// language when unset or when the live pack does not have it.
    pub language: Option<String>,
    /// The address space, in MiB, of the process a kiosk imports a pack
    /// in: a pack that needs more stops that process, never the kiosk.
    pub import_memory_mib: u32,
    /// Seconds an import may take before the kiosk stops it.
    pub import_timeout_seconds: u32,
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
            language: None,
            import_memory_mib: DEFAULT_IMPORT_MEMORY_MIB,
            import_timeout_seconds: DEFAULT_IMPORT_TIMEOUT_SECONDS,
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
        Settings::parse(&path, &bytes)
    }

    /// The settings in `bytes`, the contents of `path`, checked as `load`
    /// checks them.
    fn parse(path: &Path, bytes: &[u8]) -> Result<Settings> {
        let invalid = |message: String| Error::InvalidSettings {
            path: path.to_path_buf(),
            message,
        };
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let settings: Settings =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
                let pointer = error
                    .path()
                    .iter()
                    .map(|segment| format!("/{segment}"))
                    .collect::<String>();
                invalid(format!("{pointer}: {}", error.inner()))
            })?;
        for (key, value, range, unit) in [
            (
                "idle_seconds",
                settings.idle_seconds,
                IDLE_SECONDS_RANGE,
                "seconds",
            ),
            (
                "import_memory_mib",
                settings.import_memory_mib,
                IMPORT_MEMORY_MIB_RANGE,
                "MiB",
            ),
            (
                "import_timeout_seconds",
                settings.import_timeout_seconds,
                IMPORT_TIMEOUT_SECONDS_RANGE,
                "seconds",
            ),
        ] {
            if !range.contains(&value) {
                return Err(invalid(format!(
                    "/{key}: {value} is outside {}..={} {unit}",
                    range.start(),
                    range.end()
                )));
            }
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

    /// What a kiosk's import worker may take.
    pub fn import_limits(&self) -> Limits {
        Limits {
            memory_mib: u64::from(self.import_memory_mib),
            timeout: Duration::from_secs(u64::from(self.import_timeout_seconds)),
        }
    }

    /// What the operator's panel may change.
    pub fn operator(&self) -> OperatorSettings {
        OperatorSettings {
            idle_seconds: self.idle_seconds,
            spot: self.spot.clone(),
            language: self.language.clone(),
            go_live: self.go_live,
            stats_queries: self.stats_queries,
        }
    }

    /// Writes the panel's `changes` into `DATA/settings.json` and returns
    /// the settings now in force. Every other key of the file stays as it
    /// was, by value and order; the keys the panel sets are replaced (or
    /// removed, for a `null` spot or language, which the defaults then
    /// fill). The result is checked as `load` checks a file, and nothing is
    /// written when it fails. The file is replaced atomically and durably
    /// (temp file, fsync, rename, fsync of the folder): a power cut leaves
    /// the old settings or the new ones.
    ///
    /// With `live`, the spot must be one of its spots and the language one
    /// of its languages: the panel offers only those, and a kiosk placed at
    /// a spot its pack does not have would show no "you are here".
    ///
    /// A file that exists but is not a JSON object is not overwritten:
    /// whatever an operator wrote there by hand is theirs to fix.
    pub fn save_operator(
        data: &DataDir,
        changes: &OperatorSettings,
        live: Option<&Catalog>,
    ) -> Result<Settings> {
        let path = data.settings_file();
        let invalid = |message: String| Error::InvalidSettings {
            path: path.clone(),
            message,
        };
        if let Some(live) = live {
            let info = live.pack_info();
            if let Some(spot) = &changes.spot {
                if live.spot(spot).is_err() {
                    return Err(invalid(format!(
                        "/spot: \"{spot}\" is not a spot of the live pack \"{}\": choose one of its spots",
                        info.pack
                    )));
                }
            }
            if let Some(language) = &changes.language {
                if !info.languages.contains(language) {
                    return Err(invalid(format!(
                        "/language: \"{language}\" is not a language of the live pack \"{}\": choose one of {}",
                        info.pack,
                        info.languages.join(", ")
                    )));
                }
            }
        }
        let mut object = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
                Ok(serde_json::Value::Object(object)) => object,
                Ok(_) => return Err(invalid("not a JSON object: fix or remove the file".into())),
                Err(error) => return Err(invalid(format!("{error}: fix or remove the file"))),
            },
            Err(error) if error.kind() == ErrorKind::NotFound => serde_json::Map::new(),
            Err(error) => return Err(Error::io(path, error)),
        };
        let set = |object: &mut serde_json::Map<String, serde_json::Value>, key: &str, value| {
            match value {
                serde_json::Value::Null => object.remove(key),
                value => object.insert(key.to_owned(), value),
            };
        };
        let json = |value: serde_json::Result<serde_json::Value>| value.unwrap_or_default();
        set(&mut object, "idle_seconds", changes.idle_seconds.into());
        set(
            &mut object,
            "spot",
            json(serde_json::to_value(&changes.spot)),
        );
        set(
            &mut object,
            "language",
            json(serde_json::to_value(&changes.language)),
        );
        set(
            &mut object,
            "go_live",
            json(serde_json::to_value(changes.go_live)),
        );
        set(&mut object, "stats_queries", changes.stats_queries.into());
        let mut bytes = serde_json::to_vec_pretty(&object)
            .map_err(|error| invalid(format!("cannot be written: {error}")))?;
        bytes.push(b'\n');
        let settings = Settings::parse(&path, &bytes)?;
        if let Some(root) = path.parent() {
            std::fs::create_dir_all(root).map_err(|error| Error::io(root, error))?;
        }
        durable::replace_file(&path, &bytes)?;
        Ok(settings)
    }

    /// What the kiosk UI needs of the settings.
    pub fn kiosk(&self) -> KioskSettings {
        KioskSettings {
            idle_seconds: self.idle_seconds,
            spot: self.spot.clone(),
            language: self.language.clone(),
            preview: false,
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
    fn the_start_language_reaches_the_ui() {
        let (_dir, data) = data_with(Some(r#"{"language": "en"}"#));
        let kiosk = Settings::load(&data).unwrap().kiosk();
        assert_eq!(kiosk.language.as_deref(), Some("en"));
        assert!(!kiosk.preview);
    }

    #[test]
    fn import_limits_are_read_default_sensibly_and_are_bounded() {
        let (_dir, data) = data_with(Some(
            r#"{"import_memory_mib": 512, "import_timeout_seconds": 60}"#,
        ));
        assert_eq!(
            Settings::load(&data).unwrap().import_limits(),
            Limits {
                memory_mib: 512,
                timeout: Duration::from_secs(60)
            }
        );
        assert_eq!(
            Settings::default().import_limits(),
            Limits {
                memory_mib: 2048,
                timeout: Duration::from_secs(1800)
            }
        );
        let (_dir, data) = data_with(Some(r#"{"import_memory_mib": 8}"#));
        let message = Settings::load(&data).unwrap_err().to_string();
        assert!(
            message.contains("/import_memory_mib: 8 is outside 16..=65536 MiB"),
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

    fn panel_settings() -> OperatorSettings {
        OperatorSettings {
            idle_seconds: 45,
            spot: Some("hall-1-entrance".into()),
            language: Some("en".into()),
            go_live: GoLive::Confirm,
            stats_queries: false,
        }
    }

    #[test]
    fn the_panel_s_settings_are_written_and_every_other_key_is_kept() {
        let (_dir, data) = data_with(Some(
            r#"{"watch_folders": ["/media/usb"], "kiosk_name": "Hall 1", "language": "zh", "idle_seconds": 90}"#,
        ));
        let settings = Settings::save_operator(&data, &panel_settings(), None).unwrap();
        assert_eq!(settings.operator(), panel_settings());
        assert_eq!(Settings::load(&data).unwrap(), settings);
        assert_eq!(settings.watch_folders, [PathBuf::from("/media/usb")]);
        assert_eq!(settings.kiosk_name.as_deref(), Some("Hall 1"));
        let text = std::fs::read_to_string(data.settings_file()).unwrap();
        let keys: Vec<&str> = [
            "watch_folders",
            "kiosk_name",
            "language",
            "idle_seconds",
            "spot",
        ]
        .into_iter()
        .filter(|key| text.contains(&format!("\"{key}\"")))
        .collect();
        assert_eq!(keys.len(), 5, "{text}");
        assert!(
            text.find("watch_folders") < text.find("kiosk_name"),
            "the file's own order is kept: {text}"
        );
        let cleared = OperatorSettings {
            spot: None,
            language: None,
            ..panel_settings()
        };
        Settings::save_operator(&data, &cleared, None).unwrap();
        let text = std::fs::read_to_string(data.settings_file()).unwrap();
        assert!(
            !text.contains("\"spot\"") && !text.contains("\"language\""),
            "{text}"
        );
        assert!(text.contains("kiosk_name"), "{text}");
    }

    #[test]
    fn the_panel_s_settings_go_to_a_new_file_with_nothing_left_beside_it() {
        let (dir, data) = data_with(None);
        Settings::save_operator(&data, &panel_settings(), None).unwrap();
        assert_eq!(Settings::load(&data).unwrap().operator(), panel_settings());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["settings.json"], "no temp file is left behind");
    }

    #[test]
    fn invalid_panel_settings_are_refused_by_key_and_nothing_is_written() {
        let before = r#"{"kiosk_name": "Hall 1"}"#;
        let (_dir, data) = data_with(Some(before));
        let too_short = OperatorSettings {
            idle_seconds: 2,
            ..panel_settings()
        };
        let message = Settings::save_operator(&data, &too_short, None)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("settings.json: /idle_seconds: 2 is outside 5..=3600 seconds"),
            "{message}"
        );
        assert_eq!(
            std::fs::read_to_string(data.settings_file()).unwrap(),
            before
        );

        let (_dir, data) = data_with(Some("[1, 2]"));
        let message = Settings::save_operator(&data, &panel_settings(), None)
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a JSON object"), "{message}");
        assert_eq!(
            std::fs::read_to_string(data.settings_file()).unwrap(),
            "[1, 2]"
        );
    }
}
