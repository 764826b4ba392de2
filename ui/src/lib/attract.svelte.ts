// The attract loop: full-screen slides that play while nobody uses the
// kiosk. Two picture layers are reused for ever (the next slide goes into
// the hidden one once a fade is over, then the two cross-fade), one timer
// runs at a time (show, then fade, then show …), and
// the slides are fetched afresh each time the loop starts, so it can run
// for days without growing.
//
// Tests: `tests/features.spec.ts` ("idle …", "the attract loop …").

import * as api from "./api";
import type { Slide } from "./bindings/Slide";
import { SLIDE_FADE_MS, SLIDE_SECONDS_FALLBACK } from "./config";

class Attract {
  /** The loop is showing. */
  active = $state(false);
  /** The two picture layers; `front` is the one on show. */
  layers = $state<[Slide | null, Slide | null]>([null, null]);
  front = $state<0 | 1>(0);
  /** How many slides there are (0: the loop shows only the event). */
  count = $state(0);

  #slides: Slide[] = [];
  #index = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every start and stop: a late `list_slides` answer is dropped. */
  #run = 0;

  /** The slide on show, if any. */
  get current(): Slide | null {
    return this.layers[this.front];
  }

  async start(): Promise<void> {
    const run = ++this.#run;
    this.active = true;
    let slides: Slide[];
    try {
      slides = await api.listSlides();
    } catch {
      slides = [];
    }
    if (run !== this.#run) return;
    this.#slides = slides;
    this.count = slides.length;
    this.#index = 0;
    this.front = 0;
    this.layers = [slides[0] ?? null, slides[1] ?? null];
    this.#schedule();
  }

  stop(): void {
    this.#run++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.active = false;
    this.#slides = [];
    this.count = 0;
    this.layers = [null, null];
  }

  /** Seconds the slide on show stays. */
  #seconds(): number {
    const seconds = this.#slides[this.#index]?.seconds ?? 0;
    return seconds > 0 ? seconds : SLIDE_SECONDS_FALLBACK;
  }

  #schedule(delay = this.#seconds() * 1000): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#slides.length < 2) return;
    this.#timer = setTimeout(() => this.#advance(), delay);
  }

  /** Cross-fades to the hidden layer, which already holds the next slide.
   * Once the fade is over, the layer just hidden gets the slide after. */
  #advance(): void {
    const count = this.#slides.length;
    if (!this.active || count < 2) return;
    this.#index = (this.#index + 1) % count;
    this.front = this.front === 0 ? 1 : 0;
    const fade = Math.min(SLIDE_FADE_MS, this.#seconds() * 500);
    this.#timer = setTimeout(() => this.#preload(fade), fade);
  }

  #preload(faded: number): void {
    const next = this.#slides[(this.#index + 1) % this.#slides.length] ?? null;
    const hidden = this.front === 0 ? 1 : 0;
    const layers: [Slide | null, Slide | null] = [...this.layers];
    layers[hidden] = next;
    this.layers = layers;
    this.#schedule(Math.max(0, this.#seconds() * 1000 - faded));
  }
}

/** The one attract loop of this window. */
export const attract = new Attract();
