// A photo gallery's viewer. Without this script each photo is a link to its large copy; with
// it, the large copy opens over the page: the arrow keys (← →) or the buttons go from photo to
// photo, Esc or "Đóng" closes it, and the focus goes back to the photo it was opened from.
// On a phone, a swipe goes to the next or previous photo.
"use strict";
(function () {
  if (typeof HTMLDialogElement !== "function") return;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function viewer(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a.gallery-link"));
    if (!links.length) return;
    var dialog = element("dialog", "lightbox");
    dialog.setAttribute("aria-label", "Xem ảnh lớn");
    var figure = element("figure", "lightbox-photo");
    var image = element("img");
    var caption = element("figcaption");
    var count = element("p", "lightbox-count");
    count.setAttribute("aria-live", "polite");
    var previous = element("button", "lightbox-previous", "‹ Ảnh trước");
    var next = element("button", "lightbox-next", "Ảnh sau ›");
    var close = element("button", "lightbox-close", "Đóng ✕");
    [previous, next, close].forEach(function (b) { b.type = "button"; });
    figure.append(image, caption);
    var bar = element("div", "lightbox-bar");
    bar.append(count, close);
    dialog.append(bar, figure, previous, next);
    document.body.append(dialog);
    var current = 0;

    function show(n) {
      current = (n + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      var text = link.parentNode.querySelector("figcaption");
      image.src = link.href;
      image.alt = thumb ? thumb.alt : "";
      caption.textContent = text ? text.textContent : "";
      caption.hidden = !text;
      count.textContent = "Ảnh " + (current + 1) + "/" + links.length;
      previous.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, n) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        show(n);
        dialog.showModal();
        close.focus();
      });
    });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    // Esc closes a modal dialog by itself; the arrows and Home/End move.
    dialog.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1 };
      if (event.key in moves) {
        event.preventDefault();
        show(moves[event.key]);
      }
    });
    // A click on the dark space around the photo closes it, as on most sites.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () { links[current].focus(); });
    var startX = null;
    dialog.addEventListener("touchstart", function (event) {
      startX = event.touches.length === 1 ? event.touches[0].clientX : null;
    }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var dx = event.changedTouches[0].clientX - startX;
      if (Math.abs(dx) > 50) show(current + (dx < 0 ? 1 : -1));
      startX = null;
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(viewer);
})();
