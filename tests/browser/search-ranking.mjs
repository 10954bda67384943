// Ranking on the search page: for each query, the titles of the results in order, as the
// reader sees them. Pages with the query's phrase come before pages with its words scattered.
//
// Usage: node search-ranking.mjs SITE_URL EXPECTED_JSON
//   EXPECTED_JSON: { query: [title, …] }, written by tests/site/search.rs.
import { withPage, fail, waitInPage } from "./harness.mjs";

const [site, expectedJson] = process.argv.slice(2);
if (!site || !expectedJson) fail("usage: search-ranking.mjs SITE_URL EXPECTED_JSON");
const expected = JSON.parse(expectedJson);

await withPage(async (page) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  for (const [query, titles] of Object.entries(expected)) {
    const url = new URL(`tim-kiem/?q=${encodeURIComponent(query)}`, site).href;
    await page.goto(url);
    await waitInPage(page, `results for ${query}`, () => {
      const s = document.getElementById("trang_thai").textContent;
      return s && s !== "Đang tìm…" && (s.startsWith("Không") || document.querySelector("#ket_qua > li"));
    });
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll("#ket_qua > li h2 a"), (a) => a.textContent));
    if (JSON.stringify(shown) !== JSON.stringify(titles)) {
      fail(`query ${JSON.stringify(query)}: expected ${JSON.stringify(titles)}, saw ${JSON.stringify(shown)}`);
    }
  }
  if (errors.length) fail(`script errors: ${errors.join("; ")}`);
});
