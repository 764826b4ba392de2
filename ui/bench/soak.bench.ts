// Ten thousand visits and attract cycles in one page, to show the kiosk can
// run for days without growing: each cycle is a visit (directory, an
// exhibitor, the other language), the idle reset, the attract loop starting
// with its slides, and a touch. (Slides changing within one loop are the
// real-app soak's part, bench/kiosk: a cross-fade takes 1.2 s.) Idle time and slides are shortened to milliseconds
// (the mock's settings and slides) so that days of use fit in minutes; the
// screens, state and timers are the shipped code's. After every block the
// page is garbage-collected and the JS heap, DOM nodes and listeners are
// read through the DevTools protocol.
//
//   SOAK_CYCLES=10000 npm run bench:soak     (prints key=value lines)

import { expect, test } from "@playwright/test";
import { fixture } from "../tests/helpers";
import { mockShell } from "../tests/tauri-mock";

const CYCLES = Number(process.env.SOAK_CYCLES ?? 10_000);
const BLOCK = 250;

test("soak: visits and attract cycles without growth", async ({ page }) => {
  const data = structuredClone(fixture);
  const pictures = data.list_parks.flatMap((park) => (park.image ? [park.image] : []));
  data.list_slides = pictures.map((image, index) => ({ id: `slide-${index}`, image, caption: null, link: null, seconds: 0.01 }));
  await mockShell(page, data, { settings: { idle_seconds: 0.1 } });
  await page.goto("/");
  await expect(page.getByTestId("home-exhibitors")).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const sample = async () => {
    // The mock shell logs every call for the tests; that log is not the
    // kiosk's memory, so it is emptied before each reading.
    await page.evaluate(() => {
      window.__PAVILION_MOCK__.calls.length = 0;
      window.__PAVILION_MOCK__.searches.length = 0;
      window.__PAVILION_MOCK__.windows.length = 0;
    });
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return { heapMiB: value("JSHeapUsedSize") / 2 ** 20, nodes: value("Nodes"), listeners: value("JSEventListeners") };
  };

  const samples: { cycles: number; heapMiB: number; nodes: number; listeners: number }[] = [];
  const started = Date.now();
  for (let done = 0; done < CYCLES; done += BLOCK) {
    await page.evaluate(async (cycles) => {
      // Polls on timers, not frames: a cycle takes as long as the kiosk's
      // own timers, not the display's refresh.
      const present = (testId: string) => document.querySelector(`[data-testid="${testId}"]`);
      const until = async (ready: () => unknown) => {
        const deadline = performance.now() + 10_000;
        while (!ready()) {
          if (performance.now() > deadline) throw new Error(`soak stuck: ${ready}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      };
      const tap = (testId: string) => {
        const element = present(testId) as HTMLElement | null;
        element?.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
        element?.click();
      };
      for (let cycle = 0; cycle < cycles; cycle++) {
        // Touch the loop away; the idle time is so short that it may be
        // back before home has re-rendered, so touch again, as a visitor would.
        await until(() => {
          if (present("attract-loop")) tap("attract-loop");
          return present("home-exhibitors") && !present("attract-loop");
        });
        tap("home-exhibitors");
        await until(() => present("directory") || present("attract-loop"));
        tap("exhibitor-ibm");
        await until(() => present("exhibitor-detail") || present("attract-loop"));
        tap("language-toggle");
        await until(() => present("attract-loop"));
        await until(() => present("attract-slide")?.getAttribute("data-slide-id"));
      }
    }, Math.min(BLOCK, CYCLES - done));
    samples.push({ cycles: done + Math.min(BLOCK, CYCLES - done), ...(await sample()) });
  }
  const seconds = (Date.now() - started) / 1000;

  // The first block warms caches (fonts, compiled code); growth is measured from there.
  const base = samples[0]!;
  const last = samples.at(-1)!;
  const growth = (100 * (last.heapMiB - base.heapMiB)) / base.heapMiB;
  const print = (key: string, value: string | number) => console.log(`${key}=${value}`);
  print("soak_cycles", last.cycles);
  print("soak_seconds", seconds.toFixed(0));
  print("soak_heap_after_first_block_mib", base.heapMiB.toFixed(2));
  print("soak_heap_end_mib", last.heapMiB.toFixed(2));
  print("soak_heap_max_mib", Math.max(...samples.map((s) => s.heapMiB)).toFixed(2));
  print("soak_heap_growth_pct", growth.toFixed(1));
  const quarters = [0.25, 0.5, 0.75].map((share) => samples[Math.floor(share * (samples.length - 1))]!.heapMiB.toFixed(2));
  print("soak_heap_at_quarters_mib", quarters.join(" "));
  print("soak_dom_nodes_first_end", `${base.nodes} ${last.nodes}`);
  print("soak_listeners_first_end", `${base.listeners} ${last.listeners}`);
  expect(growth).toBeLessThanOrEqual(10);
});
