// Dismissing a banner: remember it through the same POST the no-JS form uses, hide it at once.
(function () {
  "use strict";
  // The include may appear several times on a page; listen once.
  if (window.kbAnnouncements) { return; }
  window.kbAnnouncements = true;
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches || !form.matches("[data-kb-dismiss]") || !window.fetch) { return; }
    event.preventDefault();
    const banner = form.closest(".kb-announcement");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      banner.remove();
    }).catch(function () { form.submit(); });
  });
})();
