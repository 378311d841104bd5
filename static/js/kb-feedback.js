// "Was this helpful?": post the vote in the background and swap the box in place.
// Without JavaScript the same forms post normally and the page comes back with a message.
(function () {
  "use strict";
  // The include may appear several times on a page; listen once.
  if (window.kbFeedback) { return; }
  window.kbFeedback = true;

  async function submit(form, submitter) {
    const box = form.closest("[data-kb-feedback]");
    const body = new FormData(form, submitter);
    const response = await fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
    const html = await response.text();
    const fresh = document.createRange().createContextualFragment(html).querySelector("[data-kb-feedback]");
    if (!fresh) { form.submit(); return; }
    box.replaceWith(fresh);
    const focus = fresh.querySelector(".kb-feedback-reason input, [role=status]");
    if (focus) { focus.focus({ preventScroll: true }); }
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.closest || !form.closest("[data-kb-feedback]") || !window.fetch) { return; }
    event.preventDefault();
    submit(form, event.submitter).catch(function () { form.submit(); });
  });
})();
