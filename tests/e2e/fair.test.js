// A fair with an agenda and a floor plan (a synthetic pack: the demo pack
// has neither), on a kiosk whose settings place it at a spot of the venue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { cli, readPackJson, startKiosk } from './kiosk.js';

let work;
let pack;
let kiosk;
let spot;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'pavilion-fair-'));
  pack = join(work, 'pack');
  execFileSync(cli, ['pack', 'synth', '--exhibitors', '600', '--out', pack], { stdio: 'pipe' });
  const [hall] = readPackJson(pack, 'content/venue.json').halls;
  spot = { hall: hall.id, id: hall.spots[0].id };
  kiosk = await startKiosk({ packs: [pack], settings: { spot: spot.id } });
});

after(async () => {
  await kiosk?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function inBothLanguages(name) {
  const language = await kiosk.pageLanguage(['zh', 'en']);
  await kiosk.screenshot(`${name}-${language}`);
  await kiosk.tap('language-toggle');
  await kiosk.until(async () => (await kiosk.pageLanguage(['zh', 'en'])) !== language, 'the language changes');
  await kiosk.screenshot(`${name}-${language === 'zh' ? 'en' : 'zh'}`);
}

test('the agenda opens a session whose QR code carries a calendar entry', async () => {
  await kiosk.tap('home-agenda');
  await kiosk.element('agenda-sessions');
  // The days are the event's calendar days, whatever this WebKit's ICU
  // makes of a locale's date pattern.
  const days = await kiosk.driver.executeScript(
    'return [...document.querySelectorAll(\'[data-testid^="agenda-day-"]\')].map((chip) => chip.dataset.testid)',
  );
  assert.ok(days.length > 0, 'the agenda has day chips');
  for (const day of days) assert.match(day, /^agenda-day-\d{4}-\d{2}-\d{2}$/);
  await inBothLanguages('agenda');
  const [first] = await kiosk.driver.findElements(By.css('[data-testid="agenda-sessions"] [data-testid^="session-"]'));
  assert.ok(first, 'the agenda lists sessions');
  await first.click();
  await kiosk.element('session-detail');
  const ics = await (await kiosk.element('qr-code')).getAttribute('data-qr-text');
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /\r\nBEGIN:VEVENT\r\n[\s\S]*\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
  await inBothLanguages('session');
});

test("the map opens on the kiosk's own hall, and a stand leads to its exhibitor and back to the map", async () => {
  await kiosk.goHome();
  await kiosk.tap('home-map');
  const here = await kiosk.element('you-are-here');
  assert.equal(await here.getAttribute('data-spot'), spot.id);
  await inBothLanguages('map');

  // A stand in the middle of the hall, clear of the "you are here" marker.
  const inHall = readPackJson(pack, 'content/exhibitors.json').filter((candidate) => candidate.booth?.hall === spot.hall);
  const exhibitor = inHall[Math.floor(inHall.length / 2)];
  const stand = `stand-${exhibitor.booth.hall}-${exhibitor.booth.stand}`;
  await kiosk.tap(stand, 'rect');
  await kiosk.until(async () => (await kiosk.has('exhibitor-detail')) || (await kiosk.has('stand-detail')), 'the stand opens');
  if (await kiosk.has('stand-detail')) await kiosk.tap(`exhibitor-${exhibitor.id}`);
  await kiosk.element('exhibitor-detail');
  await kiosk.tap('show-on-map');
  await kiosk.until(async () => (await (await kiosk.element(stand)).getAttribute('data-highlighted')) === 'true', 'its stand is highlighted');
  await kiosk.screenshot('map-highlight');
});
