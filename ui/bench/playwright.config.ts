// The UI soak (bench/soak.bench.ts): the fast tests' browser, server and
// mock, one portrait kiosk, no time limit. Run by `npm run bench:soak`;
// bench/README.md at the repository root records a run.
import { defineConfig } from "@playwright/test";
import base from "../playwright.config";

const PORT = 1431;

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "*.bench.ts",
  outputDir: "../test-results/bench",
  timeout: 0,
  workers: 1,
  projects: [{ name: "portrait", use: { viewport: { width: 1080, height: 1920 } } }],
  // Its own Vite server in ui/ on its own port, so that a soak never
  // serves, or is served by, a test run beside it; and a benchmark runs
  // beside builds more often than tests do, so it may start slowly.
  use: { ...base.use, baseURL: `http://localhost:${PORT}` },
  webServer: {
    command: `npx vite --config bench/vite.config.ts --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    cwd: "..",
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
