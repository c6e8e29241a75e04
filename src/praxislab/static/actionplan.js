// Action plan: a form of labelled native controls (text areas, a radio group for the
// level, a date input) inside one fieldset. Every change goes to the kernel a moment after
// the learner stops typing (and on leaving a field), where it is saved to the journal as a
// draft, so nothing typed is lost. "Check my plan" asks the kernel what is missing; each
// problem appears in words under its own field (linked with aria-describedby and
// aria-invalid), never by colour alone, and a polite live region reads the status.
const TEXT_FIELDS = ["goal", "allies", "risks", "first_step"];

function render({ model, el: root }) {
  guardKeys(root);
  // Lumino (JupyterLab's keyboard layer) ignores its shortcuts inside this element, so
  // letters typed in the form never run notebook commands.
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-actionplan");
  const labels = model.get("labels");
  const form = el("fieldset", {});
  form.append(el("legend", { class: "praxis-heading" }, model.get("heading")));
  const controls = {};
  const problemNodes = {};

  const problemNode = (name) => {
    const node = el("p", { id: uid + "-" + name + "-problem", class: "praxis-feedback",
      "data-verdict": "differs" });
    problemNodes[name] = node;
    return node;
  };

  let timer = null;
  const push = () => {
    clearTimeout(timer); timer = null;
    const next = Object.assign({}, model.get("plan"));
    let changed = false;
    for (const [name, node] of Object.entries(controls)) {
      if (name === "level") continue;
      if ((next[name] ?? "") !== node.value) { next[name] = node.value; changed = true; }
    }
    const chosen = form.querySelector("input[type=radio]:checked");
    const level = chosen ? chosen.value : (next.level ?? "");
    if ((next.level ?? "") !== level) { next.level = level; changed = true; }
    if (changed) { model.set("plan", next); model.save_changes(); }
  };
  const soon = () => { clearTimeout(timer); timer = setTimeout(push, model.get("delay_ms")); };

  const textRow = (name, rows) => {
    const id = uid + "-" + name;
    const wrap = el("div", { class: "praxis-field" });
    const label = el("label", { for: id, class: "praxis-prompt" }, labels[name]);
    const box = rows
      ? el("textarea", { id, rows: String(rows), spellcheck: "true" })
      : el("input", { id, type: name === "review_date" ? "date" : "text",
        style: name === "review_date" ? "" : "width:100%;box-sizing:border-box;font:inherit" });
    box.setAttribute("aria-describedby", id + "-problem");
    box.value = model.get("plan")[name] ?? "";
    box.addEventListener("input", soon);
    box.addEventListener("change", push);
    box.addEventListener("blur", push);
    controls[name] = box;
    wrap.append(label, box, problemNode(name));
    return wrap;
  };

  form.append(textRow("goal", 3));
  // The level: a native radio group (arrow keys move between options).
  const levelSet = el("fieldset", { "aria-describedby": uid + "-level-problem" });
  levelSet.append(el("legend", {}, labels.level));
  const opts = el("div", { class: "praxis-options" });
  model.get("levels").forEach(([value, text], i) => {
    const id = uid + "-level-" + i;
    const input = el("input", { type: "radio", name: uid + "-level", id, value });
    input.checked = model.get("plan").level === value;
    input.addEventListener("change", push);
    const lab = el("label", { for: id });
    lab.append(input, document.createTextNode(text));
    opts.append(lab);
  });
  levelSet.append(opts, problemNode("level"));
  controls.level = levelSet;
  form.append(levelSet, textRow("allies", 2), textRow("risks", 2), textRow("first_step", 0),
    textRow("review_date", 0));

  const check = el("button", { type: "button" }, "Check my plan");
  check.addEventListener("click", () => { push(); model.send({ event: "check" }); });
  const status = el("p", { class: "praxis-status", role: "status", "aria-live": "polite" },
    model.get("status"));
  form.append(check, status);
  root.append(form);

  const drawProblems = () => {
    const problems = model.get("problems");
    for (const [name, node] of Object.entries(problemNodes)) {
      const text = problems[name] || "";
      node.textContent = text ? "✗ To fix: " + text : "";
      const target = name === "level"
        ? form.querySelectorAll("input[type=radio]") : [controls[name]];
      for (const t of target) {
        if (text) t.setAttribute("aria-invalid", "true"); else t.removeAttribute("aria-invalid");
      }
    }
  };
  drawProblems();
  model.on("change:problems", drawProblems);
  model.on("change:status", () => { status.textContent = model.get("status"); });
  model.on("change:plan", () => {
    // The kernel may restore the plan; never overwrite the field being typed in.
    const plan = model.get("plan");
    for (const name of [...TEXT_FIELDS, "review_date"]) {
      const box = controls[name];
      if (document.activeElement !== box && box.value !== (plan[name] ?? "")) box.value = plan[name] ?? "";
    }
    for (const input of form.querySelectorAll("input[type=radio]")) input.checked = plan.level === input.value;
  });
  return () => { if (timer) push(); };
}
export default { render };
