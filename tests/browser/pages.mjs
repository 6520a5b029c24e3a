// pages.mjs — the web pages of `dossier serve` in a real browser: Playwright
// (playwright-core) driving Debian's Chromium, headless. Search, open an
// article, a person, an event; keyboard only; a hostile article runs no
// script; 360 px wide pages do not overflow. Screenshots go to SHOTS.
// usage: node pages.mjs BASE_URL SHOTS_DIR   (tests/browser/run.sh starts the server)
// Prints "ok NAME" or "FAIL: NAME" per check, and last "browser: N passed, N failed".
import { chromium } from "playwright-core";

const [base, shots] = process.argv.slice(2);
let pass = 0, fail = 0;
function check(name, ok, detail) {
  if (ok) { pass++; console.log("ok " + name); } else { fail++; console.log("FAIL: " + name + (detail !== undefined ? " (" + detail + ")" : "")); }
}
const watchdog = setTimeout(() => { console.log("FAIL: the browser tests took over 100 s"); console.log(`browser: ${pass} passed, ${fail + 1} failed`); process.exit(1); }, 100000);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// A page whose script errors, dialogs and CSP reports are counted as failures.
async function newPage(viewport) {
  const ctx = await browser.newContext({ viewport: viewport || { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push("script error: " + e.message));
  page.on("dialog", (d) => { page.problems.push("a dialog opened: " + d.message()); d.dismiss(); });
  page.on("console", (m) => { if (m.type() === "error") page.problems.push("console: " + m.text()); });
  return page;
}

try {
  // --- search, by keyboard --------------------------------------------------------
  const page = await newPage();
  await page.goto(base + "/");
  await page.waitForSelector("#top li");
  check("home: the most reported entities are listed", (await page.locator("#top li").count()) > 0);
  check("home: the search box has the focus", await page.evaluate(() => document.activeElement && document.activeElement.name === "q"));
  await page.keyboard.type("market");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/\?q=market/);
  await page.waitForSelector(".hit");
  const hits = await page.locator(".hit").count();
  check("search: ranked results are shown", hits >= 2, hits);
  check("search: matched words are highlighted", (await page.locator(".hit mark").first().textContent()).toLowerCase().startsWith("market"));
  await page.waitForSelector(".side li");
  check("search: the people and organisations most named in the results",
        (await page.locator(".side").textContent()).includes("Yousuf Kariuki Odera"));
  await page.screenshot({ path: shots + "/search.png", fullPage: true });

  // a filter narrows the results
  await page.goto(base + "/?q=market&outlet=Coast%20Ledger");
  await page.waitForSelector(".hit");
  const outlets = await page.locator(".hit .meta").allTextContents();
  check("search: the outlet filter keeps only that outlet", outlets.length > 0 && outlets.every((t) => t.includes("Coast Ledger")), outlets.join("|"));

  // --- to an article, by keyboard ----------------------------------------------------
  await page.goto(base + "/?q=negotiate");
  await page.waitForSelector(".hit a");
  const title = await page.locator(".hit h2 a").first().textContent();
  let onHit = false;
  for (let i = 0; i < 40 && !onHit; i++) {
    await page.keyboard.press("Tab");
    onHit = await page.evaluate(() => !!document.activeElement.closest(".hit"));
  }
  check("keyboard: Tab reaches the first result", onHit);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/articles\//);
  await page.waitForSelector(".text");
  check("article: its title is the heading", (await page.locator("h1").textContent()) === title, title);
  check("article: entities are highlighted", (await page.locator(".text .entity").count()) > 0);
  check("article: quotes are highlighted with their speaker",
        (await page.locator(".text .quote[data-speaker='Yousuf Kariuki Odera']").count()) > 0);
  const removed = page.locator("details.removed");
  check("article: removed lines are behind a closed toggle", (await removed.count()) === 1 && !(await removed.evaluate((d) => d.open)));
  await page.screenshot({ path: shots + "/article.png", fullPage: true });

  // --- to a person -------------------------------------------------------------------
  await page.locator(".text a.entity.PERSON", { hasText: "Odera" }).first().click();
  await page.waitForURL(/\/entities\//);
  await page.waitForSelector(".chart");
  check("person: the canonical name is the heading", (await page.locator("h1").textContent()) === "Yousuf Kariuki Odera");
  check("person: aliases and roles", (await page.locator(".facts").textContent()).includes("Yusuf Odera"));
  check("person: the timeline chart marks quotes", (await page.locator(".chart circle").count()) > 0);
  const dates = await page.locator("ul.items").first().locator(".meta a").allTextContents();
  const ds = dates.map((t) => t.slice(0, 10));
  check("person: quotes in date order", ds.length > 1 && ds.join() === [...ds].sort().join(), ds.join());
  await page.screenshot({ path: shots + "/person.png", fullPage: true });

  // --- an event --------------------------------------------------------------------------
  await page.goto(base + "/events");
  await page.locator("ul.items a", { hasText: "Mombasa" }).first().click();
  await page.waitForSelector("table.figures");
  check("event: a table of each article's figures", (await page.locator("table.figures tbody tr").count()) >= 2);
  const rowDates = await page.locator("table.figures tbody tr td:nth-child(3)").allTextContents();
  check("event: every article's row has its date, figures or not", rowDates.length >= 2 && rowDates.every((d) => /^\d{4}/.test(d)), rowDates.join("|"));
  check("event: the conflicting measure is marked", (await page.locator("table.figures th.conflict").count()) > 0);
  await page.screenshot({ path: shots + "/event.png", fullPage: true });
  await page.locator("table.figures td.conflict a").first().click();
  await page.waitForSelector(".sentence.target");
  check("event: a value leads to its sentence", (await page.locator(".sentence.target").textContent()).length > 20);
  check("article: figures are highlighted with their measure",
        (await page.locator(".sentence.target .figure[title^='killed']").count()) > 0);

  // --- conflicts and claims lead to the pages above ---------------------------------------
  await page.goto(base + "/conflicts");
  await page.waitForSelector("ul.items a[href^='/events/']");
  check("conflicts: each leads to its event", (await page.locator("ul.items a[href^='/events/']").count()) > 0);
  await page.goto(base + "/claims");
  await page.waitForSelector("ul.items a[href^='/entities/']");
  check("claims: speakers lead to their pages", (await page.locator("ul.items a[href^='/entities/']").count()) > 0);
  check("no script errors on the pages", page.problems.length === 0, page.problems.join("; "));

  // an unknown page says so
  const lost = await newPage();
  await lost.goto(base + "/no/such/page");
  await lost.waitForSelector("main .error");
  check("an unknown page says there is no such page", (await lost.locator("main .error").textContent()).includes("no such page"));

  // --- a hostile article ------------------------------------------------------------------
  const hostile = await newPage();
  let requests = [];
  hostile.on("request", (r) => requests.push(r.url()));
  await hostile.goto(base + "/articles/serve/hostile");
  await hostile.waitForSelector(".text");
  await hostile.waitForTimeout(300);
  const text = await hostile.locator(".text").textContent();
  check("hostile: <script> shows as text", text.includes("<script>document.title='pwned'</script>"));
  check("hostile: onerror= shows as text", text.includes("onerror="));
  check("hostile: the title shows as text", (await hostile.locator("h1").textContent()).includes("<script>"));
  check("hostile: no script ran", !(await hostile.title()).startsWith("pwned") && hostile.problems.length === 0,
        (await hostile.title()) + " " + hostile.problems.join("; "));
  check("hostile: no element was made from the text",
        await hostile.evaluate(() => document.querySelectorAll("script").length === 1 && !document.querySelector("img, main a[href^='javascript:']")));
  check("hostile: nothing was fetched but this server", requests.every((u) => u.startsWith(base)), requests.join(" "));

  // --- 360 px wide -----------------------------------------------------------------------
  const phone = await newPage({ width: 360, height: 740 });
  for (const [name, path, sel] of [["search", "/?q=market", ".hit"], ["article", "/articles/link/01_market", ".text"],
                                    ["person", "/entities/Odera", ".chart"], ["event", "/events/1", "table.figures"]]) {
    await phone.goto(base + path);
    await phone.waitForSelector(sel);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    check("360 px: the " + name + " page does not overflow", width <= 360, width);
    if (name === "article") await phone.screenshot({ path: shots + "/article-360.png", fullPage: true });
  }
} catch (e) {
  check("the browser tests ran to the end", false, e.message.split("\n")[0]);
}
await browser.close();
clearTimeout(watchdog);
console.log(`browser: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
