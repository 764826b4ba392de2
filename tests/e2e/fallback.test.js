// A kiosk whose data folder cannot be written (a read-only or full disk, a
// path that runs through a file) still opens on the bundled demo pack, with
// its pictures, and leaves the operator's files as they were.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { demoPack, readPackJson, startKiosk, text } from './kiosk.js';

let kiosk;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'pavilion-e2e-unwritable-'));
  writeFileSync(join(work, 'not-a-folder'), "operator's file");
  kiosk = await startKiosk({ dataDir: join(work, 'not-a-folder', 'pavilion') });
});

after(async () => {
  await kiosk?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a data folder that cannot be written still opens on the demo pack, pictures included', async () => {
  const event = readPackJson(demoPack, 'content/event.json');
  await kiosk.element('home-exhibitors');
  const language = await kiosk.pageLanguage();
  const page = await kiosk.driver.findElement(By.css('body')).getText();
  assert.ok(page.includes(text(event.name, language)), `home shows the event name in ${language}`);

  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.element('exhibitor-detail');
  // The logo comes from the fallback's media store through the asset protocol.
  await kiosk.until(async () => {
    for (const image of await kiosk.driver.findElements(By.css('[data-testid="exhibitor-detail"] img'))) {
      if ((await kiosk.driver.executeScript('return arguments[0].complete && arguments[0].naturalWidth', image)) > 0) {
        return true;
      }
    }
    return false;
  }, 'the logo is drawn');
  await kiosk.screenshot('fallback-exhibitor');
  assert.equal(readFileSync(join(work, 'not-a-folder'), 'utf8'), "operator's file");
});
