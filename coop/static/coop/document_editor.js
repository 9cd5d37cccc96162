// The Preview button of the document editor asks the server to render the typed Markdown with the
// same function the member portal uses, and shows the result beside the text, without leaving the
// page. Without this script the button posts the form back, which shows the preview and keeps
// everything typed.
(function () {
  "use strict";
  function setUp() {
    var button = document.querySelector("[data-preview-url]");
    if (!button) return;
    var form = button.form;
    var text = form.elements.text;
    var pane = document.getElementById(button.getAttribute("aria-controls"));
    var status = document.getElementById("doc-preview-status");
    var previewed = text.value;
    // Beside the text box, the preview keeps roughly to the same part of the document: a
    // paragraph of Markdown and its rendering take about the same share of their whole.
    function follow() {
      if (pane.getBoundingClientRect().left < text.getBoundingClientRect().right) return;
      var range = text.scrollHeight - text.clientHeight;
      pane.scrollTop = range > 0 ? (text.scrollTop / range) * (pane.scrollHeight - pane.clientHeight) : 0;
    }
    text.addEventListener("scroll", follow);
    function say(key) {
      status.textContent = button.getAttribute("data-" + key);
    }
    text.addEventListener("input", function () {
      if (text.value !== previewed && status.textContent !== button.getAttribute("data-stale")) say("stale");
    });
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var sent = text.value;
      var body = new FormData();
      body.append("text", sent);
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      say("updating");
      button.disabled = true;
      fetch(button.getAttribute("data-preview-url"), { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          // The server has rendered and sanitised this HTML exactly as it does for members' pages.
          pane.innerHTML = html;
          previewed = sent;
          follow();
          say(text.value === sent ? "updated" : "stale");
        })
        .catch(function () {
          say("failed");
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
