// Starts the real kiosk for one test file and taps it like a visitor: the
// debug binary with its embedded UI, launched by tauri-driver through
// WebKitWebDriver inside the Xvfb display run.sh made, on a data folder of
// its own.
//
// Every wait here is bounded and every process is stopped as a group, so a
// kiosk or driver that hangs fails its test file instead of the whole run.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { Builder, By, Capabilities, until } from 'selenium-webdriver';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const application = process.env.PAVILION_KIOSK_BIN ?? join(root, 'target/debug/pavilion-kiosk');
export const cli = process.env.PAVILION_CLI_BIN ?? join(root, 'target/debug/pavilion');
export const orientation = process.env.PAVILION_E2E_ORIENTATION ?? 'portrait';
export const demoPack = join(root, 'packs/waic-2021');
export const TIMEOUT = 30_000;
/** Starting WebKit and the app the first time on a cold machine is slow. */
const START_TIMEOUT = 90_000;
const STOP_TIMEOUT = 10_000;
const screenshotDir = process.env.PAVILION_SCREENSHOT_DIR;

/** A TCP port nobody listens on now. Ports are chosen afresh for every
 * kiosk, so a driver left over from an earlier run can never answer. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** `promise`, or a rejection naming `what` once `ms` have passed. */
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', done));
}

/** Stops tauri-driver with everything it started (WebKitWebDriver, the
 * app, WebKit's helpers): SIGTERM to the process group first, so that
 * tauri-driver shuts WebKitWebDriver down properly, SIGKILL if anything is
 * still there after STOP_TIMEOUT. */
async function stopGroup(child) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  await within(STOP_TIMEOUT, 'tauri-driver stopping', exited(child)).catch(() => signal('SIGKILL'));
  await new Promise((done) => setTimeout(done, 200));
  signal('SIGKILL');
}

async function waitForDriver(port, child) {
  const deadline = Date.now() + START_TIMEOUT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode} before listening`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`tauri-driver did not listen on port ${port} within ${START_TIMEOUT} ms`);
}

/**
 * Starts a kiosk on a fresh data folder, or on `dataDir` (used as it is, not
 * created) when given. `settings` is written to `DATA/settings.json` first;
 * `packs` (folders) are imported with the CLI before the app starts. Without
 * packs the kiosk falls back to the demo pack. `args` go to the kiosk's
 * command line (`--preview PACK`). WebKit's caches always start empty.
 */
export async function startKiosk({ settings, packs = [], dataDir: existing, args = [] } = {}) {
  const sandbox = mkdtempSync(join(tmpdir(), 'pavilion-e2e-'));
  const dataDir = existing ?? join(sandbox, 'data');
  if (!existing) mkdirSync(dataDir);
  // Nothing the app or WebKit writes may land in $HOME or the shared /tmp.
  const env = { ...process.env, PAVILION_DATA_DIR: dataDir };
  for (const name of ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'TMPDIR']) {
    env[name] = join(sandbox, name.toLowerCase());
    mkdirSync(env[name], { recursive: true });
  }
  if (settings) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  for (const pack of packs) execFileSync(cli, ['pack', 'import', pack], { env, stdio: 'pipe' });

  const port = await freePort();
  const nativePort = await freePort();
  const tauriDriver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  let driver;
  try {
    await waitForDriver(port, tauriDriver);
    const capabilities = new Capabilities();
    capabilities.set('tauri:options', { application, args });
    capabilities.setBrowserName('wry');
    driver = await within(
      START_TIMEOUT,
      'starting the kiosk through WebDriver',
      new Builder().withCapabilities(capabilities).usingServer(`http://127.0.0.1:${port}/`).build(),
    );
  } catch (error) {
    await stopGroup(tauriDriver);
    rmSync(sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    throw error;
  }
  return new Kiosk(driver, tauriDriver, sandbox, dataDir, env);
}

/** What a screen that is still rendering throws at a finger or a reader. */
const TRANSIENT_ERRORS = ['NoSuchElementError', 'ElementNotInteractableError', 'ElementClickInterceptedError', 'StaleElementReferenceError'];

class Kiosk {
  constructor(driver, tauriDriver, sandbox, dataDir, env) {
    this.driver = driver;
    this.tauriDriver = tauriDriver;
    this.sandbox = sandbox;
    this.dataDir = dataDir;
    this.env = env;
  }

  async stop() {
    await within(STOP_TIMEOUT, 'closing the WebDriver session', this.driver.quit()).catch(() => {});
    await stopGroup(this.tauriDriver);
    // WebKit's helper processes may still be writing their shader cache for
    // a moment after the app is gone: retry rather than fail the run.
    rmSync(this.sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }

  /** Taps like a finger: retries while the screen is still animating in.
   * `part` taps a descendant instead (WebDriver cannot tap an SVG group,
   * only a shape in it). */
  async tap(testId, part = '') {
    await this.#tapFirst(By.css(`[data-testid="${testId}"] ${part}`.trim()), `${testId} could not be tapped`);
  }

  /** Taps the one of several `testId` elements that reads `text`, as a
   * finger picks a word from a strip that re-renders while it fills. */
  async tapText(testId, text) {
    const locator = By.xpath(`//*[@data-testid=${JSON.stringify(testId)}][normalize-space(.)=${JSON.stringify(text)}]`);
    await this.#tapFirst(locator, `${testId} reading "${text}" could not be tapped`);
  }

  async #tapFirst(locator, message) {
    await this.until(async () => {
      await this.driver.findElement(locator).click();
      return true;
    }, message);
  }

  /** Back to the home screen from wherever the last test left the kiosk. */
  async goHome() {
    if (await this.has('home')) await this.tap('home');
    await this.element('home-exhibitors');
  }

  async element(testId) {
    return this.driver.wait(until.elementLocated(By.css(`[data-testid="${testId}"]`)), TIMEOUT, `${testId} is on screen`);
  }

  async textOf(testId) {
    return (await this.element(testId)).getText();
  }

  async has(testId) {
    return (await this.driver.findElements(By.css(`[data-testid="${testId}"]`))).length > 0;
  }

  /** Waits until `condition` (async, returning a truthy value) holds. An
   * element that is not there yet, or was replaced by a re-render between
   * finding and reading it, is a "not yet", not a failure. */
  async until(condition, message) {
    return this.driver.wait(
      async () => {
        try {
          return await condition();
        } catch (error) {
          if (TRANSIENT_ERRORS.includes(error.name)) return false;
          throw error;
        }
      },
      TIMEOUT,
      message,
    );
  }

  /** The pack language the page is in (`<html lang="zh-Hans">` is `zh`). */
  async pageLanguage(languages = packLanguages) {
    const lang = await this.driver.executeScript('return document.documentElement.lang');
    const code = languages.find((code) => lang === code || lang.startsWith(`${code}-`));
    assert.ok(code, `<html lang="${lang}"> is one of the pack's languages ${languages}`);
    return code;
  }

  /** What a visitor sees now, for a person to look at (only when
   * PAVILION_SCREENSHOT_DIR is set). Taken from the X display, not through
   * WebDriver: WebKitWebDriver's snapshot sometimes shows the screen before
   * the last tap. The wait lets transitions settle and WebKit paint (under
   * Xvfb, with no GPU, a new screen can take over half a second). */
  async screenshot(name) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await this.driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => setTimeout(done, 1500))');
    execFileSync('import', ['-window', 'root', join(screenshotDir, `${orientation}-${name}.png`)]);
  }
}

/** The whole X display now, as raw RGB bytes. Read from the X server, not
 * through WebDriver: its session ends with the page's web process
 * ("session deleted because of page crash or hang"). */
export function screenPixels() {
  return execFileSync('import', ['-window', 'root', '-depth', '8', 'rgb:-'], { maxBuffer: 64 * 1024 * 1024 });
}

/** The share of pixels that differ between two screens (a channel off by
 * more than a rounding's worth). */
export function screenDifference(a, b) {
  assert.equal(a.length, b.length, 'both screens have the same size');
  let differing = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (Math.abs(a[i] - b[i]) > 8 || Math.abs(a[i + 1] - b[i + 1]) > 8 || Math.abs(a[i + 2] - b[i + 2]) > 8) differing++;
  }
  return differing / (a.length / 3);
}

export const packLanguages = JSON.parse(readFileSync(join(demoPack, 'manifest.json'), 'utf8')).languages;

export function readPackJson(pack, file) {
  return JSON.parse(readFileSync(join(pack, file), 'utf8'));
}

/** A localised text in `language` (a plain string is every language). */
export function text(localised, language) {
  return typeof localised === 'string' ? localised : localised[language];
}

/** A copy of the demo pack in `folder`, with `edits` applied (`{
 * 'content/exhibitors.json': (json) => … }`, each given the parsed file to
 * change in place) and its manifest sealed again over the changed files. */
export function demoPackWith(folder, edits) {
  cpSync(demoPack, folder, { recursive: true });
  const manifest = readPackJson(folder, 'manifest.json');
  for (const [file, edit] of Object.entries(edits)) {
    const json = readPackJson(folder, file);
    edit(json);
    const bytes = Buffer.from(JSON.stringify(json));
    writeFileSync(join(folder, file), bytes);
    manifest.files[file] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return folder;
}
