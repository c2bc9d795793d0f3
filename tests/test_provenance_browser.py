"""The provenance lab in headless Chromium: every case decided by clicking, with the tools opened,
a known score stored and shown on the results page; bad uploads get a clear message."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from telltale import course, parts
from telltale.provenance import SIGNED_DIR
from telltale.provenance.lab import VERDICT_LABELS, load_lab
from telltale.steps import provenance as step
from telltale.storage import Store, make_engine
from testkit.browser import wait_idle
from testkit.learner import decide_case
from tests.test_accessibility import violations

FLIP = {"genuine": "deceptive", "deceptive": "genuine"}


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'app.db'}"  # the database of the app_url fixture


def test_a_learner_investigates_every_case_and_sees_a_known_score(chromium, app_url, db):
    lab = load_lab()
    store = Store(make_engine(db))
    plan = course.default_plan(sections=[p for p in parts.CHOOSABLE if p in ("network", "provenance")])
    token, learner = store.create_learner(plan, section="provenance")
    labels = lab.evidence_labels
    # The planned answers: the first case with the photo's look added, the third with the verdict flipped,
    # the fifth naming a tool that did not decide it; the rest right with every deciding tool.
    planned = {}
    for number, case in enumerate(lab.cases):
        evidence = list(case.deciding)
        verdict = case.verdict
        if number == 0:
            evidence.append("looks")
        if number == 2:
            verdict = FLIP[verdict]
        if number == 4:
            evidence = [e for e in ("reverse-search", "credentials", "lateral-reading") if e not in case.deciding][:1]
        planned[case.id] = (verdict, evidence)
    expected = {cid: step.grade(lab, lab.case(cid), v, e) for cid, (v, e) in planned.items()}

    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{app_url}/check-the-source?t={token}")
    wait_idle(page, timeout=120000)
    expect(page.get_by_role("heading", name="Check the source")).to_be_visible()
    axe = {}
    for number, case in enumerate(lab.cases):
        expect(page.get_by_text(f"Case {number + 1} of {len(lab.cases)}")).to_be_visible()
        expect(page.get_by_text(case.name, exact=True).first).to_be_visible()
        # the tools, as a learner opens them
        page.get_by_role("tab", name="Reverse image search").click()
        if case.copies:
            for copy in case.copies:
                expect(page.get_by_text(copy.name).first).to_be_visible()
        page.get_by_role("tab", name="Lateral reading").click()
        if case.search:
            expect(page.get_by_text(lab.searches[case.search].results[0].title).first).to_be_visible()
        page.get_by_role("tab", name="Content Credentials").click()
        if number == 0:
            axe["case"] = violations(page)
        verdict, evidence = planned[case.id]
        decide_case(page, verdict, [labels[e] for e in evidence])
        right = verdict == case.verdict
        expect(page.get_by_text(("Right: " if right else "Not this time: ")
                                + VERDICT_LABELS[case.verdict].lower() + ".")).to_be_visible()
        expect(page.get_by_text("What each tool revealed")).to_be_visible()
        if number == 0:
            expect(page.get_by_text("decided none of these cases")).to_be_visible()
            axe["feedback"] = violations(page)
        last = number == len(lab.cases) - 1
        page.get_by_role("button", name="See my results" if last else "Next case").click()
        wait_idle(page)
    assert {screen: found for screen, found in axe.items() if found} == {}  # WCAG 2 A/AA, by axe-core

    stored = {a.item_id: a for a in store.answers(learner.id, "provenance")}
    assert set(stored) == set(planned)
    for case_id, graded in expected.items():
        answer = stored[case_id]
        assert (answer.choice, answer.correct, answer.detail) == (graded.choice, graded.correct, graded.detail)
        assert answer.score == pytest.approx(graded.score) and answer.response_ms > 0
    total = sum(g.score for g in expected.values()) / len(expected)
    right = sum(g.choice == g.expected for g in expected.values())
    found = sum(len(g.detail["found"]) for g in expected.values())
    deciding = sum(len(c.deciding) for c in lab.cases)
    assert (right, round(total, 2)) == (5, 0.81)  # the known score of the planned answers

    expect(page.get_by_role("heading", name="Checking the source")).to_be_visible()
    # expect() waits: Streamlit fills columns a frame after their block appears
    for figure in (f"{right} of {len(lab.cases)}", f"{found} of {deciding}", f"{total:.2f}"):
        expect(page.locator("body")).to_contain_text(figure, use_inner_text=True)
    assert store.learner_by_token(token).section == "results"
    page.close()
    store.engine.dispose()


def test_bad_uploads_get_a_clear_message_and_a_signed_file_is_read(chromium, app_url, db, tmp_path):
    store = Store(make_engine(db))
    token, _ = store.create_learner(course.default_plan(), section="provenance")
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{app_url}/check-the-source?t={token}")
    wait_idle(page, timeout=120000)
    page.get_by_text("Toolbox: check any picture").click()
    upload = page.locator('input[type="file"]')

    not_a_picture = tmp_path / "notes.jpg"
    not_a_picture.write_text("These are my notes, not a picture.")
    upload.set_input_files(str(not_a_picture))
    wait_idle(page)
    expect(page.get_by_text("This file is not a picture the tools can read (JPEG, PNG or WebP), or it is damaged.")
           ).to_be_visible()

    damaged = bytearray((SIGNED_DIR / "lantern.jpg").read_bytes())
    start = damaged.find(b"jumb") + 24
    for offset in range(start, start + 64):
        damaged[offset] ^= 0x5A
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(bytes(damaged))
    upload.set_input_files(str(broken))
    wait_idle(page)
    expect(page.get_by_text("Content Credentials that cannot be read")).to_be_visible()

    upload.set_input_files(str(SIGNED_DIR / "lantern.jpg"))
    wait_idle(page, timeout=120000)
    expect(page.get_by_text("Valid Content Credentials from a signer on the trust list")).to_be_visible()
    expect(page.get_by_text("AI-generated").first).to_be_visible()
    expect(page.get_by_text("Similarity 100%").first).to_be_visible()  # the reverse search finds the lab's ad
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
    store.engine.dispose()
