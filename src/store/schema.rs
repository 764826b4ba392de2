//! What a database says when its schema is not the one this build knows:
//! shared by `content.db` and `kiosk.db`, and using neither.

/// The error for a database whose schema this build does not know.
pub fn schema_mismatch(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
        Some(message),
    )
}
