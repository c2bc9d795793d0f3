"""Bad traffic stays contained: malformed websocket frames, unknown widget ids and a client that
disconnects in the middle of a run neither crash the server nor disturb a learner answering beside them."""
from __future__ import annotations

import asyncio
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, func, select
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from telltale.storage import answers
from testkit.browser import streamlit_server
from testkit.st_protocol import BrowserTab


async def raw_socket(tab: BrowserTab):
    """A websocket to the app as a browser opens it (cookies, XSRF subprotocol), but ours to abuse."""
    for path in ("/", "/_stcore/health"):
        await tab.get(path)
    xsrf = tab.cookies.get("_streamlit_xsrf") or "PLACEHOLDER_AUTH_TOKEN"
    return await connect(f"ws://{tab.host}:{tab.port}/_stcore/stream", subprotocols=["streamlit", xsrf],
                         additional_headers={"Origin": f"http://{tab.host}:{tab.port}", "Cookie": tab.cookie_header},
                         max_size=None, ping_interval=None)


def rerun_message(widgets: list[WidgetState]) -> bytes:
    message = BackMsg()
    message.rerun_script.page_name = "welcome"
    message.rerun_script.widget_states.widgets.extend(widgets)
    return message.SerializeToString()


async def answer_first_face(tab: BrowserTab) -> None:
    tab.set_value(tab.widget("radio", "Real photo or AI-made?"), "AI-made")  # radios send the label shown
    tab.set_value(tab.widget("radio", "How sure are you?"), "70%")
    await tab.click("Submit answer")


async def abuse_and_answer(url: str) -> list[str]:
    learner = BrowserTab(url, timeout=90)
    await learner.open()
    await learner.click("Start the course")
    assert learner.screen.find("button", "Submit answer") is not None

    # 1. Frames that are no BackMsg at all, a truncated one, and text instead of bytes.
    garbage = await raw_socket(BrowserTab(url))
    for frame in (b"\x00\xff\xfe garbage", rerun_message([])[:3], b"\x0a\xff\xff\xff\xff\x0f", "not binary"):
        await garbage.send(frame)
    # 2. A rerun naming widgets that do not exist, with values of every type.
    unknown = await raw_socket(BrowserTab(url))
    await unknown.send(rerun_message([
        WidgetState(id="$$ID-0000-no-such-widget", trigger_value=True),
        WidgetState(id="$$ID-ffff-None", string_value="x" * 10_000),
        WidgetState(id="", int_value=-1)]))
    # 3. A tab that starts a run and is gone before it ends.
    leaver = await raw_socket(BrowserTab(url))
    await leaver.send(rerun_message([]))
    await leaver.close()
    await asyncio.sleep(1)
    for socket in (garbage, unknown):
        await socket.close()

    # The learner beside them goes on: the next answer is stored and the next face comes up.
    await answer_first_face(learner)
    shown = learner.screen.labels()
    problem = learner.screen.exception
    await learner.close()
    assert not problem, problem
    return shown


def test_bad_frames_unknown_widgets_and_a_vanishing_tab_disturb_no_one(tmp_path):
    database = f"sqlite:///{tmp_path / 'app.db'}"
    with streamlit_server(database) as url:
        # In a thread of its own: Playwright's sync API may already run an event loop in this one.
        with ThreadPoolExecutor(1) as thread:
            shown = thread.submit(asyncio.run, abuse_and_answer(url)).result()
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as reply:
            assert reply.status == 200  # the server is still up
    assert "button:Submit answer" in shown  # the second face's form
    engine = create_engine(database)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(answers)).scalar_one() == 1
    engine.dispose()
