// Reflection box: a labelled text area that sends the learner's text to the kernel a
// moment after they stop typing (and at least every two seconds while they type), where
// it is saved to the journal. The save status is a polite live region.
//
// Saving that stops is never hidden: every text sent carries a number (`seq`) and the
// kernel answers with `ack` once it has saved it. No answer within `ack_timeout_ms`
// means the kernel or the connection is gone: the status says so, and the text stays in
// this page (localStorage, keyed by notebook and prompt, never sent anywhere else) until
// a kernel has saved it. Re-running the cell puts it back. Leaving the box, hiding the
// tab or closing it sends pending text at once.
function words(text) { const t = text.trim(); return t ? t.split(/\s+/).length : 0; }

const NOT_SAVED = "Not saved: the notebook's kernel stopped. Your text is safe in this page; "
  + "re-run this cell to reconnect.";
const PENDING = "praxislab:unsaved:";
function readPending(key) {
  try { return JSON.parse(window.localStorage.getItem(PENDING + key) || "null"); }
  catch (e) { return null; }
}
function writePending(key, value) {
  try { window.localStorage.setItem(PENDING + key, JSON.stringify(value)); } catch (e) { /* full */ }
}
function dropPending(key) {
  try { window.localStorage.removeItem(PENDING + key); } catch (e) { /* unavailable */ }
}

function render({ model, el: root }) {
  guardKeys(root);
  const uid = "praxis-" + Math.random().toString(36).slice(2, 10);
  const key = model.get("key");
  root.classList.add("praxis", "praxis-reflection");
  const label = el("label", { for: uid + "-text", class: "praxis-prompt" }, model.get("prompt"));
  const hint = el("p", { id: uid + "-hint", class: "praxis-hint" }, model.get("hint"));
  const box = el("textarea", {
    id: uid + "-text", rows: String(model.get("rows")),
    "aria-describedby": uid + "-hint " + uid + "-status", spellcheck: "true",
  });
  box.value = model.get("value");
  box.readOnly = model.get("locked");
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

  // Another view changed this answer: both versions are kept; the learner chooses.
  const notice = el("div", { class: "praxis-note praxis-conflict", role: "alert" });
  const noticeText = el("p");
  const useOther = el("button", { type: "button" }, "Use the other version");
  const keepMine = el("button", { type: "button" }, "Keep mine");
  notice.append(noticeText, useOther, keepMine);

  // Text this page kept while saving had stopped, offered back when it cannot simply be
  // put back (the journal changed since).
  const offer = el("div", { class: "praxis-note praxis-offer", role: "alert" });
  const offerText = el("p");
  const putBackButton = el("button", { type: "button" }, "Put that text back in the box");
  const discard = el("button", { type: "button" }, "Discard it");
  offer.append(offerText, putBackButton, discard);

  // Earlier versions, from the keyboard: a disclosure button, then a list with a
  // Restore button per version (its name says which).
  const toggle = el("button", { type: "button", "aria-expanded": "false",
    "aria-controls": uid + "-versions", class: "praxis-versions-toggle" }, "Earlier versions");
  const panel = el("div", { id: uid + "-versions", class: "praxis-panel praxis-versions",
    role: "region", "aria-label": "Earlier versions of this answer" });
  panel.hidden = true;
  const list = el("ul");
  const empty = el("p", { class: "praxis-hint" }, "Loading earlier versions…");
  panel.append(empty, list);

  root.append(label, hint, box, foot, notice, offer, toggle, panel);

  const say = (text) => {
    status.textContent = text;
    const said = spokenText(text);
    if (live.textContent !== said) live.textContent = said;
  };
  const showNotice = () => {
    noticeText.textContent = model.get("notice");
    notice.hidden = !model.get("notice");
    useOther.hidden = !model.get("other_id");
  };
  showNotice();
  offer.hidden = true;

  const RESTORED_NOTE = "Restored the text you typed while saving had stopped (this page "
    + "kept it). ";
  let timer = null, firstPending = null, waiting = null, stopped = false, putBack = false;
  let restoredNote = "";
  let seq = model.get("seq"), sentText = model.get("value");
  const remember = () => writePending(key, { text: box.value, version: model.get("version"),
    at: Date.now() });
  const noReply = () => {
    waiting = null;
    if (model.get("ack") < seq) { stopped = true; say(NOT_SAVED); }
  };
  const push = () => {
    clearTimeout(timer); timer = null; firstPending = null;
    if (model.get("locked")) return;
    if (box.value.length > model.get("max_chars")) {
      say(`Not saved: this answer is ${box.value.length.toLocaleString()} characters long, `
        + "far over the limit of 50,000 (about 8,000 words). Your text is still in the box; "
        + "shorten it, or keep the long version in a document of your own.");
      return;
    }
    if (box.value === sentText && !stopped) return;
    seq = Math.max(seq, model.get("seq")) + 1;
    sentText = box.value;
    try {
      model.set("value", box.value); model.set("seq", seq); model.save_changes();
    } catch (e) { stopped = true; say(NOT_SAVED); return; }
    if (!waiting) waiting = setTimeout(noReply, model.get("ack_timeout_ms"));
  };
  box.addEventListener("input", () => {
    restoredNote = "";
    count.textContent = words(box.value) + " words";
    remember();
    const now = Date.now();
    if (firstPending === null) firstPending = now;
    clearTimeout(timer);
    timer = now - firstPending > 2000 ? (push(), null) : setTimeout(push, model.get("delay_ms"));
  });
  box.addEventListener("blur", push);
  const flush = () => { if (timer || box.value !== sentText) push(); };
  const onHide = () => { if (document.visibilityState === "hidden") flush(); };
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", flush);
  document.addEventListener("visibilitychange", onHide);

  model.on("change:ack", () => {
    if (model.get("ack") < seq) return;
    clearTimeout(waiting); waiting = null;
    stopped = false;
    // The note that text was put back stays beside the status (whichever of ack and status
    // arrives first) until the learner types again, so it cannot flash past unseen.
    if (putBack && model.get("status").startsWith("Saved")) restoredNote = RESTORED_NOTE;
    say(restoredNote + model.get("status"));
    putBack = false;
    if (box.value === sentText && model.get("status").startsWith("Saved")) dropPending(key);
  });
  model.on("change:status", () => { if (!stopped) say(restoredNote + model.get("status")); });
  model.on("change:value", () => {
    // The kernel may restore or clean the text; never clobber what is being typed.
    if (document.activeElement !== box && box.value !== model.get("value")) {
      box.value = model.get("value"); count.textContent = words(box.value) + " words";
      sentText = box.value; dropPending(key);
    }
  });
  model.on("change:locked", () => { box.readOnly = model.get("locked"); });
  model.on("change:notice", showNotice);
  model.on("change:other_id", showNotice);
  model.on("change:prompt", () => { label.textContent = model.get("prompt"); });

  useOther.addEventListener("click", () => {
    model.send({ event: "restore", id: model.get("other_id") });
  });
  keepMine.addEventListener("click", () => { model.send({ event: "dismiss" }); box.focus(); });

  const drawVersions = () => {
    const found = model.get("revisions");
    list.replaceChildren();
    empty.textContent = found.length ? `${found.length} earlier versions, newest first.`
      : "No earlier versions of this answer yet.";
    for (const r of found) {
      const item = el("li");
      const what = el("p", {}, r.label);
      const preview = el("p", { class: "praxis-hint" }, r.preview || "(empty)");
      const restore = el("button", { type: "button", "aria-label": `Restore: ${r.label}` },
        "Restore this version");
      restore.addEventListener("click", () => model.send({ event: "restore", id: r.id }));
      item.append(what, preview, restore);
      list.append(item);
    }
  };
  model.on("change:revisions", drawVersions);
  toggle.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) { empty.textContent = "Loading earlier versions…"; model.send({ event: "revisions" }); }
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      panel.hidden = true; toggle.setAttribute("aria-expanded", "false"); toggle.focus();
    }
  });

  // Text typed while saving had stopped, kept by this page: put it back and save it when
  // the journal has not changed since; otherwise offer it, so nothing is replaced unasked.
  const kept = readPending(key);
  if (kept && typeof kept.text === "string" && kept.text !== model.get("value")
      && !model.get("locked")) {
    if (kept.version === model.get("version")) {
      box.value = kept.text; count.textContent = words(box.value) + " words";
      putBack = true;
      push();
      say("Restored the text you typed while saving had stopped; saving it now.");
    } else {
      offerText.textContent = `This page kept ${words(kept.text)} words you typed `
        + `at ${new Date(kept.at).toLocaleTimeString()} that were never saved, and your `
        + "saved answer has changed since. Put that text back (the saved answer is kept "
        + "under Earlier versions), or discard it?";
      offer.hidden = false;
      putBackButton.addEventListener("click", () => {
        box.value = kept.text; count.textContent = words(box.value) + " words";
        offer.hidden = true; push(); box.focus();
      });
      discard.addEventListener("click", () => { dropPending(key); offer.hidden = true; box.focus(); });
    }
  }

  return () => {
    if (timer || box.value !== sentText) push();
    window.removeEventListener("pagehide", flush);
    window.removeEventListener("beforeunload", flush);
    document.removeEventListener("visibilitychange", onHide);
  };
}
export default { render };
