// loa serve with many tabs: a hidden tab closes its event stream, so an eighth tab still loads
// (a browser opens at most 6 connections to one host, and each listening page holds one),
// and a tab shown again reloads if the site was rebuilt while it was hidden.
//
// Usage: node tabs.mjs <article URL> <path of its .md file>
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { withPage, waitInPage, fail } from "./harness.mjs";

const [url, markdown] = process.argv.slice(2);
if (!url || !markdown) fail("usage: tabs.mjs URL FILE.md");
const original = readFileSync(markdown, "utf8");
const TABS = 8;

function save(path, text) {
  writeFileSync(path + ".tmp", text);
  renameSync(path + ".tmp", path);
}

// Headless Chromium shows every page: hide or show one as a browser does when another tab
// comes to the front, by what the page sees of it.
async function setVisibility(page, state) {
  await page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

const streamOpen = () => (window.__loaStreams || []).some((s) => s.readyState === EventSource.OPEN);
const streamsClosed = () => (window.__loaStreams || []).every((s) => s.readyState === EventSource.CLOSED);

await withPage(async (first) => {
  const context = first.context();
  // Keep each page's event streams where the test can see them.
  await context.addInitScript(() => {
    const Real = window.EventSource;
    window.__loaStreams = [];
    window.EventSource = function (target) {
      const stream = new Real(target);
      window.__loaStreams.push(stream);
      return stream;
    };
    window.EventSource.prototype = Real.prototype;
    Object.assign(window.EventSource, { CONNECTING: 0, OPEN: 1, CLOSED: 2 });
  });
  const tabs = [first];
  while (tabs.length < TABS) tabs.push(await context.newPage());

  // 1. Open the tabs one after the other, each hidden when the next comes to the front.
  for (const [n, tab] of tabs.entries()) {
    try {
      await tab.goto(url, { timeout: 10000 });
    } catch (e) {
      fail(`tab ${n + 1} did not load: the event streams of hidden tabs hold the browser's connections (${e.message})`);
    }
    await waitInPage(tab, `tab ${n + 1} to listen`, streamOpen);
    if (n < TABS - 1) {
      await setVisibility(tab, "hidden");
      await waitInPage(tab, `hidden tab ${n + 1} to close its stream`, streamsClosed);
    }
  }
  await tabs[0].evaluate(() => { window.loaMarker = "chưa tải lại"; });

  // 2. A save reaches the tab in view; a hidden one does not listen, so it stays as it was.
  const edited = "Nội dung sửa khi tab đang ẩn.";
  save(markdown, original.replace("Đoạn mở đầu.", edited));
  const last = tabs[TABS - 1];
  await waitInPage(last, "the edit in the tab in view", (t) => document.body.innerText.includes(t), edited);
  const hiddenState = await tabs[0].evaluate((t) => ({
    marker: window.loaMarker,
    text: document.body.innerText.includes(t),
    closed: (window.__loaStreams || []).every((s) => s.readyState === 2),
  }), edited);
  if (hiddenState.marker !== "chưa tải lại" || hiddenState.text || !hiddenState.closed) {
    fail(`a hidden tab should neither listen nor reload: ${JSON.stringify(hiddenState)}`);
  }

  // 3. Shown again, the first tab listens and, the site having changed, reloads.
  await setVisibility(tabs[0], "visible");
  await waitInPage(tabs[0], "the first tab to reload with the edit once shown", (t) =>
    window.loaMarker === undefined && document.body.innerText.includes(t), edited);
  await waitInPage(tabs[0], "the first tab to listen again", streamOpen);
});
console.log("ok");
