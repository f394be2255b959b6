// A job's progress page: asks for the job's status every second until it has finished, and
// shows the progress, the step, the problems and the link to the file; a job whose result is a
// page (a plan's impact) goes to it once done.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.status === "done" || box.dataset.status === "failed") return;
  var url = box.dataset.statusUrl;
  var download = document.getElementById("job-download").innerHTML;

  function show(job) {
    document.getElementById("job-status").textContent = job.status_label;
    document.getElementById("job-step").textContent = job.step || "";
    var bar = document.getElementById("job-progress");
    if (job.percent === null) bar.removeAttribute("value"); else bar.value = job.percent;
    var problems = document.getElementById("job-problems");
    problems.textContent = "";
    job.problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = p.message;
      problems.appendChild(item);
    });
    if (job.file) {
      var line = document.getElementById("job-file");
      var link = document.createElement("a");
      link.href = job.file;
      link.textContent = download.replace("%(name)s", job.file_name);
      line.textContent = "";
      line.appendChild(link);
      line.hidden = false;
    }
  }

  function follow(job) {
    if (!job.result) return false;
    var line = document.getElementById("job-result");
    line.querySelector("a").href = job.result;
    line.hidden = false;
    window.location.assign(job.result);
    return true;
  }

  function poll() {
    fetch(url, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        show(job);
        if (follow(job)) return;
        if (job.status !== "done" && job.status !== "failed" && !job.interrupted) {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
