// Vite serves the UI to the Tauri shell: `devUrl` is http://localhost:1420,
// and `npm run build` writes ui/dist, which the shell embeds (`frontendDist`).
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
  },
});
