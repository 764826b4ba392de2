// QR codes lead only to websites, and say where: a pack's `website` or
// `source_url` that is not `http(s)` is never encoded, and the link a code
// carries is printed in full beside it.

import { expect, test } from "@playwright/test";
import { fixture, say, first } from "./helpers";
import { mockShell, type Fixture } from "./tauri-mock";

const hostile = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>hi</b>", "/relative/path", "ftp://x.example/a"];

function withLinks(website: string, source: string): Fixture {
  const data = structuredClone(fixture);
  data.exhibitors["ibm"]!.website = website;
  data.news[data.list_news[0]!.id]!.source_url = source;
  return data;
}

test("a web link is encoded and printed in full beside the code", async ({ page }) => {
  const long = "https://www.pudong.gov.cn/waic/2021/news/opening-ceremony?lang=zh&from=kiosk";
  const site = "http://www.ibm.com/cn-zh";
  const data = withLinks(site, long);
  await mockShell(page, data);
  await page.goto("/");

  await page.getByTestId("home-news").tap();
  await page.getByTestId(`news-${data.list_news[0]!.id}`).tap();
  await expect(page.getByTestId("qr-code")).toHaveAttribute("data-qr-text", long);
  await expect(page.getByTestId("take-away-link")).toHaveText(long);
  await expect(page.getByTestId("take-away-link")).toBeVisible();

  await page.getByTestId("home").tap();
  await page.getByTestId("home-exhibitors").tap();
  await page.getByTestId("exhibitor-ibm").tap();
  await expect(page.getByTestId("qr-code")).toHaveAttribute("data-qr-text", new RegExp(`\r\nURL:${site}\r\n`));
  await expect(page.getByTestId("take-away-link")).toHaveText(site);
});

for (const url of hostile) {
  test(`a link "${url}" is never put into a QR code`, async ({ page }) => {
    const data = withLinks(url, url);
    await mockShell(page, data);
    await page.goto("/");

    await page.getByTestId("home-news").tap();
    await page.getByTestId(`news-${data.list_news[0]!.id}`).tap();
    await expect(page.getByTestId("news-detail")).toBeVisible();
    await expect(page.getByTestId("qr-code")).toHaveCount(0);
    await expect(page.getByTestId("take-away")).toHaveCount(0);

    // The exhibitor's contact card still comes along, without the link.
    await page.getByTestId("home").tap();
    await page.getByTestId("home-exhibitors").tap();
    await page.getByTestId("exhibitor-ibm").tap();
    const name = say(data.exhibitors["ibm"]!.name, first);
    await expect(page.getByTestId("qr-code")).toHaveAttribute(
      "data-qr-text",
      `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${name};;;;\r\nFN:${name}\r\nORG:${name}\r\nEND:VCARD`,
    );
    await expect(page.getByTestId("take-away-link")).toHaveCount(0);
  });
}
