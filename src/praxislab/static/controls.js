// Form controls: labelled native <select> elements and buttons, for the vignette
// explorer's case picker and its Continue / Skip / Next part buttons. Native elements
// with JupyterLab's shortcuts held off, so they work from the keyboard.
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
// Keep JupyterLab's notebook shortcuts (arrows move cells, Enter edits) from taking keys
// meant for our controls, so radio groups and buttons work from the keyboard.
const CONTROL_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
  " ", "Enter", "PageUp", "PageDown"]);
function guardKeys(root) {
  root.addEventListener("keydown", (event) => {
    const tag = event.target && event.target.tagName;
    if (["INPUT", "BUTTON", "SELECT", "TEXTAREA"].includes(tag) && CONTROL_KEYS.has(event.key)
        && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.stopPropagation();
    }
  });
}

function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-controls");
  const selects = el("div", { class: "praxis-selects" });
  const buttons = el("div", { class: "praxis-buttons" });
  const nodes = {};
  const drawSelects = () => {
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
