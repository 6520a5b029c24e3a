// screenshots.mjs — the README's pictures of the web pages: search, an
// article, a person and an event of the store a running `dossier serve` serves
// (docs/img/ holds those of ../shared/corpus/seeds). Debian's Chromium, headless.
// usage: node screenshots.mjs BASE_URL OUT_DIR "SEARCH WORDS" PERSON EVENT_ID
import { chromium } from "playwright-core";

const [base, out, words, person, event] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
async function shot(path, ready, name) {
  await page.goto(base + path);
  await page.waitForSelector(ready);
  await page.waitForTimeout(200);
  await page.screenshot({ path: out + "/" + name + ".png" });
}
await shot("/?q=" + encodeURIComponent(words), ".side li", "search");
await page.locator(".hit h2 a").first().click();
await page.waitForSelector(".text");
await page.screenshot({ path: out + "/article.png" });
await shot("/entities/" + encodeURIComponent(person), ".chart", "person");
await shot("/events/" + event, "table.figures", "event");
await browser.close();
