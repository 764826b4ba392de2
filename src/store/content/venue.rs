//! The venue: `halls` with their plans, the `stands` on them and the
//! `spots` a kiosk can stand at.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Hall, HallSummary, Spot, Stand};
use crate::store::content::column::{from_json, insert, to_json};

pub const SCHEMA: &str = "
CREATE TABLE halls (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, plan TEXT,
    width REAL NOT NULL, height REAL NOT NULL
);
-- Stand ids are unique within their hall (a booth is {hall, stand}); spot
-- ids across the venue (a kiosk's settings name its spot alone).
CREATE TABLE stands (
    hall_id TEXT NOT NULL REFERENCES halls (id), id TEXT NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,
    PRIMARY KEY (hall_id, id)
);
CREATE TABLE spots (
    id TEXT PRIMARY KEY, hall_id TEXT NOT NULL REFERENCES halls (id), name TEXT NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL
);";

const SPOT: &str = "SELECT id, hall_id, name, x, y FROM spots";

pub fn write(db: &Connection, hall: &Hall, position: i64) -> rusqlite::Result<()> {
    insert(
        db,
        "INSERT INTO halls VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            hall.id,
            position,
            to_json(&hall.name)?,
            to_json(&hall.plan)?,
            hall.width,
            hall.height,
        ],
    )?;
    for stand in &hall.stands {
        insert(
            db,
            "INSERT INTO stands VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![hall.id, stand.id, stand.x, stand.y, stand.w, stand.h,],
        )?;
    }
    for spot in &hall.spots {
        insert(
            db,
            "INSERT INTO spots VALUES (?1, ?2, ?3, ?4, ?5)",
            params![spot.id, hall.id, to_json(&spot.name)?, spot.x, spot.y,],
        )?;
    }
    Ok(())
}

pub fn count(db: &Connection) -> rusqlite::Result<u32> {
    db.query_row("SELECT count(*) FROM halls", [], |row| row.get(0))
}

/// The venue's halls, in the pack's order.
pub fn halls(db: &Connection) -> rusqlite::Result<Vec<HallSummary>> {
    let mut statement = db.prepare("SELECT id, name FROM halls ORDER BY position")?;
    let rows = statement.query_map([], |row| {
        Ok(HallSummary {
            id: row.get(0)?,
            name: from_json(row, 1)?,
        })
    })?;
    rows.collect()
}

/// One hall's plan with its stands and spots, each by id.
pub fn hall(db: &Connection, id: &str) -> rusqlite::Result<Option<Hall>> {
    let hall = db
        .query_row(
            "SELECT id, name, plan, width, height FROM halls WHERE id = ?1",
            [id],
            |row| {
                Ok(Hall {
                    id: row.get(0)?,
                    name: from_json(row, 1)?,
                    plan: from_json(row, 2)?,
                    width: row.get(3)?,
                    height: row.get(4)?,
                    stands: Vec::new(),
                    spots: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut hall) = hall else {
        return Ok(None);
    };
    let mut statement =
        db.prepare("SELECT id, x, y, w, h FROM stands WHERE hall_id = ?1 ORDER BY id")?;
    hall.stands = statement
        .query_map([id], |row| {
            Ok(Stand {
                id: row.get(0)?,
                x: row.get(1)?,
                y: row.get(2)?,
                w: row.get(3)?,
                h: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut statement = db.prepare(&format!("{SPOT} WHERE hall_id = ?1 ORDER BY id"))?;
    hall.spots = statement
        .query_map([id], spot)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(hall))
}

/// A spot anywhere in the venue.
pub fn spot_by_id(db: &Connection, id: &str) -> rusqlite::Result<Option<Spot>> {
    db.query_row(&format!("{SPOT} WHERE id = ?1"), [id], spot)
        .optional()
}

fn spot(row: &Row) -> rusqlite::Result<Spot> {
    Ok(Spot {
        id: row.get(0)?,
        hall: row.get(1)?,
        name: from_json(row, 2)?,
        x: row.get(3)?,
        y: row.get(4)?,
    })
}
