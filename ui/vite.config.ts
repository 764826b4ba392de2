// Vite serves the UI to the Tauri shell: `devUrl` is http://localhost:1420,
// and `npm run build` writes ui/dist, which the shell embeds (`frontendDist`).
// Two pages: the visitors' kiosk (index.html, window `main`) and the
// operator's panel (operator.html, window `operator`), each its own bundle
// so the visitor's page holds none of the panel's code.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs: the bundle is loaded from Tauri's own origin.
  base: "./",
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: "localhost",
    // The Rust side rebuilds under ../target; never watch it.
    watch: { ignored: ["**/src-tauri/**", "**/target/**", "**/test-results/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("index.html", import.meta.url)),
        operator: fileURLToPath(new URL("operator.html", import.meta.url)),
      },
    },
  },
});
