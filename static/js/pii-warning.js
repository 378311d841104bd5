/* Warn while typing on the ask form when the draft holds personal data (an order number, an
 * IBAN, a phone number…). Progressive enhancement: the server checks again when the form is
 * posted, so a slow or failing endpoint only means no early warning.
 *
 * [data-pii-check] is the endpoint (POST {title, body} as JSON); data-pii-title and
 * data-pii-body are the fields to watch. The endpoint runs the server's detector and returns
 * the server's own notice as HTML, so the rules and the texts live in one place.
 */
(function () {
  "use strict";
  var DEBOUNCE_MS = 600, TIMEOUT_MS = 2500, MIN_CHARS = 5;

  function csrfToken(form) {
    var field = form && form.querySelector("[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function setup(box) {
    var title = document.querySelector(box.dataset.piiTitle);
    var body = document.querySelector(box.dataset.piiBody);
    var form = box.closest("form");
    var fields = [title, body].filter(Boolean);
    if (!fields.length || !window.fetch) return;
    var timer = null, controller = null, lastText = null, lastHtml = "";

    function show(html) {
      if (html === lastHtml) return;  // unchanged: do not make screen readers repeat it
      lastHtml = html;
      box.innerHTML = html;
      box.hidden = !html;
    }

    function check() {
      var data = {title: title ? title.value : "", body: body ? body.value : ""};
      var text = data.title + "\n" + data.body;
      if (text === lastText) return;
      lastText = text;
      if (text.trim().length < MIN_CHARS) { show(""); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var timeout = setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
      fetch(box.dataset.piiCheck, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(form)},
        body: JSON.stringify(data), signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (result) {
        show(result.found ? result.html : "");
      }).catch(function () {
        lastText = null;  // try again on the next keystroke
      }).then(function () { clearTimeout(timeout); });
    }

    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, DEBOUNCE_MS);
      });
    });
    box.hidden = true;
    check();  // a draft carried back into the form (?title=…) is checked at once
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pii-check]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
