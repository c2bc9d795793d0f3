"""Two workers behind HAProxy (`./telltale.sh serve --workers 2`): a student on one worker finishes
the warm-up, every answer is stored once, and the teacher's dashboard, served by the other worker,
shows them; a worker that is busy for a while keeps its tabs."""
from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, func, select

from telltale.storage import answers, metadata
from testkit.browser import free_port, running, wait_idle
from testkit.learner import answer, start_class_on

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def served(tmp_path):
    """`scripts/serve.py --workers 2` on a free loopback port, on PostgreSQL when the tests have one."""
    if not shutil.which("haproxy") and not os.path.exists("/usr/sbin/haproxy"):
        pytest.skip("HAProxy is not installed (./telltale.sh test installs it)")
    database_url = os.environ.get("TEST_POSTGRES_URL") or f"sqlite:///{tmp_path / 'served.db'}"
    engine = create_engine(database_url)
    metadata.drop_all(engine)
    engine.dispose()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "scripts/serve.py", "--workers", "2", "--port", str(port), "--address", "127.0.0.1"]
    try:
        with running(command, url, {**os.environ, "DATABASE_URL": database_url}, "serve.py", timeout=120) as serve:
            yield url, database_url, serve.pid
    finally:
        engine = create_engine(database_url)
        metadata.drop_all(engine)
        engine.dispose()


def on_worker(chromium, url: str, worker: str):
    """A browser whose HAProxy cookie already names its worker, as after its first visit."""
    context = chromium.new_context(viewport=LAPTOP)
    context.add_cookies([{"name": "TELLTALE_WORKER", "value": worker, "url": url}])
    return context.new_page()


def test_two_workers_share_a_class_through_the_proxy(chromium, served):
    url, database_url, _ = served
    teacher, student = on_worker(chromium, url, "w2"), on_worker(chromium, url, "w1")

    reply = teacher.goto(f"{url}/teacher")
    assert reply.headers["x-telltale-worker"] == "w2"
    code = start_class_on(teacher, leave_out=("The tells", "Practice", "Final test", "Fake ads", "Network case"))

    reply = student.goto(f"{url}/join")
    assert reply.headers["x-telltale-worker"] == "w1"
    wait_idle(student)
    student.get_by_role("textbox", name="Class code").fill(code)
    student.get_by_role("textbox", name="Nickname").fill("Quiet Owl")
    student.get_by_role("button", name="Join", exact=True).click()
    wait_idle(student)
    for number in range(1, 11):
        expect(student.get_by_text(f"Face {number} of 10").first).to_be_visible(timeout=20000)
        answer(student, "ai" if number % 2 else "real", 70)

    # Each answer once in the shared database, and on the dashboard of the other worker.
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(select(answers.c.phase, answers.c.position)).all()
        assert connection.execute(select(func.count()).select_from(answers)).scalar_one() == 10
    engine.dispose()
    assert sorted(stored) == [("pretest", position) for position in range(10)]
    count = teacher.locator('[data-testid="stMetric"]').filter(has_text="Answers")
    expect(count.locator('[data-testid="stMetricValue"]')).to_have_text("10", timeout=15000)
    expect(teacher.locator(".tt-chip").filter(has_text="Quiet Owl")).to_be_visible()


def _children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def _worker_pid(serve_pid: int, name: str) -> int:
    """The process of HAProxy's server `name` (w1, w2, ...), from the config serve.py gave HAProxy."""
    commands = {child: Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0") for child in _children(serve_pid)}
    config = next(Path(cmd[cmd.index(b"-f") + 1].decode()) for cmd in commands.values() if b"-f" in cmd)
    port = re.search(rf"server {name} 127\.0\.0\.1:(\d+)", config.read_text()).group(1)
    return next(child for child, cmd in commands.items() if b"--server.port" in cmd and port.encode() in cmd)


def _worker_answering(url: str, cookie: str) -> str:
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"TELLTALE_WORKER={cookie}"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return reply.headers["x-telltale-worker"]


def test_a_worker_busy_for_a_while_keeps_its_tabs(served):
    """A class's rush can keep a worker from answering HAProxy's health check for seconds. Busy is not
    gone: if HAProxy marked it down, it would send the worker's tabs to another worker, which holds
    neither their pictures (broken images) nor their sessions. The check used to give up after 2 s."""
    url, _, serve_pid = served
    assert _worker_answering(url, "w1") == "w1"
    worker = _worker_pid(serve_pid, "w1")
    os.kill(worker, signal.SIGSTOP)  # answers nothing, as a saturated worker answers late
    try:
        time.sleep(16)  # with a 2-s check timeout, HAProxy marked it down after about 12 s
    finally:
        os.kill(worker, signal.SIGCONT)
    assert _worker_answering(url, "w1") == "w1", "HAProxy sent a busy worker's tab to another worker"
