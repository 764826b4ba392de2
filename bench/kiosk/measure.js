// Measures the real kiosk (the release build, under the Xvfb display that
// bench/kiosk/run.sh makes) as a visitor meets it: cold start to an
// interactive home screen, tap → next screen painted, scrolling the
// directory, memory of the whole process tree, and the CPU an idle kiosk
// takes from the taps and the scrolling (the long run is bench/soak.sh).
// Prints `key=value` lines; bench/README.md records a run.
//
//   node measure.js start|taps|scroll|memory|record|idle|commands DATA_DIR
//
// DATA_DIR holds an imported pack (run.sh imports a synthetic one); the
// kiosk is started on it through tauri-driver, like the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, startKiosk } from '../../tests/e2e/kiosk.js';
import { appPid, command, stat, tree } from '../../tests/e2e/processes.js';

const [what, dataDir] = process.argv.slice(2);
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

function print(key, value) {
  console.log(`${key}=${value}`);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (value) => value.toFixed(1);

/** When a process started, in epoch milliseconds (to 1/CLK_TCK): its start
 * is counted in ticks since boot, and /proc/uptime says (to 10 ms) how long
 * ago boot was. /proc/stat's `btime` is whole seconds, truncated: counting
 * from it put every start up to a second early, which a cold start's
 * figure then included (0.56 s on the machine of bench/README.md's
 * kiosk-speed section). */
function startedAt(pid) {
  const started = Number(stat(pid)[19]) / TICKS;
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Date.now() - (uptime - started) * 1000;
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
// A finger's press first: a click alone is no touch to the kiosk, whose
// idle reset then took a run longer than its idle time home mid-tap.
element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, isPrimary: true }));
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
  /** CPU time each process had spent when home became interactive (read
   * just after): on a busy machine the wall time is mostly the share of
   * the machine the start got, this what the start itself cost. */
  const cpu = new Map();
  for (let run = 0; run < runs; run++) {
    const kiosk = await startKiosk({ dataDir });
    try {
      const { page, interactive } = await interactiveAt(kiosk);
      const app = appPid(kiosk);
      for (const p of tree(app)) {
        const name = command(p) || String(p);
        cpu.set(name, [...(cpu.get(name) ?? []), 1000 * cpuSeconds(p)]);
      }
      const started = startedAt(app);
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
  for (const [name, values] of cpu) print(`start_cpu_ms_p50_${name}`, ms(percentile(values, 50)));
}

/** Tap → next screen painted, over the screens a visit goes through. */
async function measureTaps(rounds = Number(process.env.TAP_ROUNDS ?? 40)) {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const samples = { directory: [], exhibitor: [], back: [], home: [], news: [], park: [] };
    for (let round = 0; round < rounds; round++) {
      // The directory is there for a visitor once its cards are: the list
      // element alone comes first, with placeholders while its rows are
      // on their way (and a card to tap next is needed anyway).
      samples.directory.push(await timedTap(kiosk, byId('home-exhibitors'), CARDS));
      samples.exhibitor.push(await timedTap(kiosk, CARDS, byId('exhibitor-detail')));
      samples.back.push(await timedTap(kiosk, byId('back'), CARDS));
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
    // CPU time as well as wall time: on a loaded machine a frame's wall
    // time is mostly the share of the machine the kiosk got, its CPU time
    // what the kiosk itself spent (WebKit repaints the scroller in
    // software, each frame).
    const processes = tree(appPid(kiosk));
    const cpuBefore = processes.map(cpuSeconds);
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
    const cpuMs = processes.map((p, at) => 1000 * (cpuSeconds(p) - cpuBefore[at]));
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
    const perFrame = (total) => (total / (frames.length + 1)).toFixed(1);
    processes.forEach((p, at) => print(`scroll_cpu_ms_per_frame_${command(p) || p}`, perFrame(cpuMs[at])));
    print('scroll_cpu_ms_per_frame', perFrame(cpuMs.reduce((a, b) => a + b, 0)));
  } finally {
    await kiosk.stop();
  }
}

/** The whole process tree idling on the home screen after a visit. */
async function measureMemory() {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const pid = appPid(kiosk);
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

/** The UI's side of recording visitor statistics: one visit's batch (the
 * events of an average visit in bench/stats.rs, built afresh each time as
 * `visitor-events.ts` builds them) sent through the real IPC with
 * `record_visitor_events`, `RECORD_VISITS` times, 50 ms apart. `sync` is
 * what the page's thread spends (building the batch, serialising it,
 * handing it to the IPC); `round_trip` adds the shell's command (the
 * buffer) and the answer, which the page does not wait for; then as many
 * calls again in one burst, timed together. The shell's flush puts them all
 * in stats.db: `pavilion stats` must count them. */
async function measureRecord(visits = Number(process.env.RECORD_VISITS ?? 300)) {
  // The data folder's stats.db may hold earlier runs' visits.
  const countedVisits = () =>
    JSON.parse(execFileSync(cli, ['stats', '--json', '--data-dir', dataDir], { encoding: 'utf8' })).visits;
  const before = countedVisits();
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const timings = await kiosk.driver.executeAsyncScript(
      `const [visits, done] = arguments;
       const invoke = window.__TAURI_INTERNALS__.invoke;
       const sync = [], trip = [];
       const batch = () => {
         const at_ms = Date.now();
         const event = (what) => ({ at_ms, what });
         return [
           event({ kind: 'visit_started' }),
           event({ kind: 'language_chosen', language: 'en' }),
           ...['home', 'exhibitors', 'exhibitor', 'search', 'exhibitor', 'home'].map((screen) =>
             event({ kind: 'screen_viewed', screen })),
           event({ kind: 'viewed', entity: 'exhibitor', id: 'ibm' }),
           event({ kind: 'viewed', entity: 'exhibitor', id: 'merck' }),
           event({ kind: 'qr_shown', link: 'contact' }),
           event({ kind: 'searched', query: 'robot arm', hits: 12 }),
           event({ kind: 'searched', query: 'zqx', hits: 0 }),
           event({ kind: 'visit_ended', seconds: 95 }),
         ];
       };
       (async () => {
         for (let i = 0; i < visits; i++) {
           const t0 = performance.now();
           const answer = invoke('record_visitor_events', { events: batch() });
           const t1 = performance.now();
           await answer;
           trip.push(performance.now() - t0);
           sync.push(t1 - t0);
           await new Promise((resolve) => setTimeout(resolve, 50));
         }
         // performance.now() is coarse in WebKit (whole ms here): the
         // page's cost per batch, also as the mean of a burst.
         const t0 = performance.now();
         const answers = [];
         for (let i = 0; i < visits; i++) answers.push(invoke('record_visitor_events', { events: batch() }));
         const burst = (performance.now() - t0) / visits;
         await Promise.all(answers);
         done({ sync, trip, burst });
       })().catch((error) => done({ error: String(error) }));`,
      visits,
    );
    if (timings.error) throw new Error(timings.error);
    print('events_per_batch', 14);
    print('sync_p50_ms', ms(percentile(timings.sync, 50)));
    print('sync_p99_ms', ms(percentile(timings.sync, 99)));
    print('sync_mean_of_a_burst_ms', timings.burst.toFixed(3));
    print('round_trip_p50_ms', ms(percentile(timings.trip, 50)));
    print('round_trip_p99_ms', ms(percentile(timings.trip, 99)));
    const flushed = Date.now();
    let counted = 0;
    while (counted < 2 * visits && Date.now() - flushed < 30_000) {
      await sleep(250);
      counted = countedVisits() - before;
    }
    print('visits_in_stats_db', counted);
    print('in_stats_db_after_ms', Date.now() - flushed);
  } finally {
    await kiosk.stop();
  }
}

/** The commands each screen of a visit awaits, called from the page as the
 * UI calls them (`COMMAND_RUNS` times each): the round trip's p50 and max
 * and the size of the answer's JSON, so a slow tap can be told apart as
 * the core's answer, its size through the IPC, or the page's drawing. */
async function measureCommands(runs = Number(process.env.COMMAND_RUNS ?? 10)) {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const result = await kiosk.driver.executeAsyncScript(
      `const [runs, done] = arguments;
       const invoke = window.__TAURI_INTERNALS__.invoke;
       const all = { category: null, hall: null };
       const timed = async (name, args) => {
         const times = [];
         let bytes = 0;
         for (let i = 0; i < runs; i++) {
           const t0 = performance.now();
           const answer = await invoke(name, args);
           times.push(performance.now() - t0);
           bytes = JSON.stringify(answer).length;
         }
         return { times, bytes };
       };
       (async () => {
         const first = await invoke('list_exhibitor_window', { filter: all, lang: 'en', offset: 0, limit: 1 });
         const calls = {
           get_home: [{}],
           list_halls: [{}],
           get_directory_outline: [{ filter: all, lang: 'en' }],
           list_exhibitor_window: [{ filter: all, lang: 'en', offset: 0, limit: 100 }],
           get_exhibitor: [{ id: first[0].id }],
           list_news: [{}],
           list_parks: [{}],
         };
         const out = {};
         for (const [name, [args]] of Object.entries(calls)) out[name] = await timed(name, args);
         done(out);
       })().catch((error) => done({ error: String(error) }));`,
      runs,
    );
    if (result.error) throw new Error(result.error);
    for (const [name, { times, bytes }] of Object.entries(result)) {
      print(`command_${name}_ms_p50`, ms(percentile(times, 50)));
      print(`command_${name}_ms_max`, ms(Math.max(...times)));
      print(`command_${name}_bytes`, bytes);
    }
    print('command_runs', runs);
  } finally {
    await kiosk.stop();
  }
}

/** CPU seconds (user + system) a process has used so far; 0 once gone. */
function cpuSeconds(pid) {
  try {
    const fields = stat(pid);
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** The CPU the whole tree uses while the kiosk idles on its home screen,
 * as a share of one core, per process: CPU time, not wall time, so a busy
 * machine changes it little. Whatever an idle kiosk spends is taken from
 * the next tap and scroll on a 2-core kiosk. */
async function measureIdle(seconds = Number(process.env.IDLE_SECONDS ?? 30)) {
  const kiosk = await startKiosk({ dataDir });
  try {
    await interactiveAt(kiosk);
    const pid = appPid(kiosk);
    await sleep(5000);
    const processes = tree(pid);
    const before = processes.map(cpuSeconds);
    await sleep(seconds * 1000);
    let total = 0;
    processes.forEach((p, at) => {
      const share = (cpuSeconds(p) - before[at]) / seconds;
      total += share;
      print(`idle_cpu_${command(p) || p}`, `${(100 * share).toFixed(1)}%`);
    });
    print('idle_cpu_total', `${(100 * total).toFixed(1)}%`);
    print('idle_seconds', seconds);
  } finally {
    await kiosk.stop();
  }
}

const measures = {
  start: measureStart,
  taps: measureTaps,
  scroll: measureScroll,
  memory: measureMemory,
  record: measureRecord,
  idle: measureIdle,
  commands: measureCommands,
};
if (!measures[what] || !dataDir) {
  console.error(`usage: node measure.js ${Object.keys(measures).join('|')} DATA_DIR`);
  process.exit(2);
}
await measures[what]();
