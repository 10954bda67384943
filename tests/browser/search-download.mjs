// Measures what the search page downloads for each query, in a fresh browser each time: the
// figures of docs/search.md. Not a test; run it by hand against a built site.
//
// Usage: node search-download.mjs SEARCH_PAGE_URL QUERY…
import { withPage, waitInPage, fail } from "./harness.mjs";

const [searchUrl, ...queries] = process.argv.slice(2);
if (!searchUrl || queries.length === 0) fail("usage: search-download.mjs SEARCH_PAGE_URL QUERY…");
for (const query of queries) {
  await withPage(async (page) => {
    const files = [];
    page.on("response", (r) => {
      files.push(r.body().then((b) => b.length, () => 0));
    });
    await page.goto(searchUrl);
    await page.waitForLoadState("networkidle");
    const before = files.length;
    const pageBytes = (await Promise.all(files)).reduce((s, b) => s + b, 0);
    await page.locator("#tu_khoa").fill(query);
    await page.locator("#tu_khoa").press("Enter");
    await waitInPage(page, `results for ${query}`, () => {
      const s = document.getElementById("trang_thai").textContent;
      return s.startsWith("Tìm thấy") || s.startsWith("Không");
    });
    await waitInPage(page, `results shown for ${query}`, () =>
      document.querySelector("#ket_qua > li") || document.getElementById("trang_thai").textContent.startsWith("Không"));
    const search = await Promise.all(files.slice(before));
    const bytes = search.reduce((s, b) => s + b, 0);
    const status = await page.locator("#trang_thai").textContent();
    console.log(`${JSON.stringify(query)}: ${search.length} files, ${bytes} bytes for the search (page and script before it: ${pageBytes} bytes). ${status}`);
  });
}
