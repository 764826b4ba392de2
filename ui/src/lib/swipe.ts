// A swipe to the right anywhere on a screen means Back, as on a phone. Only
// a clear, mostly horizontal stroke counts, so scrolling a list never
// triggers it. Touch events (not pointer events) are used because the
// browser cancels pointers once it starts scrolling. A stroke that starts
// on an element with its own sideways gestures (`data-own-gestures`: the
// map, a row of chips) is that element's.
//
// Tests: `tests/kiosk.spec.ts` ("a swipe to the right goes back").

import type { Attachment } from "svelte/attachments";

/** Share of the screen's width a stroke must cover to count. */
const MIN_DISTANCE = 0.18;

export function swipeRight(onSwipe: () => void): Attachment<HTMLElement> {
  return (element) => {
    let start: { x: number; y: number } | null = null;

    const begin = (event: TouchEvent) => {
      const touch = event.touches[0];
      const own = event.target instanceof Element && event.target.closest("[data-own-gestures]") !== null;
      start = event.touches.length === 1 && touch && !own ? { x: touch.clientX, y: touch.clientY } : null;
    };
    const end = (event: TouchEvent) => {
      const touch = event.changedTouches[0];
      if (!start || !touch) return;
      const dx = touch.clientX - start.x;
      const dy = Math.abs(touch.clientY - start.y);
      start = null;
      if (dx > window.innerWidth * MIN_DISTANCE && dy < dx * 0.5) onSwipe();
    };
    const cancel = () => (start = null);

    element.addEventListener("touchstart", begin, { passive: true });
    element.addEventListener("touchend", end, { passive: true });
    element.addEventListener("touchcancel", cancel, { passive: true });
    return () => {
      element.removeEventListener("touchstart", begin);
      element.removeEventListener("touchend", end);
      element.removeEventListener("touchcancel", cancel);
    };
  };
}
