// The real kiosk, as a visitor uses it: the debug binary with its embedded
// UI, started by tauri-driver through WebKitWebDriver inside Xvfb (run.sh),
// on an empty data folder so that it falls back to the bundled demo pack.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Capabilities, until } from 'selenium-webdriver';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const application = process.env.PAVILION_KIOSK_BIN ?? join(root, 'target/debug/pavilion-kiosk');
const cli = process.env.PAVILION_CLI_BIN ?? join(root, 'target/debug/pavilion');
const orientation = process.env.PAVILION_E2E_ORIENTATION ?? 'portrait';
const screenshotDir = process.env.PAVILION_SCREENSHOT_DIR;
const driverPort = Number(process.env.PAVILION_E2E_PORT ?? 4444);
const demoPack = join(root, 'packs/waic-2021');
const TIMEOUT = 30_000;

const sandbox = mkdtempSync(join(tmpdir(), 'pavilion-e2e-'));
const dataDir = join(sandbox, 'data');
let tauriDriver;
let driver;

function isolatedEnv() {
  // Nothing the app or WebKit writes may land in $HOME.
  const env = { ...process.env, PAVILION_DATA_DIR: dataDir };
  for (const name of ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
    env[name] = join(sandbox, name.toLowerCase());
    mkdirSync(env[name], { recursive: true });
  }
  return env;
}

async function waitForDriver() {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${driverPort}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`tauri-driver did not listen on port ${driverPort} within ${TIMEOUT} ms`);
}

function text(localised, language) {
  return typeof localised === 'string' ? localised : localised[language];
}

async function screenshot(name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(join(screenshotDir, `${orientation}-${name}.png`), await driver.takeScreenshot(), 'base64');
}

/** Taps like a finger: retries while the screen is still animating in. */
async function tap(testId) {
  await driver.wait(
    async () => {
      try {
        await driver.findElement(By.css(`[data-testid="${testId}"]`)).click();
        return true;
      } catch (error) {
        if (['NoSuchElementError', 'ElementNotInteractableError', 'ElementClickInterceptedError', 'StaleElementReferenceError'].includes(error.name)) return false;
        throw error;
      }
    },
    TIMEOUT,
    `${testId} could not be tapped`,
  );
}

async function textOf(testId) {
  const element = await driver.wait(until.elementLocated(By.css(`[data-testid="${testId}"]`)), TIMEOUT);
  return element.getText();
}

const packLanguages = JSON.parse(readFileSync(join(demoPack, 'manifest.json'), 'utf8')).languages;

/** The pack language the page is in (`<html lang="zh-Hans">` is pack language `zh`). */
async function pageLanguage() {
  const lang = await driver.executeScript('return document.documentElement.lang');
  const code = packLanguages.find((code) => lang === code || lang.startsWith(`${code}-`));
  assert.ok(code, `<html lang="${lang}"> is one of the pack's languages ${packLanguages}`);
  return code;
}

before(async () => {
  tauriDriver = spawn('tauri-driver', ['--port', String(driverPort), '--native-port', String(driverPort + 1)], {
    env: isolatedEnv(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForDriver();
  const capabilities = new Capabilities();
  capabilities.set('tauri:options', { application });
  capabilities.setBrowserName('wry');
  driver = await new Builder().withCapabilities(capabilities).usingServer(`http://127.0.0.1:${driverPort}/`).build();
});

after(async () => {
  await driver?.quit().catch(() => {});
  // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver, which
  // otherwise keeps holding its port for the next run.
  tauriDriver?.kill('SIGTERM');
  await new Promise((done) => (tauriDriver ? tauriDriver.once('exit', done) : done()));
  // WebKit's helper processes may still be writing their shader cache for a
  // moment after the app is gone: retry rather than fail the run.
  rmSync(sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

test('an empty data folder opens on the demo pack home screen', async () => {
  const event = JSON.parse(readFileSync(join(demoPack, 'content/event.json'), 'utf8'));
  for (const tile of ['home-news', 'home-parks', 'home-exhibitors']) {
    const element = await driver.wait(until.elementLocated(By.css(`[data-testid="${tile}"]`)), TIMEOUT);
    await driver.wait(until.elementIsVisible(element), TIMEOUT, `${tile} is visible`);
  }
  const language = await pageLanguage();
  const page = await driver.findElement(By.css('body')).getText();
  assert.ok(page.includes(text(event.name, language)), `home shows the event name in ${language}`);
  await screenshot(`home-${language}`);
});

test('a visitor opens Exhibitors, taps IBM and reads it in both languages', async () => {
  const exhibitors = JSON.parse(readFileSync(join(demoPack, 'content/exhibitors.json'), 'utf8'));
  const ibm = exhibitors.find((exhibitor) => exhibitor.id === 'ibm');
  assert.ok(ibm, 'the demo pack has IBM');

  await tap('home-exhibitors');
  await tap('exhibitor-ibm');
  const first = await pageLanguage();
  const second = first === 'zh' ? 'en' : 'zh';

  assert.equal(await textOf('detail-title'), text(ibm.name, first));
  await driver.wait(
    async () => (await textOf('exhibitor-detail')).includes(text(ibm.summary, first)),
    TIMEOUT,
    `summary in ${first}`,
  );
  await screenshot(`exhibitor-${first}`);

  await tap('language-toggle');
  await driver.wait(async () => (await pageLanguage()) === second, TIMEOUT);
  assert.equal(await textOf('detail-title'), text(ibm.name, second));
  await driver.wait(
    async () => (await textOf('exhibitor-detail')).includes(text(ibm.summary, second)),
    TIMEOUT,
    `summary in ${second}`,
  );
  await screenshot(`exhibitor-${second}`);

  await tap('home');
  await driver.wait(until.elementLocated(By.css('[data-testid="home-exhibitors"]')), TIMEOUT);
  await screenshot(`home-${second}`);
});

test('a newer pack dropped into the inbox reaches the screen without a restart', async () => {
  // The demo pack, one exhibitor more, version raised, resealed by the CLI.
  const newer = join(sandbox, 'newer-pack');
  cpSync(demoPack, newer, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(newer, 'manifest.json'), 'utf8'));
  manifest.version += 1;
  writeFileSync(join(newer, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const exhibitors = JSON.parse(readFileSync(join(newer, 'content/exhibitors.json'), 'utf8'));
  exhibitors.push({ id: 'late-arrival', name: { zh: '新到展商', en: 'Late Arrival' }, sort_name: 'Late Arrival' });
  writeFileSync(join(newer, 'content/exhibitors.json'), JSON.stringify(exhibitors, null, 2));
  execFileSync(cli, ['pack', 'manifest', newer]);

  await tap('home-exhibitors');
  await driver.wait(until.elementLocated(By.css('[data-testid="exhibitor-ibm"]')), TIMEOUT);
  assert.equal((await driver.findElements(By.css('[data-testid="exhibitor-late-arrival"]'))).length, 0);

  // As an operator's copy would: straight into the watched folder.
  cpSync(newer, join(dataDir, 'inbox', 'waic-2021-newer'), { recursive: true });
  await driver.wait(
    until.elementLocated(By.css('[data-testid="exhibitor-late-arrival"]')),
    TIMEOUT,
    'the new exhibitor appears on the open list',
  );
  assert.ok(await driver.findElement(By.css('[data-testid="exhibitor-ibm"]')).isDisplayed());
  const status = JSON.parse(execFileSync(cli, ['status', '--json'], { env: { ...process.env, PAVILION_DATA_DIR: dataDir } }));
  assert.equal(status.version, manifest.version);
  await screenshot('inbox-updated');
});
