// A Chinese visitor on a Latin keyboard: pinyin typed on the kiosk's keys
// offers the pack's own Chinese names, and one tap reaches the exhibitor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { demoPackWith, startKiosk } from './kiosk.js';

let kiosk;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'pavilion-e2e-pinyin-'));
  // 百度 with no pinyin sort name: only the index's own pinyin finds it.
  const pack = demoPackWith(join(work, 'pack'), {
    'content/exhibitors.json': (exhibitors) => {
      exhibitors.push({ id: 'baidu', name: { zh: '百度', en: 'Baidu' }, summary: { zh: '搜索与人工智能', en: 'Search and AI' } });
    },
  });
  kiosk = await startKiosk({ packs: [pack] });
});

after(async () => {
  await kiosk?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('typing baidu offers 百度 in the strip, and a tap reaches its page', async () => {
  await kiosk.tap('home-search');
  const mode = await kiosk.element('search-key-pinyin');
  assert.equal(await mode.getAttribute('aria-pressed'), 'true', 'a Chinese screen starts in pinyin mode');
  for (const key of 'baidu') await kiosk.tap(`search-key-${key}`);
  await kiosk.until(async () => {
    const words = await kiosk.driver.findElements(By.css('[data-testid="search-candidate"]'));
    return (await Promise.all(words.map((word) => word.getText()))).includes('百度');
  }, 'the strip offers 百度');
  await kiosk.screenshot('search-pinyin');
  await kiosk.tapText('search-candidate', '百度');
  await kiosk.until(async () => (await kiosk.textOf('search-query')) === '百度', 'the query is 百度');
  await kiosk.tap('search-hit-exhibitor-baidu');
  await kiosk.element('exhibitor-detail');
  const title = await kiosk.driver.findElement(By.css('[data-testid="exhibitor-detail"] [data-testid="detail-title"]'));
  assert.equal(await title.getText(), '百度');
  await kiosk.screenshot('search-pinyin-exhibitor');
});
