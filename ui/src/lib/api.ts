// The kiosk's one door to the Rust core: a typed wrapper per Tauri command,
// plus media URLs and the `pack-changed` and `settings-changed`
// subscriptions. Components never call `invoke` themselves. The command names, argument shapes and answer types
// are generated from the shell (`bindings/shell.ts`, written by
// `cargo test -p pavilion-kiosk`), so a call the shell does not answer fails
// the type check. Sorting, filtering and language fallback are the core's
// job; this module passes its answers through untouched.
//
// Tests: `tests/kiosk.spec.ts` drives the UI against a mocked IPC
// (`tests/tauri-mock.ts`).

import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { Media } from "./bindings/Media";
import {
  commands,
  PACK_CHANGED,
  SETTINGS_CHANGED,
  type CommandName,
  type Commands,
  type Events,
} from "./bindings/shell";

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

/** Sends a command through Tauri, its failures as `ApiError`s. The answer's
 * type comes from the generated command table (`bindings/shell.ts`), which
 * the shell's commands are declared from. */
async function call<C extends CommandName>(
  command: C,
  args: Commands[C]["args"],
): Promise<Commands[C]["answer"]> {
  try {
    return await invoke<Commands[C]["answer"]>(command, args);
  } catch (error) {
    if (isErrorReport(error)) throw new ApiError(error.code, error.message);
    throw new ApiError("unexpected", error instanceof Error ? error.message : String(error));
  }
}

// One typed function per command, generated from the shell's declarations;
// their comments are the commands' own.
export const {
  getHome,
  listNews,
  getNews,
  listParks,
  getPark,
  getDirectoryOutline,
  listExhibitorWindow,
  getExhibitor,
  listStandExhibitors,
  listSessions,
  getSession,
  getSpeaker,
  listHalls,
  getHall,
  getSpot,
  getMediaDir,
  search,
  suggestChinese,
  listSlides,
  getKioskSettings,
  heartbeat,
  recordVisitorEvents,
  openOperatorPanel,
  getPinStatus,
  unlockOperator,
  closeOperatorPanel,
  getOperatorOverview,
  getStagedDiff,
  browseStaged,
  makeStagedLive,
  rollbackPack,
  saveOperatorSettings,
  getStatsSummary,
  prepareStatsExport,
} = commands(call);

/** The URL of a file in the media store, served by Tauri's asset protocol. */
export function mediaUrl(mediaDir: string, name: Media): string {
  return convertFileSrc(`${mediaDir}/${name}`);
}

/** Calls `handler` whenever the live pack is replaced by an import. */
export function onPackChanged(
  handler: (pack: Events[typeof PACK_CHANGED]) => void,
): Promise<UnlistenFn> {
  return listen<Events[typeof PACK_CHANGED]>(PACK_CHANGED, (event) => handler(event.payload));
}

/** Calls `handler` with the booth's settings whenever an operator saves
 * them in the panel. */
export function onSettingsChanged(
  handler: (settings: Events[typeof SETTINGS_CHANGED]) => void,
): Promise<UnlistenFn> {
  return listen<Events[typeof SETTINGS_CHANGED]>(SETTINGS_CHANGED, (event) => handler(event.payload));
}
