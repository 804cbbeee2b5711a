// Draw the roadmap from the figure the page put in <script id="roadmap-data">.
document.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("roadmap-chart");
  const source = document.getElementById("roadmap-data");
  if (!target || !source || typeof Plotly === "undefined") {
    return;
  }
  const figure = JSON.parse(source.textContent);
  Plotly.newPlot(target, figure.data, figure.layout, {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d"],
  });
});
