// WCAG 2.1 AA check with axe-core on pages given as URLs: prints every violation with the
// elements involved and fails if there is any.
//
// Usage: node accessibility.mjs URL…
import { createRequire } from "node:module";
import { withPage, fail } from "./harness.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const urls = process.argv.slice(2);
if (urls.length === 0) fail("usage: accessibility.mjs URL…");

const problems = [];
await withPage(async (page) => {
  for (const url of urls) {
    const response = await page.goto(url);
    if (!response || response.status() >= 400) {
      if (!url.endsWith("404.html")) problems.push(`${url}: HTTP ${response && response.status()}`);
    }
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
      problems.push(`${url}: ${v.id} (${v.impact}): ${v.help} [${where}]`);
    }
  }
});
if (problems.length) fail(problems.join("\n"));
console.log(`ok: ${urls.length} pages, no violations`);
