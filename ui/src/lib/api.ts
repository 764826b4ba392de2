// The kiosk's one door to the Rust core: a typed wrapper per Tauri command,
// plus media URLs and the `pack-changed` subscription. Components never call
// `invoke` themselves, so the command names and argument shapes live here
// only. Sorting, filtering and language fallback are the core's job; this
// module passes its answers through untouched.
//
// Tests: `tests/kiosk.spec.ts` drives the UI against a mocked IPC
// (`tests/tauri-mock.ts`).

import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { DirectoryFilter } from "./bindings/DirectoryFilter";
import type { DirectoryOutline } from "./bindings/DirectoryOutline";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { Exhibitor } from "./bindings/Exhibitor";
import type { ExhibitorSummary } from "./bindings/ExhibitorSummary";
import type { Hall } from "./bindings/Hall";
import type { HallSummary } from "./bindings/HallSummary";
import type { Home } from "./bindings/Home";
import type { KioskSettings } from "./bindings/KioskSettings";
import type { Media } from "./bindings/Media";
import type { NewsItem } from "./bindings/NewsItem";
import type { NewsSummary } from "./bindings/NewsSummary";
import type { PackInfo } from "./bindings/PackInfo";
import type { Park } from "./bindings/Park";
import type { ParkSummary } from "./bindings/ParkSummary";
import type { SearchHit } from "./bindings/SearchHit";
import type { Session } from "./bindings/Session";
import type { SessionSummary } from "./bindings/SessionSummary";
import type { Slide } from "./bindings/Slide";
import type { Spot } from "./bindings/Spot";

/** A failed command. `code` is the core's `ErrorCode`, or `"unexpected"`
 * when the failure did not come from the core (no IPC, a panic, …). */
export class ApiError extends Error {
  readonly code: ErrorCode | "unexpected";

  constructor(code: ErrorCode | "unexpected", message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorReport).code === "string" &&
    typeof (value as ErrorReport).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isErrorReport(error)) throw new ApiError(error.code, error.message);
    throw new ApiError("unexpected", error instanceof Error ? error.message : String(error));
  }
}

export const getHome = () => call<Home>("get_home");
export const listNews = () => call<NewsSummary[]>("list_news");
export const getNews = (id: string) => call<NewsItem>("get_news", { id });
export const listParks = () => call<ParkSummary[]>("list_parks");
export const getPark = (id: string) => call<Park>("get_park", { id });
/** How many exhibitors `filter` lets through and where each letter's group
 * starts, for the directory and its A–Z rail. */
export const getDirectoryOutline = (filter: DirectoryFilter) =>
  call<DirectoryOutline>("get_directory_outline", { filter });
/** The directory's rows `offset..offset + limit`, A–Z; the shell sends 500 at most. */
export const listExhibitorWindow = (filter: DirectoryFilter, offset: number, limit: number) =>
  call<ExhibitorSummary[]>("list_exhibitor_window", { filter, offset, limit });
export const getExhibitor = (id: string) => call<Exhibitor>("get_exhibitor", { id });
/** Who is at one stand of a hall, A–Z (usually one exhibitor). */
export const listStandExhibitors = (hall: string, stand: string) =>
  call<ExhibitorSummary[]>("list_stand_exhibitors", { hall, stand });
/** The agenda, in time order. */
export const listSessions = () => call<SessionSummary[]>("list_sessions");
export const getSession = (id: string) => call<Session>("get_session", { id });
export const listHalls = () => call<HallSummary[]>("list_halls");
/** One hall's plan with its stands and spots. */
export const getHall = (id: string) => call<Hall>("get_hall", { id });
export const getSpot = (id: string) => call<Spot>("get_spot", { id });
export const getMediaDir = () => call<string>("get_media_dir");
/** Exhibitors, parks and news whose names or summaries match `query`, best
 * first; matching and ranking are the core's. */
export const search = (query: string, limit: number) => call<SearchHit[]>("search", { query, limit });
/** The attract loop's slides, in order. */
export const listSlides = () => call<Slide[]>("list_slides");

/** This booth's own settings: idle time, its spot on the venue map. */
export const getKioskSettings = () => call<KioskSettings>("get_kiosk_settings");

/** The URL of a file in the media store, served by Tauri's asset protocol. */
export function mediaUrl(mediaDir: string, name: Media): string {
  return convertFileSrc(`${mediaDir}/${name}`);
}

/** Calls `handler` whenever the live pack is replaced by an import. */
export function onPackChanged(handler: (pack: PackInfo) => void): Promise<UnlistenFn> {
  return listen<PackInfo>("pack-changed", (event) => handler(event.payload));
}
