// A pack carrying script in every place a pack author controls — rich text,
// plain text, an SVG logo — imported into the real kiosk: a visitor reads
// and taps all of it and nothing runs, navigates or opens a window.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { cli, demoPack, readPackJson, startKiosk } from './kiosk.js';

/** What every payload does if it ever runs: a mark the test looks for. */
const mark = (where) => `document.documentElement.dataset.pwned='${where}'`;

const RICH = [
  'Before the payloads.',
  '',
  `<script>${mark('script')}</script>`,
  '',
  `<img src="x" onerror="${mark('onerror')}">`,
  '',
  `<svg onload="${mark('inline-svg')}"></svg>`,
  '',
  `<iframe src="javascript:${mark('iframe')}"></iframe>`,
  '',
  `[tap here](javascript:${mark('markdown-link')})`,
  '',
  `<a href="javascript:${mark('html-link')}" data-testid="raw-link">or here</a>`,
  '',
  '[or leave](https://example.com/away)',
].join('\n');

const SCRIPTED_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="${mark('svg-onload')}">
<script>parent.${mark('svg-script')};</script>
<rect width="10" height="10" fill="#0a6"/></svg>
`;

let pack;
let kiosk;

before(async () => {
  pack = join(mkdtempSync(join(tmpdir(), 'pavilion-hostile-')), 'pack');
  cpSync(demoPack, pack, { recursive: true });
  const news = readPackJson(pack, 'content/news.json');
  news[0].title = { zh: `<img src=x onerror="${mark('title')}">标题`, en: `<img src=x onerror="${mark('title')}">Title` };
  news[0].body = { zh: RICH, en: RICH };
  writeFileSync(join(pack, 'content/news.json'), JSON.stringify(news, null, 2));
  const exhibitors = readPackJson(pack, 'content/exhibitors.json');
  const ibm = exhibitors.find((exhibitor) => exhibitor.id === 'ibm');
  ibm.description = { zh: RICH, en: RICH };
  writeFileSync(join(pack, 'content/exhibitors.json'), JSON.stringify(exhibitors, null, 2));
  writeFileSync(join(pack, 'media/logos/ibm.svg'), SCRIPTED_SVG);
  execFileSync(cli, ['pack', 'manifest', pack]);
  kiosk = await startKiosk({ packs: [pack] });
});

after(async () => {
  await kiosk?.stop();
  if (pack) rmSync(join(pack, '..'), { recursive: true, force: true });
});

async function assertNothingRan() {
  const state = await kiosk.driver.executeScript(`return {
    pwned: document.documentElement.dataset.pwned ?? null,
    href: location.href,
    scripts: [...document.querySelectorAll('main script, main iframe, main object, main embed')].length,
    handlers: [...document.querySelectorAll('main *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    scriptLinks: [...document.querySelectorAll('main [href], main [src]')].filter((el) => /^\\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src'))).length,
  }`);
  assert.equal(state.pwned, null, 'no payload ran');
  assert.equal(state.scripts, 0, 'no script, frame or object in the content');
  assert.equal(state.handlers, 0, 'no event handler attribute in the content');
  assert.equal(state.scriptLinks, 0, 'no javascript: URL in the content');
  assert.equal((await kiosk.driver.getAllWindowHandles()).length, 1, 'no new window');
  return state.href;
}

/** Taps every link of the pack's in the detail page, then checks nothing happened. */
async function tapEveryLink(detail) {
  const start = await assertNothingRan();
  // The core turns a pack's links into their label and address as text.
  const links = await kiosk.driver.findElements(By.css(`[data-testid="${detail}"] :is(a, .link)`));
  assert.ok(links.length >= 2, `the pack's links are on the page (${links.length}), as text`);
  for (const link of links) await link.click().catch(() => {});
  await new Promise((done) => setTimeout(done, 500));
  assert.equal(await assertNothingRan(), start, 'the kiosk did not navigate');
}

test('script in a news item is shown as text and never runs', async () => {
  await kiosk.tap('home-news');
  const id = readPackJson(pack, 'content/news.json')[0].id;
  await kiosk.element(`news-${id}`);
  await kiosk.screenshot('hostile-news-list');
  await kiosk.tap(`news-${id}`);
  const page = await kiosk.textOf('news-detail');
  assert.ok(page.includes('onerror'), 'the raw HTML is shown as text');
  assert.ok(page.includes('Before the payloads.') || page.includes('Title') || page.includes('标题'));
  await tapEveryLink('news-detail');
  await kiosk.screenshot('hostile-news');
});

test('a scripted SVG logo and script in an exhibitor are inert', async () => {
  await kiosk.goHome();
  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.element('exhibitor-detail');
  // The SVG is shown as an image (where script never runs), and it did draw.
  const logo = await kiosk.driver.wait(async () => {
    const images = await kiosk.driver.findElements(By.css('[data-testid="exhibitor-detail"] img'));
    for (const image of images) {
      if ((await image.getAttribute('src')).includes('.svg') && (await kiosk.driver.executeScript('return arguments[0].complete && arguments[0].naturalWidth', image)) > 0) return image;
    }
    return null;
  }, 30_000, 'the SVG logo is shown');
  assert.equal(await logo.getTagName(), 'img');
  await tapEveryLink('exhibitor-detail');
  await kiosk.screenshot('hostile-exhibitor');
});

test('even a script that got through could not take the kiosk away or open a window', async () => {
  const start = await kiosk.driver.executeScript('return location.href');
  for (const away of ['https://example.com/', 'file:///etc/passwd', 'about:blank']) {
    await kiosk.driver.executeScript('location.href = arguments[0]', away);
    await kiosk.driver.executeScript('window.open(arguments[0], "_blank")', away);
  }
  await new Promise((done) => setTimeout(done, 1500));
  assert.equal(await kiosk.driver.executeScript('return location.href'), start, 'the shell refused every navigation');
  assert.equal((await kiosk.driver.getAllWindowHandles()).length, 1, 'no window was opened');
  await kiosk.element('exhibitor-detail');
});

test('a window opened from a real tap is refused by the shell', async () => {
  // A tap is a user gesture, so the webview asks the shell (whose handler
  // says no) instead of blocking the pop-up on its own.
  await kiosk.driver.executeScript(`const button = document.createElement('button');
    button.dataset.testid = 'opener';
    button.textContent = 'open';
    button.style.cssText = 'position:fixed;top:0;left:0;z-index:99;width:200px;height:80px';
    button.addEventListener('click', () => window.open('https://example.com/popup', '_blank'));
    document.body.append(button);`);
  await kiosk.tap('opener');
  await new Promise((done) => setTimeout(done, 1500));
  assert.equal((await kiosk.driver.getAllWindowHandles()).length, 1, 'no window was opened');
  await kiosk.driver.executeScript(`document.querySelector('[data-testid="opener"]').remove()`);
  await kiosk.element('exhibitor-detail');
});

/** Every `contextmenu` that reached the window since the last call, and
 * whether the UI cancelled it (a cancelled one opens no menu). */
async function contextMenus() {
  return kiosk.driver.executeScript(`
    if (!window.__menus) {
      window.__menus = [];
      window.addEventListener('contextmenu', (event) => window.__menus.push({ on: event.target.tagName, cancelled: event.defaultPrevented }));
    }
    return window.__menus.splice(0);`);
}

test('a right-click or a long press opens no menu, on an image, a link or text', async () => {
  await kiosk.goHome();
  await kiosk.tap('home-exhibitors');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.element('exhibitor-detail');
  await contextMenus();
  const targets = {
    image: '[data-testid="exhibitor-detail"] img',
    link: '[data-testid="exhibitor-detail"] :is(a, .link)',
    text: '[data-testid="detail-title"], [data-testid="exhibitor-detail"] h1',
    qr: '[data-testid="qr-code"]',
  };
  for (const [what, css] of Object.entries(targets)) {
    const element = await kiosk.driver.findElement(By.css(css));
    // A long press on a touch screen and a mouse's right button both end in
    // a `contextmenu` event at the element: the one the UI must cancel.
    const shown = await kiosk.driver.executeScript(
      `return arguments[0].dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 }))`,
      element,
    );
    assert.equal(shown, false, `the menu on the ${what} was cancelled`);
    // And a real right-click through the driver, where it can make one.
    let clicked = true;
    await kiosk.driver.actions().contextClick(element).perform().catch((error) => {
      clicked = false;
      console.log(`# right-click by WebDriver not supported here: ${error.name}`);
    });
    const menus = await contextMenus();
    if (clicked) {
      assert.ok(menus.length > 0, `the right-click on the ${what} raised contextmenu`);
      assert.ok(menus.every((menu) => menu.cancelled), `every menu on the ${what} was cancelled: ${JSON.stringify(menus)}`);
    }
  }
  await assertNothingRan();
});

test('without inline styles allowed, the UI still lays itself out and breaks no policy', async () => {
  await kiosk.goHome();
  await kiosk.driver.executeScript(`window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));`);
  await kiosk.tap('home-exhibitors');
  // The directory is laid out by \`style:\` directives (height, rows' offsets).
  const directory = await kiosk.element('directory');
  assert.notEqual(await kiosk.driver.executeScript('return arguments[0].style.height', directory), '', 'the directory has its height');
  await kiosk.tap('exhibitor-ibm');
  await kiosk.element('exhibitor-detail');
  await kiosk.goHome();
  const tiles = await kiosk.driver.executeScript(`return getComputedStyle(document.querySelector('.tiles')).getPropertyValue('--tiles')`);
  assert.notEqual(tiles.trim(), '', 'the home tiles know how many they are');
  assert.deepEqual(await kiosk.driver.executeScript('return window.__violations'), [], 'no content security policy violation');
  // And the policy is in force: an inline style attribute is refused.
  const inline = await kiosk.driver.executeScript(`const probe = document.createElement('div');
    document.body.append(probe);
    probe.setAttribute('style', 'display: none');
    const shown = getComputedStyle(probe).display;
    probe.remove();
    return shown;`);
  assert.equal(inline, 'block', 'style-src refuses inline style attributes');
});
