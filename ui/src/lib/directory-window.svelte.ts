// The part of the A–Z directory on screen. The list is laid out from its
// outline (`directory.ts`); this follows the kiosk's one scroller and says
// which lines are on screen (plus a few either side), where each is drawn,
// which letter is at the top, and where a letter of the rail scrolls to.
// Only those lines are in the page, so 100,000 exhibitors scroll as
// smoothly as five. Line heights are in rem, so larger text and a rotated
// screen lay the list out again.
//
// Tests: `tests/directory.spec.ts`.

import type { LetterGroup } from "./bindings/LetterGroup";
import { height, layout, lineAt, lineCount, lineForLetter, lineOf, lineTop, type Line } from "./directory";

/** Line heights in rem: they follow the font size (and larger text). */
export const LETTER_REM = 3.2;
export const ROW_REM = 7.8;
/** Lines drawn beyond each edge of the screen. */
const OVERSCAN = 4;
/** The tallest the list element gets, in px: browsers stop laying out
 * somewhere above 16 million (WebKit, Firefox) or 33 million (Chromium).
 * A taller directory (100,000 rows on a 4K screen) is scrolled through a
 * shorter element, each px of scroll moving about `scale` px of list. */
const MAX_HEIGHT = 15_000_000;

const rootPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
const landscape = () => window.matchMedia("(orientation: landscape)").matches;

/** A line on screen: its index, what it shows and where it starts. */
export type Drawn = { index: number; line: Line; top: number };

export class DirectoryWindow {
  remPx = $state(rootPx());
  columns = $state(landscape() ? 2 : 1);
  scrollTop = $state(0);
  /** The scroller's height, in px. */
  viewport = $state(window.innerHeight);
  /** Where the list starts inside the scroller's content, in px. */
  listTop = $state(0);
  /** How much of the screen's top something sticky covers (the line of
   * active filters), in px: a jump lands below it. */
  covered = $state(0);

  readonly #groups: () => readonly LetterGroup[];
  #scroller: HTMLElement | null = null;
  #list: HTMLElement | null = null;

  /** `groups` is read again whenever it changes (another filter). */
  constructor(groups: () => readonly LetterGroup[]) {
    this.#groups = groups;
  }

  readonly model = $derived.by(() =>
    layout(this.#groups(), this.columns, LETTER_REM * this.remPx, ROW_REM * this.remPx),
  );
  readonly lines = $derived.by(() => lineCount(this.model));
  readonly total = $derived.by(() => height(this.model));
  readonly scale = $derived.by(() => Math.max(1, this.total / MAX_HEIGHT));
  /** List px per px of scroll: 1, or a little over `scale` so that the end
   * of the list still comes into view. */
  readonly ratio = $derived.by(() =>
    this.scale === 1
      ? 1
      : (this.total - this.viewport) / Math.max(1, this.total / this.scale - this.viewport),
  );
  /** How far the list has scrolled past the top of the screen, in px. */
  readonly scrolled = $derived.by(() => Math.max(0, this.scrollTop - this.listTop));
  /** Where in the (unscaled) list the top of the screen is. */
  readonly y = $derived.by(() => this.scrolled * this.ratio);
  readonly visible = $derived.by((): Drawn[] => {
    const first = Math.max(0, lineAt(this.model, this.y) - OVERSCAN);
    const last = Math.min(this.lines, lineAt(this.model, this.y + this.viewport) + OVERSCAN + 1);
    return Array.from({ length: Math.max(0, last - first) }, (_, k) => {
      const index = first + k;
      return { index, line: lineOf(this.model, index), top: lineTop(this.model, index) };
    });
  });
  /** The letter of the line at the top of the screen (below what covers it). */
  readonly current = $derived.by(() =>
    this.lines > 0
      ? lineOf(this.model, Math.min(lineAt(this.model, this.y + this.covered + 1), this.lines - 1)).letter
      : "",
  );

  /** Where line `top` (px into the list) is drawn inside the list element. */
  drawnAt(top: number): number {
    return this.scrolled + top - this.y;
  }

  /** Follows `scroller` (its scrolling, and its size: larger text and a
   * rotated screen change line heights); returns the way to stop. */
  follow(scroller: HTMLElement): () => void {
    this.#scroller = scroller;
    const onScroll = () => (this.scrollTop = scroller.scrollTop);
    scroller.addEventListener("scroll", onScroll, { passive: true });
    const observer = new ResizeObserver(() => this.measure());
    observer.observe(scroller);
    this.measure();
    return () => {
      scroller.removeEventListener("scroll", onScroll);
      observer.disconnect();
      this.#scroller = null;
    };
  }

  /** The list element (it comes and goes as a filter empties it), and an
   * element 10rem tall whose size tells when the root font size changes. */
  watchList(list: HTMLElement, sentinel: HTMLElement): () => void {
    this.#list = list;
    const observer = new ResizeObserver(() => this.measure());
    observer.observe(sentinel);
    return () => {
      observer.disconnect();
      if (this.#list === list) this.#list = null;
    };
  }

  measure(): void {
    const scroller = this.#scroller;
    const list = this.#list;
    if (!scroller || !list) return;
    this.remPx = rootPx();
    this.columns = landscape() ? 2 : 1;
    this.viewport = scroller.clientHeight;
    this.scrollTop = scroller.scrollTop;
    this.listTop = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  }

  /** Scrolls to `letter`'s group (or the nearest letter present). Rounded
   * up to a whole px: WebKit drops a scroll position's fraction, and where
   * a px of scroll is more than one of list that could land on the last
   * row of the letter before. */
  jump(letter: string): void {
    const line = lineForLetter(this.model.letterLine, letter);
    if (line === null || !this.#scroller) return;
    // Above the list's top a px of scroll is a px of list.
    const target = lineTop(this.model, line) - this.covered;
    this.#scroller.scrollTop = Math.ceil(this.listTop + (target > 0 ? target / this.ratio : target));
    this.scrollTop = this.#scroller.scrollTop;
  }

  /** Back to the list's top, if it has scrolled past it (a new filter). */
  toTop(): void {
    if (this.#scroller) this.#scroller.scrollTop = Math.min(this.#scroller.scrollTop, this.listTop);
  }
}
