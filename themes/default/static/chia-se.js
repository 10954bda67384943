// Share buttons of an article. Nothing from Facebook or Zalo is loaded: the Facebook link is a
// plain link, and "Zalo" opens the device's share sheet (where the Zalo app is, on phones) or,
// where there is none, copies the link for the reader to paste into Zalo.
"use strict";
document.querySelectorAll("[data-share]").forEach(function (box) {
  var url = box.getAttribute("data-url");
  var title = box.getAttribute("data-title");
  var status = box.querySelector(".share-status");
  var zalo = box.querySelector(".share-zalo");
  var copy = box.querySelector(".share-copy");
  function say(text) { status.textContent = text; }
  function copyLink(then) {
    var done = function () { say(then); };
    var failed = function () { say("Không chép được. Địa chỉ bài viết: " + url); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(done, failed);
    } else {
      failed();
    }
  }
  zalo.hidden = false;
  copy.hidden = false;
  zalo.addEventListener("click", function () {
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
    } else {
      copyLink("Đã chép liên kết. Mở Zalo, dán vào tin nhắn hoặc nhật ký rồi gửi.");
    }
  });
  copy.addEventListener("click", function () { copyLink("Đã chép liên kết bài viết."); });
});
