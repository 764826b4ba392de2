// The visitor's kiosk beyond browsing: search on the on-screen keyboard,
// QR codes to take along, the idle reset and attract loop, and the
// accessibility modes — on a portrait and a landscape screen, against the
// mocked shell (tests/tauri-mock.ts; its `search` and slides are mocks).

import { expect, test, type Page } from "@playwright/test";
import { encode } from "uqr";
import type { SearchResult } from "../src/lib/bindings/SearchResult";
import type { Slide } from "../src/lib/bindings/Slide";
import { strings } from "../src/lib/i18n";
import { first, fixture, say, second, snap, start, typeKeys } from "./helpers";
import { mockShell, type Fixture } from "./tauri-mock";

/** What the search screen shows: the query text and the hits, in order. */
async function shown(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="search-hit-"]')
    .evaluateAll((all) => all.map((hit) => hit.getAttribute("data-testid") ?? ""));
}

/** The mock's own answer for `query`, asked from the page. */
async function expectedHits(page: Page, query: string): Promise<string[]> {
  const hits = await page.evaluate(
    (query) =>
      (window as unknown as { __TAURI_INTERNALS__: { invoke(c: string, a: unknown): Promise<SearchResult> } })
        .__TAURI_INTERNALS__.invoke("search", { query, limit: 40 }),
    query,
  );
  return hits.hits.map((hit) => `search-hit-${hit.kind}-${hit.id}`);
}

test("search: on-screen keys, results as you type, a hit opens its page, Back keeps the search", async ({
  page,
}, info) => {
  await start(page);
  await page.getByTestId("home-search").tap();
  await expect(page.getByTestId("search-screen")).toBeVisible();
  // No system keyboard, ever: nothing on the page takes text input.
  await expect(page.locator("input, textarea, select, [contenteditable]")).toHaveCount(0);
  for (const key of ["q", "m", "0", "space", "backspace", "clear"]) {
    const box = (await page.getByTestId(`search-key-${key}`).boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(64);
    expect(box.height).toBeGreaterThanOrEqual(64);
  }
  await snap(page, info, "search");

  await typeKeys(page, "MICRO");
  await expect(page.getByTestId("search-query")).toHaveText("MICRO");
  await expect(page.getByTestId("search-hit-exhibitor-microsoft")).toBeVisible();
  await expect.poll(() => shown(page)).toEqual(await expectedHits(page, "MICRO"));
  const hit = page.getByTestId("search-hit-exhibitor-microsoft");
  await expect(hit).toContainText(strings(first).kindExhibitor);
  await expect(hit).toContainText(say(fixture.exhibitors["microsoft"]!.name, first));
  await expect(hit.locator("img")).toHaveCount(1);
  await snap(page, info, "search-results");

  await page.getByTestId("search-key-backspace").tap();
  await expect(page.getByTestId("search-query")).toHaveText("MICR");
  await page.getByTestId("search-key-o").tap();
  await hit.tap();
  await expect(page.getByTestId("exhibitor-detail").getByTestId("detail-title")).toHaveText(
    say(fixture.exhibitors["microsoft"]!.name, first),
  );
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("search-query")).toHaveText("MICRO");
  await expect(page.getByTestId("search-hit-exhibitor-microsoft")).toBeVisible();

  await page.getByTestId("search-key-clear").tap();
  await expect(page.getByTestId("search-query")).toHaveText("");
  await expect(page.locator('[data-testid^="search-hit-"]')).toHaveCount(0);

  // Parks and news are found too, and open their pages.
  const park = fixture.list_parks[0]!;
  await typeKeys(page, say(park.name, "en").slice(0, 6).toUpperCase().replace(/[^A-Z0-9 ]/g, ""));
  await page.getByTestId(`search-hit-park-${park.id}`).tap();
  await expect(page.getByTestId("park-detail")).toBeVisible();
  // The bar offers Search on every other screen.
  await page.getByTestId("nav-search").tap();
  await expect(page.getByTestId("search-screen")).toBeVisible();
});

test("search asks once typing pauses and drops an answer that comes too late", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-search").tap();
  // "I" answers slowly, "IB" at once: the late "I" must not replace "IB".
  await page.evaluate(() => {
    window.__PAVILION_MOCK__.searchLatency = (query) => (query === "I" ? 700 : 0);
  });
  await page.getByTestId("search-key-i").tap();
  await page.waitForTimeout(200);
  await page.getByTestId("search-key-b").tap();
  const want = await expectedHits(page, "IB");
  await expect.poll(() => shown(page)).toEqual(want);
  await page.waitForTimeout(900);
  expect(await shown(page)).toEqual(want);

  // Fast typing: one question for the whole word, not one per key.
  await page.getByTestId("search-key-clear").tap();
  await page.evaluate(() => {
    window.__PAVILION_MOCK__.searches.length = 0;
    window.__PAVILION_MOCK__.searchLatency = null;
  });
  await page.evaluate(() => {
    for (const key of ["m", "e", "r"]) {
      (document.querySelector(`[data-testid="search-key-${key}"]`) as HTMLElement).click();
    }
  });
  await expect(page.getByTestId("search-query")).toHaveText("MER");
  await expect.poll(() => page.evaluate(() => window.__PAVILION_MOCK__.searches)).toEqual(["MER"]);
});

/** The fixture with a booth and website for IBM and a source link for the
 * first article (the demo pack has neither). */
function withTakeAways(): Fixture {
  const data = structuredClone(fixture);
  const ibm = data.exhibitors["ibm"]!;
  ibm.booth = { hall: "H1", stand: "A-101" };
  ibm.website = "https://www.ibm.com/cn-zh";
  const news = data.news[data.list_news[0]!.id]!;
  news.source_url = "https://www.pudong.gov.cn/waic";
  return data;
}

function expectedVcard(name: string, website: string, hall: string, stand: string, lang: string): string {
  const s = strings(lang);
  return [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `N:${name};;;;`,
    `FN:${name}`,
    `ORG:${name}`,
    `URL:${website}`,
    `NOTE:${s.hall} ${hall} · ${s.booth} ${stand}`,
    "END:VCARD",
  ].join("\r\n");
}

/** The QR code on the page encodes exactly `text`: the SVG has a dark
 * square for every dark module of `text`'s code. */
async function expectQr(page: Page, text: string): Promise<void> {
  const qr = page.getByTestId("qr-code");
  await expect(qr).toHaveAttribute("data-qr-text", text);
  const box = (await qr.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(240);
  const path = await qr.locator("path").getAttribute("d");
  const modules = encode(text, { ecc: "M", border: 0 }).data.flat().filter(Boolean).length;
  expect(path!.match(/M/g)!.length).toBe(modules);
}

test("a QR code to take along: an exhibitor's contact card, an article's link, none for a park", async ({
  page,
}, info) => {
  const data = withTakeAways();
  const ibm = data.exhibitors["ibm"]!;
  await mockShell(page, data);
  await page.goto("/");
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expectQr(page, expectedVcard(say(ibm.name, first), ibm.website!, "H1", "A-101", first));
  await expect(page.getByTestId("take-away")).toContainText(strings(first).takeAway);
  await page.getByTestId("qr-code").scrollIntoViewIfNeeded();
  await snap(page, info, "exhibitor-qr");
  await page.getByTestId("language-toggle").tap();
  await expectQr(page, expectedVcard(say(ibm.name, second), ibm.website!, "H1", "A-101", second));
  await expect(page.getByTestId("take-away")).toContainText(strings(second).takeAway);

  // Without booth or website, the card still has the name.
  await page.getByTestId("home").tap();
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-merck").tap();
  const merck = say(data.exhibitors["merck"]!.name, second);
  await expectQr(page, `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${merck};;;;\r\nFN:${merck}\r\nORG:${merck}\r\nEND:VCARD`);

  await page.getByTestId("home").tap();
  await page.getByTestId("home-news").tap();
  await page.getByTestId(`news-${data.list_news[0]!.id}`).tap();
  await expectQr(page, "https://www.pudong.gov.cn/waic");
  await page.getByTestId("qr-code").scrollIntoViewIfNeeded();
  await snap(page, info, "article-qr");

  await page.getByTestId("home").tap();
  await page.getByTestId("home-parks").tap();
  await page.getByTestId(`park-${data.list_parks[0]!.id}`).tap();
  await expect(page.getByTestId("park-detail")).toBeVisible();
  await expect(page.getByTestId("qr-code")).toHaveCount(0);
});

test("an article without a source link has no QR code", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-news").tap();
  await page.getByTestId(`news-${fixture.list_news[0]!.id}`).tap();
  await expect(page.getByTestId("news-detail")).toBeVisible();
  await expect(page.getByTestId("qr-code")).toHaveCount(0);
});

/** Slides from the fixture's pictures, `seconds` each; the first links to
 * IBM when `linked`. */
function slides(seconds: number, linked = false): Slide[] {
  const parks = fixture.list_parks.filter((park) => park.image);
  return parks.map((park, index) => ({
    id: `slide-${index}`,
    image: park.image!,
    caption: park.name,
    link: linked && index === 0 ? { kind: "exhibitor", id: "ibm" } : null,
    seconds,
  }));
}

async function startIdle(page: Page, data: Fixture = fixture): Promise<void> {
  await mockShell(page, data, { settings: { idle_seconds: 1.5 } });
  await page.goto("/");
  await expect(page.getByTestId("home-news")).toBeVisible();
}

test("idle: the visit resets and the attract loop plays; a touch starts afresh at home", async ({ page }, info) => {
  const data = structuredClone(fixture);
  data.list_slides = slides(1.5);
  await startIdle(page, data);
  // A busy visitor is never interrupted.
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(500);
    await page.mouse.move(10, 10 + i);
    await page.touchscreen.tap(5, 5 + i);
  }
  await expect(page.getByTestId("attract-loop")).toHaveCount(0);

  await page.getByTestId("home-search").tap();
  await typeKeys(page, "IBM");
  await page.getByTestId("language-toggle").tap();
  await page.getByTestId("a11y-toggle").tap();
  await page.getByTestId("a11y-large-text").tap();
  await page.getByTestId("a11y-high-contrast").tap();
  await page.getByTestId("a11y-reach").tap();
  await expect(page.locator("html")).toHaveClass(/large-text/);

  const loop = page.getByTestId("attract-loop");
  await expect(loop).toBeVisible({ timeout: 5000 });
  const slide = page.getByTestId("attract-slide");
  await expect(slide).toHaveAttribute("data-slide-id", "slide-0");
  for (const lang of [first, second]) {
    await expect(slide).toContainText(say(data.list_slides[0]!.caption, lang));
    await expect(loop).toContainText(strings(lang).touchToStart);
  }
  // The visit is over: default language, no modes.
  await expect(page.locator("html")).toHaveAttribute("lang", first === "zh" ? "zh-Hans" : first);
  await expect(page.locator("html")).not.toHaveClass(/large-text|high-contrast|reach/);
  await snap(page, info, "attract");
  // Slides cross-fade on.
  await expect(slide).toHaveAttribute("data-slide-id", "slide-1", { timeout: 4000 });

  await loop.tap();
  await expect(loop).toHaveCount(0);
  await expect(page.getByTestId("home-news")).toBeVisible();
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, first));
  await page.getByTestId("home-search").tap();
  await expect(page.getByTestId("search-query")).toHaveText("");
  // …and the watch runs again.
  await expect(loop).toBeVisible({ timeout: 5000 });
});

test("the attract loop: Touch to start goes home, even on a slide with a link", async ({ page }) => {
  const data = structuredClone(fixture);
  data.list_slides = slides(30, true);
  await startIdle(page, data);
  await page.getByTestId("home-parks").tap();
  const loop = page.getByTestId("attract-loop");
  await expect(loop).toBeVisible({ timeout: 5000 });
  await expect(page.getByTestId("attract-slide")).toHaveAttribute("data-slide-id", "slide-0");
  const button = (await page.getByText(strings(first).touchToStart).boundingBox())!;
  await page.touchscreen.tap(button.x + button.width / 2, button.y + button.height / 2);
  await expect(loop).toHaveCount(0);
  // Long enough for the slide's item to arrive, had it been asked for.
  await page.waitForTimeout(1000);
  await expect(page.getByTestId("home-news")).toBeVisible();
  expect(await page.evaluate(() => window.__PAVILION_MOCK__.calls)).not.toContain("get_exhibitor");
});

test("the attract loop: a linked slide says so, and a tap there opens its item", async ({ page }, info) => {
  const data = structuredClone(fixture);
  data.list_slides = slides(30, true);
  await startIdle(page, data);
  await page.getByTestId("home-parks").tap();
  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 5000 });
  const open = page.getByTestId("attract-open");
  for (const lang of [first, second]) await expect(open).toContainText(strings(lang).slideOpen);
  await snap(page, info, "attract-linked");
  await open.tap();
  await expect(page.getByTestId("exhibitor-detail").getByTestId("detail-title")).toHaveText(
    say(fixture.exhibitors["ibm"]!.name, first),
  );
  // Back from there is home: the visit started fresh.
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("home-news")).toBeVisible();
});

test("the attract loop runs on without growing: two pictures, a steady page", async ({ page }) => {
  const data = structuredClone(fixture);
  data.list_slides = slides(0.05);
  await startIdle(page, data);
  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 5000 });
  const census = () =>
    page.evaluate(() => ({ nodes: document.getElementsByTagName("*").length, images: document.images.length }));
  await page.waitForTimeout(500);
  const before = await census();
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    seen.add((await page.getByTestId("attract-slide").getAttribute("data-slide-id")) ?? "");
    await page.waitForTimeout(100);
  }
  const after = await census();
  expect(seen.size).toBeGreaterThan(1);
  expect(after).toEqual(before);
  expect(await page.locator('[data-testid="attract-loop"] img').count()).toBe(2);
});

test("the attract loop without slides shows the event and still starts a visit", async ({ page }, info) => {
  const data = structuredClone(fixture);
  data.list_slides = [];
  await startIdle(page, data);
  const loop = page.getByTestId("attract-loop");
  await expect(loop).toBeVisible({ timeout: 5000 });
  await expect(loop).toContainText(say(fixture.get_home.event.name, second));
  await snap(page, info, "attract-empty");
  await loop.tap();
  await expect(page.getByTestId("home-news")).toBeVisible();
});

test("accessibility: larger text, high contrast and reach, from every screen", async ({ page }, info) => {
  const portrait = page.viewportSize()!.height > page.viewportSize()!.width;
  await start(page);
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await rootSize();

  await page.getByTestId("a11y-toggle").tap();
  await expect(page.getByTestId("a11y-panel")).toContainText(strings(first).access);
  await snap(page, info, "a11y-panel");
  await page.getByTestId("a11y-large-text").tap();
  await expect(page.getByTestId("a11y-large-text")).toHaveAttribute("aria-checked", "true");
  expect(await rootSize()).toBeCloseTo(normal * 1.25, 0);
  await page.getByTestId("a11y-done").tap();
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expect(page.getByTestId("exhibitor-detail")).toBeVisible();
  // Larger text still fits the bar: nothing sticks out of the screen.
  const right = await page.locator("nav button").evaluateAll((all) =>
    Math.max(...all.map((button) => button.getBoundingClientRect().right)),
  );
  expect(right).toBeLessThanOrEqual(page.viewportSize()!.width);
  await snap(page, info, "large-text-exhibitor");
  await page.getByTestId("home").tap();
  await page.getByTestId("a11y-toggle").tap();
  await page.getByTestId("a11y-large-text").tap();
  expect(await rootSize()).toBeCloseTo(normal, 1);

  await page.getByTestId("a11y-high-contrast").tap();
  await page.getByTestId("a11y-done").tap();
  await expect(page.locator("html")).toHaveClass(/high-contrast/);
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return ["--bg", "--text", "--accent"].map((name) => style.getPropertyValue(name).trim());
  });
  expect(colours).toEqual(["#000000", "#ffffff", "#ffff00"]);
  await snap(page, info, "high-contrast-home");
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await snap(page, info, "high-contrast-exhibitor");

  // The panel is there on every screen, and speaks the visitor's language.
  await page.getByTestId("language-toggle").tap();
  await page.getByTestId("a11y-toggle").tap();
  await expect(page.getByTestId("a11y-panel")).toContainText(strings(second).access);
  await page.getByTestId("a11y-high-contrast").tap();
  await page.getByTestId("a11y-reach").tap();
  await page.getByTestId("a11y-done").tap();
  await expect(page.locator("html")).toHaveClass(/reach/);
  await page.getByTestId("home").tap();
  await expect(page.getByTestId("home-news")).toBeVisible();

  // Reach: every control sits low (the lower half of a portrait screen).
  const { height } = page.viewportSize()!;
  const lowest = portrait ? height / 2 : height * 0.25;
  const tops = await page
    .locator("button:visible")
    .evaluateAll((all) => all.map((button) => button.getBoundingClientRect().top));
  expect(tops.length).toBeGreaterThan(3);
  for (const top of tops) expect(top).toBeGreaterThanOrEqual(lowest - 1);
  const bar = (await page.locator("nav").boundingBox())!;
  expect(bar.y + bar.height).toBeCloseTo(height, 0);
  await snap(page, info, "reach-home");
  await page.getByTestId("nav-search").tap();
  await snap(page, info, "reach-search");
  const keys = await page
    .locator('[data-testid^="search-key-"]')
    .evaluateAll((all) => all.map((key) => key.getBoundingClientRect().top));
  for (const top of keys) expect(top).toBeGreaterThanOrEqual(lowest - 1);
});

/** Whether `inner` lies wholly inside `outer`, as drawn. */
const within = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
  inner.y >= outer.y - 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5 &&
  inner.x >= outer.x - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5;

for (const large of [false, true]) {
  test(`reach mode${large ? " with larger text" : ""}: search shows its hits above the keyboard, all of which is above the bar`, async ({
    page,
  }, info) => {
    await start(page);
    await page.getByTestId("a11y-toggle").tap();
    if (large) await page.getByTestId("a11y-large-text").tap();
    await page.getByTestId("a11y-reach").tap();
    await page.getByTestId("a11y-done").tap();
    await page.getByTestId("nav-search").tap();
    await typeKeys(page, "IBM");
    await expect(page.getByTestId("search-hit-exhibitor-ibm")).toBeAttached();
    const box = async (testid: string) => (await page.getByTestId(testid).boundingBox())!;
    // The hit arrives a frame or two before the lines above it (the count)
    // settle: measure the page once it has.
    await expect
      .poll(async () => within(await box("search-hit-exhibitor-ibm"), await box("search-results")))
      .toBe(true);
    const results = await box("search-results");
    const keyboard = await box("search-keyboard");
    const hit = await box("search-hit-exhibitor-ibm");
    const bar = (await page.locator("nav").boundingBox())!;
    const reach = (await page.getByTestId("reach-header").boundingBox())!;
    await snap(page, info, `reach-search${large ? "-large" : ""}`);
    // The whole first hit, in the results, under the reading part, clear of the keys.
    expect(within(hit, results)).toBe(true);
    expect(hit.y).toBeGreaterThanOrEqual(reach.y + reach.height - 0.5);
    expect(hit.y + hit.height <= keyboard.y || hit.x + hit.width <= keyboard.x || hit.x >= keyboard.x + keyboard.width).toBe(true);
    // Every key above the bar, on screen.
    for (const key of ["1", "q", "z", "backspace", "clear", "space"]) {
      const k = await box(`search-key-${key}`);
      expect(k.y + k.height).toBeLessThanOrEqual(bar.y + 0.5);
      expect(k.y).toBeGreaterThanOrEqual(reach.y + reach.height - 0.5);
      expect(k.height).toBeGreaterThanOrEqual(64);
    }
    await page.getByTestId("search-hit-exhibitor-ibm").tap();
    await expect(page.getByTestId("exhibitor-detail")).toBeVisible();
  });
}

test("a typo finds what it meant, and the screen says what it searched for instead", async ({ page }, info) => {
  await start(page, { corrections: { micorsoft: "microsoft" } });
  await page.getByTestId("home-search").tap();
  await typeKeys(page, "MICORSOFT");
  await expect(page.getByTestId("search-hit-exhibitor-microsoft")).toBeVisible();
  await expect(page.getByTestId("search-instead")).toHaveText(strings(first).searchedInstead("MICORSOFT", "microsoft"));
  await expect(page.getByTestId("search-none")).toHaveCount(0);
  await snap(page, info, "search-instead");
  // A query that finds hits as typed says nothing of the kind.
  await page.getByTestId("search-key-clear").tap();
  await typeKeys(page, "MICRO");
  await expect(page.getByTestId("search-hit-exhibitor-microsoft")).toBeVisible();
  await expect(page.getByTestId("search-instead")).toHaveCount(0);
});

test("no results is no dead end: the A–Z directory and the categories are offered", async ({ page }, info) => {
  await start(page);
  await page.getByTestId("home-search").tap();
  await typeKeys(page, "QXZQ");
  await expect(page.getByTestId("search-results")).toContainText(strings(first).searchNone("QXZQ"));
  await snap(page, info, "search-none");
  const category = fixture.get_home.categories[0]!;
  await page.getByTestId(`suggest-${category.id}`).tap();
  await expect(page.getByTestId(`filter-category-${category.id}`)).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("back").tap();
  await page.getByTestId("search-browse").tap();
  await expect(page.getByTestId("filter-category-all")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("directory")).toBeVisible();
});

test("switching larger text on leaves the panel and its switches where the finger is", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("a11y-toggle").tap();
  const boxes = async () =>
    Promise.all(["a11y-panel", "a11y-large-text", "a11y-high-contrast", "a11y-reach"].map(async (id) => page.getByTestId(id).boundingBox()));
  const before = await boxes();
  // (Polled: a tapped switch gives a little under the finger, then settles.)
  await page.getByTestId("a11y-large-text").tap();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect.poll(boxes).toEqual(before);
  await page.getByTestId("a11y-large-text").tap();
  await expect(page.locator("html")).not.toHaveClass(/large-text/);
  await expect.poll(boxes).toEqual(before);
});

test("a booth's start language: every visit starts in it, and ends back in it", async ({ page }) => {
  await mockShell(page, fixture, { settings: { idle_seconds: 4, language: second } });
  await page.goto("/");
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, second));
  await page.getByTestId("language-toggle").tap();
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, first));
  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 10_000 });
  await page.getByTestId("attract-loop").tap();
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, second));
});

test("a start language the pack does not have falls back to the pack's default", async ({ page }) => {
  await start(page, { settings: { language: "xx" } });
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, first));
});

test("a preview says so over every screen, with its pack; a booth does not", async ({ page }, info) => {
  await start(page, { settings: { preview: true } });
  const ribbon = page.getByTestId("preview-ribbon");
  await expect(ribbon).toContainText(strings(first).preview);
  await expect(ribbon).toContainText(say(fixture.get_home.pack.title, first));
  // It takes no touch: the screen under it works.
  await page.getByTestId("home-news").tap();
  await expect(ribbon).toBeVisible();
  await snap(page, info, "preview");
  await start(page);
  await expect(page.getByTestId("event-name")).toBeVisible();
  await expect(page.getByTestId("preview-ribbon")).toHaveCount(0);
});

test("pinyin on the keyboard: a Chinese screen offers the pack's Chinese names, and one tap finds it", async ({
  page,
}, info) => {
  await start(page, { candidates: { weiruan: ["微软"], wei: ["微", "微软"] } });
  // The demo pack's default language is Chinese.
  expect(first).toBe("zh");
  await page.getByTestId("home-search").tap();
  const mode = page.getByTestId("search-key-pinyin");
  await expect(mode).toHaveAttribute("aria-pressed", "true");
  const strip = page.getByTestId("search-candidates");
  await expect(strip).toContainText(strings("zh").pinyinHint);

  await typeKeys(page, "wei");
  await expect(page.getByTestId("search-candidate")).toHaveText(["微", "微软"]);
  await typeKeys(page, "ruan");
  const candidate = page.getByTestId("search-candidate");
  await expect(candidate).toHaveText(["微软"]);
  const box = (await candidate.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(64);
  expect(box.width).toBeGreaterThanOrEqual(64);
  // The strip sits above the keys, all of it on screen.
  const keys = (await page.getByTestId("search-key-q").boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(keys.y);
  expect(box.y).toBeGreaterThanOrEqual(0);
  await snap(page, info, "search-pinyin");

  await candidate.tap();
  await expect(page.getByTestId("search-query")).toHaveText("微软");
  await page.getByTestId("search-hit-exhibitor-microsoft").tap();
  await expect(page.getByTestId("exhibitor-detail").getByTestId("detail-title")).toHaveText(
    say(fixture.exhibitors["microsoft"]!.name, "zh"),
  );
});

test("pinyin on the keyboard: an English screen starts without it, and the 拼音 key brings it", async ({ page }) => {
  await start(page, { candidates: { weiruan: ["微软"] } });
  await page.getByTestId("language-toggle").tap();
  await page.getByTestId("home-search").tap();
  const mode = page.getByTestId("search-key-pinyin");
  await expect(mode).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("search-candidates")).toHaveCount(0);
  await typeKeys(page, "weiruan");
  await expect(page.getByTestId("search-candidates")).toHaveCount(0);
  await mode.tap();
  await expect(mode).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("search-candidate")).toHaveText(["微软"]);
  await mode.tap();
  await expect(page.getByTestId("search-candidates")).toHaveCount(0);
});
