// The forecast page: draw the chosen issue's positions per round (the figures are JSON in
// the page, escaped by the server) and redraw in place when another issue is chosen;
// data-plotted on #forecast-status counts the drawings finished.
(function () {
  "use strict";
  var status = document.getElementById("forecast-status");
  var data = document.getElementById("forecast-figures");
  var choice = document.getElementById("forecast-issue");
  var form = document.getElementById("forecast-form");
  if (form) {
    form.addEventListener("submit", function () {
      if (status) { status.textContent = "running…"; }
    });
  }
  if (!data || !choice) { return; }
  var figures = JSON.parse(data.textContent);
  var drawn = 0;
  function draw() {
    var figure = figures[Number(choice.value)].figure;
    Plotly.react("forecast-positions", figure.data, figure.layout, {responsive: true, displaylogo: false})
      .then(function () { drawn += 1; status.dataset.plotted = String(drawn); });
  }
  choice.addEventListener("change", draw);
  draw();
})();
