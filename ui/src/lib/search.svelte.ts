// The search a visitor types on the on-screen keyboard: the query, its
// results, and the pack's Chinese words its letters spell in pinyin (the
// keyboard's candidate strip: `Keyboard.svelte`). Results follow the typing, asked ~80 ms after the last key; an
// answer to an older query is dropped, so a slow answer never overwrites a
// newer one. The state outlives the search screen, so Back from a result
// finds the same query and results; the idle reset clears it.
//
// Tests: `tests/features.spec.ts` ("search …").

import * as api from "./api";
import type { SearchHit } from "./bindings/SearchHit";
import { SEARCH_DEBOUNCE_MS, SEARCH_LIMIT, SEARCH_MAX_LENGTH } from "./config";
import { visitorEvents } from "./visitor-events";

/** A query that may be pinyin: Latin letters and spaces. */
const PINYIN = /^[a-z ]+$/i;

class Search {
  /** What the visitor has typed. */
  query = $state("");
  /** The results for `query`, once they have arrived. */
  hits = $state<SearchHit[]>([]);
  /** The query `hits` answer (lags `query` while typing). */
  answered = $state("");
  /** What the hits are for when `answered` found nothing and a word one
   * letter away from it did ("Micorsoft" → "microsoft"); else `null`. */
  searchedFor = $state<string | null>(null);
  /** True when the last search failed. */
  failed = $state(false);
  /** The pack's Chinese names and words the query spells in pinyin. */
  candidates = $state<string[]>([]);
  /** Whether the keyboard offers Chinese for pinyin: the visitor's choice
   * this visit, or `null` to follow the screen's language. */
  pinyinChoice = $state<boolean | null>(null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every question: an older answer is dropped. */
  #asked = 0;

  type(key: string): void {
    if (this.query.length >= SEARCH_MAX_LENGTH) return;
    if (key === " " && (this.query === "" || this.query.endsWith(" "))) return;
    this.query += key;
    this.#schedule();
  }

  backspace(): void {
    this.query = this.query.slice(0, -1);
    this.#schedule();
  }

  /** Searches for `text` (a tag a visitor tapped), as if typed. */
  set(text: string): void {
    this.query = text.slice(0, SEARCH_MAX_LENGTH);
    this.#schedule();
  }

  clear(): void {
    this.query = "";
    this.#schedule();
  }

  /** Whether the keyboard offers Chinese candidates on a screen in `lang`:
   * it starts so when the screen is in Chinese. */
  pinyin(lang: string): boolean {
    return this.pinyinChoice ?? (lang === "zh" || lang.startsWith("zh-"));
  }

  togglePinyin(lang: string): void {
    this.pinyinChoice = !this.pinyin(lang);
  }

  /** Forgets the query, results and keyboard mode (a new visit). */
  reset(): void {
    clearTimeout(this.#timer);
    this.#asked++;
    this.query = "";
    this.hits = [];
    this.answered = "";
    this.searchedFor = null;
    this.failed = false;
    this.candidates = [];
    this.pinyinChoice = null;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const query = this.query.trim();
    if (query === "") {
      this.#asked++;
      this.hits = [];
      this.answered = "";
      this.searchedFor = null;
      this.failed = false;
      this.candidates = [];
      return;
    }
    this.#timer = setTimeout(() => void this.#ask(query), SEARCH_DEBOUNCE_MS);
  }

  async #ask(query: string): Promise<void> {
    const asked = ++this.#asked;
    const candidates = PINYIN.test(query) ? api.suggestChinese(query).catch(() => []) : Promise.resolve([]);
    try {
      const result = await api.search(query, SEARCH_LIMIT);
      if (asked !== this.#asked) return;
      this.hits = result.hits;
      this.searchedFor = result.searched_for;
      this.failed = false;
      visitorEvents.searched(query, result.hits.length);
    } catch {
      if (asked !== this.#asked) return;
      this.hits = [];
      this.searchedFor = null;
      this.failed = true;
    }
    this.answered = query;
    const words = await candidates;
    if (asked === this.#asked) this.candidates = words;
  }
}

/** The one search of this window. */
export const search = new Search();
