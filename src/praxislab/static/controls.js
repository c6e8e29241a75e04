// Form controls: labelled native <select> elements and buttons, for the vignette
// explorer's case picker and its Continue / Skip / Next part buttons. Native elements
// with JupyterLab's shortcuts held off, so they work from the keyboard.
function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-controls");
  const selects = el("div", { class: "praxis-selects" });
  const buttons = el("div", { class: "praxis-buttons" });
  const nodes = {};
  const drawSelects = () => {
    // Only the labels changed (a case marked "worked on"): relabel in place, so a select
    // that has focus keeps it and a screen reader is not thrown back to the page.
    const specs = model.get("selects");
    const same = specs.length === Object.keys(nodes).length && specs.every((spec) => {
      const node = nodes[spec.name];
      return node && node.options.length === spec.options.length
        && spec.options.every(([value], i) => node.options[i].value === value);
    });
    if (same) {
      for (const spec of specs) {
        spec.options.forEach(([, label], i) => {
          const option = nodes[spec.name].options[i];
          if (option.textContent !== label) option.textContent = label;
        });
      }
      return;
    }
    selects.textContent = "";
    model.get("selects").forEach((spec, i) => {
      const id = uid + "-s" + i;
      const row = el("div", { class: "praxis-select-row" });
      const select = el("select", { id, name: spec.name });
      for (const [value, label] of spec.options) {
        const option = el("option", { value }, label);
        select.append(option);
      }
      select.value = model.get("values")[spec.name] ?? "";
      select.addEventListener("change", () => {
        const next = Object.assign({}, model.get("values"), { [spec.name]: select.value });
        model.set("values", next); model.save_changes();
      });
      nodes[spec.name] = select;
      row.append(el("label", { for: id }, spec.label), select);
      selects.append(row);
    });
  };
  const drawButtons = () => {
    buttons.textContent = "";
    for (const spec of model.get("buttons")) {
      const button = el("button", { type: "button" }, spec.label);
      button.addEventListener("click", () => model.send({ event: "click", name: spec.name }));
      buttons.append(button);
    }
  };
  root.append(selects, buttons);
  drawSelects();
  drawButtons();
  model.on("change:selects", drawSelects);
  model.on("change:buttons", drawButtons);
  model.on("change:values", () => {
    for (const [name, select] of Object.entries(nodes)) {
      const value = model.get("values")[name] ?? "";
      if (select.value !== value) select.value = value;
    }
  });
}
export default { render };
