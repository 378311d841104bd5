// Chapter links seek the product video in place. Without JavaScript each link reloads the page
// with ?t=SECONDS, which starts the player there; a #t=SECONDS address works as well.
(function () {
  "use strict";
  const video = document.querySelector("[data-kb-video]");
  if (!video) { return; }
  const links = Array.from(document.querySelectorAll("[data-kb-seek]"));

  function seek(seconds) {
    const go = function () {
      video.currentTime = seconds;
      const playing = video.play();
      if (playing && playing.catch) { playing.catch(function () {}); }
    };
    if (video.readyState >= 1) { go(); } else { video.addEventListener("loadedmetadata", go, { once: true }); video.load(); }
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      const seconds = Number(link.dataset.kbSeek);
      history.replaceState(null, "", "#t=" + seconds);
      seek(seconds);
      video.focus({ preventScroll: true });
    });
  });

  // Mark the chapter that is playing.
  video.addEventListener("timeupdate", function () {
    let current = null;
    links.forEach(function (link) { if (Number(link.dataset.kbSeek) <= video.currentTime + 0.25) { current = link; } });
    links.forEach(function (link) {
      if (link === current) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
    });
  });

  const fromHash = /^#t=(\d+)$/.exec(location.hash);
  if (fromHash) { seek(Number(fromHash[1])); }
})();
