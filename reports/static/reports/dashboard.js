// Draw the dashboard's charts from the snapshot's Plotly figures (json_script "dashboard-figures").
// No inline script: the Content-Security-Policy only allows files from this site.
// A chart narrower than NARROW px (a phone) is drawn with its figure's `narrow` layout patch
// merged in (smaller margins, shorter tick labels), and redrawn when the width crosses it.
(function () {
  "use strict";

  const NARROW = 480;
  const config = { responsive: true, displayModeBar: false, displaylogo: false };
  let figures = {};

  function merged(base, patch) {
    const out = Object.assign({}, base);
    Object.keys(patch || {}).forEach(function (key) {
      const value = patch[key];
      const isObject = value && typeof value === "object" && !Array.isArray(value);
      out[key] = isObject && out[key] && typeof out[key] === "object"
        ? merged(out[key], value) : value;
    });
    return out;
  }

  function isNarrow(element) {
    return element.clientWidth > 0 && element.clientWidth < NARROW;
  }

  function layoutFor(element, figure) {
    // A copy every time: plotly.js writes computed ranges back into the layout it is given.
    const layout = JSON.parse(JSON.stringify(figure.layout));
    return isNarrow(element) && figure.narrow ? merged(layout, figure.narrow) : layout;
  }

  function plot(element, figure, draw) {
    element.dataset.narrow = String(isNarrow(element));
    draw(element, JSON.parse(JSON.stringify(figure.data)), layoutFor(element, figure), config);
  }

  function draw() {
    const source = document.getElementById("dashboard-figures");
    if (!source || !window.Plotly) {
      return;
    }
    figures = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      const figure = figures[element.dataset.chart];
      if (figure) {
        plot(element, figure, window.Plotly.newPlot);
        element.classList.add("chart-drawn");
      }
    });
  }

  function relayout() {
    document.querySelectorAll(".chart-drawn").forEach(function (element) {
      const figure = figures[element.dataset.chart];
      if (figure && element.dataset.narrow !== String(isNarrow(element))) {
        plot(element, figure, window.Plotly.react);
      }
    });
  }

  function resizeAll() {
    relayout();
    document.querySelectorAll(".chart-drawn").forEach(function (element) {
      window.Plotly.Plots.resize(element);
    });
  }

  let pending = null;
  document.addEventListener("DOMContentLoaded", draw);
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(relayout, 150);
  });
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
