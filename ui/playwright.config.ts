// Fast UI tests: Debian's Chromium (never a downloaded browser) against the
// Vite dev server, with the Tauri IPC mocked from tests/fixtures/demo.json
// (see tests/tauri-mock.ts). Every test runs on a portrait and a landscape
// kiosk screen.
import { defineConfig } from "@playwright/test";

const chromium = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// Its own port per checkout when several run side by side (UI_TEST_PORT).
const port = Number(process.env.UI_TEST_PORT ?? 1420);

export default defineConfig({
  testDir: "tests",
  outputDir: "test-results/artifacts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    launchOptions: chromium,
    hasTouch: true,
    deviceScaleFactor: 1,
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "portrait", use: { viewport: { width: 1080, height: 1920 } } },
    { name: "landscape", use: { viewport: { width: 1920, height: 1080 } } },
  ],
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
