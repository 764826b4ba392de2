// Measures the real kiosk (the release build, under the Xvfb display that
// bench/kiosk/run.sh makes) as a visitor meets it: cold start to an
// interactive home screen, tap → next screen painted, scrolling the
// directory, memory of the whole process tree, and a soak of visits and
// attract cycles. Prints `key=value` lines; bench/README.md records a run.
//
//   node measure.js start|taps|scroll|memory|soak DATA_DIR
//
// DATA_DIR holds an imported pack (run.sh imports a synthetic one); the
// kiosk is started on it through tauri-driver, like the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { application, startKiosk } from '../../tests/e2e/kiosk.js';

const [what, dataDir] = process.argv.slice(2);
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const BOOT_SECONDS = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))[1]);

function print(key, value) {
  console.log(`${key}=${value}`);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (value) => value.toFixed(1);

function stat(pid) {
  // The command may hold spaces and parentheses: fields start after the last ')'.
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The kiosk's process (the newest one running the binary). */
function kioskPid() {
  return Number(execFileSync('pgrep', ['-n', '-f', `^${application}`], { encoding: 'utf8' }).trim());
}

/** When a process started, in epoch milliseconds (to 1/CLK_TCK). */
function startedAt(pid) {
  return (BOOT_SECONDS + Number(stat(pid)[19]) / TICKS) * 1000;
}

/** `pid` and every process below it: the app and WebKit's web and network processes. */
function tree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(stat(entry)[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const all = [];
  const visit = (p) => {
    all.push(p);
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return all;
}

/** Proportional set size of the kiosk's whole process tree, in MiB. */
function pssMiB(pid) {
  let kib = 0;
  for (const p of tree(pid)) {
    try {
      kib += Number(/^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))[1]);
    } catch {
      // gone meanwhile
    }
  }
  return kib / 1024;
}

/** When the page started loading and when its home screen was painted,
 * in epoch milliseconds. */
async function interactiveAt(kiosk) {
  return kiosk.until(
    () =>
      kiosk.driver.executeScript(`
        const [mark] = performance.getEntriesByName("pavilion:interactive");
        return mark ? { page: performance.timeOrigin, interactive: performance.timeOrigin + mark.startTime } : null`),
    'the home screen became interactive',
  );
}

/** In the page: taps `selector`, resolves with the milliseconds until
 * `target` is in the DOM and the frame after it has been painted. */
const TAP = `
const [selector, target, done] = arguments;
const element = document.querySelector(selector);
if (!element) return done({ error: 'nothing matches ' + selector });
const start = performance.now();
const finish = () => requestAnimationFrame(() => done({ ms: performance.now() - start }));
const observer = new MutationObserver(() => {
  if (document.querySelector(target)) { observer.disconnect(); finish(); }
});
observer.observe(document.body, { childList: true, subtree: true });
element.click();
if (document.querySelector(target)) { observer.disconnect(); finish(); }
`;

async function timedTap(kiosk, selector, target) {
  const result = await kiosk.driver.executeAsyncScript(TAP, selector, target).catch((error) => {
    throw new Error(`tapping ${selector} did not show ${target}: ${error.message}`);
  });
  if (result.error) throw new Error(result.error);
  // Let the screen's entrance finish before the next tap, as a person would.
  await sleep(450);
  return result.ms;
}

const byId = (id) => `[data-testid="${id}"]`;
/** The directory's cards (a row still on its way is a placeholder). */
const CARDS = `${byId('directory')} [data-testid^="exhibitor-"]`;

/** Cold start: process start → home painted with the pack's data, `runs` times. */
async function measureStart(runs = Number(process.env.START_RUNS ?? 10)) {
  const samples = [];
  const shell = [];
  for (let run = 0; run < runs; run++) {
    const kiosk = await startKiosk({ dataDir });
    try {
      const { page, interactive } = await interactiveAt(kiosk);
      const started = startedAt(kioskPid());
      samples.push(interactive - started);
      shell.push(page - started);
    } finally {
      await kiosk.stop();
    }
  }
  print('start_runs', runs);
  print('start_ms_min', ms(Math.min(...samples)));
  print('start_ms_p50', ms(percentile(samples, 50)));
  print('start_ms_max', ms(Math.max(...samples)));
  // Process start → the page starts loading (the shell, the pack opened,
  // WebKit's processes up), and from there → home painted (the UI).
  print('start_shell_ms_p50', ms(percentile(shell, 50)));
  print('start_ui_ms_p50', ms(percentile(samples.map((total, run) => total - shell[run]), 50)));
}

/** Tap → next screen painted, over the screens a visit goes through. */
async function measureTaps(rounds = Number(process.env.TAP_ROUNDS ?? 40)) {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const samples = { directory: [], exhibitor: [], back: [], home: [], news: [], park: [] };
    for (let round = 0; round < rounds; round++) {
      samples.directory.push(await timedTap(kiosk, byId('home-exhibitors'), byId('directory')));
      samples.exhibitor.push(await timedTap(kiosk, `${byId('directory')} [data-testid^="exhibitor-"]`, byId('exhibitor-detail')));
      samples.back.push(await timedTap(kiosk, byId('back'), byId('directory')));
      samples.home.push(await timedTap(kiosk, byId('home'), byId('home-exhibitors')));
      // The lists have no marker of their own; Back is on every screen but home.
      samples.news.push(await timedTap(kiosk, byId('home-news'), byId('back')));
      await timedTap(kiosk, byId('home'), byId('home-parks'));
      samples.park.push(await timedTap(kiosk, byId('home-parks'), byId('back')));
      await timedTap(kiosk, byId('home'), byId('home-exhibitors'));
    }
    const all = Object.values(samples).flat();
    for (const [screen, values] of Object.entries(samples)) print(`tap_${screen}_ms_p95`, ms(percentile(values, 95)));
    print('tap_samples', all.length);
    print('tap_ms_p50', ms(percentile(all, 50)));
    print('tap_ms_p95', ms(percentile(all, 95)));
    print('tap_ms_max', ms(Math.max(...all)));
  } finally {
    await kiosk.stop();
  }
}

/** Scrolls the directory as a steady finger would (a screen a second,
 * then a fling), counting frames that came late. */
async function measureScroll() {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    await kiosk.tap('home-exhibitors');
    await kiosk.element('directory');
    // Its cards, not only the list: scrolling starts on rows drawn.
    await kiosk.driver.wait(
      async () => (await kiosk.driver.executeScript('return document.querySelectorAll(arguments[0]).length', CARDS)) > 0,
      30_000,
      'the directory shows no rows',
    );
    await sleep(1000);
    await kiosk.driver.manage().setTimeouts({ script: 180_000 });
    // Scrolling by script is no touch, so the kiosk's idle reset (90 s by
    // default) takes it home mid-run: the likely reason a slow run once read
    // 0 px and no rows. The run stops at 60 s, and a directory gone or
    // not scrolled is an error, not a figure.
    const result = await kiosk.driver.executeAsyncScript(`
      const done = arguments[0];
      const scroller = document.querySelector('[data-scroller]');
      const frames = [];
      const began = performance.now();
      let last = began;
      let frame = 0;
      const step = (now) => {
        frames.push(now - last);
        last = now;
        if (!document.querySelector('[data-testid="directory"]')) {
          done({ error: 'the directory left the screen after ' + frame + ' frames' });
          return;
        }
        // 600 frames: 5 s at 30 px a frame, then 5 s at 200 px a frame.
        scroller.scrollTop += frame < 300 ? 30 : 200;
        if (++frame < 600 && now - began < 60_000) requestAnimationFrame(step);
        else done({ frames: frames.slice(1), top: scroller.scrollTop, rows: document.querySelectorAll('[data-testid="directory"] li').length });
      };
      requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
    `);
    if (result.error) throw new Error(result.error);
    if (result.top === 0 || result.rows === 0) throw new Error(`scrolled ${result.top} px with ${result.rows} cards drawn`);
    const { frames } = result;
    const budget = 1000 / 60;
    const late = frames.filter((interval) => interval > budget * 1.5).length;
    print('scroll_frames', frames.length);
    print('scroll_px', Math.round(result.top));
    print('scroll_cards_in_dom', result.rows);
    print('scroll_frame_ms_p50', ms(percentile(frames, 50)));
    print('scroll_frame_ms_p95', ms(percentile(frames, 95)));
    print('scroll_frame_ms_max', ms(Math.max(...frames)));
    print('scroll_late_frames', `${late} (${((100 * late) / frames.length).toFixed(1)}%)`);
  } finally {
    await kiosk.stop();
  }
}

/** The whole process tree idling on the home screen after a visit. */
async function measureMemory() {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const pid = kioskPid();
    await sleep(5000);
    print('pss_home_mib', pssMiB(pid).toFixed(0));
    await kiosk.tap('home-exhibitors');
    await kiosk.element('directory');
    await kiosk.tap('home');
    await sleep(30_000);
    print('pss_idle_mib', pssMiB(pid).toFixed(0));
    print('processes', tree(pid).length);
  } finally {
    await kiosk.stop();
  }
}

/**
 * Visits and attract cycles for SOAK_MINUTES (default 20): each cycle is a
 * visit (directory, an exhibitor, the other language), the idle time of the
 * data folder's settings, slides playing, and a touch. Memory is sampled
 * after every cycle, once the loop has been touched away.
 */
async function measureSoak() {
  const minutes = Number(process.env.SOAK_MINUTES ?? 20);
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const pid = kioskPid();
    const deadline = Date.now() + minutes * 60_000;
    const samples = [];
    let cycles = 0;
    let slides = 0;
    while (Date.now() < deadline) {
      // On a busy machine the idle time can pass between two cycles: then
      // a touch on the loop starts the visit, as it would for a visitor.
      if (await kiosk.has('attract-loop')) {
        await (await kiosk.element('attract-loop')).click();
        await kiosk.until(async () => !(await kiosk.has('attract-loop')), 'the loop ends on a touch');
      }
      await kiosk.tap('home-exhibitors');
      // The rows arrive after the directory itself: wait for them.
      const row = await kiosk.until(
        () => kiosk.driver.executeScript(`return document.querySelectorAll('${byId('directory')} [data-testid^="exhibitor-"]')[${cycles % 7}] ?? null`),
        'the directory shows its rows',
      );
      await row.click();
      await kiosk.element('exhibitor-detail');
      await kiosk.tap('language-toggle');
      const loop = await kiosk.element('attract-loop');
      const shown = new Set();
      const until = Date.now() + 6000;
      while (Date.now() < until) {
        shown.add(await kiosk.driver.executeScript(`return document.querySelector('${byId('attract-slide')}')?.dataset.slideId ?? null`));
        await sleep(500);
      }
      slides += shown.size;
      await loop.click();
      await kiosk.until(async () => !(await kiosk.has('attract-loop')), 'the loop ends on a touch');
      await kiosk.goHome();
      cycles++;
      samples.push(pssMiB(pid));
      if (cycles % 10 === 0) console.error(`soak: ${cycles} cycles, ${samples.at(-1).toFixed(0)} MiB`);
    }
    const warm = samples.slice(0, Math.min(5, samples.length));
    const base = warm.reduce((sum, value) => sum + value, 0) / warm.length;
    const tail = samples.slice(-5);
    const end = tail.reduce((sum, value) => sum + value, 0) / tail.length;
    print('soak_minutes', minutes);
    print('soak_cycles', cycles);
    print('soak_slides_seen', slides);
    print('soak_pss_first5_mib', base.toFixed(0));
    print('soak_pss_last5_mib', end.toFixed(0));
    print('soak_pss_max_mib', Math.max(...samples).toFixed(0));
    print('soak_growth_pct', ((100 * (end - base)) / base).toFixed(1));
  } finally {
    await kiosk.stop();
  }
}

const measures = { start: measureStart, taps: measureTaps, scroll: measureScroll, memory: measureMemory, soak: measureSoak };
if (!measures[what] || !dataDir) {
  console.error(`usage: node measure.js ${Object.keys(measures).join('|')} DATA_DIR`);
  process.exit(2);
}
await measures[what]();
