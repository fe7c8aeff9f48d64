// Which sites the map shows, as the server's run says (gba_dash/ui/browser/map_sites.py):
// records the run's site ids in the page, where a map layer drawn later reads them, and
// shows exactly those in the layers already drawn. A Streamlit components v2 module.
// Its data: {ids, refit, names} (names: gba_dash/map/contract.py).
export default function ({ data }) {
  window[data.names.serverShown] = data.ids;
  try {
    const frame = document.querySelector(data.names.mapFrame);
    const map = frame && frame.contentWindow;
    if (map && map[data.names.setShown]) map[data.names.setShown](data.ids, { refit: data.refit });
  } catch (e) {
    // a map frame the page cannot reach draws what its layers were built with
  }
}
