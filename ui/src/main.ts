// Entry point: mounts the kiosk and makes the page behave like an appliance
// rather than a web page (no selection, context menu, drag or navigation).

import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { openOperatorPanel } from "./lib/api";
import { watchCornerHold } from "./lib/corner-hold";
import { startHeartbeat } from "./lib/heartbeat";
import { kiosk } from "./lib/kiosk.svelte";
import { visitorEvents } from "./lib/visitor-events";

const block = (event: Event) => event.preventDefault();
document.addEventListener("contextmenu", block);
document.addEventListener("selectstart", block);
document.addEventListener("dragstart", block);
// Pack HTML is sanitised by the core and has no navigating links; should one
// slip through, a tap on it still goes nowhere.
document.addEventListener(
  "click",
  (event) => {
    if (event.target instanceof Element && event.target.closest("a")) event.preventDefault();
  },
  true,
);

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
const app = mount(App, { target });
// The moment the first screen with content has been painted: the cold-start
// benchmark (bench/kiosk) reads this standard User Timing mark.
void kiosk.start().then(() =>
  requestAnimationFrame(() => setTimeout(() => performance.mark("pavilion:interactive"))),
);
startHeartbeat();
visitorEvents.start();
// The operator's way in. With no PIN set the shell opens nothing and
// answers an error; a visitor who stumbled on the gesture sees nothing.
watchCornerHold(() => void openOperatorPanel().catch(() => undefined));

export default app;
