// Long lists of cards (news, parks, a park's exhibitors): a screen of 600
// news draws a few screenfuls and the rest as the visitor scrolls, reaches
// the last item, and Back from an item deep in the list returns to it.

import { expect, test, type Page } from "@playwright/test";
import { first, say, snap, start } from "./helpers";

const COUNT = 600;

/** Replaces the mock's news by `COUNT` copies of the first item, each its
 * own id, as a pack with that many news would give them. */
async function manyNews(page: Page): Promise<void> {
  await page.evaluate((count) => {
    const mock = window.__PAVILION_MOCK__;
    const model = mock.data.list_news[0]!;
    const item = mock.data.news[model.id]!;
    mock.data.list_news = [];
    for (let i = 0; i < count; i++) {
      const id = `news-${i}`;
      const title = { zh: `新闻 ${i}`, en: `News ${i}` };
      mock.data.list_news.push({ ...model, id, title, pinned: false });
      mock.data.news[id] = { ...item, id, title, pinned: false };
    }
    mock.emit("pack-changed", mock.data.get_home.pack);
  }, COUNT);
}

const cards = (page: Page) => page.locator('[data-testid^="news-news-"]');

test("600 news: a few screenfuls are drawn, the rest as the visitor scrolls, Back returns to the item", async ({
  page,
}, info) => {
  await start(page);
  await manyNews(page);
  await page.getByTestId("home-news").tap();
  await expect(page.getByTestId("news-news-0")).toBeInViewport();
  await expect(page.locator(".heading .count")).toContainText(String(COUNT));
  expect(await cards(page).count()).toBeLessThan(100);
  await snap(page, info, "news-many");

  // Scrolling on reaches the last one.
  await expect(async () => {
    await page.evaluate(() => {
      const main = document.querySelector("main")!;
      main.scrollTop = main.scrollHeight;
    });
    await expect(page.getByTestId(`news-news-${COUNT - 1}`)).toBeInViewport({ timeout: 500 });
  }).toPass();
  expect(await cards(page).count()).toBe(COUNT);

  // A fresh visit to the list draws a few screenfuls again; one deep in it
  // is opened and Back shows it where it was.
  await page.getByTestId("home").tap();
  await page.getByTestId("home-news").tap();
  expect(await cards(page).count()).toBeLessThan(100);
  const deep = page.getByTestId("news-news-150");
  // A finger's swipes, until the item is drawn.
  while ((await deep.count()) === 0) {
    await page.evaluate(() => (document.querySelector("main")!.scrollTop += 800));
    await page.waitForTimeout(50);
  }
  await deep.scrollIntoViewIfNeeded();
  const before = (await deep.boundingBox())!.y;
  await deep.tap();
  await expect(page.getByTestId("news-detail").getByTestId("detail-title")).toHaveText(
    say({ zh: "新闻 150", en: "News 150" }, first),
  );
  await page.getByTestId("back").tap();
  await expect(deep).toBeInViewport();
  expect(Math.abs((await deep.boundingBox())!.y - before)).toBeLessThan(2);
});
