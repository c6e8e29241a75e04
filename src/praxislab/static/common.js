// Shared by every Praxis Lab widget: prepended to each widget's module (widgets.py).
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

