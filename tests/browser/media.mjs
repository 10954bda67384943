// An article with a YouTube video and a photo gallery, as a reader meets them.
//
// The video: before the click the page asks YouTube (or anyone else) for nothing; the facade
// is reached with Tab and started with Enter; the player then comes from the privacy-enhanced
// host. No request leaves the machine: every request to another site is answered here.
//
// The gallery: Enter on a photo opens the large copy over the page, the arrows go from photo
// to photo (round the end), Esc closes it and the focus is back on the photo last seen.
// Without JavaScript, a photo is a link to its large copy.
//
// Usage: node media.mjs ARTICLE_URL
import { withPage, fail, waitInPage } from "./harness.mjs";

const [url] = process.argv.slice(2);
if (!url) fail("usage: media.mjs ARTICLE_URL");
const origin = new URL(url).origin;

/** Presses Tab until `selector` (the first match) has the focus, or fails. */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return;
  }
  fail(`${selector} is never reached with Tab`);
}

await withPage(async (page) => {
  const elsewhere = [];
  await page.route((u) => u.origin !== origin, async (route) => {
    elsewhere.push(route.request().url());
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Trình phát</title><p>Trình phát</p>" });
  });
  await page.goto(url, { waitUntil: "networkidle" });
  if (elsewhere.length) fail(`before any click the page asked other sites for: ${elsewhere.join(", ")}`);

  // The video, with the keyboard only.
  await tabTo(page, "a.video-facade");
  const title = await page.locator("a.video-facade .video-title").textContent();
  await page.keyboard.press("Enter");
  const player = page.locator("iframe.video-player");
  await player.waitFor({ timeout: 10000 }).catch(() => fail("Enter on the facade loads no player"));
  const src = await player.getAttribute("src");
  if (!src.startsWith("https://www.youtube-nocookie.com/embed/")) fail(`the player comes from ${src}`);
  if ((await player.getAttribute("title")) !== title) fail("the player is not named by the video's title");
  for (let i = 0; i < 100 && elsewhere.length === 0; i++) await page.waitForTimeout(50);
  await page.waitForTimeout(200);
  const hosts = [...new Set(elsewhere.map((u) => new URL(u).host))];
  if (hosts.join() !== "www.youtube-nocookie.com") fail(`after the click the page asked: ${hosts.join(", ")}`);
  if (!(await page.evaluate(() => document.activeElement && document.activeElement.tagName === "IFRAME"))) {
    fail("the focus is not on the player after the click");
  }
  if (page.url() !== url) fail(`the page left for ${page.url()}`);

  // The gallery, with the keyboard only.
  const links = await page.$$eval("[data-gallery] a.gallery-link", (as) => as.map((a) => a.href));
  const captions = await page.$$eval("[data-gallery] figure", (fs) =>
    fs.map((f) => (f.querySelector("figcaption") || { textContent: "" }).textContent));
  if (links.length < 3) fail(`the gallery has ${links.length} photos`);
  // A grid: the first photos sit side by side, with no list bullets.
  const grid = await page.$$eval("[data-gallery] li", (lis) => ({
    tops: lis.slice(0, 2).map((li) => Math.round(li.getBoundingClientRect().top)),
    bullet: getComputedStyle(lis[0]).listStyleType,
  }));
  if (grid.tops[0] !== grid.tops[1] || grid.bullet !== "none") {
    fail(`the gallery is not a grid at ${page.viewportSize().width} px: ${JSON.stringify(grid)}`);
  }
  await tabTo(page, "[data-gallery] li:nth-child(2) a.gallery-link");
  await page.keyboard.press("Enter");
  const shown = async () => page.evaluate(() => {
    const d = document.querySelector("dialog.lightbox");
    return {
      open: d.open,
      src: d.querySelector(".lightbox-photo img").src,
      caption: d.querySelector(".lightbox-photo figcaption").textContent,
      count: d.querySelector(".lightbox-count").textContent,
    };
  });
  const expect = async (n, what) => {
    const s = await shown();
    const want = { open: true, src: links[n], caption: captions[n], count: `Ảnh ${n + 1}/${links.length}` };
    if (JSON.stringify(s) !== JSON.stringify(want)) fail(`${what}: shows ${JSON.stringify(s)}, expected ${JSON.stringify(want)}`);
  };
  await waitInPage(page, "the viewer opening", () => document.querySelector("dialog.lightbox[open]"));
  await expect(1, "Enter on the second photo");
  const last = links.length - 1;
  await page.keyboard.press("ArrowRight");
  await expect(2 % links.length, "ArrowRight");
  for (let i = 2; i < last; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(0, "ArrowRight past the last photo");
  await page.keyboard.press("ArrowLeft");
  await expect(last, "ArrowLeft before the first photo");
  await page.keyboard.press("Escape");
  await waitInPage(page, "Esc closing the viewer", () => !document.querySelector("dialog.lightbox").open);
  // The dialog first gives the focus back to where it was opened; its close event (a task
  // later) moves it to the photo last seen.
  await waitInPage(page, "the focus back on the photo last seen", (href) => document.activeElement.href === href, links[last]);
  // The close button does the same as Esc.
  await page.keyboard.press("Enter");
  await waitInPage(page, "the viewer opening again", () => document.querySelector("dialog.lightbox[open]"));
  await page.locator(".lightbox-close").click();
  await waitInPage(page, "the close button closing the viewer", () => !document.querySelector("dialog.lightbox").open);
});

// Without JavaScript: a photo is a plain link to its large copy, a photo of the site.
await withPage(async (page) => {
  await page.goto(url);
  const href = await page.locator("[data-gallery] a.gallery-link").first().getAttribute("href");
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.locator("[data-gallery] a.gallery-link").first().click(),
  ]);
  const type = response && response.headers()["content-type"];
  if (page.url() !== new URL(href, url).href || !/^image\//.test(type || "")) {
    fail(`without JavaScript the first photo opens ${page.url()} (${type})`);
  }
}, { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
console.log("ok: the video asks nothing before the click and plays from youtube-nocookie; the viewer follows the keyboard");
