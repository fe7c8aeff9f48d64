// The first view's watcher (gba_dash/ui/browser/first_view.py says why): polls the map's
// frame, which the same server serves, for its Leaflet map and first site symbol, then
// fires one trigger. A Streamlit components v2 module; runs in the page (not sandboxed).
// Its data: {symbols, wait_ms, text, link, names} (names: gba_dash/map/contract.py).
export default function ({ data, parentElement, setTriggerValue }) {
  const note = parentElement.querySelector(".gba-wait");
  if (note) note.textContent = data.text;  // textContent: never parsed as HTML
  // Streamlit drops a query string of more than 1,000 fields (or 512 Ki characters) whole and
  // silently: when the server received none, the page tells it what the address bar holds.
  if (data.link) {
    const search = window.location.search.replace(/^[?]/, "");
    const fields = search ? search.split("&").length : 0;
    if (fields > data.link.max_fields || search.length > data.link.max_chars) {
      setTriggerValue("dropped", { fields, chars: search.length });
    }
  }
  const started = performance.now();
  let done = false;
  let timer = null;
  const fire = () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    setTriggerValue("drawn", true);
  };
  // Streamlit (1.67) ignores the events of a replaced ScriptRunner, and a rerun request that
  // reaches the server just as a run has ended starts a new one: what that run had not yet
  // sent can be lost (a click lost once in CI looked like this). So the trigger waits until
  // the page has received the end of the run in progress.
  const idle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !app || app.dataset.testScriptState !== "running";
  };
  const check = () => {
    if (!idle()) return;
    let doc = null;
    try {
      const frame = document.querySelector(data.names.mapFrame);
      doc = frame && frame.contentDocument;
    } catch (e) {
      fire();  // a frame we cannot read: do not keep the panels waiting
      return;
    }
    const map = doc && doc.querySelector(".leaflet-container");
    if (map && (!data.symbols || doc.querySelector(".gba-symbol"))) {
      // once it is painted, and if no run started meanwhile
      requestAnimationFrame(() => requestAnimationFrame(() => { if (idle()) fire(); }));
    } else if (performance.now() - started > data.wait_ms) {
      fire();
    }
  };
  timer = setInterval(check, 50);
  check();
  return () => clearInterval(timer);
}
