// A titled part of a case (or a short status), which can take keyboard focus when it
// appears: after "Continue", "Next part" or "Skip" the button the learner pressed is
// gone, so focus moves to the new part's heading and a screen reader reads it out,
// instead of dropping to the page and announcing nothing.
function render({ model, el: root }) {
  guardKeys(root);
  root.classList.add("praxis", "praxis-part");
  const tag = !model.get("heading") ? "p" : model.get("level") === 4 ? "h4" : "h3";
  const heading = el(tag, { class: "praxis-part-heading", tabindex: "-1" },
    model.get("heading") || model.get("status"));
  root.append(heading);
  for (const text of model.get("paragraphs")) root.append(el("p", {}, text));
  if (model.get("focus")) {
    // The view is attached to the page a moment after render; focus once it is.
    let tries = 0;
    const focus = () => {
      if (heading.isConnected) { heading.focus({ preventScroll: false }); return; }
      if (++tries < 100) setTimeout(focus, 30);
    };
    setTimeout(focus, 0);
  }
}
export default { render };
