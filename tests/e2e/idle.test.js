// A visitor walks away: after the booth's idle time (its settings.json) the
// real kiosk resets the visit and plays the attract loop; a touch starts the
// next visit at home, in the default language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { packLanguages, startKiosk } from './kiosk.js';

/** Short enough for a test, long enough that the taps below never trip it. */
const IDLE_SECONDS = 6;

let kiosk;

before(async () => {
  kiosk = await startKiosk({ settings: { idle_seconds: IDLE_SECONDS } });
});

after(async () => {
  await kiosk?.stop();
});

test('after the idle time the visit resets and the attract loop plays; a touch starts afresh', async () => {
  const defaultLanguage = packLanguages[0];
  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.tap('language-toggle');
  await kiosk.until(async () => (await kiosk.pageLanguage()) !== defaultLanguage, 'the visitor switched language');

  const left = Date.now();
  const loop = await kiosk.element('attract-loop');
  const waited = (Date.now() - left) / 1000;
  assert.ok(waited >= IDLE_SECONDS - 2, `the loop waited for the idle time (${waited.toFixed(1)} s)`);
  await kiosk.until(async () => (await loop.getAttribute('data-slides')) !== '0', 'the pack slides are loaded');
  await kiosk.element('attract-slide');
  await kiosk.screenshot('attract');
  assert.equal(await kiosk.pageLanguage(), defaultLanguage, 'the language is back to the default');

  // A touch starts the next visit at home, whatever the slide on show links
  // to (its own button opens that: tests/e2e/reach.test.js).
  await kiosk.tap('attract-loop');
  await kiosk.until(async () => !(await kiosk.has('attract-loop')), 'the loop ends on a touch');
  await kiosk.element('home-exhibitors');
  assert.equal(await kiosk.has('exhibitor-detail'), false, "the last visitor's page is gone");
});
