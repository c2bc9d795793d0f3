"""The fake-ads half in headless Chromium: the last posts of the ads lesson, the network investigation
and the results, clicked through as a learner does, with the reveals and the stored scores checked."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from telltale import course, parts
from telltale.ads.lesson import example_order, grade
from telltale.ads.load import load_ads, load_network
from telltale.storage import Store, make_engine
from testkit.answers import store_ad
from testkit.browser import wait_idle
from testkit.learner import VERDICT_LABELS, ads_order, answer_ad, pick_network
from tests.test_accessibility import violations

CLICKED = 3  # posts answered by clicking; the others are stored beforehand, to keep the suite fast

@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'app.db'}"  # the database of the app_url fixture


def test_a_learner_judges_the_posts_investigates_the_network_and_sees_the_score(chromium, app_url, db):
    store = Store(make_engine(db))
    plan = course.default_plan(sections=[p for p in parts.CHOOSABLE if p != "provenance"])  # network, then results
    token, learner = store.create_learner(plan, section="ads")
    lesson, case = load_ads(), load_network()
    order = example_order(lesson, learner.seed, learner.plan.get("ads_items"))
    # The first posts were answered on an earlier day (all right, as the app would have stored them);
    # the browser answers the last CLICKED of them, one wrong, one with an invented flag.
    expected = {}
    for position, example_id in enumerate(order[:-CLICKED]):
        example = lesson.example(example_id)
        expected[example_id] = grade(lesson, example, example.verdict, example.flag_ids)
        store_ad(store, learner.id, lesson, position, example_id, example.verdict, example.flag_ids)

    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{app_url}/ads?t={token}")
    wait_idle(page, timeout=60000)
    expect(page.get_by_role("heading", name="Fake ads")).to_be_visible()
    assert ads_order(db, page) == order  # the page and the test agree on the learner's order

    flag_labels = {flag_id: entry.label for flag_id, entry in lesson.flags.items()}
    axe = {"question": violations(page)}
    for number in range(len(order) - CLICKED, len(order)):
        example = lesson.example(order[number])
        expect(page.get_by_text(f"Post {number + 1} of {len(order)}")).to_be_visible()
        wrong_verdict = number == len(order) - 1
        decision = {"authentic": "inauthentic", "inauthentic": "authentic"}[example.verdict] if wrong_verdict \
            else example.verdict
        flags = [m.id for m in example.red_flags][:2]
        if number == len(order) - CLICKED:
            flags.append(next(f for f in lesson.flags if f not in example.flag_ids))
        answer_ad(page, decision, 70, [flag_labels[f] for f in flags])
        expected[example.id] = grade(lesson, example, decision, flags)

        # The reveal: right or wrong, the outlined post, and every flag or sign explained.
        expect(page.get_by_text("Not this time" if wrong_verdict else "Right!")).to_be_visible()
        expect(page.get_by_role("img", name="The post again, with the places to look at outlined and numbered")
               ).to_be_visible()
        for mark in example.red_flags or example.authentic_signs:
            expect(page.get_by_text(mark.explain, exact=False).first).to_be_visible()
        if number == len(order) - CLICKED:
            expect(page.get_by_text("You also ticked:")).to_be_visible()
            axe["reveal"] = violations(page)
        last = number == len(order) - 1
        page.get_by_role("button", name="On to the network case" if last else "Next post").click()
        wait_idle(page)

    stored = {a.item_id: a for a in store.answers(learner.id, "ads")}
    assert set(stored) == set(order)
    for example_id, (score, detail) in expected.items():
        answer = stored[example_id]
        assert answer.correct == score.correct and answer.score == pytest.approx(score.score)
        assert answer.detail == detail and answer.confidence == 70
    assert stored[order[-1]].response_ms > 0

    # The network investigation: the case file, the tools, the findings.
    expect(page.get_by_role("heading", name=case.title)).to_be_visible()
    expect(page.get_by_label("Accounts in the case file")).to_contain_text("@westmark.beacon")
    axe["investigation"] = violations(page)
    page.get_by_role("tab", name="Timeline").click()
    page.get_by_text("By time of day", exact=True).click()
    wait_idle(page)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)  # creation, posting times, admins
    expect(page.get_by_test_id("stVegaLiteChart").nth(1).locator("canvas, svg").first).to_be_visible()
    network = [a for a in case.accounts if a.belongs_to_network]
    picks = [a.display_name for a in network[:4]] + ["Tom Lindqvist"]
    pick_network(page, picks, ["Created in one batch, minutes apart", "Run by the same admins"])
    expect(page.get_by_text(f"You found 4 of {len(network)}")).to_be_visible()
    expect(page.get_by_label("Every account explained")).to_contain_text(case.account("@tom.lindqvist").why)
    axe["explanation"] = violations(page)
    assert {screen: found for screen, found in axe.items() if found} == {}  # WCAG 2 A/AA, by axe-core

    findings = store.answers(learner.id, "network")
    assert len(findings) == 1
    ordinary = len(case.accounts) - len(network)
    assert findings[0].score == pytest.approx(4 / len(network) - 1 / ordinary)
    assert json.loads(findings[0].choice) == sorted([a.handle for a in network[:4]] + ["@tom.lindqvist"])

    page.get_by_role("button", name="See my results").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Fake ads and networks")).to_be_visible()
    # expect() waits: Streamlit fills columns a frame after their block appears
    for figure in (f"{len(order) - 1} of {len(order)}", f"found 4 of {len(network)}", f"1 of {ordinary}"):
        expect(page.locator("body")).to_contain_text(figure, use_inner_text=True)  # posts judged right; the network's accounts found
    page.close()
    store.engine.dispose()


def test_on_a_phone_the_resume_link_brings_back_the_next_post(chromium, app_url, db):
    store = Store(make_engine(db))
    token, learner = store.create_learner(course.default_plan(), section="ads")
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{app_url}/ads?t={token}")
    wait_idle(page, timeout=60000)
    answer_ad(page, "authentic", 50)
    page.get_by_role("button", name="Next post").click()
    wait_idle(page)
    answer_ad(page, "inauthentic", 100)
    # stored once its reveal is up (wait_idle alone can return before a busy server has begun the run)
    expect(page.get_by_role("button", name="Next post")).to_be_visible()
    resume = page.url
    page.close()

    again = chromium.new_page(viewport={"width": 390, "height": 844})
    again.goto(resume)
    wait_idle(again, timeout=60000)
    expect(again.get_by_text("Post 3 of")).to_be_visible()
    # the post fits the phone's width: no sideways scrolling
    assert again.evaluate("document.documentElement.scrollWidth") <= 390
    kept = store.answers(learner.id, "ads")
    assert [a.choice for a in kept] == ["authentic", "inauthentic"] and [a.position for a in kept] == [0, 1]
    expect(again.locator("body")).to_contain_text(VERDICT_LABELS["inauthentic"], use_inner_text=True)
    again.close()
    store.engine.dispose()
