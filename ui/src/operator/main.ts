// Entry point of the operator's window (`operator.html`, a second Vite
// entry): the panel the shell opens over the kiosk after the corner gesture.
// Like the visitor's window it behaves as an appliance: no selection,
// context menu or drag.

import { mount } from "svelte";
import "../app.css";
import OperatorApp from "./OperatorApp.svelte";

const block = (event: Event) => event.preventDefault();
document.addEventListener("contextmenu", block);
document.addEventListener("selectstart", block);
document.addEventListener("dragstart", block);

const target = document.getElementById("app");
if (!target) throw new Error("operator.html has no #app element");
export default mount(OperatorApp, { target });
