// The kiosk's tunable numbers, in one place. The idle time is the booth's
// own setting (`DATA/settings.json`, `get_kiosk_settings`); the value here is
// only what the kiosk uses until, or unless, the settings can be read.

/** Seconds without a touch before the visit resets, when the settings cannot be read. */
export const DEFAULT_IDLE_SECONDS = 90;

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
