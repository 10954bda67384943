// loa desk: the officer writes, checks, submits and publishes articles in the browser. One
// shell (desk.html) holds every screen as a <template>; this script picks the screen from the
// address and talks to loa through the desk's JSON API (`api/…`, src/serve/desk/).
// Plain JS, no library: it is compiled into loa and must work offline on the officer's PC.
"use strict";

const DESK = document.body.dataset.desk;
const SECRET = document.body.dataset.secret;
window.loaDesk = { timings: [], server: [] };

const $ = (css, root = document) => root.querySelector(css);
const $$ = (css, root = document) => [...root.querySelectorAll(css)];

/** An element with attributes (`text` sets its text, `on*` a listener) and children. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const editorUrl = (path) => DESK + "sua?path=" + encodeURIComponent(path);

// ---------------------------------------------------------------- talking to loa

/** Calls the API; never throws. `json` is sent as JSON, `body` as bytes (a File). Every
 * request but a read carries the run's secret, or loa refuses it. */
async function api(path, { json, body } = {}) {
  const init = { headers: {} };
  if (json !== undefined || body !== undefined) {
    init.method = "POST";
    init.headers["X-Loa-Secret"] = SECRET;
    if (json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(json);
    } else {
      init.body = body;
    }
  }
  try {
    const response = await fetch(DESK + path, init);
    const text = await response.text();
    let data = {};
    try { data = text ? JSON.parse(text) : {}; } catch { data = { error: text }; }
    return { ok: response.ok, status: response.status, data };
  } catch {
    return { ok: false, status: 0, data: {
      error: "Không kết nối được với loa.",
      hint: "Kiểm tra cửa sổ loa desk còn chạy trên máy, rồi thử lại." } };
  }
}

/** The message of a failed call, with its hint. */
const failure = (r) => [r.data.error || `Lỗi ${r.status}`, r.data.hint].filter(Boolean).join(" ");

/** A short message in the live region at the bottom of the screen. */
function say(text) {
  const box = $("#bao");
  box.textContent = text;
  box.classList.toggle("shown", Boolean(text));
  clearTimeout(say.timer);
  say.timer = setTimeout(() => box.classList.remove("shown"), 8000);
}

// ---------------------------------------------------------------- small helpers

const pad = (n) => String(n).padStart(2, "0");
const clock = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const day = (d) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
const localNow = (d = new Date()) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${clock(d)}`;

/** Text folded for search: no tones, no case, đ as d ("Nghị định" is found by "nghi dinh"). */
const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/đ/g, "d");

/** Sizes as the officer reads them: 1,2 MB (Vietnamese decimal comma). */
function size(bytes) {
  const number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} KB`;
  return `${number.format(bytes / 1024 / 1024)} MB`;
}

/** JSON with sorted keys: two versions of an article compare equal whatever the key order. */
function canonical(value) {
  return JSON.stringify(value, (_, v) => (v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

/** Lets `fn` run once at a time: a call while one runs is kept, and only the latest such
 * call runs when it ends ("one in flight, latest wins"). */
function latestWins(fn) {
  let running = false;
  let again = false;
  return async function run() {
    if (running) { again = true; return; }
    running = true;
    try { await fn(); } finally { running = false; }
    if (again) { again = false; run(); }
  };
}

/** Opens a modal dialog and resolves with the value of the button that closed it ("" for
 * Esc). The browser keeps focus inside a modal dialog and gives it back on close. */
function ask(dialog) {
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
    dialog.showModal();
  });
}

/** A hidden file input opened by its button (`data-pick`), so the button takes the focus. */
function wirePickers(root) {
  for (const button of $$("[data-pick]", root)) {
    button.addEventListener("click", () => document.getElementById(button.dataset.pick).click());
  }
}

/** Calls `take(file)` for each file dropped on `zone`, one after the other (each may ask the
 * officer something in a dialog). */
function dropFiles(zone, take) {
  zone.addEventListener("dragover", (e) => {
    if (!e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", async (e) => {
    zone.classList.remove("dragging");
    if (!e.dataTransfer.files.length) return;
    e.preventDefault();
    e.stopPropagation();
    for (const file of [...e.dataTransfer.files]) await take(file);
  });
}

const isDocx = (file) => /\.docx$/i.test(file.name);

/** A Word file a unit sent, turned into a new draft; its editor opens with loa's notes. */
async function importWord(file) {
  say(`Đang nhận tệp ${file.name}…`);
  const r = await api("api/import?name=" + encodeURIComponent(file.name), { body: file });
  if (!r.ok) { say(failure(r)); return; }
  try { sessionStorage.setItem("loa-desk-notes:" + r.data.path, JSON.stringify(r.data.notes || [])); } catch { /* notes are a nicety */ }
  location.assign(editorUrl(r.data.path));
}

// ---------------------------------------------------------------- the shell

/** Shows one screen: its template in <main>, its title, its place in the menu. */
function mount(id, title, site, screen) {
  const main = $("#noi-dung");
  main.replaceChildren($("#" + id).content.cloneNode(true));
  document.title = `${title} – Bàn viết bài – ${site.title}`;
  for (const link of $$("nav a[data-screen]")) {
    if (link.dataset.screen === screen) link.setAttribute("aria-current", "page");
  }
  wirePickers(main);
  return main;
}

async function start() {
  // A file dropped beside a drop zone must not replace the desk with the file.
  for (const type of ["dragover", "drop"]) document.addEventListener(type, (e) => e.preventDefault());
  const screen = location.pathname.split("/").pop();
  const screens = { "": listScreen, moi: newScreen, sua: editorScreen, dang: publishScreen };
  const r = await api("api/site");
  if (!r.ok) {
    $("#noi-dung").replaceChildren(el("h1", { text: "Không mở được bàn viết bài" }), el("p", { text: failure(r) }));
    return;
  }
  await (screens[screen] || listScreen)(r.data);
  window.loaDesk.ready = true; // the screen is filled in: tests and the benchmark wait for it
}

// ---------------------------------------------------------------- 1. articles list

const STATES = [["draft", "Nháp"], ["submitted", "Chờ duyệt"], ["returned", "Bị trả lại"],
  ["approved", "Đã duyệt"], ["scheduled", "Hẹn ngày đăng"], ["published", "Đã đăng"]];

const names = (list) => Object.fromEntries(list.map((x) => [x.key, x.name]));
const options = (select, list) => select.append(...list.map((x) => el("option", { value: x.key, text: x.name })));

async function listScreen(site) {
  const main = mount("man-danh-sach", "Danh sách bài", site, "");
  options($("#loc-trang-thai"), STATES.map(([key, name]) => ({ key, name })));
  options($("#loc-chu-de"), site.topics);
  options($("#loc-don-vi"), site.units);
  $("form.filters").addEventListener("submit", (e) => e.preventDefault());
  dropFiles($("section.drop"), (f) => (isDocx(f) ? importWord(f) : say(`${f.name}: chỉ nhận tệp Word .docx.`)));
  $("#tep-word").addEventListener("change", (e) => e.target.files[0] && importWord(e.target.files[0]));

  const r = await api("api/articles");
  if (!r.ok) { say(failure(r)); return; }
  // Newest first: the officer looks for what they are writing now.
  const articles = r.data.articles.sort((x, y) => (y.date || "").localeCompare(x.date || ""));
  const rows = articles.map((a) => ({ a, row: articleRow(a, site), key: fold(a.title) }));
  $("tbody", main).append(...rows.map((x) => x.row));
  const filter = () => {
    const words = fold($("#loc-tim").value).split(/\s+/).filter(Boolean);
    const state = $("#loc-trang-thai").value;
    const topic = $("#loc-chu-de").value;
    const unit = $("#loc-don-vi").value;
    let shown = 0;
    for (const { a, row, key } of rows) {
      const ok = words.every((w) => key.includes(w)) && (!state || a.state === state)
        && (!topic || a.topics.includes(topic)) && (!unit || a.unit === unit);
      row.hidden = !ok;
      shown += ok;
    }
    $("#so-bai").textContent = shown === rows.length ? `${rows.length} bài` : `Hiện ${shown} trong ${rows.length} bài`;
  };
  $("form.filters").addEventListener("input", filter);
  filter();
}

function articleRow(a, site) {
  const topics = names(site.topics);
  const units = names(site.units);
  const errors = a.problems.filter((p) => p.severity === "error").length;
  const warnings = a.problems.length - errors;
  const problems = [errors && `${errors} lỗi`, warnings && `${warnings} cảnh báo`].filter(Boolean).join(", ");
  return el("tr", {},
    el("th", { scope: "row" }, el("a", { href: editorUrl(a.path), text: a.title || a.path })),
    el("td", { "data-label": "Trạng thái" }, el("span", { class: `state state-${a.state}`, text: a.state_label })),
    el("td", { "data-label": "Chủ đề", text: a.topics.map((t) => topics[t] || t).join("; ") }),
    el("td", { "data-label": "Đơn vị", text: a.unit ? units[a.unit] || a.unit : "" }),
    el("td", { "data-label": "Ngày", text: a.date_label || "" }),
    el("td", { "data-label": "Lỗi", class: errors ? "bad" : "", text: problems || "Không" }));
}

// ---------------------------------------------------------------- the header fields

/** Puts the fields' template into `form` with the plan's sections, topics, units, channels. */
function insertFields(form, site) {
  $(".slot-fields", form).replaceWith($("#cac-truong").content.cloneNode(true));
  wirePickers(form);
  options($("#f-section", form), site.sections);
  options($("#f-unit", form), site.units);
  const checks = (box, name, list) => box.append(...list.map((x) => el("label", { class: "check" },
    el("input", { type: "checkbox", name, value: x.key }), " " + x.name)));
  checks($("#f-topics", form), "topics", site.topics);
  checks($("#f-channels", form), "channels", site.channels);
  $("#the-co-san", form).append(...site.tags.map((t) => el("option", { value: t })));
  $("#f-is-event", form).addEventListener("change", () => showEvent(form));
}

/** Shows the event's fields while the box is ticked; an event starts, unless told, when the
 * article is dated. */
function showEvent(form, { fill = true } = {}) {
  const on = $("#f-is-event", form).checked;
  $("#f-event", form).hidden = !on;
  if (fill && on && !$("#f-event-start", form).value) $("#f-event-start", form).value = $("#f-date", form).value;
}

/** The fields as the form holds them, over `base` (keys the page does not know are kept). */
function readFields(form, base = {}) {
  const value = (id) => $("#f-" + id, form).value;
  const checked = (name) => $$(`input[name=${name}]:checked`, form).map((i) => i.value);
  const people = value("event-participants");
  return {
    ...base,
    title: value("title"),
    section: value("section"),
    date: value("date"),
    topics: checked("topics"),
    tags: value("tags").split(",").map((t) => t.trim()).filter(Boolean),
    unit: value("unit"),
    channels: checked("channels"),
    summary: value("summary"),
    image: $("#f-image", form).dataset.value || "",
    image_alt: value("image_alt"),
    draft: $("#f-draft", form).checked,
    featured: $("#f-featured", form).checked,
    event: $("#f-is-event", form).checked ? {
      ...(base.event || {}),
      start: value("event-start"),
      end: value("event-end"),
      location: value("event-location"),
      participants: people === "" ? null : Number(people),
    } : null,
  };
}

function writeFields(form, f) {
  const set = (id, v) => { $("#f-" + id, form).value = v ?? ""; };
  set("title", f.title);
  set("section", f.section);
  set("date", f.date);
  for (const box of $$("input[name=topics]", form)) box.checked = (f.topics || []).includes(box.value);
  for (const box of $$("input[name=channels]", form)) box.checked = (f.channels || []).includes(box.value);
  set("tags", (f.tags || []).join(", "));
  set("unit", f.unit);
  set("summary", f.summary);
  showImage(form, f.image || "");
  set("image_alt", f.image_alt);
  $("#f-draft", form).checked = Boolean(f.draft);
  $("#f-featured", form).checked = Boolean(f.featured);
  $("#f-is-event", form).checked = Boolean(f.event);
  const e = f.event || {};
  set("event-start", e.start);
  set("event-end", e.end);
  set("event-location", e.location);
  set("event-participants", e.participants);
  showEvent(form, { fill: false }); // as the file has it: opening must not change the article
}

/** The cover image's name; its description is required while there is one. */
function showImage(form, image) {
  const shown = $("#f-image", form);
  shown.dataset.value = image;
  shown.textContent = image || "chưa có";
  $("#f-image-remove", form).hidden = !image;
  $("#f-image_alt", form).required = Boolean(image);
}

/** Moves the focus to the form field a header problem names (`title`, `event.start`…). */
function focusField(field) {
  const details = $("#thong-tin");
  if (details) details.open = true;
  let target = document.getElementById("f-" + String(field).replace(/\./g, "-"));
  if (field === "image") target = $("[data-pick=f-image-file]");
  if (String(field).startsWith("event") && $("#f-event").hidden) {
    $("#f-is-event").checked = true;
    showEvent($("#f-event").form || document);
  }
  if (target && target.tagName === "FIELDSET") target = $("input", target);
  (target || $("#f-title")).focus();
}

// ---------------------------------------------------------------- 2. new article

async function newScreen(site) {
  const main = mount("man-moi", "Viết bài mới", site, "moi");
  const form = $("#form-moi", main);
  insertFields(form, site);
  $(".file-name", form).hidden = false;
  // With approval required, the approval holds an article back: no draft box to forget.
  writeFields(form, { section: site.sections[0]?.key, date: site.now || localNow(), draft: !site.approval });

  const name = latestWins(async () => {
    const title = $("#f-title").value.trim();
    const shown = $("#ten-tep");
    if (!title) { shown.textContent = "Tên tệp sẽ đặt theo tiêu đề."; return; }
    const r = await api(`api/name?section=${encodeURIComponent($("#f-section").value)}&title=${encodeURIComponent(title)}`);
    if (!r.ok) return;
    shown.textContent = r.data.exists
      ? `Đã có bài ${r.data.path}: đặt tiêu đề khác.`
      : `Tên tệp: ${r.data.path}`;
  });
  $("#f-title").addEventListener("input", name);
  $("#f-section").addEventListener("change", name);
  name();

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = $("#loi-moi");
    const fields = readFields(form);
    fields.title = fields.title.trim();
    if (!fields.title) {
      error.textContent = "Ghi tiêu đề bài.";
      $("#f-title").focus();
      return;
    }
    error.textContent = "";
    const r = await api("api/new", { json: { fields, body: "" } });
    if (!r.ok) {
      error.textContent = failure(r);
      if (r.data.field) { focusField(r.data.field); return; }
      error.tabIndex = -1;
      error.focus();
      return;
    }
    location.assign(editorUrl(r.data.path));
  });
}

// ---------------------------------------------------------------- 3. editor

/** The editor's state. `saved` is the article as the file holds it (what `version` names). */
const ed = {
  site: null, path: "", version: "", url: null, extra: "", saved: null, fields: {},
  textarea: null, backdrop: null, frame: null, frameReady: false,
  lastInput: null, cites: { text: "", ranges: [] }, saving: false, savedAt: null, stateSeq: 0,
};

const storageKey = (path) => "loa-desk:" + path;
const current = () => ({ fields: readFields($("#form-sua"), ed.fields), extra: ed.extra, body: ed.textarea.value });
const isDirty = () => canonical(current()) !== canonical(ed.saved);

async function editorScreen(site) {
  ed.site = site;
  ed.path = new URLSearchParams(location.search).get("path") || "";
  const main = mount("man-sua", "Soạn bài", site, "sua");
  const r = await api("api/article?path=" + encodeURIComponent(ed.path));
  if (!r.ok) {
    main.replaceChildren(el("h1", { text: "Không mở được bài" }), el("p", { text: failure(r) }),
      el("p", {}, el("a", { href: DESK, text: "Về danh sách bài" })));
    return;
  }
  ed.textarea = $("#noi-dung-bai");
  ed.backdrop = $(".backdrop");
  ed.frame = $("#xem-truoc");
  insertFields($("#form-sua"), site);
  $("#f-section").disabled = true; // the section is the file's folder: fixed once written
  $(".cover").hidden = false; // a cover photo goes into the article's folder: once it exists
  load(r.data);
  ed.url = r.data.url;
  if (ed.url) Object.assign($("#xem-tren-trang"), { href: ed.url, hidden: false });
  $("#xem-tren-trang").append(el("span", { class: "visually-hidden", text: " (mở thẻ mới)" }));
  wireEditor();
  offerRestore();
  showImportNotes();
  $(".workflow").hidden = !site.approval;
  setState(r.data.state_label || "", r.data.state);
  preview();
}

/** Shows an article (as api/article or a conflict's `disk` gives it) as the saved state. */
function load(article) {
  ed.version = article.version;
  ed.fields = article.fields;
  ed.extra = article.extra || "";
  ed.saved = { fields: article.fields, extra: ed.extra, body: article.body };
  writeFields($("#form-sua"), article.fields);
  ed.textarea.value = article.body;
  $("#extra").textContent = ed.extra || "(không có)";
  showTitle();
  paintMarks();
  saveStatus();
}

function showTitle() {
  const title = $("#f-title").value || ed.path;
  $("#tieu-de-bai").textContent = title;
  document.title = `${title} – Soạn bài – ${ed.site.title}`;
}

function wireEditor() {
  const ta = ed.textarea;
  ta.addEventListener("input", edited);
  $("#form-sua").addEventListener("input", edited); // boxes and lists send `input` too
  $("#form-sua").addEventListener("submit", (e) => e.preventDefault());
  ta.addEventListener("scroll", followScroll);
  ed.frame.addEventListener("load", () => {
    // A link followed inside the preview leaves the article: the next preview starts over.
    ed.frameReady = ed.frame.contentDocument?.URL === "about:srcdoc";
    followScroll();
  });
  new ResizeObserver(followScroll).observe(ta); // a new width wraps and scrolls the text anew
  $("#nut-luu").addEventListener("click", () => save());
  document.addEventListener("keydown", shortcut);
  window.addEventListener("beforeunload", (e) => {
    if (isDirty()) { e.preventDefault(); e.returnValue = ""; }
  });
  wireToolbar();
  wirePhotos();
  wireWorkflow();
}

/** Any change of the text or a field: marks, unsaved copy, status, preview. */
function edited() {
  ed.lastInput = performance.now();
  paintMarks();
  showTitle();
  keepCopy();
  saveStatus();
  preview();
}

function saveStatus(text) {
  $("#tinh-trang-luu").textContent = text || (isDirty() ? "Có thay đổi chưa lưu" : ed.savedAt ? `Đã lưu lúc ${clock(ed.savedAt)}` : "Chưa có thay đổi");
}

// --- the unsaved copy, so a closed tab or a crash loses nothing

function keepCopy() {
  try {
    if (isDirty()) {
      localStorage.setItem(storageKey(ed.path), JSON.stringify({ ...current(), version: ed.version, time: Date.now() }));
    } else {
      localStorage.removeItem(storageKey(ed.path));
    }
  } catch { /* storage full or off: the copy is a safety net only */ }
}

function offerRestore() {
  let copy = null;
  try { copy = JSON.parse(localStorage.getItem(storageKey(ed.path))); } catch { /* none */ }
  if (!copy) return;
  const { fields, extra, body } = copy;
  if (canonical({ fields, extra, body }) === canonical(ed.saved)) {
    localStorage.removeItem(storageKey(ed.path));
    return;
  }
  const banner = $("#khoi-phuc");
  const when = new Date(copy.time);
  $("#nut-khoi-phuc").textContent = `Khôi phục bản chưa lưu (lúc ${clock(when)} ngày ${day(when)})`;
  banner.hidden = false;
  $("#nut-khoi-phuc").addEventListener("click", () => {
    const saved = ed.saved;
    load(copy);
    ed.saved = saved; // still unsaved: the file holds what it held
    banner.hidden = true;
    edited();
    ed.textarea.focus();
  });
  $("#nut-bo-khoi-phuc").addEventListener("click", () => {
    localStorage.removeItem(storageKey(ed.path));
    banner.hidden = true;
    ed.textarea.focus();
  });
}

/** What loa converted, dropped and wants checked in a Word file just imported: a line that is
 * not indented heads the indented ones after it. Shown until the officer has read it. */
function showImportNotes() {
  const key = "loa-desk-notes:" + ed.path;
  let notes = [];
  try { notes = JSON.parse(sessionStorage.getItem(key)) || []; } catch { /* none */ }
  if (!notes.length) return;
  const body = $("#ghi-chu-nhap .notes-body");
  let list = null;
  for (const line of notes) {
    if (!/^\s/.test(line)) {
      list = null;
      body.append(el("h3", { text: line.replace(/:$/, "") }));
      continue;
    }
    if (!list) body.append(list = el("ul"));
    list.append(el("li", { text: line.trim() }));
  }
  $("#ghi-chu-nhap").hidden = false;
  $("#nut-da-doc").addEventListener("click", () => {
    sessionStorage.removeItem(key);
    $("#ghi-chu-nhap").hidden = true;
    ed.textarea.focus();
  });
}

/** The article moved (a photo turned `a.md` into `a/index.md`): the address and the unsaved
 * copy follow it. */
function movedTo(path) {
  if (!path || path === ed.path) return;
  try { localStorage.removeItem(storageKey(ed.path)); } catch { /* see keepCopy */ }
  ed.path = path;
  history.replaceState(null, "", editorUrl(path));
  keepCopy();
}

// --- saving

async function save(base = ed.version) {
  if (ed.saving) return false;
  ed.saving = true;
  saveStatus("Đang lưu…");
  const sent = current();
  const r = await api("api/save", { json: { path: ed.path, version: base, ...sent } });
  ed.saving = false;
  if (r.ok) {
    ed.version = r.data.version;
    ed.saved = sent;
    ed.savedAt = new Date();
    keepCopy();
    saveStatus();
    showState(); // a date or the draft box may have changed it
    return true;
  }
  saveStatus(r.status === 409 ? "Chưa lưu: bài trên máy đã đổi" : "Chưa lưu được");
  if (r.status === 409 && r.data.disk) return conflict(sent, r.data.disk);
  say(failure(r));
  return false;
}

/** The file changed on disk since it was opened: both versions side by side, the officer
 * chooses. Nothing is overwritten without that choice. */
async function conflict(mine, disk) {
  const a = versionText(mine);
  const b = versionText(disk);
  showLines($("#ban-cua-toi"), a, new Set(b));
  showLines($("#ban-tren-may"), b, new Set(a));
  const choice = await ask($("#hop-xung-dot"));
  if (choice === "disk") {
    load(disk);
    keepCopy();
    preview();
    say("Đã mở bản trên máy.");
    return true;
  }
  if (choice === "mine") return save(disk.version);
  return false;
}

/** An article as lines to compare: its fields, then its text. */
function versionText({ fields: f, body }) {
  const named = (keys, list) => (keys || []).map((k) => names(list)[k] || k).join("; ");
  const date = (f.date || "").replace(/^(\d{4})-(\d\d)-(\d\d)T/, "$3/$2/$1 ");
  return [`Tiêu đề: ${f.title}`, `Ngày: ${date}`, `Chủ đề: ${named(f.topics, ed.site.topics)}`,
    `Thẻ: ${(f.tags || []).join(", ")}`, `Đơn vị: ${named(f.unit ? [f.unit] : [], ed.site.units)}`,
    `Kênh: ${named(f.channels, ed.site.channels)}`, `Tóm tắt: ${f.summary}`, "", ...body.split("\n")];
}

/** Lines into `pre`, those the other version lacks marked. */
function showLines(pre, lines, other) {
  pre.replaceChildren(...lines.map((line) => (other.has(line)
    ? document.createTextNode(line + "\n") : el("mark", { text: line + "\n" }))));
}

function shortcut(e) {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === "s") { e.preventDefault(); save(); return; }
  const inText = document.activeElement === ed.textarea;
  const action = { b: "bold", i: "italic", k: "link" }[key];
  if (inText && action) { e.preventDefault(); FORMAT[action](); }
}

// --- the toolbar

/** Replaces `from..to` of the text with `text` through the browser's editing, so Ctrl+Z
 * undoes it; then selects `select` (offsets inside `text`). */
function replace(from, to, text, select = [text.length, text.length]) {
  const ta = ed.textarea;
  ta.focus();
  ta.setSelectionRange(from, to);
  if (!document.execCommand("insertText", false, text)) {
    ta.setRangeText(text, from, to, "end");
    ta.dispatchEvent(new Event("input"));
  }
  ta.setSelectionRange(from + select[0], from + select[1]);
}

/** Wraps the selection in `mark` (or unwraps it); with nothing selected, a placeholder. */
function wrap(mark, placeholder) {
  const { value, selectionStart: s, selectionEnd: e } = ed.textarea;
  const n = mark.length;
  if (value.slice(s - n, s) === mark && value.slice(e, e + n) === mark && s !== e) {
    replace(s - n, e + n, value.slice(s, e), [0, e - s]);
    return;
  }
  const inner = value.slice(s, e) || placeholder;
  replace(s, e, mark + inner + mark, [n, n + inner.length]);
}

/** Adds `prefix` to each selected line, or takes it away if every line has it. */
function prefixLines(prefix) {
  const { value, selectionStart: s, selectionEnd: e } = ed.textarea;
  const from = value.lastIndexOf("\n", s - 1) + 1;
  const end = value.indexOf("\n", e);
  const to = end < 0 ? value.length : end;
  const lines = value.slice(from, to).split("\n");
  const all = lines.every((l) => l.startsWith(prefix));
  const text = lines.map((l) => (all ? l.slice(prefix.length) : prefix + l.replace(/^#+\s*|^[-*]\s+/, ""))).join("\n");
  replace(from, to, text, [0, text.length]);
}

/** Inserts `text` as a paragraph of its own at the cursor; a cursor inside a line moves to
 * the line's end first, so no sentence is cut in two. */
function block(text, select) {
  const { value } = ed.textarea;
  let { selectionStart: s, selectionEnd: e } = ed.textarea;
  if (s === e && s > 0 && value[s - 1] !== "\n") {
    const end = value.indexOf("\n", s);
    s = e = end < 0 ? value.length : end;
  }
  const before = value.slice(0, s);
  const after = value.slice(e);
  const lead = !before || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const tail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  const at = select ? select.map((i) => lead.length + i) : [lead.length + text.length + tail.length, lead.length + text.length + tail.length];
  replace(s, e, lead + text + tail, at);
}

function link() {
  const { value, selectionStart: s, selectionEnd: e } = ed.textarea;
  const words = value.slice(s, e) || "chữ hiển thị";
  const text = `[${words}](https://)`;
  replace(s, e, text, [words.length + 3, text.length - 1]);
}

/** A numbered footnote: its mark at the cursor, its text at the end of the article. */
function footnote() {
  const { value, selectionEnd: e } = ed.textarea;
  const used = [...value.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1]));
  const n = Math.max(0, ...used) + 1;
  replace(e, e, `[^${n}]`);
  const end = ed.textarea.value.length;
  const lead = ed.textarea.value.endsWith("\n") ? "\n" : "\n\n";
  const note = "nội dung chú thích";
  replace(end, end, `${lead}[^${n}]: ${note}\n`, [lead.length + `[^${n}]: `.length, lead.length + `[^${n}]: `.length + note.length]);
}

const FORMAT = {
  heading: () => prefixLines("## "),
  bold: () => wrap("**", "chữ đậm"),
  italic: () => wrap("*", "chữ nghiêng"),
  link,
  list: () => prefixLines("- "),
  table: () => block("| Cột 1 | Cột 2 |\n| --- | --- |\n| ô 1 | ô 2 |", [2, 7]),
  image: () => $("#anh-chen").click(),
  footnote,
  more: () => block("<!-- more -->"),
};

/** One Tab stop for the toolbar; arrows, Home and End move between its buttons. */
function wireToolbar() {
  const bar = $(".toolbar");
  const buttons = $$("button", bar);
  buttons.forEach((b, i) => { b.tabIndex = i ? -1 : 0; });
  bar.addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (button) FORMAT[button.dataset.do]();
  });
  bar.addEventListener("keydown", (e) => {
    const i = buttons.indexOf(document.activeElement);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined || i < 0) return;
    e.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length];
    buttons.forEach((b) => { b.tabIndex = b === target ? 0 : -1; });
    target.focus();
  });
}

// --- photos

function wirePhotos() {
  const ta = ed.textarea;
  dropFiles(ta, (file) => (isDocx(file) ? importWord(file) : addPhoto(file)));
  ta.addEventListener("paste", async (e) => {
    const photos = [...e.clipboardData.files].filter((f) => f.type.startsWith("image/"));
    if (!photos.length) return;
    e.preventDefault();
    for (const photo of photos) await addPhoto(photo);
  });
  $("#anh-chen").addEventListener("change", async (e) => {
    const photos = [...e.target.files];
    e.target.value = "";
    for (const photo of photos) await addPhoto(photo);
  });
  $("#f-image-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    const src = file && await upload(file);
    if (!src) return;
    showImage($("#form-sua"), src);
    edited();
    $("#f-image_alt").focus();
  });
  $("#f-image-remove").addEventListener("click", () => {
    showImage($("#form-sua"), "");
    edited();
    $("[data-pick=f-image-file]").focus();
  });
}

/** Sends a photo into the article's folder; returns the name to write, or null. */
async function upload(file) {
  say(`Đang gửi ảnh ${file.name}…`);
  const query = `path=${encodeURIComponent(ed.path)}&name=${encodeURIComponent(file.name || "anh.png")}`;
  const r = await api("api/photo?" + query, { body: file });
  if (!r.ok) { say(failure(r)); return null; }
  movedTo(r.data.path);
  say(`Đã thêm ảnh ${r.data.src}.`);
  return r.data.src;
}

/** Asks what the photo shows (required: it is read out to blind readers), uploads it, and
 * writes it into the text where the cursor was. */
async function addPhoto(file) {
  if (!file.type.startsWith("image/")) { say(`${file.name}: không phải ảnh.`); return; }
  const ta = ed.textarea;
  const at = [ta.selectionStart, ta.selectionEnd];
  const dialog = $("#hop-anh");
  $("#ten-anh").textContent = `Ảnh: ${file.name || "ảnh dán vào"}`;
  $("#mo-ta-anh").value = "";
  if (await ask(dialog) !== "ok") { ta.focus(); return; }
  const alt = $("#mo-ta-anh").value.trim().replace(/[[\]\\]/g, "\\$&");
  const src = await upload(file);
  if (!src) return;
  ta.setSelectionRange(...at);
  block(`![${alt}](${src})`);
}

// --- the preview and its marks

/** Sends the latest text for a preview: at once if none is on its way, else when it is
 * back. The page's own timing (keystroke → preview shown) is kept for the benchmark. */
const preview = latestWins(async () => {
  const body = ed.textarea.value;
  const since = ed.lastInput;
  ed.lastInput = null;
  const r = await api("api/preview", { json: { path: ed.path, fields: current().fields, extra: ed.extra, body } });
  if (!r.ok) {
    // A field the preview cannot read (a half-typed date) is a problem of the form, not news.
    if (r.data.field) showProblems([{ severity: "error", line: 0, field: r.data.field, message: r.data.error, hint: r.data.hint }]);
    else say(failure(r));
    return;
  }
  // The server's share of a keystroke's time, beside the whole (for the benchmark).
  if (since !== null) window.loaDesk.server.push(r.data.took_ms);
  ed.cites = { text: body, ranges: r.data.citations || [] };
  paintMarks();
  showProblems(r.data.problems || []);
  if (r.data.html) showPreview(r.data.html, since);
});

/** The page in the iframe: the first time whole, then only its <body>, so the theme's CSS
 * stays loaded and the page does not flash. */
function showPreview(html, since) {
  const frame = ed.frame;
  const done = () => {
    if (since !== null) requestAnimationFrame(() => window.loaDesk.timings.push(performance.now() - since));
  };
  const fresh = new DOMParser().parseFromString(html, "text/html");
  // The preview runs no script (the iframe's sandbox): leaving them out spares the console.
  for (const script of fresh.querySelectorAll("script")) script.remove();
  if (!ed.frameReady) {
    frame.addEventListener("load", done, { once: true });
    frame.srcdoc = "<!DOCTYPE html>" + fresh.documentElement.outerHTML;
    return;
  }
  const doc = frame.contentDocument;
  doc.body.replaceWith(doc.adoptNode(fresh.body));
  doc.title = fresh.title;
  followScroll();
  done();
}

/** The preview and the marks follow the text's scroll (the preview proportionally). */
function followScroll() {
  const ta = ed.textarea;
  ed.backdrop.scrollTop = ta.scrollTop;
  ed.backdrop.scrollLeft = ta.scrollLeft;
  const page = ed.frameReady && ed.frame.contentDocument?.scrollingElement;
  if (!page) return;
  const share = ta.scrollTop / Math.max(1, ta.scrollHeight - ta.clientHeight);
  page.scrollTop = share * (page.scrollHeight - page.clientHeight);
}

/** The citations' ranges moved to the current text: those before the edit stay, those after
 * it shift, those it touched wait for the next preview. */
function shiftRanges({ text: old, ranges }, text) {
  if (old === text) return ranges;
  const most = Math.min(old.length, text.length);
  let head = 0;
  while (head < most && old[head] === text[head]) head++;
  let tail = 0;
  while (tail < most - head && old[old.length - 1 - tail] === text[text.length - 1 - tail]) tail++;
  const editEnd = old.length - tail;
  const delta = text.length - old.length;
  return ranges.filter((r) => r.end <= head || r.start >= editEnd)
    .map((r) => (r.start >= editEnd ? { start: r.start + delta, end: r.end + delta } : r));
}

const escapeHtml = (s) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);

/** The backdrop behind the transparent textarea: the same text, the legal numbers loa will
 * link in <mark>. The text itself is invisible there; only the marks' colour shows through. */
function paintMarks() {
  const text = ed.textarea.value;
  const ranges = shiftRanges(ed.cites, text);
  ed.cites = { text, ranges };
  let html = "";
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end > text.length) continue;
    html += escapeHtml(text.slice(at, start)) + "<mark>" + escapeHtml(text.slice(start, end)) + "</mark>";
    at = end;
  }
  // A final newline is a line in a textarea but not in a <div>: one more keeps the heights equal.
  ed.backdrop.innerHTML = html + escapeHtml(text.slice(at)) + "\n";
  ed.backdrop.scrollTop = ed.textarea.scrollTop;
}

// --- problems

function showProblems(problems) {
  const list = $("#ds-loi");
  list.replaceChildren(...problems.map((p) => el("li", { class: "sev-" + p.severity },
    el("button", { type: "button", onclick: () => goTo(p) },
      el("span", { class: "severity", text: p.severity === "error" ? "Lỗi" : "Cảnh báo" }), " ",
      p.line ? `Dòng ${p.line}: ${p.message}` : `Thông tin bài: ${p.message}`),
    p.hint ? el("p", { class: "hint", text: p.hint }) : null)));
  $("#khong-loi").hidden = problems.length > 0;
  $("#h-loi").textContent = problems.length ? `Lỗi cần sửa (${problems.length})` : "Lỗi cần sửa";
}

/** Puts the cursor where a problem is: a line and column of the text, or a header field. */
function goTo(p) {
  if (!p.line) { focusField(p.field || "title"); return; }
  const ta = ed.textarea;
  const lines = ta.value.split("\n");
  let offset = 0;
  for (let i = 0; i < Math.min(p.line - 1, lines.length - 1); i++) offset += lines[i].length + 1;
  const line = lines[Math.min(p.line - 1, lines.length - 1)] || "";
  // Columns count characters; the textarea counts UTF-16 units.
  offset += [...line].slice(0, Math.max(0, (p.col || 1) - 1)).join("").length;
  ta.focus();
  ta.setSelectionRange(offset, offset);
  // Scroll the line into view: the share of lines before it, of the whole height.
  ta.scrollTop = Math.max(0, (p.line - 1) / lines.length * ta.scrollHeight - ta.clientHeight / 3);
  followScroll();
}

// --- the state and the approval workflow

/** The steps the desk offers in each state, the usual path: submit a draft or a returned
 * article, approve a submitted one, return one submitted or approved. The rules themselves
 * (`workflow::checked`, as `loa approve` applies them) accept more, such as approving an
 * article never submitted; they, not this list, decide. */
const STEPS = {
  "nut-gui-duyet": ["draft", "returned"],
  "nut-duyet": ["submitted"],
  "nut-tra-lai": ["submitted", "approved", "scheduled"],
};

/** Shows the article's state, and only the steps it allows (all of them for a state not
 * known); a newer state (a step's answer) wins over a late reply. */
function setState(label, state) {
  ed.stateSeq += 1;
  $("#trang-thai").textContent = label;
  if (state) {
    for (const [id, states] of Object.entries(STEPS)) $("#" + id).hidden = !states.includes(state);
  }
  return ed.stateSeq;
}

async function showState() {
  const asked = setState($("#trang-thai").textContent);
  const r = await api("api/article?path=" + encodeURIComponent(ed.path));
  if (r.ok && r.data.state_label && asked === ed.stateSeq) setState(r.data.state_label, r.data.state);
}

function wireWorkflow() {
  $("#nut-gui-duyet").addEventListener("click", () => step("submit"));
  $("#nut-duyet").addEventListener("click", approve);
  $("#nut-tra-lai").addEventListener("click", async () => {
    $("#ly-do").value = "";
    if (await ask($("#hop-tra-lai")) === "ok") step("return", { note: $("#ly-do").value.trim() });
  });
}

/** Approving is signed: the approver's name (one of config.yaml's `approvers`, the last one
 * used remembered as the phone review remembers it) and an opinion. */
async function approve() {
  const approvers = ed.site.approvers || [];
  const name = $("#nguoi-duyet");
  $("#ds-nguoi-duyet").replaceChildren(...approvers.map((a) => el("option", { value: a })));
  let remembered = "";
  try { remembered = localStorage.getItem("loa-nguoi-duyet") || ""; } catch { /* storage off */ }
  name.value = approvers.length === 1 ? approvers[0] : remembered;
  $("#y-kien").value = "";
  if (await ask($("#hop-duyet")) !== "ok") return;
  try { localStorage.setItem("loa-nguoi-duyet", name.value.trim()); } catch { /* see above */ }
  step("approve", { by: name.value.trim(), note: $("#y-kien").value.trim() });
}

/** Submit, approve or return: the text is saved first (what is approved is what the file
 * holds), then the step rewrites the file's approval block, so the article is read again. */
async function step(name, extra = {}) {
  if (isDirty() && !(await save())) return;
  const r = await api("api/" + name, { json: { path: ed.path, ...extra } });
  if (!r.ok) { say(failure(r)); return; }
  const label = r.data.state_label || Object.fromEntries(STATES)[r.data.state] || r.data.state;
  setState(label, r.data.state);
  say(`Trạng thái: ${label}.`);
  const again = await api("api/article?path=" + encodeURIComponent(ed.path));
  if (!again.ok) return;
  if (isDirty()) {
    // Typed while the step ran: keep the typing, take the file's new version and block.
    Object.assign(ed, { version: again.data.version, extra: again.data.extra });
    ed.saved = { fields: again.data.fields, extra: again.data.extra, body: again.data.body };
    $("#extra").textContent = ed.extra || "(không có)";
  } else {
    load(again.data);
  }
}

// ---------------------------------------------------------------- 4. publish

async function publishScreen(site) {
  mount("man-dang", "Đăng lên cổng", site, "dang");
  const target = $("#dang-dich");
  target.append(...site.targets.map((t) => el("option", { value: t, text: t })));
  if (!site.targets.length) {
    $("#form-dang").replaceWith(el("p", { class: "error", text: "Chưa có nơi đăng: cần dòng publish: trong config.yaml (xem hướng dẫn đăng bài)." }));
    return;
  }
  $("#nut-xem-ke-hoach").addEventListener("click", () => showPlan(target.value));
  $("#form-dang").addEventListener("submit", (e) => {
    e.preventDefault();
    publish(target.value);
  });
}

async function showPlan(target) {
  const box = $("#ke-hoach");
  box.hidden = false;
  $("#tom-tat-ke-hoach").textContent = "Đang xem…";
  $("#ds-ke-hoach").replaceChildren();
  const r = await api("api/publish/plan?target=" + encodeURIComponent(target));
  if (!r.ok) { $("#tom-tat-ke-hoach").textContent = failure(r); return; }
  const { added, changed, removed, bytes } = r.data;
  $("#tom-tat-ke-hoach").textContent = added.length + changed.length + removed.length
    ? `Thêm ${added.length} tệp, sửa ${changed.length}, xoá ${removed.length}; gửi đi ${size(bytes)}.`
    : "Trang trên cổng đã giống hệt: không có gì phải gửi.";
  const group = (title, paths) => paths.length && el("details", {},
    el("summary", { text: `${title} (${paths.length})` }),
    el("ul", {}, ...paths.map((p) => el("li", { text: p }))));
  $("#ds-ke-hoach").append(...[group("Thêm", added), group("Sửa", changed), group("Xoá", removed)].filter(Boolean));
}

async function publish(target) {
  const button = $("#nut-dang");
  button.disabled = true;
  $("#tien-do").hidden = false;
  $("#h-tien-do").textContent = "Đang đăng";
  $("#ket-qua").replaceChildren();
  $("#tin-tien-do").textContent = "Đang dựng trang…";
  const r = await api("api/publish", { json: { target } });
  if (!r.ok) {
    $("#tin-tien-do").textContent = failure(r);
    button.disabled = false;
    return;
  }
  const bar = $("#thanh-tien-do");
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const p = await api("api/publish/progress");
    if (!p.ok) continue;
    bar.max = Math.max(1, p.data.total);
    bar.value = p.data.done;
    $("#tin-tien-do").textContent = p.data.message || `${p.data.done}/${p.data.total} tệp`;
    if (p.data.finished) { showOutcome(p.data); break; }
  }
  button.disabled = false;
}

function showOutcome(p) {
  $("#h-tien-do").textContent = p.ok ? "Kết quả: đã đăng" : "Kết quả: chưa đăng xong";
  const out = $("#ket-qua");
  if (p.ok) {
    out.append(el("p", { class: "ok", text: `Đã đăng xong lên ${$("#dang-dich").value}.` }));
    return;
  }
  out.append(el("p", { class: "error", text: "Chưa đăng xong." }),
    el("ul", {}, ...(p.problems || []).map((x) => el("li", { text: typeof x === "string" ? x : [x.path, x.message, x.hint].filter(Boolean).join(": ") }))),
    p.resume ? el("p", { text: p.resume }) : null);
  out.tabIndex = -1;
  out.focus();
}

start();
