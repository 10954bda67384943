// The share buttons of an article: they appear once the page's own small script runs, the
// page asks nothing of any other site, and "Zalo" (no share sheet on a desktop) copies the
// article's address and says so.
//
// Usage: node share.mjs ARTICLE_URL
import { withPage, fail, waitInPage } from "./harness.mjs";

const [url] = process.argv.slice(2);
if (!url) fail("usage: share.mjs ARTICLE_URL");
const origin = new URL(url).origin;
await withPage(async (page) => {
  const elsewhere = [];
  page.on("request", (r) => {
    if (new URL(r.url()).origin !== origin) elsewhere.push(r.url());
  });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await page.goto(url);
  const zalo = page.locator(".share-zalo");
  await zalo.waitFor({ state: "visible", timeout: 10000 }).catch(() => fail("the Zalo button stays hidden"));
  if (await page.evaluate(() => "share" in navigator)) {
    fail("this browser has a share sheet; the copy path is not exercised");
  }
  await zalo.click();
  await waitInPage(page, "the copied-link message", () =>
    document.querySelector(".share-status").textContent.startsWith("Đã chép liên kết"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== url) fail(`copied ${JSON.stringify(copied)}, expected ${url}`);
  const facebook = await page.locator(".share-facebook").getAttribute("href");
  if (new URL(facebook).searchParams.get("u") !== url) fail(`Facebook link shares ${facebook}`);
  if (elsewhere.length) fail(`the page asked other sites for: ${elsewhere.join(", ")}`);
});
