// The exhibitor directory's rows, fetched a page at a time around what is on
// screen. At 100,000 exhibitors the whole list is some 27 MB through the IPC,
// seconds of parsing on the UI thread and hundreds of MiB in the webview,
// while a screen shows twenty rows. So the kiosk holds the directory's
// outline (its size and letter groups, from the core) and the few pages
// last on screen, and asks the core for a page when the list reaches it.
// (bench/kiosk measures the taps and the memory.)
//
// Tests: `tests/directory.spec.ts`.

import * as api from "./api";
import type { DirectoryFilter } from "./bindings/DirectoryFilter";
import type { DirectoryOutline } from "./bindings/DirectoryOutline";
import type { ExhibitorSummary } from "./bindings/ExhibitorSummary";

/** Rows per request: several screenfuls, so that a scroll of a screen or
 * two asks for nothing. */
export const PAGE_ROWS = 100;
/** Pages kept: about ten screens, however long the directory. */
const KEPT_PAGES = 12;
/** Requests at once: a fling asks for where it is when a request ends, not
 * for every page it passed. */
const IN_FLIGHT = 2;

/** The live pack's directory under one filter, A–Z in one language (in
 * Chinese by pinyin, the core's order): its outline, and its rows as far as
 * they have been fetched. */
export class DirectoryRows {
  readonly filter: DirectoryFilter;
  readonly lang: string;
  readonly outline: DirectoryOutline;
  /** Fetched pages by number, the least recently wanted first. */
  #pages = new Map<number, ExhibitorSummary[]>();
  #loading = new Set<number>();
  /** The pages on screen, then the ones either side. */
  #wanted: number[] = [];
  /** Pages that failed since the list last moved; asked again when it moves. */
  #failed = new Set<number>();
  /** Cleared when another pack goes live: a page of the new pack must not
   * fill a list laid out from the old one's outline. */
  #live = true;
  /** Bumped when a page arrives, so that the rows on screen are drawn again. */
  #arrived = $state(0);

  constructor(filter: DirectoryFilter, lang: string, outline: DirectoryOutline, first: ExhibitorSummary[]) {
    this.filter = filter;
    this.lang = lang;
    this.outline = outline;
    this.#pages.set(0, first);
  }

  /** Row `index`, or undefined while its page is on its way. */
  row(index: number): ExhibitorSummary | undefined {
    void this.#arrived;
    return this.#pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS];
  }

  /** The list shows rows `first..last`: their pages, and the neighbouring
   * one when the screen is within half a page of it, are fetched if
   * missing. */
  want(first: number, last: number): void {
    if (!this.#live || this.outline.total === 0) return;
    const lastPage = Math.floor((this.outline.total - 1) / PAGE_ROWS);
    const page = (row: number) => Math.min(lastPage, Math.max(0, Math.floor(row / PAGE_ROWS)));
    const wanted = new Set<number>();
    for (let p = page(first); p <= page(last - 1); p++) wanted.add(p);
    wanted.add(page(first - PAGE_ROWS / 2));
    wanted.add(page(last + PAGE_ROWS / 2));
    this.#wanted = [...wanted];
    this.#failed.clear();
    for (const p of this.#wanted) {
      const rows = this.#pages.get(p);
      if (rows) {
        this.#pages.delete(p);
        this.#pages.set(p, rows);
      }
    }
    this.#pump();
  }

  /** Another pack went live: this directory asks for nothing more. */
  retire(): void {
    this.#live = false;
  }

  #pump(): void {
    for (const p of this.#wanted) {
      if (this.#loading.size >= IN_FLIGHT) return;
      if (!this.#pages.has(p) && !this.#loading.has(p) && !this.#failed.has(p)) void this.#fetch(p);
    }
  }

  async #fetch(p: number): Promise<void> {
    this.#loading.add(p);
    try {
      const rows = await api.listExhibitorWindow(this.filter, this.lang, p * PAGE_ROWS, PAGE_ROWS);
      if (!this.#live) return;
      this.#pages.set(p, rows);
      for (const old of this.#pages.keys()) {
        if (this.#pages.size <= KEPT_PAGES) break;
        if (!this.#wanted.includes(old)) this.#pages.delete(old);
      }
      this.#arrived++;
    } catch (error) {
      // The page stays a placeholder until the list moves.
      this.#failed.add(p);
      console.error("pavilion: a page of the directory could not be read", error);
    } finally {
      this.#loading.delete(p);
      if (this.#live) this.#pump();
    }
  }
}

const sameFilter = (a: DirectoryFilter, b: DirectoryFilter) => a.category === b.category && a.hall === b.hall;

/** The directory last opened, kept for the next visit and for Back: one at
 * a time, so its pages are all the rows the kiosk holds. */
class Directory {
  #current: DirectoryRows | null = null;
  /** Bumped by `forget`: a directory opened meanwhile belongs to the old pack. */
  #generation = 0;

  /** The directory under `filter`, A–Z in `lang`, with its first page: the
   * one kept if the filter and language are the same, else fetched. Throws
   * `ApiError`. */
  async open(filter: DirectoryFilter, lang: string): Promise<DirectoryRows> {
    const kept = this.#current;
    if (kept && sameFilter(kept.filter, filter) && kept.lang === lang) return kept;
    const generation = this.#generation;
    // A plain copy: the kiosk's filters are reactive state, a proxy.
    const plain = { category: filter.category, hall: filter.hall };
    const [outline, first] = await Promise.all([
      api.getDirectoryOutline(plain, lang),
      api.listExhibitorWindow(plain, lang, 0, PAGE_ROWS),
    ]);
    const rows = new DirectoryRows(plain, lang, outline, first);
    if (generation === this.#generation) this.#current = rows;
    return rows;
  }

  /** Another pack went live: its directory is fetched afresh. */
  forget(): void {
    this.#generation++;
    this.#current?.retire();
    this.#current = null;
  }
}

export const directory = new Directory();
