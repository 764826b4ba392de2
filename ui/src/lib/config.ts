// The kiosk's tunable numbers, in one place. The idle time is the booth's
// own setting (`DATA/settings.json`, `get_kiosk_settings`); its default here
// is only what the kiosk uses until, or unless, the settings can be read.
// Values the shell or the core decide too are theirs, generated from Rust
// into `bindings/shell.ts`.

import { DEFAULT_IDLE_SECONDS, DEFAULT_SLIDE_SECONDS, MAX_SEARCH_HITS } from "./bindings/shell";

/** Seconds without a touch before the visit resets, when the settings cannot be read. */
export { DEFAULT_IDLE_SECONDS };

/** Milliseconds after the last key before the search is asked. */
export const SEARCH_DEBOUNCE_MS = 80;

/** The most results one search shows; the shell sends `MAX_SEARCH_HITS` at most. */
export const SEARCH_LIMIT = Math.min(40, MAX_SEARCH_HITS);

/** The longest query the on-screen keyboard types. */
export const SEARCH_MAX_LENGTH = 40;

/** How long a slide stays when the pack says 0 or less, in seconds: what
 * the core gives a slide without `seconds`. */
export const SLIDE_SECONDS_FALLBACK = DEFAULT_SLIDE_SECONDS;

/** Cross-fade between attract slides, in milliseconds (also in CSS). */
export const SLIDE_FADE_MS = 1200;
