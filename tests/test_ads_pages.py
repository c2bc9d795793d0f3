"""AppTest for the fake-ads pages: the ads lesson, the network investigation and the results section."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from app_pages.views.cached import md
from telltale import course
from telltale.ads import investigation
from telltale.ads.lesson import example_order, grade
from telltale.ads.load import load_network
from telltale.storage import Store, learners
from testkit.answers import store_ad, store_network
from tests.conftest import app_database

APP = str(Path(__file__).resolve().parent.parent / "app.py")
VERDICT_WORDS = re.compile(r"authentic|inauthentic|fake|real|scam|network|genuine", re.IGNORECASE)


@pytest.fixture
def db(tmp_path, monkeypatch):
    yield from app_database(f"sqlite:///{tmp_path / 'ads_pages.db'}", monkeypatch)


def open_as(store: Store, section: str, page: str | None = None, plan: dict | None = None):
    """An AppTest session of a new learner who has reached ``section``, on ``page`` (default: that section)."""
    token, learner = store.create_learner(plan or course.default_plan(), section=section)
    return reopen(token, page or section), learner, token


def reopen(token: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["t"] = token
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def store_ad_answer(store: Store, learner, lesson, position: int, example_id: str, decision: str, flags=()):
    store_ad(store, learner.id, lesson, position, example_id, decision, flags)


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.title] + [s.value for s in at.subheader]
                     + [e.value for e in at.error] + [e.value for e in at.success] + [e.value for e in at.warning]
                     + [e.value for e in at.info] + [c.value for c in at.caption])


def html_bodies(at) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def image_alts(at) -> list[str]:
    return [img.alt for element in at.get("image") for img in element.proto.imgs]


def widget_keys(at) -> list[str]:
    widgets = [*at.radio, *at.checkbox, *at.button, *at.button_group]
    return [w.key or "" for w in widgets]


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


# --- the ads lesson ----------------------------------------------------------------------------

def test_the_ads_lesson_asks_three_questions_and_gives_nothing_away(db, lesson):
    at, learner, _ = open_as(db, "ads")
    assert at.title[0].value == "Fake ads"
    assert "Post 1 of" in at.get("progress")[0].proto.text
    assert [r.label for r in at.radio] == ["Authentic, or part of an inauthentic network?", "How sure are you?"]
    assert [c.label for c in at.checkbox] == [entry.label for entry in lesson.flags.values()]
    assert "Which red flags did you see?" in texts(at)
    first = lesson.example(example_order(lesson, learner.seed, learner.plan.get("ads_items"))[0])
    for alt in image_alts(at):
        assert not re.search(r"authentic|fake|real|scam", alt, re.IGNORECASE) and first.id not in alt
    for key in widget_keys(at):
        assert first.id not in key, key
    # The keys depend on the position only: a learner whose first post has the other verdict sees the same.
    other = next(seed for seed in range(1000)
                 if lesson.example(example_order(lesson, seed, course.DEFAULT_ADS_ITEMS)[0]).verdict != first.verdict)
    other_token, other_learner = db.create_learner(course.default_plan(), section="ads")
    with db.engine.begin() as conn:
        conn.execute(update(learners).where(learners.c.id == other_learner.id).values(seed=other))
    assert widget_keys(reopen(other_token, "ads")) == widget_keys(at)
    # nothing of the reveal yet
    assert "Its red flags" not in texts(at) and "What shows it is authentic" not in texts(at)


def test_a_verdict_and_a_confidence_are_required(db):
    at, learner, _ = open_as(db, "ads")
    click(at, "Submit answer")
    assert "Please choose authentic or not and how sure you are" in texts(at)
    assert db.answers(learner.id, "ads") == []


def test_an_answer_is_stored_at_once_then_revealed_then_the_next_post(db, lesson):
    at, learner, _ = open_as(db, "ads")
    example = lesson.example(example_order(lesson, learner.seed, learner.plan.get("ads_items"))[0])
    at.radio[0].set_value("inauthentic")
    at.radio[1].set_value(80)
    at.checkbox(key="ad0-flag-new-page").check()
    at.checkbox(key="ad0-flag-too-good-to-be-true").check()
    click(at, "Submit answer")

    stored = db.answers(learner.id, "ads")
    assert len(stored) == 1
    answer = stored[0]
    expected, detail = grade(lesson, example, "inauthentic", ["new-page", "too-good-to-be-true"])
    assert (answer.position, answer.item_id, answer.choice) == (0, example.id, "inauthentic")
    assert answer.correct == example.is_inauthentic and answer.confidence == 80
    assert answer.score == pytest.approx(expected.score) and answer.response_ms is not None
    assert answer.detail == detail and set(detail) == {"flags", "found", "invented", "missed"}

    shown = texts(at)
    assert ("Right!" in shown) == example.is_inauthentic and ("Not this time" in shown) != example.is_inauthentic
    heading = "Its red flags." if example.is_inauthentic else "What shows it is authentic:"
    assert heading in shown
    marks = example.red_flags or example.authentic_signs
    for number, mark in enumerate(marks, start=1):
        assert any(f"{number}. " in m.value and md(mark.explain) in m.value for m in at.markdown), mark.explain
    assert "Points for this post" in shown
    assert any("outlined and numbered" in alt for alt in image_alts(at))

    click(at, "Next post")
    assert "Post 2 of" in at.get("progress")[0].proto.text
    assert not at.checkbox(key="ad1-flag-new-page").value  # a fresh form


def test_coming_back_continues_with_the_first_post_without_an_answer(db, lesson):
    token, learner = db.create_learner(course.default_plan(), section="ads")
    order = example_order(lesson, learner.seed, learner.plan.get("ads_items"))
    store_ad_answer(db, learner, lesson, 0, order[0], "authentic")
    store_ad_answer(db, learner, lesson, 1, order[2], "inauthentic")
    at = reopen(token, "ads")
    assert "Post 3 of" in at.get("progress")[0].proto.text
    at.radio[0].set_value("authentic")
    at.radio[1].set_value(60)
    click(at, "Submit answer")
    newest = db.answers(learner.id, "ads")[-1]
    assert (newest.position, newest.item_id) == (2, order[1])


def test_the_last_post_leads_on_to_the_network_case(db, lesson):
    token, learner = db.create_learner(course.default_plan(), section="ads")
    order = example_order(lesson, learner.seed, learner.plan.get("ads_items"))
    for position, example_id in enumerate(order[:-1]):
        store_ad_answer(db, learner, lesson, position, example_id, "inauthentic")
    at = reopen(token, "ads")
    at.radio[0].set_value("authentic")
    at.radio[1].set_value(100)
    click(at, "Submit answer")
    click(at, "On to the network case")
    assert at.title[0].value == load_network().title
    assert db.learner_by_token(token).section == "network"


def test_a_broken_lesson_file_gives_a_message_not_a_traceback(db, tmp_path, monkeypatch):
    broken = tmp_path / "ads.yaml"
    broken.write_text("as_of: 2025-10-01\nexamples: [\n", encoding="utf-8")
    monkeypatch.setattr("telltale.ads.load.ADS_FILE", broken)
    monkeypatch.setattr("app_pages.views.cached.ADS_FILE", broken)
    at, learner, token = open_as(db, "ads")
    assert "being updated" in texts(at)
    click(at, "Skip this part for now")
    assert db.learner_by_token(token).section == "network"


# --- the network investigation -------------------------------------------------------------------

def test_the_case_file_shows_every_account_and_no_answer(db, case):
    at, learner, _ = open_as(db, "network")
    assert at.title[0].value == case.title
    page = html_bodies(at)
    order = investigation.display_order(case, learner.seed)
    positions = [page.index(account.handle) for account in order]
    assert positions == sorted(positions)  # in the learner's shuffled order
    for secret in ("Norvania", "In the network", *(a.why for a in case.accounts),
                   *{admin for a in case.accounts for admin in a.admins}):
        assert secret not in page and secret not in texts(at), secret
    assert "images/faces" not in page and ".jpg" not in page  # avatars are inline, no file names
    for key in widget_keys(at):
        assert not VERDICT_WORDS.search(key), key
    # the tools: three tabs, an overlay of the photos, three charts
    assert [t.label for t in at.tabs] == ["Overlay the photos", "Timeline", "Shared admins"]
    # what the public sees, apart from what only the platform's investigators see
    assert "What anyone can see" in texts(at) and "What only the platform's investigators see" in texts(at)
    assert "only when two accounts are run by the same person" not in texts(at)
    assert len(at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")) == 3
    assert any(alt.startswith("The average of 3 profile photos") for alt in image_alts(at))
    assert len(at.checkbox) == len(case.accounts)


def test_the_overlay_follows_the_photos_picked(db, case):
    at, learner, _ = open_as(db, "network")
    faces = investigation.face_paths(case)
    handles = [a.handle for a in investigation.display_order(case, learner.seed) if a.handle in faces]
    at.button_group(key="net-overlay").set_value(handles[:5]).run()
    assert any(alt.startswith("The average of 5 profile photos") for alt in image_alts(at))
    at.button_group(key="net-overlay").set_value(handles[:1]).run()
    assert "Pick at least two photos." in texts(at)


def test_findings_are_stored_then_every_account_is_explained(db, case):
    at, learner, token = open_as(db, "network")
    click(at, "Submit my findings")
    assert "Please pick at least one account and at least one reason" in texts(at)
    assert db.answers(learner.id, "network") == []

    order = investigation.display_order(case, learner.seed)
    network = [i for i, a in enumerate(order) if a.belongs_to_network]
    ordinary = [i for i, a in enumerate(order) if not a.belongs_to_network]
    for index in network[:4] + ordinary[:1]:
        at.checkbox(key=f"net-pick-{index}").check()
    at.button_group(key="net-reasons").set_value(["batch-created", "same-stories"])
    click(at, "Submit my findings")

    stored = db.answers(learner.id, "network")
    assert len(stored) == 1
    answer = stored[0]
    picked = sorted(order[i].handle for i in network[:4] + ordinary[:1])
    assert (answer.phase, answer.position, answer.item_id) == ("network", 0, case.id)
    assert json.loads(answer.choice) == picked and answer.correct is False
    assert answer.score == pytest.approx(4 / len(network) - 1 / len(ordinary))
    assert answer.detail["hits"] == sorted(order[i].handle for i in network[:4])
    assert answer.detail["false_alarms"] == [order[ordinary[0]].handle]
    assert answer.detail["reasons"] == ["batch-created", "same-stories"]

    shown = texts(at)
    assert f"You found **4 of {len(network)}**" in shown and f"**1 of {len(ordinary)}**" in shown
    page = html_bodies(at)
    for account in case.accounts:
        assert html.escape(account.why) in page
    assert page.count("You found it") == 4 and page.count("You picked it by mistake") == 1
    assert "Platforms judge behaviour, not opinion." in shown

    click(at, "On to checking the source")  # the part after the network case in the default plan
    assert at.title[0].value == "Check the source"
    assert db.learner_by_token(token).section == "provenance"


def test_coming_back_after_the_findings_shows_the_explanation(db, case):
    token, learner = db.create_learner(course.default_plan(), section="network")
    store_network(db, learner.id, case, case.network_handles, ["shared-admins"])
    at = reopen(token, "network")
    assert f"You found **{len(case.network_handles)} of {len(case.network_handles)}**" in texts(at)
    assert not at.checkbox  # no second go


def test_a_fresh_generated_case_can_be_replayed_unscored(db, case):
    from telltale.ads.casegen import case_for

    token, learner = db.create_learner(course.default_plan(), section="network")
    store_network(db, learner.id, case, case.network_handles, ["shared-admins"])
    at = reopen(token, "network")
    at.button(key="net-fresh").click().run()
    fresh = case_for(1, learner.seed, case)
    assert fresh.title in texts(at) and "What only the platform's investigators see" in texts(at)
    assert len(at.checkbox) == len(fresh.accounts)
    for box in at.checkbox:
        if any(box.label.endswith(f"({h})") for h in fresh.network_handles):
            box.check()
    at = next(b for b in at.button if b.label == "Check my findings").click().run()
    found = f"You found **{len(fresh.network_handles)} of {len(fresh.network_handles)}** accounts"
    assert sum(found in m.value for m in at.success) == (1 if len(fresh.network_handles) != len(case.network_handles) else 2)
    assert len(db.answers(learner.id, "network")) == 1  # practice: nothing more stored


# --- results -------------------------------------------------------------------------------------

def test_results_have_a_section_for_ads_and_networks(db, lesson, case):
    plan = course.default_plan(sections=("ads", "network"))
    token, learner = db.create_learner(plan, section="results")
    order = example_order(lesson, learner.seed, learner.plan.get("ads_items"))
    for position, example_id in enumerate(order[:3]):
        example = lesson.example(example_id)
        store_ad_answer(db, learner, lesson, position, example_id, example.verdict,
                        [m.id for m in example.red_flags][:1] + ["too-good-to-be-true"])
    network = sorted(case.network_handles)
    store_network(db, learner.id, case, network[:3] + ["@dana.morgan"], ["batch-created"])

    at = reopen(token, "results")
    shown = texts(at)
    assert "Fake ads and networks" in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Posts judged right"] == "3 of 3"
    found = sum(1 for e in order[:3] if lesson.example(e).red_flags)
    total = sum(len(lesson.example(e).flag_ids) for e in order[:3])
    invented = sum(1 for e in order[:3] if "too-good-to-be-true" not in lesson.example(e).flag_ids)
    assert metrics["Red flags found"] == f"{found} of {total}"
    assert metrics["Red flags invented"] == str(invented)
    assert f"you found **3 of {len(network)}**" in shown and f"**1 of {len(case.accounts) - len(network)}**" in shown
