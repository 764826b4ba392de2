// A visit in reach mode (for a wheelchair user or a child) on the real kiosk,
// on the demo pack: every control stays in the lower part of the screen, a
// search shows its hit between the field and the keys, the A–Z rail keeps
// fingertip targets, and the attract loop's "Touch to start" leads home.
// Written for the landscape screen, where reach mode is tightest (its
// controls share the lower three quarters with the bar), and run in both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orientation, startKiosk } from './kiosk.js';

let kiosk;
/** The window's height, in CSS px. */
let height;

before(async () => {
  kiosk = await startKiosk({ settings: { idle_seconds: 8 } });
});

after(async () => {
  await kiosk?.stop();
});

/** Boxes of the elements matching `selector`, as the page lays them out. */
async function boxes(selector) {
  return kiosk.driver.executeScript(
    `return [...document.querySelectorAll(arguments[0])]
       .filter((element) => element.getClientRects().length > 0)
       .map((element) => { const r = element.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height, id: element.dataset.testid ?? element.textContent.trim() }; })`,
    selector,
  );
}

const reachable = () => (orientation === 'landscape' ? 0.25 : 0.5) * height;

test('reach mode: every control sits low, search shows its hit above the keys, the rail keeps fingertip targets', async () => {
  height = await kiosk.driver.executeScript('return window.innerHeight');
  await kiosk.tap('a11y-toggle');
  await kiosk.tap('a11y-reach');
  await kiosk.tap('a11y-done');
  await kiosk.until(async () => kiosk.driver.executeScript('return document.documentElement.classList.contains("reach")'), 'reach mode is on');
  for (const button of await boxes('button')) {
    assert.ok(button.top >= reachable() - 1, `${button.id} is within reach (top ${button.top})`);
  }
  await kiosk.screenshot('reach-home');

  await kiosk.tap('nav-search');
  for (const key of ['i', 'b', 'm']) await kiosk.tap(`search-key-${key}`);
  await kiosk.element('search-hit-exhibitor-ibm');
  await kiosk.until(async () => {
    const [hit] = await boxes('[data-testid="search-hit-exhibitor-ibm"]');
    const [results] = await boxes('[data-testid="search-results"]');
    return hit && results && hit.top >= results.top - 1 && hit.bottom <= results.bottom + 1;
  }, 'the hit shows whole in the results');
  const [hit] = await boxes('[data-testid="search-hit-exhibitor-ibm"]');
  const [bar] = await boxes('nav');
  assert.ok(hit.top >= reachable() - 1, 'the hit is within reach');
  for (const key of await boxes('[data-testid^="search-key-"]')) {
    assert.ok(key.bottom <= bar.top + 1, `${key.id} is above the bar`);
    assert.ok(key.top >= reachable() - 1, `${key.id} is within reach`);
  }
  await kiosk.screenshot('reach-search');
  await kiosk.tap('search-hit-exhibitor-ibm');
  await kiosk.element('exhibitor-detail');
  await kiosk.screenshot('reach-exhibitor');

  await kiosk.tap('home');
  await kiosk.tap('home-exhibitors');
  await kiosk.element('exhibitor-ibm');
  const rail = await boxes('[data-testid^="az-"]');
  assert.ok(rail.length > 0, 'the directory has its A–Z rail');
  for (const target of rail) assert.ok(target.height >= 56, `${target.id} is ${target.height} px tall`);
  await kiosk.screenshot('reach-directory');
});

test('after the idle time, "Touch to start" starts the next visit at home, in the normal layout', async () => {
  await kiosk.element('attract-loop');
  await kiosk.tap('attract-loop');
  await kiosk.until(async () => !(await kiosk.has('attract-loop')), 'the loop ends on a touch');
  await kiosk.element('home-exhibitors');
  assert.equal(await kiosk.driver.executeScript('return document.documentElement.classList.contains("reach")'), false);
  assert.equal(await kiosk.has('exhibitor-detail'), false);
});
