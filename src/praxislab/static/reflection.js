// Reflection box: a labelled text area that sends the learner's text to the kernel a
// moment after they stop typing (and at least every two seconds while they type), where
// it is saved to the journal. The save status is a polite live region.
function words(text) { const t = text.trim(); return t ? t.split(/\s+/).length : 0; }

function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  root.classList.add("praxis", "praxis-reflection");
  const label = el("label", { for: uid + "-text", class: "praxis-prompt" }, model.get("prompt"));
  const hint = el("p", { id: uid + "-hint", class: "praxis-hint" }, model.get("hint"));
  const box = el("textarea", {
    id: uid + "-text", rows: String(model.get("rows")),
    "aria-describedby": uid + "-hint", spellcheck: "true",
  });
  box.value = model.get("value");
  if (model.get("placeholder")) box.placeholder = model.get("placeholder");
  const foot = el("div", { class: "praxis-foot" });
  // What the eye sees (with seconds) and what a screen reader hears (minutes only, so it
  // speaks once a minute at most while the learner types) are kept apart.
  const spokenText = (s) => s.replace(/(\d\d:\d\d):\d\d/, "$1");
  const status = el("p", { id: uid + "-status", class: "praxis-status", "aria-hidden": "true" },
    model.get("status"));
  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" },
    spokenText(model.get("status")));
  const count = el("p", { class: "praxis-hint" }, words(box.value) + " words");
  foot.append(status, live, count);
  root.append(label, hint, box, foot);

  let timer = null, firstPending = null;
  const push = () => {
    clearTimeout(timer); timer = null; firstPending = null;
    if (box.value !== model.get("value")) { model.set("value", box.value); model.save_changes(); }
  };
  box.addEventListener("input", () => {
    count.textContent = words(box.value) + " words";
    const now = Date.now();
    if (firstPending === null) firstPending = now;
    clearTimeout(timer);
    timer = now - firstPending > 2000 ? (push(), null) : setTimeout(push, model.get("delay_ms"));
  });
  box.addEventListener("blur", push);
  model.on("change:status", () => {
    status.textContent = model.get("status");
    const said = spokenText(model.get("status"));
    if (live.textContent !== said) live.textContent = said;
  });
  model.on("change:value", () => {
    // The kernel may restore or clean the text; never clobber what is being typed.
    if (document.activeElement !== box && box.value !== model.get("value")) {
      box.value = model.get("value"); count.textContent = words(box.value) + " words";
    }
  });
  model.on("change:prompt", () => { label.textContent = model.get("prompt"); });
  return () => { if (timer) push(); };
}
export default { render };
