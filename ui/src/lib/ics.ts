// The calendar entry a session's QR code carries: an iCalendar (RFC 5545)
// VEVENT, which a phone's camera app offers to add to its calendar. Times
// go out in UTC, so the phone shows them in whatever zone it is in.
//
// Pure, like `vcard.ts`: the page hands in plain words. Tests:
// `tests/agenda.spec.ts` ("an .ics …", unit tests of this module).

import { escapeText } from "./vcard";

export type CalendarEntry = {
  /** Unique and stable for this session, e.g. `t3@waic-2021`. */
  uid: string;
  /** RFC 3339 (any offset). */
  starts: string;
  ends: string;
  /** When this entry was made (RFC 3339): the pack's import time. */
  stamp: string;
  title: string;
  /** The room, in the visitor's language. */
  location: string | null;
  /** Plain text; newlines allowed. Cut to `MAX_DESCRIPTION` characters. */
  description: string | null;
};

/** A QR code stays readable from a phone at arm's length only up to a few
 * hundred bytes, so a long description is cut. */
export const MAX_DESCRIPTION = 200;
/** RFC 5545 §3.1: lines longer than 75 octets are folded. */
const LINE_OCTETS = 75;

/** `20210708T010000Z` */
function utc(rfc3339: string): string {
  return new Date(rfc3339).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Splits a content line into lines of at most 75 octets (UTF-8), the
 * continuation lines starting with a space, never inside a character. */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let part = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines give one octet to their leading space.
    const room = parts.length === 0 ? LINE_OCTETS : LINE_OCTETS - 1;
    if (octets + size > room) {
      parts.push(part);
      part = "";
      octets = 0;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join("\r\n ");
}

function cut(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= MAX_DESCRIPTION ? chars.join("") : `${chars.slice(0, MAX_DESCRIPTION - 1).join("")}…`;
}

/** A VCALENDAR with one VEVENT, lines folded and joined by CRLF. */
export function ics({ uid, starts, ends, stamp, title, location, description }: CalendarEntry): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Pavilion//Kiosk//EN",
    "BEGIN:VEVENT",
    `UID:${escapeText(uid)}`,
    `DTSTAMP:${utc(stamp)}`,
    `DTSTART:${utc(starts)}`,
    `DTEND:${utc(ends)}`,
    `SUMMARY:${escapeText(title)}`,
  ];
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  if (description?.trim()) lines.push(`DESCRIPTION:${escapeText(cut(description))}`);
  lines.push("END:VEVENT", "END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
