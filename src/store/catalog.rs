//! Read access to a pack's `content.db`, returning the view types the kiosk
//! renders. One `Catalog` is shared by every thread of the shell
//! (`Arc<Catalog>`), so it synchronises itself: the database is opened
//! read-only (it never changes once imported) behind a mutex. Queries are
//! sub-millisecond lookups, so one connection is enough; a pool can replace
//! the mutex without changing a caller if search ever needs it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};
use time::OffsetDateTime;

use crate::data_dir::{self, DataDir};
use crate::error::{Error, Result};
use crate::model::{
    Booth, Category, Counts, DirectoryFilter, DirectoryOutline, Event, Exhibitor, ExhibitorSummary,
    Hall, HallSummary, Home, NewsItem, NewsSummary, PackInfo, Park, ParkLink, ParkSummary,
    SearchHit, Session, SessionSummary, Slide, Speaker, Spot, Stand,
};
use crate::store::content_db::{from_json, SCHEMA_VERSION};
use crate::store::{directory, live, schema_mismatch, search_index};

pub struct Catalog {
    path: PathBuf,
    connection: Mutex<Connection>,
    info: PackInfo,
}

pub(super) const EXHIBITOR_SUMMARY: &str =
    "SELECT id, name, sort_key, logo, summary, booth FROM exhibitors";
const SESSION_SUMMARY: &str = "SELECT id, title, starts, ends, room, track FROM sessions";
/// The directory's order: by sort key ignoring case, then by id, so that
/// every row has one place (`exhibitors_a_to_z` indexes exactly this).
pub(super) const A_TO_Z: &str = "ORDER BY sort_key COLLATE NOCASE, id";
/// News whose `expires` has passed are hidden everywhere.
pub(super) const VISIBLE_NEWS: &str = "(expires_at IS NULL OR expires_at > ?1)";

impl Catalog {
    /// The live pack. `Error::NoLivePack` when none was imported yet; any
    /// other error means the live pack is unusable (the shell then shows
    /// its bundled demo pack).
    pub fn open_live(data: &DataDir) -> Result<Catalog> {
        let folder = live::read_pointer(data)?.ok_or_else(|| Error::NoLivePack {
            data_dir: data.root().to_path_buf(),
        })?;
        Catalog::open(&data.pack_dir(&folder))
    }

    /// The pack in `pack_dir` (a folder under `DATA_DIR/packs/`).
    pub fn open(pack_dir: &Path) -> Result<Catalog> {
        let path = data_dir::content_db(pack_dir);
        let fail = |source| Error::Database {
            path: path.clone(),
            source,
        };
        if !path.is_file() {
            return Err(Error::io(
                &path,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the pack's content database is missing",
                ),
            ));
        }
        let connection = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        let version: u32 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(fail)?;
        if version != SCHEMA_VERSION {
            return Err(fail(schema_mismatch(format!(
                "content.db has schema {version}; this Pavilion reads schema {SCHEMA_VERSION}"
            ))));
        }
        let info = connection
            .query_row(
                "SELECT pack, version, title, languages, imported_at FROM pack",
                [],
                |row| {
                    Ok(PackInfo {
                        pack: row.get(0)?,
                        version: row.get(1)?,
                        title: from_json(row, 2)?,
                        languages: from_json(row, 3)?,
                        imported_at: row.get(4)?,
                    })
                },
            )
            .map_err(fail)?;
        Ok(Catalog {
            path,
            connection: Mutex::new(connection),
            info,
        })
    }

    pub fn pack_info(&self) -> PackInfo {
        self.info.clone()
    }

    pub fn home(&self) -> Result<Home> {
        let now = now();
        self.query(|db| {
            let event = db.query_row("SELECT name, short_name, theme, starts_on, ends_on, timezone, venue, logo, about FROM event", [], |row| {
                Ok(Event {
                    name: from_json(row, 0)?,
                    short_name: from_json(row, 1)?,
                    theme: from_json(row, 2)?,
                    starts_on: row.get(3)?,
                    ends_on: row.get(4)?,
                    timezone: row.get(5)?,
                    venue: from_json(row, 6)?,
                    logo: from_json(row, 7)?,
                    about: from_json(row, 8)?,
                })
            })?;
            let counts = Counts {
                news: db.query_row(&format!("SELECT count(*) FROM news WHERE {VISIBLE_NEWS}"), [now], |row| row.get(0))?,
                parks: db.query_row("SELECT count(*) FROM parks", [], |row| row.get(0))?,
                exhibitors: db.query_row("SELECT count(*) FROM exhibitors", [], |row| row.get(0))?,
                sessions: db.query_row("SELECT count(*) FROM sessions", [], |row| row.get(0))?,
                halls: db.query_row("SELECT count(*) FROM halls", [], |row| row.get(0))?,
            };
            let mut statement = db.prepare("SELECT id, name FROM categories ORDER BY position")?;
            let categories = statement.query_map([], category)?.collect::<rusqlite::Result<_>>()?;
            Ok(Home { pack: self.info.clone(), event, counts, categories })
        })
    }

    /// Pinned first, then newest first.
    pub fn news(&self) -> Result<Vec<NewsSummary>> {
        let now = now();
        self.query(|db| {
            let sql = format!("SELECT id, title, summary, published, image, pinned FROM news WHERE {VISIBLE_NEWS} ORDER BY pinned DESC, published_at DESC, id");
            let mut statement = db.prepare(&sql)?;
            let rows = statement.query_map([now], |row| {
                Ok(NewsSummary {
                    id: row.get(0)?,
                    title: from_json(row, 1)?,
                    summary: from_json(row, 2)?,
                    published: row.get(3)?,
                    image: from_json(row, 4)?,
                    pinned: row.get(5)?,
                })
            })?;
            rows.collect()
        })
    }

    pub fn news_item(&self, id: &str) -> Result<NewsItem> {
        let now = now();
        let sql = format!("SELECT id, title, summary, body, published, source, source_url, image, tags, pinned FROM news WHERE id = ?2 AND {VISIBLE_NEWS}");
        let item = self.query(|db| {
            db.query_row(&sql, params![now, id], |row| {
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
            })
            .optional()
        })?;
        item.ok_or_else(|| not_found("news item", id))
    }

    /// In the pack's order.
    pub fn parks(&self) -> Result<Vec<ParkSummary>> {
        self.query(|db| {
            let mut statement = db.prepare(
                "SELECT id, name, district, summary, image FROM parks ORDER BY position",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(ParkSummary {
                    id: row.get(0)?,
                    name: from_json(row, 1)?,
                    district: from_json(row, 2)?,
                    summary: from_json(row, 3)?,
                    image: from_json(row, 4)?,
                })
            })?;
            rows.collect()
        })
    }

    /// A park with its exhibitors, A–Z.
    pub fn park(&self, id: &str) -> Result<Park> {
        let park = self.query(|db| {
            let park = db
                .query_row("SELECT id, name, district, summary, body, focus, figures, image, gallery, location FROM parks WHERE id = ?1", [id], |row| {
                    Ok(Park {
                        id: row.get(0)?,
                        name: from_json(row, 1)?,
                        district: from_json(row, 2)?,
                        summary: from_json(row, 3)?,
                        body: from_json(row, 4)?,
                        focus: from_json(row, 5)?,
                        figures: from_json(row, 6)?,
                        image: from_json(row, 7)?,
                        gallery: from_json(row, 8)?,
                        location: from_json(row, 9)?,
                        exhibitors: Vec::new(),
                    })
                })
                .optional()?;
            let Some(mut park) = park else { return Ok(None) };
            let mut statement = db.prepare(&format!("{EXHIBITOR_SUMMARY} WHERE park_id = ?1 {A_TO_Z}"))?;
            park.exhibitors = with_categories(db, statement.query_map([id], exhibitor_summary)?.collect::<rusqlite::Result<_>>()?)?;
            Ok(Some(park))
        })?;
        park.ok_or_else(|| not_found("park", id))
    }

    /// Every exhibitor, A–Z by sort key ignoring case. The kiosk reads the
    /// directory a window at a time instead (`directory_window`).
    pub fn exhibitors(&self) -> Result<Vec<ExhibitorSummary>> {
        self.directory_window(&DirectoryFilter::default(), 0, u32::MAX)
    }

    /// How many exhibitors `filter` lets through and where each letter's
    /// group starts among them, in `directory_window`'s order.
    pub fn directory_outline(&self, filter: &DirectoryFilter) -> Result<DirectoryOutline> {
        self.query(|db| directory::outline(db, filter))
    }

    /// The exhibitors `filter` lets through, A–Z, from position `offset`:
    /// `limit` of them, fewer at the end, none past it.
    pub fn directory_window(
        &self,
        filter: &DirectoryFilter,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<ExhibitorSummary>> {
        self.query(|db| directory::window(db, filter, offset, limit))
    }

    pub fn exhibitor(&self, id: &str) -> Result<Exhibitor> {
        let exhibitor = self.query(|db| {
            let exhibitor = db
                .query_row(
                    "SELECT e.id, e.name, e.sort_key, e.logo, e.summary, e.description, e.booth, e.website, e.tags, p.id, p.name
                     FROM exhibitors e LEFT JOIN parks p ON p.id = e.park_id WHERE e.id = ?1",
                    [id],
                    |row| {
                        let park_id: Option<String> = row.get(9)?;
                        Ok(Exhibitor {
                            id: row.get(0)?,
                            name: from_json(row, 1)?,
                            sort_key: row.get(2)?,
                            logo: from_json(row, 3)?,
                            summary: from_json(row, 4)?,
                            description: from_json(row, 5)?,
                            categories: Vec::new(),
                            booth: from_json(row, 6)?,
                            park: park_id.map(|id| from_json(row, 10).map(|name| ParkLink { id, name })).transpose()?,
                            website: row.get(7)?,
                            tags: from_json(row, 8)?,
                        })
                    },
                )
                .optional()?;
            let Some(mut exhibitor) = exhibitor else { return Ok(None) };
            let mut statement = db.prepare(
                "SELECT c.id, c.name FROM exhibitor_categories ec JOIN categories c ON c.id = ec.category_id
                 WHERE ec.exhibitor_id = ?1 ORDER BY ec.position",
            )?;
            exhibitor.categories = statement.query_map([id], category)?.collect::<rusqlite::Result<_>>()?;
            Ok(Some(exhibitor))
        })?;
        exhibitor.ok_or_else(|| not_found("exhibitor", id))
    }

    /// The exhibitors at one stand (usually one, a shared stand several), A–Z.
    /// Empty for a stand nobody has taken or that does not exist.
    pub fn stand_exhibitors(&self, hall: &str, stand: &str) -> Result<Vec<ExhibitorSummary>> {
        // `exhibitors_by_booth` (content_db.rs) indexes exactly these
        // expressions, so a tap on a stand is a lookup, not a scan.
        let sql = format!(
            "{EXHIBITOR_SUMMARY} WHERE json_extract(booth, '$.hall') = ?1 AND json_extract(booth, '$.stand') = ?2 {A_TO_Z}"
        );
        self.query(|db| {
            let mut statement = db.prepare(&sql)?;
            let rows = statement.query_map([hall, stand], exhibitor_summary)?;
            with_categories(db, rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The agenda: every session by start time (the instant, whatever offset
    /// the pack wrote it with), then by id.
    pub fn sessions(&self) -> Result<Vec<SessionSummary>> {
        self.query(|db| {
            let mut statement = db.prepare(&format!("{SESSION_SUMMARY} ORDER BY starts_at, id"))?;
            let rows = statement.query_map([], session_summary)?;
            rows.collect()
        })
    }

    /// A session with its description and its speakers, in the session's order.
    pub fn session(&self, id: &str) -> Result<Session> {
        let session = self.query(|db| {
            let sql = "SELECT id, title, starts, ends, room, track, description FROM sessions WHERE id = ?1";
            let found = db
                .query_row(sql, [id], |row| Ok((session_summary(row)?, from_json(row, 6)?)))
                .optional()?;
            let Some((summary, description)) = found else { return Ok(None) };
            let mut statement = db.prepare(
                "SELECT s.id, s.name, s.title, s.organization, s.photo, s.bio, s.exhibitor_id
                 FROM session_speakers ss JOIN speakers s ON s.id = ss.speaker_id
                 WHERE ss.session_id = ?1 ORDER BY ss.position",
            )?;
            let speakers = statement
                .query_map([id], |row| {
                    Ok(Speaker {
                        id: row.get(0)?,
                        name: from_json(row, 1)?,
                        title: from_json(row, 2)?,
                        organization: from_json(row, 3)?,
                        photo: from_json(row, 4)?,
                        bio: from_json(row, 5)?,
                        exhibitor: row.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let SessionSummary { id, title, starts, ends, room, track } = summary;
            Ok(Some(Session { id, title, starts, ends, room, track, description, speakers }))
        })?;
        session.ok_or_else(|| not_found("session", id))
    }

    /// The venue's halls, in the pack's order.
    pub fn halls(&self) -> Result<Vec<HallSummary>> {
        self.query(|db| {
            let mut statement = db.prepare("SELECT id, name FROM halls ORDER BY position")?;
            let rows = statement.query_map([], |row| {
                Ok(HallSummary {
                    id: row.get(0)?,
                    name: from_json(row, 1)?,
                })
            })?;
            rows.collect()
        })
    }

    /// One hall's plan with its stands and spots. Halls are fetched one at a
    /// time: a big fair has a thousand halls and a hundred thousand stands,
    /// and a map shows one hall.
    pub fn hall(&self, id: &str) -> Result<Hall> {
        let hall = self.query(|db| {
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
        })?;
        hall.ok_or_else(|| not_found("hall", id))
    }

    /// A spot anywhere in the venue, e.g. the one a kiosk's settings name.
    pub fn spot(&self, id: &str) -> Result<Spot> {
        let found = self.query(|db| {
            db.query_row(&format!("{SPOT} WHERE id = ?1"), [id], spot)
                .optional()
        })?;
        found.ok_or_else(|| not_found("spot", id))
    }

    /// Up to `limit` exhibitors, parks and news whose name, sort name or
    /// summary matches what a visitor typed: Latin words as prefixes
    /// ("mic" finds Microsoft), Chinese as substrings, from one character.
    /// Name matches first, then summary-only matches; within each, parks,
    /// exhibitors A–Z, news. `lang` searches one pack language's text (and
    /// sort names) instead of all; an unknown one is `Error::NotFound`.
    pub fn search(&self, query: &str, lang: Option<&str>, limit: usize) -> Result<Vec<SearchHit>> {
        let language = lang
            .map(|lang| {
                let languages = &self.info.languages;
                languages
                    .iter()
                    .position(|known| known == lang)
                    .ok_or_else(|| not_found("language", lang))
            })
            .transpose()?;
        let now = now();
        self.query(|db| {
            search_index::search(db, self.info.languages.len(), query, language, limit, now)
        })
    }

    /// The attract loop's slides, in the pack's order.
    pub fn slides(&self) -> Result<Vec<Slide>> {
        self.query(|db| {
            let mut statement = db.prepare(
                "SELECT id, image, caption, link, seconds FROM slides ORDER BY position",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(Slide {
                    id: row.get(0)?,
                    image: from_json(row, 1)?,
                    caption: from_json(row, 2)?,
                    link: from_json(row, 3)?,
                    seconds: row.get(4)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Counts for `pavilion status`.
    pub fn counts(&self) -> Result<Counts> {
        self.home().map(|home| home.counts)
    }

    /// Runs `work` on the connection, mapping its errors to this database.
    fn query<T>(&self, work: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        // A panic while holding the lock cannot leave a read-only connection
        // half-changed, so a poisoned lock is still safe to use.
        let connection: MutexGuard<Connection> = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        work(&connection).map_err(|source| Error::Database {
            path: self.path.clone(),
            source,
        })
    }
}

pub(super) fn exhibitor_summary(row: &Row) -> rusqlite::Result<ExhibitorSummary> {
    Ok(ExhibitorSummary {
        id: row.get(0)?,
        name: from_json(row, 1)?,
        sort_key: row.get(2)?,
        logo: from_json(row, 3)?,
        summary: from_json(row, 4)?,
        booth: from_json::<Option<Booth>>(row, 5)?,
        categories: Vec::new(),
    })
}

/// Summaries beyond this many get their categories from one pass over the
/// whole table instead of a lookup each.
const FEW_SUMMARIES: usize = 1_000;

/// Fills in each summary's category ids, in the exhibitor's order. The
/// whole directory reads them in one pass over the table: a lookup per row
/// would cost about twice the directory's own query at 100,000 exhibitors.
pub(super) fn with_categories(
    db: &Connection,
    mut summaries: Vec<ExhibitorSummary>,
) -> rusqlite::Result<Vec<ExhibitorSummary>> {
    if summaries.len() > FEW_SUMMARIES {
        let mut by_exhibitor: HashMap<String, Vec<String>> = HashMap::new();
        let mut statement = db.prepare(
            "SELECT exhibitor_id, category_id FROM exhibitor_categories ORDER BY exhibitor_id, position",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            by_exhibitor
                .entry(row.get(0)?)
                .or_default()
                .push(row.get(1)?);
        }
        for summary in &mut summaries {
            summary.categories = by_exhibitor.remove(&summary.id).unwrap_or_default();
        }
    } else {
        let mut statement = db.prepare(
            "SELECT category_id FROM exhibitor_categories WHERE exhibitor_id = ?1 ORDER BY position",
        )?;
        for summary in &mut summaries {
            summary.categories = statement
                .query_map([&summary.id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
    }
    Ok(summaries)
}

fn category(row: &Row) -> rusqlite::Result<Category> {
    Ok(Category {
        id: row.get(0)?,
        name: from_json(row, 1)?,
    })
}

fn session_summary(row: &Row) -> rusqlite::Result<SessionSummary> {
    Ok(SessionSummary {
        id: row.get(0)?,
        title: from_json(row, 1)?,
        starts: row.get(2)?,
        ends: row.get(3)?,
        room: from_json(row, 4)?,
        track: from_json(row, 5)?,
    })
}

const SPOT: &str = "SELECT id, hall_id, name, x, y FROM spots";

fn spot(row: &Row) -> rusqlite::Result<Spot> {
    Ok(Spot {
        id: row.get(0)?,
        hall: row.get(1)?,
        name: from_json(row, 2)?,
        x: row.get(3)?,
        y: row.get(4)?,
    })
}

fn not_found(kind: &'static str, id: &str) -> Error {
    Error::NotFound {
        kind,
        id: id.to_owned(),
    }
}

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}
