// The operator's panel (`operator.html`, `src/operator/`) against the mocked
// shell's operator answers (`fixtures/operator.ts`), and the corner hold on
// the visitor's screen that opens it (`src/lib/corner-hold.ts`). Every test
// runs on a portrait and a landscape screen.

import { expect, test, type Page } from "@playwright/test";
import { HOLD_MS } from "../src/lib/corner-hold";
import { operatorFixture, refusal } from "./fixtures/operator";
import { fixture, snap, start } from "./helpers";
import { mockShell, type MockOptions } from "./tauri-mock";

const calls = (page: Page) => page.evaluate(() => window.__PAVILION_MOCK__.calls);

async function openPanel(page: Page, options: MockOptions = {}): Promise<void> {
  await mockShell(page, fixture, { window: "operator", ...options });
  await page.goto("/operator.html");
  // The panel speaks English in these tests, whatever the booth's language.
  await expect(page.getByTestId("pin-pad")).toBeVisible();
  if ((await page.getByTestId("panel-language").getAttribute("lang")) === "en") {
    await page.getByTestId("panel-language").tap();
  }
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).tap();
  await page.getByTestId("pin-enter").tap();
}

async function unlock(page: Page, options: MockOptions = {}): Promise<void> {
  await openPanel(page, options);
  await typePin(page, operatorFixture.pin);
  await expect(page.getByTestId("live-pack")).toBeVisible();
}

/** Every button on screen is a finger's size, and nothing runs off the
 * screen's side. */
async function expectTouchSized(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll("button"))
      .map((button) => ({ text: button.textContent?.trim(), box: button.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 64 || box.width < 64))
      .map(({ text, box }) => `${text} ${box.width}×${box.height}`),
  );
  expect(small).toEqual([]);
  const overflowing = await page.evaluate(() =>
    Array.from(document.querySelectorAll("main, main *"))
      .filter((element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== "hidden")
      .filter((element) => !(element instanceof SVGElement))
      .map((element) => element.className),
  );
  expect(overflowing).toEqual([]);
}

test.describe("PIN pad", () => {
  test("shows dots only, never the digits", async ({ page }, info) => {
    await openPanel(page);
    for (const digit of "2469") await page.getByTestId(`pin-key-${digit}`).tap();
    await expect(page.getByTestId("pin-dots").locator(".dot")).toHaveCount(4);
    await expect(page.getByTestId("pin-dots")).toHaveText("");
    await expect(page.getByTestId("pin-pad")).not.toContainText("2469");
    await expectTouchSized(page);
    await snap(page, info, "operator-pin");
    await page.getByTestId("pin-clear").tap();
    await expect(page.getByTestId("pin-dots").locator(".dot")).toHaveCount(0);
  });

  test("wrong PINs lock it, the lock counts down, then the right PIN opens the overview", async ({ page }) => {
    await page.clock.install();
    await openPanel(page);
    await typePin(page, "1111");
    await expect(page.getByTestId("pin-wrong")).toHaveText("Wrong PIN. 2 tries left before a lock.");
    await typePin(page, "1112");
    await typePin(page, "1113");
    await expect(page.getByTestId("pin-locked")).toHaveText(`Locked for ${operatorFixture.lock_seconds} s`);
    await expect(page.getByTestId("pin-key-1")).toBeDisabled();
    await page.clock.runFor(5_000);
    await expect(page.getByTestId("pin-locked")).toHaveText(`Locked for ${operatorFixture.lock_seconds - 5} s`);
    // The shell's lock is over when the count reaches 0.
    await page.evaluate(() => (window.__PAVILION_MOCK__.operator.pin_status.locked_seconds = null));
    await page.clock.runFor((operatorFixture.lock_seconds - 5) * 1000);
    await expect(page.getByTestId("pin-locked")).toBeHidden();
    await typePin(page, operatorFixture.pin);
    await expect(page.getByTestId("live-id")).toHaveText("waic-2021");
  });

  test("with no PIN set it says how to set one and offers no keys", async ({ page }) => {
    await mockShell(page, fixture, { window: "operator", operator: { ...operatorFixture, pin_status: { set: false, locked_seconds: null, tries_left: 3 } } });
    await page.goto("/operator.html");
    await expect(page.getByTestId("pin-unset")).toContainText("pavilion operator pin");
    await expect(page.getByTestId("pin-key-1")).toHaveCount(0);
  });
});

test("every screen of the panel shows its part of the kiosk", async ({ page }, info) => {
  await unlock(page);
  await expect(page.getByTestId("live-version")).toHaveText("2");
  await expect(page.getByTestId("live-signer")).toHaveText("key booth-2021");
  await expect(page.getByTestId("live-counts")).toContainText("120 exhibitors");
  await expectTouchSized(page);
  await snap(page, info, "operator-live");

  const screens = [
    ["staged", "staged"],
    ["kept", "kept-packs"],
    ["history", "history"],
    ["waiting", "waiting-packs"],
    ["health", "health"],
    ["settings", "settings"],
    ["statistics", "statistics"],
  ] as const;
  for (const [tab, screen] of screens) {
    await page.getByTestId(`tab-${tab}`).tap();
    await expect(page.getByTestId(screen)).toBeVisible();
    await expectTouchSized(page);
    await snap(page, info, `operator-${tab}`);
  }
});

test("the panel speaks Chinese and English", async ({ page }) => {
  await unlock(page);
  await expect(page.getByTestId("tab-kept")).toHaveText("Kept packs");
  await page.getByTestId("panel-language").tap();
  await expect(page.getByTestId("tab-kept")).toHaveText("保留的内容包");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
});

test("history and waiting packs show a refusal's errors whole and wrapped", async ({ page }) => {
  await unlock(page);
  for (const [tab, errors] of [
    ["history", "history-errors"],
    ["waiting", "waiting-errors"],
  ] as const) {
    await page.getByTestId(`tab-${tab}`).tap();
    const lines = page.getByTestId(errors).first().locator("li");
    await expect(lines).toHaveText(refusal);
    for (const line of await lines.all()) {
      const box = await line.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth, height: element.clientHeight }));
      expect(box.scroll).toBeLessThanOrEqual(box.client);
    }
  }
  await expect(page.getByTestId("waiting-pack").nth(2)).toContainText("not readable");
});

test("health shows the machine", async ({ page }) => {
  await unlock(page);
  await page.getByTestId("tab-health").tap();
  await expect(page.getByTestId("health-disk")).toHaveText("49 GiB");
  await expect(page.getByTestId("health-screen")).toHaveText("1080 × 1920 px, scale 1");
  await expect(page.getByTestId("health-version")).toHaveText("0.9.0");
  await expect(page.getByTestId("lockout")).toHaveCount(1);
});

test("roll back asks first, then makes the kept pack live", async ({ page }) => {
  await unlock(page);
  await page.getByTestId("tab-kept").tap();
  await page.getByTestId("roll-back").tap();
  await expect(page.getByTestId("confirm")).toContainText("Make waic-2021 version 1 live again?");
  await page.getByTestId("confirm-no").tap();
  await expect(page.getByTestId("confirm")).toBeHidden();
  expect(await calls(page)).not.toContain("rollback_pack");

  await page.getByTestId("roll-back").tap();
  await page.getByTestId("confirm-yes").tap();
  await expect(page.getByTestId("notice")).toHaveText("waic-2021 version 1 is live.");
  expect(await calls(page)).toContain("rollback_pack");
  await page.getByTestId("tab-live").tap();
  await expect(page.getByTestId("live-version")).toHaveText("1");
});

test("a staged pack shows its diff, browses, and goes live after a confirmation", async ({ page }, info) => {
  await unlock(page);
  await page.getByTestId("tab-staged").tap();
  await expect(page.getByTestId("diff-manifest")).toContainText("version: 2 → 3");
  const parts = page.getByTestId("diff-part");
  await expect(parts).toHaveCount(2);
  await expect(parts.nth(0)).toContainText("Added");
  await expect(parts.nth(0)).toContainText("opening-ceremony");
  await expect(parts.nth(0)).toContainText("call-for-papers");
  await expect(parts.nth(1)).toContainText("booth.stand: A12 → A14");
  await expect(page.getByTestId("diff-media")).toContainText("logos/deepblue.png");
  await snap(page, info, "operator-staged-diff");

  await page.getByTestId("browse-staged").tap();
  await expect.poll(() => calls(page)).toContain("browse_staged");

  await page.getByTestId("make-live").tap();
  await expect(page.getByTestId("confirm")).toContainText("Make waic-2021 version 3 live?");
  await page.getByTestId("confirm-yes").tap();
  await expect(page.getByTestId("notice")).toHaveText("waic-2021 version 3 is live.");
  await expect(page.getByTestId("tab-staged")).toHaveCount(0);
  await page.getByTestId("tab-live").tap();
  await expect(page.getByTestId("live-version")).toHaveText("3");
});

test("settings are saved as the operator set them", async ({ page }) => {
  await unlock(page);
  await page.getByTestId("tab-settings").tap();
  await page.getByTestId("idle-more").tap();
  await page.getByTestId("idle-more").tap();
  await page.getByTestId("idle-less").tap();
  await expect(page.getByTestId("idle-value")).toHaveText("105");
  await page.getByTestId("spot-entrance").tap();
  await page.getByTestId("language-en").tap();
  await page.getByTestId("go-live-auto").tap();
  await page.getByTestId("queries-off").tap();
  await page.getByTestId("settings-save").tap();
  await expect(page.getByTestId("notice")).toHaveText("Saved. The kiosk uses these settings now.");
  expect(await page.evaluate(() => window.__PAVILION_MOCK__.operator.overview.settings)).toEqual({
    idle_seconds: 105,
    spot: "entrance",
    language: "en",
    go_live: "auto",
    stats_queries: false,
  });
});

test("statistics draw their charts, and Export writes the CSV and the HTML report", async ({ page }, info) => {
  await unlock(page);
  await page.getByTestId("tab-statistics").tap();
  await expect(page.getByTestId("stats-visits")).toHaveText("412");
  const charts = page.getByTestId("hour-chart");
  await expect(charts).toHaveCount(2);
  await expect(charts.first().locator("rect")).toHaveCount(24);
  await expect(page.getByTestId("bar-list").nth(0)).toContainText("sensetime");
  await expect(page.getByTestId("bar-list").nth(1)).toContainText("商汤");
  await expect(page.getByTestId("bar-list").nth(2)).toContainText("metaverse");
  await snap(page, info, "operator-statistics");

  await page.getByTestId("export").tap();
  await expect(page.getByTestId("export-target")).toHaveCount(2);
  await page.getByTestId("export-target").nth(1).tap();
  const stem = `/media/usb0/${operatorFixture.export.file_stem}`;
  await expect(page.getByTestId("notice")).toHaveText(`Written to ${stem}.csv and ${stem}.html`);
  expect(await page.evaluate(() => window.__PAVILION_MOCK__.written)).toEqual([
    { path: `${stem}.csv`, text: operatorFixture.export.csv },
    { path: `${stem}.html`, text: operatorFixture.export.html },
  ]);
});

test("an expired session returns to the PIN pad", async ({ page }) => {
  await unlock(page);
  await page.evaluate(() => (window.__PAVILION_MOCK__.expired = true));
  await page.getByTestId("tab-settings").tap();
  await expect(page.getByTestId("pin-pad")).toBeVisible();
  await expect(page.getByTestId("session-ended")).toBeVisible();
});

test("idle closes the panel after the kiosk's idle time", async ({ page }) => {
  await page.clock.install();
  await unlock(page);
  await page.clock.runFor((operatorFixture.overview.settings.idle_seconds - 5) * 1000);
  expect(await calls(page)).not.toContain("close_operator_panel");
  await page.clock.runFor(10_000);
  await expect.poll(() => calls(page)).toContain("close_operator_panel");
  await expect(page.getByTestId("pin-pad")).toBeVisible();
});

test("settings saved in the panel apply on the visitor's screen without a restart", async ({ page }) => {
  await page.clock.install();
  await start(page);
  await expect(page.getByTestId("home-exhibitors")).toBeVisible();
  await page.clock.runFor(10_000);
  await expect(page.getByTestId("attract-loop")).toHaveCount(0);
  // What the shell sends after `save_operator_settings`.
  await page.evaluate(() =>
    window.__PAVILION_MOCK__.emit("settings-changed", { idle_seconds: 5, spot: null, language: null, preview: false }),
  );
  await page.clock.runFor(6_000);
  await expect(page.getByTestId("attract-loop")).toBeVisible();
});

test.describe("corner hold on the visitor's screen", () => {
  const opens = async (page: Page) => (await calls(page)).filter((call) => call === "open_operator_panel").length;

  async function visitor(page: Page, options: MockOptions = {}): Promise<void> {
    await page.clock.install();
    await start(page, options);
    await expect(page.getByTestId("home-exhibitors")).toBeVisible();
  }

  test("a five-second hold on the top-left corner opens the panel", async ({ page }) => {
    await visitor(page);
    await page.mouse.move(30, 30);
    await page.mouse.down();
    await page.clock.runFor(HOLD_MS - 100);
    expect(await opens(page)).toBe(0);
    await page.clock.runFor(200);
    await expect.poll(() => opens(page)).toBe(1);
    await page.mouse.up();
  });

  test("a short press, a moving finger or a press elsewhere does not", async ({ page }) => {
    await visitor(page);
    await page.mouse.move(30, 30);
    await page.mouse.down();
    await page.clock.runFor(HOLD_MS / 2);
    await page.mouse.up();
    await page.clock.runFor(HOLD_MS);

    await page.mouse.down();
    await page.mouse.move(30, 80, { steps: 4 });
    await page.clock.runFor(HOLD_MS * 2);
    await page.mouse.up();

    await page.mouse.move(300, 300);
    await page.mouse.down();
    await page.clock.runFor(HOLD_MS * 2);
    await page.mouse.up();
    expect(await opens(page)).toBe(0);
  });

  test("a tap in the corner still reaches what is there; a hold's release does not", async ({ page }) => {
    await visitor(page);
    // Whatever a screen puts in the corner: a button counting its clicks.
    await page.evaluate(() => {
      const button = document.createElement("button");
      button.id = "corner";
      button.style.cssText = "position:fixed;left:0;top:0;width:96px;height:96px;z-index:99";
      button.dataset.clicks = "0";
      button.onclick = () => (button.dataset.clicks = String(Number(button.dataset.clicks) + 1));
      document.body.append(button);
    });
    await page.touchscreen.tap(40, 40);
    await expect(page.locator("#corner")).toHaveAttribute("data-clicks", "1");
    await page.mouse.move(40, 40);
    await page.mouse.down();
    await page.clock.runFor(HOLD_MS + 100);
    await page.mouse.up();
    await expect.poll(() => opens(page)).toBe(1);
    await expect(page.locator("#corner")).toHaveAttribute("data-clicks", "1");
    await page.touchscreen.tap(40, 40);
    await expect(page.locator("#corner")).toHaveAttribute("data-clicks", "2");
  });

  test("a kiosk with no PIN answers an error, and the visitor sees nothing of it", async ({ page }) => {
    await visitor(page, { failures: { open_operator_panel: { code: "no_pin", message: "no operator PIN is set" } } });
    await page.mouse.move(30, 30);
    await page.mouse.down();
    await page.clock.runFor(HOLD_MS + 100);
    await page.mouse.up();
    await expect.poll(() => opens(page)).toBe(1);
    await expect(page.getByTestId("home-exhibitors")).toBeVisible();
    await expect(page.getByTestId("error-screen")).toHaveCount(0);
  });
});
