/* Suggestions while typing, for the site search box and the ask/contact forms.
 *
 * Any element with [data-suggest] gets a listbox under its input (data-suggest-input, or the
 * first search/text input inside it). Requests are debounced and cancelled when the shopper
 * types on; a slow (over 2.5 s) or failing endpoint just shows nothing, the form keeps working.
 * Keyboard: arrow keys move, Enter opens the highlighted suggestion, Escape closes.
 * With data-suggest-confirm, each suggestion offers "this answers my question": it records the
 * deflection, thanks the shopper and then opens the answer.
 */
(function () {
  "use strict";
  if (window.vraagbaakSuggest) return;
  var DEBOUNCE_MS = 250, TIMEOUT_MS = 2500, MIN_CHARS = 3, counter = 0;

  function csrfToken() {
    var field = document.querySelector("[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(data)
    });
  }

  function setup(root) {
    if (root.dataset.suggestReady) return;
    root.dataset.suggestReady = "1";
    var input = root.dataset.suggestInput ? document.querySelector(root.dataset.suggestInput)
      : root.querySelector("input[type=search], input[type=text]");
    if (!input) return;
    var id = "suggest-" + (++counter), ds = root.dataset;
    var url = ds.suggestUrl || "/api/v1/suggest";
    var lang = ds.suggestLang || document.documentElement.lang || "nl";
    var box = document.createElement("div");
    box.className = "suggest-panel";
    box.hidden = true;
    var heading = document.createElement("p");
    heading.className = "suggest-heading";
    heading.textContent = ds.suggestHeading || "";
    var list = document.createElement("ul");
    list.id = id;
    list.setAttribute("role", "listbox");
    if (ds.suggestHeading) box.appendChild(heading);
    box.appendChild(list);
    (input.parentNode === root ? root : input.parentNode).appendChild(box);
    if (root.tagName !== "FORM" && root !== input.parentNode) root.appendChild(box);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    var timer = null, controller = null, active = -1, items = [], suggestion = null, last = "";

    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, n) { item.setAttribute("aria-selected", n === index ? "true" : "false"); });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function confirmButton(result, position) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "suggest-confirm";
      button.textContent = ds.suggestAnswers || "This answers my question";
      button.addEventListener("click", function (event) {
        event.preventDefault();
        button.disabled = true;
        post(ds.suggestConfirm, {suggestion: suggestion, key: result.key, url: result.url, position: position})
          .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
          .then(function (data) {
            var thanks = document.createElement("p");
            thanks.className = "suggest-thanks";
            thanks.setAttribute("role", "status");
            thanks.textContent = ds.suggestThanks || data.message;
            button.replaceWith(thanks);
            root.dataset.deflected = "1";
            // The shopper said this answers the question: take them to the answer itself.
            if (result.url) setTimeout(function () { window.location.assign(result.url); }, 900);
          })
          .catch(function () { button.disabled = false; });
      });
      return button;
    }

    function render(data) {
      list.textContent = "";
      items = [];
      suggestion = data.suggestion;
      if (!data.results.length) { close(); return; }
      data.results.forEach(function (result, n) {
        var li = document.createElement("li");
        li.id = id + "-" + n;
        li.setAttribute("role", "option");
        li.className = "suggest-item";
        var link = document.createElement("a");
        link.href = result.go;
        link.tabIndex = -1;
        var label = document.createElement("span");
        label.className = "suggest-type";
        label.textContent = result.type_label;
        var title = document.createElement("span");
        title.className = "suggest-title";
        title.textContent = result.title;
        var snippet = document.createElement("span");
        snippet.className = "suggest-snippet";
        snippet.innerHTML = result.snippet;  /* escaped by the server, only <mark> added */
        link.append(label, title, snippet);
        li.appendChild(link);
        if (ds.suggestConfirm) li.appendChild(confirmButton(result, n + 1));
        list.appendChild(li);
        items.push(li);
      });
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < MIN_CHARS || q.length > 200) { close(); return; }
      if (q === last && !box.hidden) return;
      last = q;
      if (controller) controller.abort();
      controller = new AbortController();
      var mine = controller, timeout = setTimeout(function () { mine.abort(); }, TIMEOUT_MS);
      var params = new URLSearchParams({q: q, lang: lang, context: ds.suggestContext || "header"});
      fetch(url + "?" + params, {signal: mine.signal, credentials: "same-origin",
                                 headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
        .then(function (data) { if (mine === controller) render(data); })
        .catch(function () { if (mine === controller) close(); })  /* slow or down: no panel */
        .finally(function () { clearTimeout(timeout); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (box.hidden || !items.length) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].querySelector("a").href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!root.contains(event.target) && !box.contains(event.target)) close();
    });
    var form = input.form;
    if (form && ds.suggestPosted) {
      form.addEventListener("submit", function () {
        if (suggestion) post(ds.suggestPosted, {suggestion: suggestion}).catch(function () {});
      });
    }
  }

  function init() { document.querySelectorAll("[data-suggest]").forEach(setup); }
  window.vraagbaakSuggest = {init: init};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
