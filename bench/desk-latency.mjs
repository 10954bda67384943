// Keystroke → updated preview in the writing desk, from the page's own timing
// (`window.loaDesk.timings`, recorded by desk.js from the input event to the new preview
// painted). Not a test: run it against a large generated site, see docs/serve.md.
//
//   node bench/desk-latency.mjs EDITOR_URL [KEYSTROKES]
//
// EDITOR_URL is the desk's editor of one article (`…/__loa/desk/sua?path=content/…`). Each
// keystroke waits for the previous preview, so each timing is one keystroke's alone.
import { createRequire } from "node:module";
const require = createRequire(new URL("../tests/browser/", import.meta.url));
const { chromium } = require("playwright-core");

const [url, count = "20"] = process.argv.slice(2);
const keystrokes = Number(count);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => window.loaDesk && window.loaDesk.ready, null, { timeout: 60000 });
  // The first preview (the whole page into the iframe) is not a keystroke's.
  await page.waitForTimeout(1500);
  await page.evaluate(() => { window.loaDesk.timings = []; window.loaDesk.server = []; });
  const editor = page.locator("#noi-dung-bai");
  await editor.click();
  await page.keyboard.press("End");
  for (let i = 0; i < keystrokes; i++) {
    await page.keyboard.type(i % 2 ? "a" : "ă");
    await page.waitForFunction((n) => window.loaDesk.timings.length > n, i, { timeout: 10000 });
    await page.waitForTimeout(150);
  }
  const t = await page.evaluate(() => window.loaDesk.timings);
  const sorted = [...t].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`keystrokes: ${t.length}, median ${median.toFixed(0)} ms, worst ${sorted.at(-1).toFixed(0)} ms`);
  console.log(`all: ${t.map((x) => x.toFixed(0)).join(" ")}`);
  const server = await page.evaluate(() => window.loaDesk.server);
  console.log(`of which the server (loa's preview, took_ms): ${server.join(" ")}`);
} finally {
  await browser.close();
}
