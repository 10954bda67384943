// loa serve --review: sends Approve and Return as the preview's own page (the run's secret in
// a header; the guard checks it and the origin), and shows what loa answered.
(function () {
  "use strict";
  var approver = document.getElementById("nguoi-duyet");
  try {
    var remembered = localStorage.getItem("loa-nguoi-duyet");
    if (remembered && approver.tagName === "INPUT") approver.value = remembered;
    if (remembered && approver.tagName === "SELECT") {
      for (var i = 0; i < approver.options.length; i++) {
        if (approver.options[i].text === remembered) approver.selectedIndex = i;
      }
    }
  } catch (e) { /* storage may be off: the name is chosen each time */ }

  var forms = document.querySelectorAll("form.bai");
  for (var f = 0; f < forms.length; f++) forms[f].addEventListener("submit", send);

  function send(event) {
    event.preventDefault();
    var form = event.target;
    var step = event.submitter ? event.submitter.value : "approve";
    var result = form.querySelector(".result");
    var body = new URLSearchParams(new FormData(form));
    body.set("step", step);
    body.set("by", approver.value);
    if (step === "approve" && !approver.value.trim()) {
      result.textContent = "Chọn hoặc ghi tên người duyệt ở đầu trang.";
      approver.focus();
      return;
    }
    if (step === "return" && !body.get("note").trim()) {
      result.textContent = "Ghi lý do trả lại vào ô ý kiến, để người viết biết cần sửa gì.";
      form.querySelector("textarea").focus();
      return;
    }
    try { localStorage.setItem("loa-nguoi-duyet", approver.value); } catch (e) { /* see above */ }
    // Read when sending: the live-reload tag that carries the secret comes after this script.
    var reload = document.querySelector("script[data-secret]");
    var secret = reload ? reload.getAttribute("data-secret") : "";
    var buttons = form.querySelectorAll("button");
    for (var b = 0; b < buttons.length; b++) buttons[b].disabled = true;
    result.textContent = "Đang ghi…";
    fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { "X-Loa-Secret": secret, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    }).then(function (response) {
      return response.text().then(function (text) {
        result.textContent = text || ("Lỗi " + response.status);
        if (response.ok) {
          form.classList.add("done");
        } else {
          for (var b = 0; b < buttons.length; b++) buttons[b].disabled = false;
        }
      });
    }).catch(function () {
      result.textContent = "Không gửi được: máy của cán bộ đã tắt loa serve, hoặc điện thoại đã rời mạng.";
      for (var b = 0; b < buttons.length; b++) buttons[b].disabled = false;
    });
  }
})();
