// Hush dashboard: the only script besides htmx (no inline code; CSP default-src 'self').
(function () {
  "use strict";
  // Every htmx request says it comes from this dashboard (the server refuses cookie changes without it or a form token).
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-Requested-With"] = "hush";
  });
  // A revealed value hides itself again after 30 seconds.
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll("code.revealed:not([data-timer])").forEach(function (code) {
      code.setAttribute("data-timer", "1");
      setTimeout(function () {
        var span = document.createElement("span");
        span.className = "masked";
        span.textContent = "••••••••";
        code.replaceWith(span);
      }, 30000);
    });
  });
  // Copy: fetches the value (a counted, audited read) and puts it on the clipboard; it is never shown.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    var table = button && button.closest("table[data-reveal]");
    if (!table) { return; }
    var body = new URLSearchParams({ cell: button.value, plain: "1" });
    fetch(table.dataset.reveal, {
      method: "POST", credentials: "same-origin", headers: { "X-Requested-With": "hush" }, body: body
    }).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (value) { return navigator.clipboard.writeText(value); })
      .then(function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 2000); })
      .catch(function () { button.textContent = "Copy failed"; });
  });
})();
// Copy token: puts a shown-once API token (the element named by data-copy) on the clipboard.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy-token");
    if (!button) { return; }
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) { button.textContent = "Copy failed: select the token and copy it"; return; }
    navigator.clipboard.writeText(source.textContent.trim())
      .then(function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy token"; }, 2000); })
      .catch(function () { button.textContent = "Copy failed: select the token and copy it"; });
  });
})();
// A chosen .env file fills the paste box (read in the browser; nothing is sent until Preview import).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-fills]") || !input.files || !input.files[0]) { return; }
    input.files[0].text().then(function (text) { document.getElementById(input.dataset.fills).value = text; });
  });
})();
