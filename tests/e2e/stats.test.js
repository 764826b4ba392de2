// What visitors did, counted: a scripted visit on the real kiosk (its
// batches through `record_visitor_events`, the shell's buffer and its flush
// into DATA/stats.db), then `pavilion stats --json` reads the counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cli, packLanguages, startKiosk } from './kiosk.js';
import { appPid, running } from './processes.js';

/** Short enough for a test, long enough that the taps below never trip it. */
const IDLE_SECONDS = 6;
/** The UI's settling time for a search (`SEARCH_SETTLE_MS`), with margin. */
const SETTLE_MS = 2500;
/** The shell flushes every 5 s; the counts must be there well before. */
const FLUSH_DEADLINE_MS = 20_000;
/** The UI sends its events a second after the first of a batch
 * (`BATCH_MS`), with margin; well under the shell's 5 s flush. */
const SENT_MS = 1500;

let kiosk;

before(async () => {
  kiosk = await startKiosk({ settings: { idle_seconds: IDLE_SECONDS } });
});

after(async () => {
  await kiosk?.stop();
});

const stats = () =>
  JSON.parse(execFileSync(cli, ['stats', '--json', '--data-dir', kiosk.dataDir], { encoding: 'utf8' }));

const count = (list, key) => list.find((entry) => entry.key === key)?.count ?? 0;

async function typeKeys(text) {
  for (const key of text) await kiosk.tap(`search-key-${key}`);
}

test('the counts of a scripted visit reach stats.db and `pavilion stats`', async () => {
  // The first touch starts the visit.
  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.element('take-away');
  await kiosk.tap('home');
  await kiosk.tap('home-search');
  await typeKeys('ibm');
  await kiosk.element('search-hit-exhibitor-ibm');
  await kiosk.driver.sleep(SETTLE_MS);
  // The demo pack has no Baidu: this is the search that finds nothing.
  await kiosk.tap('search-key-clear');
  await typeKeys('baidu');
  await kiosk.element('search-none');
  await kiosk.driver.sleep(SETTLE_MS);
  await kiosk.tap('language-toggle');
  // The idle reset ends the visit.
  await kiosk.element('attract-loop');

  const deadline = Date.now() + FLUSH_DEADLINE_MS;
  let summary = stats();
  while (summary.visit_lengths.every((bucket) => bucket.count === 0) && Date.now() < deadline) {
    await kiosk.driver.sleep(500);
    summary = stats();
  }
  assert.equal(summary.visits, 1, 'one visit');
  assert.equal(
    summary.visit_lengths.reduce((sum, bucket) => sum + bucket.count, 0),
    1,
    'one visit ended, in one length bucket',
  );
  assert.ok(summary.average_visit_seconds >= IDLE_SECONDS, `the visit lasted ${summary.average_visit_seconds} s`);
  for (const screen of ['exhibitors', 'exhibitor', 'home', 'search']) {
    assert.equal(count(summary.screens, screen), 1, `the ${screen} screen once: ${JSON.stringify(summary.screens)}`);
  }
  assert.deepEqual(summary.exhibitors, [{ key: 'ibm', count: 1 }]);
  assert.deepEqual(summary.qr_codes, [{ key: 'contact', count: 1 }]);
  assert.deepEqual(summary.languages, [{ key: packLanguages[1], count: 1 }]);
  assert.equal(summary.searches, 1, 'one search found something (typed letters are not searches)');
  assert.deepEqual(
    summary.top_searches.map((search) => [search.query, search.count]),
    [['ibm', 1]],
  );
  assert.equal(summary.zero_hit_searches, 1);
  assert.deepEqual(summary.top_zero_hit_searches, [{ key: 'baidu', count: 1 }]);
});

// Last in this file: it ends the kiosk.
test('the visits of the last seconds reach stats.db when systemd stops the kiosk (SIGTERM)', async () => {
  await kiosk.tap('attract-loop');
  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.element('take-away');
  // In the shell's buffer now, and (most likely) not yet flushed.
  await kiosk.driver.sleep(SENT_MS);
  const app = appPid(kiosk);
  process.kill(app, 'SIGTERM');
  await kiosk.until(() => !running(app), 'the kiosk ended on SIGTERM');
  assert.deepEqual(stats().exhibitors, [{ key: 'ibm', count: 2 }], 'the second view of IBM was flushed before the kiosk ended');
});
