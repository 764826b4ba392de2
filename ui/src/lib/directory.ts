// The A–Z exhibitor directory as lines of fixed height, so that a list of
// 100,000 entries can be drawn a screenful at a time (see
// `components/ExhibitorList.svelte`). The order is the core's; this module
// only cuts it where the first letter of `sort_key` changes and puts a
// letter line before each group.
//
// Tests: `tests/features.spec.ts` ("the exhibitor directory …").

/** The rail's letters: Latin A–Z, and `#` for every other first letter. */
export const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"] as const;

/** The rail letter `sortKey` files under. */
export function letterOf(sortKey: string): string {
  const first = sortKey.charAt(0).toUpperCase();
  return first >= "A" && first <= "Z" ? first : "#";
}

/** A letter line (`start` = -1) or a line of cards `items[start..end)`. */
export type Line = { letter: string; start: number; end: number };

export type Layout = {
  lines: Line[];
  /** `tops[i]` is where line `i` starts, in px; `tops[lines.length]` is the
   * total height. */
  tops: Float64Array;
  /** The first line of each letter present. */
  letterLine: Map<string, number>;
};

/** Cuts `keys` (the `sort_key`s, in order) into lines of `columns` cards,
 * a letter line before each group. */
export function layout(keys: readonly string[], columns: number, letterHeight: number, rowHeight: number): Layout {
  const lines: Line[] = [];
  const letterLine = new Map<string, number>();
  let index = 0;
  while (index < keys.length) {
    const letter = letterOf(keys[index]!);
    if (!letterLine.has(letter)) letterLine.set(letter, lines.length);
    lines.push({ letter, start: -1, end: -1 });
    let end = index;
    while (end < keys.length && letterOf(keys[end]!) === letter) end++;
    for (let start = index; start < end; start += columns) {
      lines.push({ letter, start, end: Math.min(start + columns, end) });
    }
    index = end;
  }
  const tops = new Float64Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) {
    tops[i + 1] = tops[i]! + (lines[i]!.start < 0 ? letterHeight : rowHeight);
  }
  return { lines, tops, letterLine };
}

/** The index of the line at `y` px (the last line starting at or above it). */
export function lineAt(tops: Float64Array, y: number): number {
  let low = 0;
  let high = tops.length - 2;
  if (high < 0) return 0;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (tops[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The line a tap on `letter` jumps to: that letter's group, else the next
 * letter present, else the last one before it. */
export function lineForLetter(letterLine: Map<string, number>, letter: string): number | null {
  const at = LETTERS.indexOf(letter as (typeof LETTERS)[number]);
  for (let i = at; i < LETTERS.length; i++) {
    const line = letterLine.get(LETTERS[i]!);
    if (line !== undefined) return line;
  }
  for (let i = at - 1; i >= 0; i--) {
    const line = letterLine.get(LETTERS[i]!);
    if (line !== undefined) return line;
  }
  return null;
}
