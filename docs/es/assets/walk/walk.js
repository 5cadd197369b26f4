// Steps through a backward walk, one node at a time. tools/hooks/walk_figures.py wrote every
// state of the walk and every node's card as a <template>, with the real run's values: this
// script only shows one of each and marks the drawing. Without it, the picture stays as it is.
(() => {
  "use strict";

  function setUp(figure) {
    const states = [...figure.querySelectorAll("template:not([data-card])")];
    const cards = new Map(
      [...figure.querySelectorAll("template[data-card]")].map((t) => [t.dataset.card, t]),
    );
    const svg = figure.querySelector(".walk-graph svg");
    const stateBox = figure.querySelector(".walk-state");
    const cardBox = figure.querySelector(".walk-card");
    const hint = [...cardBox.childNodes];
    const buttons = {};
    for (const button of figure.querySelectorAll("button[data-walk]")) {
      buttons[button.dataset.walk] = button;
    }
    const nodes = [...svg.querySelectorAll("g.node")];
    const edges = [...svg.querySelectorAll("g.edge")];
    let current = 0;

    // The drawing was a picture (role=img); now its nodes are buttons that show their card.
    svg.setAttribute("role", "group");
    for (const edge of edges) edge.setAttribute("aria-hidden", "true");
    for (const node of nodes) {
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-pressed", "false");
      // Named by what it shows ("MulBackward0 z"), as a voice user would say it; its <title>
      // ("MulBackward0 (z)") would be text inside the button that its name lacks.
      const lines = [...node.querySelectorAll("text")].map((text) => text.textContent);
      node.setAttribute("aria-label", lines.join(" "));
      node.querySelector("title").remove();
      node.addEventListener("click", () => select(node.id, true));
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(node.id, true);
        }
      });
    }

    // A node's card, announced only when the reader asked for it (not at every step).
    function select(id, announce) {
      cardBox.setAttribute("aria-live", announce ? "polite" : "off");
      cardBox.replaceChildren(
        ...(id ? [cards.get(id).content.cloneNode(true)] : hint.map((n) => n.cloneNode(true))),
      );
      for (const node of nodes) node.setAttribute("aria-pressed", String(node.id === id));
    }

    function show(state) {
      current = state;
      const template = states[state];
      stateBox.replaceChildren(template.content.cloneNode(true));
      const ran = states.slice(1, state).map((t) => t.dataset.node);
      const running = template.dataset.node;
      const to = (template.dataset.to || "").split(" ");
      for (const node of nodes) {
        node.classList.toggle("walk-done", ran.includes(node.id) && node.id !== running);
        node.classList.toggle("walk-current", node.id === running);
      }
      for (const edge of edges) {
        const sending = edge.dataset.from === running && to.includes(edge.dataset.to);
        edge.classList.toggle("walk-sending", sending);
      }
      select(running, false);
      buttons.back.setAttribute("aria-disabled", String(state === 0));
      buttons.next.setAttribute("aria-disabled", String(state === states.length - 1));
      buttons.reset.setAttribute("aria-disabled", String(state === 0));
    }

    // aria-disabled rather than disabled: a button at the end keeps the keyboard's focus.
    buttons.next.addEventListener("click", () => current < states.length - 1 && show(current + 1));
    buttons.back.addEventListener("click", () => current > 0 && show(current - 1));
    buttons.reset.addEventListener("click", () => show(0));

    show(0);
    stateBox.setAttribute("aria-live", "polite"); // after the first state: not read on load
    for (const part of figure.querySelectorAll(".walk-ui")) part.hidden = false;
  }

  for (const figure of document.querySelectorAll("figure.walk")) setUp(figure);
})();
