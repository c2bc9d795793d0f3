"""A browser tab without a browser: one Streamlit session driven over the app's own websocket protocol.

What a browser does, in the same order: GET the page (which sets the XSRF cookie), the health and
host-config requests, then a websocket to /_stcore/stream with the subprotocols
["streamlit", <xsrf token>, <session id on reconnect>]. Every script run is asked for with a
BackMsg.rerun_script carrying the query string, the page (name on first load, script hash after),
and the widget states; the server answers with ForwardMsgs (new_session, deltas,
page_info_changed, auto_rerun, script_finished, ...). Widgets are found by their labels in the
deltas; their ids come from the elements themselves, as the frontend takes them. Images are
fetched over HTTP from the /media/ URLs in the deltas, once per URL (a browser's cache). Large
element messages are kept and their hashes sent with each rerun, so the server answers with a
short reference instead, as it does for the frontend's message cache.

Used by benchmarks/class_load.py and tests/test_bad_traffic.py. Needs `websockets` (requirements-dev.txt).
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

MEDIA_URL = re.compile(rb"/media/[0-9A-Za-z_.-]+\.(?:jpg|jpeg|png|webp|gif|svg)")
WIDGETS = {"button", "radio", "checkbox", "slider", "text_input", "button_group", "toggle", "selectbox",
           "number_input", "text_area", "multiselect", "date_input", "time_input", "download_button"}
MESSAGE_CACHE_SIZE = 200  # large element messages kept per tab (the frontend ages its cache out too)
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class ProtocolError(RuntimeError):
    """The app did not answer as a browser would expect (no such widget, page not found, timeout)."""


@dataclass
class Widget:
    kind: str  # the element's oneof name: button, radio, checkbox, slider, text_input, ...
    proto: object

    @property
    def id(self) -> str:
        return self.proto.id

    @property
    def label(self) -> str:
        return self.proto.label

    @property
    def form_id(self) -> str:
        return getattr(self.proto, "form_id", "")


@dataclass
class Screen:
    """What one completed script run put on the page."""
    widgets: list[Widget] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # markdown, code, html bodies and titles, for scraping
    exception: str | None = None

    def find(self, kind: str, label: str | re.Pattern) -> Widget | None:
        for widget in self.widgets:
            if widget.kind == kind and (label.search(widget.label) if isinstance(label, re.Pattern)
                                        else widget.label == label):
                return widget
        return None

    def labels(self) -> list[str]:
        return [f"{w.kind}:{w.label}" for w in self.widgets]


async def http_get(host: str, port: int, path: str, cookie: str = "", timeout: float = 30) -> tuple[int, dict, bytes]:
    """A plain HTTP/1.1 GET on its own connection: (status, headers with lower-case names, body)."""
    async def fetch():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: telltale-class-load\r\n" \
                      f"Accept: */*\r\nConnection: close\r\n"
            if cookie:
                request += f"Cookie: {cookie}\r\n"
            writer.write((request + "\r\n").encode("latin-1"))
            raw = await reader.read(-1)
        finally:
            writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            key = name.strip().lower()
            headers[key] = f"{headers[key]}\n{value.strip()}" if key in headers else value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = _unchunk(body)
        return status, headers, body
    return await asyncio.wait_for(fetch(), timeout)


def _unchunk(data: bytes) -> bytes:
    out, rest = bytearray(), data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return bytes(out)


class BrowserTab:
    """One tab: connect, run pages, fill forms, click buttons; counts bytes and keeps timings."""

    def __init__(self, base_url: str, timeout: float = 60):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.base_path = parts.path.rstrip("/")
        self.timeout = timeout
        self.ws = None
        self.cookies: dict[str, str] = {}
        self.xsrf = ""
        self.query_string = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url path name -> page script hash, from new_session
        self.states: dict[str, WidgetState] = {}  # what the frontend holds and sends on every rerun
        self.screen = Screen()
        self._building = Screen()
        self.media_seen: set[bytes] = set()
        self.message_cache: dict[str, bytes] = {}  # hash -> large element message, oldest first
        self.bytes_received = 0  # websocket payloads (protobuf, before any compression) + HTTP bodies
        self.bytes_sent = 0
        self.media_bytes = 0
        self.served_by = ""
        self.media_errors = 0  # images the server did not give (a proxy sending the tab to another worker)
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (st.fragment run_every)
        self.page_not_found = False
        self._media_tasks: list[asyncio.Task] = []

    # --- connection ----------------------------------------------------------------------------

    async def open(self, page: str = "", query_string: str = "") -> float:
        """Load a page as a browser does; returns seconds until its first script run finished."""
        started = time.perf_counter()
        path = f"{self.base_path}/{page}" + (f"?{query_string}" if query_string else "")
        status, headers, _ = await self.get(path or "/")
        if status != 200:
            raise ProtocolError(f"GET {path or '/'} answered {status}")
        self.served_by = headers.get("x-telltale-worker", "")  # set by scripts/serve.py's HAProxy
        self.xsrf = self.cookies.get("_streamlit_xsrf", "")
        for probe in ("/_stcore/health", "/_stcore/host-config"):
            await self.get(self.base_path + probe)
        origin = f"http://{self.host}:{self.port}"
        headers = {"Origin": origin}
        if self.cookies:
            headers["Cookie"] = self.cookie_header
        self.ws = await asyncio.wait_for(connect(
            f"ws://{self.host}:{self.port}{self.base_path}/_stcore/stream",
            subprotocols=["streamlit", self.xsrf or "PLACEHOLDER_AUTH_TOKEN"],
            additional_headers=headers, max_size=None, open_timeout=self.timeout,
            ping_interval=None), self.timeout)
        self.query_string = query_string
        await self.rerun(page_name=page)
        if self.page_not_found:
            raise ProtocolError(f"the app has no page {page!r}")
        return time.perf_counter() - started

    def _keep_cookies(self, headers: dict) -> None:
        """A browser's cookie jar, for this one site: the XSRF cookie, a proxy's sticky-worker cookie."""
        for line in headers.get("set-cookie", "").split("\n"):
            name, _, rest = line.partition("=")
            if name.strip() and rest:
                self.cookies[name.strip()] = rest.split(";")[0]

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    async def get(self, path: str) -> tuple[int, dict, bytes]:
        """An HTTP GET of this tab, with its cookies; the body counts as received."""
        status, headers, body = await http_get(self.host, self.port, path, self.cookie_header, self.timeout)
        self._keep_cookies(headers)
        self.bytes_received += len(body)
        return status, headers, body

    async def close(self) -> None:
        for task in self._media_tasks:
            task.cancel()
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    # --- script runs ---------------------------------------------------------------------------

    async def rerun(self, triggers: dict[str, WidgetState] | None = None, page_name: str = "",
                    fragment_id: str = "", auto: bool = False) -> float:
        """Send one rerun_script and read until the run (and any st.rerun/switch_page it causes) is done.

        Returns the seconds from sending to the final script_finished.
        """
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query_string
        client.page_script_hash = "" if page_name else self.page_script_hash
        client.page_name = page_name
        if fragment_id:
            client.fragment_id = fragment_id
            client.is_auto_rerun = auto
        client.context_info.timezone = "UTC"
        client.context_info.timezone_offset = 0
        client.context_info.locale = "en-GB"
        client.context_info.url = f"http://{self.host}:{self.port}{self.base_path}/{page_name}"
        client.context_info.is_embedded = False
        states = dict(self.states)
        states.update(triggers or {})
        client.widget_states.widgets.extend(states.values())
        client.cached_message_hashes.extend(self.message_cache)  # as the frontend's message cache does
        data = message.SerializeToString()
        started = time.perf_counter()
        await self.ws.send(data)
        self.bytes_sent += len(data)
        await asyncio.wait_for(self._read_run(fragment=bool(fragment_id)), self.timeout)
        return time.perf_counter() - started

    async def _read_run(self, fragment: bool) -> None:
        while True:
            raw = await self.ws.recv()
            self.bytes_received += len(raw)
            message = ForwardMsg()
            message.ParseFromString(raw)
            if message.WhichOneof("type") == "ref_hash":  # a large element this tab already holds
                cached = self.message_cache.get(message.ref_hash)
                if cached is None:
                    raise ProtocolError(f"server referred to message {message.ref_hash}, never received")
                raw = cached
                message = ForwardMsg()
                message.ParseFromString(raw)
            elif message.metadata.cacheable and message.hash:
                self.message_cache[message.hash] = raw
                while len(self.message_cache) > MESSAGE_CACHE_SIZE:
                    self.message_cache.pop(next(iter(self.message_cache)))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self._new_session(message.new_session, fragment)
            elif kind == "delta":
                self._delta(message.delta, raw)
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "navigation":
                for page in message.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
                self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
            elif kind == "auto_rerun":
                self.auto_reruns[message.auto_rerun.fragment_id] = message.auto_rerun.interval
            elif kind == "page_not_found":
                self.page_not_found = True
            elif kind == "script_finished" and message.script_finished in DONE:
                if not fragment:
                    self._finish_run()
                return

    def _new_session(self, session, fragment: bool) -> None:
        self.page_script_hash = session.page_script_hash
        for page in session.app_pages:
            self.pages[page.url_pathname] = page.page_script_hash
        if not fragment:
            self._building = Screen()

    def _delta(self, delta, raw: bytes) -> None:
        for url in MEDIA_URL.findall(raw):
            if url not in self.media_seen:
                self.media_seen.add(url)
                self._media_tasks.append(asyncio.ensure_future(self._fetch_media(url.decode())))
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        if kind in WIDGETS:
            self._building.widgets.append(Widget(kind, body))
        elif kind in ("markdown", "code", "html", "heading", "alert", "progress"):
            text = getattr(body, "body", None) or getattr(body, "code_text", None) or getattr(body, "text", "")
            self._building.texts.append(text)
        elif kind == "exception":
            self._building.exception = f"{body.type}: {body.message}"

    def _finish_run(self) -> None:
        self.screen = self._building
        # As the frontend does: widgets no longer on screen drop their state.
        shown = {w.id for w in self.screen.widgets}
        self.states = {wid: state for wid, state in self.states.items() if wid in shown}

    async def _fetch_media(self, path: str) -> None:
        status, _, body = await self.get(self.base_path + path)
        if status == 200:
            self.media_bytes += len(body)
        else:
            self.media_errors += 1

    async def media_done(self) -> None:
        """Wait for the images of the current page, as a browser finishes loading it."""
        pending, self._media_tasks = self._media_tasks, []
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    @property
    def page(self) -> str:
        """The url path name of the page on screen ("" for the default page)."""
        return next((name for name, page_hash in self.pages.items() if page_hash == self.page_script_hash), "?")

    # --- widgets -------------------------------------------------------------------------------

    def widget(self, kind: str, label) -> Widget:
        found = self.screen.find(kind, label)
        if found is None:
            raise ProtocolError(f"no {kind} {label!r} on the page; it shows {self.screen.labels()}"
                                + (f"; exception {self.screen.exception}" if self.screen.exception else ""))
        return found

    def set_value(self, widget: Widget, value) -> None:
        """Set a widget's value as the user would (kept, and sent with every rerun from now on)."""
        state = WidgetState(id=widget.id)
        if widget.kind in ("radio", "text_input", "text_area", "selectbox"):
            state.string_value = value
        elif widget.kind in ("checkbox", "toggle"):
            state.bool_value = value
        elif widget.kind == "slider":
            state.double_array_value.data.extend([float(v) for v in (value if isinstance(value, (list, tuple)) else [value])])
        elif widget.kind == "number_input":
            if isinstance(value, int):
                state.int_value = value
            else:
                state.double_value = value
        elif widget.kind == "button_group":
            state.string_array_value.data.extend(value)
        else:
            raise ProtocolError(f"setting a {widget.kind} is not supported")
        self.states[widget.id] = state

    async def click(self, label, kind: str = "button") -> float:
        """Click a button (or a form's submit button, which sends the form's values): seconds to done."""
        button = self.widget(kind, label)
        return await self.rerun({button.id: WidgetState(id=button.id, trigger_value=True)})

    def options(self, widget: Widget) -> list[str]:
        return list(widget.proto.options)
