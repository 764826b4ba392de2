//! `pavilion-kiosk --preview PACK`: the kiosk in an ordinary window on an
//! operator's laptop, showing PACK exactly as a booth would (the booth's
//! screen size, zoomed to fit), so that what goes on the stick is seen
//! first. It imports PACK into a private data folder of its own, made for
//! this run and removed after it, so no kiosk's data folder, settings or
//! statistics are touched; it watches no folder and writes no status.

use std::ffi::OsString;
use std::path::PathBuf;

use pavilion::data_dir::{DataDir, Scratch};

pub const USAGE: &str =
    "usage: pavilion-kiosk [--preview PACK [--landscape|--portrait] [--lang LANG]]";

/// The booth screens the UI is laid out for, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    fn booth_size(self) -> (f64, f64) {
        match self {
            Orientation::Portrait => (1080.0, 1920.0),
            Orientation::Landscape => (1920.0, 1080.0),
        }
    }
}

/// What the command line asks to preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub pack: PathBuf,
    pub orientation: Orientation,
    /// The language visits start in; the pack's first when not given.
    pub language: Option<String>,
}

impl Request {
    /// The preview the arguments (after the program's name) ask for; `None`
    /// for an ordinary kiosk; an error for arguments it does not take.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<Request>, String> {
        let mut args = args.into_iter();
        let mut pack = None;
        let mut orientation = None;
        let mut language = None;
        while let Some(arg) = args.next() {
            match arg.to_str() {
                Some("--preview") => {
                    pack = Some(PathBuf::from(
                        args.next()
                            .ok_or("--preview needs a pack: a folder or a .zip")?,
                    ));
                }
                Some("--landscape") => orientation = Some(Orientation::Landscape),
                Some("--portrait") => orientation = Some(Orientation::Portrait),
                Some("--lang") => {
                    let code = args.next().ok_or("--lang needs a language code, e.g. en")?;
                    language = Some(
                        code.into_string()
                            .map_err(|_| "--lang needs a language code, e.g. en")?,
                    );
                }
                _ => return Err(format!("unknown argument {}", arg.to_string_lossy())),
            }
        }
        match pack {
            Some(pack) => Ok(Some(Request {
                pack,
                orientation: orientation.unwrap_or(Orientation::Portrait),
                language,
            })),
            None if orientation.is_some() || language.is_some() => {
                Err("--landscape, --portrait and --lang go with --preview PACK".into())
            }
            None => Ok(None),
        }
    }

    /// Imports the pack into a new private data folder: the pack is
    /// verified exactly as a kiosk verifies it (a kiosk with no trusted key:
    /// a signature, if there is one, is not asked of it).
    pub fn open(self, scratch: &Scratch) -> pavilion::Result<Preview> {
        let folder = scratch.unique("pavilion-preview")?;
        let data = DataDir::at(folder.path());
        pavilion::import(&data, &self.pack)?;
        Ok(Preview {
            request: self,
            folder,
        })
    }
}

/// A running preview: its request and its data folder.
pub struct Preview {
    pub request: Request,
    folder: tempfile::TempDir,
}

impl Preview {
    pub fn data(&self) -> DataDir {
        DataDir::at(self.folder.path())
    }

    /// Removes the preview's data folder: nothing of it outlives the window.
    pub fn close(self) {
        let path = self.folder.path().to_path_buf();
        if let Err(error) = self.folder.close() {
            eprintln!(
                "pavilion: could not remove the preview's folder {}: {error}",
                path.display()
            );
        }
    }

    /// The window's size and the page's zoom for a monitor of
    /// `monitor` logical pixels: the booth's screen scaled to fit in nine
    /// tenths of it, never enlarged.
    pub fn fit(&self, monitor: Option<(f64, f64)>) -> ((f64, f64), f64) {
        fit(self.request.orientation, monitor)
    }
}

fn fit(orientation: Orientation, monitor: Option<(f64, f64)>) -> ((f64, f64), f64) {
    let (width, height) = orientation.booth_size();
    let zoom = monitor
        .map(|(screen_width, screen_height)| {
            (0.9 * screen_width / width)
                .min(0.9 * screen_height / height)
                .min(1.0)
        })
        .unwrap_or(0.5);
    ((width * zoom, height * zoom), zoom)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Result<Option<Request>, String> {
        Request::from_args(line.split_whitespace().map(OsString::from))
    }

    #[test]
    fn no_arguments_is_a_kiosk() {
        assert_eq!(args(""), Ok(None));
    }

    #[test]
    fn a_preview_takes_a_pack_an_orientation_and_a_language() {
        assert_eq!(
            args("--preview packs/fair.zip --landscape --lang en"),
            Ok(Some(Request {
                pack: "packs/fair.zip".into(),
                orientation: Orientation::Landscape,
                language: Some("en".into()),
            }))
        );
        assert_eq!(
            args("--preview fair").unwrap().unwrap().orientation,
            Orientation::Portrait
        );
    }

    #[test]
    fn wrong_arguments_are_refused_with_a_reason() {
        assert!(args("--preview").unwrap_err().contains("needs a pack"));
        assert!(args("--landscape")
            .unwrap_err()
            .contains("go with --preview"));
        assert!(args("--fullscreen")
            .unwrap_err()
            .contains("unknown argument --fullscreen"));
    }

    #[test]
    fn the_booth_screen_is_scaled_to_fit_a_laptop() {
        let ((width, height), zoom) = fit(Orientation::Portrait, Some((1920.0, 1080.0)));
        assert!(height <= 0.9 * 1080.0 + 0.5 && (width / height - 1080.0 / 1920.0).abs() < 1e-9);
        assert!((zoom - 0.9 * 1080.0 / 1920.0).abs() < 1e-9);
        // A screen larger than the booth's shows it at its own size.
        assert_eq!(
            fit(Orientation::Landscape, Some((3840.0, 2160.0))),
            ((1920.0, 1080.0), 1.0)
        );
    }

    #[test]
    fn a_preview_leaves_nothing_behind() {
        let parent = tempfile::tempdir().unwrap();
        let request = Request {
            pack: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../packs/waic-2021"),
            orientation: Orientation::Portrait,
            language: None,
        };
        let preview = request
            .open(&Scratch::InShared(parent.path().into()))
            .unwrap();
        assert!(pavilion::status(&preview.data()).unwrap().live.is_some());
        preview.close();
        assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_invalid_pack_is_not_previewed() {
        let parent = tempfile::tempdir().unwrap();
        let request = Request {
            pack: parent.path().join("no-such-pack"),
            orientation: Orientation::Portrait,
            language: None,
        };
        assert!(request
            .open(&Scratch::InShared(parent.path().into()))
            .is_err());
    }
}
