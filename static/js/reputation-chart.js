// Draws a member's reputation history on their profile with Chart.js (installed from npm and
// served as a static file). The <canvas data-reputation-chart="ID"> reads its data from the
// JSON <script id="ID"> beside it; the table under the chart holds the same figures, so
// nothing is lost without JavaScript.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var language = document.documentElement.lang || "nl";
  var dayFormat = new Intl.DateTimeFormat(language, { day: "numeric", month: "short" });
  document.querySelectorAll("canvas[data-reputation-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.reputationChart);
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var labels = data.labels.map(function (iso) {
      return dayFormat.format(new Date(iso + "T12:00:00"));
    });
    data.datasets.forEach(function (dataset) {
      dataset.borderColor = "#0b6e4f";
      dataset.backgroundColor = "rgba(11, 110, 79, 0.12)";
      dataset.fill = true;
      dataset.pointRadius = 0;
      dataset.stepped = true;
    });
    canvas.chart = new window.Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: data.datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: data.xTitle }, ticks: { maxTicksLimit: 6 } },
          y: { title: { display: true, text: data.yTitle }, ticks: { precision: 0 } },
        },
      },
    });
    canvas.dataset.drawn = "1";
  });
})();
