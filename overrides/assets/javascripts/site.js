/* The site's own script, run after Material's (overrides/main.html). Material mounts its
   components on each page through `document$`, the observable its documentation offers to
   additional JavaScript; what follows runs after them. Each part says why it is needed. */
(function () {
  "use strict";

  /* The "Copied to clipboard" message is announced by screen readers: Material's dialog is
     not a live region (its base.html has no block to change it in). */
  var dialog = document.querySelector(".md-dialog");
  if (dialog) {
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
  }

  /* A region that scrolls sideways (a code block, a display formula, a table) is a tab stop,
     so a keyboard can scroll it, and shows on which side there is more (data-scroll, styled in
     site.css). Material makes code blocks tab stops only on devices with a mouse
     (matchMedia("(hover)")), not on a touch screen with a keyboard. */
  var REGIONS = ".md-typeset pre > code, .md-typeset .math-display, .md-typeset__scrollwrap";

  function fit(region) {
    var hidden = region.scrollWidth - region.clientWidth;
    if (hidden > 1) {
      if (region.getAttribute("tabindex") !== "0") region.setAttribute("tabindex", "0");
      var left = region.scrollLeft;
      var side = left < 1 ? "start" : left >= hidden - 1 ? "end" : "middle";
      if (region.getAttribute("data-scroll") !== side) region.setAttribute("data-scroll", side);
    } else if (region.hasAttribute("data-scroll") || region.hasAttribute("tabindex")) {
      region.removeAttribute("data-scroll");
      region.removeAttribute("tabindex");
    }
  }

  var resized = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { fit(entry.target); });
  });
  // Material's observer may also run after this one, and take the tab stop away again.
  var changed = new MutationObserver(function (records) {
    records.forEach(function (record) { fit(record.target); });
  });

  function mount() {
    Array.prototype.forEach.call(document.querySelectorAll(REGIONS), function (region) {
      fit(region);
      resized.observe(region);
      changed.observe(region, { attributes: true, attributeFilter: ["tabindex"] });
      region.addEventListener("scroll", function () { fit(region); }, { passive: true });
    });
    /* Material wraps each code block's copy button in a <nav>: twenty unnamed navigation
       landmarks on a lesson. It is a group of buttons, not navigation. */
    Array.prototype.forEach.call(document.querySelectorAll(".md-code__nav"), function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(mount);
  else mount();

  /* The language menu keeps the reader's place: both languages share every heading's id, so
     the other language opens at the same anchor, or, without one in the address, at the
     heading the reader has scrolled to. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var anchor = location.hash;
    if (!anchor) {
      var header = document.querySelector(".md-header");
      var top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
      var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
      Array.prototype.forEach.call(headings, function (heading) {
        if (heading.getBoundingClientRect().top <= top) anchor = "#" + heading.id;
      });
    }
    if (anchor) link.href = link.href.split("#")[0] + anchor;
  }, true);
})();
