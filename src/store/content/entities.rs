//! Every entity of a `content.db`, back as validation handed it to the
//! import (`pack::Entity`), so that `pack diff` compares the live pack with
//! a pack file through the one path it reads packs by. Reads across the
//! tables, through each table's own queries where it has one.

use rusqlite::{Connection, Row};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::pack::{self, Entity, News};
use crate::store::content::column::from_json;
use crate::store::content::{event, exhibitors, news, parks, speakers, venue};

/// Puts every entity into `put`: the event first, then the halls, then each
/// kind (rows without a position by id). `language` orders the lists inside
/// an entity that have an A–Z order (a park's exhibitors).
pub fn each(db: &Connection, language: &str, put: &mut dyn FnMut(Entity)) -> rusqlite::Result<()> {
    put(Entity::Event(event::read(db)?, event::categories(db)?));
    for hall in venue::halls(db)? {
        if let Some(hall) = venue::hall(db, &hall.id)? {
            put(Entity::Hall(hall));
        }
    }
    let mut statement = db.prepare(
        "SELECT id, title, summary, body, published, source, source_url, image, tags, pinned,
         published_at, expires_at FROM news ORDER BY id",
    )?;
    for news in statement.query_map([], news_row)? {
        put(Entity::News(news?));
    }
    for id in ids(db, "SELECT id FROM parks ORDER BY position")? {
        if let Some(park) = parks::read(db, &id, language)? {
            put(Entity::Park(park));
        }
    }
    for id in ids(db, "SELECT id FROM exhibitors ORDER BY id")? {
        if let Some(exhibitor) = exhibitors::read(db, &id)? {
            put(Entity::Exhibitor(exhibitor));
        }
    }
    for speaker in speakers::all(db)? {
        put(Entity::Speaker(speaker));
    }
    let mut statement = db.prepare(
        "SELECT id, title, starts, ends, room, track, description FROM sessions ORDER BY id",
    )?;
    let mut session_speakers = db.prepare(
        "SELECT speaker_id FROM session_speakers WHERE session_id = ?1 ORDER BY position",
    )?;
    let sessions = statement
        .query_map([], |row| {
            Ok(pack::Session {
                id: row.get(0)?,
                title: from_json(row, 1)?,
                starts: time(row, 2)?,
                ends: time(row, 3)?,
                room: from_json(row, 4)?,
                track: from_json(row, 5)?,
                speakers: Vec::new(),
                description: from_json(row, 6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for mut session in sessions {
        session.speakers = session_speakers
            .query_map([&session.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        put(Entity::Session(session));
    }
    let mut statement =
        db.prepare("SELECT id, image, caption, link, seconds FROM slides ORDER BY position")?;
    let slides = statement.query_map([], |row| {
        let link: Option<crate::model::SlideLink> = from_json(row, 3)?;
        Ok(pack::Slide {
            id: row.get(0)?,
            image: from_json(row, 1)?,
            caption: from_json(row, 2)?,
            link: link.map(|link| (link.kind, link.id)),
            seconds: Some(f64::from(row.get::<_, u32>(4)?)),
        })
    })?;
    for slide in slides {
        put(Entity::Slide(slide?));
    }
    Ok(())
}

fn ids(db: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = db.prepare(sql)?;
    let ids = statement.query_map([], |row| row.get(0))?;
    ids.collect()
}

fn news_row(row: &Row) -> rusqlite::Result<News> {
    Ok(News {
        item: news::item_from(row)?,
        published_at: row.get(10)?,
        expires_at: row.get(11)?,
    })
}

fn time(row: &Row, index: usize) -> rusqlite::Result<OffsetDateTime> {
    let text: String = row.get(index)?;
    OffsetDateTime::parse(&text, &Rfc3339).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            Box::new(error),
        )
    })
}
