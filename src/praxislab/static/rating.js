// Rating scale: each item a labelled native range input (0 = not rated, 1-10), with its
// value also shown in words; a chart of the learner's own ratings with alt text; a button
// that clears everything. Nothing here ever adds the ratings up.
function spoken(v) { return v ? v + " out of 10" : "not rated"; }

function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-rating");
  const fs = el("fieldset", {});
  fs.append(el("legend", { class: "praxis-heading" }, model.get("heading")));
  fs.append(el("p", { class: "praxis-hint" }, model.get("instructions")));
  const sliders = {};
  // Send a change at once; while the kernel is redrawing, keep only the latest value and
  // send it when the new chart arrives, so holding an arrow key never floods the kernel.
  let inFlight = false, queued = null, guard = null;
  const flush = () => {
    clearTimeout(guard);
    inFlight = false;
    if (queued) { const [id, v] = queued; queued = null; send(id, v); }
  };
  const send = (id, value) => {
    if (inFlight) { queued = [id, value]; return; }
    inFlight = true;
    guard = setTimeout(flush, 1000);
    const next = Object.assign({}, model.get("ratings"), { [id]: value });
    model.set("ratings", next); model.save_changes();
  };
  model.get("items").forEach((item, i) => {
    const id = uid + "-" + i;
    const row = el("div", { class: "praxis-row" });
    const lab = el("label", { for: id }, item.label);
    if (item.description) lab.title = item.description;
    const v = model.get("ratings")[item.id] || 0;
    const input = el("input", { type: "range", id, min: "0", max: "10", step: "1",
      "aria-valuetext": spoken(v) });
    input.value = String(v);
    const out = el("output", { for: id, "aria-hidden": "true" }, spoken(v));
    input.addEventListener("input", () => {
      const value = Number(input.value);
      input.setAttribute("aria-valuetext", spoken(value));
      out.textContent = spoken(value);
      send(item.id, value);
    });
    sliders[item.id] = [input, out];
    row.append(lab, input, out);
    fs.append(row);
  });
  const clear = el("button", { type: "button" }, model.get("clear_label"));
  clear.addEventListener("click", () => model.send({ event: "clear" }));
  // Clearing is undoable: the Undo button appears right after, beside the status.
  const undo = el("button", { type: "button" }, "Undo: bring my ratings back");
  undo.addEventListener("click", () => { model.send({ event: "undo" }); clear.focus(); });
  const showUndo = () => { undo.hidden = !model.get("can_undo"); };
  showUndo();
  model.on("change:can_undo", showUndo);
  const status = el("p", { class: "praxis-status", role: "status", "aria-live": "polite" }, model.get("status"));
  fs.append(clear, undo, status);
  const figure = el("figure", {});
  const img = el("img", {});
  const caption = el("figcaption", { class: "praxis-hint" });
  figure.append(img, caption);
  const drawChart = () => {
    const png = model.get("chart_png");
    figure.hidden = !png;
    if (png) img.src = "data:image/png;base64," + png;
    img.alt = model.get("chart_alt");
    caption.textContent = model.get("chart_caption");
  };
  root.append(fs, figure);
  drawChart();
  model.on("change:chart_png", () => { drawChart(); flush(); });
  model.on("change:chart_alt", drawChart);
  model.on("change:status", () => { status.textContent = model.get("status"); });
  model.on("change:ratings", () => {
    const ratings = model.get("ratings");
    for (const [id, [input, out]] of Object.entries(sliders)) {
      if (document.activeElement === input) continue;
      const v = ratings[id] || 0;
      input.value = String(v); input.setAttribute("aria-valuetext", spoken(v)); out.textContent = spoken(v);
    }
  });
}
export default { render };
