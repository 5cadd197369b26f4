"""The walk figures (tools/hooks/walk_figures.py, walk.js) in a real browser, driven as in
tests/test_browser.py: each one stepped through by mouse and by keyboard, in both languages, every
state and every node's card compared with the walk's verified data (tests/test_walks.py proves it
is a fresh run of the lesson's code) and its leaves' `.grad` with the page's output blocks;
accessible (axe-core) and within the page at desktop and phone widths, in both palettes; the
picture alone without JavaScript. With SCREENSHOTS=1 (`make screenshots`), each figure mid-walk is
written to screenshots/ at both widths, light and dark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import (
    CHROMIUM,
    DEVICES,
    SCREENSHOTS,
    SHOTS,
    Session,
    Tab,
    empty_search_index,
    no_search,
    pages_host,
    url,
)

from tools import accessibility, installed, walks
from tools.hooks import walk_figures
from tools.installed import require
from tools.pages import DOCS, LANGUAGES, parse_page, site_config

ASSETS = DOCS / "es" / "assets" / "walk"


@pytest.fixture(scope="module", autouse=True)
def chromium():
    """Without Chromium or axe-core these tests fail with the fix, unless SKIP_BROWSER=1
    (tools/installed), as tests/test_browser.py's do."""
    require(CHROMIUM is not None, installed.CHROMIUM)
    require(accessibility.AXE.exists(), installed.AXE_CORE)


def texts(lang: str) -> dict[str, str]:
    """The figure's texts in `lang` (mkdocs.yml, `extra.walk`)."""
    config = site_config()
    if lang == LANGUAGES[0]:
        return config["extra"]["walk"]
    i18n = next(p["i18n"] for p in config["plugins"] if "i18n" in p)
    return next(x for x in i18n["languages"] if x["locale"] == lang)["extra"]["walk"]


@pytest.fixture(scope="module")
def browser():
    opened = Session()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def host(site, tmp_path_factory):
    with pages_host(site, tmp_path_factory.mktemp("walk-host")) as address:
        yield address


# --- what the figure should show, from the walk's data --------------------------------------


def expected_card(data: dict, number: int) -> list[str]:
    """A node's card, as the texts of its <code>s: its name, then each saved name and value."""
    node = data["nodes"][number]
    return [node["name"], *(text for pair in node["saved"].items() for text in pair)]


def expected_state(data: dict, stem: str, lang: str, state: int) -> dict:
    """What the figure shows once `state` steps have run: the texts of its <code>s in order
    (the node, what it receives, where a sum comes from, what it sends and to whom, the leaf it
    fills, then every leaf's .grad), its heading, and the marks on the drawing."""
    nodes, steps = data["nodes"], data["steps"]
    node_id = f"{stem}-n{{}}".format
    shown = {"heading": None, "codes": [], "current": [], "done": [], "sending": [], "card": None}
    if state:
        step = steps[state - 1]
        number = step["node"]
        codes = [nodes[number]["name"], *step["received"]]
        incoming = [
            (earlier["node"], sent["value"])
            for earlier in steps[: state - 1]
            for sent in earlier["sent"]
            if sent["to"] == number
        ]
        if len(incoming) > 1:
            codes += [text for sender, value in incoming for text in (value, nodes[sender]["name"])]
        codes += [
            text for sent in step["sent"] for text in (sent["value"], nodes[sent["to"]]["name"])
        ]
        if "grad" in step:
            codes.append(f"{nodes[number]['label']}.grad")
        shown.update(
            heading=texts(lang)["step"].format(n=state, total=len(steps)),
            codes=codes,
            current=[node_id(number)],
            done=sorted(node_id(earlier["node"]) for earlier in steps[: state - 1]),
            sending=sorted(f"{node_id(number)}>{node_id(sent['to'])}" for sent in step["sent"]),
            card=expected_card(data, number),
        )
    for number, node in enumerate(nodes):
        if "grad" in node:
            grads = [s["grad"] for s in steps[:state] if s["node"] == number and "grad" in s]
            shown["codes"] += [f"{node['label']}.grad", (grads or [node["grad"]])[-1]]
    return shown


# What the figure shows now, read from the page, and where its buttons and nodes are.
READ = """(figure) => {
  const texts = (root, s) => [...root.querySelectorAll(s)].map((e) => e.textContent);
  const ids = (s) => [...figure.querySelectorAll(s)].map((e) => e.id).sort();
  const box = figure.querySelector(".walk-state");
  const pressed = figure.querySelector("g.node[aria-pressed=true]");
  return {
    heading: box.querySelector("strong") ? box.querySelector("strong").textContent : null,
    codes: texts(box, "code"),
    current: ids("g.node.walk-current"),
    done: ids("g.node.walk-done"),
    sending: [...figure.querySelectorAll("g.edge.walk-sending")]
      .map((e) => e.dataset.from + ">" + e.dataset.to).sort(),
    card: pressed ? texts(figure.querySelector(".walk-card"), "code") : null,
    formulas: figure.querySelectorAll(".walk-card math").length,
    pressed: pressed ? pressed.id : null,
  };
}"""
# Where a button or node is on the screen, brought into view first.
WHERE = """(figure, target) => {
  const e = figure.querySelector(`[data-walk="${target}"], g.node[id="${target}"]`);
  e.scrollIntoView({block: "center"});
  const r = e.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
}"""
FOCUS = """() => { const e = document.activeElement, style = getComputedStyle(e);
  return [e.dataset.walk || e.id, style.outlineStyle !== "none" && style.outlineWidth !== "0px"];
}"""


def state_problems(shown: list[tuple[int, dict]], data: dict, stem: str, lang: str) -> list[str]:
    """Each difference between what the figure showed and what it should have, by state."""
    problems = []
    for state, facts in shown:
        for key, value in expected_state(data, stem, lang, state).items():
            if facts[key] != value:
                problems.append(f"state {state}, {key}: shown {facts[key]!r}, verified {value!r}")
    return problems


def card_problems(cards: list[tuple[int, dict]], data: dict, stem: str) -> list[str]:
    problems = []
    for number, facts in cards:
        expected = expected_card(data, number)
        if facts["card"] != expected or facts["pressed"] != f"{stem}-n{number}":
            problems.append(f"node {number}: card {facts['card']!r}, verified {expected!r}")
        if not facts["formulas"]:  # (a formula is cut at each = for line breaks: several <math>)
            problems.append(f"node {number}: the card shows no formula")
    return problems


# --- driving the figure -----------------------------------------------------------------------


async def by_mouse(page, steps: int, nodes: int):
    """Next to the end and once more, Back once, Start over; then a click on every node: real
    mouse clicks where each one is. (state, what the figure showed) after each click on a
    button, (node, what it showed) after each click on a node."""
    figure = page.locator("figure.walk")
    stem = await figure.get_attribute("id")

    async def click(target: str) -> dict:
        await page.mouse.click(*await figure.evaluate(WHERE, target))
        return await figure.evaluate(READ)

    shown, cards = [(0, await figure.evaluate(READ))], []
    clicks = [("next", state) for state in range(1, steps + 1)]
    clicks += [("next", steps), ("back", steps - 1), ("reset", 0)]  # past the end: no change
    for target, state in clicks:
        facts = await click(target)
        shown.append((state, facts))
    for number in range(nodes):
        facts = await click(f"{stem}-n{number}")
        cards.append((number, facts))
    return shown, cards


async def by_keyboard(page, steps: int, nodes: int):
    """From Back, Tab to Next; Enter and Space to the end and once more; Shift+Tab to Back and
    Enter; Tab twice to Start over and Enter; then Tab through the nodes, opening each with
    Enter or Space. Also returns what had the focus after each key, and if it was marked."""
    figure = page.locator("figure.walk")
    await figure.locator("button[data-walk=back]").focus()
    keys = [("Tab", None)]
    keys += [("Enter" if state % 2 else " ", min(state, steps)) for state in range(1, steps + 2)]
    keys += [("Shift+Tab", None), ("Enter", steps - 1), ("Tab", None), ("Tab", None), ("Enter", 0)]
    shown, focused = [], []
    for key, state in keys:
        await page.keyboard.press(key)
        if state is not None:
            shown.append((state, await figure.evaluate(READ)))
            focused.append(await page.evaluate(FOCUS))
    cards = []
    for number in range(nodes):
        await page.keyboard.press("Tab")
        focused.append(await page.evaluate(FOCUS))
        await page.keyboard.press("Enter" if number % 2 else " ")
        cards.append((number, await figure.evaluate(READ)))
    return shown, cards, focused


def printed(lang: str, lesson: str) -> set[str]:
    """Every line the lesson's output blocks print."""
    page = parse_page(DOCS / lang / "lessons" / f"{lesson}.md")
    return {line for e in page.examples if e.output for line in e.output.body.splitlines()}


async def quiet_tab(browser, **options) -> Tab:
    """A tab whose pages start no search (tested in tests/test_browser.py): a lighter visit."""
    tab = await Tab.open(browser, **options)
    await tab.context.route("**/search/search_index.json", empty_search_index)
    for search in ("**/javascripts/workers/*", "**/javascripts/lunr/**"):
        await tab.context.route(search, no_search)
    return tab


AXE_RUN = """async (figure) => (await axe.run(figure, {resultTypes: ["violations"]})).violations
  .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""
SETTLED = "() => Promise.all(document.getAnimations().map((a) => a.finished))"
ONLY_THE_FIGURE = """() => { for (const e of document.querySelectorAll(
  "article > :not(figure.walk, h1, h2, h3, h4, h5, h6, link, script)")) e.remove(); }"""
OVERFLOW = """(figure) => {
  const width = document.documentElement.clientWidth;
  const limit = Math.min(width, figure.closest("article").getBoundingClientRect().right) + 1;
  return [...figure.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > limit)
    .map((e) => `sticks out: ${e.tagName.toLowerCase()} ${e.textContent.slice(0, 40)}`)
    .concat(document.documentElement.scrollWidth > width ? ["the page scrolls sideways"] : []);
}"""


async def visit(browser, host: str, lang: str, walk: walks.Walk) -> list[str]:
    """Every check of one figure, in one visit: by mouse and by keyboard at desktop width; then
    mid-walk, at both widths and in both palettes, axe-core and the layout."""
    tab = await quiet_tab(browser, viewport=DEVICES["desktop"])
    page = await tab.go(url(host, lang, f"lessons/{walk.lesson}/"))
    data = walks.committed_data(walk.path(lang))
    steps, nodes = len(data["steps"]), len(data["nodes"])
    figure = page.locator("figure.walk")
    found = []
    for action in ("back", "next", "reset"):
        name = texts(lang)[action]
        if await figure.get_by_role("button", name=name, exact=True).count() != 1:
            found.append(f"no button named {name!r}")
    live = await figure.locator(".walk-state").get_attribute("aria-live")
    if live != "polite":
        found.append(f"the step's text is not a polite live region: {live}")
    mouse = await by_mouse(page, steps, nodes)
    keyboard = await by_keyboard(page, steps, nodes)
    for how, (shown, cards) in (("mouse", mouse), ("keyboard", keyboard[:2])):
        wrong = state_problems(shown, data, walk.stem, lang)
        wrong += card_problems(cards, data, walk.stem)
        found += [f"by {how}: {problem}" for problem in wrong]
    # What the page prints too: each leaf's .grad, as the figure ends.
    end = next(facts["codes"] for state, facts in mouse[0] if state == steps)
    for grad in (step["grad"] for step in data["steps"] if "grad" in step):
        if grad not in end or grad not in printed(lang, walk.lesson):
            found.append(f"the leaf's .grad {grad} is not shown, or not printed by the page")
    focused = keyboard[2]
    stepping = len(keyboard[0]) - 3
    if focused[:stepping] != [["next", True]] * stepping:
        found.append(f"the focus left Next, or was not visible, while stepping: {focused}")
    if focused[-nodes:] != [[f"{walk.stem}-n{n}", True] for n in range(nodes)]:
        found.append(f"Tab did not go through the nodes, visibly: {focused[-nodes:]}")
    for _ in range(steps // 2 + 1):  # mid-walk: a node runs, others ran, gradients travel
        await figure.locator("button[data-walk=next]").click()
    # axe-core builds its tree of the whole document at every run (2,456 elements on this
    # page: 5.8 s a run, against 0.7 s with 418): the rest of the article goes, but for the
    # headings that Material's table of contents follows; the figure keeps its place and styles.
    await page.evaluate(ONLY_THE_FIGURE)
    await page.add_script_tag(content=accessibility.axe_source())
    for device, viewport in DEVICES.items():
        await page.set_viewport_size(viewport)
        for scheme in accessibility.SCHEMES:
            suffix = "-dark" if scheme == "dark" else ""
            await accessibility.set_scheme(page, scheme)
            await page.evaluate(SETTLED)  # Material fades colours: axe must see the final ones
            where = f"mid-walk ({device}, {scheme})"
            found += [f"{where}: axe: {v}" for v in await figure.evaluate(AXE_RUN)]
            found += [f"{where}: {problem}" for problem in await figure.evaluate(OVERFLOW)]
            if SHOTS:
                await shoot(page, f"{lang}-{device}-walk-{walk.lesson}{suffix}.png")
    found += tab.take_problems()
    await tab.close()
    return [f"{walk.stem} ({lang}): {problem}" for problem in found]


async def shoot(page, name: str) -> None:
    """The figure alone (small, and sharp), in a window tall enough for all of it to show
    clear of Material's header, which a taller figure would have scrolled under."""
    figure, viewport = page.locator("figure.walk"), page.viewport_size
    height = (await figure.bounding_box())["height"]
    await page.set_viewport_size({**viewport, "height": max(viewport["height"], int(height) + 160)})
    await figure.evaluate("(figure) => figure.scrollIntoView({block: 'center'})")
    SCREENSHOTS.mkdir(exist_ok=True)
    await figure.screenshot(path=SCREENSHOTS / name)
    await page.set_viewport_size(viewport)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_walk_figures_as_a_reader_uses_them(host, browser, lang):
    """Every state and card, by mouse and by keyboard, is the walk's verified data, and the
    leaves' .grad at the end is what the page's output blocks print; the buttons are named in
    the page's language, the step's text is a live region, the focus is visible and stays on
    Next; mid-walk, at both widths and in both palettes, no axe-core violation and nothing
    sticking out of the page."""

    async def both():
        return [p for walk in walks.WALKS for p in await visit(browser.browser, host, lang, walk)]

    assert browser.run(both()) == []


def test_without_javascript_the_picture_and_the_printed_walk_remain(host, browser):
    async def visit():
        tab = await Tab.open(browser.browser, java_script_enabled=False)
        page = tab.page
        await page.goto(url(host, LANGUAGES[0], "lessons/backward/"), wait_until="load")
        figure = page.locator("figure.walk")
        facts = {
            "picture": await figure.locator("svg[role=img]").is_visible(),
            "controls": await figure.locator(".walk-controls").is_visible(),
            "focusable": await figure.locator("[tabindex]").count(),
            "outputs": await page.locator("article pre").count(),
        }
        problems = tab.take_problems()
        await tab.close()
        return facts, problems

    facts, problems = browser.run(visit())
    assert problems == []
    assert facts["picture"]
    assert not facts["controls"]
    assert facts["focusable"] == 0  # no node to press that would do nothing
    assert facts["outputs"] > 5  # the printed walk


def test_a_figure_showing_one_altered_value_fails(browser):
    """The fixture of tests/test_walks.py (one value changed in the figure's data), stepped
    through with the site's own script: compared with the verified data, that value is caught,
    and only it."""
    fixture = Path(__file__).parent / "fixtures" / "walks" / "backward-walk.svg"
    walk = walks.WALKS[0]
    html = walk_figures.figure(fixture, "fixture", texts("en"))

    async def visit():
        tab = await Tab.open(browser.browser)
        page = tab.page
        await page.set_content(f'<article class="md-typeset">{html}</article>')
        await page.add_style_tag(path=str(ASSETS / "walk.css"))
        await page.add_script_tag(path=str(ASSETS / "walk.js"))
        data = walks.committed_data(walk.path("en"))
        shown, _ = await by_mouse(page, len(data["steps"]), len(data["nodes"]))
        await tab.close()
        return state_problems(shown, data, walk.stem, "en")

    problems = browser.run(visit())
    assert len(problems) == 1, problems
    assert problems[0].startswith("state 2, codes: shown ")
    assert "'tensor([0.6667, 0.6676, 0.6667])'" in problems[0]
