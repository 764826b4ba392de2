// The operator's way in from the visitor's screen: one finger pressed and
// held still on the top-left corner for five seconds. A visitor does not do
// that by chance, and it needs no button a visitor could see: nothing is
// drawn, and the listeners are passive and watch from the capture phase, so
// whatever sits in that corner gets its taps, scrolls and swipes as before.
// Moving the finger, lifting it, or a second finger cancels the hold. When
// the hold completes, the click that lifting the finger would then make is
// swallowed, so the corner's button does not fire as well.
//
// Tests: `tests/operator.spec.ts` ("corner hold …").

/** The corner's side, in CSS pixels. */
export const CORNER_PX = 96;
/** How long the finger stays down, in milliseconds. */
export const HOLD_MS = 5000;
/** How far the finger may drift and still count as held still. */
const SLOP_PX = 12;

/** Watches for the hold and calls `onHold` when one completes; returns the
 * way to stop watching. */
export function watchCornerHold(onHold: () => void): () => void {
  let finger: { id: number; x: number; y: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let swallowClick = false;

  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    finger = null;
  };

  const down = (event: PointerEvent) => {
    // A click not followed by one (the hold ended without a click) is not
    // swallowed later.
    swallowClick = false;
    // A second finger on the screen is not the first of its touch sequence.
    if (!event.isPrimary) return cancel();
    if (event.clientX > CORNER_PX || event.clientY > CORNER_PX) return;
    finger = { id: event.pointerId, x: event.clientX, y: event.clientY };
    timer = setTimeout(() => {
      finger = null;
      timer = undefined;
      swallowClick = true;
      onHold();
    }, HOLD_MS);
  };

  const move = (event: PointerEvent) => {
    if (finger === null || event.pointerId !== finger.id) return;
    if (Math.hypot(event.clientX - finger.x, event.clientY - finger.y) > SLOP_PX) cancel();
  };

  const up = (event: PointerEvent) => {
    if (finger !== null && event.pointerId === finger.id) cancel();
  };

  const click = (event: MouseEvent) => {
    if (!swallowClick) return;
    swallowClick = false;
    event.preventDefault();
    event.stopPropagation();
  };

  const passive = { capture: true, passive: true } as const;
  window.addEventListener("pointerdown", down, passive);
  window.addEventListener("pointermove", move, passive);
  window.addEventListener("pointerup", up, passive);
  window.addEventListener("pointercancel", up, passive);
  window.addEventListener("click", click, { capture: true });
  return () => {
    cancel();
    window.removeEventListener("pointerdown", down, { capture: true });
    window.removeEventListener("pointermove", move, { capture: true });
    window.removeEventListener("pointerup", up, { capture: true });
    window.removeEventListener("pointercancel", up, { capture: true });
    window.removeEventListener("click", click, { capture: true });
  };
}
