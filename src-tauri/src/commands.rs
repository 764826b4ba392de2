//! The commands the UI calls: each reads the live pack through the core and
//! returns the core's view types (generated into `ui/src/lib/bindings/`).
//! They are `async` so that SQLite reads run off the main (UI) thread.

use pavilion::model::{
    DirectoryFilter, DirectoryOutline, Exhibitor, ExhibitorSummary, Hall, HallSummary, Home,
    KioskSettings, NewsItem, NewsSummary, Park, ParkSummary, SearchHit, Session, SessionSummary,
    Slide, Spot,
};
use pavilion::settings::Settings;
use tauri::State;

use crate::error::CommandResult;
use crate::live::LiveContent;

#[tauri::command]
pub async fn get_home(live: State<'_, LiveContent>) -> CommandResult<Home> {
    Ok(live.catalog().home()?)
}

#[tauri::command]
pub async fn list_news(live: State<'_, LiveContent>) -> CommandResult<Vec<NewsSummary>> {
    Ok(live.catalog().news()?)
}

#[tauri::command]
pub async fn get_news(live: State<'_, LiveContent>, id: String) -> CommandResult<NewsItem> {
    Ok(live.catalog().news_item(&id)?)
}

#[tauri::command]
pub async fn list_parks(live: State<'_, LiveContent>) -> CommandResult<Vec<ParkSummary>> {
    Ok(live.catalog().parks()?)
}

#[tauri::command]
pub async fn get_park(live: State<'_, LiveContent>, id: String) -> CommandResult<Park> {
    Ok(live.catalog().park(&id)?)
}

/// The directory's size and letter groups, for the list and its A–Z rail.
#[tauri::command]
pub async fn get_directory_outline(
    live: State<'_, LiveContent>,
    filter: DirectoryFilter,
) -> CommandResult<DirectoryOutline> {
    Ok(live.catalog().directory_outline(&filter)?)
}

/// The most rows one window holds: a few screens. The directory fetches the
/// rows on screen, never all of them, and a runaway limit from the UI must
/// not send the whole list.
const MAX_WINDOW_ROWS: u32 = 500;

/// Rows `offset..offset + limit` of the directory, A–Z.
#[tauri::command]
pub async fn list_exhibitor_window(
    live: State<'_, LiveContent>,
    filter: DirectoryFilter,
    offset: u32,
    limit: u32,
) -> CommandResult<Vec<ExhibitorSummary>> {
    let limit = limit.min(MAX_WINDOW_ROWS);
    Ok(live.catalog().directory_window(&filter, offset, limit)?)
}

#[tauri::command]
pub async fn get_exhibitor(live: State<'_, LiveContent>, id: String) -> CommandResult<Exhibitor> {
    Ok(live.catalog().exhibitor(&id)?)
}

/// Who is at one stand of a hall's plan, A–Z.
#[tauri::command]
pub async fn list_stand_exhibitors(
    live: State<'_, LiveContent>,
    hall: String,
    stand: String,
) -> CommandResult<Vec<ExhibitorSummary>> {
    Ok(live.catalog().stand_exhibitors(&hall, &stand)?)
}

#[tauri::command]
pub async fn list_sessions(live: State<'_, LiveContent>) -> CommandResult<Vec<SessionSummary>> {
    Ok(live.catalog().sessions()?)
}

#[tauri::command]
pub async fn get_session(live: State<'_, LiveContent>, id: String) -> CommandResult<Session> {
    Ok(live.catalog().session(&id)?)
}

#[tauri::command]
pub async fn list_halls(live: State<'_, LiveContent>) -> CommandResult<Vec<HallSummary>> {
    Ok(live.catalog().halls()?)
}

#[tauri::command]
pub async fn get_hall(live: State<'_, LiveContent>, id: String) -> CommandResult<Hall> {
    Ok(live.catalog().hall(&id)?)
}

#[tauri::command]
pub async fn get_spot(live: State<'_, LiveContent>, id: String) -> CommandResult<Spot> {
    Ok(live.catalog().spot(&id)?)
}

/// The most hits one search returns: a screen shows a few dozen, and a
/// runaway limit from the UI must not turn into a full scan.
const MAX_SEARCH_HITS: u32 = 200;

#[tauri::command]
pub async fn search(
    live: State<'_, LiveContent>,
    query: String,
    limit: u32,
) -> CommandResult<Vec<SearchHit>> {
    let limit = limit.min(MAX_SEARCH_HITS) as usize;
    Ok(live.catalog().search(&query, None, limit)?)
}

#[tauri::command]
pub async fn list_slides(live: State<'_, LiveContent>) -> CommandResult<Vec<Slide>> {
    Ok(live.catalog().slides()?)
}

/// Where media files live, for `convertFileSrc` in the UI; the asset
/// protocol is scoped to exactly this folder.
#[tauri::command]
pub async fn get_media_dir(live: State<'_, LiveContent>) -> CommandResult<String> {
    Ok(live.media_dir().to_string_lossy().into_owned())
}

/// This kiosk's own settings (idle time, its spot on the venue map), read
/// afresh on each call so that an operator's edit applies at the next start
/// of the UI. An invalid file is reported, and the UI keeps its defaults.
#[tauri::command]
pub async fn get_kiosk_settings(live: State<'_, LiveContent>) -> CommandResult<KioskSettings> {
    Ok(Settings::load(live.data())?.kiosk())
}
