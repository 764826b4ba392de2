// Tells the shell the page is alive, every HEARTBEAT_SECONDS, and whether a
// visitor touched the screen since the last beat (for the fleet status).
// When these stop (a hung page), the shell reloads the page, then restarts
// the kiosk (`src-tauri/src/watchdog.rs`). A beat that fails is dropped:
// the next one says the same.

import { heartbeat } from "./api";
import { HEARTBEAT_SECONDS } from "./bindings/shell";

export function startHeartbeat(): void {
  let touched = false;
  window.addEventListener("pointerdown", () => (touched = true), { capture: true, passive: true });
  const beat = () => {
    void heartbeat(touched).catch(() => {});
    touched = false;
  };
  beat();
  setInterval(beat, HEARTBEAT_SECONDS * 1000);
}
