// An operator's preview (`pavilion-kiosk --preview PACK`): the kiosk shows
// PACK, says it is a preview, starts in the language asked for, and leaves
// the kiosk's data folder as it found it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, readPackJson, startKiosk, text } from './kiosk.js';

let kiosk;
let work;
let pack;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'pavilion-e2e-preview-'));
  pack = join(work, 'fair');
  execFileSync(cli, ['pack', 'synth', '--exhibitors', '40', '--out', pack], { stdio: 'pipe' });
  kiosk = await startKiosk({ args: ['--preview', pack, '--lang', 'en'] });
});

after(async () => {
  await kiosk?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the preview shows the pack's title, says it is a preview, in the language asked for", async () => {
  const manifest = readPackJson(pack, 'manifest.json');
  const title = text(manifest.title, 'en');
  await kiosk.until(async () => (await kiosk.textOf('preview-ribbon')).includes(title), `the preview names the pack "${title}"`);

  assert.match(await kiosk.textOf('preview-ribbon'), /preview/i);
  assert.equal(await kiosk.pageLanguage(manifest.languages), 'en');
  const event = readPackJson(pack, 'content/event.json');
  assert.equal(await kiosk.textOf('event-name'), text(event.name, 'en'));
  await kiosk.screenshot('preview-home');
});

test("the kiosk's data folder is left as it was", async () => {
  assert.deepEqual(readdirSync(kiosk.dataDir), []);
});
