// The agenda as a visitor reads it: sessions grouped by day and times shown
// in the EVENT's time zone (a kiosk's clock may be set to any zone), and
// which sessions are running now and which come next by the device clock.
// The order is the core's (by start time); this only groups and marks.
//
// Tests: `tests/agenda.spec.ts`.

import type { SessionSummary } from "./bindings/SessionSummary";

type Timed = Pick<SessionSummary, "id" | "starts" | "ends">;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`YYYY-MM-DD`) of an RFC 3339 time in `timeZone`. */
export function dayOf(time: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  // From the parts, not the formatted string: how a locale writes a date
  // differs between ICU versions (WebKitGTK's en-CA gives 07/08/2026).
  const parts = format.formatToParts(new Date(time));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** `09:30` in `timeZone`, 24-hour as at every Chinese and most European fairs. */
export function clockTime(time: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(time),
  );
}

/** The sessions of each day, days in order, each day's sessions in the
 * core's order. */
export function byDay<T extends Timed>(sessions: readonly T[], timeZone: string): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const session of sessions) {
    const day = dayOf(session.starts, timeZone);
    days.set(day, [...(days.get(day) ?? []), session]);
  }
  return new Map([...days].sort(([a], [b]) => a.localeCompare(b)));
}

/** Running at `now` (ms): started and not yet ended. Next: those starting
 * soonest after `now` (several, if parallel). */
export function nowAndNext(sessions: readonly Timed[], now: number): { now: Set<string>; next: Set<string> } {
  const running = new Set<string>();
  let soonest = Infinity;
  for (const session of sessions) {
    const starts = Date.parse(session.starts);
    if (starts <= now && now < Date.parse(session.ends)) running.add(session.id);
    else if (starts > now) soonest = Math.min(soonest, starts);
  }
  const next = new Set(sessions.filter((session) => Date.parse(session.starts) === soonest).map((s) => s.id));
  return { now: running, next };
}
