// The default theme's small enhancements. Everything works without JavaScript: the
// menu is then simply shown, and tables scroll inside the page.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  // The menu button on narrow screens shows and hides the sidebar.
  function menu() {
    var button = document.querySelector(".menu-toggle");
    var nav = document.getElementById("hb-nav");
    if (!button || !nav) return;
    function set(open, focusButton) {
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
      if (!open && focusButton) {
        button.focus();
      }
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true", false);
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && nav.classList.contains("is-open")) {
        var inside = nav.contains(document.activeElement) || document.activeElement === button;
        set(false, inside);
      }
    });
    // Back on a wide screen the sidebar is always shown; reset the button.
    if (window.matchMedia) {
      var wide = window.matchMedia("(min-width: 60.01rem)");
      var reset = function () { if (wide.matches) set(false, false); };
      if (wide.addEventListener) wide.addEventListener("change", reset);
      else if (wide.addListener) wide.addListener(reset);
    }
  }

  // Tables written in Markdown scroll sideways on their own on small screens,
  // and can be scrolled with the keyboard.
  function tables() {
    var list = document.querySelectorAll(".prose table");
    for (var i = 0; i < list.length; i++) {
      var table = list[i];
      if (table.parentNode.classList && table.parentNode.classList.contains("table-scroll")) continue;
      var wrapper = document.createElement("div");
      wrapper.className = "table-scroll";
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
      if (table.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        var heading = nearestHeading(wrapper);
        wrapper.setAttribute("aria-label", heading ? heading.textContent.trim() : document.title);
      }
    }
  }
  function nearestHeading(node) {
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[2-6]$/.test(sibling.tagName)) return sibling;
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return null;
  }

  // "On this page" marks the section being read.
  function tocSpy() {
    var toc = document.querySelector(".toc");
    if (!toc || !("IntersectionObserver" in window)) return;
    var links = toc.querySelectorAll("a[href^='#']");
    var byId = {};
    var targets = [];
    for (var i = 0; i < links.length; i++) {
      var id = decodeURIComponent(links[i].getAttribute("href").slice(1));
      var target = document.getElementById(id);
      if (target) {
        byId[id] = links[i];
        targets.push(target);
      }
    }
    if (!targets.length) return;
    var visible = {};
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
      var current = null;
      for (var j = 0; j < targets.length; j++) {
        if (visible[targets[j].id]) { current = targets[j].id; break; }
      }
      if (!current) return;
      for (var k in byId) byId[k].classList.toggle("is-active", k === current);
    }, { rootMargin: "0px 0px -65% 0px" });
    targets.forEach(function (t) { observer.observe(t); });
  }

  // The print page's button: shown only when there is a script to run it (the site's
  // Content-Security-Policy allows no inline handlers, so it is bound here).
  function printButtons() {
    var buttons = document.querySelectorAll("[data-hb-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  // In a long section the current page's link can sit below the sidebar's fold: scroll
  // the sidebar (only the sidebar, never the page) so that the link is in view.
  function sidebarToCurrent() {
    var nav = document.getElementById("hb-nav");
    var current = nav && nav.querySelector("[aria-current='page']");
    if (!current || nav.scrollHeight <= nav.clientHeight) return;
    var box = nav.getBoundingClientRect();
    var link = current.getBoundingClientRect();
    if (link.top >= box.top && link.bottom <= box.bottom) return;
    var offset = link.top - box.top + nav.scrollTop;
    nav.scrollTop = Math.max(0, offset - (nav.clientHeight - link.height) / 2);
  }

  // The "switch division" menu works as a plain <details>; this closes it on Escape
  // (focus back on its button) and on a click outside it, as a menu does.
  function divisionSwitch() {
    var menus = document.querySelectorAll("details.division-switch");
    if (!menus.length) return;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      for (var i = 0; i < menus.length; i++) {
        if (menus[i].open) {
          menus[i].open = false;
          menus[i].querySelector("summary").focus();
        }
      }
    });
    document.addEventListener("click", function (event) {
      for (var i = 0; i < menus.length; i++) {
        if (menus[i].open && !menus[i].contains(event.target)) menus[i].open = false;
      }
    });
  }

  // The follow-up page: the week the reader's date falls in (each week carries its
  // Monday and Sunday) is marked, its "this week" badge shown, and the index links to it.
  function currentWeek() {
    var weeks = document.querySelectorAll(".week[data-start]");
    if (!weeks.length) return;
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    for (var i = 0; i < weeks.length; i++) {
      var week = weeks[i];
      if (week.getAttribute("data-start") <= today && today <= week.getAttribute("data-end")) {
        week.classList.add("week--current");
        var badge = week.querySelector(".week__now");
        if (badge) badge.hidden = false;
        var entry = document.querySelector('.week-index a[href="#' + week.id + '"]');
        if (entry) entry.setAttribute("aria-current", "date");
        return;
      }
    }
  }

  ready(function () {
    menu();
    currentWeek();
    tables();
    tocSpy();
    printButtons();
    sidebarToCurrent();
    divisionSwitch();
  });
})();
