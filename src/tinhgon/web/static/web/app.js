// A little progressive enhancement; every page works without it.
(function () {
  "use strict";

  // Expand / collapse every branch of the tree list.
  document.querySelectorAll(".expanders").forEach(function (bar) {
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-expand]");
      if (!button) return;
      var open = button.getAttribute("data-expand") === "open";
      document.querySelectorAll("ul.tree details").forEach(function (node) {
        node.open = open;
      });
    });
  });

  // Choices that apply at once (the Content-Security-Policy forbids inline handlers).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });

  // A wide organization chart opens with its top box in view.
  document.querySelectorAll(".chart-scroll").forEach(function (pane) {
    var top = pane.querySelector(".orgchart > ul > li > .box");
    if (!top) return;
    var box = top.getBoundingClientRect();
    var view = pane.getBoundingClientRect();
    pane.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
  });
})();
