//! What a kiosk shows when it starts, so that its screen is never empty: the
//! live pack; when there is none or it does not open, the bundled demo pack
//! imported into the data folder; and when the data folder cannot take it
//! (a read-only disk, a full one, a path that is not a folder), the demo
//! pack imported into a scratch folder that is rebuilt at each start. The
//! data folder itself is then left exactly as it was for the operator to
//! inspect, and a pack that arrives later still goes live there. The demo
//! pack is part of the app, not a pack from outside: it is imported
//! whatever keys the data folder trusts.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::store::import::import_bundled;
use crate::store::Catalog;

/// The pack a starting kiosk shows, and where it is.
pub struct Showing {
    pub catalog: Catalog,
    /// The folder the catalog's pack and media are in: the kiosk's data
    /// folder, or the scratch folder of the last fallback.
    pub content: DataDir,
    /// Why each earlier choice was passed over, in order, for the log.
    pub passed_over: Vec<Error>,
}

/// Opens what the kiosk shows at start (see the module's comment). Fails only
/// when even the scratch folder cannot take the demo pack.
pub fn open_for_kiosk(data: &DataDir, demo_pack: &Path, scratch: &DataDir) -> Result<Showing> {
    let mut passed_over = Vec::new();
    let in_data_folder = Catalog::open_live(data).or_else(|error| {
        passed_over.push(error);
        import_bundled(data, demo_pack).and_then(|_| Catalog::open_live(data))
    });
    match in_data_folder {
        Ok(catalog) => {
            return Ok(Showing {
                catalog,
                content: data.clone(),
                passed_over,
            })
        }
        Err(error) => passed_over.push(error),
    }
    // A scratch folder left by an earlier start may hold an older demo pack
    // (the app was upgraded) or the same one ("not newer"): start afresh.
    match fs::remove_dir_all(scratch.root()) {
        Err(error) if error.kind() != ErrorKind::NotFound => {
            return Err(Error::io(scratch.root(), error))
        }
        _ => {}
    }
    import_bundled(scratch, demo_pack)?;
    Ok(Showing {
        catalog: Catalog::open_live(scratch)?,
        content: scratch.clone(),
        passed_over,
    })
}
