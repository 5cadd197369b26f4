"""What a page must pass in a browser to be readable by everyone, checked where the reader sees it.

tests/test_browser.py visits every page of both languages and calls `audit` at each width and
palette a reader may use: axe-core's rules (WCAG 2.2 A and AA, and its best practices), and the
site's own checks for what axe has no rule for (`CHECKS`). Each problem names the rule and the
element; the test adds the page, the width and the palette.

axe-core comes from the npm registry, pinned in package.json and package-lock.json, installed
into node_modules/ by `make` (`npm ci`).

Where each axe rule runs (RUNS). The tour audits about ninety pages; each axe run is a pass over
a page, so a rule runs only where its outcome can change, on what can change it:
- desktop, light: every rule but the colour ones, on the whole page.
- colours (color-contrast, link-in-text-block), in both palettes: on the whole page, except that
  of the code blocks' tokens (nine elements in ten on a lesson) one per kind is checked. A token's
  colour comes from its Pygments class alone (Material's --md-code-hl-* properties, set per
  palette in site.css) and sits on its block's background, the same for every block of a kind
  (code, or code in an admonition): one token per class, parent class and kind of block shows
  every pair of colours the page has (`COLOURED`).
- phone, light: what depends on the layout, on the whole page: what overflows
  (scrollable-region-focusable) and the size and spacing of targets (target-size); and the
  colour rules on what only a phone shows (the short dates and labels under a title; `PHONE`).
  Colours do not depend on the width, so the rest was checked on the desktop, and a phone's dark
  palette would repeat the desktop's on the same elements.
"""

from __future__ import annotations

import functools

from tools.pages import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
LAYOUT_RULES = ["scrollable-region-focusable", "target-size"]
SCHEMES = {"light": "default", "dark": "slate"}

# The context of a colour run: the page, code tokens left out but one of each kind. (axe takes
# an include inside an exclude: the nearest wins.)
COLOURED = """() => {
  const blocks = [...document.querySelectorAll("pre > code")].filter((c) => c.children.length);
  const seen = new Set(), include = [document];
  for (const code of blocks) {
    const kind = (code.closest(".admonition, details") || {}).className || "";
    for (const token of code.querySelectorAll("span")) {
      const key = token.className + "|" + token.parentElement.className + "|" + kind;
      if (!seen.has(key)) { seen.add(key); include.push(token); }
    }
  }
  return {include, exclude: blocks};
}"""

# What a phone shows that a desktop did not: elements with text the desktop audit saw hidden
# (`HIDDEN`, run there first), shown now.
TEXT = """(e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())"""
HIDDEN = f"""() => {{ const text = {TEXT};
  window.__hiddenOnDesktop = [...document.body.querySelectorAll("*")]
    .filter((e) => text(e) && !e.checkVisibility({{visibilityProperty: true}}));
}}"""
PHONE = """() => {
  const shown = (window.__hiddenOnDesktop || []).filter((e) => e.checkVisibility());
  return shown.length ? {include: shown} : null;
}"""

RUNS = [  # (device, scheme, rules, context: JavaScript giving axe's context, or null to skip)
    ("desktop", "light", {"type": "tag", "values": TAGS}, "() => document"),
    ("desktop", "light", {"type": "rule", "values": COLOUR_RULES}, COLOURED),
    ("desktop", "dark", {"type": "rule", "values": COLOUR_RULES}, COLOURED),
    ("phone", "light", {"type": "rule", "values": LAYOUT_RULES}, "() => document"),
    ("phone", "light", {"type": "rule", "values": COLOUR_RULES}, PHONE),
]
CONFIGURATIONS = sorted({(device, scheme) for device, scheme, _, _ in RUNS})

# A palette switch or a focus fades in over Material's 125-400 ms transitions: a check made in
# the meantime would measure a colour half way. A reader sees the end of the fade.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important }"

# The site's own checks, in the page; each problem is [rule, element, detail].
CHECKS = """(device) => {
  const problems = [];
  const name = (e) => {
    if (e.id) return "#" + e.id;
    const classes = [...e.classList].slice(0, 2).map((c) => "." + c).join("");
    return e.tagName.toLowerCase() + classes;
  };
  const path = (e) => { const names = [];
    for (let x = e; x && x !== document.body && names.length < 3; x = x.parentElement)
      names.unshift(name(x));
    return names.join(" > "); };
  const add = (rule, e, detail) => problems.push([rule, path(e), detail]);

  // Every tab stop is visible once it has the focus: a keyboard user sees where the focus is.
  // Each is focused in turn, since some show only then (the skip link, a heading's permalink,
  // the language menu); a radio button shows the focus on the label after it (the palette
  // toggle), and focusing the search box opens search (Material does it a moment later; here
  // it is opened at once, and closed again after).
  const tabbable = "a[href], button, input, select, textarea, summary, [tabindex]";
  const search = document.getElementById("__search");
  const visible = (x) => { const box = x.getBoundingClientRect();
    return x.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && box.width >= 1 && box.height >= 1 && box.right > 0 && box.left < innerWidth; };
  for (const e of document.querySelectorAll(tabbable)) {
    if (e.tabIndex < 0 || e.disabled || !e.checkVisibility({visibilityProperty: true})) continue;
    if (e.type === "radio" && !e.checked) continue;  // a radio group is one tab stop
    const searching = search && e.matches("[data-md-component=search-query]");
    if (searching) search.checked = true;
    e.focus({preventScroll: true});
    const next = e.nextElementSibling;
    const shown = [e, ...(e.type === "radio" && next && next.matches("label") ? [next] : [])];
    if (!shown.some(visible))
      add("invisible-tab-stop", e, "the keyboard stops on something nobody sees");
    e.blur();
    if (searching) search.checked = false;
  }

  // The "Copied to clipboard" message is a live region: screen readers announce it.
  const dialog = document.querySelector(".md-dialog");
  if (dialog && !dialog.matches("[role=status], [role=alert], [aria-live]"))
    add("copy-message-announced", dialog, "no role=status or aria-live");

  // Outputs wrap (an error message is read where it is shown); code never does.
  for (const code of document.querySelectorAll("article pre > code")) {
    const wrap = getComputedStyle(code).whiteSpace;
    const output = code.closest(".output") !== null;
    if (output && wrap !== "pre-wrap")
      add("output-wraps", code, "an output block does not wrap: white-space " + wrap);
    if (!output && !["pre", "nowrap"].includes(wrap))
      add("code-does-not-wrap", code, "a code block wraps its lines: white-space " + wrap);
  }

  // A code block scrolls sideways for its code, never for a comment (which wraps).
  const comment = ".c, .c1, .ch, .cm, .cs";
  for (const code of document.querySelectorAll("article pre > code")) {
    if (code.scrollWidth <= code.clientWidth + 1) continue;
    const right = code.getBoundingClientRect().left + code.clientWidth;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let wide = false, wideComment = null;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (!text.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      if (range.getBoundingClientRect().right <= right + 1) continue;
      if (text.parentElement.closest(comment)) wideComment = wideComment || text.parentElement;
      else wide = true;
    }
    if (wideComment && !wide)
      add("comment-scrolls", wideComment, "a comment makes the block scroll sideways");
  }

  // A comment that wraps goes on under its own start, not at the block's left edge, where it
  // would read as code at another indentation.
  for (const c of document.querySelectorAll(`article pre > code :is(${comment})`)) {
    const range = document.createRange();
    range.selectNodeContents(c);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    if (lines.some((r) => r.left < lines[0].left - 1))
      add("comment-keeps-column", c, "a wrapped comment goes on at the block's left edge");
  }

  // A formula or a table wider than the screen shows that it scrolls (a shadow on the side
  // with more); axe checks that the keyboard reaches it.
  for (const region of document.querySelectorAll(".math-display, .md-typeset__scrollwrap")) {
    if (region.scrollWidth <= region.clientWidth + 1) continue;
    if (getComputedStyle(region).boxShadow === "none")
      add("scroll-shown", region, "it scrolls sideways with nothing to show it");
  }

  // An identifier is never cut across two lines (`requires_gr|ad_`).
  for (const code of document.querySelectorAll("article code")) {
    if (code.closest("pre") || /\\s/.test(code.textContent.trim())) continue;
    const lines = new Set([...code.getClientRects()].map((r) => Math.round(r.top)));
    if (lines.size > 1) add("identifier-whole", code, code.textContent + " is cut in two");
  }

  // A picture opens full size: it links to its own file.
  for (const img of document.querySelectorAll("article img")) {
    if (img.src.startsWith("data:")) continue;
    const link = img.closest("a[href]");
    if (!link || link.href !== img.src) add("picture-full-size", img, "no link to " + img.src);
  }
  return problems;
}"""


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")  # installed: tests/test_browser.py requires it


async def prepare(page) -> None:
    """Once per loaded page, before `audit`: transitions off, axe-core loaded."""
    await page.add_style_tag(content=STILL)
    await page.add_script_tag(content=axe_source())


async def set_viewport(page, viewport: dict) -> None:
    """The window's new width, once the page has answered it: site.js makes an overflowing block
    a tab stop from a ResizeObserver, whose callbacks run before the next frame is painted; an
    audit run sooner saw a phone's block without it (scrollable-region-focusable, now and then)."""
    await page.set_viewport_size(viewport)
    await page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


async def set_scheme(page, scheme: str) -> None:
    """The palette, as Material's toggle sets it."""
    await page.evaluate(
        "s => document.body.setAttribute('data-md-color-scheme', s)", SCHEMES[scheme]
    )


async def audit(page, device: str, scheme: str) -> list[str]:
    """The problems of the page as it is shown now: axe's runs for this width and palette
    (RUNS), and the site's own checks (in the light palette: they do not depend on colours)."""
    problems = []
    # At the top of the page, as it opens: further down, the sticky header covers what scrolled
    # under it, and target-size would find those links and buttons "partially obscured".
    await page.evaluate("window.scrollTo(0, 0)")
    if (device, scheme) == ("desktop", "light"):
        await page.evaluate(HIDDEN)
    for where, palette, rules, context in RUNS:
        if (where, palette) != (device, scheme):
            continue
        # The whole page's tag rules, without the colour ones, which run on their own context.
        skip = {rule: {"enabled": False} for rule in COLOUR_RULES if rules["type"] == "tag"}
        options = {"runOnly": rules, "rules": skip, "resultTypes": ["violations"]}
        violations = await page.evaluate(
            f"""options => {{ const context = ({context})();
              return context ? axe.run(context, options).then(r => r.violations) : []; }}""",
            options,
        )
        for violation in violations:
            for node in violation["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                summary = " ".join(node["failureSummary"].split())
                problems.append(f"{violation['id']} ({violation['impact']}): {target}: {summary}")
    if scheme == "light":
        for rule, element, detail in await page.evaluate(CHECKS, device):
            problems.append(f"{rule}: {element}: {detail}")
    return problems
