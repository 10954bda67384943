// Search on /tim-kiem/, in the reader's browser. The index (docs/search.md) is fetched only
// once the reader searches, a few small files at a time; nothing is loaded from outside the
// site. Results are built as DOM nodes: no text from the index is ever parsed as HTML.
(() => {
  "use strict";
  const form = document.getElementById("tim_kiem");
  if (!form || !window.fetch) return;
  const input = document.getElementById("tu_khoa");
  const status = document.getElementById("trang_thai");
  const list = document.getElementById("ket_qua");
  const more = document.getElementById("xem_them");
  const manifestUrl = new URL(form.dataset.index, location.href);
  const PAGE = 10; // results shown at a time
  const PREFIX = 3; // an unfinished last word this long also matches longer words…
  const PREFIX_SHARDS = 3; // …found in its shard and at most two after it
  const MAX_WORDS = 16; // words of a query used: with the above, bounds what a search fetches
  const COUNT = 15, TITLE = 16, LABEL = 32; // bits of a posting's weight (src/search/mod.rs)
  const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  const DIGIT = {}; // postings' characters → value (src/search/mod.rs, encode_postings)
  Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", (c, i) => (DIGIT[c] = i));

  // The same folding as src/search/words.rs: lowercase, no tones or marks, đ → d.
  const fold = (w) => w.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[đð]/g, "d");
  const words = (text) => Array.from(text.matchAll(WORD), (m) => fold(m[0])).filter(Boolean);

  const files = new Map();
  const getJson = (url, options) => {
    if (!files.has(url)) {
      const p = fetch(url, options).then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.json();
      });
      p.catch(() => files.delete(url));
      files.set(url, p);
    }
    return files.get(url);
  };
  const manifest = () => getJson(manifestUrl.href, { cache: "no-cache" }).then((m) => {
    if (m.format !== 2) throw new Error("unknown index format");
    return m;
  });
  const file = (m, path) => new URL(`${path}?v=${m.version}`, manifestUrl).href;

  // The shard holding `word`: the last one whose first word is not after it.
  const shardOf = (m, word) => {
    let lo = 0, hi = m.shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m.shards[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // Document number → weight, for a word (or every word it begins, when `prefix`).
  async function postings(m, word, prefix) {
    const first = shardOf(m, word);
    const wanted = [first];
    for (let i = first + 1; prefix && i < first + PREFIX_SHARDS && i < m.shards.length && m.shards[i].startsWith(word); i++) wanted.push(i);
    const shards = await Promise.all(wanted.map((i) => getJson(file(m, `tu/${i}.json`))));
    const found = new Map();
    const add = (packed) => {
      let doc = 0, n = 0, scale = 1;
      for (const c of packed) {
        const v = DIGIT[c];
        n += (v & 31) * scale;
        if (v & 32) { scale *= 32; continue; }
        doc += Math.floor(n / 64);
        found.set(doc, Math.max(found.get(doc) || 0, n % 64));
        n = 0;
        scale = 1;
      }
    };
    for (const shard of shards) {
      if (!prefix) { if (Object.prototype.hasOwnProperty.call(shard, word)) add(shard[word]); continue; }
      for (const w in shard) if (w.startsWith(word)) add(shard[w]);
    }
    return found;
  }

  // Documents having every word, best first: the phrase (every pair of neighbouring query
  // words in the title or the text's beginning), then more words in the title, then in the
  // topics and tags, then more often in the text, then the newest.
  async function find(query) {
    const sequence = words(query).slice(0, MAX_WORDS);
    const terms = [...new Set(sequence)];
    const m = await manifest();
    const open = /[\p{Alphabetic}\p{N}\p{M}]$/u.test(query); // the last word may be unfinished
    const last = terms[terms.length - 1];
    const prefix = open && last.length >= PREFIX;
    const lists = await Promise.all(terms.map((t) => postings(m, t, prefix && t === last)));
    const pairs = sequence.slice(1).map((w, i) => `${sequence[i]} ${w}`);
    const phrase = await Promise.all(pairs.map((p, i) => postings(m, p, prefix && i === pairs.length - 1)));
    lists.sort((a, b) => a.size - b.size);
    const hits = [];
    for (const doc of lists[0].keys()) {
      const hit = { doc, phrase: pairs.length > 0 && phrase.every((l) => l.has(doc)), title: 0, label: 0, count: 0 };
      if (lists.every((l) => {
        const w = l.get(doc);
        if (w === undefined) return false;
        hit.title += (w & TITLE) > 0;
        hit.label += (w & LABEL) > 0;
        hit.count += w & COUNT;
        return true;
      })) hits.push(hit);
    }
    hits.sort((a, b) => b.phrase - a.phrase || b.title - a.title || b.label - a.label || b.count - a.count || a.doc - b.doc);
    const matches = (w) => terms.includes(w) || (prefix && w.startsWith(last));
    return { m, hits, matches };
  }

  const el = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  };

  // `text` with every matching word in <mark>; neighbouring matches share one mark.
  function marked(text, matches) {
    const out = document.createDocumentFragment();
    let at = 0, mark = null;
    for (const w of text.matchAll(WORD)) {
      if (!matches(fold(w[0]))) continue;
      const between = text.slice(at, w.index);
      if (mark && !between.trim()) mark.textContent += between + w[0];
      else {
        out.append(between);
        mark = out.appendChild(el("mark", "", w[0]));
      }
      at = w.index + w[0].length;
    }
    out.append(text.slice(at));
    return out;
  }

  // About 200 characters of `text` around its first matching word.
  function excerpt(text, matches) {
    const hit = Array.from(text.matchAll(WORD)).find((w) => matches(fold(w[0])));
    let start = hit ? Math.max(0, hit.index - 60) : 0;
    if (start > 0) start = text.indexOf(" ", start) + 1;
    let end = Math.min(start + 200, text.length);
    const space = text.lastIndexOf(" ", end);
    if (end < text.length && space > start) end = space;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function result([url, title, date, topics, text], m, matches) {
    const li = el("li", "search-result");
    const link = el("a");
    link.href = url;
    link.append(marked(title, matches));
    li.appendChild(el("h2")).append(link);
    if (date) {
      const time = el("time", "", date.split("-").reverse().join("/"));
      time.dateTime = date;
      li.appendChild(el("p", "meta")).append(time);
    }
    if (text) li.appendChild(el("p", "snippet")).append(marked(excerpt(text, matches), matches));
    if (topics.length) {
      const ul = li.appendChild(el("ul", "topics"));
      ul.setAttribute("aria-label", `Chủ đề của bài ${title}`);
      for (const t of topics) {
        const a = el("a", "", m.topics[t][0]);
        a.href = m.topics[t][1];
        ul.appendChild(el("li")).append(a);
      }
    }
    return li;
  }

  let run = 0, current = null;
  // Results `from`… of the current search, after those shown (or in their place).
  async function show(from, mine) {
    const { m, hits, matches } = current;
    const page = hits.slice(from, from + PAGE);
    const chunks = await Promise.all(page.map((h) => getJson(file(m, `bai/${Math.floor(h.doc / m.chunk)}.json`))));
    if (mine !== run) return false;
    const items = page.map((h, i) => result(chunks[i][h.doc % m.chunk], m, matches));
    if (from === 0) list.replaceChildren(...items); else list.append(...items);
    more.hidden = from + PAGE >= hits.length;
    return true;
  }

  async function search(query) {
    const mine = ++run;
    more.hidden = true;
    if (!words(query).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Đang tìm…";
    try {
      const found = await find(query);
      if (mine !== run) return;
      current = found;
      if (!(await show(0, mine))) return;
      const n = found.hits.length;
      status.textContent = n
        ? `Tìm thấy ${n.toLocaleString("vi-VN")} bài có “${query.trim()}”.`
        : `Không tìm thấy bài nào có đủ các từ “${query.trim()}”. Thử bớt từ, hoặc kiểm tra chính tả.`;
    } catch (e) {
      if (mine === run) status.textContent = "Không tải được dữ liệu tìm kiếm. Mời bạn tải lại trang.";
    }
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 250);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    search(input.value);
  });
  more.addEventListener("click", () => show(list.children.length, run));
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search(q);
  }
})();
