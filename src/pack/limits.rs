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
/// Pixels of one raster image (a 64-megapixel photo is 9800×6500): the
/// kiosk decodes it whole to scale it, so its header is checked first.
pub const MAX_PIXELS: u64 = 64_000_000;
/// The bytes one image's pixels take decoded: 64 megapixels of 8-bit RGBA
/// (a 16-bit image reaches it at half the pixels).
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
/// How much of an image's start is read for its header when the first
/// `media::SNIFF_BYTES` do not hold it (a JPEG's metadata may come first).
pub const MAX_HEADER_BYTES: u64 = 8 * 1024 * 1024;
