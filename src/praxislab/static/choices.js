// Choices: one or more statements, each with a group of radio buttons (a sorter, a quiz,
// a decision point). "Check" asks the kernel for feedback, which appears under each
// statement in words ("Matches", "Not quite", "Note") and with a border shape, so it
// never relies on colour; a live region reads out the summary.
const VERDICT = { match: "✓ Matches: ", differs: "✗ Not quite: ", note: "Note: " };
// An explanation that opens with the verdict's own words ("Not quite. ...", "Yes. ...")
// would read "Not quite: Not quite."; drop the repeated opening.
const REPEATED = { match: /^matches\s*[.:!,;]\s*/i, differs: /^not quite\s*[.:!,;]\s*/i,
  note: /^note\s*[.:!,;]\s*/i };
function withoutRepeat(verdict, text) {
  const re = REPEATED[verdict];
  if (!re || !re.test(text)) return text;
  const rest = text.replace(re, "");
  return rest ? rest[0].toUpperCase() + rest.slice(1) : text;
}

function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-choices");
  root.setAttribute("role", "group");
  const heading = el("h3", { id: uid + "-h" }, model.get("heading"));
  root.setAttribute("aria-labelledby", uid + "-h");
  const intro = el("p", { class: "praxis-hint" }, model.get("instructions"));
  const list = el("div", {});
  const feedbackNodes = {};
  const inputs = {};

  const draw = () => {
    list.textContent = "";
    const answers = model.get("answers");
    model.get("items").forEach((item, i) => {
      const fs = el("fieldset", { class: "praxis-item" });
      const n = model.get("items").length > 1 ? (i + 1) + ". " : "";
      fs.append(el("legend", {}, n + item.text));
      const opts = el("div", { class: "praxis-options" });
      const fbId = uid + "-fb-" + i;
      inputs[item.id] = [];
      item.options.forEach((opt, j) => {
        const id = uid + "-" + i + "-" + j;
        const input = el("input", { type: "radio", name: uid + "-" + i, id, value: opt.value,
          "aria-describedby": fbId });
        if (answers[item.id] === opt.value) input.checked = true;
        input.addEventListener("change", () => {
          const next = Object.assign({}, model.get("answers"), { [item.id]: opt.value });
          model.set("answers", next); model.save_changes();
        });
        inputs[item.id].push(input);
        const lab = el("label", { for: id });
        lab.append(input, document.createTextNode(opt.label));
        opts.append(lab);
      });
      const fb = el("p", { id: fbId, class: "praxis-feedback" });
      feedbackNodes[item.id] = fb;
      fs.append(opts, fb);
      list.append(fs);
    });
    drawFeedback();
  };
  const drawFeedback = () => {
    const fbAll = model.get("feedback");
    for (const [id, node] of Object.entries(feedbackNodes)) {
      node.textContent = "";
      const fb = fbAll[id];
      if (!fb) { node.removeAttribute("data-verdict"); continue; }
      node.setAttribute("data-verdict", fb.verdict);
      node.append(el("span", { class: "praxis-verdict" }, VERDICT[fb.verdict] || ""),
        document.createTextNode(withoutRepeat(fb.verdict, fb.text)));
    }
  };
  const buttons = el("div", {});
  const check = el("button", { type: "button" }, model.get("check_label"));
  check.addEventListener("click", () => model.send({ event: "check" }));
  const reset = el("button", { type: "button" }, "Start again");
  reset.addEventListener("click", () => model.send({ event: "reset" }));
  buttons.append(check, reset);
  const status = el("p", { class: "praxis-status", role: "status", "aria-live": "polite" }, model.get("summary"));
  root.append(heading, intro, list, buttons, status);
  draw();
  model.on("change:items", draw);
  model.on("change:feedback", drawFeedback);
  model.on("change:summary", () => { status.textContent = model.get("summary"); });
  model.on("change:answers", () => {
    const answers = model.get("answers");
    for (const [id, group] of Object.entries(inputs)) {
      for (const input of group) input.checked = answers[id] === input.value;
    }
  });
}
export default { render };
