/* The dashboard's charts: one line per target, the achieved value by year against the target,
   drawn with ECharts (vendor/echarts, Apache-2.0) from the JSON data block the page carries.
   No inline script: the Content-Security-Policy allows only files from the site. */
(function () {
  "use strict";
  var block = document.getElementById("dashboard-data");
  if (!block || typeof window.echarts === "undefined") {
    return;
  }
  var rows = JSON.parse(block.textContent);
  function shown(value, rate) {
    if (value === null || value === undefined) {
      return "—";
    }
    if (rate) {
      return (Math.round(value * 1000) / 10).toString().replace(".", ",") + "%";
    }
    return value.toString().replace(".", ",");
  }
  rows.forEach(function (row, index) {
    var node = document.getElementById("chart-" + index);
    if (!node) {
      return;
    }
    var rate = row.rate;
    var chart = window.echarts.init(node);
    chart.setOption({
      animation: false,
      grid: { left: 60, right: 20, top: 20, bottom: 30 },
      tooltip: {
        trigger: "axis",
        renderMode: "richText", // drawn on the canvas: an HTML tooltip needs inline styles
        valueFormatter: function (value) { return shown(value, rate); }
      },
      xAxis: { type: "category", data: row.series.map(function (p) { return String(p.year); }) },
      yAxis: {
        type: "value",
        axisLabel: { formatter: function (value) { return shown(value, rate); } }
      },
      series: [
        {
          name: row.target.name,
          type: "line",
          connectNulls: false,
          data: row.series.map(function (p) { return p.value; }),
          markLine: {
            symbol: "none",
            label: { formatter: function () { return shown(row.target.value, rate); } },
            data: [{ yAxis: row.target.value }]
          }
        }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
