// Notices when nobody has touched the kiosk for a while. Activity only
// records a time stamp; a single timer checks it when it falls due and
// re-arms itself for the rest, so a busy visitor costs no timer churn and
// there is never more than one timer.
//
// Tests: `tests/features.spec.ts` ("idle …").

const ACTIVITY = ["pointerdown", "touchstart", "keydown", "wheel"] as const;

export class IdleWatch {
  readonly #ms: number;
  readonly #onIdle: () => void;
  #last = 0;
  #armed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(seconds: number, onIdle: () => void) {
    this.#ms = seconds * 1000;
    this.#onIdle = onIdle;
  }

  /** Starts listening and arms the watch; returns the way to stop. */
  start(): () => void {
    for (const type of ACTIVITY) window.addEventListener(type, this.#touch, { capture: true, passive: true });
    this.arm();
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, this.#touch, { capture: true });
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#armed = false;
    };
  }

  /** Counts from now again (after the attract loop has ended). */
  arm(): void {
    this.#armed = true;
    this.#last = performance.now();
    this.#schedule(this.#ms);
  }

  #touch = (): void => {
    this.#last = performance.now();
  };

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#check, delay);
  }

  #check = (): void => {
    this.#timer = undefined;
    if (!this.#armed) return;
    const quiet = performance.now() - this.#last;
    if (quiet < this.#ms) return this.#schedule(this.#ms - quiet);
    this.#armed = false;
    this.#onIdle();
  };
}
