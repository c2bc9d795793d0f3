"""A class in two real browsers: the teacher starts it, a student joins with the code and answers,
the teacher's dashboard shows the answer by itself within 10 seconds, and the CSV export holds it."""
from __future__ import annotations

import csv
import io
import re
import time

from playwright.sync_api import expect

from testkit.browser import wait_idle

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def test_teacher_sees_a_students_answer_live_and_exports_it(chromium, app_url):
    teacher = chromium.new_context(viewport=LAPTOP, accept_downloads=True).new_page()
    student = chromium.new_context(viewport=PHONE).new_page()

    # The teacher starts a class with the two tests only.
    teacher.goto(f"{app_url}/teacher")
    wait_idle(teacher)
    for part in ("The tells", "Practice", "Fake ads", "Network case"):
        box = teacher.get_by_role("checkbox", name=part)
        if box.count():
            box.uncheck(force=True)
    teacher.get_by_role("button", name="Start the class").click()
    wait_idle(teacher)
    code = teacher.locator(".tt-code").inner_text().strip()
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}", code)
    teacher.get_by_role("button", name="Open the live dashboard").click()
    wait_idle(teacher)
    expect(teacher.get_by_text("Nobody has joined yet", exact=False)).to_be_visible(timeout=15000)

    # The student types the code and a nickname, and answers the first face.
    student.goto(f"{app_url}/join")
    wait_idle(student)
    student.get_by_role("textbox", name="Class code").fill(code.lower())
    student.get_by_role("textbox", name="Nickname").fill("Brave Fox")
    student.get_by_role("button", name="Join", exact=True).click()
    wait_idle(student)
    expect(student.get_by_role("heading", name="Warm-up test")).to_be_visible(timeout=15000)
    expect(student.get_by_text("Face 1 of 10").first).to_be_visible()
    question_page, question_url = student.content(), student.url
    student.get_by_role("radiogroup", name="Real photo or AI-made?").get_by_text("AI-made", exact=True).click()
    student.get_by_role("radiogroup", name="How sure are you?").get_by_text("80%", exact=True).click()
    student.get_by_role("button", name="Submit answer").click()
    wait_idle(student)
    expect(student.get_by_text("Face 2 of 10").first).to_be_visible(timeout=15000)
    answered = time.monotonic()

    # The dashboard refreshes by itself: no click, no reload.
    answers = teacher.locator('[data-testid="stMetric"]').filter(has_text="Answers")
    expect(answers.locator('[data-testid="stMetricValue"]')).to_have_text("1", timeout=10000)
    expect(teacher.locator(".tt-chip").filter(has_text="Brave Fox")).to_be_visible(timeout=1000)
    assert time.monotonic() - answered < 10

    # The export holds the answer.
    teacher.get_by_text("Download, close, delete", exact=True).click()
    wait_idle(teacher)
    with teacher.expect_download(timeout=15000) as download:
        teacher.get_by_role("button", name="Answers (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["nickname"], row["phase"], row["position"], row["choice"], row["confidence"]) == (
        "Brave Fox", "pretest", "0", "ai", "80")
    assert row["correct"] in ("true", "false") and int(row["response_time_ms"]) > 0
    assert re.fullmatch(r"f[a-z2-9]{7}", row["item"])
    assert download.value.suggested_filename.startswith(f"telltale-{code}-")

    # Nothing on the student's screen gave the face away: its id was in neither the page nor its address.
    assert row["item"] not in question_page and row["item"] not in question_url


def test_a_nickname_moves_to_another_device_only_when_the_teacher_approves(chromium, app_url):
    """Issue 9: the code and a nickname, both on the projector, were enough to take a student over."""
    teacher = chromium.new_context(viewport=LAPTOP).new_page()
    first = chromium.new_context(viewport=PHONE).new_page()
    second = chromium.new_context(viewport=PHONE).new_page()
    teacher.goto(f"{app_url}/teacher")
    wait_idle(teacher)
    teacher.get_by_role("button", name="Start the class").click()
    wait_idle(teacher)
    code = teacher.locator(".tt-code").inner_text().strip()
    teacher.get_by_role("button", name="Open the live dashboard").click()
    wait_idle(teacher)

    def join(page):
        page.goto(f"{app_url}/join")
        wait_idle(page)
        page.get_by_role("textbox", name="Class code").fill(code)
        page.get_by_role("textbox", name="Nickname").fill("Brave Fox")
        page.get_by_role("button", name="Join", exact=True).click()
        wait_idle(page)

    join(first)
    expect(first.get_by_role("heading", name="Warm-up test")).to_be_visible(timeout=15000)
    join(second)  # someone else types the same code and nickname
    expect(second.get_by_text("Someone called Brave Fox is already in this class")).to_be_visible()
    second.get_by_role("button", name="Yes, it's me: ask my teacher to let me continue").click()
    wait_idle(second)
    expect(second.get_by_text("Your teacher has been asked")).to_be_visible(timeout=10000)

    # The request appears on the dashboard by itself; the teacher approves it.
    expect(teacher.get_by_text("asks to continue on another device")).to_be_visible(timeout=15000)
    teacher.get_by_role("button", name="Approve").click()
    # The waiting device moves on by itself; the first one is told what happened when it next acts.
    expect(second.get_by_role("heading", name="Warm-up test")).to_be_visible(timeout=20000)
    first.reload()
    wait_idle(first)
    expect(first.get_by_text("This link no longer opens a course")).to_be_visible(timeout=15000)
