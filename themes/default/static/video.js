// Videos of YouTube and Facebook behind a click. Until the reader clicks, the page asks
// nothing of those sites: the frame shows the video's title (and a cover from this site) and
// is a plain link to the video, which is what a reader without JavaScript follows. On the
// click, this script puts the player in its place, from YouTube's privacy-enhanced host.
// It loads only a player address loa made (the sanitizer lets no other into a page); the
// check below refuses anything else all the same.
"use strict";
(function () {
  var PLAYERS = [
    /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}\?autoplay=1(&start=[0-9]+)?$/,
    /^https:\/\/www\.facebook\.com\/plugins\/video\.php\?href=[A-Za-z0-9%]+&show_text=false$/
  ];
  function isPlayer(url) {
    return PLAYERS.some(function (pattern) { return pattern.test(url); });
  }
  document.querySelectorAll("a.video-facade[data-embed]").forEach(function (link) {
    var player = link.getAttribute("data-embed");
    if (!isPlayer(player)) return;
    link.addEventListener("click", function (event) {
      // Ctrl+click and the like open the video's own page, as for any link.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var title = link.querySelector(".video-title");
      var frame = document.createElement("iframe");
      frame.className = "video-player";
      frame.title = title ? title.textContent : "Video";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.src = player;
      link.replaceWith(frame);
      frame.focus();
    });
  });
})();
