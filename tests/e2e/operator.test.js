// The operator's panel on the real kiosk: the corner hold opens its window,
// the PIN set with `pavilion operator pin` unlocks it, and from it an
// operator rolls back, makes a staged pack live and exports the statistics
// into a watched folder. The visitor's window shows each change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, demoPackWith, readPackJson, startKiosk } from './kiosk.js';

const PIN = '2468';
/** The corner hold's length (`ui/src/lib/corner-hold.ts`), and a margin. */
const HOLD_MS = 5_000 + 700;

let work;
let kiosk;
let visitor;
let operator;
let statusFolder;

/** The demo pack as version `version`, its event named after it, so the
 * visitor's home screen tells the versions apart. */
function version(n) {
  const folder = demoPackWith(join(work, `waic-v${n}`), {
    'content/event.json': (event) => {
      event.name = { zh: `大会 v${n}`, en: `Conference v${n}` };
    },
  });
  const manifest = readPackJson(folder, 'manifest.json');
  manifest.version = n;
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return folder;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'pavilion-operator-'));
  const dataDir = join(work, 'data');
  mkdirSync(join(dataDir, 'inbox'), { recursive: true });
  const env = { ...process.env, PAVILION_DATA_DIR: dataDir };
  execFileSync(cli, ['operator', 'pin', '--stdin'], { env, input: `${PIN}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  // Imported by the CLI, each live in turn, before `go_live: confirm`
  // (which the CLI follows too) is set for the kiosk's inbox.
  for (const n of [1, 2]) execFileSync(cli, ['pack', 'import', version(n)], { env, stdio: 'pipe' });
  statusFolder = join(work, 'status');
  mkdirSync(statusFolder);
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ go_live: 'confirm', status_folder: statusFolder }));
  kiosk = await startKiosk({ dataDir });
  visitor = await kiosk.driver.getWindowHandle();
});

after(async () => {
  await kiosk?.stop();
  if (work) rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

/** Well under the status timer's minute: the switch itself must write it. */
const STATUS_AT_ONCE_MS = 5000;

/** Waits until this kiosk's fleet status file (the only file in the
 * status folder) names `version` as live. */
async function statusNames(version) {
  const live = () => {
    const [file] = readdirSync(statusFolder).filter((name) => name.endsWith('.json'));
    return file && JSON.parse(readFileSync(join(statusFolder, file), 'utf8')).version;
  };
  await kiosk.driver.wait(() => live() === version, STATUS_AT_ONCE_MS, `the fleet status names version ${version} at once`);
}

async function onVisitor() {
  await kiosk.driver.switchTo().window(visitor);
}

async function onOperator() {
  await kiosk.driver.switchTo().window(operator);
}

async function eventName() {
  await onVisitor();
  await kiosk.goHome();
  return kiosk.textOf('event-name');
}

/** Reloads the panel's overview by leaving and re-entering the live tab. */
async function refreshPanel() {
  await kiosk.tap('tab-history');
  await kiosk.tap('tab-live');
}

test('holding the corner for five seconds opens the panel; the PIN unlocks it', async () => {
  assert.match(await eventName(), /v2/);
  const before = await kiosk.driver.getAllWindowHandles();
  // One finger (a pointer) on the top-left corner, still, for five seconds.
  await kiosk.driver
    .actions({ async: true })
    .move({ x: 30, y: 30, origin: 'viewport' })
    .press()
    .pause(HOLD_MS)
    .release()
    .perform();
  const handles = await kiosk.until(async () => {
    const now = await kiosk.driver.getAllWindowHandles();
    return now.length > before.length ? now : null;
  }, 'the operator window opened');
  operator = handles.find((handle) => !before.includes(handle));
  await onOperator();
  assert.match(await kiosk.driver.getCurrentUrl(), /operator\.html/);
  await kiosk.screenshot('panel-pin');
  for (const digit of PIN) await kiosk.tap(`pin-key-${digit}`);
  await kiosk.tap('pin-enter');
  assert.equal(await kiosk.textOf('live-id'), 'waic-2021');
  assert.equal(await kiosk.textOf('live-version'), '2');
  await kiosk.screenshot('panel-overview');
});

test('rolling back from the panel changes the visitor screen', async () => {
  await onOperator();
  await kiosk.tap('tab-kept');
  await kiosk.tap('roll-back');
  await kiosk.tap('confirm-yes');
  assert.match(await kiosk.textOf('notice'), /version 1|第 1 版/);
  await kiosk.until(async () => /v1/.test(await eventName()), 'the visitor sees version 1');
  await statusNames(1);
});

test('with go_live: confirm a dropped pack is staged, and Make live switches the visitor screen', async () => {
  // As an operator's copy would: straight into the watched folder.
  const v3 = version(3);
  execFileSync('cp', ['-r', v3, join(kiosk.dataDir, 'inbox', 'waic-v3')]);
  await onOperator();
  await kiosk.until(async () => {
    await refreshPanel();
    return kiosk.has('tab-staged');
  }, 'the pack shows as staged');
  assert.match(await eventName(), /v1/, 'a staged pack is not shown to visitors');
  await onOperator();
  await kiosk.tap('tab-staged');
  const manifest = await kiosk.textOf('diff-manifest');
  assert.match(manifest, /version: 1 → 3/);
  await kiosk.screenshot('panel-staged');
  await kiosk.tap('make-live');
  await kiosk.tap('confirm-yes');
  assert.match(await kiosk.textOf('notice'), /version 3|第 3 版/);
  await kiosk.until(async () => /v3/.test(await eventName()), 'the visitor sees version 3');
  await statusNames(3);
});

test('Export writes the statistics as CSV and HTML into a watched folder', async () => {
  await onOperator();
  await kiosk.tap('tab-statistics');
  await kiosk.element('stats-visits');
  await kiosk.screenshot('panel-statistics');
  await kiosk.tap('export');
  await kiosk.tap('export-target');
  const notice = await kiosk.textOf('notice');
  const inbox = join(kiosk.dataDir, 'inbox');
  const written = readdirSync(inbox).filter((name) => /\.(csv|html)$/.test(name)).sort();
  assert.equal(written.length, 2, `two files in the watched folder: ${written}`);
  for (const name of written) assert.ok(notice.includes(name), `the notice names ${name}: ${notice}`);
  const csv = readFileSync(join(inbox, written[0]), 'utf8');
  const html = readFileSync(join(inbox, written[1]), 'utf8');
  const expected = join(work, 'expected.csv');
  execFileSync(cli, ['stats', 'export', '--out', expected], { env: kiosk.env, stdio: 'pipe' });
  assert.equal(csv, readFileSync(expected, 'utf8'), 'the CSV is what `pavilion stats export` writes');
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /<svg/);
  assert.doesNotMatch(html, /<script/i, 'the report runs no script');
});
