//! The commands the UI calls: each reads the live pack through the core and
//! returns the core's view types (generated into `ui/src/lib/bindings/`).
//! They are `async` so that SQLite reads run off the main (UI) thread.
//!
//! The visitor's window gets the read-only commands; the operator's panel
//! (`panel.rs`) its own, each but the PIN's taking the session token,
//! through which alone (`Panel::session`) it reaches what it changes.
//!
//! Each command is written once, in the `commands!` list below, which makes
//! of it the `#[tauri::command]` function, its entry in the invoke handler
//! and its row in the table `contract.rs` turns into the UI's typed
//! wrappers (`ui/src/lib/bindings/shell.ts`). So the UI cannot call a
//! command that is not here, nor pass it other arguments.

use pavilion::model::{
    DirectoryFilter, DirectoryOutline, Exhibitor, ExhibitorSummary, Hall, HallSummary, Home,
    KioskSettings, NewsItem, NewsSummary, OperatorOverview, OperatorSettings, PackInfo, Park,
    ParkSummary, SearchResult, Session, SessionSummary, Slide, SpeakerProfile, Spot, StatsExport,
};
use pavilion::operator::{OperatorSession, PinStatus};
use pavilion::pack::diff::PackDiff;
use pavilion::stats::{StatsSummary, VisitorEvent};
use tauri::{Runtime, State};

use crate::error::CommandResult;
use crate::live::LiveContent;
use crate::panel::Panel;
use crate::stats_recorder::{self, StatsRecorder};
use crate::vitals::Vitals;

/// Declares the commands, by the window granted them: `main { … }` for the
/// visitor's window, `operator { … }` for the operator's panel (each window's
/// capability file grants exactly its own, `contract.rs` checks). Each is
/// `fn name(live, arg: Type, …) -> Answer { body }`, where `live` names the
/// `LiveContent` (or `name: State` names another of the app's states) and
/// the body is a `pavilion::Result<Answer>`. Only `///` comments may precede
/// a command: they become its documentation on both sides.
macro_rules! commands {
    ($($window:ident {$(
        $(#[doc = $doc:literal])*
        fn $name:ident($live:ident $(: $state:ty)? $(, $arg:ident: $ty:ty)* $(,)?) -> $answer:ty $body:block
    )*})*) => {
        $($(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(
                $live: State<'_, state_type!($($state)?)>,
                $($arg: $ty),*
            ) -> CommandResult<$answer> {
                let answer: pavilion::Result<$answer> = $body;
                Ok(answer?)
            }
        )*)*

        /// Routes the UI's calls to the commands above.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($name),*),*]
        }

        /// The commands as the UI sees them, in declaration order.
        #[cfg(test)]
        pub(crate) fn table() -> Vec<crate::contract::Command> {
            use crate::contract::{Arg, Command, Type};
            vec![$($(Command {
                window: stringify!($window),
                name: stringify!($name),
                docs: &[$($doc),*],
                args: vec![$(Arg { name: stringify!($arg), ty: Type::of::<$ty>() }),*],
                answer: Type::of::<$answer>(),
            }),*),*]
        }
    };
}

/// A command's state: the `LiveContent` unless it names another.
macro_rules! state_type {
    () => {
        LiveContent
    };
    ($state:ty) => {
        $state
    };
}

/// The most rows one window holds: a few screens. The directory fetches the
/// rows on screen, never all of them, and a runaway limit from the UI must
/// not send the whole list.
pub const MAX_WINDOW_ROWS: u32 = 500;

/// The most hits one search returns: a screen shows a few dozen, and a
/// runaway limit from the UI must not turn into a full scan.
pub const MAX_SEARCH_HITS: u32 = 200;

/// The most candidates the keyboard's strip is offered: one row of
/// touch-sized words.
pub const MAX_CANDIDATES: usize = 8;

commands! {
main {
    /// The home screen: the pack, its counts and what is featured.
    fn get_home(live) -> Home {
        live.catalog().home()
    }

    /// Every news item, newest first.
    fn list_news(live) -> Vec<NewsSummary> {
        live.catalog().news()
    }

    fn get_news(live, id: String) -> NewsItem {
        live.catalog().news_item(&id)
    }

    fn list_parks(live) -> Vec<ParkSummary> {
        live.catalog().parks()
    }

    /// A park, its exhibitors A–Z in `lang` (the visitor's language).
    fn get_park(live, id: String, lang: String) -> Park {
        live.catalog().park(&id, &lang)
    }

    /// How many exhibitors `filter` lets through and where each letter's
    /// group starts, for the directory and its A–Z rail, in `lang`'s
    /// order (in Chinese, by pinyin: the letters are pinyin initials).
    fn get_directory_outline(live, filter: DirectoryFilter, lang: String) -> DirectoryOutline {
        live.catalog().directory_outline(&filter, &lang)
    }

    /// The directory's rows `offset..offset + limit`, A–Z in `lang`;
    /// `MAX_WINDOW_ROWS` at most.
    fn list_exhibitor_window(
        live,
        filter: DirectoryFilter,
        lang: String,
        offset: u32,
        limit: u32,
    ) -> Vec<ExhibitorSummary> {
        let limit = limit.min(MAX_WINDOW_ROWS);
        live.catalog().directory_window(&filter, &lang, offset, limit)
    }

    fn get_exhibitor(live, id: String) -> Exhibitor {
        live.catalog().exhibitor(&id)
    }

    /// Who is at one stand of a hall's plan, A–Z in `lang` (usually one
    /// exhibitor).
    fn list_stand_exhibitors(live, hall: String, stand: String, lang: String) -> Vec<ExhibitorSummary> {
        live.catalog().stand_exhibitors(&hall, &stand, &lang)
    }

    /// The agenda, in time order.
    fn list_sessions(live) -> Vec<SessionSummary> {
        live.catalog().sessions()
    }

    fn get_session(live, id: String) -> Session {
        live.catalog().session(&id)
    }

    /// A speaker, with the sessions they speak at in time order.
    fn get_speaker(live, id: String) -> SpeakerProfile {
        live.catalog().speaker(&id)
    }

    fn list_halls(live) -> Vec<HallSummary> {
        live.catalog().halls()
    }

    /// One hall's plan with its stands and spots.
    fn get_hall(live, id: String) -> Hall {
        live.catalog().hall(&id)
    }

    fn get_spot(live, id: String) -> Spot {
        live.catalog().spot(&id)
    }

    /// Exhibitors, parks, news, sessions and speakers whose names or
    /// summaries match `query`, best first; `MAX_SEARCH_HITS` at most. A
    /// Latin query that finds nothing is tried again one edit away
    /// ("Micorsoft"), and `searched_for` says what was searched for instead.
    fn search(live, query: String, limit: u32) -> SearchResult {
        let limit = limit.min(MAX_SEARCH_HITS) as usize;
        live.catalog().search_with_correction(&query, None, limit)
    }

    /// The pack's Chinese names and words that the pinyin `typed` spells,
    /// for the keyboard's candidate strip; `MAX_CANDIDATES` at most.
    fn suggest_chinese(live, typed: String) -> Vec<String> {
        live.catalog().chinese_candidates(&typed, MAX_CANDIDATES)
    }

    /// The attract loop's slides, in order.
    fn list_slides(live) -> Vec<Slide> {
        live.catalog().slides()
    }

    /// Where media files live, for `convertFileSrc` in the UI; the asset
    /// protocol is scoped to exactly this folder.
    fn get_media_dir(live) -> String {
        Ok(live.media_dir().to_string_lossy().into_owned())
    }

    /// This kiosk's own settings (idle time, its spot on the venue map, the
    /// language visits start in, whether this is a preview), read afresh on
    /// each call so that an operator's edit applies at the next start of the
    /// UI. An invalid file is reported, and the UI keeps its defaults.
    fn get_kiosk_settings(live) -> KioskSettings {
        live.kiosk_settings()
    }

    /// The page is alive: sent every `HEARTBEAT_SECONDS`, with whether a
    /// visitor touched the screen since the last one. When heartbeats stop,
    /// the shell reloads the page, then restarts (`watchdog.rs`).
    fn heartbeat(vitals: Vitals, touched: bool) -> () {
        vitals.beat(touched);
        Ok(())
    }

    /// What the visitor did since the last call (the UI sends a batch
    /// about once a second, and at the end of a visit). Only buffered here:
    /// `stats_recorder.rs` writes the buffer to `stats.db` every few
    /// seconds, and drops what a flood sends past its bounds
    /// (`MAX_EVENTS_PER_CALL` per call).
    fn record_visitor_events(recorder: StatsRecorder, events: Vec<VisitorEvent>) -> () {
        recorder.add(events, stats_recorder::now_ms());
        Ok(())
    }
    /// The end of the operator's gesture (the top-left corner held for
    /// five seconds): opens the operator's panel over this screen, or
    /// brings it forward. With no PIN set it opens nothing and answers
    /// `no_pin`; the visitor's screen shows nothing either way.
    fn open_operator_panel(panel: Panel) -> () {
        panel.open()
    }
}

operator {
    /// Whether a PIN is set, and whether the PIN pad is locked.
    fn get_pin_status(panel: Panel) -> PinStatus {
        panel.operator().pin_status()
    }

    /// A session for the right PIN: its token goes with every other
    /// command. Wrong PINs lock the pad for growing periods.
    fn unlock_operator(panel: Panel, pin: String) -> OperatorSession {
        panel.unlock(&pin)
    }

    /// Ends the session and closes the panel (its "Close", and idle). It
    /// closes whatever the token's state: a PIN pad whose session expired,
    /// or that never had one, must not stay up where visitors reach it.
    fn close_operator_panel(panel: Panel, token: String) -> () {
        panel.close(&token);
        Ok(())
    }

    /// Everything the panel's first screen shows.
    fn get_operator_overview(panel: Panel, token: String) -> OperatorOverview {
        panel.session(&token)?.overview()
    }

    /// What changes from the live pack to the staged one.
    fn get_staged_diff(panel: Panel, token: String) -> PackDiff {
        panel.session(&token)?.staged_diff()
    }

    /// Opens the staged pack as visitors would see it, in a preview
    /// window of its own over this one; the live screen is untouched.
    fn browse_staged(panel: Panel, token: String) -> () {
        panel.session(&token)?.browse_staged()
    }

    /// Makes the staged pack live, in the same atomic step as an import.
    fn make_staged_live(panel: Panel, token: String) -> PackInfo {
        panel.session(&token)?.make_staged_live()
    }

    /// Makes the kept pack in `folder` live again.
    fn rollback_pack(panel: Panel, token: String, folder: String) -> PackInfo {
        panel.session(&token)?.rollback(&folder)
    }

    /// Writes the settings into `settings.json` (the file's other keys
    /// kept) and applies them at once; answers the settings now in force.
    fn save_operator_settings(panel: Panel, token: String, settings: OperatorSettings) -> OperatorSettings {
        panel.session(&token)?.save_settings(&settings)
    }

    /// The visitor statistics for the panel's charts.
    fn get_stats_summary(panel: Panel, token: String) -> StatsSummary {
        panel.session(&token)?.stats_summary()
    }

    /// The statistics as CSV and HTML, and the folders they may be written
    /// to (`<target>/<file_stem>.csv` and `.html`, with the fs plugin's
    /// `writeTextFile`), which only now become writable.
    fn prepare_stats_export(panel: Panel, token: String) -> StatsExport {
        panel.session(&token)?.prepare_export()
    }
}
}
