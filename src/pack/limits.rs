//! The format's size limits, in one place so the checks and the messages
//! that name them agree.

/// A JSON file of the pack (manifest included).
pub const MAX_JSON_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// `manifest.json`: it lists the pack's files and is read whole, before
/// anything else, by every kiosk and every check.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// Any one string inside a JSON file.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// Entities across all content files (every element of every array).
pub const MAX_ENTITIES: usize = 1_000_000;
/// All the files of a pack together, as they are unpacked: the sizes the
/// manifest lists must add up to no more, and no file is read past its
/// listed size, so an archive can never inflate past it.
pub const MAX_PACK_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Files and folders in a pack (entries of an archive). A large
/// conference's pack has a few tens of thousands; the cap keeps listing a
/// hostile archive or folder quick and small.
pub const MAX_FILES_AND_FOLDERS: usize = 100_000;
/// A path inside a pack (`media/logos/ibm.png`), in bytes of UTF-8: every
/// listing keeps each path, so with the limit on files it bounds what a
/// listing holds.
pub const MAX_PATH_BYTES: usize = 256;
/// A zip archive's own directory (a record per entry: its name, extra
/// field and comment). 100,000 entries take 10–20 MiB as zip tools write
/// them; the zip crate keeps the whole directory in memory.
pub const MAX_ZIP_DIRECTORY_BYTES: u64 = 32 * 1024 * 1024;
