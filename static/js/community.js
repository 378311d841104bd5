/* Community question page: votes without a page reload. Without JavaScript the vote forms
 * post normally and the server redirects back, so this only makes it quicker. */
(function () {
  "use strict";

  function update(form, data) {
    form.querySelector("[data-score]").textContent = data.score;
    form.querySelectorAll("button[name=value]").forEach(function (button) {
      var active = (button.value === "up" ? 1 : -1) === data.my_vote;
      button.classList.toggle("is-active", active);
      button.setAttribute("aria-pressed", active ? "true" : "false");
    });
  }

  function showError(form, text) {
    var note = form.parentNode.querySelector(".vote-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "vote-error";
      note.setAttribute("role", "alert");
      form.parentNode.appendChild(note);
    }
    note.textContent = text;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches(".vote form")) return;
    var button = event.submitter;
    if (!button || button.name !== "value") return;
    event.preventDefault();
    var body = new FormData(form);
    body.set("value", button.value);
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: {"Accept": "application/json"},
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) { update(form, data); } else { showError(form, data.error); }
      });
    }).catch(function () {
      // Network trouble: fall back to the ordinary form post, keeping the chosen value.
      var value = document.createElement("input");
      value.type = "hidden";
      value.name = "value";
      value.value = button.value;
      form.appendChild(value);
      form.submit();
    });
  });
})();
