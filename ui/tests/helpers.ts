// Shared by the spec files: the fixture, the mocked start and screenshots
// for a person to look at.

import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page, TestInfo } from "@playwright/test";
import type { Text } from "../src/lib/bindings/Text";
import { loadFixture, mockShell } from "./tauri-mock";

export const fixture = loadFixture();
export const languages = fixture.get_home.pack.languages;
export const first = languages[0]!;
export const second = languages[1] ?? first;
export const say = (text: Text | null | undefined, lang: string) => text?.[lang] ?? "";

const shots = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));
mkdirSync(shots, { recursive: true });

/** A screenshot for a person to look at, once fonts and pictures are in. */
export async function snap(page: Page, info: TestInfo, name: string, atEnd = false): Promise<void> {
  await page.evaluate(async (atEnd) => {
    const scroller = document.querySelector("main");
    if (atEnd && scroller) scroller.scrollTop = scroller.scrollHeight;
    await document.fonts.ready;
    await Promise.all(
      Array.from(document.images, (image) =>
        image.complete ? null : new Promise((done) => image.addEventListener("load", done, { once: true })),
      ),
    );
  }, atEnd);
  await page.screenshot({ path: `${shots}${info.project.name}-${name}.png`, animations: "disabled" });
}

/** Types `keys` on the search screen's on-screen keyboard. */
export async function typeKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.getByTestId(`search-key-${key === " " ? "space" : key.toLowerCase()}`).tap();
}

export async function start(page: Page, options: Parameters<typeof mockShell>[2] = {}): Promise<void> {
  await mockShell(page, fixture, options);
  await page.goto("/");
}
