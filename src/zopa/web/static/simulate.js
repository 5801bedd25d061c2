// The simulation page: draw the result's plots (their data is JSON in the page,
// escaped by the server); data-plotted on #simulate-status says when all are drawn.
(function () {
  "use strict";
  var status = document.getElementById("simulate-status");
  var drawing = [];
  document.querySelectorAll("#simulation script[type='application/json'][id$='-data']").forEach(function (node) {
    var figure = JSON.parse(node.textContent);
    var target = node.id.slice(0, -"-data".length);
    drawing.push(Plotly.newPlot(target, figure.data, figure.layout, {responsive: true, displaylogo: false}));
  });
  Promise.all(drawing).then(function () {
    if (status) { status.dataset.plotted = String(drawing.length); }
  });
  var form = document.getElementById("simulate-form");
  if (form) {
    form.addEventListener("submit", function () {
      if (status) { status.textContent = "running…"; }
    });
  }
})();
