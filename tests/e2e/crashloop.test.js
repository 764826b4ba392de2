// No crash loop (issue 9, item 3). The kiosk imports each pack in a worker
// process (itself, started with --import-worker). A pack whose worker dies
// (killed with -9 here, as the out-of-memory killer would) and a pack
// during whose import the whole kiosk dies both leave the live pack on
// screen, are named by `pavilion status`, and are not tried again when the
// kiosk starts again. (A worker killed by its own memory limit is in
// tests/core/worker.rs: the limit a kiosk binary needs depends on the
// libraries the machine has.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { By } from 'selenium-webdriver';
import { cli, startKiosk, text } from './kiosk.js';
import { appPid, running } from './processes.js';

const work = mkdtempSync(join(tmpdir(), 'pavilion-e2e-crashloop-'));
const dataDir = join(work, 'data');
mkdirSync(dataDir);
let kiosk;

/** Long enough for the inbox to notice a pack, wait its quiet period (2 s)
 * and import it, had it meant to. */
const INBOX_LOOKS = 8_000;

/** Exhibitors in a pack whose import takes seconds in a debug build: time
 * for the test to see its worker. */
const SLOW = 20_000;

after(async () => {
  await kiosk?.stop();
  rmSync(work, { recursive: true, force: true });
});

function synth(name, exhibitors) {
  const pack = join(work, name);
  execFileSync(cli, ['pack', 'synth', '--exhibitors', String(exhibitors), '--out', pack], { stdio: 'pipe' });
  return pack;
}

function status() {
  return JSON.parse(execFileSync(cli, ['status', '--json', '--data-dir', dataDir], { encoding: 'utf8' }));
}

/** Moves a finished pack into the kiosk's inbox in one rename, as a copy
 * that has ended would look. */
function drop(pack, name) {
  const into = join(dataDir, 'inbox', name);
  renameSync(pack, into);
  return into;
}

/** The import worker the kiosk started, once it runs. */
async function worker() {
  const app = appPid(kiosk);
  return kiosk.until(() => {
    try {
      const found = execFileSync('pgrep', ['-P', String(app), '-f', 'import-worker'], { encoding: 'utf8' });
      return Number(found.split('\n')[0]);
    } catch {
      return false; // pgrep found none yet
    }
  }, 'the kiosk started an import worker');
}

/** Waits until `condition` holds, without the WebDriver session (the
 * kiosk it drove may be gone). */
async function poll(condition, message, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    assert.ok(Date.now() < deadline, message);
    await sleep(100);
  }
}

const fair = synth('fair', 5);
const fairName = JSON.parse(readFileSync(join(fair, 'content/event.json'), 'utf8')).name;
const fairId = JSON.parse(readFileSync(join(fair, 'manifest.json'), 'utf8')).pack;

async function showsTheFair() {
  await kiosk.element('home-exhibitors');
  const language = await kiosk.pageLanguage(Object.keys(fairName));
  const page = await kiosk.driver.findElement(By.css('body')).getText();
  assert.ok(page.includes(text(fairName, language)), `home shows "${text(fairName, language)}"`);
}

function liveIsTheFair() {
  const now = status();
  assert.equal(now.live.pack, fairId);
  assert.equal(now.live.version, 1);
  return now;
}

test('a pack whose import worker dies leaves the live pack, is reported, and is not tried after a restart', async () => {
  kiosk = await startKiosk({ dataDir, packs: [fair] });
  await showsTheFair();
  const app = appPid(kiosk);

  const dropped = drop(synth('deadly', SLOW), 'deadly');
  process.kill(await worker(), 'SIGKILL');
  const reported = await kiosk.until(() => {
    const [last] = status().history;
    return last?.source === dropped && last;
  }, 'the dead import is in the history');
  assert.equal(reported.outcome, 'failed');
  assert.match(reported.errors[0], /the import stopped before it finished: it was killed by signal 9/);
  liveIsTheFair();
  assert.equal(appPid(kiosk), app, 'the kiosk itself lives on');
  await showsTheFair();

  const lines = status().history.length;
  await kiosk.stop();
  kiosk = await startKiosk({ dataDir });
  await showsTheFair();
  await sleep(INBOX_LOOKS);
  assert.equal(status().history.length, lines, 'not tried again');
  liveIsTheFair();
});

test('a pack during whose import the kiosk dies is reported at the next start and not tried again', async () => {
  const dropped = drop(synth('killer', SLOW + 1), 'killer');
  const pid = await worker();
  process.kill(appPid(kiosk), 'SIGKILL');
  // The worker dies with the kiosk: no orphan imports behind its back.
  await poll(() => !running(pid), 'the worker ended with the kiosk');
  await kiosk.stop();
  liveIsTheFair();

  kiosk = await startKiosk({ dataDir });
  await showsTheFair();
  const reported = await kiosk.until(() => {
    const [last] = status().history;
    return last?.source === dropped && last;
  }, 'the unfinished import is in the history');
  assert.equal(reported.outcome, 'failed');
  assert.match(reported.errors[0], /the kiosk stopped during this import/);
  const lines = status().history.length;
  await sleep(INBOX_LOOKS);
  assert.equal(status().history.length, lines, 'not tried again');
  liveIsTheFair();
  await showsTheFair();
});
