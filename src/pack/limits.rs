//! The format's size limits, in one place so the checks and the messages
//! that name them agree.

/// A JSON file of the pack (manifest included).
pub const MAX_JSON_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Any one string inside a JSON file.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// Entities across all content files (every element of every array).
pub const MAX_ENTITIES: usize = 1_000_000;
