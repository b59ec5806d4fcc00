// Draws the status page's charts with uPlot from the counts the page carries in data-chart
// (articles per day by actor and by region); without JavaScript the page shows their totals.
(function () {
  "use strict";
  var colours = ["#2f6fd6", "#d6612f", "#2f9d57", "#9b3fc1", "#c9a227", "#1f9fb0", "#8a8f98"];
  function draw(el) {
    var chart = JSON.parse(el.getAttribute("data-chart"));
    if (!chart.series.length) {
      return;
    }
    var data = [chart.days].concat(chart.series.map(function (s) { return s.counts; }));
    var series = [{}].concat(chart.series.map(function (s, i) {
      return { label: s.tag, stroke: colours[i % colours.length], width: 2, points: { show: true, size: 5 } };
    }));
    var opts = {
      width: Math.max(320, el.clientWidth || 560),
      height: 240,
      series: series,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [{}, { label: "articles" }]
    };
    el.uplot = new uPlot(opts, data, el);
    el.setAttribute("data-drawn", String(chart.series.length));
  }
  function start() {
    var plots = document.querySelectorAll("div.plot[data-chart]");
    for (var i = 0; i < plots.length; i++) {
      draw(plots[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
