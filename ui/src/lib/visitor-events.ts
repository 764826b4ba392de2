// What visitors do, told to the shell for the organiser's statistics
// (`src-tauri/src/stats_recorder.rs`, then `stats.db`): the one place the
// screens report to, so that what counts as a visit, a view or a search is
// decided here once.
//
// A visit starts with the first touch while none is under way (after the
// attract loop, or the first after the kiosk started) and ends at the idle
// reset; nothing is recorded outside a visit, so screens the kiosk shows by
// itself (at start, after a pack switch) are not views. Events are batched:
// one call `BATCH_MS` after the first of a batch, and at once when the
// visit ends. A search counts once it has settled (`SEARCH_SETTLE_MS`
// without a newer answer, or the visit's end), not per key typed.
//
// Tests: `tests/visitor-events.spec.ts`; `tests/e2e/stats.test.js` on the
// real app.

import { recordVisitorEvents } from "./api";
import type { Happened } from "./bindings/Happened";
import { MAX_EVENTS_PER_CALL } from "./bindings/shell";
import type { Viewed } from "./bindings/Viewed";
import type { VisitorEvent } from "./bindings/VisitorEvent";

/** Milliseconds events wait in the page before one call takes them all. */
export const BATCH_MS = 1000;

/** Milliseconds a search's answer must stand, without a newer one, to be
 * counted as what the visitor searched for. */
export const SEARCH_SETTLE_MS = 2000;

/** The screens that show one entity, and what its views count as. */
const ENTITY_OF: Readonly<Record<string, Viewed>> = {
  exhibitor: "exhibitor",
  park: "park",
  "news-item": "news",
  session: "session",
};

type Pending = { query: string; hits: number; at: number };

class VisitorEvents {
  #queue: VisitorEvent[] = [];
  #batch: ReturnType<typeof setTimeout> | undefined;
  /** When the visit under way began; null between visits. */
  #since: number | null = null;
  #search: Pending | null = null;
  #settle: ReturnType<typeof setTimeout> | undefined;

  /** Listens for the touch that begins a visit. */
  start(): void {
    window.addEventListener("pointerdown", () => this.#touched(), { capture: true, passive: true });
  }

  /** A screen was shown to the visitor (`screen` its kind, `id` what it
   * shows, for the screens of one entity). */
  screenShown(route: { screen: string; id?: string }): void {
    this.#add({ kind: "screen_viewed", screen: route.screen });
    const entity = ENTITY_OF[route.screen];
    if (entity && route.id !== undefined) this.#add({ kind: "viewed", entity, id: route.id });
  }

  /** A QR code is on screen; `link` is what it carries. */
  qrShown(link: "contact" | "calendar" | "website"): void {
    this.#add({ kind: "qr_shown", link });
  }

  languageChosen(language: string): void {
    this.#add({ kind: "language_chosen", language });
  }

  /** The answer to `query` arrived with `hits` results; counted once it
   * settles. */
  searched(query: string, hits: number): void {
    if (this.#since === null) return;
    clearTimeout(this.#settle);
    this.#search = { query, hits, at: Date.now() };
    this.#settle = setTimeout(() => this.#settled(), SEARCH_SETTLE_MS);
  }

  /** The idle reset: the visit's last events go now. */
  ended(): void {
    if (this.#since === null) return;
    this.#settled();
    const seconds = Math.max(0, Math.round((Date.now() - this.#since) / 1000));
    this.#add({ kind: "visit_ended", seconds });
    this.#since = null;
    this.#send();
  }

  #touched(): void {
    if (this.#since !== null) return;
    this.#since = Date.now();
    this.#add({ kind: "visit_started" });
  }

  #settled(): void {
    clearTimeout(this.#settle);
    const search = this.#search;
    this.#search = null;
    if (search) this.#add({ kind: "searched", query: search.query, hits: search.hits }, search.at);
  }

  #add(what: Happened, at_ms = Date.now()): void {
    if (this.#since === null) return;
    this.#queue.push({ at_ms, what });
    this.#batch ??= setTimeout(() => this.#send(), BATCH_MS);
  }

  /** Sends what waits; a failed call is dropped (counts, not content). */
  #send(): void {
    clearTimeout(this.#batch);
    this.#batch = undefined;
    const events = this.#queue;
    this.#queue = [];
    for (let from = 0; from < events.length; from += MAX_EVENTS_PER_CALL) {
      void recordVisitorEvents(events.slice(from, from + MAX_EVENTS_PER_CALL)).catch(() => {});
    }
  }
}

/** The one recorder of this window. */
export const visitorEvents = new VisitorEvents();
