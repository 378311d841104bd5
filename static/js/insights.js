// Draws the dashboard's charts with Chart.js (installed from npm, served as a static file).
// Each <canvas data-chart="ID"> reads its data from the JSON <script id="ID"> beside it; the
// same figures are in the table below each chart, so nothing is lost without JavaScript.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var colours = ["#0b6e4f", "#d1495b", "#2e86ab", "#edae49",
    // More series (tickets by topic): still tell them apart.
    "#6a4c93", "#8d6e63", "#00838f", "#5d6d7e"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var stacked = canvas.dataset.stacked === "true";
    data.datasets.forEach(function (dataset, index) {
      dataset.borderColor = colours[index % colours.length];
      dataset.backgroundColor = colours[index % colours.length];
    });
    new window.Chart(canvas, {
      type: canvas.dataset.type || "line",
      data: data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: stacked
          ? { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
          : { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  });
})();
