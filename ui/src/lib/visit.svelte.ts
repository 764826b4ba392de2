// A visit, from the touch that starts it to the idle time that ends it.
// Everything a visitor may change (the screen and the stack behind it, the
// language, the directory's filters, the agenda's day, the search, the
// accessibility modes) is forgotten in one place, `end`, so the next
// visitor never finds the last one's choices, and a choice added later
// has one place to be forgotten in.
//
// Tests: `tests/features.spec.ts` ("idle …", "the attract loop …"),
// `tests/venue.spec.ts` ("… the visit's end clears them"),
// `tests/agenda.spec.ts` ("after idle the agenda forgets …").

import { access } from "./access.svelte";
import { attract } from "./attract.svelte";
import { IdleWatch } from "./idle";
import { kiosk, NO_FILTER, type Route } from "./kiosk.svelte";
import { search } from "./search.svelte";
import { visitorEvents } from "./visitor-events";

class Visit {
  #idle: IdleWatch | null = null;

  /** Ends the visit after `seconds` without a touch (then the attract loop
   * plays); returns the way to stop watching. */
  watch(seconds: number): () => void {
    const watch = new IdleWatch(seconds, () => {
      void this.end();
      void attract.start();
    });
    this.#idle = watch;
    return watch.start();
  }

  /** Ends a visit: the next visitor starts at home, in the booth's start
   * language, with no filter, no search, no scroll and the screen's normal
   * look. */
  async end(): Promise<void> {
    visitorEvents.ended();
    search.reset();
    access.reset();
    kiosk.agendaDay = null;
    kiosk.filters = { ...NO_FILTER };
    kiosk.lang = kiosk.startLanguage;
    await kiosk.goHome();
  }

  /** A touch on the attract loop: the next visit starts, at home or at
   * `route`, and the idle watch counts again. */
  begin(route: Route | null): void {
    attract.stop();
    this.#idle?.arm();
    if (route) void kiosk.open(route);
  }
}

/** The one visit at a time of this window. */
export const visit = new Visit();
