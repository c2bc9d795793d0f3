"""One learner's cost per interaction: server script time and bytes sent per question.

    .venv/bin/python benchmarks/course_interactions.py

1. Server time: the app's script run for each interaction of a learner answering the warm-up
   test and the practice, measured in-process with Streamlit's AppTest (no browser, no network).
2. Bytes per question: the real server and headless Chromium; everything the browser receives
   (WebSocket frames and HTTP bodies, images included) between one question and the next.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from telltale import course, parts  # noqa: E402
from telltale.library import load_library  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def server_times(db_url: str) -> list[float]:
    os.environ["DATABASE_URL"] = db_url
    store = Store(make_engine(db_url))
    token, learner = store.create_learner(course.default_plan(), section="pretest")
    items = load_library().items
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["t"] = token
    at.switch_page(parts.part("pretest").page).run()  # first run: loads and caches content
    times = []

    def timed(action):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)

    for phase in ("pretest",):
        for question in course.questions_for(phase, learner.plan, learner.seed, items):
            # Choices inside a form cause no rerun in the browser: only the submit does.
            at.radio[0].set_value(items[question.items[0]].answer)
            at.radio[1].set_value(80)
            timed(lambda: [b for b in at.button if b.label == "Submit answer"][0].click().run())
    store.set_section(learner.id, "practice")
    at.switch_page(parts.part("practice").page).run()
    for question in course.questions_for("practice", learner.plan, learner.seed, items):
        at.radio[0].set_value("left" if question.is_pair else "ai")
        at.radio[1].set_value(70)
        timed(lambda: [b for b in at.button if b.label == "Submit answer"][0].click().run())
        buttons = [b for b in at.button if b.label in ("Next face", "On to the final test")]
        if not buttons:
            raise SystemExit(f"no Next button after practice question {question.position}: "
                             f"{[t.value for t in at.title]} {[e.value for e in at.error]} {at.exception}")
        timed(lambda: buttons[0].click().run())
    return times


def bytes_per_question(db_url: str) -> list[int]:
    from playwright.sync_api import sync_playwright

    from testkit.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle
    from testkit.learner import answer, questions, right_choice

    received = [0]
    sizes = []
    with streamlit_server(db_url) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.__setitem__(
            0, received[0] + len(frame if isinstance(frame, (bytes, str)) else b""))))
        page.on("requestfinished", lambda request: received.__setitem__(
            0, received[0] + (request.sizes().get("responseBodySize") or 0)))
        page.goto(url)
        wait_idle(page)
        page.get_by_role("button", name="Start the course").click()
        wait_idle(page)
        for question in questions(db_url, page, "pretest"):
            before = received[0]
            answer(page, right_choice(question))
            sizes.append(received[0] - before)
        browser.close()
    return sizes


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        times = server_times(f"sqlite:///{folder}/bench.db")
        print(f"server time per interaction ({len(times)} interactions, AppTest in-process):")
        print(f"  median {statistics.median(times):.1f} ms, 95th percentile {percentile(times, 0.95):.1f} ms, "
              f"max {max(times):.1f} ms")
        sizes = bytes_per_question(f"sqlite:///{folder}/browser.db")
        print(f"bytes received by the browser per warm-up question ({len(sizes)} questions, real server):")
        print(f"  median {statistics.median(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB")
    faces = sorted((ROOT / "images" / "faces").glob("*.jpg"))
    face_sizes = [f.stat().st_size for f in faces]
    print(f"face images: median {statistics.median(face_sizes) / 1024:.1f} KB, max {max(face_sizes) / 1024:.1f} KB")


if __name__ == "__main__":
    main()
