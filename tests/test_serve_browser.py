"""Two workers behind HAProxy (`./telltale.sh serve --workers 2`): a student on one worker finishes
the warm-up, every answer is stored once, and the teacher's dashboard, served by the other worker,
shows them."""
from __future__ import annotations

import os
import shutil
import sys

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
        with running(command, url, {**os.environ, "DATABASE_URL": database_url}, "serve.py", timeout=120):
            yield url, database_url
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
    url, database_url = served
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
