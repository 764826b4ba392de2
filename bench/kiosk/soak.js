// A compressed fair day on the real (release) kiosk, to see whether memory
// and open handles stay flat over hours: visits every ~20 s (directory and
// an exhibitor, the search keyboard, news in the other language, a park),
// the idle reset and the attract loop after each, and three pack switches
// through the watched folder that stands for the synced one. Every minute
// the shell's and WebKit's processes are sampled into a CSV: resident
// memory, open file descriptors, threads. bench/soak.sh prepares the data
// folder and the packs and runs this inside Xvfb.
//
//   node soak.js run DATA_DIR SYNCED_FOLDER STATUS_FOLDER CSV PACK_V2 PACK_V3 PACK_V4
//   node soak.js summary CSV        (also of a run still going)
//
// SOAK_SECONDS (default 7200) is the length of the day, SOAK_SAMPLE_SECONDS
// (default 60) the sampling period. Progress goes to stderr.
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startKiosk } from '../../tests/e2e/kiosk.js';
import { appPid, command, tree } from '../../tests/e2e/processes.js';

/** The process groups of a sample: the shell, WebKit's web processes, its
 * network process, and anything else below the shell (sandbox helpers). */
const GROUPS = ['shell', 'web', 'network', 'other'];
const MEASURES = ['rss_kib', 'fds', 'threads'];
const COLUMNS = [
  'utc',
  'elapsed_s',
  'visits',
  'failed_visits',
  'live_version',
  ...GROUPS.flatMap((group) => [...MEASURES.map((measure) => `${group}_${measure}`), `${group}_processes`]),
  ...MEASURES.map((measure) => `total_${measure}`),
];

const log = (message) => console.error(`soak ${new Date().toISOString().slice(11, 19)}: ${message}`);

function groupOf(pid, shell) {
  if (pid === shell) return 'shell';
  const name = command(pid);
  if (name.startsWith('WebKitWebProces')) return 'web';
  if (name.startsWith('WebKitNetworkPr')) return 'network';
  return 'other';
}

/** VmRSS, open descriptors and threads of the shell and every process below it. */
function sample(shell) {
  const sums = Object.fromEntries(GROUPS.map((group) => [group, { rss_kib: 0, fds: 0, threads: 0, processes: 0 }]));
  for (const pid of tree(shell)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const sum = sums[groupOf(pid, shell)];
      sum.rss_kib += Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
      sum.threads += Number(/^Threads:\s+(\d+)$/m.exec(status)[1]);
      sum.fds += readdirSync(`/proc/${pid}/fd`).length;
      sum.processes += 1;
    } catch {
      // gone meanwhile
    }
  }
  return sums;
}

/** The live pack's version as the kiosk last reported it in its status file. */
function liveVersion(statusFolder) {
  for (const file of existsSync(statusFolder) ? readdirSync(statusFolder) : []) {
    if (!file.endsWith('.json')) continue;
    try {
      return JSON.parse(readFileSync(join(statusFolder, file), 'utf8')).version ?? '';
    } catch {
      // being replaced (written atomically, but read between two files)
    }
  }
  return '';
}

const byId = (id) => `[data-testid="${id}"]`;

/** One visitor: touches the attract loop away if it plays, does `kind` of
 * visit, and walks off (the idle reset brings the loop back). */
async function visit(kiosk, kind, round) {
  if (await kiosk.has('attract-loop')) {
    await kiosk.tap('attract-loop');
    await kiosk.until(async () => !(await kiosk.has('attract-loop')), 'the loop ends on a touch');
  }
  await kiosk.goHome();
  // The `round`-th of the matches, tapped; a list still settling (search
  // results redrawn after each key) is tried again.
  const tapNth = (selector) =>
    kiosk.until(async () => {
      try {
        const element = await kiosk.driver.executeScript(
          'const all = document.querySelectorAll(arguments[0]); return all[arguments[1] % all.length] ?? null',
          selector,
          round,
        );
        if (!element) return false;
        await element.click();
        return true;
      } catch (error) {
        if (['StaleElementReferenceError', 'ElementNotInteractableError', 'ElementClickInterceptedError'].includes(error.name)) return false;
        throw error;
      }
    }, `${selector} can be tapped`);
  switch (kind) {
    case 'directory':
      await kiosk.tap('home-exhibitors');
      await tapNth(`${byId('directory')} [data-testid^="exhibitor-"]`);
      await kiosk.element('exhibitor-detail');
      await kiosk.tap('back');
      await kiosk.element('directory');
      break;
    case 'search': {
      await kiosk.tap('home-search');
      await kiosk.element('search-screen');
      // Two letters of some exhibitor's sort name, as a visitor starts typing.
      const letters = ['sh', 'he', 'ti', 'zh', 'ba', 'yu', 'ch'][round % 7];
      for (const letter of letters) await kiosk.tap(`search-key-${letter}`);
      await tapNth('[data-testid^="search-hit-"]');
      await kiosk.until(async () => !(await kiosk.has('search-screen')), 'a hit opens');
      break;
    }
    case 'news':
      await kiosk.tap('language-toggle');
      await kiosk.tap('home-news');
      await tapNth('[data-testid^="news-"]');
      await kiosk.element('news-detail');
      break;
    case 'park':
      await kiosk.tap('home-parks');
      await tapNth('[data-testid^="park-"]');
      await kiosk.element('park-detail');
      break;
  }
}

/** Waits (bounded) for the attract loop after a visit and lets it play. */
async function attract(kiosk) {
  await kiosk.driver.wait(async () => kiosk.has('attract-loop'), 90_000, 'the attract loop comes back');
  await sleep(6_000);
}

async function run([dataDir, synced, statusFolder, csv, ...packs]) {
  const duration = Number(process.env.SOAK_SECONDS ?? 7200) * 1000;
  const period = Number(process.env.SOAK_SAMPLE_SECONDS ?? 60) * 1000;
  writeFileSync(csv, `${COLUMNS.join(',')}\n`);
  const kiosk = await startKiosk({ dataDir });
  const began = Date.now();
  let visits = 0;
  let failed = 0;
  let inARow = 0;
  const shell = appPid(kiosk);
  let gone = false;
  const record = () => {
    // A kiosk that exited has nothing left to sample: the run stops.
    gone ||= !existsSync(`/proc/${shell}`);
    if (gone) return;
    const sums = sample(shell);
    const row = {
      utc: new Date().toISOString(),
      elapsed_s: Math.round((Date.now() - began) / 1000),
      visits,
      failed_visits: failed,
      live_version: liveVersion(statusFolder),
    };
    for (const group of GROUPS) {
      for (const [key, value] of Object.entries(sums[group])) row[`${group}_${key}`] = value;
    }
    for (const measure of MEASURES) row[`total_${measure}`] = GROUPS.reduce((sum, group) => sum + sums[group][measure], 0);
    appendFileSync(csv, `${COLUMNS.map((column) => row[column]).join(',')}\n`);
  };
  record();
  const sampler = setInterval(record, period);
  // The pack switches, at a quarter, a half and three quarters of the day.
  const switches = packs.map((pack, index) => ({ pack, at: (duration * (index + 1)) / (packs.length + 1) }));
  const kinds = ['directory', 'search', 'news', 'park'];
  try {
    while (Date.now() - began < duration) {
      if (gone) throw new Error(`the kiosk (process ${shell}) exited`);
      const due = switches.find((change) => !change.done && Date.now() - began >= change.at);
      if (due) {
        due.done = true;
        await publish(kiosk, due.pack, synced, statusFolder);
      }
      try {
        await visit(kiosk, kinds[visits % kinds.length], Math.floor(visits / kinds.length));
        await attract(kiosk);
        inARow = 0;
      } catch (error) {
        failed++;
        inARow++;
        log(`visit ${visits} (${kinds[visits % kinds.length]}) failed: ${error.name}: ${error.message.split('\n')[0]}`);
        // Five in a row: the session or the kiosk is gone, not a slow tap.
        if (inARow >= 5) throw new Error(`five visits in a row failed; the last: ${error.message}`);
      }
      visits++;
      if (visits % 30 === 0) log(`${visits} visits, ${failed} failed`);
    }
  } finally {
    clearInterval(sampler);
    record();
    await kiosk.stop();
    summary(csv);
  }
}

/** Publishes `pack` into the synced folder as a sync engine updates a
 * folder in place, and waits (bounded) for the kiosk to report its version
 * and show its event name on home. */
async function publish(kiosk, pack, synced, statusFolder) {
  const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8'));
  const event = JSON.parse(readFileSync(join(pack, 'content/event.json'), 'utf8'));
  log(`publishing version ${manifest.version}`);
  const published = Date.now();
  cpSync(pack, join(synced, manifest.pack), { recursive: true, force: true });
  await kiosk.driver.wait(async () => Number(liveVersion(statusFolder)) === manifest.version, 180_000, `version ${manifest.version} goes live`);
  const live = Date.now();
  await kiosk.goHome().catch(() => {});
  const names = Object.values(event.name);
  await kiosk.driver.wait(
    async () => {
      if (await kiosk.has('attract-loop')) await kiosk.tap('attract-loop');
      const shown = await kiosk.driver.executeScript(`return document.querySelector('${byId('event-name')}')?.textContent.trim()`);
      return names.includes(shown);
    },
    120_000,
    `home shows version ${manifest.version}'s event name`,
  );
  log(`version ${manifest.version} live after ${((live - published) / 1000).toFixed(1)} s, on screen after ${((Date.now() - published) / 1000).toFixed(1)} s`);
}

/** Least-squares slope of `values` over `hours`, per hour. */
function slope(hours, values) {
  const n = hours.length;
  const mx = hours.reduce((a, b) => a + b, 0) / n;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (hours[i] - mx) * (values[i] - my);
    den += (hours[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * First hour against last hour (halves, for a run shorter than two hours;
 * the first five minutes, a twentieth of a short run, left out as warm-up):
 * mean, maximum and slope per hour of each total and of the shell and web
 * processes' memory. Memory is flat when the last window grows by under
 * 1 % of its mean per hour and its mean is within 10 % of the first's;
 * handles are flat when the last window's most descriptors and threads are
 * no more than the first's (plus 5 %, at least 2: pools that come and go).
 */
function summary(csv) {
  const [header, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const rows = lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
  if (rows.length < 4) {
    console.log(`${rows.length} samples: too few for a summary`);
    return;
  }
  const end = Number(rows.at(-1).elapsed_s);
  const window = Math.min(3600, end / 2);
  // The first minutes are the kiosk warming up (caches, compiled code),
  // not the day it then spends.
  const warm = Math.min(300, end / 20);
  const first = rows.filter((row) => Number(row.elapsed_s) >= warm && Number(row.elapsed_s) <= window);
  const last = rows.filter((row) => Number(row.elapsed_s) >= end - window);
  const label = window === 3600 ? 'hour' : `${(window / 60).toFixed(1)} min`;
  console.log(`samples=${rows.length} elapsed=${(end / 60).toFixed(1)} min visits=${rows.at(-1).visits} failed_visits=${rows.at(-1).failed_visits} live_version=${rows.at(-1).live_version}`);
  console.log(`window=first and last ${label} (${first.length} and ${last.length} samples)`);
  const describe = (part, column) => {
    const values = part.map((row) => Number(row[column]));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return { mean, max: Math.max(...values), slope: slope(part.map((row) => Number(row.elapsed_s) / 3600), values) };
  };
  const verdicts = {};
  for (const column of ['total_rss_kib', 'shell_rss_kib', 'web_rss_kib', 'network_rss_kib', 'total_fds', 'total_threads', 'shell_fds', 'web_fds']) {
    const a = describe(first, column);
    const b = describe(last, column);
    const mib = column.endsWith('rss_kib');
    const show = (value) => (mib ? `${(value / 1024).toFixed(1)} MiB` : value.toFixed(1));
    console.log(
      `${column}: first ${label} mean ${show(a.mean)} max ${show(a.max)} slope ${show(a.slope)}/h; last ${label} mean ${show(b.mean)} max ${show(b.max)} slope ${show(b.slope)}/h`,
    );
    if (column === 'total_rss_kib') verdicts.memory = b.slope < 0.01 * b.mean && b.mean <= 1.1 * a.mean;
    if (column === 'total_fds' || column === 'total_threads') {
      verdicts[column] = b.max <= a.max + Math.max(2, 0.05 * a.max);
    }
  }
  const handles = verdicts.total_fds && verdicts.total_threads;
  console.log(`memory: ${verdicts.memory ? 'FLAT' : 'GROWING'}`);
  console.log(`handles: ${handles ? 'FLAT' : 'GROWING'} (descriptors ${verdicts.total_fds ? 'flat' : 'growing'}, threads ${verdicts.total_threads ? 'flat' : 'growing'})`);
}

const [what, ...args] = process.argv.slice(2);
if (what === 'run' && args.length >= 4) await run(args);
else if (what === 'summary' && args.length === 1) summary(args[0]);
else {
  console.error('usage: node soak.js run DATA_DIR SYNCED_FOLDER STATUS_FOLDER CSV [PACK...] | summary CSV');
  process.exit(2);
}
