// The live pack's whole lists (news, parks, halls), each read once per pack.
// A pack never changes while it is live, yet every tap on News fetched and
// parsed its whole list again (at 100,000 exhibitors, 2,000 items), and
// every tap on the directory and Back to it its halls: a visitor's tap
// waited on a round trip through the IPC for an answer the page already
// had (bench/README.md, "Visitor figures, before and after"). Another pack
// going live forgets them all, and the news are read again when one of
// them expires.
//
// Tests: `tests/kiosk.spec.ts` (a list is read once, and again after a
// pack switch or a news item's expiry).

import * as api from "./api";
import type { HallSummary } from "./bindings/HallSummary";
import type { NewsSummary } from "./bindings/NewsSummary";
import type { ParkSummary } from "./bindings/ParkSummary";

/** One list's answer, kept once it has arrived until `expiry` of it says
 * (ms since the epoch; never, by default); a failed read is not kept, so
 * the next tap asks again. */
class Kept<T> {
  readonly #read: () => Promise<T>;
  readonly #expiry: (answer: T) => number;
  #answer: Promise<T> | null = null;
  #until = Infinity;

  constructor(read: () => Promise<T>, expiry: (answer: T) => number = () => Infinity) {
    this.#read = read;
    this.#expiry = expiry;
  }

  get(): Promise<T> {
    if (this.#answer && Date.now() < this.#until) return this.#answer;
    const answer = this.#read();
    this.#answer = answer;
    this.#until = Infinity;
    answer.then(
      (value) => {
        if (this.#answer === answer) this.#until = this.#expiry(value);
      },
      () => {
        if (this.#answer === answer) this.#answer = null;
      },
    );
    return answer;
  }

  forget(): void {
    this.#answer = null;
  }
}

/** When the first of `items` leaves the list: an expired item must not stay
 * on screen, where tapping it would find nothing. */
function firstExpiry(items: NewsSummary[]): number {
  return Math.min(...items.map((item) => (item.expires_at === null ? Infinity : item.expires_at * 1000)));
}

class PackLists {
  readonly #news = new Kept<NewsSummary[]>(() => api.listNews(), firstExpiry);
  readonly #parks = new Kept<ParkSummary[]>(() => api.listParks());
  readonly #halls = new Kept<HallSummary[]>(() => api.listHalls());

  news(): Promise<NewsSummary[]> {
    return this.#news.get();
  }

  parks(): Promise<ParkSummary[]> {
    return this.#parks.get();
  }

  halls(): Promise<HallSummary[]> {
    return this.#halls.get();
  }

  /** Another pack went live: its lists are read afresh. */
  forget(): void {
    this.#news.forget();
    this.#parks.forget();
    this.#halls.forget();
  }
}

/** The lists of the pack this window shows. */
export const packLists = new PackLists();
