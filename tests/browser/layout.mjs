// Pages fit their screen: at 1280 and 390 px wide nothing scrolls sideways and every image of
// the page stays inside <main> (a photo with width/height set once spilled over the sidebar).
//
// Usage: node layout.mjs URL…
import { withPage, fail } from "./harness.mjs";

const urls = process.argv.slice(2);
if (urls.length === 0) fail("usage: layout.mjs URL…");
const problems = [];
await withPage(async (page) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of urls) {
      await page.goto(url);
      // A lazy image far down the page (a gallery) would not load, and its decode() never settle.
      await page.evaluate(() => Promise.all([...document.images].map((i) => {
        i.loading = "eager";
        return i.decode().catch(() => {});
      })));
      const found = await page.evaluate(() => {
        const out = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > window.innerWidth + 1) out.push(`scrolls sideways (${doc.scrollWidth} px)`);
        const main = document.querySelector("main").getBoundingClientRect();
        for (const img of document.querySelectorAll("main img")) {
          const box = img.getBoundingClientRect();
          if (box.right > main.right + 1 || box.left < main.left - 1) out.push(`image ${img.getAttribute("src")} leaves <main>`);
        }
        return out;
      });
      for (const f of found) problems.push(`${url} at ${width} px: ${f}`);
    }
  }
});
if (problems.length) fail(problems.join("\n"));
console.log(`ok: ${urls.length} pages fit at 1280 and 390 px`);
