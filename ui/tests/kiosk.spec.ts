// What a visitor does at the kiosk, on a portrait and a landscape screen,
// against the mocked shell (tests/tauri-mock.ts). Expected texts are read
// from the fixture, which is generated from the demo pack, so these tests
// hold for whatever the pack says.

import { expect, test } from "@playwright/test";
import { strings } from "../src/lib/i18n";
import { first, fixture, say, second, snap, start } from "./helpers";
import { loadFixture, mockShell, type Fixture } from "./tauri-mock";

test("home shows the event and three doors", async ({ page }, info) => {
  await start(page);
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, first));
  for (const door of ["home-news", "home-parks", "home-exhibitors"]) {
    const tile = page.getByTestId(door);
    await expect(tile).toBeVisible();
    const box = await tile.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(150);
  }
  await expect(page.getByTestId("home-exhibitors")).toContainText(String(fixture.get_home.counts.exhibitors));
  await expect(page.locator("html")).toHaveAttribute("lang", first === "zh" ? "zh-Hans" : first);
  await expect(page.getByTestId("back")).toHaveCount(0);
  await snap(page, info, `home-${first}`);
  await page.getByTestId("language-toggle").tap();
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, second));
  await snap(page, info, `home-${second}`);
});

test("an exhibitor's page, then the same page in the other language", async ({ page }, info) => {
  const ibm = fixture.exhibitors["ibm"]!;
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  for (const exhibitor of fixture.list_exhibitors[first]!) {
    await expect(page.getByTestId(`exhibitor-${exhibitor.id}`)).toContainText(say(exhibitor.name, first));
  }
  const rows = await page.locator('[data-testid^="exhibitor-"]').evaluateAll((all) =>
    all.map((row) => row.getAttribute("data-testid")),
  );
  expect(rows).toEqual(fixture.list_exhibitors[first]!.map((exhibitor) => `exhibitor-${exhibitor.id}`));
  await snap(page, info, "exhibitors");

  await page.getByTestId("exhibitor-ibm").tap();
  const detail = page.getByTestId("exhibitor-detail");
  await expect(detail.getByTestId("detail-title")).toHaveText(say(ibm.name, first));
  if (ibm.booth) await expect(detail).toContainText(ibm.booth.stand);
  if (ibm.website) {
    await expect(detail).toContainText(ibm.website);
    await expect(detail.locator("a")).toHaveCount(0);
  }
  await snap(page, info, `exhibitor-${first}`);

  await page.getByTestId("language-toggle").tap();
  await expect(detail.getByTestId("detail-title")).toHaveText(say(ibm.name, second));
  if (ibm.summary) await expect(detail).toContainText(say(ibm.summary, second));
  await snap(page, info, `exhibitor-${second}`);
});

/** The fixture, plus what the demo pack may lack to show every part of
 * a park page: the first park gets the first exhibitor, with a booth and a
 * website, linked both ways. */
function withParkExhibitor(): { data: Fixture; parkId: string; exhibitorId: string } {
  const data = structuredClone(fixture);
  const park = Object.values(data.parks).find((p) => p.figures.length > 0) ?? Object.values(data.parks)[0]!;
  if (park.exhibitors.length === 0) {
    const summary = data.list_exhibitors[first]![0]!;
    const exhibitor = data.exhibitors[summary.id]!;
    const booth = exhibitor.booth ?? { hall: "H1", stand: "A-101" };
    exhibitor.booth = booth;
    exhibitor.website ??= "https://example.com/";
    exhibitor.park = { id: park.id, name: park.name };
    park.exhibitors = [{ ...summary, booth }];
  }
  return { data, parkId: park.id, exhibitorId: park.exhibitors[0]!.id };
}

test("a park shows its figures and its exhibitors", async ({ page }, info) => {
  const { data, parkId, exhibitorId } = withParkExhibitor();
  const park = data.parks[parkId]!;
  const exhibitor = data.exhibitors[exhibitorId]!;
  await mockShell(page, data);
  await page.goto("/");
  await page.getByTestId("home-parks").tap();
  for (const summary of data.list_parks) {
    await expect(page.getByTestId(`park-${summary.id}`)).toContainText(say(summary.name, first));
  }
  await snap(page, info, "parks");

  await page.getByTestId(`park-${park.id}`).tap();
  const detail = page.getByTestId("park-detail");
  await expect(detail.getByTestId("detail-title")).toHaveText(say(park.name, first));
  for (const figure of park.figures) {
    await expect(detail.getByTestId("park-figures")).toContainText(say(figure.value, first));
    await expect(detail.getByTestId("park-figures")).toContainText(say(figure.label, first));
  }
  for (const field of park.focus) await expect(detail).toContainText(say(field, first));
  for (const member of park.exhibitors) {
    await expect(detail.getByTestId(`exhibitor-${member.id}`)).toContainText(say(member.name, first));
  }
  await snap(page, info, "park");
  await snap(page, info, "park-end", true);

  await detail.getByTestId(`exhibitor-${exhibitor.id}`).tap();
  const page2 = page.getByTestId("exhibitor-detail");
  await expect(page2.getByTestId("detail-title")).toHaveText(say(exhibitor.name, first));
  await expect(page2).toContainText(exhibitor.booth!.stand);
  await expect(page2).toContainText(exhibitor.website!);
  await expect(page2.locator("a")).toHaveCount(0);
  await snap(page, info, "park-exhibitor");
  // The exhibitor's park link leads back to the park.
  await page2.getByTestId(`park-${park.id}`).tap();
  await expect(page.getByTestId("park-detail").getByTestId("detail-title")).toHaveText(say(park.name, first));
  await page.getByTestId("back").tap();
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("park-detail")).toBeVisible();
});

test("news list and an article", async ({ page }, info) => {
  const summary = fixture.list_news[0]!;
  const article = fixture.news[summary.id]!;
  await start(page);
  await page.getByTestId("home-news").tap();
  await expect(page.getByTestId(`news-${summary.id}`)).toContainText(say(summary.title, first));
  await snap(page, info, "news");
  await page.getByTestId(`news-${summary.id}`).tap();
  const detail = page.getByTestId("news-detail");
  await expect(detail.getByTestId("detail-title")).toHaveText(say(article.title, first));
  if (article.source) await expect(detail).toContainText(say(article.source, first));
  await snap(page, info, "article");
  await snap(page, info, "article-end", true);
});

test("Back retraces the steps and Home goes straight home", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expect(page.getByTestId("exhibitor-detail")).toBeVisible();
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("exhibitor-ibm")).toBeVisible();
  await expect(page.getByTestId("exhibitor-detail")).toHaveCount(0);
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("home-exhibitors")).toBeVisible();

  await page.getByTestId("home-parks").tap();
  await page.getByTestId(`park-${fixture.list_parks[0]!.id}`).tap();
  await expect(page.getByTestId("park-detail")).toBeVisible();
  await page.getByTestId("home").tap();
  await expect(page.getByTestId("home-parks")).toBeVisible();
  await page.getByTestId("home-parks").tap();
  await expect(page.getByTestId(`park-${fixture.list_parks[0]!.id}`)).toBeVisible();
  // Home emptied the trail: Back from the list is home again.
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("home-news")).toBeVisible();
});

test("the chosen language stays on every screen", async ({ page }) => {
  const park = fixture.list_parks[0]!;
  const ibm = fixture.exhibitors["ibm"]!;
  await start(page);
  await page.getByTestId("language-toggle").tap();
  await expect(page.locator("html")).toHaveAttribute("lang", second === "zh" ? "zh-Hans" : second);
  await page.getByTestId("home-parks").tap();
  await expect(page.getByTestId(`park-${park.id}`)).toContainText(say(park.name, second));
  await page.getByTestId(`park-${park.id}`).tap();
  await expect(page.getByTestId("detail-title")).toHaveText(say(fixture.parks[park.id]!.name, second));
  await page.getByTestId("home").tap();
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expect(page.getByTestId("detail-title")).toHaveText(say(ibm.name, second));
  await page.getByTestId("back").tap();
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("event-name")).toHaveText(say(fixture.get_home.event.name, second));
});

test("pack-changed refreshes in place, or goes home when the item is gone", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  const title = page.getByTestId("detail-title");
  await expect(title).toHaveText(say(fixture.exhibitors["ibm"]!.name, first));

  const renamed = "IBM · 2.0";
  await page.evaluate(
    ({ lang, name }) => {
      const mock = window.__PAVILION_MOCK__;
      mock.data.exhibitors["ibm"]!.name[lang] = name;
      mock.calls.length = 0;
      mock.emit("pack-changed", mock.data.get_home.pack);
    },
    { lang: first, name: renamed },
  );
  await expect(title).toHaveText(renamed);
  const calls = await page.evaluate(() => window.__PAVILION_MOCK__.calls);
  expect(calls).toEqual(expect.arrayContaining(["get_home", "get_exhibitor"]));

  await page.evaluate(() => {
    const mock = window.__PAVILION_MOCK__;
    delete mock.data.exhibitors["ibm"];
    for (const [lang, rows] of Object.entries(mock.data.list_exhibitors)) {
      mock.data.list_exhibitors[lang] = rows.filter((e) => e.id !== "ibm");
    }
    mock.emit("pack-changed", mock.data.get_home.pack);
  });
  await expect(page.getByTestId("home-exhibitors")).toBeVisible();
  await expect(page.getByTestId("exhibitor-detail")).toHaveCount(0);
});

test("the old screen stays up until the new pack's data has arrived", async ({ page }) => {
  // Slow enough that a busy test machine still looks while data is on its way.
  await start(page, { latency: 1500 });
  await expect(page.getByTestId("home-news")).toBeVisible();
  await page.getByTestId("home-news").tap();
  // While the list is on its way, home is still there, never a blank screen.
  await expect(page.getByTestId("home-news")).toBeVisible();
  await expect(page.getByTestId(`news-${fixture.list_news[0]!.id}`)).toBeVisible();
  await page.evaluate(() => {
    const mock = window.__PAVILION_MOCK__;
    mock.emit("pack-changed", mock.data.get_home.pack);
  });
  await page.waitForTimeout(100);
  await expect(page.getByTestId(`news-${fixture.list_news[0]!.id}`)).toBeVisible();
});

test("a failing command shows a calm message and a way home", async ({ page }, info) => {
  await start(page, { failures: { get_directory_outline: { code: "database", message: "database is locked" } } });
  await page.getByTestId("home-exhibitors").tap();
  const screen = page.getByTestId("error-screen");
  await expect(screen).toBeVisible();
  await expect(screen).toHaveAttribute("data-code", "database");
  await expect(page.getByTestId("language-toggle")).toBeVisible();
  await snap(page, info, "error");
  await page.getByTestId("error-home").tap();
  await expect(page.getByTestId("home-exhibitors")).toBeVisible();
});

test("a kiosk without a live pack says so instead of staying blank", async ({ page }, info) => {
  await start(page, { failures: { get_home: { code: "no_live_pack", message: "no pack has been imported" } } });
  await expect(page.getByTestId("error-screen")).toHaveAttribute("data-code", "no_live_pack");
  await snap(page, info, "no-pack");
  // The pack arrives: the kiosk comes to life by itself.
  await page.evaluate(() => {
    const mock = window.__PAVILION_MOCK__;
    delete mock.failures["get_home"];
    mock.emit("pack-changed", mock.data.get_home.pack);
  });
  await expect(page.getByTestId("home-news")).toBeVisible();
});

test("a swipe to the right goes back", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expect(page.getByTestId("exhibitor-detail")).toBeVisible();
  const { width, height } = page.viewportSize()!;
  const y = Math.round(height / 2);
  const touch = await page.context().newCDPSession(page);
  const at = (x: number) => [{ x: Math.round(x), y }];
  await touch.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(width * 0.1) });
  for (const share of [0.2, 0.3, 0.4, 0.5]) {
    await touch.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(width * share) });
  }
  await touch.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await expect(page.getByTestId("exhibitor-ibm")).toBeVisible();
  await expect(page.getByTestId("exhibitor-detail")).toHaveCount(0);
});

test("the directory is fetched once per live pack and filter; Back and the next visit reuse it", async ({ page }) => {
  await start(page);
  await expect(page.getByTestId("home-exhibitors")).toBeVisible();
  const outlines = () =>
    page.evaluate(() => window.__PAVILION_MOCK__.calls.filter((call) => call === "get_directory_outline").length);
  // Nothing is fetched ahead: the directory is quick to open.
  expect(await outlines()).toBe(0);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-ibm")).toBeVisible();
  await page.getByTestId("exhibitor-ibm").tap();
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("exhibitor-ibm")).toBeVisible();
  await page.getByTestId("home").tap();
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("exhibitor-ibm")).toBeVisible();
  expect(await outlines()).toBe(1);
  // Another pack went live: its directory, once.
  await page.evaluate(() => window.__PAVILION_MOCK__.emit("pack-changed", window.__PAVILION_MOCK__.data.get_home.pack));
  await expect.poll(outlines).toBe(2);
});

test("news, parks and halls are read once per live pack; Back, Home and the next tap reuse them", async ({ page }) => {
  await start(page);
  const reads = (command: string) =>
    page.evaluate((command) => window.__PAVILION_MOCK__.calls.filter((call) => call === command).length, command);
  const news = fixture.list_news[0]!;
  const park = fixture.list_parks[0]!;
  for (let visit = 0; visit < 2; visit++) {
    await page.getByTestId("home-news").tap();
    await expect(page.getByTestId(`news-${news.id}`)).toBeVisible();
    await page.getByTestId("home").tap();
    await page.getByTestId("home-parks").tap();
    await page.getByTestId(`park-${park.id}`).tap();
    await page.getByTestId("back").tap();
    await expect(page.getByTestId(`park-${park.id}`)).toBeVisible();
    await page.getByTestId("home").tap();
    await page.getByTestId("home-exhibitors").tap();
    await expect(page.getByTestId("exhibitor-ibm")).toBeVisible();
    await page.getByTestId("home").tap();
  }
  expect([await reads("list_news"), await reads("list_parks"), await reads("list_halls")]).toEqual([1, 1, 1]);
  // Another pack went live: its lists are read afresh, the news with its new item.
  await page.evaluate(() => {
    const mock = window.__PAVILION_MOCK__;
    const model = mock.data.list_news[0]!;
    mock.data.list_news.unshift({ ...model, id: "fresh", title: { zh: "新消息", en: "Fresh news" } });
    mock.emit("pack-changed", mock.data.get_home.pack);
  });
  await expect.poll(() => reads("list_halls")).toBe(2);
  await page.getByTestId("home-news").tap();
  await expect(page.getByTestId("news-fresh")).toBeVisible();
  expect(await reads("list_news")).toBe(2);
});

test("the kept news are read again once an item of them expires, so an expired item leaves the screen", async ({ page }) => {
  await start(page);
  const reads = () =>
    page.evaluate(() => window.__PAVILION_MOCK__.calls.filter((call) => call === "list_news").length);
  // An item that expires two seconds from now (the core hides it after).
  await page.evaluate(() => {
    const news = window.__PAVILION_MOCK__.data.list_news[0]!;
    news.expires_at = Math.floor(Date.now() / 1000) + 2;
  });
  await page.getByTestId("home-news").tap();
  await expect(page.getByTestId(`news-${fixture.list_news[0]!.id}`)).toBeVisible();
  await page.getByTestId("home").tap();
  await page.getByTestId("home-news").tap();
  await expect(page.getByTestId(`news-${fixture.list_news[0]!.id}`)).toBeVisible();
  expect(await reads()).toBe(1);
  await page.getByTestId("home").tap();
  await page.evaluate(() => new Promise((done) => setTimeout(done, 3000)));
  await page.getByTestId("home-news").tap();
  await expect.poll(reads).toBe(2);
});

test("chips that look tappable act: a category opens the directory narrowed to it, a tag searches for it", async ({
  page,
}, info) => {
  await start(page);
  const ibm = fixture.exhibitors["ibm"]!;
  const category = ibm.categories[0]!;
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await page.getByTestId(`category-${category.id}`).tap();
  await expect(page.getByTestId(`filter-category-${category.id}`)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("active-filters")).toContainText(say(category.name, first));
  const inCategory = fixture.list_exhibitors[first]!.filter((e) => e.categories.includes(category.id));
  await expect(page.locator('[data-testid="directory"] [data-testid^="exhibitor-"]')).toHaveCount(inCategory.length);

  const [id, item] = Object.entries(fixture.news).find(([, news]) => news.tags.length > 0)!;
  await page.getByTestId("home").tap();
  await page.getByTestId("home-news").tap();
  await page.getByTestId(`news-${id}`).tap();
  const tag = page.getByTestId("tag-1");
  await expect(tag).toBeVisible();
  await snap(page, info, "article-tags");
  await tag.tap();
  await expect(page.getByTestId("search-screen")).toBeVisible();
  await expect(page.getByTestId("search-query")).toHaveText(say(item.tags[1], first));
  await expect(page.getByTestId("search-results")).not.toContainText(strings(first).searchHint);

  // A park's focus fields do nothing, so they are not buttons.
  await page.getByTestId("home").tap();
  await page.getByTestId("home-parks").tap();
  await page.locator('[data-testid^="park-"]').first().tap();
  await expect(page.getByTestId("park-detail")).toBeVisible();
  await expect(page.locator('[data-testid="park-detail"] .chips button')).toHaveCount(0);
});

test("Back and Home sit at the bottom of the screen, in landscape as in portrait", async ({ page }) => {
  await start(page);
  await page.getByTestId("home-exhibitors").tap();
  const { height } = page.viewportSize()!;
  for (const testid of ["back", "home"]) {
    const box = (await page.getByTestId(testid).boundingBox())!;
    expect(box.y).toBeGreaterThan(height * 0.85);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
  }
  // The accessibility panel opens upwards from there, whole on screen.
  await page.getByTestId("a11y-toggle").tap();
  const panel = (await page.getByTestId("a11y-panel").boundingBox())!;
  expect(panel.y).toBeGreaterThanOrEqual(0);
  expect(panel.y + panel.height).toBeLessThanOrEqual(height);
});

test("an English article's lines hold 45 to 75 characters", async ({ page }) => {
  await start(page);
  if (first !== "en") await page.getByTestId("language-toggle").tap();
  const [id] = Object.entries(fixture.news).find(([, news]) => news.body)!;
  await page.getByTestId("home-news").tap();
  await page.getByTestId(`news-${id}`).tap();
  const paragraph = page.locator('[data-testid="news-detail"] .rich p').first();
  await expect(paragraph).toBeVisible();
  // Characters a line: the column's width over the paragraph's own mean
  // character width (its text set on one line).
  const perLine = await paragraph.evaluate((p) => {
    const text = p.textContent ?? "";
    const probe = document.createElement("span");
    probe.style.whiteSpace = "nowrap";
    probe.style.position = "absolute";
    probe.textContent = text;
    p.appendChild(probe);
    const mean = probe.getBoundingClientRect().width / text.length;
    probe.remove();
    return p.getBoundingClientRect().width / mean;
  });
  expect(perLine).toBeGreaterThanOrEqual(45);
  expect(perLine).toBeLessThanOrEqual(75);
});

for (const fixtureName of ["demo", "synth"]) {
  test(`home cards keep one height in both languages (${fixtureName})`, async ({ page }, info) => {
    const data = loadFixture(fixtureName as "demo" | "synth");
    await mockShell(page, data);
    await page.goto("/");
    await expect(page.getByTestId("home-news")).toBeVisible();
    const heights = () =>
      page.locator('[data-testid^="home-"].tile').evaluateAll((all) => all.map((tile) => Math.round(tile.getBoundingClientRect().height)));
    const [a, b] = data.get_home.pack.languages;
    const inFirst = await heights();
    await page.getByTestId("language-toggle").tap();
    await expect(page.locator("html")).not.toHaveAttribute("lang", a === "zh" ? "zh-Hans" : a!);
    await snap(page, info, `home-${fixtureName}-${b}`);
    const inSecond = await heights();
    expect(new Set(inFirst).size).toBe(1);
    expect(inSecond).toEqual(inFirst);
    // In a row (landscape), the doors' titles line up.
    if (info.project.name === "landscape") {
      const tops = await page.locator('[data-testid^="home-"].tile .label').evaluateAll((all) => all.map((label) => Math.round(label.getBoundingClientRect().top)));
      expect(new Set(tops).size).toBe(1);
    }
    // Every door whole on the first screen, its words inside it.
    for (const tile of await page.locator('[data-testid^="home-"].tile').all()) {
      await expect(tile).toBeInViewport({ ratio: 1 });
      const fits = await tile.evaluate((element) =>
        Array.from(element.querySelectorAll(".label, .hint")).every(
          (words) => words.getBoundingClientRect().bottom <= element.getBoundingClientRect().bottom + 0.5,
        ),
      );
      expect(fits).toBe(true);
    }
  });
}
