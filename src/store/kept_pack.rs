//! The pack as it arrived, kept in its pack folder (`pack/`) beside the
//! database built from it. The database holds what visitors see (rich text
//! rendered, media by hash); `pack export` of the live pack needs what the
//! operator wrote (Markdown, media paths), so the import keeps that too:
//! the manifest, its signature and the content files copied, the media
//! hard-linked from the media store (copied where a link cannot be made).
//! It is a convenience for operators, not part of what makes a pack live:
//! it is not fsynced, and a copy cut short by a crash fails `pack export`'s
//! validation with a clear problem rather than exporting something else.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::pack::manifest::{Manifest, MANIFEST, SIGNATURE};
use crate::pack::source::{self, PackSource};
use crate::pack::MediaFile;
use crate::store::live;

/// The kept pack's folder inside a pack folder.
const KEPT: &str = "pack";

/// Keeps the pack `source` (validated: its `manifest` and the `media` its
/// content refers to) in the pack folder `pack_dir`, the media store's
/// files in `data` being already there.
pub fn keep(
    data: &DataDir,
    pack_dir: &Path,
    source: &dyn PackSource,
    manifest: &Manifest,
    media: &BTreeMap<String, MediaFile>,
) -> Result<()> {
    let kept = pack_dir.join(KEPT);
    let copy = |path: &str, limit: u64| -> Result<()> {
        let target = kept.join(path);
        let copied = (|| {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut file = fs::File::create(&target)?;
            source::stream(source, path, limit, 0, &mut file)
        })();
        copied.map(drop).map_err(|error| Error::io(&target, error))
    };
    copy(MANIFEST, crate::pack::limits::MAX_MANIFEST_BYTES)?;
    if source.files()?.iter().any(|file| file.path == SIGNATURE) {
        copy(SIGNATURE, crate::pack::limits::MAX_MANIFEST_BYTES)?;
    }
    // A picture stored scaled is not the pack's file: only those stored as
    // they are can be linked.
    let as_they_are: BTreeMap<&str, &MediaFile> = media
        .values()
        .filter(|file| file.scaled.is_none())
        .map(|file| (file.path.as_str(), file))
        .collect();
    for (path, entry) in &manifest.files {
        let linked = as_they_are.get(path.as_str()).is_some_and(|file| {
            let target = kept.join(path);
            target
                .parent()
                .is_some_and(|parent| fs::create_dir_all(parent).is_ok())
                && fs::hard_link(data.media_dir().join(&file.store_name), &target).is_ok()
        });
        if !linked {
            copy(path, entry.bytes)?;
        }
    }
    Ok(())
}

/// The live pack as it arrived, a pack folder. `Error::NoLivePack` when
/// none is live; `Error::Io` (not found) when it was imported by a build
/// that kept no copy.
pub fn live_pack(data: &DataDir) -> Result<PathBuf> {
    let folder = live::read_pointer(data)?.ok_or_else(|| Error::NoLivePack {
        data_dir: data.root().to_path_buf(),
    })?;
    kept_pack(data, &folder)
}

/// The pack in the store folder `folder` (live, kept or staged) as it
/// arrived: what `pavilion-kiosk --preview` opens to show a staged pack.
/// `Error::Io` (not found) when it was imported by a build that kept no
/// copy.
pub fn kept_pack(data: &DataDir, folder: &str) -> Result<PathBuf> {
    let kept = data.pack_dir(folder).join(KEPT);
    if !kept.join(MANIFEST).is_file() {
        return Err(Error::io(
            kept,
            io::Error::new(
                io::ErrorKind::NotFound,
                "this pack was imported by an older Pavilion, which kept no copy of it: give the pack file itself",
            ),
        ));
    }
    Ok(kept)
}
