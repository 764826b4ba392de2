// Pinch-zoom and pan of the venue map, as plain numbers: a view is a scale
// (1 = the whole plan fitted to the screen) and an offset in px. The map
// draws it as one CSS transform, so a gesture never re-lays out the page.
// Pure, so the clamping is tested without a finger.
//
// Tests: `tests/venue.spec.ts`.

export type View = { scale: number; x: number; y: number };
export type Size = { width: number; height: number };
type Point = { x: number; y: number };

/** Closest a visitor can zoom in: a stand of a 100-stand hall then fills a
 * good part of the screen. */
export const MAX_SCALE = 6;

export const FITTED: View = { scale: 1, x: 0, y: 0 };

/** Keeps the plan (`plan`: its fitted size at scale 1) on screen: centred
 * on an axis where it is smaller than the viewport, else never showing
 * anything beyond its edges. */
export function clamp(view: View, plan: Size, viewport: Size): View {
  const scale = Math.min(MAX_SCALE, Math.max(1, view.scale));
  const axis = (offset: number, length: number, room: number) => {
    const scaled = length * scale;
    return scaled <= room ? (room - scaled) / 2 : Math.min(0, Math.max(room - scaled, offset));
  };
  return { scale, x: axis(view.x, plan.width, viewport.width), y: axis(view.y, plan.height, viewport.height) };
}

/** The view that shows `box` (in fitted px at scale 1) as large as fits
 * `viewport` with `margin` px around it, centred, never past MAX_SCALE:
 * "show on map" zooming to a stand (and the way to it). */
export function focus(box: { x: number; y: number; width: number; height: number }, viewport: Size, margin: number): View {
  const room = (length: number, size: number) => Math.max(1, length - 2 * margin) / Math.max(1, size);
  const scale = Math.min(MAX_SCALE, Math.max(1, Math.min(room(viewport.width, box.width), room(viewport.height, box.height))));
  return {
    scale,
    x: viewport.width / 2 - (box.x + box.width / 2) * scale,
    y: viewport.height / 2 - (box.y + box.height / 2) * scale,
  };
}

/** One finger moved by `dx, dy`. */
export function pan(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** Two fingers moved from `before` to `after`: the plan point under their
 * midpoint stays under it, scaled by how far they spread. */
export function pinch(view: View, before: [Point, Point], after: [Point, Point]): View {
  const mid = ([a, b]: [Point, Point]) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const spread = ([a, b]: [Point, Point]) => Math.hypot(a.x - b.x, a.y - b.y) || 1;
  const scale = Math.min(MAX_SCALE, Math.max(1, view.scale * (spread(after) / spread(before))));
  const from = mid(before);
  const to = mid(after);
  // The plan point under the old midpoint, in unscaled plan px.
  const px = (from.x - view.x) / view.scale;
  const py = (from.y - view.y) / view.scale;
  return { scale, x: to.x - px * scale, y: to.y - py * scale };
}
