// loa serve in a real browser: an article updates when its Markdown is saved, an error
// overlay names the file and line while the front matter is broken and leaves once fixed,
// the reader's scroll position survives the reload, a CSS change applies without one, and a
// template edit shows in the page, which is not reloaded again once it shows it (the page in
// view is made first, then the whole site; src/serve/session.rs tests that the two agree).
//
// Usage: node live-reload.mjs <article URL> <path of its .md file> <path of static/style.css>
//        <path of the theme's page.html>
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { withPage, waitInPage, fail } from "./harness.mjs";

const [url, markdown, stylesheet, template] = process.argv.slice(2);
if (!url || !markdown || !stylesheet || !template) fail("usage: live-reload.mjs URL FILE.md STYLE.css PAGE.html");
const original = readFileSync(markdown, "utf8");

// Editors save by writing a temporary file and renaming it over the original.
function save(path, text) {
  writeFileSync(path + ".tmp", text);
  renameSync(path + ".tmp", path);
}

await withPage(async (page) => {
  await page.goto(url);
  const title = await page.textContent("h1");
  if (!title || !title.includes("Bài A")) fail(`unexpected page title: ${title}`);

  // 1. A body edit appears without the test navigating, at the same scroll position.
  await page.evaluate(() => window.scrollTo(0, 400));
  save(markdown, original.replace("Đoạn mở đầu.", "Nội dung vừa sửa trong trình soạn thảo."));
  await waitInPage(page, "the edited text", () => document.body.innerText.includes("Nội dung vừa sửa trong trình soạn thảo."));
  await page.waitForTimeout(300);
  const y = await page.evaluate(() => window.scrollY);
  if (Math.abs(y - 400) > 40) fail(`scroll position lost after reload: ${y}`);

  // 2. Broken front matter: the overlay names the file and the line, the page stays.
  save(markdown, original.replace("date: 2025-09-01", "date: 2025-09-01\ntopics: [khong-co]"));
  await waitInPage(page, "the error overlay", () => {
    const overlay = document.getElementById("loa_loi");
    return overlay && overlay.innerText.includes("content/tin-tuc/a.md:4:1");
  });
  if (!(await page.evaluate(() => document.body.innerText.includes("Nội dung vừa sửa")))) {
    fail("the last good page should stay under the overlay");
  }

  // 3. Fixed: the overlay goes by itself and the page shows the new text.
  save(markdown, original.replace("Đoạn mở đầu.", "Đã sửa xong lỗi."));
  await waitInPage(page, "the overlay to go and the fix to show", () =>
    !document.getElementById("loa_loi") && document.body.innerText.includes("Đã sửa xong lỗi."));

  // 4. A stylesheet change applies in place: no reload (the marker survives).
  await page.evaluate(() => { window.loaMarker = "còn đây"; });
  save(stylesheet, "body { background: rgb(1, 2, 3); }\n");
  await waitInPage(page, "the new stylesheet", () => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)");
  const marker = await page.evaluate(() => window.loaMarker);
  if (marker !== "còn đây") fail("the page reloaded for a CSS change");

  // 5. A template edit: the page shows it, and is not reloaded again afterwards.
  const page_html = readFileSync(template, "utf8");
  save(template, page_html.replace("{% block content %}", '{% block content %}<p id="mau">Mẫu vừa sửa</p>'));
  await waitInPage(page, "the edited template", () => document.getElementById("mau") !== null);
  await page.evaluate(() => { window.loaMarker = "sau khi sửa mẫu"; });
  await page.waitForTimeout(1000);
  if ((await page.evaluate(() => window.loaMarker)) !== "sau khi sửa mẫu") {
    fail("the page reloaded a second time after a template edit");
  }
  if (!(await page.evaluate(() => document.body.innerText.includes("Đã sửa xong lỗi.")))) {
    fail("the page lost its text after a template edit");
  }
});
console.log("ok");
