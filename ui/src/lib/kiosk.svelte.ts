// The kiosk's state: which screen is showing, the stack of screens behind it
// (for Back), the current language and the live pack's home data. It is a
// small typed router: a `Route` names a screen, a `View` is a route whose
// data has arrived. A new view replaces the old one only once its data is
// complete, so a tap, Back or a pack switch never shows a blank frame.
//
// Tests: `tests/kiosk.spec.ts` (navigation, language, pack-changed, errors).

import { tick } from "svelte";
import * as api from "./api";
import { ApiError } from "./api";
import type { DirectoryFilter } from "./bindings/DirectoryFilter";
import type { Exhibitor } from "./bindings/Exhibitor";
import type { ExhibitorSummary } from "./bindings/ExhibitorSummary";
import type { Hall } from "./bindings/Hall";
import type { HallSummary } from "./bindings/HallSummary";
import type { HitKind } from "./bindings/HitKind";
import type { Home } from "./bindings/Home";
import type { KioskSettings } from "./bindings/KioskSettings";
import type { LinkKind } from "./bindings/LinkKind";
import type { NewsItem } from "./bindings/NewsItem";
import type { NewsSummary } from "./bindings/NewsSummary";
import type { Park } from "./bindings/Park";
import type { ParkSummary } from "./bindings/ParkSummary";
import type { Session } from "./bindings/Session";
import type { SessionSummary } from "./bindings/SessionSummary";
import type { SpeakerProfile } from "./bindings/SpeakerProfile";
import type { Spot } from "./bindings/Spot";
import type { Text } from "./bindings/Text";
import { DEFAULT_IDLE_SECONDS } from "./config";
import { strings, tr, uiLanguages } from "./i18n";
import { packLists } from "./pack-lists";
import { directory, type DirectoryRows } from "./rows.svelte";
import { search } from "./search.svelte";
import { visitorEvents } from "./visitor-events";

export type Route =
  | { screen: "home" }
  | { screen: "news" }
  | { screen: "news-item"; id: string }
  | { screen: "parks" }
  | { screen: "park"; id: string }
  | { screen: "exhibitors" }
  | { screen: "exhibitor"; id: string }
  | { screen: "search" }
  | { screen: "agenda" }
  | { screen: "session"; id: string }
  | { screen: "speaker"; id: string }
  /** A hall's plan: the one named, else the kiosk's own (its spot's), else
   * the first; `stand` is drawn highlighted, labelled `label`. */
  | { screen: "map"; hall?: string; stand?: string; label?: Text }
  /** A stand shared by several exhibitors (or taken by none). */
  | { screen: "stand"; hall: string; stand: string };

export type View =
  | { screen: "home" }
  | { screen: "news"; items: NewsSummary[] }
  | { screen: "news-item"; item: NewsItem }
  | { screen: "parks"; items: ParkSummary[] }
  | { screen: "park"; park: Park }
  | { screen: "exhibitors"; rows: DirectoryRows; halls: HallSummary[] }
  | { screen: "exhibitor"; exhibitor: Exhibitor }
  | { screen: "search" }
  | { screen: "agenda"; sessions: SessionSummary[] }
  | { screen: "session"; session: Session }
  | { screen: "speaker"; profile: SpeakerProfile }
  | { screen: "map"; halls: HallSummary[]; hall: Hall; here: Spot | null; stand: string | null; label: Text | null }
  | { screen: "stand"; hall: string; stand: string; items: ExhibitorSummary[] }
  | { screen: "error"; error: ApiError };

/** The detail screen of a search hit or an attract slide's link. */
export function routeTo(kind: HitKind | LinkKind, id: string): Route {
  switch (kind) {
    case "news":
      return { screen: "news-item", id };
    case "park":
      return { screen: "park", id };
    case "exhibitor":
      return { screen: "exhibitor", id };
    case "session":
      return { screen: "session", id };
    case "speaker":
      return { screen: "speaker", id };
  }
}

type Entry = { route: Route; scroll: number };

const HOME: Entry = { route: { screen: "home" }, scroll: 0 };

/** The directory as it opens: every category, every hall. */
export const NO_FILTER: DirectoryFilter = { category: null, hall: null };

/** The hall a map opens on, with the kiosk's spot (null when unset or
 * unknown to this pack: the map then simply has no "you are here"). */
async function loadMap(route: { hall?: string; stand?: string; label?: Text }, spotId: string | null): Promise<View> {
  const [halls, here] = await Promise.all([
    packLists.halls(),
    spotId ? api.getSpot(spotId).catch(() => null) : Promise.resolve(null),
  ]);
  const id = route.hall ?? here?.hall ?? halls[0]?.id;
  if (id === undefined) throw new ApiError("not_found", "this pack has no venue map");
  const hall = await api.getHall(id);
  return { screen: "map", halls, hall, here, stand: route.stand ?? null, label: route.label ?? null };
}

/** The screens that list exhibitors A–Z, which is the visitor's language's
 * A–Z (in Chinese by pinyin): a language switch fetches them again. */
const LISTED_A_TO_Z: ReadonlySet<Route["screen"]> = new Set(["exhibitors", "park", "stand"]);

/** Fetches what `route` shows; `spot` is the kiosk's own, `filter` the
 * directory's, `lang` the visitor's language (the A–Z order). Throws
 * `ApiError`. */
async function load(route: Route, spot: string | null, filter: DirectoryFilter, lang: string): Promise<View> {
  switch (route.screen) {
    case "home":
      return { screen: "home" };
    case "news":
      return { screen: "news", items: await packLists.news() };
    case "news-item":
      return { screen: "news-item", item: await api.getNews(route.id) };
    case "parks":
      return { screen: "parks", items: await packLists.parks() };
    case "park":
      return { screen: "park", park: await api.getPark(route.id, lang) };
    case "exhibitors": {
      const [rows, halls] = await Promise.all([directory.open(filter, lang), packLists.halls()]);
      return { screen: "exhibitors", rows, halls };
    }
    case "exhibitor":
      return { screen: "exhibitor", exhibitor: await api.getExhibitor(route.id) };
    case "search":
      return { screen: "search" };
    case "agenda":
      return { screen: "agenda", sessions: await api.listSessions() };
    case "session":
      return { screen: "session", session: await api.getSession(route.id) };
    case "speaker":
      return { screen: "speaker", profile: await api.getSpeaker(route.id) };
    case "map":
      return loadMap(route, spot);
    case "stand":
      return { ...route, items: await api.listStandExhibitors(route.hall, route.stand, lang) };
  }
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError("unexpected", String(error));
}

class Kiosk {
  /** The live pack's home data; null until the first successful load. */
  home = $state<Home | null>(null);
  /** The live pack's halls, to name a booth's hall (never by its id). */
  halls = $state.raw<HallSummary[]>([]);
  /** Folder of the media store, for `api.mediaUrl`. */
  mediaDir = $state("");
  /** The language everything is shown in: a key of every pack `Text`. */
  lang = $state(uiLanguages[0] ?? "zh");
  /** What the screen shows; null only before the first answer. Raw (not
   * deeply reactive): a view is replaced whole, never changed, so proxying
   * its lists (a news list of thousands) would cost time for nothing. */
  view = $state.raw<View | null>(null);
  /** True while a screen's data is on its way (the old screen stays up). */
  busy = $state(false);
  /** This booth's settings; the defaults when they cannot be read, so a
   * broken settings file never keeps content off the screen. */
  settings = $state<KioskSettings>({ idle_seconds: DEFAULT_IDLE_SECONDS, spot: null, language: null, preview: false });
  /** The agenda day (`YYYY-MM-DD`, event time) a visitor picked; null for
   * the default (today, or the first day). Kept across Back, forgotten
   * when the visit ends (`visit.svelte.ts`). */
  agendaDay = $state<string | null>(null);
  /** The directory's filters, kept across Back, forgotten when home shows
   * (a visit's end goes home too). */
  filters = $state<DirectoryFilter>({ ...NO_FILTER });

  #hallNames = $derived(new Map(this.halls.map((hall) => [hall.id, hall.name])));
  #stack: Entry[] = [HOME];
  /** Bumped by every navigation: an answer for an older one is dropped. */
  #navigation = 0;
  /** Bumped by every pack (re)load, likewise. */
  #packLoad = 0;
  #scroller: HTMLElement | null = null;

  /** Languages the toggle cycles through: the pack's, default first. */
  get languages(): string[] {
    return this.home?.pack.languages ?? uiLanguages;
  }

  /** The language every visit starts in: the booth's setting when the pack
   * has it, else the pack's default. */
  get startLanguage(): string {
    return this.#startIn(this.languages);
  }

  #startIn(languages: string[]): string {
    const chosen = this.settings.language;
    return chosen && languages.includes(chosen) ? chosen : (languages[0] ?? this.lang);
  }

  /** Loads the booth's settings and the live pack, then follows every
   * `pack-changed`, and every `settings-changed` (an operator's save in
   * the panel: the idle time and spot apply at once, the language from the
   * next visit). */
  async start(): Promise<void> {
    await api.onPackChanged(() => void this.reload()).catch(() => undefined);
    await api.onSettingsChanged((settings) => (this.settings = settings)).catch(() => undefined);
    await Promise.all([this.reload(), this.#loadSettings()]);
  }

  async #loadSettings(): Promise<void> {
    try {
      this.settings = await api.getKioskSettings();
      this.lang = this.startLanguage;
    } catch (error) {
      console.error("pavilion: the kiosk settings could not be read; using the defaults", error);
    }
  }

  /** The element whose scroll position Back restores. */
  attachScroller(element: HTMLElement | null): void {
    this.#scroller = element;
  }

  /** What a visitor calls hall `id`: its name ("1号馆", "Hall 1"), or
   * "Hall <id>" if the pack's halls could not be read. */
  hallName(id: string): string {
    const name = this.#hallNames.get(id);
    return name ? tr(name, this.lang) : `${strings(this.lang).hall} ${id}`;
  }

  toggleLanguage(): void {
    const languages = this.languages;
    const next = (languages.indexOf(this.lang) + 1) % languages.length;
    this.lang = languages[next] ?? this.lang;
    visitorEvents.languageChosen(this.lang);
    void this.#reorder();
  }

  /** After a language switch, a screen listing exhibitors A–Z is fetched
   * again in the new language's order (the directory from its top: its
   * letters are other ones now). */
  async #reorder(): Promise<void> {
    const top = this.#stack.at(-1);
    if (!top || !LISTED_A_TO_Z.has(top.route.screen)) return;
    const scroll = this.#scroller?.scrollTop ?? 0;
    const view = await this.#fetch(top.route);
    if (!view) return;
    await this.#show(view, view.screen === "exhibitors" ? 0 : scroll);
  }

  /** Shows `route` on top of the current screen. */
  async open(route: Route): Promise<void> {
    const top = this.#stack.at(-1);
    if (top) top.scroll = this.#scroller?.scrollTop ?? 0;
    const view = await this.#fetch(route);
    if (!view) return;
    this.#stack.push({ route, scroll: 0 });
    await this.#show(view, 0);
    this.#seen(route, view);
  }

  /** Shows `route` in place of the current screen (another hall of the
   * map): Back skips it. */
  async replace(route: Route): Promise<void> {
    const view = await this.#fetch(route);
    if (!view) return;
    this.#stack[this.#stack.length - 1] = { route, scroll: 0 };
    await this.#show(view, 0);
    this.#seen(route, view);
  }

  /** Opens the directory narrowed by `filter` (a category chip). */
  async openDirectory(filter: Partial<DirectoryFilter>): Promise<void> {
    this.filters = { ...NO_FILTER, ...filter };
    await this.open({ screen: "exhibitors" });
  }

  /** Opens the search with `text` in it (a tag). */
  async searchFor(text: string): Promise<void> {
    search.set(text);
    await this.open({ screen: "search" });
  }

  /** Narrows (or widens) the directory: the list under the new filters
   * replaces the old one once its outline has arrived. False if another
   * navigation came first. */
  async narrow(change: Partial<DirectoryFilter>): Promise<boolean> {
    this.filters = { ...this.filters, ...change };
    const view = await this.#fetch({ screen: "exhibitors" });
    if (!view) return false;
    this.view = view;
    await tick();
    return true;
  }

  /** A tap on a stand of the map: its exhibitor's page, or the list of
   * those who share it. */
  async openStand(hall: string, stand: string): Promise<void> {
    const items = await api.listStandExhibitors(hall, stand, this.lang).catch(() => null);
    const only = items?.length === 1 ? items[0] : undefined;
    await this.open(only ? { screen: "exhibitor", id: only.id } : { screen: "stand", hall, stand });
  }

  /** Returns to the previous screen, as it was scrolled. */
  async back(): Promise<void> {
    if (this.#stack.length <= 1) return this.goHome();
    const previous = this.#stack.at(-2)!;
    const view = await this.#fetch(previous.route);
    if (!view) return;
    if (view.screen === "error" && view.error.code === "not_found") return this.goHome();
    this.#stack.pop();
    await this.#show(view, previous.scroll);
    this.#seen(previous.route, view);
  }

  /** Back to the home screen; after a failed start, tries the pack again. */
  async goHome(): Promise<void> {
    this.#navigation++;
    this.busy = false;
    this.#stack = [{ ...HOME }];
    if (this.home === null) return this.reload();
    await this.#show({ screen: "home" }, 0);
    this.#seen(HOME.route, { screen: "home" });
  }

  /** (Re)reads the live pack and the current screen from it. The current
   * item stays up if the new pack still has it; otherwise the kiosk goes
   * home. Nothing changes on screen until all of it has arrived. */
  async reload(): Promise<void> {
    const packLoad = ++this.#packLoad;
    const navigation = ++this.#navigation;
    directory.forget();
    packLists.forget();
    let home: Home;
    let mediaDir: string;
    let halls: HallSummary[];
    try {
      // Without its halls a booth still shows, by the hall's id.
      [home, mediaDir, halls] = await Promise.all([
        api.getHome(),
        api.getMediaDir(),
        packLists.halls().catch(() => []),
      ]);
    } catch (error) {
      if (packLoad !== this.#packLoad || navigation !== this.#navigation) return;
      this.busy = false;
      this.#stack = [{ ...HOME }];
      await this.#show({ screen: "error", error: asApiError(error) }, 0);
      return;
    }
    const top = this.#stack.at(-1) ?? HOME;
    // The visitor's language, if the new pack has it (the A–Z order).
    const lang = home.pack.languages.includes(this.lang) ? this.lang : this.#startIn(home.pack.languages);
    let view: View;
    try {
      view = await load(top.route, this.settings.spot, this.filters, lang);
    } catch (error) {
      const failure = asApiError(error);
      if (failure.code === "not_found") {
        this.#stack = [{ ...HOME }];
        view = { screen: "home" };
      } else {
        view = { screen: "error", error: failure };
      }
    }
    if (packLoad !== this.#packLoad) return;
    this.home = home;
    this.mediaDir = mediaDir;
    this.halls = halls;
    this.lang = lang;
    // A tap that came in meanwhile wins over the refreshed screen.
    if (navigation !== this.#navigation) return;
    this.busy = false;
    const keepScroll = this.#scroller?.scrollTop ?? 0;
    await this.#show(view, view.screen === top.route.screen ? keepScroll : 0);
  }

  /** The data for `route`, an error view if it failed, or null if another
   * navigation started in the meantime. */
  async #fetch(route: Route): Promise<View | null> {
    const navigation = ++this.#navigation;
    this.busy = true;
    let view: View;
    try {
      view = await load(route, this.settings.spot, this.filters, this.lang);
    } catch (error) {
      view = { screen: "error", error: asApiError(error) };
    }
    if (navigation !== this.#navigation) return null;
    this.busy = false;
    return view;
  }

  /** A screen the visitor went to, for the statistics (an error is not
   * one). */
  #seen(route: Route, view: View): void {
    if (view.screen !== "error") visitorEvents.screenShown(route);
  }

  async #show(view: View, scroll: number): Promise<void> {
    // A visitor who goes home has left the directory: it opens unfiltered.
    if (view.screen === "home") this.filters = { ...NO_FILTER };
    this.view = view;
    await tick();
    if (this.#scroller) this.#scroller.scrollTop = scroll;
  }
}

/** The one kiosk state of this window. */
export const kiosk = new Kiosk();
