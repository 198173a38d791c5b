// The search page: pagefind's UI over this division's search bundles. A file of its
// own, not an inline script, so that the page works under the site's
// Content-Security-Policy (script-src 'self').
(function () {
  "use strict";

  // The site's search may be split over several bundles (shards of a big site, and the
  // shared pages indexed once for all divisions): pagefind-bundles.json lists those to
  // merge with pagefind/, and the division whose pages to keep.
  function start(root, list) {
    var options = { element: "#hb-search", showSubResults: true, showImages: false, autofocus: true };
    options.mergeIndex = (list.bundles || []).map(function (path) {
      return { bundlePath: root + path, baseUrl: root };
    });
    var ui = new window.PagefindUI(options);
    if (list.site) { ui.triggerFilters({ site: list.site }); }
    var input = document.querySelector("#hb-search input");
    var label = document.getElementById("hb-search-label");
    if (input) {
      input.id = "hb-search-input";
      if (label) { label.htmlFor = input.id; }
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  }

  // Opened straight from disk (file:), the browser does not let the page read the index,
  // and pagefind would say "searching" for ever: say where search works instead. The rest
  // of the page, its menu and links, stays as it is.
  function unavailable() {
    var message = document.getElementById("hb-search-unavailable");
    var search = document.getElementById("hb-search");
    var label = document.getElementById("hb-search-label");
    if (message) { message.hidden = false; }
    if (search) { search.hidden = true; }
    if (label) { label.hidden = true; }
  }

  function init() {
    if (!document.getElementById("hb-search")) return;
    if (window.location.protocol === "file:" || !window.PagefindUI || !window.fetch) {
      unavailable();
      return;
    }
    // The search page sits one folder below the site's root (search/index.html).
    var root = new URL("../", window.location.href).pathname;
    fetch(root + "pagefind/pagefind-entry.json")
      .then(function (response) {
        if (!response.ok) { throw new Error("no search index"); }
      })
      .then(function () {
        return fetch(root + "pagefind-bundles.json")
          .then(function (response) { return response.ok ? response.json() : {}; })
          .catch(function () { return {}; })
          .then(function (list) { start(root, list); });
      }, unavailable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
