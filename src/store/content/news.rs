//! The `news` table: items with their publication and expiry times, for
//! the newest-first list that hides what has expired.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{HitKind, NewsItem, NewsSummary, SearchHit};
use crate::pack::News;
use crate::store::content::column::{from_json, insert, search_hit, to_json};

pub const SCHEMA: &str = "
CREATE TABLE news (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT, body TEXT,
    published TEXT NOT NULL, published_at INTEGER NOT NULL, expires_at INTEGER,
    source TEXT, source_url TEXT, image TEXT, tags TEXT NOT NULL, pinned INTEGER NOT NULL
);";

/// News whose `expires` has passed are hidden everywhere.
const VISIBLE_NEWS: &str = "(expires_at IS NULL OR expires_at > ?1)";
/// Pinned first, then newest first: the list's order and the search
/// index's.
pub const ORDER: &str = "ORDER BY pinned DESC, published_at DESC, id";

pub fn write(db: &Connection, news: &News) -> rusqlite::Result<()> {
    let News {
        item,
        published_at,
        expires_at,
    } = news;
    insert(
        db,
        "INSERT INTO news VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            item.id,
            to_json(&item.title)?,
            to_json(&item.summary)?,
            to_json(&item.body)?,
            item.published,
            published_at,
            expires_at,
            to_json(&item.source)?,
            item.source_url,
            to_json(&item.image)?,
            to_json(&item.tags)?,
            item.pinned,
        ],
    )
}

/// How many items are visible at `now` (unix seconds).
pub fn count(db: &Connection, now: i64) -> rusqlite::Result<u32> {
    db.query_row(
        &format!("SELECT count(*) FROM news WHERE {VISIBLE_NEWS}"),
        [now],
        |row| row.get(0),
    )
}

pub fn list(db: &Connection, now: i64) -> rusqlite::Result<Vec<NewsSummary>> {
    let sql = format!("SELECT id, title, summary, published, image, pinned, expires_at FROM news WHERE {VISIBLE_NEWS} {ORDER}");
    let mut statement = db.prepare(&sql)?;
    let rows = statement.query_map([now], |row| {
        Ok(NewsSummary {
            id: row.get(0)?,
            title: from_json(row, 1)?,
            summary: from_json(row, 2)?,
            published: row.get(3)?,
            image: from_json(row, 4)?,
            pinned: row.get(5)?,
            expires_at: row.get(6)?,
        })
    })?;
    rows.collect()
}

pub fn item(db: &Connection, id: &str, now: i64) -> rusqlite::Result<Option<NewsItem>> {
    let sql = format!("SELECT id, title, summary, body, published, source, source_url, image, tags, pinned FROM news WHERE id = ?2 AND {VISIBLE_NEWS}");
    db.query_row(&sql, params![now, id], item_from).optional()
}

/// An item from the columns `id, title, summary, body, published, source,
/// source_url, image, tags, pinned`.
pub fn item_from(row: &Row) -> rusqlite::Result<NewsItem> {
    Ok(NewsItem {
        id: row.get(0)?,
        title: from_json(row, 1)?,
        summary: from_json(row, 2)?,
        body: from_json(row, 3)?,
        published: row.get(4)?,
        source: from_json(row, 5)?,
        source_url: row.get(6)?,
        image: from_json(row, 7)?,
        tags: from_json(row, 8)?,
        pinned: row.get(9)?,
    })
}

/// Every item as the search index takes it (id, sort name, name, summary),
/// in the list's order.
pub fn search_rows() -> String {
    format!("SELECT id, NULL, title, summary FROM news {ORDER}")
}

/// An item as a search hit shows it; `None` when it has expired.
pub fn hit(db: &Connection, id: String, now: i64) -> rusqlite::Result<Option<SearchHit>> {
    db.prepare_cached(&format!(
        "SELECT title, summary, image FROM news WHERE id = ?2 AND {VISIBLE_NEWS}"
    ))?
    .query_row(params![now, &id], |row| {
        search_hit(row, HitKind::News, id.clone())
    })
    .optional()
}
