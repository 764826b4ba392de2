// The page's heartbeat to the shell's watchdog (`src/lib/heartbeat.ts`):
// one at start, then one every HEARTBEAT_SECONDS, however the page is used.

import { expect, test } from "@playwright/test";
import { HEARTBEAT_SECONDS } from "../src/lib/bindings/shell";
import { start } from "./helpers";

const beats = (page: import("@playwright/test").Page) =>
  page.evaluate(() => window.__PAVILION_MOCK__.calls.filter((call) => call === "heartbeat").length);

test("the page beats at start and every few seconds after", async ({ page }) => {
  await page.clock.install();
  await start(page);
  await expect.poll(() => beats(page)).toBe(1);
  await page.getByTestId("home-exhibitors").tap();
  await page.clock.runFor(HEARTBEAT_SECONDS * 1000 * 3);
  await expect.poll(() => beats(page)).toBe(4);
});
