// The UI's Vite config for a soak: nothing watched and no hot reload, so
// that an edit in the working tree during a half-hour run cannot reload the
// page under the soak.
import { defineConfig, type UserConfig } from "vite";
import base from "../vite.config";

const config = base as UserConfig;

export default defineConfig({
  ...config,
  server: { ...config.server, port: 1431, hmr: false, watch: null },
});
