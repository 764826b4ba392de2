// The contact card an exhibitor's QR code carries: vCard 3.0 (RFC 2426),
// which every phone's camera app offers to save as a contact; and which
// links a QR code may carry at all.
//
// Tests: `tests/features.spec.ts` ("a QR code …"), `tests/qr-links.spec.ts`.

/** Escapes a vCard text value (RFC 2426 §4: backslash, comma, semicolon,
 * newline); an iCalendar TEXT value (RFC 5545 §3.3.11) follows the same
 * rule, so `ics.ts` uses this too. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/\r?\n/g, "\\n")
    .replace(/,/g, "\\,")
    .replace(/;/g, "\\;");
}

/** `url` if a phone may open it from a QR code: an absolute `http(s)` URL.
 * Anything else (`javascript:`, `file:`, `data:`, a relative path) is never
 * encoded, whatever a pack says, so a code can only lead to a website. */
export function webLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

export type Contact = {
  /** The exhibitor's name in the visitor's language. */
  name: string;
  website: string | null;
  /** Where to find them, e.g. "Hall H1 · Booth A101". */
  note: string | null;
};

/** A vCard 3.0 for an organisation, lines joined by CRLF. */
export function vcard({ name, website, note }: Contact): string {
  const lines = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `N:${escapeText(name)};;;;`,
    `FN:${escapeText(name)}`,
    `ORG:${escapeText(name)}`,
  ];
  const url = webLink(website);
  if (url) lines.push(`URL:${escapeText(url)}`);
  if (note) lines.push(`NOTE:${escapeText(note)}`);
  lines.push("END:VCARD");
  return lines.join("\r\n");
}
