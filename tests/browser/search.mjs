// The search page as a reader uses it: nothing of the index is fetched before a search; a
// query typed without tones, with tones or in decomposed form (NFD) lists the decree's article
// first, its title and snippet marked, with its date and topics; the query can come in the
// address or from the search box of another page; text from articles is never read as HTML.
//
// Usage: node search.mjs SITE_URL EXPECTED_JSON
//   SITE_URL: the site's home (with its base path); EXPECTED_JSON: what the fixture holds
//   ({ first, second, date, topic, hostile, base }), written by tests/site/search.rs.
import { withPage, fail, waitInPage } from "./harness.mjs";

const [site, expectedJson] = process.argv.slice(2);
if (!site || !expectedJson) fail("usage: search.mjs SITE_URL EXPECTED_JSON");
const expected = JSON.parse(expectedJson);
const searchUrl = new URL("tim-kiem/", site).href;

// What the result list shows: per result its title, marked words, date, topics, snippet marks.
const results = (page) => page.evaluate(() => Array.from(document.querySelectorAll("#ket_qua > li"), (li) => ({
  title: li.querySelector("h2 a").textContent,
  href: li.querySelector("h2 a").getAttribute("href"),
  titleMarks: Array.from(li.querySelectorAll("h2 mark"), (m) => m.textContent),
  date: li.querySelector("time") ? li.querySelector("time").textContent : "",
  topics: Array.from(li.querySelectorAll(".topics a"), (a) => a.textContent),
  snippetMarks: Array.from(li.querySelectorAll(".snippet mark"), (m) => m.textContent),
  elements: li.querySelectorAll("h2 *:not(a):not(mark), .snippet *:not(mark)").length,
})));

const status = (page) => page.locator("#trang_thai").textContent();

async function waitForResults(page, what) {
  await waitInPage(page, what, () => {
    const s = document.getElementById("trang_thai").textContent;
    return s && s !== "Đang tìm…" && (s.startsWith("Không") || document.querySelector("#ket_qua > li"));
  });
}

function check(condition, message) {
  if (!condition) fail(message);
}

function checkDecreeFirst(list, query) {
  const where = `query ${JSON.stringify(query)}`;
  check(list.length === 2, `${where}: 2 results expected, got ${JSON.stringify(list, null, 1)}`);
  const [first, second] = list;
  check(first.title === expected.first, `${where}: first result is ${first.title}`);
  check(second.title === expected.second, `${where}: second result is ${second.title}`);
  check(first.href.startsWith(expected.base), `${where}: link ${first.href} lacks the base path`);
  check(first.titleMarks.join("|") === "Nghị định|118", `${where}: title marks ${first.titleMarks}`);
  check(first.date === expected.date, `${where}: date ${first.date}`);
  check(first.topics.join("|") === expected.topic, `${where}: topics ${first.topics}`);
  check(second.snippetMarks.includes("Nghị định"), `${where}: snippet marks ${second.snippetMarks}`);
}

const problems = [];
await withPage(async (page) => {
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));

  await page.goto(searchUrl);
  await page.waitForLoadState("networkidle");
  const early = requests.filter((p) => p.includes("/tim-kiem/") && p.endsWith(".json"));
  check(early.length === 0, `the index was fetched before any search: ${early}`);

  // Typed key by key: the page searches as the reader types.
  await page.locator("#tu_khoa").pressSequentially("nghi dinh 118", { delay: 20 });
  await waitForResults(page, "results for the typed query");
  checkDecreeFirst(await results(page), "nghi dinh 118");
  check((await status(page)).startsWith("Tìm thấy 2 bài"), `status: ${await status(page)}`);
  const fetched = requests.filter((p) => p.endsWith(".json"));
  const outside = fetched.filter((p) => !p.startsWith(`${expected.base}tim-kiem/`));
  check(outside.length === 0, `index files fetched outside the base path: ${outside}`);

  for (const query of ["Nghị định 118", "Nghị định 118".normalize("NFD")]) {
    check(query === "Nghị định 118" || query.length > "Nghị định 118".length, "the NFD form is decomposed");
    await page.locator("#tu_khoa").fill(query);
    await page.locator("#tu_khoa").press("Enter");
    await waitForResults(page, `results for ${JSON.stringify(query)}`);
    checkDecreeFirst(await results(page), query);
  }
  check(new URL(page.url()).searchParams.get("q") === "Nghị định 118".normalize("NFD"), `Enter puts the query in the address: ${page.url()}`);

  await page.locator("#tu_khoa").fill("bimatnhap");
  await page.locator("#tu_khoa").press("Enter");
  await waitForResults(page, "no result for a draft's word");
  check((await status(page)).startsWith("Không tìm thấy"), `a draft's word: ${await status(page)}`);
  check((await results(page)).length === 0, "no result for a draft's word");

  // An article whose title looks like HTML shows it as text.
  await page.locator("#tu_khoa").fill("hostile");
  await page.locator("#tu_khoa").press("Enter");
  await waitForResults(page, "the article with markup in its title");
  const hostile = await results(page);
  check(hostile.length === 1 && hostile[0].title === expected.hostile, `hostile title shown as ${JSON.stringify(hostile)}`);
  check(hostile[0].elements === 0, "no element made from an article's text");
  check(!(await page.evaluate(() => window.pwned)), "an article's text ran as script");

  // The query in the address, as the header's search box of any page sends it.
  await page.goto(site);
  await page.locator(".header-search input[name=q]").fill("nghi dinh 118");
  await page.locator(".header-search button").click();
  await page.waitForURL((u) => u.pathname === new URL(searchUrl).pathname);
  await waitForResults(page, "results for the header box's query");
  check(await page.locator("#tu_khoa").inputValue() === "nghi dinh 118", "the page shows the query it got");
  checkDecreeFirst(await results(page), "nghi dinh 118 (header box)");
});
if (problems.length) fail(problems.join("\n"));
console.log("ok: search finds, ranks, marks and shows results");
