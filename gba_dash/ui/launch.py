"""``python -m gba_dash.ui.launch run app.py …``: Streamlit's own command line, with the
reconnect fix (``reconnect.py``) installed before the server takes its first session.

``streamlit run`` installs it only when a session first runs the page, so a freshly
started process (a restarted server, a new replica) would drop the first action of a
browser that reconnects to it. ``gba-dash serve`` and ``deploy/run.sh`` start through here.
"""

from __future__ import annotations

import sys

from .runtime import reconnect


def main() -> None:
    reconnect.install()
    from streamlit.web.cli import main as streamlit_main

    sys.argv[0] = "streamlit"
    streamlit_main()


if __name__ == "__main__":
    main()
