// loa serve: live reload and the error overlay. Added only to pages served by `loa serve`.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/reload\.js.*$/, "");
  var shownVersion = Number(script.getAttribute("data-version"));
  var scrollKey = "loa-scroll";

  // Keep the reader's place across a reload of the same page.
  try {
    var saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
    if (saved && saved.path === location.pathname) {
      window.addEventListener("load", function () { window.scrollTo(0, saved.y); });
    }
    sessionStorage.removeItem(scrollKey);
  } catch (e) { /* storage may be off: reloading still works */ }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ path: location.pathname, y: window.scrollY }));
    } catch (e) { /* see above */ }
    location.reload();
  }

  function refreshStyles() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("loa", Date.now());
      links[i].href = url.toString();
    }
  }

  function showErrors(errors) {
    var overlay = document.getElementById("loa_loi");
    if (!errors.length) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "loa_loi";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "loa chưa dựng lại được trang. Sửa các lỗi dưới đây rồi lưu tệp; thông báo này sẽ tự tắt.";
    overlay.appendChild(title);
    var list = document.createElement("pre");
    list.style.whiteSpace = "pre-wrap";
    list.textContent = errors.join("\n\n");
    overlay.appendChild(list);
  }

  function pageChanged(changed) {
    var path = location.pathname.replace(/index\.html$/, "");
    return changed.indexOf(path) >= 0;
  }

  function onNotice(message) {
    var notice = JSON.parse(message.data);
    showErrors(notice.errors);
    if (notice.errors.length) return;
    // The first message tells the state at connection: a page older than it is reloaded.
    // Later ones follow each rebuild; a gap means a rebuild this page did not hear about.
    var missed = notice.initial ? notice.version !== shownVersion : notice.version > shownVersion + 1;
    if (!missed && notice.version <= shownVersion) return;
    var changedCss = notice.changed.filter(function (url) { return /\.css$/.test(url); });
    if (missed || pageChanged(notice.changed)) {
      reload();
    } else if (changedCss.length) {
      refreshStyles();
      shownVersion = notice.version;
    } else {
      shownVersion = notice.version;
    }
  }

  // Only a page in view listens. A browser opens at most 6 connections to one host, and each
  // open stream holds one: with 6 preview tabs listening, a seventh would never load. A page
  // hidden (another tab, a minimized window) closes its stream; shown again, it opens a new
  // one, whose first message reloads the page if a rebuild happened meanwhile.
  var events = null;
  function listen() {
    if (document.visibilityState === "hidden") {
      if (events) events.close();
      events = null;
    } else if (!events) {
      events = new EventSource(base + "events");
      events.onmessage = onNotice;
    }
  }
  document.addEventListener("visibilitychange", listen);
  listen();
})();
