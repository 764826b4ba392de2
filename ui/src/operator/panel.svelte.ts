// The operator panel's state: the PIN pad until a session is open, then the
// overview the shell reports and the tab showing. Every operator command
// goes through `run`, which passes the session's token and, when the shell
// says the session is over (expired or unknown), drops it so the PIN pad
// shows again. The panel decides nothing the core decides: it shows the
// shell's answers and sends the operator's choices back.
//
// Tests: `tests/operator.spec.ts` (mocked IPC, `tests/fixtures/operator.ts`).

import * as api from "../lib/api";
import { ApiError } from "../lib/api";
import type { OperatorOverview } from "../lib/bindings/OperatorOverview";
import type { PinStatus } from "../lib/bindings/PinStatus";
import { DEFAULT_IDLE_SECONDS } from "../lib/config";
import { panelLanguages, words } from "./words";

export type Tab = "live" | "kept" | "history" | "waiting" | "health" | "settings" | "staged" | "statistics";

/** The tabs in the order they are offered; `staged` only while a pack is. */
export function tabsFor(overview: OperatorOverview): Tab[] {
  const tabs: Tab[] = ["live", "kept", "history", "waiting", "health", "settings", "statistics"];
  if (overview.status.staged) tabs.splice(1, 0, "staged");
  return tabs;
}

class Panel {
  /** The panel's language; the toggle steps through `panelLanguages`. */
  lang = $state(panelLanguages[0] ?? "zh");
  pin = $state<PinStatus | null>(null);
  /** Set when a right PIN opened a session; `null` on the PIN pad. */
  token = $state<string | null>(null);
  overview = $state<OperatorOverview | null>(null);
  tab = $state<Tab>("live");
  /** A sentence over the current screen: the answer to the last action. */
  notice = $state<{ text: string; failed: boolean } | null>(null);
  /** The session ended under the operator: said on the PIN pad. */
  ended = $state(false);
  #lastToken: string | null = null;

  /** Seconds of no touch before the panel closes: the kiosk's own idle time. */
  get idleSeconds(): number {
    return this.overview?.settings.idle_seconds ?? DEFAULT_IDLE_SECONDS;
  }

  toggleLanguage(): void {
    this.lang = panelLanguages[(panelLanguages.indexOf(this.lang) + 1) % panelLanguages.length] ?? this.lang;
  }

  async refreshPin(): Promise<void> {
    this.pin = await api.getPinStatus();
  }

  /** Checks `pin`; a right one opens the session and the overview. A
   * wrong one answers with the new lock state (the pad shows it). */
  async unlock(pin: string): Promise<boolean> {
    try {
      const session = await api.unlockOperator(pin);
      this.token = session.token;
      this.#lastToken = session.token;
      this.ended = false;
      this.notice = null;
      this.tab = "live";
      await this.reload();
      // The panel opens in the language the booth's visits start in.
      const language = this.overview?.settings.language;
      if (language && panelLanguages.includes(language)) this.lang = language;
      return true;
    } catch (error) {
      await this.refreshPin();
      if (!(error instanceof ApiError) || (error.code !== "wrong_pin" && error.code !== "pin_locked")) throw error;
      return false;
    }
  }

  /** Runs an operator command with the session's token. An ended session
   * returns to the PIN pad and answers `undefined`; other failures throw. */
  async run<T>(command: (token: string) => Promise<T>): Promise<T | undefined> {
    const token = this.token;
    if (token === null) return undefined;
    try {
      return await command(token);
    } catch (error) {
      if (error instanceof ApiError && (error.code === "session_expired" || error.code === "session_unknown")) {
        this.lock(true);
        await this.refreshPin();
        return undefined;
      }
      throw error;
    }
  }

  /** Fetches the overview again (after an action changed the kiosk); a
   * failure is said on screen over the overview the panel had. */
  async reload(): Promise<void> {
    let overview: OperatorOverview | undefined;
    try {
      overview = await this.run(api.getOperatorOverview);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (overview === undefined) return;
    this.overview = overview;
    if (!tabsFor(overview).includes(this.tab)) this.tab = "live";
  }

  /** Back to the PIN pad; `ended` says the session ran out rather than
   * the operator leaving. */
  lock(ended: boolean): void {
    this.token = null;
    this.overview = null;
    this.notice = null;
    this.ended = ended;
  }

  /** Ends the session and closes the window (Close, or idle). On the PIN
   * pad after a session ran out, the last token still names the panel to
   * close to the shell. */
  async close(): Promise<void> {
    const token = this.token ?? this.#lastToken;
    this.lock(false);
    if (token !== null) await api.closeOperatorPanel(token).catch(() => undefined);
  }

  say(text: string, failed = false): void {
    this.notice = { text, failed };
  }

  /** Says what went wrong: the shell's sentence (an `ApiError`'s message)
   * or the plugin's. */
  fail(error: unknown): void {
    this.say(words(this.lang).failed(error instanceof Error ? error.message : String(error)), true);
  }
}

export const panel = new Panel();
