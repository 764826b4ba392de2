// The A–Z exhibitor directory as lines of fixed height, so that a list of
// 100,000 entries can be drawn a screenful at a time (see
// `components/ExhibitorList.svelte`). The order and the letter groups are
// the core's (`DirectoryOutline`); this module only lays them out: a letter
// line before each group, then its rows `columns` cards to a line. Every
// position is computed from the groups, never row by row, so laying out
// 100,000 rows costs what laying out 27 groups does.
//
// Tests: `tests/directory.spec.ts`.

import type { LetterGroup } from "./bindings/LetterGroup";

/** The rail's letters: Latin A–Z, and `#` for every other first letter. */
export const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"] as const;

/** The rail's shortest target, in px: a fingertip. */
export const RAIL_TARGET_PX = 56;

/** The rail's targets when `fit` of them fit its height: a letter each
 * where they all fit, else runs of letters (A–C, D–F, …) as even as
 * they can be, with `#` always on its own. */
export function railGroups(fit: number): string[][] {
  if (fit >= LETTERS.length) return LETTERS.map((letter) => [letter]);
  const latin = LETTERS.slice(0, -1);
  const per = Math.ceil(latin.length / Math.max(1, fit - 1));
  const groups: string[][] = [];
  for (let i = 0; i < latin.length; i += per) groups.push(latin.slice(i, i + per));
  groups.push([LETTERS.at(-1)!]);
  return groups;
}

/** A letter line (`start` = -1) or a line of the cards of the directory's
 * rows `start..end`. */
export type Line = { letter: string; start: number; end: number };

export type Layout = {
  groups: readonly LetterGroup[];
  columns: number;
  letterHeight: number;
  rowHeight: number;
  /** `firstLines[g]` is the index of group `g`'s letter line;
   * `firstLines[groups.length]` is the number of lines. */
  firstLines: Float64Array;
  /** `tops[g]` is where group `g` starts, in px; `tops[groups.length]` is
   * the total height. */
  tops: Float64Array;
  /** The first line of each letter present. */
  letterLine: Map<string, number>;
};

export function layout(
  groups: readonly LetterGroup[],
  columns: number,
  letterHeight: number,
  rowHeight: number,
): Layout {
  const firstLines = new Float64Array(groups.length + 1);
  const tops = new Float64Array(groups.length + 1);
  const letterLine = new Map<string, number>();
  groups.forEach((group, g) => {
    if (!letterLine.has(group.letter)) letterLine.set(group.letter, firstLines[g]!);
    const rows = Math.ceil(group.count / columns);
    firstLines[g + 1] = firstLines[g]! + 1 + rows;
    tops[g + 1] = tops[g]! + letterHeight + rows * rowHeight;
  });
  return { groups, columns, letterHeight, rowHeight, firstLines, tops, letterLine };
}

/** How many lines `model` has. */
export const lineCount = (model: Layout): number => model.firstLines[model.groups.length]!;

/** The list's height, in px. */
export const height = (model: Layout): number => model.tops[model.groups.length]!;

/** The last `i` in `0..count` with `values[i] <= value` (0 if none). */
function lastAtOrBelow(values: Float64Array, count: number, value: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The index of the line at `y` px (the last line starting at or above it). */
export function lineAt(model: Layout, y: number): number {
  if (model.groups.length === 0) return 0;
  const g = lastAtOrBelow(model.tops, model.groups.length, y);
  const rows = model.firstLines[g + 1]! - model.firstLines[g]! - 1;
  const into = y - model.tops[g]! - model.letterHeight;
  const row = into < 0 ? -1 : Math.min(rows - 1, Math.floor(into / model.rowHeight));
  return model.firstLines[g]! + 1 + row;
}

/** Where line `index` starts, in px. */
export function lineTop(model: Layout, index: number): number {
  const g = lastAtOrBelow(model.firstLines, model.groups.length, index);
  const row = index - model.firstLines[g]!;
  return model.tops[g]! + (row === 0 ? 0 : model.letterHeight + (row - 1) * model.rowHeight);
}

/** What line `index` shows. */
export function lineOf(model: Layout, index: number): Line {
  const g = lastAtOrBelow(model.firstLines, model.groups.length, index);
  const group = model.groups[g]!;
  const row = index - model.firstLines[g]! - 1;
  if (row < 0) return { letter: group.letter, start: -1, end: -1 };
  const start = group.offset + row * model.columns;
  return { letter: group.letter, start, end: Math.min(start + model.columns, group.offset + group.count) };
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
