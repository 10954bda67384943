// loa desk end to end, as the officer uses it: an article created through the form, written in
// the editor with its preview following, a photo added with its description, a link to a file
// that is not there found and fixed from the problems list (a root path such as /khong-co/ is
// the officer's choice, which loa leaves alone), saved, submitted, approved and published; an
// unsaved text restored after the tab was closed; a file changed on disk behind the page met
// with both versions shown and nothing overwritten; a Word file imported from the list. Every screen is checked with axe-core at 1280 and
// 390 px and must not scroll sideways. With LOA_SHOTS=1 each screen is saved as a PNG in
// /tmp/desk-shots/ to look at.
//
// Usage: node desk.mjs DESK_URL SITE_ROOT OTHER_ARTICLE
//   OTHER_ARTICLE: an existing article (content/…) the conflict check edits.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { withPage, waitInPage, fail, PHONE } from "./harness.mjs";

const [desk, root, other] = process.argv.slice(2);
if (!other) fail("usage: desk.mjs DESK_URL SITE_ROOT OTHER_ARTICLE");
// Evaluated through the DevTools protocol: the desk's CSP refuses an injected <script>.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const shots = process.env.LOA_SHOTS === "1" ? "/tmp/desk-shots" : null;
if (shots) fs.mkdirSync(shots, { recursive: true });

const problems = [];
const TITLE = "Sở Tư pháp tập huấn Nghị định 118 cho công chức một cửa";
const SENTENCE = "Theo Nghị định số 118/2025/NĐ-CP, hồ sơ được nhận tại Bộ phận Một cửa.";
const ALT = "Quang cảnh lớp tập huấn tại hội trường Sở";

/** A small real PNG (a solid colour), as a phone photo would be for loa's image pipeline. */
function png(width, height, rgb) {
  const chunk = (type, data) => {
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(typed), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

const editorOf = (url) => new URL(url).searchParams.get("path");

async function open(page, url) {
  await page.goto(url);
  await waitInPage(page, `${url} to be ready`, () => window.loaDesk && window.loaDesk.ready);
}

/** Waits until the preview iframe's page has an element matching `css` (holding `text`). The
 * desk forbids eval (its CSP), so the predicate is this one function, not one per call. */
async function inPreview(page, what, css, text = "") {
  await waitInPage(page, what, ([selector, words]) => {
    const doc = document.querySelector("#xem-truoc").contentDocument;
    return [...(doc ? doc.querySelectorAll(selector) : [])].some((e) => e.textContent.includes(words));
  }, [css, text]);
}

/** Puts the cursor at the end of the text and types, as the officer does. */
async function typeAtEnd(page, text) {
  await page.locator("#noi-dung-bai").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function createThroughTheForm(page) {
  await open(page, desk + "moi");
  await page.fill("#f-title", TITLE);
  await page.selectOption("#f-section", "tin-tuc");
  await page.getByLabel("Nghị định số 118/2025/NĐ-CP", { exact: true }).check();
  await page.selectOption("#f-unit", "van-phong");
  await page.fill("#f-date", "2025-11-20T08:00");
  await waitInPage(page, "the file name to be shown", () =>
    document.querySelector("#ten-tep").textContent.includes("content/tin-tuc/"));
  await page.getByRole("button", { name: "Tạo bài và mở trang soạn" }).click();
  await page.waitForURL(/\/sua\?path=/);
  await waitInPage(page, "the editor to open", () => window.loaDesk && window.loaDesk.ready);
  await inPreview(page, "the first preview", "h1", TITLE);
}

async function typeAndSeeThePreview(page) {
  // The preview's document stays (only its body is replaced): the theme's CSS is not reloaded.
  await page.evaluate(() => { document.querySelector("#xem-truoc").contentDocument.head.dataset.kept = "yes"; });
  await typeAtEnd(page, SENTENCE);
  await inPreview(page, "the typed sentence in the preview", "main", SENTENCE);
  const kept = await page.evaluate(() => document.querySelector("#xem-truoc").contentDocument.head.dataset.kept);
  if (kept !== "yes") fail("the preview reloaded its whole document instead of its body");
  await waitInPage(page, "the legal number to be marked in the editor", () =>
    [...document.querySelectorAll(".backdrop mark")].some((m) => m.textContent.includes("118/2025/NĐ-CP")));
  const timings = await page.evaluate(() => window.loaDesk.timings);
  if (!timings.length || timings.some((t) => !(t > 0))) fail(`no keystroke → preview timings: ${JSON.stringify(timings)}`);
}

async function addAPhoto(page) {
  const before = editorOf(page.url());
  await page.locator("#noi-dung-bai").focus();
  await page.keyboard.press("Control+End");
  await page.setInputFiles("#anh-chen", { name: "IMG_1234.png", mimeType: "image/png", buffer: png(64, 48, [30, 90, 160]) });
  const dialog = page.locator("#hop-anh");
  await dialog.waitFor({ state: "visible" });
  // The description is required: the dialog does not close without it.
  await dialog.getByRole("button", { name: "Chèn ảnh" }).click();
  if (!(await dialog.isVisible())) fail("the photo dialog closed without a description");
  await dialog.getByLabel("Mô tả ảnh cho người không xem được ảnh").fill(ALT);
  await dialog.getByRole("button", { name: "Chèn ảnh" }).click();
  await waitInPage(page, "the photo in the text", (alt) => document.querySelector("#noi-dung-bai").value.includes(`![${alt}](`), ALT);
  await inPreview(page, "the photo with its description in the preview", `img[alt="${ALT}"]`);
  const after = editorOf(page.url());
  if (!after.endsWith("/index.md") || after === before) fail(`the article did not move into its folder: ${before} → ${after}`);
}

async function findAndFixABrokenLink(page) {
  await typeAtEnd(page, "\n\nXem thêm [x](khong-co.md) về thủ tục.");
  const line = await page.evaluate(() => {
    const text = document.querySelector("#noi-dung-bai").value;
    return text.slice(0, text.indexOf("[x](khong-co.md)")).split("\n").length;
  });
  const problem = page.locator("#ds-loi button", { hasText: `Dòng ${line}:` });
  await problem.waitFor({ timeout: 10000 }).catch(() => fail(`no problem listed on line ${line}`));
  // Away from the line first, so the click is what brings the cursor there.
  await page.evaluate(() => document.querySelector("#noi-dung-bai").setSelectionRange(0, 0));
  await problem.click();
  const at = await page.evaluate(() => {
    const ta = document.querySelector("#noi-dung-bai");
    return { line: ta.value.slice(0, ta.selectionStart).split("\n").length, focused: document.activeElement === ta };
  });
  if (at.line !== line || !at.focused) fail(`the problem's button put the cursor on line ${at.line} (focused: ${at.focused}), not ${line}`);
  // Fix it: the link becomes plain text.
  await page.evaluate(() => {
    const ta = document.querySelector("#noi-dung-bai");
    const start = ta.value.indexOf("[x](khong-co.md)");
    ta.setSelectionRange(start, start + "[x](khong-co.md)".length);
  });
  await page.keyboard.type("x");
  await waitInPage(page, "the problem to go away", (n) =>
    ![...document.querySelectorAll("#ds-loi button")].some((b) => b.textContent.includes(`Dòng ${n}:`)), line);
}

async function saveIt(page) {
  await page.click("#thong-tin > summary");
  await page.getByLabel("Còn là bản nháp (chưa đăng)").uncheck();
  await page.keyboard.press("Control+S");
  await waitInPage(page, "the article to be saved", () => document.querySelector("#tinh-trang-luu").textContent.startsWith("Đã lưu lúc"));
  const copy = await page.evaluate((p) => localStorage.getItem("loa-desk:" + p), editorOf(page.url()));
  if (copy !== null) fail("the unsaved copy was kept after a successful save");
}

/** Which of the approval buttons are shown, by their words. */
async function stepsShown(page) {
  return page.$$eval(".workflow button", (bs) => bs.filter((b) => getComputedStyle(b).display !== "none").map((b) => b.textContent).join(", "));
}

async function submitAndApprove(page) {
  const before = await stepsShown(page);
  if (before !== "Gửi duyệt") fail(`a draft offers the steps: ${before}`);
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await waitInPage(page, "the article to be submitted", () => document.querySelector("#trang-thai").textContent.startsWith("Chờ duyệt"));
  const submitted = await stepsShown(page);
  if (submitted !== "Duyệt, Trả lại") fail(`a submitted article offers the steps: ${submitted}`);
  await page.getByRole("button", { name: "Duyệt", exact: true }).click();
  const dialog = page.locator("#hop-duyet");
  await dialog.waitFor({ state: "visible" });
  await dialog.getByLabel("Ý kiến (không bắt buộc)").fill("Đồng ý đăng.");
  await dialog.getByRole("button", { name: "Duyệt", exact: true }).click();
  await waitInPage(page, "the article to be approved", () => document.querySelector("#trang-thai").textContent.startsWith("Đã duyệt"));
  const approved = await stepsShown(page);
  if (approved !== "Trả lại") fail(`an approved article offers the steps: ${approved}`);
}

async function publishIt(page, article) {
  await open(page, desk + "dang");
  await page.getByRole("button", { name: "Xem những gì sẽ gửi" }).click();
  await waitInPage(page, "the publish plan", () => document.querySelector("#tom-tat-ke-hoach").textContent.startsWith("Thêm"));
  const folder = article.replace(/^content\//, "").replace(/index\.md$/, "index.html");
  const listed = await page.evaluate((f) => document.querySelector("#ds-ke-hoach").textContent.includes(f), folder);
  if (!listed) fail(`the plan does not list ${folder}`);
  await page.getByRole("button", { name: "Đăng", exact: true }).click();
  await waitInPage(page, "the publish to finish", () => document.querySelector("#ket-qua").textContent.includes("Đã đăng xong"));
  await check(page, "da-dang", 1280);
}

/** The marks lie under their words however the text wraps and scrolls: the backdrop has the
 * textarea's inner width and height, and its scroll. */
async function longLinesStayAligned(page) {
  const sentence = "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện Nghị định số 118/2025/NĐ-CP về một cửa, một cửa liên thông; ";
  const address = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?ma=" + "a".repeat(180);
  await page.locator("#noi-dung-bai").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(("\n\n" + sentence.repeat(5) + address).repeat(6));
  await waitInPage(page, "the new numbers to be marked", () => document.querySelectorAll(".backdrop mark").length >= 30);
  const box = await page.evaluate(() => {
    const ta = document.querySelector("#noi-dung-bai");
    ta.scrollTop = ta.scrollHeight / 2;
    ta.dispatchEvent(new Event("scroll"));
    const back = document.querySelector(".backdrop");
    return [ta.clientWidth, back.clientWidth, ta.scrollHeight, back.scrollHeight, ta.scrollTop, back.scrollTop];
  });
  const [w1, w2, h1, h2, t1, t2] = box;
  if (w1 !== w2 || h1 !== h2 || t1 !== t2 || t1 === 0) fail(`the marks' backdrop is not the textarea's box: ${JSON.stringify(box)}`);
}

/** Closing the tab loses nothing; a file changed behind the page is never overwritten. */
async function restoreThenConflict(page) {
  const file = path.join(root, other);
  await open(page, desk + "sua?path=" + encodeURIComponent(other));
  await longLinesStayAligned(page);
  await typeAtEnd(page, "\n\nCâu viết trên bàn viết bài.");
  await page.reload();
  await waitInPage(page, "the editor to reopen", () => window.loaDesk && window.loaDesk.ready);
  await page.getByRole("button", { name: /^Khôi phục bản chưa lưu \(lúc / }).click();
  await waitInPage(page, "the unsaved text to come back", () =>
    document.querySelector("#noi-dung-bai").value.includes("Câu viết trên bàn viết bài."));

  const onDisk = fs.readFileSync(file, "utf8") + "\nĐoạn một đồng nghiệp thêm bằng Notepad.\n";
  fs.writeFileSync(file, onDisk);
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  const dialog = page.locator("#hop-xung-dot");
  await dialog.waitFor({ state: "visible" }).catch(() => fail("no conflict view after the file changed on disk"));
  const mine = await page.textContent("#ban-cua-toi");
  const theirs = await page.textContent("#ban-tren-may");
  if (!mine.includes("Câu viết trên bàn viết bài.") || !theirs.includes("Đoạn một đồng nghiệp thêm bằng Notepad.")) {
    fail(`the conflict view does not show both versions:\n--- mine\n${mine}\n--- disk\n${theirs}`);
  }
  if (fs.readFileSync(file, "utf8") !== onDisk) fail("the file on disk was overwritten");
  await check(page, "xung-dot", 1280);
  await page.keyboard.press("Escape");
  if (await dialog.isVisible()) fail("Esc did not close the conflict view");
  if (fs.readFileSync(file, "utf8") !== onDisk) fail("closing the conflict view overwrote the file");
  // Then the disk version is taken.
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await dialog.waitFor({ state: "visible" });
  await dialog.getByRole("button", { name: "Dùng bản trên máy" }).click();
  await waitInPage(page, "the disk version in the editor", () => {
    const text = document.querySelector("#noi-dung-bai").value;
    return text.includes("Đoạn một đồng nghiệp thêm bằng Notepad.") && !text.includes("Câu viết trên bàn viết bài.");
  });
}

/** A unit's Word file dropped on the list opens as a new draft with loa's notes beside it. */
async function importAWordFile(page) {
  await open(page, desk);
  const word = new URL("../fixtures/docx/python-docx.docx", import.meta.url);
  await page.setInputFiles("#tep-word", word.pathname);
  await page.waitForURL(/\/sua\?path=/);
  await waitInPage(page, "the imported article's editor", () => window.loaDesk && window.loaDesk.ready);
  const notes = await page.textContent("#ghi-chu-nhap");
  if (!notes.includes("Đã chuyển") || !notes.includes("Cần kiểm tra")) fail(`no import notes shown:\n${notes}`);
  await inPreview(page, "the imported article's preview", "h1");
  await check(page, "nhap-word", 1280);
}

/** axe-core on the screen as it is, no sideways scroll, and a screenshot when asked. */
async function check(page, name, width) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
    problems.push(`${name} at ${width} px: ${v.id} (${v.impact}): ${v.help} [${where}]`);
  }
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (wide > 0) problems.push(`${name} at ${width} px scrolls sideways by ${wide} px`);
  if (shots) await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
}

async function everyScreen(page, article, width) {
  await open(page, desk);
  await check(page, "danh-sach", width);
  await open(page, desk + "moi");
  await page.fill("#f-title", TITLE + " lần hai");
  await check(page, "bai-moi", width);
  await open(page, desk + "sua?path=" + encodeURIComponent(article));
  await inPreview(page, "the preview", "h1");
  await page.click("#thong-tin > summary");
  await check(page, "soan-bai", width);
  await open(page, desk + "dang");
  await page.getByRole("button", { name: "Xem những gì sẽ gửi" }).click();
  await waitInPage(page, "the publish plan", () => document.querySelector("#tom-tat-ke-hoach").textContent !== "Đang xem…");
  await check(page, "dang", width);
}

let article = "";
await withPage(async (page) => {
  page.on("dialog", (d) => d.accept()); // leaving with unsaved text asks first
  await createThroughTheForm(page);
  await typeAndSeeThePreview(page);
  await addAPhoto(page);
  await findAndFixABrokenLink(page);
  await saveIt(page);
  article = editorOf(page.url());
  await submitAndApprove(page);
  await publishIt(page, article);
  await restoreThenConflict(page);
  await importAWordFile(page);
});

await withPage((page) => everyScreen(page, article, 1280));
await withPage((page) => everyScreen(page, article, PHONE.viewport.width), PHONE);
if (problems.length) fail(problems.join("\n"));
console.log(article);
