// Draw the dashboard's charts from the snapshot's Plotly figures (json_script "dashboard-figures").
// No inline script: the Content-Security-Policy only allows files from this site.
(function () {
  "use strict";

  function draw() {
    const source = document.getElementById("dashboard-figures");
    if (!source || !window.Plotly) {
      return;
    }
    const figures = JSON.parse(source.textContent);
    const config = { responsive: true, displayModeBar: false, displaylogo: false };
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      const figure = figures[element.dataset.chart];
      if (figure) {
        window.Plotly.newPlot(element, figure.data, figure.layout, config);
        element.classList.add("chart-drawn");
      }
    });
  }

  function resizeAll() {
    document.querySelectorAll(".chart-drawn").forEach(function (element) {
      window.Plotly.Plots.resize(element);
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
