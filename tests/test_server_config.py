"""The server settings the measurements in bench/README.md depend on."""

from __future__ import annotations

import tomllib

from .devserver import ROOT


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_no_full_garbage_collection_after_every_run():
    # Streamlit's default gc.collect(2) after each script run was half of a rerun's server
    # CPU (py-spy, bench/README.md "Capacity"); one process serves ~100 viewers without it.
    assert _config()["runner"]["postScriptGC"] is False


def test_leaflet_is_served_by_the_app_and_messages_are_compressed():
    server = _config()["server"]
    assert server["enableStaticServing"] is True and server["enableWebsocketCompression"] is True
