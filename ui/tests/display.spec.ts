// Crisp at 4K: a 3840×2160 booth screen shows the landscape layout at twice
// the size, not a small island in the middle, and everything the UI draws
// itself (icons, the QR code) is vector, so nothing is blurred at any
// resolution. Checked once (not per project): the test sets its own screens.

import { expect, test, type Browser, type Page } from "@playwright/test";
import { fixture } from "./helpers";
import { mockShell } from "./tauri-mock";

const DOORS = ["home-news", "home-parks", "home-exhibitors"];

async function openHome(browser: Browser, width: number, height: number, deviceScaleFactor = 1): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, hasTouch: true });
  const page = await context.newPage();
  await mockShell(page, fixture);
  await page.goto("/");
  for (const door of DOORS) await expect(page.getByTestId(door)).toBeVisible();
  return page;
}

async function boxes(page: Page) {
  return Promise.all(DOORS.map(async (door) => (await page.getByTestId(door).boundingBox())!));
}

test("a 4K screen shows the landscape layout at twice the size, all of it vector", async ({ browser }, info) => {
  test.skip(info.project.name !== "landscape", "one run: the test sets its own screens");
  const hd = await openHome(browser, 1920, 1080);
  const uhd = await openHome(browser, 3840, 2160);
  const [small, large] = [await boxes(hd), await boxes(uhd)];
  small.forEach((box, index) => {
    const big = large[index]!;
    for (const side of ["x", "y", "width", "height"] as const) {
      expect(big[side] / box[side], `${DOORS[index]} ${side}`).toBeCloseTo(2, 1);
    }
  });
  expect(await uhd.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
    `${2 * parseFloat(await hd.evaluate(() => getComputedStyle(document.documentElement).fontSize))}px`,
  );

  // The UI's own pictures are SVG or text; only the pack's images are
  // raster, and those are the operator's to size.
  const raster = await uhd.evaluate(() =>
    Array.from(document.images)
      .map((image) => image.getAttribute("src") ?? "")
      .filter((src) => !src.endsWith(".svg") && !src.startsWith("data:image/svg")),
  );
  const packMedia = new Set(Object.values(fixture.parks).flatMap((park) => (park.image ? [park.image] : [])));
  expect(raster.filter((src) => ![...packMedia].some((name) => src.endsWith(name)))).toEqual([]);
  await expect(uhd.locator("nav svg").first()).toBeVisible();
  await uhd.screenshot({ path: "test-results/screenshots/4k-home.png" });

  // A 4K panel driven at 200 % scaling: the same CSS layout as HD, drawn with
  // twice the pixels.
  const scaled = await openHome(browser, 1920, 1080, 2);
  expect(await boxes(scaled)).toEqual(small);
  await scaled.getByTestId("home-exhibitors").tap();
  await scaled.getByTestId("exhibitor-ibm").tap();
  const qr = scaled.getByTestId("qr-code");
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe("svg");
  await scaled.screenshot({ path: "test-results/screenshots/4k-scaled-exhibitor.png" });
});
