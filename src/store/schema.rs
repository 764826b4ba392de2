//! Schemas that grow: what a database says when its schema is not the one
//! this build knows, and how the databases that outlive packs (`kiosk.db`,
//! `stats.db`) are opened and migrated. Shared by them and `content.db`,
//! and using none of them.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ToSql, TransactionBehavior};

/// The error for a database whose schema this build does not know.
pub fn schema_mismatch(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
        Some(message),
    )
}

/// Opens (creating it if needed) a database that outlives packs, sets
/// `pragmas` in order, then applies its `migrations` ([`migrate`]). The
/// kiosk and the CLI may both use it at once (the CLI reads while the
/// kiosk writes, or imports while it runs): WAL lets readers go on during
/// a write, and the busy timeout makes a second writer wait rather than
/// fail.
pub fn open_migrated(
    path: &Path,
    name: &str,
    migrations: &[&str],
    pragmas: &[(&str, &dyn ToSql)],
) -> rusqlite::Result<Connection> {
    let mut connection = Connection::open(path)?;
    connection.busy_timeout(Duration::from_secs(5))?;
    connection
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    for (pragma, value) in pragmas {
        connection.pragma_update(None, pragma, value)?;
    }
    migrate(&mut connection, name, migrations)?;
    Ok(connection)
}

/// Applies `migrations[n..]` to a database at `user_version` n, with the
/// `user_version` bump, in one transaction: a failed migration leaves the
/// old schema, never half of the new one. Migration `n` takes the schema
/// from n to n + 1; `name` says which database in the error for one newer
/// than this build.
pub fn migrate(
    connection: &mut Connection,
    name: &str,
    migrations: &[&str],
) -> rusqlite::Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = transaction.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let current = usize::try_from(current).unwrap_or(usize::MAX);
    if current > migrations.len() {
        return Err(schema_mismatch(format!(
            "{name} has schema {current}, newer than this Pavilion's {}",
            migrations.len()
        )));
    }
    for migration in &migrations[current..] {
        transaction.execute_batch(migration)?;
    }
    transaction.pragma_update(None, "user_version", migrations.len() as i64)?;
    transaction.commit()
}
