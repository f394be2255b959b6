/* The impact page's flow diagram: units going into their successors, drawn as a sankey chart
   with ECharts (vendor/echarts, Apache-2.0) from the JSON data block the page carries.
   No inline script: the Content-Security-Policy allows only files from the site. */
(function () {
  "use strict";
  var block = document.getElementById("plan-flows-data");
  var node = document.getElementById("plan-flows");
  if (!block || !node || typeof window.echarts === "undefined") {
    return;
  }
  var flows = JSON.parse(block.textContent);
  // A line of label per unit going in: a plan with many units gets a taller chart.
  var sources = {};
  flows.links.forEach(function (link) { sources[link.source] = true; });
  var rows = Object.keys(sources).length;
  if (rows * 16 > node.clientHeight) {
    node.style.height = rows * 16 + "px";
  }
  var chart = window.echarts.init(node);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", renderMode: "richText" },
    series: [
      {
        type: "sankey",
        data: flows.nodes,
        links: flows.links,
        emphasis: { focus: "adjacency" },
        nodeAlign: "left",
        label: { fontSize: 11 }
      }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
