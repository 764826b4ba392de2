// The running kiosk's processes, read from /proc: the end-to-end tests kill
// or stop them (recovery.test.js), the kiosk benchmarks measure them
// (bench/kiosk/). The app runs under tauri-driver and WebKitWebDriver, and
// WebKit's web and network processes run under the app.
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { application } from './kiosk.js';

/** The fields of /proc/PID/stat after the command (`stat(pid)[1]` is the
 * parent, `[19]` the start time). */
export function stat(pid) {
  // The command may hold spaces and parentheses: fields start after the last ')'.
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** Whether process `pid` runs (a zombie has ended). */
export function running(pid) {
  try {
    return stat(pid)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** A process's command name, cut to 15 characters as /proc keeps it; ''
 * once it is gone. */
export function command(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** `pid` and every process below it. */
export function tree(pid) {
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

/** The kiosk app's process under a kiosk's tauri-driver (`startKiosk`). */
export function appPid(kiosk) {
  const name = basename(application).slice(0, 15);
  const app = tree(kiosk.tauriDriver.pid).find((pid) => command(pid) === name);
  if (!app) throw new Error(`no ${name} process runs under tauri-driver ${kiosk.tauriDriver.pid}`);
  return app;
}

/** WebKit's web processes under the app: the page runs in them. */
export function webProcesses(app) {
  return tree(app).filter((pid) => command(pid).startsWith('WebKitWebProces'));
}
