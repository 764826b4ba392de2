// The venue map and the directory's filters, on a portrait and a landscape
// screen, against the mocked shell answering from tests/fixtures/synth.json
// (a synthetic fair with hall plans; the demo pack has none): the hall a
// map opens on, "you are here" from the booth's settings, an exhibitor's
// stand highlighted, a tap on a stand, pinch-zoom and pan by pointer
// events, and category and hall chips narrowing the A–Z list.

import { expect, test, type Locator, type Page } from "@playwright/test";
import { strings } from "../src/lib/i18n";
import { say, snap } from "./helpers";
import { loadFixture, mockShell, type MockOptions } from "./tauri-mock";

const synth = loadFixture("synth");
const [first, second] = synth.get_home.pack.languages as [string, string];
const halls = synth.list_halls;
/** A spot in a hall other than the first, so "opens on the spot's hall" shows. */
const spot = Object.values(synth.spots).find((s) => s.hall !== halls[0]!.id)!;

async function open(page: Page, options: MockOptions = {}, data = synth): Promise<void> {
  await mockShell(page, data, options);
  await page.goto("/");
  await expect(page.getByTestId("home-map")).toBeVisible();
}

/** The plan's CSS transform as numbers. */
async function transform(page: Page): Promise<{ scale: number; x: number; y: number }> {
  return page.getByTestId("hall-plan").evaluate((plan) => {
    const m = new DOMMatrix(getComputedStyle(plan).transform);
    return { scale: m.a, x: m.e, y: m.f };
  });
}

/** Pointer events as fingers make them: `tracks` is one list of points per
 * finger, all moving together, in px relative to the map's centre. */
async function gesture(map: Locator, tracks: { x: number; y: number }[][]): Promise<void> {
  await map.evaluate((element, tracks) => {
    const box = element.getBoundingClientRect();
    const at = (p: { x: number; y: number }) => ({
      clientX: box.left + box.width / 2 + p.x,
      clientY: box.top + box.height / 2 + p.y,
    });
    const fire = (type: string, finger: number, p: { x: number; y: number }) =>
      element.dispatchEvent(
        new PointerEvent(type, { pointerId: finger + 1, pointerType: "touch", bubbles: true, isPrimary: finger === 0, ...at(p) }),
      );
    tracks.forEach((track, finger) => fire("pointerdown", finger, track[0]!));
    for (let step = 1; step < tracks[0]!.length; step++) {
      tracks.forEach((track, finger) => fire("pointermove", finger, track[step]!));
    }
    tracks.forEach((track, finger) => fire("pointerup", finger, track.at(-1)!));
  }, tracks);
}

test("the map opens on the kiosk's own hall with 'you are here'; other halls from chips", async ({ page }, info) => {
  await open(page, { settings: { spot: spot.id } });
  await page.getByTestId("home-map").tap();
  const map = page.getByTestId("venue-map");
  await expect(map).toBeVisible();
  await expect(page.getByTestId(`hall-${spot.hall}`)).toHaveAttribute("aria-pressed", "true");
  const here = page.getByTestId("you-are-here");
  await expect(here).toHaveAttribute("data-spot", spot.id);
  await expect(page.getByText(strings(first).youAreHere)).toBeVisible();
  // The marker is where the spot is on the plan.
  const hall = synth.halls[spot.hall]!;
  const [mapBox, hereBox] = [(await map.boundingBox())!, (await here.locator(".dot").boundingBox())!];
  const fit = Math.min(mapBox.width / hall.width, mapBox.height / hall.height);
  const left = mapBox.x + (mapBox.width - hall.width * fit) / 2;
  expect(Math.abs(hereBox.x + hereBox.width / 2 - (left + spot.x * fit))).toBeLessThan(3);
  // The map is the only thing that takes gestures; the page never zooms.
  expect(await map.evaluate((element) => getComputedStyle(element).touchAction)).toBe("none");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).touchAction)).toBe("manipulation");
  await snap(page, info, `map-${first}`);

  await page.getByTestId(`hall-${halls[0]!.id}`).tap();
  await expect(page.getByTestId(`hall-${halls[0]!.id}`)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("you-are-here")).toHaveCount(0);
  // A hall chosen replaces the map: Back is home.
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("home-map")).toBeVisible();
});

test("without a spot the map opens on the first hall, with no marker", async ({ page }) => {
  await open(page);
  await page.getByTestId("home-map").tap();
  await expect(page.getByTestId(`hall-${halls[0]!.id}`)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("venue-map")).toBeVisible();
  await expect(page.getByTestId("you-are-here")).toHaveCount(0);
});

test("an exhibitor's 'show on map' highlights its stand; a tap on a stand opens who is there", async ({ page }, info) => {
  const exhibitor = synth.list_exhibitors[first]!.find((e) => e.booth && e.booth.hall !== halls[0]!.id)!;
  const booth = exhibitor.booth!;
  await open(page, { settings: { spot: spot.id } });
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("filter-hall-" + booth.hall).tap();
  await page.getByTestId(`exhibitor-${exhibitor.id}`).tap();
  await page.getByTestId("language-toggle").tap();
  await page.getByTestId("show-on-map").tap();
  await expect(page.getByTestId(`hall-${booth.hall}`)).toHaveAttribute("aria-pressed", "true");
  const stand = page.getByTestId(`stand-${booth.hall}-${booth.stand}`);
  await expect(stand).toHaveAttribute("data-highlighted", "true");
  await expect(page.locator('[data-highlighted="true"]')).toHaveCount(1);
  await snap(page, info, `map-highlight-${second}`);

  // A stand with one exhibitor opens its page (from the whole hall).
  await page.getByTestId("map-reset").tap();
  const neighbour = synth.halls[booth.hall]!.stands.find((s) => s.id !== booth.stand)!;
  const [neighbourId] = synth.stand_exhibitors[`${booth.hall}/${neighbour.id}`]!;
  await page.getByTestId(`stand-${booth.hall}-${neighbour.id}`).tap();
  await expect(page.getByTestId("exhibitor-detail").getByTestId("detail-title")).toHaveText(
    say(synth.exhibitors[neighbourId!]!.name, second),
  );
  await page.getByTestId("back").tap();
  await expect(page.getByTestId("venue-map")).toBeVisible();
});

test("a stand shared by two exhibitors lists both", async ({ page }, info) => {
  const data = structuredClone(synth);
  const hall = halls[0]!.id;
  const stand = data.halls[hall]!.stands[0]!.id;
  const shared = [data.list_exhibitors[first]![1]!.id, data.list_exhibitors[first]![2]!.id];
  data.stand_exhibitors[`${hall}/${stand}`] = shared;
  await open(page, {}, data);
  await page.getByTestId("home-map").tap();
  await page.getByTestId(`stand-${hall}-${stand}`).tap();
  const list = page.getByTestId("stand-detail");
  for (const id of shared) await expect(list.getByTestId(`exhibitor-${id}`)).toBeVisible();
  await snap(page, info, "stand-shared");
});

test("pinch zooms about the fingers, one finger pans, clamped; reset shows the whole hall", async ({ page }, info) => {
  await open(page);
  await page.getByTestId("home-map").tap();
  const map = page.getByTestId("venue-map");
  await expect(map).toBeVisible();
  const fitted = await transform(page);
  expect(fitted.scale).toBe(1);

  // Two fingers spread from 100 px apart to 300 px: three times closer.
  const steps = (from: number, to: number) => Array.from({ length: 6 }, (_, i) => from + ((to - from) * i) / 5);
  await gesture(map, [
    steps(-50, -150).map((x) => ({ x, y: 0 })),
    steps(50, 150).map((x) => ({ x, y: 0 })),
  ]);
  const zoomed = await transform(page);
  expect(zoomed.scale).toBeCloseTo(3, 1);
  await snap(page, info, "map-zoomed");

  // One finger drags the plan right and down.
  await gesture(map, [steps(0, 80).map((d) => ({ x: d, y: d }))]);
  const panned = await transform(page);
  // (On an axis where the zoomed plan still fits, it stays centred.)
  expect(panned.x + panned.y).toBeGreaterThan(zoomed.x + zoomed.y);
  expect(panned.scale).toBe(zoomed.scale);

  // Dragging far never takes the plan off the screen.
  await gesture(map, [steps(0, 5000).map((x) => ({ x, y: 0 }))]);
  const clamped = await transform(page);
  expect(clamped.x).toBeLessThanOrEqual(Math.max(0, panned.x));
  // A drag is not a tap on a stand.
  await expect(page.getByTestId("venue-map")).toBeVisible();

  // Pinching in never zooms out past the whole plan.
  await gesture(map, [steps(-300, -5).map((x) => ({ x, y: 0 })), steps(300, 5).map((x) => ({ x, y: 0 }))]);
  expect((await transform(page)).scale).toBe(1);

  await gesture(map, [steps(-50, -150).map((x) => ({ x, y: 0 })), steps(50, 150).map((x) => ({ x, y: 0 }))]);
  await page.getByTestId("map-reset").tap();
  expect(await transform(page)).toEqual(fitted);
});

test("category and hall chips narrow the directory; the visit's end clears them", async ({ page }, info) => {
  const category = synth.get_home.categories.find((c) => synth.list_exhibitors[first]!.some((e) => e.categories.includes(c.id)))!;
  const hall = halls[1]!.id;
  const expected = synth.list_exhibitors[first]!.filter((e) => e.categories.includes(category.id) && e.booth?.hall === hall);
  expect(expected.length).toBeGreaterThan(0);
  // Slides without links: a touch on the attract loop starts at home.
  const data = structuredClone(synth);
  for (const slide of data.list_slides) slide.link = null;
  await open(page, { settings: { idle_seconds: 4 } }, data);
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId(`filter-category-${category.id}`).tap();
  await page.getByTestId(`filter-hall-${hall}`).tap();
  await expect(page.getByTestId(`filter-hall-${hall}`)).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("h1 + .count")).toHaveText(strings(first).exhibitorsCount(expected.length));
  const rows = page.locator('[data-testid="directory"] [data-testid^="exhibitor-"]');
  await expect(rows.first()).toHaveAttribute("data-testid", `exhibitor-${expected[0]!.id}`);
  for (const id of await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-testid")!.slice("exhibitor-".length)))) {
    expect(expected.map((e) => e.id)).toContain(id);
  }
  await snap(page, info, `filters-${first}`);
  await page.getByTestId("language-toggle").tap();
  await snap(page, info, `filters-${second}`);

  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 8000 });
  await page.getByTestId("attract-loop").tap();
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("filter-category-all")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("filter-hall-all")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("h1 + .count")).toHaveText(strings(first).exhibitorsCount(synth.list_exhibitors[first]!.length));
});

test("the new screens in larger text, high contrast and reach mode", async ({ page }, info) => {
  await open(page, { settings: { spot: spot.id } });
  await page.getByTestId("a11y-toggle").tap();
  await page.getByTestId("a11y-large-text").tap();
  await page.getByTestId("a11y-high-contrast").tap();
  await page.getByTestId("a11y-reach").tap();
  await page.getByTestId("a11y-done").tap();
  await page.getByTestId("home-map").tap();
  await expect(page.getByTestId("you-are-here")).toBeVisible();
  const reset = await page.getByTestId("map-reset").boundingBox();
  expect(reset!.height).toBeGreaterThanOrEqual(64);
  await snap(page, info, "a11y-map");
  await page.getByTestId("home").tap();
  await page.getByTestId("home-agenda").tap();
  await page.getByTestId(`session-${synth.list_sessions[0]!.id}`).waitFor();
  await snap(page, info, "a11y-agenda");
});

test("'you are here' stays whole on the map when the kiosk stands at the plan's edge or corner", async ({ page }, info) => {
  const hall = synth.halls[halls[0]!.id]!;
  // The fixture's entrance is the plan's top-left corner; add spots on the
  // other corners, where a label beside the marker would leave the map.
  const corners = [
    { id: "edge-top-left", x: 0, y: 0 },
    { id: "edge-top-right", x: hall.width, y: 0 },
    { id: "edge-bottom-right", x: hall.width, y: hall.height },
  ].map((corner) => ({ ...corner, hall: hall.id, name: { en: corner.id, zh: corner.id } }));
  const data = structuredClone(synth);
  for (const corner of corners) data.spots[corner.id] = corner;

  for (const corner of corners) {
    await open(page, { settings: { spot: corner.id } }, data);
    await page.getByTestId("home-map").tap();
    const map = page.getByTestId("venue-map");
    const label = page.getByText(strings(first).youAreHere);
    await expect(label).toBeVisible();
    const [mapBox, labelBox, dotBox] = [
      (await map.boundingBox())!,
      (await label.boundingBox())!,
      (await page.getByTestId("you-are-here").locator(".dot").boundingBox())!,
    ];
    expect(labelBox.x).toBeGreaterThanOrEqual(mapBox.x);
    expect(labelBox.y).toBeGreaterThanOrEqual(mapBox.y);
    expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(mapBox.x + mapBox.width);
    expect(labelBox.y + labelBox.height).toBeLessThanOrEqual(mapBox.y + mapBox.height);
    // Beside the marker, not over it.
    const overlaps =
      labelBox.x < dotBox.x + dotBox.width &&
      dotBox.x < labelBox.x + labelBox.width &&
      labelBox.y < dotBox.y + dotBox.height &&
      dotBox.y < labelBox.y + labelBox.height;
    expect(overlaps, corner.id).toBe(false);
    await snap(page, info, `map-here-${corner.id}`);
  }
});

test("a booth's hall is named as the map names it, never by its id, in both languages", async ({ page }) => {
  const data = structuredClone(synth);
  const hall = halls[0]!;
  const stand = data.halls[hall.id]!.stands[0]!.id;
  const shared = [data.list_exhibitors[first]![1]!.id, data.list_exhibitors[first]![2]!.id];
  data.stand_exhibitors[`${hall.id}/${stand}`] = shared;
  const exhibitor = data.list_exhibitors[first]!.find((e) => e.booth)!;
  const name = (id: string, lang: string) => say(halls.find((h) => h.id === id)!.name, lang);
  /** Some text on screen that reads like a hall id ("h1", "Hall h2"). */
  const ids = () =>
    page
      .locator("main")
      .evaluate(
        (main, ids) => ids.filter((id) => new RegExp(`(^|\\s)${id}(\\s|$)`).test((main as HTMLElement).innerText)),
        halls.map((h) => h.id),
      );
  await open(page, {}, data);
  for (const lang of [first, second]) {
    if (lang === second) await page.getByTestId("language-toggle").tap();
    await page.getByTestId("home-exhibitors").tap();
    await expect(page.getByTestId(`exhibitor-${exhibitor.id}`)).toContainText(name(exhibitor.booth!.hall, lang));
    expect(await ids()).toEqual([]);
    await page.getByTestId(`exhibitor-${exhibitor.id}`).tap();
    await expect(page.getByTestId("exhibitor-detail").getByTestId("booth-hall")).toHaveText(name(exhibitor.booth!.hall, lang));
    expect(await ids()).toEqual([]);
    await page.getByTestId("home").tap();
    await page.getByTestId("home-map").tap();
    await page.getByTestId(`stand-${hall.id}-${stand}`).tap();
    await expect(page.getByTestId("stand-detail").locator("h1")).toHaveText(strings(lang).standExhibitors(name(hall.id, lang), stand));
    expect(await ids()).toEqual([]);
    await page.getByTestId("home").tap();
  }
});

test("filters reset when the visit goes home, by Home or by Back", async ({ page }) => {
  const category = synth.get_home.categories[0]!;
  const hall = halls[1]!.id;
  await open(page);
  for (const way of ["home", "back"]) {
    await page.getByTestId("home-exhibitors").tap();
    await page.getByTestId(`filter-category-${category.id}`).tap();
    await page.getByTestId(`filter-hall-${hall}`).tap();
    await expect(page.getByTestId(`filter-hall-${hall}`)).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId(way).tap();
    await expect(page.getByTestId("home-exhibitors")).toBeVisible();
    await page.getByTestId("home-exhibitors").tap();
    await expect(page.getByTestId("filter-category-all")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("filter-hall-all")).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("h1 + .count")).toHaveText(strings(first).exhibitorsCount(synth.list_exhibitors[first]!.length));
    await page.getByTestId("home").tap();
  }
});

test("an active filter stays on screen after a jump, and clears with a tap", async ({ page }, info) => {
  const category = synth.get_home.categories.find((c) => synth.list_exhibitors[first]!.some((e) => e.categories.includes(c.id)))!;
  await open(page);
  await page.getByTestId("home-exhibitors").tap();
  await expect(page.getByTestId("active-filters")).toBeHidden();
  await page.getByTestId(`filter-category-${category.id}`).tap();
  const active = page.getByTestId("active-filters");
  await expect(active).toContainText(say(category.name, first));
  const letter = (await page.locator('[data-testid^="az-"]:not(.absent)').last().getAttribute("data-letter"))!;
  await page.locator(`[data-testid="az-${letter}"]`).tap();
  await expect(page.getByTestId(`filter-category-${category.id}`)).not.toBeInViewport();
  await expect(active).toBeInViewport();
  // The letter jumped to shows below the line, not under it.
  const heading = page.locator('[data-testid="directory"] h2.letter', { hasText: new RegExp(`^\\s*${letter}\\s*$`) });
  const line = (await active.boundingBox())!;
  const box = (await heading.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(line.y + line.height - 1);
  await snap(page, info, "filter-active-after-jump");
  await page.getByTestId("clear-filter-category").tap();
  await expect(page.locator("h1 + .count")).toHaveText(strings(first).exhibitorsCount(synth.list_exhibitors[first]!.length));
  await expect(active).toBeHidden();
});

test("a fair with many halls picks one from a compact picker", async ({ page }, info) => {
  const data = structuredClone(synth);
  for (let n = 7; n <= 300; n++) data.list_halls.push({ id: `h${n}`, name: { zh: `${n}号馆`, en: `Hall ${n}` } });
  const exhibitor = data.list_exhibitors[first]!.find((e) => e.booth?.hall === "h2")!;
  await open(page, {}, data);
  await page.getByTestId("home-exhibitors").tap();
  // No strip of hundreds of chips: one button.
  await expect(page.getByTestId("filter-hall-picker")).toBeVisible();
  await expect(page.locator('[data-testid^="filter-hall-h"]')).toHaveCount(0);
  await page.getByTestId("filter-hall-picker").tap();
  await expect(page.getByTestId("hall-picker")).toBeVisible();
  await snap(page, info, "hall-picker");
  await page.getByTestId("filter-hall-h2").tap();
  await expect(page.getByTestId("hall-picker")).toHaveCount(0);
  await expect(page.getByTestId("filter-hall-picker")).toContainText(say(data.list_halls[1]!.name, first));
  await expect(page.getByTestId(`exhibitor-${exhibitor.id}`)).toBeVisible();
  await expect(page.getByTestId("active-filters")).toContainText(say(data.list_halls[1]!.name, first));
  await page.getByTestId("clear-filter-hall").tap();
  await expect(page.getByTestId("filter-hall-picker")).toContainText(strings(first).allHalls);
});

test("'show on map' zooms to the stand, names it, and draws the way from 'you are here'", async ({ page }, info) => {
  const exhibitor = synth.list_exhibitors[first]!.find((e) => e.booth?.hall === spot.hall)!;
  const booth = exhibitor.booth!;
  await open(page, { settings: { spot: spot.id } });
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("filter-hall-" + booth.hall).tap();
  await page.getByTestId(`exhibitor-${exhibitor.id}`).tap();
  await page.getByTestId("show-on-map").tap();
  const map = (await page.getByTestId("venue-map").boundingBox())!;
  const stand = page.getByTestId(`stand-${booth.hall}-${booth.stand}`);
  await expect(stand).toHaveAttribute("data-highlighted", "true");
  await expect.poll(async () => (await transform(page)).scale).toBeGreaterThan(1);
  const box = (await stand.locator("rect").boundingBox())!;
  // Zoomed: the stand wholly on the map.
  expect(box.x).toBeGreaterThanOrEqual(map.x - 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(map.x + map.width + 0.5);
  expect(box.y).toBeGreaterThanOrEqual(map.y - 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(map.y + map.height + 0.5);
  await expect(page.getByTestId("stand-label")).toHaveText(say(exhibitor.name, first));
  await expect(page.getByTestId("route")).toHaveCount(1);
  await expect(page.getByTestId("you-are-here")).toBeInViewport();
  await snap(page, info, "map-route");
  // The whole hall again, on request: the stand was drawn larger than that
  // (as large as the way from "you are here" allows).
  await page.getByTestId("map-reset").tap();
  await expect.poll(async () => (await transform(page)).scale).toBe(1);
  const whole = (await stand.locator("rect").boundingBox())!;
  expect(box.width).toBeGreaterThan(whole.width * 1.05);
});

test("the map fills the screen's height in landscape", async ({ page }) => {
  await open(page);
  await page.getByTestId("home-map").tap();
  const map = (await page.getByTestId("venue-map").boundingBox())!;
  const bar = (await page.locator("nav").boundingBox())!;
  // All but the screen's margins: no title or chips above it, no tools below.
  expect(map.height).toBeGreaterThanOrEqual(bar.y * (test.info().project.name === "landscape" ? 0.85 : 0.6));
});
