// The operator's panel seen from the visitor's side: a script running in
// the visitor's window (as if something slipped through the content's
// sanitising) calls every operator command and the fs plugin's write
// directly, and the shell refuses each, whatever it passes, even the right
// PIN; and the gesture's command opens nothing while no PIN is set.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, startKiosk } from './kiosk.js';

const PIN = '482916';

/** Every command granted to the operator's window only, with arguments a
 * script would pass. */
const OPERATOR_COMMANDS = {
  get_pin_status: {},
  unlock_operator: { pin: PIN },
  close_operator_panel: { token: 'guess' },
  get_operator_overview: { token: 'guess' },
  get_staged_diff: { token: 'guess' },
  browse_staged: { token: 'guess' },
  make_staged_live: { token: 'guess' },
  rollback_pack: { token: 'guess', folder: 'anything' },
  save_operator_settings: {
    token: 'guess',
    settings: { idle_seconds: 5, spot: null, language: null, go_live: 'auto', stats_queries: true },
  },
  get_stats_summary: { token: 'guess' },
  prepare_stats_export: { token: 'guess' },
};

let kiosk;

before(async () => {
  kiosk = await startKiosk();
});

after(async () => {
  await kiosk?.stop();
});

/** What the shell answers `command` called from the visitor's window:
 * `{ok}` or `{error}` as the page sees it. */
async function callFromVisitorWindow(command, args) {
  return kiosk.driver.executeAsyncScript(
    `const [command, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(command, args).then(
       (answer) => done({ ok: answer ?? null }),
       (error) => done({ error: typeof error === 'string' ? error : JSON.stringify(error) }),
     );`,
    command,
    args,
  );
}

function assertRefusedByTheCapability(command, answer) {
  assert.ok('error' in answer, `${command} answered ${JSON.stringify(answer)} to the visitor's window`);
  assert.match(answer.error, /not allowed/i, `${command} is refused by the capability, not by the command`);
}

test('with no PIN set, the gesture opens no window and says so to the script alone', async () => {
  const answer = await callFromVisitorWindow('open_operator_panel', {});
  assert.deepEqual(JSON.parse(answer.error).code, 'no_pin');
  await new Promise((done) => setTimeout(done, 1000));
  assert.equal((await kiosk.driver.getAllWindowHandles()).length, 1, 'no panel window');
  await kiosk.element('home-exhibitors');
});

test('a script in the visitor window can call no operator command, even with the right PIN', async () => {
  execFileSync(cli, ['operator', 'pin', '--stdin'], { env: kiosk.env, input: `${PIN}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  const settings = join(kiosk.dataDir, 'settings.json');
  const before = existsSync(settings) ? readFileSync(settings, 'utf8') : null;
  for (const [command, args] of Object.entries(OPERATOR_COMMANDS)) {
    assertRefusedByTheCapability(command, await callFromVisitorWindow(command, args));
  }
  assert.equal(existsSync(settings) ? readFileSync(settings, 'utf8') : null, before, 'the settings are untouched');
  // The lock-out count did not move either: the PIN was never checked.
  const lockout = join(kiosk.dataDir, 'operator-lockout.json');
  assert.ok(!existsSync(lockout) || !/"failures":\s*[1-9]/.test(readFileSync(lockout, 'utf8')));
});

test("a script in the visitor window cannot write a file through the fs plugin", async () => {
  const target = join(kiosk.dataDir, 'written-by-a-script.txt');
  for (const path of [target, '/tmp/pavilion-written-by-a-script.txt']) {
    // The plugin takes the text as the body and the path in a header.
    const answer = await kiosk.driver.executeAsyncScript(
      `const [path, done] = arguments;
       window.__TAURI_INTERNALS__.invoke('plugin:fs|write_text_file', new TextEncoder().encode('pwned'), {
         headers: { path: encodeURIComponent(path), options: JSON.stringify({}) },
       }).then(() => done({ ok: null }), (error) => done({ error: String(error) }));`,
      path,
    );
    assertRefusedByTheCapability(`plugin:fs|write_text_file ${path}`, answer);
    assert.ok(!existsSync(path), `${path} was not written`);
  }
  await kiosk.element('home-exhibitors');
});
