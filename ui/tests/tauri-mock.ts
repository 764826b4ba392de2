// A stand-in for the Tauri shell, installed into the page before the app
// loads (`page.addInitScript`). It defines the same `window.__TAURI_INTERNALS__`
// hooks `@tauri-apps/api` calls in the real webview — `invoke`,
// `transformCallback`, `unregisterCallback`, `convertFileSrc` — and answers
// the kiosk's commands from the fixture (tests/fixtures/demo.json, generated
// from the demo pack by a Rust test). Like the real shell, a failed command
// rejects with an `ErrorReport` `{code, message}`.
//
// Tests steer it through `window.__PAVILION_MOCK__`: change `data`, make a
// command fail via `failures`, and `emit("pack-changed", …)` to the
// listeners the app registered with `listen`.
//
// MOCK ONLY: `search` is a stand-in written here, not the core's behaviour:
// a naive case-insensitive substring match over the fixture's names,
// summaries and sort keys in every language. The real one lives in the
// Rust core.

import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { ErrorReport } from "../src/lib/bindings/ErrorReport";
import type { Exhibitor } from "../src/lib/bindings/Exhibitor";
import type { ExhibitorSummary } from "../src/lib/bindings/ExhibitorSummary";
import type { Home } from "../src/lib/bindings/Home";
import type { KioskSettings } from "../src/lib/bindings/KioskSettings";
import type { NewsItem } from "../src/lib/bindings/NewsItem";
import type { NewsSummary } from "../src/lib/bindings/NewsSummary";
import type { Park } from "../src/lib/bindings/Park";
import type { ParkSummary } from "../src/lib/bindings/ParkSummary";
import type { SearchHit } from "../src/lib/bindings/SearchHit";
import type { Slide } from "../src/lib/bindings/Slide";

export type Fixture = {
  media_dir: string;
  get_home: Home;
  list_news: NewsSummary[];
  list_parks: ParkSummary[];
  list_exhibitors: ExhibitorSummary[];
  news: Record<string, NewsItem>;
  parks: Record<string, Park>;
  exhibitors: Record<string, Exhibitor>;
  list_slides: Slide[];
};

export type MockOptions = {
  /** Commands that reject, by name, with this report. */
  failures?: Record<string, ErrorReport>;
  /** Milliseconds every command takes, to see what shows meanwhile. */
  latency?: number;
  /** What `get_kiosk_settings` answers, over the defaults (90 s, no spot). */
  settings?: Partial<KioskSettings>;
};

/** What tests reach in the page as `window.__PAVILION_MOCK__`. */
export type MockHandle = {
  data: Fixture;
  failures: Record<string, ErrorReport>;
  calls: string[];
  /** Arguments of every `search` call, in order. */
  searches: string[];
  /** Milliseconds `search` takes for a query (stale-answer tests). */
  searchLatency: ((query: string) => number) | null;
  emit(event: string, payload: unknown): void;
};

declare global {
  interface Window {
    __PAVILION_MOCK__: MockHandle;
  }
}

export function loadFixture(): Fixture {
  const url = new URL("./fixtures/demo.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Fixture;
}

/** Runs in the page, before any of the app's scripts. Self-contained: it
 * is serialised into the page as source text. */
function install({ fixture, options }: { fixture: Fixture; options: MockOptions }): void {
  type Callback = (data: unknown) => void;
  const callbacks = new Map<number, Callback>();
  const listeners = new Map<string, number[]>();
  let nextId = 1;

  const handle: MockHandle = {
    data: fixture,
    failures: { ...(options.failures ?? {}) },
    calls: [],
    searches: [],
    searchLatency: null,
    emit(event, payload) {
      for (const id of [...(listeners.get(event) ?? [])]) {
        callbacks.get(id)?.({ event, id, payload });
      }
    },
  };

  const clone = <T>(value: T): T => structuredClone(value);
  const notFound = (kind: string, id: unknown): ErrorReport => ({
    code: "not_found",
    message: `no ${kind} with id ${String(id)}`,
  });
  function find<T>(table: Record<string, T>, kind: string, id: unknown): T {
    const item = typeof id === "string" ? table[id] : undefined;
    if (item === undefined) throw notFound(kind, id);
    return clone(item);
  }

  /** MOCK of the core's search: a naive substring match, not its ranking. */
  function mockSearch(query: string, limit: number): SearchHit[] {
    const needle = query.trim().toLowerCase();
    if (needle === "") return [];
    const has = (...texts: (Record<string, string> | string | null | undefined)[]) =>
      texts.some((text) =>
        typeof text === "string"
          ? text.toLowerCase().includes(needle)
          : Object.values(text ?? {}).some((value) => value.toLowerCase().includes(needle)),
      );
    const data = handle.data;
    const hits: SearchHit[] = [
      ...data.list_exhibitors
        .filter((e) => has(e.name, e.summary, e.sort_key))
        .map((e) => ({ kind: "exhibitor" as const, id: e.id, title: e.name, summary: e.summary, image: e.logo })),
      ...data.list_parks
        .filter((p) => has(p.name, p.summary))
        .map((p) => ({ kind: "park" as const, id: p.id, title: p.name, summary: p.summary, image: p.image })),
      ...data.list_news
        .filter((n) => has(n.title, n.summary))
        .map((n) => ({ kind: "news" as const, id: n.id, title: n.title, summary: n.summary, image: n.image })),
    ];
    return clone(hits.slice(0, limit));
  }

  function answer(command: string, args: Record<string, unknown>): unknown {
    const data = handle.data;
    switch (command) {
      case "get_home":
        return clone(data.get_home);
      case "list_news":
        return clone(data.list_news);
      case "get_news":
        return find(data.news, "news item", args.id);
      case "list_parks":
        return clone(data.list_parks);
      case "get_park":
        return find(data.parks, "park", args.id);
      case "list_exhibitors":
        return clone(data.list_exhibitors);
      case "get_exhibitor":
        return find(data.exhibitors, "exhibitor", args.id);
      case "get_media_dir":
        return data.media_dir;
      case "search":
        return mockSearch(String(args.query ?? ""), Number(args.limit ?? 20));
      case "list_slides":
        return clone(data.list_slides);
      case "get_kiosk_settings":
        return { idle_seconds: 90, spot: null, ...options.settings };
      default:
        throw { code: "io", message: `the mock shell has no command ${command}` } satisfies ErrorReport;
    }
  }

  async function invoke(command: string, args: Record<string, unknown> = {}): Promise<unknown> {
    handle.calls.push(command);
    if (command === "search") handle.searches.push(String(args.query ?? ""));
    if (command === "plugin:event|listen") {
      const event = String(args.event);
      const handler = Number(args.handler);
      listeners.set(event, [...(listeners.get(event) ?? []), handler]);
      return handler;
    }
    if (command === "plugin:event|unlisten") {
      const event = String(args.event);
      listeners.set(event, (listeners.get(event) ?? []).filter((id) => id !== args.eventId));
      return null;
    }
    if (options.latency) await new Promise((resolve) => setTimeout(resolve, options.latency));
    if (command === "search" && handle.searchLatency) {
      const delay = handle.searchLatency(String(args.query ?? ""));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const failure = handle.failures[command];
    if (failure) throw clone(failure);
    return answer(command, args);
  }

  const w = window as unknown as Record<string, unknown>;
  w.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback: Callback | undefined, once = false): number {
      const id = nextId++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        callback?.(data);
      });
      return id;
    },
    unregisterCallback(id: number): void {
      callbacks.delete(id);
    },
    // The fixture's media folder is served by the Vite dev server.
    convertFileSrc(path: string): string {
      return path;
    },
    metadata: {
      currentWindow: { label: "main" },
      currentWebview: { windowLabel: "main", label: "main" },
    },
  };
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener(event: string, id: number): void {
      listeners.set(event, (listeners.get(event) ?? []).filter((other) => other !== id));
      callbacks.delete(id);
    },
  };
  window.__PAVILION_MOCK__ = handle;
}

/** Installs the mock shell into every page load of `page`. */
export async function mockShell(page: Page, fixture: Fixture, options: MockOptions = {}): Promise<void> {
  await page.addInitScript(install, { fixture, options });
}
