//! Read access to a pack's `content.db`, returning the view types the kiosk
//! renders. One `Catalog` is shared by every thread of the shell
//! (`Arc<Catalog>`), so it synchronises itself: the database is opened
//! read-only (it never changes once imported) behind a mutex. Queries are
//! sub-millisecond lookups, so one connection is enough; a pool can replace
//! the mutex without changing a caller if search ever needs it. The
//! queries themselves are with their tables, in `store::content`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, OpenFlags};
use time::OffsetDateTime;

use crate::data_dir::{self, DataDir};
use crate::error::{Error, Result};
use crate::model::{
    Counts, DirectoryFilter, DirectoryOutline, Exhibitor, ExhibitorSummary, Hall, HallSummary,
    Home, NewsItem, NewsSummary, PackInfo, Park, ParkSummary, SearchHit, SearchResult, Session,
    SessionSummary, Slide, SpeakerProfile, Spot,
};
use crate::pack::diff::{PackSide, Snapshot};
use crate::pack::Sink;
use crate::store::content::{
    self, directory, entities, event, exhibitors, info, news, parks, pinyin, search, sessions,
    slides, speakers, venue, SCHEMA_VERSION,
};
use crate::store::live;
use crate::store::schema::schema_mismatch;

/// The oldest `content.db` schema this build reads: a kiosk upgraded in
/// place keeps showing the packs its older build imported, and can roll
/// back to them. What later schemas added is stood in for at opening:
/// schema 2 lacks what schema 3 added to the search index, schemas 2 and
/// 3 the A–Z keys per language of schema 4 (their one key serves every
/// language until the pack is imported again).
const OLDEST_READ_SCHEMA: u32 = 2;

/// Search hits the candidate strip looks through for words: a strip shows a
/// handful, and the best hits hold them.
const CANDIDATE_HITS: usize = 60;

pub struct Catalog {
    path: PathBuf,
    connection: Mutex<Connection>,
    info: PackInfo,
}

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

    /// The pack in `pack_dir` (a folder under `DATA_DIR/packs/`), of this
    /// build's schema or of the one before it.
    pub fn open(pack_dir: &Path) -> Result<Catalog> {
        let path = data_dir::content_db(pack_dir);
        let fail = |source| Error::Database {
            path: path.clone(),
            source,
        };
        if !path.is_file() {
            return Err(Error::NoDatabase { path });
        }
        let connection = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        let version: u32 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(fail)?;
        if !(OLDEST_READ_SCHEMA..=SCHEMA_VERSION).contains(&version) {
            return Err(fail(schema_mismatch(format!(
                "content.db has schema {version}; this Pavilion reads schemas {OLDEST_READ_SCHEMA} to {SCHEMA_VERSION}"
            ))));
        }
        if version <= 2 {
            search::stand_in_for_schema_2(&connection).map_err(fail)?;
        }
        if version <= 3 {
            exhibitors::stand_in_for_schema_3(&connection).map_err(fail)?;
        }
        let info = info::read(&connection).map_err(fail)?;
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
            let counts = Counts {
                news: news::count(db, now)?,
                parks: parks::count(db)?,
                exhibitors: exhibitors::count(db)?,
                sessions: sessions::count(db)?,
                halls: venue::count(db)?,
            };
            Ok(Home {
                pack: self.info.clone(),
                event: event::read(db)?,
                counts,
                categories: event::categories(db)?,
            })
        })
    }

    /// Pinned first, then newest first.
    pub fn news(&self) -> Result<Vec<NewsSummary>> {
        let now = now();
        self.query(|db| news::list(db, now))
    }

    pub fn news_item(&self, id: &str) -> Result<NewsItem> {
        let now = now();
        let item = self.query(|db| news::item(db, id, now))?;
        item.ok_or_else(|| not_found("news item", id))
    }

    /// In the pack's order.
    pub fn parks(&self) -> Result<Vec<ParkSummary>> {
        self.query(parks::list)
    }

    /// A park with its exhibitors, A–Z in `lang`.
    pub fn park(&self, id: &str, lang: &str) -> Result<Park> {
        let lang = self.known_language(lang)?;
        let park = self.query(|db| parks::read(db, id, lang))?;
        park.ok_or_else(|| not_found("park", id))
    }

    /// Every exhibitor, A–Z in the pack's default language. The kiosk reads
    /// the directory a window at a time instead (`directory_window`).
    pub fn exhibitors(&self) -> Result<Vec<ExhibitorSummary>> {
        let lang = &self.info.languages[0];
        self.directory_window(&DirectoryFilter::default(), lang, 0, u32::MAX)
    }

    /// How many exhibitors `filter` lets through and where each letter's
    /// group starts among them, in `directory_window`'s order in `lang`
    /// (in Chinese, the letters are the pinyin initials).
    pub fn directory_outline(
        &self,
        filter: &DirectoryFilter,
        lang: &str,
    ) -> Result<DirectoryOutline> {
        let lang = self.known_language(lang)?;
        self.query(|db| directory::outline(db, filter, lang))
    }

    /// The exhibitors `filter` lets through, A–Z in `lang` (by their names
    /// there, Chinese by pinyin, or the pack's `sort_name` there), from
    /// position `offset`: `limit` of them, fewer at the end, none past it.
    /// An unknown `lang` is `Error::NotFound`.
    pub fn directory_window(
        &self,
        filter: &DirectoryFilter,
        lang: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<ExhibitorSummary>> {
        let lang = self.known_language(lang)?;
        self.query(|db| directory::window(db, filter, lang, offset, limit))
    }

    pub fn exhibitor(&self, id: &str) -> Result<Exhibitor> {
        let exhibitor = self.query(|db| exhibitors::read(db, id))?;
        exhibitor.ok_or_else(|| not_found("exhibitor", id))
    }

    /// The exhibitors at one stand (usually one, a shared stand several),
    /// A–Z in `lang`. Empty for a stand nobody has taken or that does not
    /// exist.
    pub fn stand_exhibitors(
        &self,
        hall: &str,
        stand: &str,
        lang: &str,
    ) -> Result<Vec<ExhibitorSummary>> {
        let lang = self.known_language(lang)?;
        self.query(|db| exhibitors::at_stand(db, hall, stand, lang))
    }

    /// The agenda: every session by start time (the instant, whatever offset
    /// the pack wrote it with), then by id.
    pub fn sessions(&self) -> Result<Vec<SessionSummary>> {
        self.query(sessions::list)
    }

    /// A session with its description and its speakers, in the session's order.
    pub fn session(&self, id: &str) -> Result<Session> {
        let session = self.query(|db| sessions::read(db, id))?;
        session.ok_or_else(|| not_found("session", id))
    }

    /// A speaker, with the sessions they speak at in time order.
    pub fn speaker(&self, id: &str) -> Result<SpeakerProfile> {
        let profile = self.query(|db| {
            let Some(speaker) = speakers::read(db, id)? else {
                return Ok(None);
            };
            let sessions = sessions::of_speaker(db, id)?;
            Ok(Some(SpeakerProfile { speaker, sessions }))
        })?;
        profile.ok_or_else(|| not_found("speaker", id))
    }

    /// The venue's halls, in the pack's order.
    pub fn halls(&self) -> Result<Vec<HallSummary>> {
        self.query(venue::halls)
    }

    /// One hall's plan with its stands and spots. Halls are fetched one at a
    /// time: a big fair has a thousand halls and a hundred thousand stands,
    /// and a map shows one hall.
    pub fn hall(&self, id: &str) -> Result<Hall> {
        let hall = self.query(|db| venue::hall(db, id))?;
        hall.ok_or_else(|| not_found("hall", id))
    }

    /// A spot anywhere in the venue, e.g. the one a kiosk's settings name.
    pub fn spot(&self, id: &str) -> Result<Spot> {
        let found = self.query(|db| venue::spot_by_id(db, id))?;
        found.ok_or_else(|| not_found("spot", id))
    }

    /// Up to `limit` exhibitors, parks, news, sessions and speakers whose
    /// name, sort name or summary (a session's track, a speaker's
    /// organisation) matches what a visitor typed: Latin words as prefixes
    /// ("mic" finds Microsoft), Chinese as substrings, from one character,
    /// and Chinese names by their pinyin or its initials ("bd" finds 百度).
    /// Name matches first, then pinyin, then summary-only matches; within each, parks,
    /// exhibitors A–Z, sessions by time, speakers, news. `lang` searches one pack language's text (and
    /// sort names) instead of all; an unknown one is `Error::NotFound`.
    pub fn search(&self, query: &str, lang: Option<&str>, limit: usize) -> Result<Vec<SearchHit>> {
        let language = self.language(lang)?;
        let now = now();
        self.query(|db| search::search(db, self.info.languages.len(), query, language, limit, now))
    }

    /// [`Catalog::search`], and when it finds nothing in a Latin query, the
    /// query with one word one edit away from a word of the pack's
    /// ("Micorsoft" → "microsoft"), saying so in `searched_for`.
    pub fn search_with_correction(
        &self,
        query: &str,
        lang: Option<&str>,
        limit: usize,
    ) -> Result<SearchResult> {
        let hits = self.search(query, lang, limit)?;
        if !hits.is_empty() || limit == 0 {
            return Ok(SearchResult {
                hits,
                searched_for: None,
            });
        }
        let language = self.language(lang)?;
        let now = now();
        let languages = self.info.languages.len();
        let corrected = self.query(|db| {
            search::corrected(db, query, |retried| {
                search::search(db, languages, retried, language, limit, now)
            })
        })?;
        Ok(match corrected {
            Some((searched_for, hits)) => SearchResult {
                hits,
                searched_for: Some(searched_for),
            },
            None => SearchResult {
                hits,
                searched_for: None,
            },
        })
    }

    /// The index of `lang` among the pack's languages; an unknown one is
    /// `Error::NotFound`.
    /// The pack's Chinese names and words that `typed` spells in pinyin,
    /// best hit first, `limit` at most: the keyboard's candidate strip
    /// (`pinyin::words_typed`). Each word a name spells comes before the
    /// whole name. None when the pack has no Chinese.
    pub fn chinese_candidates(&self, typed: &str, limit: usize) -> Result<Vec<String>> {
        let Some(chinese) = self
            .info
            .languages
            .iter()
            .find(|language| *language == "zh" || language.starts_with("zh-"))
        else {
            return Ok(Vec::new());
        };
        let mut candidates: Vec<String> = Vec::new();
        for hit in self.search(typed, Some(chinese), CANDIDATE_HITS)? {
            let Some(name) = hit.title.0.get(chinese) else {
                continue;
            };
            let words = pinyin::words_typed(name, typed);
            let whole = (!words.is_empty()).then(|| name.clone());
            for candidate in words.into_iter().chain(whole) {
                if !candidates.contains(&candidate) {
                    candidates.push(candidate);
                }
            }
            if candidates.len() >= limit {
                break;
            }
        }
        candidates.truncate(limit);
        Ok(candidates)
    }

    fn language(&self, lang: Option<&str>) -> Result<Option<usize>> {
        lang.map(|lang| {
            let languages = &self.info.languages;
            languages
                .iter()
                .position(|known| known == lang)
                .ok_or_else(|| not_found("language", lang))
        })
        .transpose()
    }

    /// `lang` if it is one of the pack's languages; else `Error::NotFound`.
    fn known_language<'l>(&self, lang: &'l str) -> Result<&'l str> {
        self.language(Some(lang)).map(|_| lang)
    }

    /// The attract loop's slides, in the pack's order.
    pub fn slides(&self) -> Result<Vec<Slide>> {
        self.query(slides::list)
    }

    /// Every entity of the pack, as validation handed it to the import,
    /// each into `sink` (`pack diff` of the live pack).
    pub fn entities(&self, sink: &mut dyn Sink) -> Result<()> {
        let mut failed = None;
        self.query(|db| {
            entities::each(db, &self.info.languages[0], &mut |entity| {
                if failed.is_none() {
                    failed = sink.put(entity).err();
                }
            })
        })?;
        failed.map_or(Ok(()), Err)
    }

    /// The live pack resolved for `pack diff`: its media by media-store
    /// name, as its paths in the pack are not kept.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let info = &self.info;
        let side = PackSide {
            pack: info.pack.clone(),
            version: info.version,
            title: info.title.clone(),
        };
        let mut snapshot = Snapshot::new(side, info.languages.clone(), false);
        for file in content::media_files(&self.path)? {
            let sha256 = file.split('.').next().unwrap_or_default().to_owned();
            snapshot.media_file(file, sha256);
        }
        self.entities(&mut snapshot)?;
        Ok(snapshot)
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

fn not_found(kind: &'static str, id: &str) -> Error {
    Error::NotFound {
        kind,
        id: id.to_owned(),
    }
}

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}
