// Shared by every Praxis Lab widget: prepended to each widget's module (widgets.py).
const FOCUSABLE = new Set(["input", "button", "select", "textarea"]);
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  // Anything that can take focus carries the marker itself (see guardKeys).
  if (FOCUSABLE.has(tag) || "tabindex" in attrs) node.setAttribute("data-lm-suppress-shortcuts", "true");
  return node;
}

// Keep JupyterLab's shortcuts away from our controls. `data-lm-suppress-shortcuts` is
// Lumino's supported marker: its command registry walks up from the focused element and
// stops at a marked one. The notebook's command-mode selectors end in ":focus", which the
// focused control itself matches, so the marker must be on the control (el() adds it)
// as well as on the widget's root; then no command-mode key (a, b, d d, x, s...) fires
// while focus is anywhere inside a widget. The notebook's own arrow and Enter handling is held off too,
// so radio groups, sliders and buttons work from the keyboard.
const CONTROL_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
  " ", "Enter", "PageUp", "PageDown"]);
function guardKeys(root) {
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  root.addEventListener("keydown", (event) => {
    const tag = event.target && event.target.tagName;
    if (["INPUT", "BUTTON", "SELECT", "TEXTAREA"].includes(tag) && CONTROL_KEYS.has(event.key)
        && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.stopPropagation();
    }
  });
}
