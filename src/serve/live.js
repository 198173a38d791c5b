// handbook serve: reloads the page after each good rebuild and shows the diagnostics
// of a failed one over the last good page. Only ever served by `handbook serve`.
(function () {
  var overlay = null;
  function show(text) {
    if (!text) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "hb-serve-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;" +
        "background:#2b0a0a;color:#ffe9e9;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
        "padding:16px 20px;z-index:2147483647;white-space:pre-wrap;border-top:4px solid #e5484d";
      document.body.appendChild(overlay);
    }
    overlay.textContent = text;
  }
  fetch("/__handbook/status").then(function (r) { return r.json(); }).then(function (s) { show(s.errors); });
  var source = new EventSource("/__handbook/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (event) { show(JSON.parse(event.data)); });
})();
