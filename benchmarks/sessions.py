"""Browser-less dashboard sessions: Streamlit's own websocket protocol, for load and stress runs.

A session connects to ``/_stcore/stream`` (subprotocol ``streamlit``), asks for a page with a
query string (``BackMsg.rerun_script``) and reads ``ForwardMsg``s until the script has finished,
recording how long that took, which texts it drew and whether it drew an exception. Filter
changes send every widget state again, as the browser does. Nothing is rendered: this measures
the server, not Chromium. The protocol is Streamlit's internal one, so this module follows the
Streamlit version pinned in ``pyproject.toml``; ``tests/server`` exercises it.

Only for servers on this machine (loopback): every call is bounded in time.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

FINISHED: Final = ForwardMsg.ScriptFinishedStatus
MESSAGE_TIMEOUT_S: Final = 120.0
MAX_MESSAGE: Final = 2**27


@dataclass
class Run:
    """One script run as the session saw it."""

    seconds: float = 0.0
    status: int = -1
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    traces: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == FINISHED.FINISHED_SUCCESSFULLY and not self.exceptions


@dataclass
class Session:
    """A dashboard session over one websocket, with the widgets it has seen (by key)."""

    base_url: str
    page: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # sent with the websocket's request
    page_hash: str = ""
    widgets: dict[str, str] = field(default_factory=dict)  # widget key -> widget id
    options: dict[str, list[str]] = field(default_factory=dict)  # widget key -> its options
    states: dict[str, WidgetState] = field(default_factory=dict)  # widget id -> state

    @property
    def stream_url(self) -> str:
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def _rerun(self, query: str) -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = query
        state.page_script_hash = self.page_hash
        if not self.page_hash:
            state.page_name = self.page
        state.widget_states.widgets.extend(self.states.values())
        data: bytes = message.SerializeToString()
        return data

    def _seen(self, message: ForwardMsg, run: Run) -> bool:
        """Note what ``message`` says; True when the run has finished."""
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = message.new_session.page_script_hash
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            name = element.WhichOneof("type")
            if name == "exception":
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
                run.traces.append("\n".join(element.exception.stack_trace))
            elif name == "markdown":
                run.texts.append(element.markdown.body)
            elif name is not None:
                widget = getattr(element, name)
                widget_id = getattr(widget, "id", "")
                if isinstance(widget_id, str) and "-" in widget_id:
                    key = widget_id.rsplit("-", 1)[-1]
                    self.widgets[key] = widget_id
                    if name in ("multiselect", "selectbox", "radio"):
                        self.options[key] = list(widget.options)
        elif kind == "script_finished":
            run.status = message.script_finished
            return message.script_finished != FINISHED.FINISHED_EARLY_FOR_RERUN
        return False

    async def run(self, ws: ClientConnection, query: str = "") -> Run:
        """Ask for a rerun and read until the script has finished."""
        run = Run()
        start = time.perf_counter()
        await ws.send(self._rerun(query))
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout=MESSAGE_TIMEOUT_S)
            message = ForwardMsg()
            message.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            if self._seen(message, run):
                run.seconds = time.perf_counter() - start
                return run

    def choose(self, key: str, values: list[str]) -> None:
        """Set the multiselect with widget key ``key`` to ``values`` for the next rerun."""
        widget_id = self.widgets[key]
        state = WidgetState(id=widget_id)
        state.string_array_value.data.extend(values)
        self.states[widget_id] = state


def open_stream(session: Session) -> connect:
    """The websocket of ``session`` (use ``async with``), as a browser opens it: subprotocol
    ``streamlit``, the page's origin and ``session.headers`` (a cookie, for example)."""
    return connect(
        session.stream_url,
        subprotocols=["streamlit"],  # type: ignore[list-item]
        origin=session.origin,  # type: ignore[arg-type]
        additional_headers=session.headers or None,
        max_size=MAX_MESSAGE,
        open_timeout=30,
        ping_interval=None,
    )


async def first_run(
    base_url: str, page: str, query: str = "", headers: dict[str, str] | None = None
) -> Run:
    """Open a session on ``page`` (its URL path; "" for the home page) and draw it once."""
    session = Session(base_url, page, headers=dict(headers or {}))
    async with open_stream(session) as ws:
        return await session.run(ws, query)


async def open_at_once(
    base_url: str, pages: list[str], query: str = ""
) -> list[Run | BaseException]:
    """A session per entry of ``pages``, all opened at the same moment."""
    runs = await asyncio.gather(
        *(first_run(base_url, page, query) for page in pages), return_exceptions=True
    )
    return list(runs)
