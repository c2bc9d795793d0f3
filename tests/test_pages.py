"""AppTest for every course page: what a learner sees and what gets stored."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from telltale import course
from telltale.library import load_library
from telltale.answering import submit
from telltale.storage import Store, make_engine
from testkit.answers import answer_questions

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = Store(make_engine(url))
    yield store
    store.engine.dispose()


def app_for(store: Store, section: str | None, answers: dict[str, int] | None = None, right: bool = True):
    """An AppTest session of a learner who has reached `section`, with some answers stored."""
    at = AppTest.from_file(APP, default_timeout=60)
    if section is None:
        return at, None
    token, learner = store.create_learner(course.default_plan(), section=section)
    for phase, count in (answers or {}).items():
        answer_questions(store, learner, phase, count, load_library().items, right=right)
    at.query_params["t"] = token
    return at, learner


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.title] + [h.value for h in at.header]
                     + [s.value for s in at.subheader] + [str(e.value) for e in at.error] + [c.value for c in at.caption])


def test_welcome_explains_the_course_and_starts_it(db):
    at, _ = app_for(db, None)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Telltale: can you spot a fake face?"
    assert "About 30 minutes" in texts(at) and "No sign-up" in texts(at)
    [start] = [b for b in at.button if b.label == "Start the course"]
    start.click().run()
    assert at.title[0].value == "Warm-up test"
    assert "t" in at.query_params


def test_pretest_asks_for_both_answers_and_stores_one_at_once(db):
    at, learner = app_for(db, "pretest")
    at.switch_page("app_pages/pretest.py").run()
    assert not at.exception
    assert at.title[0].value == "Warm-up test"
    submit = [b for b in at.button if b.label == "Submit answer"][0]
    submit.click().run()
    assert "Please choose your answer and how sure you are" in texts(at)
    assert db.answer_count(learner.id, "pretest") == 0
    at.radio[0].set_value("ai")
    at.radio[1].set_value(90)
    [b for b in at.button if b.label == "Submit answer"][0].click().run()
    stored = db.answers(learner.id, "pretest")
    assert len(stored) == 1 and stored[0].choice == "ai" and stored[0].confidence == 90
    assert stored[0].response_ms is not None
    # No feedback in a test: neither "Right" nor the clue list appears.
    assert "Right!" not in texts(at) and "What gives it away" not in texts(at)


def test_a_deep_link_past_the_learners_place_goes_back_to_it(db):
    at, _ = app_for(db, "pretest")
    at.switch_page("app_pages/posttest.py").run()
    assert at.title[0].value == "Warm-up test"


def test_finishing_the_pretest_opens_the_tells(db):
    at, learner = app_for(db, "pretest", {"pretest": 9})
    at.switch_page("app_pages/pretest.py").run()
    at.radio[0].set_value("real")
    at.radio[1].set_value(50)
    [b for b in at.button if b.label == "Submit answer"][0].click().run()
    assert at.title[0].value == load_library().lessons.steps[0].title
    assert db.learner_by_token(at.query_params["t"]).section == "tells"


def test_tells_lesson_steps_show_highlights_and_lead_to_practice(db):
    at, learner = app_for(db, "tells")
    at.switch_page("app_pages/tells.py").run()
    assert not at.exception
    steps = load_library().lessons.steps
    assert at.title[0].value == steps[0].title
    for index in range(1, len(steps)):
        [b for b in at.button if b.label == "Next"][0].click().run()
        assert at.title[0].value == steps[index].title
        for toggle in at.toggle:
            if toggle.label == "Show the tells":
                toggle.set_value(True).run()
                assert "This face is" in texts(at)
                break
    [b for b in at.button if b.label == "On to practice"][0].click().run()
    assert at.title[0].value == "Practice"


def test_practice_gives_feedback_with_the_tells(db):
    at, learner = app_for(db, "practice")
    at.switch_page("app_pages/practice.py").run()
    items = load_library().items
    question = course.questions_for("practice", learner.plan, learner.seed, items)[0]
    at.radio[0].set_value("left" if question.is_pair else "ai")
    at.radio[1].set_value(70)
    [b for b in at.button if b.label == "Submit answer"][0].click().run()
    assert not at.exception
    shown = texts(at)
    assert at.success or at.error
    if any(items[image_id].clues for image_id in question.items):
        assert "What gives it away:" in shown or "What shows it is real:" in shown
    else:  # the learner's seed drew a face without a tell first (test_practice_explains_a_face_without_a_tell)
        assert "No visible tell here" in shown or "No tell either way here" in shown
    assert [b for b in at.button if b.label == "Next face"]


def test_practice_explains_a_face_without_a_tell(db):
    at, learner = app_for(db, "practice")
    items = load_library().items
    questions = course.questions_for("practice", learner.plan, learner.seed, items)
    plain = [q for q in questions if not q.is_pair and not items[q.items[0]].clues]
    assert {items[q.items[0]].is_ai for q in plain} == {True, False}, "practice draws no face without a tell"
    for question in plain:
        for earlier in questions[len(db.answers(learner.id, "practice")):question.position]:
            choice = "left" if earlier.is_pair else "real"
            submit(db, learner.id, "practice", earlier.position, course.grade_question(items, earlier, choice), 80, 900)
        at.switch_page("app_pages/practice.py").run()
        at.radio[0].set_value("ai")
        at.radio[1].set_value(60)
        [b for b in at.button if b.label == "Submit answer"][0].click().run()
        assert not at.exception
        shown = texts(at)
        expected = "No visible tell here" if items[question.items[0]].is_ai else "No tell either way here"
        assert expected in shown and "check the source" in shown
        assert "What gives it away:" not in shown and "What shows it is real:" not in shown
        for button in [b for b in at.button if b.label == "Next face"]:
            button.click().run()


def test_drifting_into_calling_everything_ai_is_warned(db):
    at, learner = app_for(db, "practice")
    items = load_library().items
    questions = course.questions_for("practice", learner.plan, learner.seed, items)
    singles = [q for q in questions if not q.is_pair]
    for question in questions[: questions.index(singles[5]) + 1]:
        choice = "left" if question.is_pair else "ai"
        submit(db, learner.id, "practice", question.position, course.grade_question(items, question, choice), 80, 900)
    next_question = questions[questions.index(singles[5]) + 1]
    at.switch_page("app_pages/practice.py").run()
    at.radio[0].set_value("left" if next_question.is_pair else "ai")
    at.radio[1].set_value(80)
    [b for b in at.button if b.label == "Submit answer"][0].click().run()
    assert any("calling everything fake" in w.value for w in at.warning)


def test_results_show_scores_in_words_and_a_certificate(db):
    at, _ = app_for(db, "results", {"pretest": 10, "posttest": 10})
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    shown = texts(at)
    assert "10 of 10" in [m.value for m in at.metric][1]
    assert "Sensitivity d′" in shown and "Bias c" in shown
    assert "Were you as sure as you were right?" in shown
    assert len(at.get("vega_lite_chart")) >= 2


def test_about_page_credits_every_image_without_ids(db):
    at, _ = app_for(db, None)
    at.switch_page("app_pages/about.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == len(load_library().images)
    assert "id" not in [c.lower() for c in table.columns]
    assert (table["Licence"].str.len() > 0).all()
    assert "Nightingale" in texts(at)


def test_a_self_paced_learner_can_delete_their_answers(db):
    at, learner = app_for(db, "results", {"pretest": 10, "posttest": 10})
    at.switch_page("app_pages/results.py").run()
    [b for b in at.button if b.label == "Delete my answers now"][0].click().run()
    assert db.answers(learner.id) == []
    assert at.title[0].value == "Telltale: can you spot a fake face?"
    assert [b.label for b in at.button if b.label == "Start the course"]


@pytest.mark.skipif(not __import__("telltale.generator").generator.available(),
                    reason="needs the optional openvino and random-face packages")
def test_more_practice_shows_a_fresh_face_and_says_what_it_was(db):
    at, _ = app_for(db, "results", {"pretest": 10, "posttest": 10})
    at.switch_page("app_pages/results.py").run()
    assert any("More practice" in str(link.label) for link in at.get("page_link"))
    at.switch_page("app_pages/more_practice.py").run()
    assert not at.exception
    assert at.title[0].value == "More practice"
    at.radio[0].set_value("ai")
    at.radio[1].set_value(60)
    [b for b in at.button if b.label == "Submit answer"][0].click().run()
    shown = texts(at)
    assert ("made on this computer" in shown) or ("real photo" in shown)
    assert "of 1 right so far" in shown
    [b for b in at.button if b.label == "Next face"][0].click().run()
    assert "of 1 right so far" in texts(at) and at.radio[0].value is None
