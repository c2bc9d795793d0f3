"""Accessibility in headless Chromium: axe-core's WCAG 2 A/AA rules on each course screen, and the
keyboard alone can answer a question."""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from testkit.browser import wait_idle
from testkit.learner import answer, questions, right_choice

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
        return r.violations.map(v => v.id + ': ' + v.help + ' -> ' +
            v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' [' + n.html.slice(0, 120) + '] ' + (n.failureSummary || '')).join(' | '));
    }""")
    return result


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)], ids=["chromebook", "phone"])
def test_course_screens_pass_wcag_aa_rules(chromium, app_url, tmp_path, viewport):
    db = f"sqlite:///{tmp_path / 'app.db'}"
    page = chromium.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(app_url)
    wait_idle(page)
    found = {"welcome": violations(page)}
    page.get_by_role("button", name="Start the course").click()
    wait_idle(page)
    found["pretest"] = violations(page)
    for question in questions(db, page, "pretest"):
        answer(page, right_choice(question))
    page.get_by_role("button", name="Next").click()
    wait_idle(page)
    page.get_by_role("button", name="Next").click()
    wait_idle(page)
    page.get_by_text("Show the tells").first.click()
    wait_idle(page)
    found["tells"] = violations(page)
    assert {screen: v for screen, v in found.items() if v} == {}
    page.close()


def test_a_question_can_be_answered_with_the_keyboard_alone(chromium, app_url, tmp_path):
    db = f"sqlite:///{tmp_path / 'app.db'}"
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("button", name="Start the course").focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("Face 1 of 10")).to_be_visible()
    first = questions(db, page, "pretest")[0]
    # Tab into the first radio group, pick with the arrow keys, then the confidence group, then submit.
    page.get_by_role("radio", name="Real photo").focus()
    page.keyboard.press("Space")
    if right_choice(first) == "ai":
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # 50% · guessing
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("Face 2 of 10")).to_be_visible()
    from telltale.storage import Store, make_engine
    from testkit.learner import token_of
    store = Store(make_engine(db))
    [stored] = store.answers(store.learner_by_token(token_of(page)).id, "pretest")
    assert stored.choice == right_choice(first) and stored.confidence == 50
    page.close()
