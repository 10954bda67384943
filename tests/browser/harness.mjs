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
 * sharing the browser's connections come from `page.context().newPage()`. `context` sets
 * the browser context's options (default: a 1280×800 desktop window; see `PHONE`). */
export async function withPage(fn, context = { viewport: { width: 1280, height: 800 } }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: FLAGS,
  });
  try {
    const page = await (await browser.newContext(context)).newPage();
    return await fn(page);
  } finally {
    await browser.close();
  }
}

/** A phone in the hand of a leader: a 390×844 touch screen at three device pixels per pixel
 * (an iPhone 12 or a mid-range Android, the size the department's leaders carry). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

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
