// The A–Z exhibitor directory with 100,000 entries generated in the page:
// only a screenful is drawn and only the pages of rows around it are asked
// for, the rail jumps by tap and by a sliding finger, Back comes back to the
// same place, a category filter narrows it, and rows still on their way hold
// their place.

import { expect, test, type Page } from "@playwright/test";
import type { ExhibitorSummary } from "../src/lib/bindings/ExhibitorSummary";
import { strings } from "../src/lib/i18n";
import { first, fixture, second, snap, start } from "./helpers";
import { loadFixture, mockShell } from "./tauri-mock";

/** Replaces the mock's exhibitors by `count` generated ones, in `sort_key`
 * order (the same in every language), under every letter and `#`; one of
 * the M's can be opened. */
export async function manyExhibitors(page: Page, count: number): Promise<void> {
  await page.evaluate((count) => {
    const mock = window.__PAVILION_MOCK__;
    const groups = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"];
    const categories = mock.data.get_home.categories.map((category) => category.id);
    const per = Math.ceil(count / groups.length);
    const list: ExhibitorSummary[] = [];
    for (let i = 0; i < count; i++) {
      const group = groups[Math.floor(i / per)]!;
      const n = String(i % per).padStart(5, "0");
      const latin = group === "#" ? `数字${n}` : `${group}-Company ${n}`;
      list.push({
        id: `${group === "#" ? "hash" : group.toLowerCase()}-${i % per}`,
        name: { zh: latin, en: latin },
        sort_key: latin,
        logo: null,
        summary: { zh: `展商 ${n}`, en: `Exhibitor ${n}` },
        booth: { hall: "H1", stand: `${group}${n}` },
        categories: categories.length > 0 ? [categories[i % categories.length]!] : [],
      });
    }
    mock.data.list_exhibitors = Object.fromEntries(mock.data.get_home.pack.languages.map((lang) => [lang, list]));
    const ibm = mock.data.exhibitors["ibm"]!;
    mock.data.exhibitors["m-10"] = { ...ibm, id: "m-10", name: list.find((e) => e.id === "m-10")!.name };
    // As when a pack with these exhibitors goes live: the kiosk refetches.
    mock.emit("pack-changed", mock.data.get_home.pack);
  }, count);
}

const rows = (page: Page) => page.locator('[data-testid="directory"] [data-testid^="exhibitor-"]');

/** The names of the rows wholly on screen (below the line of active
 * filters, which covers the top of the list when there is one). */
const namesOnScreen = (page: Page) =>
  rows(page).evaluateAll((all) =>
    all
      .filter((row) => {
        const box = row.getBoundingClientRect();
        const covered = document.querySelector('[data-testid="active-filters"]')?.getBoundingClientRect().bottom ?? 0;
        return box.top >= Math.max(0, covered) && box.bottom <= window.innerHeight;
      })
      .map((row) => row.querySelector("h2")?.textContent ?? ""),
  );

/** The rail's target holding `letter` (a letter's own, or a run like A–C
 * where the screen is short). */
export const railKey = (page: Page, letter: string) => page.locator(`[data-testid^="az-"][data-letters*="${letter}"]`);

/** Taps the rail's target holding `letter`; returns the letter it jumps to
 * (its first). */
async function jump(page: Page, letter: string): Promise<string> {
  const key = railKey(page, letter);
  await key.tap();
  return (await key.getAttribute("data-letter"))!;
}

/** The test id of the first row filed under `letter`. */
const firstOf = (letter: string) => `exhibitor-${letter === "#" ? "hash" : letter.toLowerCase()}-0`;

/** The windows of rows the kiosk asked for so far. */
const windows = (page: Page) => page.evaluate(() => window.__PAVILION_MOCK__.windows);

test("the exhibitor directory draws a screenful of 100,000 and jumps by letter", async ({ page }, info) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(200);
  await snap(page, info, "directory");

  await railKey(page, "M").tap();
  await expect(page.getByTestId("exhibitor-m-0")).toBeInViewport();
  await expect(railKey(page, "M")).toHaveClass(/current/);
  expect(await rows(page).count()).toBeLessThan(200);
  const names = await namesOnScreen(page);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/^M-Company/);
  await snap(page, info, "directory-m");

  // Back returns to the same place in the list.
  await page.evaluate(() => (document.querySelector("main")!.scrollTop += 300));
  await page.getByTestId("exhibitor-m-10").scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => document.querySelector("main")!.scrollTop);
  await page.getByTestId("exhibitor-m-10").tap();
  await expect(page.getByTestId("exhibitor-detail")).toBeVisible();
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("exhibitor-m-10")).toBeInViewport();
  expect(await page.evaluate(() => document.querySelector("main")!.scrollTop)).toBeCloseTo(before, -1);

  await railKey(page, "#").tap();
  await expect(page.getByTestId("exhibitor-hash-0")).toBeInViewport();
  // The very end of the list comes into view too.
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.scrollTop = main.scrollHeight;
  });
  await expect(page.getByTestId("exhibitor-hash-3695")).toBeInViewport();
  await snap(page, info, "directory-end");
});

test("sliding a finger down the A–Z rail follows the finger", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  const a = (await railKey(page, "A").boundingBox())!;
  const t = (await railKey(page, "T").boundingBox())!;
  const x = Math.round(a.x + a.width / 2);
  const touch = await page.context().newCDPSession(page);
  const at = (y: number) => [{ x, y: Math.round(y) }];
  await touch.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(a.y + a.height / 2) });
  for (let step = 1; step <= 8; step++) {
    const y = a.y + a.height / 2 + ((t.y + t.height / 2 - (a.y + a.height / 2)) * step) / 8;
    await touch.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(y) });
  }
  await touch.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await expect(page.getByTestId(firstOf((await railKey(page, "T").getAttribute("data-letter"))!))).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(200);
});

test("a category filter narrows 100,000 exhibitors", async ({ page }, info) => {
  // How fast is a benchmark's question (bench/README.md), not a test's.
  await start(page);
  await manyExhibitors(page, 100_000);
  const category = fixture.get_home.categories[0]!;
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  await page.getByTestId(`filter-category-${category.id}`).tap();
  await expect(page.getByTestId(`filter-category-${category.id}`)).toHaveAttribute("aria-pressed", "true");
  const count = fixture.get_home.categories.length;
  await expect(page.locator("h1 + .count")).toHaveText(strings(first).exhibitorsCount(Math.ceil(100_000 / count)));
  expect(await rows(page).count()).toBeLessThan(200);
  await snap(page, info, "directory-filtered");

  // Far down the narrowed list, every row is of the category.
  await railKey(page, "W").tap();
  await expect(rows(page).first()).toBeVisible();
  await expect.poll(() => namesOnScreen(page).then((names) => names.every((name) => name.startsWith("W-")))).toBe(true);
  const shown = await rows(page).evaluateAll((all) => all.map((row) => row.getAttribute("data-testid")!.slice("exhibitor-".length)));
  const categories = await page.evaluate(
    ([ids, lang]) => ids.map((id) => window.__PAVILION_MOCK__.data.list_exhibitors[lang]!.find((e) => e.id === id)!.categories),
    [shown, first] as const,
  );
  for (const of of categories) expect(of).toContain(category.id);
  expect((await windows(page)).at(-1)!.filter).toEqual({ category: category.id, hall: null });

  await page.getByTestId("filter-category-all").tap();
  await expect(page.locator("h1 + .count")).toContainText("100");
});

test("a tap on a letter far down the rail shows that letter's rows, fetched a page at a time", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  await railKey(page, "Y").tap();
  await expect(page.getByTestId("exhibitor-y-0")).toBeInViewport();
  await expect(railKey(page, "Y")).toHaveClass(/current/);
  const names = await namesOnScreen(page);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/^Y-Company/);
  // Y's group starts at row 24 × 3,704: the page holding it was asked for.
  const y = 24 * Math.ceil(100_000 / 27);
  expect((await windows(page)).some((w) => w.offset <= y && y < w.offset + w.limit)).toBe(true);
});

test("the directory never asks for the whole list, however far it is scrolled", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  for (const letter of ["M", "#", "C", "T"]) {
    await expect(page.getByTestId(firstOf(await jump(page, letter)))).toBeInViewport();
  }
  // A fling through several screens, then to the very end.
  for (let step = 0; step < 10; step++) {
    await page.evaluate(() => (document.querySelector("main")!.scrollTop += 2_000));
    await page.waitForTimeout(20);
  }
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.scrollTop = main.scrollHeight;
  });
  await expect(page.getByTestId("exhibitor-hash-3695")).toBeInViewport();
  const asked = await windows(page);
  expect(asked.length).toBeGreaterThan(0);
  for (const w of asked) expect(w.limit).toBeLessThanOrEqual(100);
  expect(asked.reduce((rows, w) => rows + w.limit, 0)).toBeLessThan(5_000);
  const calls = await page.evaluate(() => window.__PAVILION_MOCK__.calls);
  expect(calls).not.toContain("list_exhibitors");
});

test("rows still on their way are blank cards of the same size, filled in place", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  const card = (await page.getByTestId("exhibitor-a-0").boundingBox())!;
  await page.evaluate(() => (window.__PAVILION_MOCK__.windowLatency = 1500));
  await railKey(page, "K").tap();
  /** What the first place under the letter K shows, where it is, and
   * where the line after it starts. */
  const firstUnderK = () =>
    page.evaluate(() => {
      const letter = [...document.querySelectorAll("h2.letter")].find((h) => h.textContent?.trim() === "K")!;
      const line = letter.nextElementSibling!;
      const cell = line.querySelector("li > *")!;
      const box = cell.getBoundingClientRect();
      const next = line.nextElementSibling!.getBoundingClientRect().top;
      return { testid: cell.getAttribute("data-testid"), top: box.top, width: box.width, height: box.height, next };
    });
  const waiting = await firstUnderK();
  expect(waiting.testid).toBe("directory-placeholder");
  expect(waiting.width).toBeCloseTo(card.width, 0);
  // The row's height; a card with a summary and a booth is a little taller.
  expect(waiting.height).toBeGreaterThan(card.height * 0.9);
  await expect.poll(async () => (await firstUnderK()).testid, { timeout: 5_000 }).toBe("exhibitor-k-0");
  const filled = await firstUnderK();
  expect(filled.top).toBeCloseTo(waiting.top, 0);
  expect(filled.next).toBeCloseTo(waiting.next, 0);
});

test("a new pack going live drops the rows the directory kept", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 10_000);
  await page.getByTestId("home-exhibitors").tap();
  await railKey(page, "M").tap();
  await expect(page.getByTestId("exhibitor-m-0")).toBeInViewport();
  await railKey(page, "A").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  await page.evaluate(() => {
    const mock = window.__PAVILION_MOCK__;
    const renamed = "M-Company 2.0";
    for (const rows of Object.values(mock.data.list_exhibitors)) rows.find((e) => e.id === "m-0")!.name = { zh: renamed, en: renamed };
    mock.emit("pack-changed", mock.data.get_home.pack);
  });
  await railKey(page, "M").tap();
  await expect(page.getByTestId("exhibitor-m-0")).toContainText("M-Company 2.0");
});

test("after a jump the rail lights the letter shown, where scrolling snaps to whole pixels", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-a-0")).toBeInViewport();
  // WebKit keeps a scroll position in whole pixels, dropping the fraction;
  // at 100,000 rows in portrait one px of scroll is more than one of list.
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    const own = Object.getOwnPropertyDescriptor(Element.prototype, "scrollTop")!;
    Object.defineProperty(main, "scrollTop", {
      get: () => own.get!.call(main),
      set: (value: number) => own.set!.call(main, Math.floor(value)),
    });
  });
  for (const letter of ["W", "T", "M", "C", "X"]) {
    await expect(page.getByTestId(firstOf(await jump(page, letter)))).toBeInViewport();
    await expect(railKey(page, letter)).toHaveClass(/current/);
  }
});

for (const mode of ["plain", "reach", "large-text", "reach large-text"]) {
  test(`every rail target is at least a fingertip tall, ${mode}`, async ({ page }, info) => {
    await start(page);
    await manyExhibitors(page, 100_000);
    await page.evaluate((mode) => document.documentElement.classList.add(...mode.split(" ").filter((c) => c !== "plain")), mode);
    await page.getByTestId("home-exhibitors").tap();
    await expect(page.getByTestId("exhibitor-a-0")).toBeAttached();
    const targets = page.locator('[data-testid^="az-"]');
    await expect.poll(async () => (await targets.evaluateAll((all) => all.map((t) => t.getBoundingClientRect().height))).every((h) => h >= 56)).toBe(true);
    // Together they hold every letter, once, in order.
    const held = await targets.evaluateAll((all) => all.map((t) => t.getAttribute("data-letters")).join(""));
    expect(held).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ#");
    // …and all of them are on screen, above the bar.
    const bar = (await page.locator("nav").boundingBox())!;
    const last = (await targets.last().boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(Math.max(bar.y, page.viewportSize()!.height) + 0.5);
    await snap(page, info, `rail-${mode.replace(" ", "-")}`);
    await expect(page.getByTestId(firstOf(await jump(page, "P")))).toBeInViewport();
    await expect(railKey(page, "P")).toHaveClass(/current/);
  });
}

test("counts group their digits as each language writes them", async ({ page }) => {
  await start(page);
  await manyExhibitors(page, 100_000);
  await page.evaluate(() => {
    const mock = window.__PAVILION_MOCK__;
    mock.data.get_home.counts.exhibitors = 100_000;
    mock.emit("pack-changed", mock.data.get_home.pack);
  });
  const grouped = { en: "100,000", zh: "100,000" } as Record<string, string>;
  for (const lang of [first, second]) {
    if (lang === second) await page.getByTestId("language-toggle").tap();
    await expect(page.getByTestId("home-exhibitors")).toContainText(grouped[lang]!);
    await page.getByTestId("home-exhibitors").tap();
    await expect(page.locator("h1 + .count")).toHaveText(strings(lang).exhibitorsCount(100_000));
    await expect(page.locator("h1 + .count")).toContainText(grouped[lang]!);
    await page.getByTestId("home").tap();
  }
});

/** The letter line above `id`'s card in the directory (the group it files
 * under), and the rail's letters. */
async function filedUnder(page: Page, id: string): Promise<string> {
  await expect(page.getByTestId(`exhibitor-${id}`)).toBeVisible();
  return page.evaluate((id) => {
    const card = document.querySelector(`[data-testid="directory"] [data-testid="exhibitor-${id}"]`)!;
    const top = card.getBoundingClientRect().top;
    const above = [...document.querySelectorAll('[data-testid="directory"] h2.letter')].filter(
      (letter) => letter.getBoundingClientRect().top < top,
    );
    return above.at(-1)?.textContent?.trim() ?? "";
  }, id);
}

/** The ids of the directory's cards, top to bottom. */
const order = (page: Page) =>
  rows(page).evaluateAll((all) =>
    all
      .map((row) => ({ id: row.getAttribute("data-testid")!.slice("exhibitor-".length), top: row.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((row) => row.id),
  );

test("zh directory orders 微软 under W, by the pinyin of the Chinese names; in English Microsoft is under M", async ({ page }, info) => {
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.locator("html")).toHaveAttribute("lang", /^zh/);
  // 飞桨 fei jiang, 红杉资本 hong shan, IBM, 默克 mo ke, 微软 wei ruan.
  await expect.poll(() => order(page)).toEqual(["paddlepaddle", "sequoia-capital", "ibm", "merck", "microsoft"]);
  expect(await filedUnder(page, "microsoft")).toBe("W");
  expect(await filedUnder(page, "paddlepaddle")).toBe("F");
  expect(await filedUnder(page, "sequoia-capital")).toBe("H");
  // The rail's letters are the pinyin initials: W is there, S (Sequoia) is not.
  await expect(railKey(page, "W")).not.toHaveClass(/absent/);
  await expect(railKey(page, "S")).toHaveClass(/absent/);
  await snap(page, info, "directory-zh-pinyin");
  await railKey(page, "W").tap();
  await expect(page.getByTestId("exhibitor-microsoft")).toBeInViewport();
  await snap(page, info, "directory-zh-w");

  await page.getByTestId("language-toggle").tap();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect.poll(() => order(page)).toEqual(["ibm", "merck", "microsoft", "paddlepaddle", "sequoia-capital"]);
  expect(await filedUnder(page, "microsoft")).toBe("M");
  expect(await filedUnder(page, "sequoia-capital")).toBe("S");
  await expect(railKey(page, "W")).toHaveClass(/absent/);
  await snap(page, info, "directory-en");
});

test("in Chinese the rail's W jumps to the fair's names whose pinyin starts with W", async ({ page }, info) => {
  const synth = loadFixture("synth");
  await mockShell(page, synth);
  await page.goto("/");
  await page.getByTestId("home-exhibitors").tap();
  const zh = synth.list_exhibitors["zh"]!;
  const underW = new Set(zh.filter((e) => e.sort_key.startsWith("w")).map((e) => e.id));
  expect(underW.size).toBeGreaterThan(0);
  await railKey(page, "W").tap();
  const firstW = zh.find((e) => underW.has(e.id))!;
  await expect(page.getByTestId(`exhibitor-${firstW.id}`)).toBeInViewport();
  expect(await filedUnder(page, firstW.id)).toBe("W");
  // The W rows on screen are the Chinese names read with a W first.
  const shown = await rows(page).evaluateAll((all) =>
    all
      .filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      })
      .map((row) => row.getAttribute("data-testid")!.slice("exhibitor-".length)),
  );
  const ws = shown.filter((id) => underW.has(id));
  expect(ws.length).toBeGreaterThan(0);
  for (const id of ws) expect(zh.find((e) => e.id === id)!.name["zh"]).toMatch(/^\p{Script=Han}/u);
  await snap(page, info, "directory-zh-w-fair");
});

test("a park's exhibitors are A–Z in the language on screen, and follow a switch", async ({ page }) => {
  const synth = loadFixture("synth");
  const [zh, en] = [synth.list_exhibitors["zh"]!, synth.list_exhibitors["en"]!];
  const inPark = (rows: ExhibitorSummary[], ids: Set<string>) => rows.filter((e) => ids.has(e.id)).map((e) => e.id);
  const park = Object.values(synth.parks).find((p) => {
    const ids = new Set(p.exhibitors.map((e) => e.id));
    // Fewer than a first batch of cards (`CardGrid`), so all are drawn.
    return ids.size > 1 && ids.size <= 40 && inPark(zh, ids).join() !== inPark(en, ids).join();
  })!;
  const ids = new Set(park.exhibitors.map((e) => e.id));
  await mockShell(page, synth);
  await page.goto("/");
  await page.getByTestId("home-parks").tap();
  await page.getByTestId(`park-${park.id}`).tap();
  const shown = () =>
    page
      .getByTestId("park-exhibitors")
      .locator('[data-testid^="exhibitor-"]')
      .evaluateAll((all) => all.map((card) => card.getAttribute("data-testid")!.slice("exhibitor-".length)));
  await expect.poll(shown).toEqual(inPark(zh, ids));
  await page.getByTestId("language-toggle").tap();
  await expect.poll(shown).toEqual(inPark(en, ids));
});
