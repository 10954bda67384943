// loa serve --review on a phone: the leader opens the address loa printed, reads a waiting
// article as it will look, approves it, and sends another back with a note. Every page fits
// the phone's width and every button is large enough for a thumb.
//
// Usage: node review.mjs <review page URL>
import { withPage, waitInPage, fail, PHONE } from "./harness.mjs";

const [url] = process.argv.slice(2);
if (!url) fail("usage: review.mjs URL");

/** Fails when the page is wider than the phone (the leader would have to scroll sideways). */
async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.viewport.width) fail(`${what} is ${width}px wide on a ${PHONE.viewport.width}px phone`);
}

await withPage(async (page) => {
  await page.goto(url);
  const heading = await page.textContent("h1");
  if (!heading.includes("Bài chờ duyệt (2)")) fail(`unexpected heading: ${heading}`);
  await fitsThePhone(page, "the review page");
  for (const button of await page.locator("form.bai button").all()) {
    const box = await button.boundingBox();
    if (box.height < 44) fail(`a button is ${box.height}px high: too small for a thumb`);
  }

  // The article as it will look, then back to the list.
  const bai = page.locator("form.bai", { hasText: "Bài A" });
  await bai.locator("h2 a").tap();
  await page.waitForURL(/\/tin-tuc\/a\/$/);
  if ((await page.textContent("h1")).trim() !== "Bài A") fail("the article did not open");
  await fitsThePhone(page, "the article");
  await page.goBack();

  // Approve A as the second approver on the list.
  await page.selectOption("#nguoi-duyet", { label: "Trần Thị Bình" });
  await page.locator("form.bai", { hasText: "Bài A" }).locator("textarea").fill("Đồng ý đăng.");
  await page.locator("form.bai", { hasText: "Bài A" }).locator("button[value=approve]").tap();
  await waitInPage(page, "the approval to be written", () =>
    [...document.querySelectorAll("form.bai")].some((f) =>
      f.classList.contains("done") && f.innerText.includes("Đã duyệt content/tin-tuc/a.md")));

  // Return B: without a note the page asks for one, with a note it is sent back.
  const b = page.locator("form.bai", { hasText: "Bài B" });
  await b.locator("button[value=return]").tap();
  if (!(await b.locator(".result").textContent()).includes("Ghi lý do")) fail("a return without a note was not stopped");
  await b.locator("textarea").fill("Bổ sung số liệu quý IV.");
  await b.locator("button[value=return]").tap();
  await waitInPage(page, "the return to be written", () =>
    [...document.querySelectorAll("form.bai")].some((f) => f.innerText.includes("Đã trả lại content/tin-tuc/b.md")));
}, PHONE);
console.log("ok");
