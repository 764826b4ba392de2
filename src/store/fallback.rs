//! What a kiosk shows when it starts, so that its screen is never empty: the
//! live pack; when it does not open, the newest kept pack that does (the
//! one `rollback` would reach first); when there is none, the bundled demo
//! pack imported into the data folder; and when the data folder cannot take
//! it (a read-only disk, a full one, a path that is not a folder), the demo
//! pack imported into a private scratch folder made at each start. The data
//! folder itself is then left exactly as it was for the operator to inspect
//! (a kept pack is shown, not made live), and a pack that arrives later
//! still goes live there. The demo pack is part of the app, not a pack from
//! outside: it is imported whatever keys the data folder trusts.
//!
//! Opening a pack here checks what a start can afford whatever the pack's
//! size: its schema version, its pack row, and that the file is as long as
//! its header says (a copy or disk cut short). `PRAGMA quick_check` reads
//! every page, which for a large pack would keep the screen black.

use std::path::Path;

use crate::data_dir::{DataDir, Scratch};
use crate::error::{Error, Result};
use crate::store::import::import_bundled;
use crate::store::live::PackFolders;
use crate::store::Catalog;

/// The pack a starting kiosk shows, and where it is.
pub struct Showing {
    pub catalog: Catalog,
    /// The folder the catalog's pack and media are in: the kiosk's data
    /// folder, or the scratch folder of the last fallback.
    pub content: DataDir,
    /// Why each earlier choice was passed over, in order, for the log: each
    /// names the pack folder or data folder it is about.
    pub passed_over: Vec<Error>,
}

/// Opens what the kiosk shows at start (see the module's comment). Fails only
/// when even the scratch folder cannot take the demo pack.
pub fn open_for_kiosk(data: &DataDir, demo_pack: &Path, scratch: &Scratch) -> Result<Showing> {
    let mut passed_over = Vec::new();
    let in_data_folder = newest_that_opens(data, &mut passed_over)
        .ok_or(())
        .or_else(|()| {
            import_bundled(data, demo_pack)
                .and_then(|_| Catalog::open_live(data))
                .map_err(|error| passed_over.push(error))
        });
    if let Ok(catalog) = in_data_folder {
        return Ok(Showing {
            catalog,
            content: data.clone(),
            passed_over,
        });
    }
    let scratch = scratch.create()?;
    import_bundled(&scratch, demo_pack)?;
    Ok(Showing {
        catalog: Catalog::open_live(&scratch)?,
        content: scratch,
        passed_over,
    })
}

/// The live pack, else the first kept pack on the way `rollback` steps back
/// that opens. Packs rolled back from are not among them: the operator
/// turned them away.
fn newest_that_opens(data: &DataDir, passed_over: &mut Vec<Error>) -> Option<Catalog> {
    let folders = PackFolders::read(data)
        .map_err(|error| passed_over.push(error))
        .ok()?;
    let Some(live) = &folders.live else {
        passed_over.push(Error::NoLivePack {
            data_dir: data.root().to_path_buf(),
        });
        return None;
    };
    std::iter::once(live)
        .chain(&folders.rollback)
        .find_map(|folder| {
            Catalog::open(&data.pack_dir(folder))
                .map_err(|error| passed_over.push(error))
                .ok()
        })
}
