// The one browser harness of loa's tests: playwright-core driving Debian's Chromium.
// Test tools that download their own browser fail on the department's machines, so the
// browser is always the system one (CHROMIUM overrides the path).
import { chromium } from "playwright-core";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Runs `fn(page)` in a fresh headless Chromium and closes it, whatever happens. More tabs
 * sharing the browser's connections come from `page.context().newPage()`. */
export async function withPage(fn) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: FLAGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    return await fn(page);
  } finally {
    await browser.close();
  }
}

/** Fails the script with a message: the Rust test prints it. */
export function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Waits until `predicate` (run in the page) is true, or fails with `what`. */
export async function waitInPage(page, what, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 10000, polling: 50 });
  } catch (e) {
    const text = await page.evaluate(() => document.body ? document.body.innerText : "");
    fail(`${what}: not seen within 10 s. The page shows:\n${text.slice(0, 2000)}`);
  }
}
