// Browsing the real kiosk on an empty data folder (so on the bundled demo
// pack), and a newer pack arriving in the inbox while it is open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { cli, demoPack, readPackJson, startKiosk, text, TIMEOUT } from './kiosk.js';

let kiosk;

before(async () => {
  kiosk = await startKiosk();
});

after(async () => {
  await kiosk?.stop();
});

test('an empty data folder opens on the demo pack home screen', async () => {
  const event = readPackJson(demoPack, 'content/event.json');
  for (const tile of ['home-news', 'home-parks', 'home-exhibitors']) {
    const element = await kiosk.element(tile);
    await kiosk.driver.wait(until.elementIsVisible(element), TIMEOUT, `${tile} is visible`);
  }
  const language = await kiosk.pageLanguage();
  const page = await kiosk.driver.findElement(By.css('body')).getText();
  assert.ok(page.includes(text(event.name, language)), `home shows the event name in ${language}`);
  await kiosk.screenshot(`home-${language}`);
});

test('a visitor opens Exhibitors, taps IBM and reads it in both languages', async () => {
  const ibm = readPackJson(demoPack, 'content/exhibitors.json').find((exhibitor) => exhibitor.id === 'ibm');
  assert.ok(ibm, 'the demo pack has IBM');

  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  const first = await kiosk.pageLanguage();
  const second = first === 'zh' ? 'en' : 'zh';

  assert.equal(await kiosk.textOf('detail-title'), text(ibm.name, first));
  await kiosk.until(async () => (await kiosk.textOf('exhibitor-detail')).includes(text(ibm.summary, first)), `summary in ${first}`);
  await kiosk.screenshot(`exhibitor-${first}`);

  await kiosk.tap('language-toggle');
  await kiosk.until(async () => (await kiosk.pageLanguage()) === second, `the page switches to ${second}`);
  assert.equal(await kiosk.textOf('detail-title'), text(ibm.name, second));
  await kiosk.until(async () => (await kiosk.textOf('exhibitor-detail')).includes(text(ibm.summary, second)), `summary in ${second}`);
  await kiosk.screenshot(`exhibitor-${second}`);

  await kiosk.tap('home');
  await kiosk.element('home-exhibitors');
  await kiosk.screenshot(`home-${second}`);
});

test('the directory is A–Z in the language on screen: 微软 under W in Chinese, Microsoft under M in English', async () => {
  await kiosk.goHome();
  if ((await kiosk.pageLanguage()) !== 'zh') {
    await kiosk.tap('language-toggle');
    await kiosk.until(async () => (await kiosk.pageLanguage()) === 'zh', 'the page is in Chinese');
  }
  await kiosk.tap('home-exhibitors');
  await kiosk.element('exhibitor-microsoft');
  /** The directory's cards top to bottom, each with the letter line above it. */
  const filed = () =>
    kiosk.driver.executeScript(`
      const letters = [...document.querySelectorAll('[data-testid="directory"] h2.letter')];
      return [...document.querySelectorAll('[data-testid="directory"] [data-testid^="exhibitor-"]')]
        .map((card) => {
          const top = card.getBoundingClientRect().top;
          const above = letters.filter((letter) => letter.getBoundingClientRect().top < top).at(-1);
          return { top, entry: above.textContent.trim() + ' ' + card.dataset.testid.slice('exhibitor-'.length) };
        })
        .sort((a, b) => a.top - b.top)
        .map((card) => card.entry);`);
  // 飞桨 fei jiang, 红杉资本 hong shan, IBM, 默克 mo ke, 微软 wei ruan: the real
  // shell, asked in the visitor's language.
  await kiosk.until(
    async () => (await filed()).join(', ') === 'F paddlepaddle, H sequoia-capital, I ibm, M merck, W microsoft',
    'the Chinese directory files by pinyin',
  );
  await kiosk.screenshot('directory-zh');
  await kiosk.tap('language-toggle');
  await kiosk.until(
    async () => (await filed()).join(', ') === 'I ibm, M merck, M microsoft, P paddlepaddle, S sequoia-capital',
    'the English directory files by the English names',
  );
  await kiosk.screenshot('directory-en');
});

test('a visitor types IBM on the on-screen keyboard, opens the hit and takes it away as a QR code', async () => {
  await kiosk.goHome();
  await kiosk.tap('home-search');
  await kiosk.element('search-screen');
  for (const key of ['i', 'b', 'm']) await kiosk.tap(`search-key-${key}`);
  await kiosk.until(async () => (await kiosk.textOf('search-query')).toLowerCase() === 'ibm', 'the query reads ibm');
  await kiosk.screenshot('search-ibm');
  await kiosk.tap('search-hit-exhibitor-ibm');
  await kiosk.element('exhibitor-detail');

  const qr = await kiosk.element('qr-code');
  const vcard = await qr.getAttribute('data-qr-text');
  assert.match(vcard, /^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
  assert.match(vcard, /\r\nORG:IBM\r\n/);
  assert.ok(await qr.isDisplayed(), 'the QR code is on screen');
  const modules = await kiosk.driver.executeScript(
    'return document.querySelector(\'[data-testid="qr-code"] path\')?.getAttribute("d")?.length ?? 0',
  );
  assert.ok(modules > 1000, `the QR code is drawn (${modules} characters of path)`);
  await kiosk.screenshot('exhibitor-qr');
});

test('a newer pack dropped into the inbox reaches the screen without a restart', async () => {
  // The demo pack, one exhibitor more, version raised, resealed by the CLI.
  const newer = join(kiosk.sandbox, 'newer-pack');
  cpSync(demoPack, newer, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(newer, 'manifest.json'), 'utf8'));
  manifest.version += 1;
  writeFileSync(join(newer, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const exhibitors = readPackJson(newer, 'content/exhibitors.json');
  exhibitors.push({ id: 'late-arrival', name: { zh: '新到展商', en: 'Late Arrival' }, sort_name: 'Late Arrival' });
  writeFileSync(join(newer, 'content/exhibitors.json'), JSON.stringify(exhibitors, null, 2));
  execFileSync(cli, ['pack', 'manifest', newer]);

  await kiosk.goHome();
  await kiosk.tap('home-exhibitors');
  await kiosk.element('exhibitor-ibm');
  assert.equal(await kiosk.has('exhibitor-late-arrival'), false);

  // As an operator's copy would: straight into the watched folder.
  cpSync(newer, join(kiosk.dataDir, 'inbox', 'waic-2021-newer'), { recursive: true });
  await kiosk.element('exhibitor-late-arrival');
  assert.ok(await (await kiosk.element('exhibitor-ibm')).isDisplayed(), 'the visitor is still on the list');
  const status = JSON.parse(execFileSync(cli, ['status', '--json'], { env: kiosk.env }));
  assert.equal(status.version, manifest.version);
  await kiosk.screenshot('inbox-updated');
});
