// The what-if panel: send the panel's state, put the returned verdict, concessions
// and frontier in place (the server escapes every string), then draw the plots.
(function () {
  "use strict";
  var panel = document.getElementById("whatif");
  if (!panel) { return; }
  var scenario = panel.dataset.scenario;
  var status = document.getElementById("whatif-status");
  var live = document.getElementById("live");
  var pending = null;
  var sequence = 0;

  function drawPlots(root) {
    var drawing = [];
    root.querySelectorAll("script[type='application/json'][id$='-data']").forEach(function (node) {
      var figure = JSON.parse(node.textContent);
      var target = node.id.slice(0, -"-data".length);
      drawing.push(Plotly.react(target, figure.data, figure.layout, {responsive: true, displaylogo: false}));
    });
    return Promise.all(drawing);
  }

  // Put the new fragment in place but keep the drawn plot elements, so that
  // Plotly.react updates them instead of building each plot (and its WebGL
  // context, a second or more without a GPU) from nothing.
  function swapKeepingPlots(html) {
    var drawn = {};
    live.querySelectorAll(".js-plotly-plot").forEach(function (plot) { drawn[plot.id] = plot; });
    live.innerHTML = html;
    Object.keys(drawn).forEach(function (id) {
      var fresh = document.getElementById(id);
      if (fresh) { fresh.replaceWith(drawn[id]); }
    });
  }

  function state() {
    var body = {drop_red_lines: [], drop_reservations: [], weights: {}, pair: null};
    panel.querySelectorAll("input.red-line").forEach(function (box) {
      if (!box.checked) {
        body.drop_red_lines.push({party: box.dataset.party, issue: box.dataset.issue, option: box.dataset.option});
      }
    });
    panel.querySelectorAll("input.reservation").forEach(function (box) {
      if (!box.checked) { body.drop_reservations.push(box.dataset.party); }
    });
    panel.querySelectorAll("input.weight").forEach(function (slider) {
      if (Number(slider.value) !== Number(slider.dataset.original)) {
        var party = body.weights[slider.dataset.party] = body.weights[slider.dataset.party] || {};
        party[slider.dataset.issue] = Number(slider.value);
      }
    });
    var x = document.getElementById("pair-x"), y = document.getElementById("pair-y");
    if (x && y && x.value !== y.value) { body.pair = [x.value, y.value]; }
    return body;
  }

  function update() {
    var mine = ++sequence;
    var started = performance.now();
    status.textContent = "updating…";
    fetch("/scenarios/" + encodeURIComponent(scenario) + "/whatif", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(state()),
      credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (text) { return {ok: response.ok, text: text}; });
    }).then(function (result) {
      if (mine !== sequence) { return; }  // a newer change is on its way
      if (!result.ok) {
        var message = result.text;
        try { message = JSON.parse(result.text).error || JSON.parse(result.text).detail; } catch (e) { /* plain text */ }
        status.textContent = "error: " + message;
        return;
      }
      swapKeepingPlots(result.text);
      var ms = Math.round(performance.now() - started);
      status.dataset.updates = String(Number(status.dataset.updates) + 1);
      status.dataset.ms = String(ms);
      status.textContent = "updated in " + ms + " ms; drawing the frontier…";
      // Draw after the browser has painted the new verdict: plots take longer.
      setTimeout(function () {
        if (mine !== sequence) { return; }
        var updates = status.dataset.updates;
        drawPlots(live).then(function () {
          if (mine !== sequence) { return; }
          var total = Math.round(performance.now() - started);
          status.dataset.plotted = updates;
          status.dataset.plotMs = String(total);
          status.textContent = "updated in " + ms + " ms, frontier drawn in " + total + " ms";
        });
      }, 0);
    });
  }

  function soon() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(update, 150);
  }

  panel.addEventListener("change", update);
  panel.querySelectorAll("input.weight").forEach(function (slider) {
    slider.addEventListener("input", function () {
      slider.nextElementSibling.textContent = slider.value;
      soon();
    });
  });
  document.getElementById("whatif-reset").addEventListener("click", function () {
    panel.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
    panel.querySelectorAll("input.weight").forEach(function (slider) {
      slider.value = slider.dataset.original;
      slider.nextElementSibling.textContent = slider.value;
    });
    update();
  });
  drawPlots(document);
})();
