//! How values sit in `content.db`'s columns: localised text, rendered HTML
//! and lists as JSON, times as RFC 3339. At the bottom of `store::content`:
//! every table uses it, and it uses none of them.

use rusqlite::types::{Type, Value};
use rusqlite::{Connection, Row, ToSql};
use serde::de::DeserializeOwned;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::model::{HitKind, SearchHit};
use crate::store::content::stored::Stored;

/// A value as a JSON column, in its stored form; `None` (JSON `null`)
/// becomes SQL NULL.
pub fn to_json<T: Stored>(value: &T) -> rusqlite::Result<Value> {
    match serde_json::to_string(&value.to_column()) {
        Ok(json) if json == "null" => Ok(Value::Null),
        Ok(json) => Ok(Value::Text(json)),
        Err(error) => Err(rusqlite::Error::ToSqlConversionFailure(Box::new(error))),
    }
}

/// A JSON column read back from its stored form; SQL NULL reads as JSON
/// `null` (so `Option`s).
pub fn from_json<T: Stored>(row: &rusqlite::Row, index: usize) -> rusqlite::Result<T>
where
    T::Column<'static>: DeserializeOwned,
{
    let text: Option<String> = row.get(index)?;
    let column = serde_json::from_str(text.as_deref().unwrap_or("null")).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(error))
    })?;
    Ok(T::from_column(column))
}

pub fn rfc3339(time: OffsetDateTime) -> rusqlite::Result<String> {
    time.format(&Rfc3339)
        .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))
}

/// Runs one insert, its statement prepared once per import and reused.
pub fn insert(db: &Connection, sql: &str, values: &[&dyn ToSql]) -> rusqlite::Result<()> {
    db.prepare_cached(sql)?.execute(values)?;
    Ok(())
}

/// A search hit for `kind` and `id` from its title, summary and picture
/// columns (the first three).
pub fn search_hit(row: &Row, kind: HitKind, id: String) -> rusqlite::Result<SearchHit> {
    Ok(SearchHit {
        kind,
        id,
        title: from_json(row, 0)?,
        summary: from_json(row, 1)?,
        image: from_json(row, 2)?,
    })
}
