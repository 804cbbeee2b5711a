// Printing: the print button, and data tables opened while printing so they are on paper too.
(function () {
  "use strict";
  let opened = [];

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  window.addEventListener("beforeprint", function () {
    opened = Array.from(document.querySelectorAll("details.chart-data:not([open])"));
    opened.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
