// What the visitor UI tells the shell for the statistics
// (`src/lib/visitor-events.ts`): a scripted visit against the mocked shell
// and the batches of `record_visitor_events` it makes.

import { expect, test, type Page } from "@playwright/test";
import type { SearchResult } from "../src/lib/bindings/SearchResult";
import type { VisitorEvent } from "../src/lib/bindings/VisitorEvent";
import { BATCH_MS, SEARCH_SETTLE_MS } from "../src/lib/visitor-events";
import { fixture, second } from "./helpers";
import { mockShell } from "./tauri-mock";

const batches = (page: Page): Promise<VisitorEvent[][]> =>
  page.evaluate(() => window.__PAVILION_MOCK__.visitorBatches);

const typeKeys = async (page: Page, text: string) => {
  for (const key of text) await page.getByTestId(`search-key-${key.toLowerCase()}`).tap();
};

/** An event without its time, as JSON, for comparing lists in any order. */
const what = (event: VisitorEvent) => JSON.stringify(event.what);

test("a scripted visit is told to the shell in a few batches, and a touch on the attract loop starts the next", async ({
  page,
}) => {
  await mockShell(page, fixture, { settings: { idle_seconds: 4 } });
  const opened = Date.now();
  await page.goto("/");
  await expect(page.getByTestId("home-news")).toBeVisible();
  // The screen the kiosk shows by itself is no visitor's.
  await page.waitForTimeout(BATCH_MS + 300);
  expect(await batches(page)).toEqual([]);

  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expect(page.getByTestId("take-away")).toBeVisible();
  await page.getByTestId("home").tap();
  await page.getByTestId("home-search").tap();
  await typeKeys(page, "IBM");
  await expect(page.getByTestId("search-hit-exhibitor-ibm")).toBeVisible();
  // Settled: counted once, not as "I", "IB", "IBM".
  await page.waitForTimeout(SEARCH_SETTLE_MS + 300);
  await page.getByTestId("search-key-clear").tap();
  await typeKeys(page, "ZQX");
  await expect(page.getByTestId("search-none")).toBeVisible();
  await page.getByTestId("language-toggle").tap();

  // The idle reset ends the visit and sends its last events at once.
  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 8000 });
  await expect.poll(async () => (await batches(page)).flat().at(-1)?.what.kind).toBe("visit_ended");
  const sent = await batches(page);
  const events = sent.flat();
  // The mock's own answer (its search is a stand-in).
  const ibmHits = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as { __TAURI_INTERNALS__: { invoke(c: string, a: unknown): Promise<SearchResult> } }
        ).__TAURI_INTERNALS__.invoke("search", { query: "IBM", limit: 40 })
      ).hits.length,
  );
  const expected: VisitorEvent["what"][] = [
    { kind: "visit_started" },
    { kind: "screen_viewed", screen: "exhibitors" },
    { kind: "screen_viewed", screen: "exhibitor" },
    { kind: "viewed", entity: "exhibitor", id: "ibm" },
    { kind: "qr_shown", link: "contact" },
    { kind: "screen_viewed", screen: "home" },
    { kind: "screen_viewed", screen: "search" },
    { kind: "searched", query: "IBM", hits: ibmHits },
    { kind: "searched", query: "ZQX", hits: 0 },
    { kind: "language_chosen", language: second },
  ];
  const ended = events.at(-1)!.what;
  expect(events[0]!.what).toEqual({ kind: "visit_started" });
  expect(ended.kind).toBe("visit_ended");
  expect(events.slice(0, -1).map(what).sort()).toEqual(expected.map((event) => JSON.stringify(event)).sort());
  // The length is the visit's, give or take a second.
  const visitSeconds = (events.at(-1)!.at_ms - events[0]!.at_ms) / 1000;
  expect(ended.kind === "visit_ended" && Math.abs(ended.seconds - visitSeconds)).toBeLessThanOrEqual(1);
  // Batched: a handful of calls for the visit, none empty, stamped now.
  expect(sent.length).toBeLessThan(events.length);
  expect(sent.every((batch) => batch.length > 0)).toBe(true);
  expect(events.every((event) => event.at_ms >= opened && event.at_ms <= Date.now())).toBe(true);

  await page.getByTestId("attract-loop").tap();
  await expect.poll(async () => (await batches(page)).length).toBe(sent.length + 1);
  expect((await batches(page)).at(-1)!.map(what)).toEqual([JSON.stringify({ kind: "visit_started" })]);
});
