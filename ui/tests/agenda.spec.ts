// The agenda and a session's page, on a portrait and a landscape screen,
// against the mocked shell answering from tests/fixtures/synth.json (a
// small synthetic fair with sessions and speakers; the demo pack has
// none). The device clock is mocked (`page.clock`) and its zone is New
// York, so times must come out in the event's zone, not the device's.
// Sessions and speakers found by search, and a speaker's page. Also the
// unit tests of `src/lib/ics.ts`, the session QR code's text.

import { expect, test, type Page } from "@playwright/test";
import { byDay, clockTime, dayOf } from "../src/lib/agenda";
import { fold, ics, MAX_DESCRIPTION } from "../src/lib/ics";
import { strings } from "../src/lib/i18n";
import { say, snap, typeKeys } from "./helpers";
import { loadFixture, mockShell, type Fixture } from "./tauri-mock";

const synth = loadFixture("synth");
const zone = synth.get_home.event.timezone;
const [first, second] = synth.get_home.pack.languages as [string, string];
const days = byDay(synth.list_sessions, zone);
/** The day with the most sessions, and its sessions. */
const [busyDay, busy] = [...days].sort((a, b) => b[1].length - a[1].length)[0]!;

test.use({ timezoneId: "America/New_York" });

/** The kiosk on the synthetic fair; with `at`, its clock starts there (and
 * the visit never times out while a test moves the clock on by hours). */
async function open(page: Page, data: Fixture = synth, at?: number): Promise<void> {
  if (at !== undefined) await page.clock.install({ time: at });
  await mockShell(page, data, at === undefined ? {} : { settings: { idle_seconds: 24 * 3600 } });
  await page.goto("/");
  await expect(page.getByTestId("home-agenda")).toBeVisible();
}

/** The session ids the agenda shows, in order. */
const shownSessions = (page: Page) =>
  page
    .locator('[data-testid="agenda-sessions"] [data-testid^="session-"]')
    .evaluateAll((all) => all.map((card) => card.getAttribute("data-testid")!.slice("session-".length)));

test.describe("ics", () => {
  const entry = {
    uid: "t1@synth",
    starts: "2026-07-08T09:00:00+08:00",
    ends: "2026-07-08T09:45:00+08:00",
    stamp: "2021-07-05T10:00:00+08:00",
    title: "Forum; AI, robots\\more",
    location: "Room 3",
    description: "Line one\nLine two",
  };

  test("an .ics is one VEVENT in UTC, CRLF lines, RFC 5545 escaping", () => {
    expect(ics(entry)).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pavilion//Kiosk//EN",
        "BEGIN:VEVENT",
        "UID:t1@synth",
        "DTSTAMP:20210705T020000Z",
        "DTSTART:20260708T010000Z",
        "DTEND:20260708T014500Z",
        "SUMMARY:Forum\\; AI\\, robots\\\\more",
        "LOCATION:Room 3",
        "DESCRIPTION:Line one\\nLine two",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });

  test("an .ics leaves out what a session lacks and cuts a long description", () => {
    const bare = ics({ ...entry, location: null, description: null });
    expect(bare).not.toContain("LOCATION");
    expect(bare).not.toContain("DESCRIPTION");
    const long = ics({ ...entry, description: "字".repeat(MAX_DESCRIPTION * 2) });
    const unfolded = long.replace(/\r\n /g, "");
    expect(unfolded).toContain(`DESCRIPTION:${"字".repeat(MAX_DESCRIPTION - 1)}…\r\n`);
  });

  test("an .ics folds lines at 75 octets, never inside a character", () => {
    const text = ics({ ...entry, title: "人工智能".repeat(30), description: "a".repeat(150) });
    const encoder = new TextEncoder();
    for (const line of text.split("\r\n")) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n /g, "")).toContain(`SUMMARY:${"人工智能".repeat(30)}\r\n`);
    expect(fold("x".repeat(75))).toBe("x".repeat(75));
    expect(fold("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    // Three-octet characters: 25 fill the first line exactly.
    expect(fold("字".repeat(26))).toBe(`${"字".repeat(25)}\r\n 字`);
  });
});

test("home offers the agenda and the map only when the pack has them", async ({ page }, info) => {
  await open(page);
  await expect(page.getByTestId("home-agenda")).toContainText(String(synth.list_sessions.length));
  await expect(page.getByTestId("home-map")).toContainText(String(synth.list_halls.length));
  // Five doors, all big and all on the first screen.
  for (const door of ["home-news", "home-parks", "home-exhibitors", "home-agenda", "home-map"]) {
    await expect(page.getByTestId(door)).toBeInViewport({ ratio: 1 });
    expect((await page.getByTestId(door).boundingBox())!.height).toBeGreaterThanOrEqual(128);
  }
  await snap(page, info, `home-synth-${first}`);
  const demo = loadFixture("demo");
  await page.evaluate((data) => (window.__PAVILION_MOCK__.data = data), demo);
  await page.evaluate(() => window.__PAVILION_MOCK__.emit("pack-changed", {}));
  await expect(page.getByTestId("event-name")).toHaveText(say(demo.get_home.event.name, first));
  await expect(page.getByTestId("home-agenda")).toHaveCount(0);
  await expect(page.getByTestId("home-map")).toHaveCount(0);
});

test("the agenda: days of the event, today's first, now and next by the clock, in the event's time", async (
  { page },
  info,
) => {
  expect(busy.length, "the synthetic fixture has a day with two sessions").toBeGreaterThanOrEqual(2);
  const [running] = busy;
  // Ten minutes into the day's first session, by a clock in another zone.
  await open(page, synth, Date.parse(running!.starts) + 10 * 60_000);
  await page.getByTestId("home-agenda").tap();

  for (const day of days.keys()) await expect(page.getByTestId(`agenda-day-${day}`)).toBeVisible();
  await expect(page.getByTestId(`agenda-day-${busyDay}`)).toHaveAttribute("aria-pressed", "true");
  expect(await shownSessions(page)).toEqual(busy.map((session) => session.id));
  const card = page.getByTestId(`session-${running!.id}`);
  await expect(card).toContainText(clockTime(running!.starts, zone));
  await expect(page.locator(`[data-state="now"]`)).toContainText(say(running!.title, first));
  await expect(page.locator(`[data-state="now"]`)).toContainText(strings(first).now);
  const soonest = Math.min(
    ...synth.list_sessions.map((s) => Date.parse(s.starts)).filter((t) => t > Date.parse(running!.starts)),
  );
  const next = synth.list_sessions.filter((s) => Date.parse(s.starts) === soonest).map((s) => s.id);
  for (const id of next) await expect(page.locator(`[data-state="next"]`).getByTestId(`session-${id}`)).toBeVisible();
  await snap(page, info, `agenda-${first}`);

  // When the session ends, the mark moves on (the screen checks every 30 s).
  await page.clock.runFor(60 * 60_000);
  await expect(page.locator(`[data-state="now"] [data-testid="session-${running!.id}"]`)).toHaveCount(0);

  // Another day, in order; the choice survives a visit to a session and Back.
  const other = [...days.keys()].find((day) => day !== busyDay)!;
  await page.getByTestId(`agenda-day-${other}`).tap();
  expect(await shownSessions(page)).toEqual(days.get(other)!.map((session) => session.id));
  await page.getByTestId("language-toggle").tap();
  await snap(page, info, `agenda-${second}`);
  await page.getByTestId(`session-${days.get(other)![0]!.id}`).tap();
  await expect(page.getByTestId("session-detail")).toBeVisible();
  await page.getByTestId("back").tap();
  await expect(page.getByTestId(`agenda-day-${other}`)).toHaveAttribute("aria-pressed", "true");
});

test("before the event the agenda opens on its first day", async ({ page }) => {
  await open(page, synth, Date.parse("2020-01-01T00:00:00Z"));
  await page.getByTestId("home-agenda").tap();
  const firstDay = [...days.keys()][0]!;
  await expect(page.getByTestId(`agenda-day-${firstDay}`)).toHaveAttribute("aria-pressed", "true");
  // Everything is ahead: the earliest session is next, none is running.
  await expect(page.locator('[data-state="now"]')).toHaveCount(0);
  await expect(page.locator('[data-state="next"]').first()).toContainText(say(synth.list_sessions[0]!.title, first));
});

test("a session's page: time, room, track, description, speakers, and its .ics QR code", async ({ page }, info) => {
  const session = Object.values(synth.sessions).find((s) => s.speakers.some((speaker) => speaker.exhibitor))!;
  const linked = session.speakers.find((speaker) => speaker.exhibitor)!;
  await open(page);
  await page.getByTestId("home-agenda").tap();
  await page.getByTestId(`agenda-day-${dayOf(session.starts, zone)}`).tap();
  await page.getByTestId(`session-${session.id}`).tap();

  const detail = page.getByTestId("session-detail");
  await expect(detail.getByTestId("detail-title")).toHaveText(say(session.title, first));
  await expect(detail).toContainText(`${clockTime(session.starts, zone)}–${clockTime(session.ends, zone)}`);
  await expect(detail).toContainText(say(session.room, first));
  await expect(detail).toContainText(say(session.track, first));
  // A pack's room already names itself ("Room 8", "8号会议室"): the label
  // before it must not say "Room" again.
  await expect(detail).not.toContainText(/Room\s+Room|会议室\s*\d+号会议室/);
  for (const speaker of session.speakers) {
    const card = page.getByTestId(`speaker-${speaker.id}`);
    await expect(card).toContainText(say(speaker.name, first));
    await expect(card).toContainText(say(speaker.organization, first));
  }
  const order = await page
    .locator('[data-testid^="speaker-"]:not([data-testid^="speaker-exhibitor"])')
    .evaluateAll((all) => all.map((card) => card.getAttribute("data-testid")));
  expect(order).toEqual(session.speakers.map((speaker) => `speaker-${speaker.id}`));

  const qr = page.getByTestId("qr-code");
  const text = (await qr.getAttribute("data-qr-text"))!;
  expect(text).toContain(`UID:${session.id}@${synth.get_home.pack.pack}\r\n`);
  expect(text).toContain(`DTSTART:${new Date(session.starts).toISOString().replace(/[-:]|\.\d{3}/g, "")}\r\n`);
  expect(text).toContain(`LOCATION:${say(session.room, first)}\r\n`);
  expect(text.replace(/\r\n /g, "")).toMatch(/\r\nDESCRIPTION:[^<>*\r\n]+\r\n/);
  await snap(page, info, `session-${first}`);
  await qr.scrollIntoViewIfNeeded();
  await snap(page, info, `session-qr-${first}`);
  await page.getByTestId("language-toggle").tap();
  await expect(qr).toHaveAttribute("data-qr-text", new RegExp(`SUMMARY:${say(session.title, second)}`));
  await snap(page, info, `session-${second}`);

  await page.getByTestId(`speaker-exhibitor-${linked.exhibitor}`).tap();
  await expect(page.getByTestId("exhibitor-detail").getByTestId("detail-title")).toHaveText(
    say(synth.exhibitors[linked.exhibitor!]!.name, second),
  );
});

test("an attract slide that links to a session opens it", async ({ page }) => {
  const data = structuredClone(synth);
  const session = data.list_sessions[0]!;
  data.list_slides = [{ ...data.list_slides[0]!, link: { kind: "session", id: session.id }, seconds: 30 }];
  await mockShell(page, data, { settings: { idle_seconds: 1.5 } });
  await page.goto("/");
  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 5000 });
  await page.getByTestId("attract-open").tap();
  await expect(page.getByTestId("session-detail").getByTestId("detail-title")).toHaveText(say(session.title, first));
});

test("after idle the agenda forgets the day a visitor picked", async ({ page }) => {
  // The real clock (after the event): the default day is the first.
  const firstDay = [...days.keys()][0]!;
  const last = [...days.keys()].at(-1)!;
  // Slides without links: a touch on the attract loop starts at home.
  const data = structuredClone(synth);
  for (const slide of data.list_slides) slide.link = null;
  await mockShell(page, data, { settings: { idle_seconds: 1.5 } });
  await page.goto("/");
  await page.getByTestId("home-agenda").tap();
  await page.getByTestId(`agenda-day-${last}`).tap();
  await expect(page.getByTestId("attract-loop")).toBeVisible({ timeout: 5000 });
  await page.getByTestId("attract-loop").tap();
  await page.getByTestId("home-agenda").tap();
  await expect(page.getByTestId(`agenda-day-${firstDay}`)).toHaveAttribute("aria-pressed", "true");
});

/** The search screen in English, so the keys type words, not pinyin. */
async function searchInEnglish(page: Page): Promise<void> {
  await open(page);
  await page.getByTestId("language-toggle").tap();
  await page.getByTestId("home-search").tap();
}

test("search finds a session, labelled as one, and opens its page", async ({ page }) => {
  const session = synth.list_sessions[0]!;
  await searchInEnglish(page);

  await typeKeys(page, say(session.title, second).split(" ")[0]!);
  const sessionHit = page.getByTestId(`search-hit-session-${session.id}`);
  await expect(sessionHit).toContainText(strings(second).kindSession);
  await expect(sessionHit).toContainText(say(session.track, second));
  await page.getByTestId("language-toggle").tap();
  await expect(sessionHit).toContainText(strings(first).kindSession);
  await expect(sessionHit).toContainText(say(session.title, first));
  await page.getByTestId("language-toggle").tap();
  await sessionHit.tap();
  await expect(page.getByTestId("session-detail").getByTestId("detail-title")).toHaveText(say(session.title, second));
});

test("search finds a speaker, labelled as one, whose page lists their sessions, each a tap away", async ({
  page,
}, info) => {
  // The speaker with the most sessions.
  const [speakerId, profile] = Object.entries(synth.speakers).sort(
    (a, b) => b[1].sessions.length - a[1].sessions.length,
  )[0]!;
  expect(profile.sessions.length).toBeGreaterThan(1);
  await searchInEnglish(page);
  await typeKeys(page, say(profile.speaker.name, second));
  const speakerHit = page.getByTestId(`search-hit-speaker-${speakerId}`);
  await expect(speakerHit).toContainText(strings(second).kindSpeaker);
  await expect(speakerHit).toContainText(say(profile.speaker.organization, second));
  await page.getByTestId("language-toggle").tap();
  await expect(speakerHit).toContainText(strings(first).kindSpeaker);
  await expect(speakerHit).toContainText(say(profile.speaker.name, first));
  await snap(page, info, "search-speaker");
  await speakerHit.tap();

  const detail = page.getByTestId("speaker-detail");
  await expect(detail.getByTestId(`speaker-${speakerId}`)).toContainText(say(profile.speaker.name, first));
  await expect(detail).toContainText(strings(first).speakerSessions);
  const cards = detail.locator('[data-testid^="session-"]');
  await expect(cards).toHaveCount(profile.sessions.length);
  expect(await cards.evaluateAll((all) => all.map((card) => card.getAttribute("data-testid")))).toEqual(
    profile.sessions.map((session) => `session-${session.id}`),
  );
  await snap(page, info, "speaker");
  // Each session is a tap away, and Back returns to the speaker.
  const last = profile.sessions.at(-1)!;
  await detail.getByTestId(`session-${last.id}`).tap();
  await expect(page.getByTestId("session-detail").getByTestId("detail-title")).toHaveText(say(last.title, first));
  await page.getByTestId("back").tap();
  await expect(detail).toBeVisible();
});
