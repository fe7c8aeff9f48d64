// Presenter keys everywhere (gba_dash/ui/browser/presenter_keys.py): the keys a
// presentation clicker sends move between scenes whether focus is in the page, in the map's
// frame, or in the map's full screen (the frame's own document then has the keys). Esc is
// left alone, so it still leaves full screen first. A Streamlit components v2 module; its
// data: {scene, scenes, names}; it fires the trigger "go" with the scene to show.

// The scene a key asks for, or null: pure, for tests/test_map_js.py.
export function target(key, shift, scene, scenes) {
  let next = null;
  if (key === "ArrowRight" || key === "PageDown" || (key === " " && !shift)) next = scene + 1;
  else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && shift)) next = scene - 1;
  else if (key === "Home") next = 1;
  else if (key === "End") next = scenes;
  if (next === null) return null;
  next = Math.max(1, Math.min(scenes, next));
  return next === scene ? null : next;
}

// Keys a control of its own uses: typing in a field, Space on a button, arrows in a list.
function ownsKeys(el) {
  if (!el || !el.closest) return false;
  return !!el.closest('input, textarea, select, button, [contenteditable="true"], [role="listbox"], [role="slider"]');
}

export default function ({ data, setTriggerValue }) {
  const state = (window.__gbaPresenterKeys = window.__gbaPresenterKeys || { docs: new WeakSet() });
  state.data = data;
  state.fire = setTriggerValue;
  const onKey = (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target)) return;
    const d = state.data;
    const next = target(e.key, e.shiftKey, d.scene, d.scenes);
    if (next === null) return;
    // The map would pan on an arrow key and the page scroll on PageDown or Space: the
    // presenter asked for a scene instead.
    e.preventDefault();
    e.stopPropagation();
    if (state.pending === next) return;
    state.pending = next;
    send(next);
  };
  // A trigger sent while a run is in progress can be lost (Streamlit 1.67 ignores events of
  // a replaced ScriptRunner; gba_dash/ui/browser/first_view.js waits the same way): send it
  // once the page has the end of that run.
  const running = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.dataset.testScriptState === "running";
  };
  // Asking for a scene twice is harmless (the same scene): if the page has not moved to it
  // within 1.5 s, the request is taken as lost and sent again, up to three times.
  const send = (next, tries = 3) => {
    if (running()) {
      window.setTimeout(() => send(next, tries), 50);
      return;
    }
    state.fire("go", next);
    window.setTimeout(() => {
      if (state.data.scene === next || state.pending !== next) return;
      if (tries > 1) send(next, tries - 1);
      else state.pending = null; // given up: the next key press asks afresh
    }, 1500);
  };
  const listen = (doc) => {
    if (doc && !state.docs.has(doc)) {
      state.docs.add(doc);
      doc.addEventListener("keydown", onKey, true);
    }
  };
  listen(document);
  // The map's frame is replaced now and then (a language change draws a new map): keep
  // listening in whichever document it holds.
  const watch = () => {
    try {
      const frame = document.querySelector(state.data.names.mapFrame);
      listen(frame && frame.contentDocument);
    } catch (e) {
      // a frame the page cannot reach keeps its keys
    }
  };
  watch();
  if (!state.timer) state.timer = window.setInterval(watch, 500);
  if (state.pending === data.scene) state.pending = null;
}
