// The kiosk's tunable numbers, in one place.
//
// The idle time can be shortened for tests only: a test sets
// `window.__PAVILION_IDLE_SECONDS__` before the app loads (Playwright's
// `addInitScript`, see `tests/tauri-mock.ts`). Nothing in the shipped
// kiosk sets it, so there it is always the default.

declare global {
  interface Window {
    /** Tests only: seconds without a touch before the visit resets. */
    __PAVILION_IDLE_SECONDS__?: number;
  }
}

const testIdle = typeof window === "undefined" ? undefined : window.__PAVILION_IDLE_SECONDS__;

/** Seconds without a touch before the visit resets and the attract loop plays. */
export const IDLE_SECONDS = typeof testIdle === "number" && testIdle > 0 ? testIdle : 90;

/** Milliseconds after the last key before the search is asked. */
export const SEARCH_DEBOUNCE_MS = 80;

/** The most results one search shows. */
export const SEARCH_LIMIT = 40;

/** The longest query the on-screen keyboard types. */
export const SEARCH_MAX_LENGTH = 40;

/** How long a slide stays when the pack says 0 or less, in seconds. */
export const SLIDE_SECONDS_FALLBACK = 8;

/** Cross-fade between attract slides, in milliseconds (also in CSS). */
export const SLIDE_FADE_MS = 1200;
