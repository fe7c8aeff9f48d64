// The page applies a filter change to the map itself, before the server's run
// (gba_dash/predict.py says why). Runs in the page: a Streamlit components v2 module.
// The pure functions are exported for tests/test_predict.py, which runs them under Node
// against filters.apply_filters.

// The FilterState fields that are ranges, as filters.apply_filters applies them (the rule mirrored here).
const RANGES = ["area_km2", "investment_cny_bn", "years"];

// The search needle as Python's str.casefold() would fold it, or null where JavaScript
// cannot promise the same: only ASCII and characters without case are folded here, and any
// whitespace but the plain space (Python's strip() and JavaScript's trim() differ on some).
export function fold(q) {
  for (const ch of q) {
    const code = ch.codePointAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return null;
    if (code > 0x7e && (/\s/u.test(ch) || ch.toLowerCase() !== ch || ch.toUpperCase() !== ch)) return null;
  }
  return q.toLowerCase();
}

// The ids of the records a state lets through, in the records' order (filters.apply_filters),
// or null when the state cannot be applied here.
export function matches(records, state) {
  // Checked before trimming: the two languages' trims differ on characters fold() refuses.
  if (fold(state.q) === null) return null;
  const needle = fold(state.q.trim());
  const out = [];
  for (const r of records) {
    if (state.categories.length && !state.categories.includes(r.category)) continue;
    if (state.cities.length && !state.cities.includes(r.city)) continue;
    if (state.focus.length && !r.focus.some((f) => state.focus.includes(f))) continue;
    if (needle && !r.hay.includes(needle)) continue;
    if (state.changed && !r.changed) continue;
    let inside = true;
    for (const name of RANGES) {
      const range = state[name];
      if (!range) continue;
      const values = name === "years" ? r.years : r[name] === null ? [] : [r[name]];
      const hit = values.some((v) => range[0] <= v && v <= range[1]);
      if (!(hit || (values.length === 0 && state.keep))) inside = false;
    }
    if (inside) out.push(r.id);
  }
  return out;
}

// The filter widgets' values as the page shows them (widgets found by their keys' classes),
// or null if one is missing or shows something the vocabulary does not know.
export function readState(root, vocab, q) {
  const box = (key) => root.querySelector(".st-key-" + key);
  const multi = (key) => {
    const el = box(key);
    if (!el) return null;
    const values = [];
    for (const tag of el.querySelectorAll("[data-tag]")) {
      const value = vocab.labels[key][tag.getAttribute("aria-label")];
      if (value === undefined || value === null) return null;
      values.push(value);
    }
    return values;
  };
  const range = (key) => {
    const el = box(key);
    const inputs = el ? el.querySelectorAll('input[type="range"]') : [];
    if (inputs.length !== 2) return undefined;
    const value = [Number(inputs[0].value), Number(inputs[1].value)];
    if (!value.every(Number.isFinite)) return undefined;
    const limits = vocab.bounds[key];
    return value[0] === limits[0] && value[1] === limits[1] ? null : value;
  };
  const checked = (key) => {
    const input = box(key) && box(key).querySelector('input[type="checkbox"]');
    return input ? input.checked : null;
  };
  const categories = multi("f_category");
  const cities = multi("f_city");
  const focus = multi("f_focus");
  const keep = checked("f_keep");
  const changed = vocab.changed ? checked("f_changed") : false;
  if (!categories || !cities || !focus || keep === null || changed === null || typeof q !== "string") return null;
  const state = { categories, cities, focus, q, keep, changed };
  // Each range field's slider, from the table of view parameters (gba_dash/params.py).
  for (const [name, widget] of Object.entries(vocab.ranges)) {
    const value = range(widget);
    if (value === undefined) return null;
    state[name] = value;
  }
  return state;
}

export default function ({ data, parentElement }) {
  // Streamlit calls this again whenever the data changes (a new language, another "Data as
  // of"), without the cleanup, which it keeps for the unmount: one watcher per element,
  // given the new data.
  const mounted = parentElement.__gbaPredict;
  if (mounted) {
    mounted.data = data;
    mounted.last = null;
    mounted.update();
    return mounted.cleanup;
  }
  const self = { data: data, last: null }; // last: the state last acted on, as JSON
  parentElement.__gbaPredict = self;
  const doc = parentElement.ownerDocument || document;
  const win = doc.defaultView || window;
  win.gbaPredictWatchers = (win.gbaPredictWatchers || 0) + 1; // for the tests: one per page
  let committed = null; // the search text as Streamlit last took it (Enter or leaving the box)
  const searchBox = () => doc.querySelector(".st-key-f_q input");
  const search = () => {
    const input = searchBox();
    if (!input) return null;
    return doc.activeElement === input && committed !== null ? committed : input.value;
  };
  const update = () => {
    const state = readState(doc, self.data.vocab, search());
    if (!state) return;
    const key = JSON.stringify(state);
    if (key === self.last) return;
    self.last = key;
    const ids = matches(self.data.records, state);
    if (!ids) return;
    try {
      const names = self.data.names;
      const frame = doc.querySelector(names.mapFrame);
      const map = frame && frame.contentWindow;
      if (map && map[names.setShown]) {
        const drawn = map[names.setShown](ids);
        win.gbaPredicted = { ids: ids, drawn: drawn, state: state, at: win.performance.now() };
      }
    } catch (e) {
      // a frame the page cannot reach: the server's run draws the map as before
    }
  };
  const onKey = (e) => {
    if (e.key === "Enter" && e.target === searchBox()) {
      committed = e.target.value;
      update();
    }
  };
  const onFocusIn = (e) => {
    if (e.target === searchBox()) committed = e.target.value;
  };
  const onFocusOut = (e) => {
    if (e.target === searchBox()) {
      committed = null;
      update();
    }
  };
  // Streamlit's widgets change their DOM as the reader uses them (a chip added, a slider's
  // value attribute, a checkbox's data-selected); the observer sees each, read at once.
  const observer = new MutationObserver(update);
  let watched = null;
  const watch = () => {
    const target = doc.querySelector('[data-testid="stSidebar"]');
    if (target && target !== watched) {
      observer.disconnect();
      observer.observe(target, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["value", "data-selected", "aria-label"],
      });
      watched = target;
      update();
    }
  };
  watch();
  const timer = win.setInterval(watch, 500); // the sidebar can be drawn after this mounts
  doc.addEventListener("keydown", onKey, true);
  doc.addEventListener("focusin", onFocusIn, true);
  doc.addEventListener("focusout", onFocusOut, true);
  doc.addEventListener("input", update, true);
  self.update = update;
  self.cleanup = () => {
    delete parentElement.__gbaPredict;
    win.gbaPredictWatchers -= 1;
    observer.disconnect();
    win.clearInterval(timer);
    doc.removeEventListener("keydown", onKey, true);
    doc.removeEventListener("focusin", onFocusIn, true);
    doc.removeEventListener("focusout", onFocusOut, true);
    doc.removeEventListener("input", update, true);
  };
  return self.cleanup;
}
