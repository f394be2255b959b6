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
