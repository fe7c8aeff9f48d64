"""A viewer without a browser: Streamlit's own websocket protocol, for capacity measurements.

A ``Viewer`` opens the page's websocket (``/_stcore/stream``), asks for a run with a query
string (a share link), reads the ForwardMsg stream until the script has finished, and
keeps what a browser would keep to act on the page: each widget's id by its key, the
fragment each widget belongs to, the widgets' current states, and the read-back sentence.
A first view (``gba_dash/ui/first_view.py``) is completed as the page's watcher completes
it once the map has drawn: by its trigger, so the sidebar's controls and the panels follow.
``type_text``/``choose`` then send the rerun a browser sends when a reader types into the
search box or picks in a select box (the widget's new state, every other widget's state,
and the fragment id when the widget lives in one). Blocking, one websocket per viewer; the
capacity generator runs many of them (issue #12).

This speaks Streamlit's protocol (``streamlit.proto``) as of 1.67; it is a test client,
not a browser: it neither renders nor runs components.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX
from websockets.sync.client import connect

from gba_dash.ui.browser import first_view  # the page's first-view watcher, whose trigger a viewer fires

# What a virtual viewer does (capacity.py, slowviewers.py): the share links it opens, the
# filter values it picks and the words it searches for.
LINKS = ("", "?city=Dongguan", "?category=checkpoint&site=shenzhen-bay-port", "?lang=zh", "?city=Shenzhen")
CATEGORIES = ("science_city", "facility", "checkpoint", "context")
CITIES = ("Shenzhen", "Dongguan", "Guangzhou", "Hong Kong", "Zhuhai")
WORDS = ("lab", "port", "science", "", "park")

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
READBACK = re.compile(r'<p id="readback"[^>]*>(.*?)</p>', re.S)


@dataclass
class Run:
    """What one script run sent: its duration, messages and bytes."""

    seconds: float
    messages: int
    bytes: int
    finished: bool


@dataclass
class Viewer:
    """One virtual viewer's session on a running server."""

    url: str  # http://host:port
    timeout: float = 60.0
    widget_ids: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    fragment_of: dict[str, str] = field(default_factory=dict)  # widget id -> fragment id
    options: dict[str, list[str]] = field(default_factory=dict)  # widget id -> options
    states: dict[str, WidgetState] = field(default_factory=dict)  # widget id -> last state sent
    readback: str = ""
    query: str = ""
    session_id: str = ""
    first_view: str = ""  # the first-view watcher's id while the page waits for it

    def __post_init__(self) -> None:
        ws_url = self.url.replace("http://", "ws://").replace("https://", "wss://") + "/_stcore/stream"
        self._connection = connect(ws_url, max_size=None, open_timeout=self.timeout, subprotocols=["streamlit"])
        self._ws = self._connection.__enter__()

    def close(self) -> None:
        self._connection.__exit__(None, None, None)

    # ---- what a browser does -------------------------------------------------------------

    def open(self, query: str = "") -> Run:
        """Open the page as a share link (``query`` like ``?city=Dongguan``) and wait for it,
        with what follows its first view (the run, its bytes and messages, as one)."""
        self.query = query.lstrip("?")
        run = self._rerun(fragment_id="")
        if not (run.finished and self.first_view):
            return run
        # What the page's watcher does once the map has drawn: fire its one-shot trigger.
        # Streamlit's id for a v2 component's events (bidi_component.main._make_trigger_id).
        trigger = WidgetState(id=f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{self.first_view}{EVENT_DELIM}events")
        trigger.json_trigger_value = json.dumps([{"event": "drawn", "value": True}])
        self.first_view = ""
        t0 = time.monotonic() - run.seconds
        self._ws.send(self._rerun_message("", extra=(trigger,)))
        rest = self._until_finished(t0)
        return Run(rest.seconds, run.messages + rest.messages, run.bytes + rest.bytes, rest.finished)

    def type_text(self, key: str, text: str) -> Run:
        """Type into a text input (by its key) and press Enter."""
        wid = self.widget_ids[key]
        state = WidgetState(id=wid, string_value=text)
        self.states[wid] = state
        return self._rerun(fragment_id=self.fragment_of.get(wid, ""))

    def choose(self, key: str, values: list[str]) -> Run:
        """Pick these options in a multiselect (by its key)."""
        wid = self.widget_ids[key]
        state = WidgetState(id=wid)
        state.string_array_value.data.extend(values)
        self.states[wid] = state
        return self._rerun(fragment_id=self.fragment_of.get(wid, ""))

    def send_only(self, key: str, text: str) -> None:
        """Type into a text input and send the rerun without reading the answer (a slow client)."""
        wid = self.widget_ids[key]
        self.states[wid] = WidgetState(id=wid, string_value=text)
        self._ws.send(self._rerun_message(self.fragment_of.get(wid, "")))

    # ---- the protocol -------------------------------------------------------------------

    def _rerun_message(self, fragment_id: str, extra: tuple[WidgetState, ...] = ()) -> bytes:
        """The rerun request a browser sends: the link, every widget's state (and ``extra``,
        a trigger sent once), the fragment."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = ""
        if fragment_id:
            msg.rerun_script.fragment_id = fragment_id
        msg.rerun_script.widget_states.widgets.extend([*self.states.values(), *extra])
        return msg.SerializeToString()

    def _rerun(self, *, fragment_id: str) -> Run:
        message = self._rerun_message(fragment_id)
        t0 = time.monotonic()
        self._ws.send(message)
        return self._until_finished(t0)

    def _until_finished(self, t0: float) -> Run:
        count = size = 0
        deadline = t0 + self.timeout
        while time.monotonic() < deadline:
            raw = self._ws.recv(timeout=max(0.1, deadline - time.monotonic()))
            if isinstance(raw, str):
                continue
            count += 1
            size += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id
            elif kind == "delta":
                self._read_delta(fwd.delta)
            elif kind == "script_finished":
                # A run or fragment run that finished ends the wait; one ended early for a
                # rerun (st.rerun, or a newer request) is followed by another.
                if fwd.script_finished in DONE:
                    return Run(time.monotonic() - t0, count, size, True)
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return Run(time.monotonic() - t0, count, size, False)
        return Run(time.monotonic() - t0, count, size, False)

    def _read_delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "markdown":
            hit = READBACK.search(element.markdown.body)
            if hit:
                self.readback = _unescape(hit.group(1))
            return
        widget = getattr(element, kind, None)
        wid = getattr(widget, "id", "") if widget is not None else ""
        if kind == "bidi_component" and wid.endswith("-" + first_view.KEY):
            self.first_view = wid
            return
        if not wid.startswith("$$ID-"):
            return
        key = wid.split("-", 2)[2]
        self.widget_ids[key] = wid
        if delta.fragment_id:
            self.fragment_of[wid] = delta.fragment_id


def _unescape(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()
