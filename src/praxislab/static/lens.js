// Lens view: the same case through two lenses, one at a time or side by side. The choice
// is a native radio group, so it works with arrow keys and screen readers announce it.
function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-lens");
  const heading = el("h3", {}, model.get("heading"));
  const fs = el("fieldset", {});
  fs.append(el("legend", {}, "Show"));
  const opts = el("div", { class: "praxis-options" });
  const modes = model.get("modes");
  modes.forEach(([value, label], i) => {
    const id = uid + "-m" + i;
    const input = el("input", { type: "radio", name: uid + "-mode", id, value });
    input.checked = model.get("mode") === value;
    input.addEventListener("change", () => { model.set("mode", value); model.save_changes(); });
    const lab = el("label", { for: id });
    lab.append(input, document.createTextNode(label));
    opts.append(lab);
  });
  fs.append(opts);
  const panels = el("div", { class: "praxis-panels", "aria-live": "polite" });
  const nodes = {};
  for (const lens of model.get("lenses")) {
    const panel = el("section", { class: "praxis-panel", "aria-label": lens.title });
    panel.append(el("h4", {}, lens.title));
    for (const part of lens.parts) {
      panel.append(el("p", { class: "praxis-verdict" }, part.heading));
      const ul = el("ul", {});
      for (const line of part.lines) ul.append(el("li", {}, line));
      panel.append(ul);
    }
    if (lens.png) {
      const figure = el("figure", {});
      figure.append(el("img", { src: "data:image/png;base64," + lens.png, alt: lens.alt }));
      if (lens.caption) figure.append(el("figcaption", { class: "praxis-hint" }, lens.caption));
      panel.append(figure);
    }
    nodes[lens.key] = panel;
    panels.append(panel);
  }
  const show = () => {
    const mode = model.get("mode");
    panels.classList.toggle("praxis-both", mode === "both");
    for (const [key, panel] of Object.entries(nodes)) panel.hidden = !(mode === "both" || mode === key);
  };
  root.append(heading, fs, panels);
  show();
  model.on("change:mode", show);
}
export default { render };
