"""The step contract on SQLite and PostgreSQL, without a browser: for every kind of step, a right and a
wrong answer are graded, submitted, stored and read back with what was expected; a closed class
stores nothing; answers stored before the expected answer was kept are converted when the app starts."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, insert, select

from telltale import answering, classroom, course
from telltale.ads import investigation
from telltale.ads import lesson as ads_lesson
from telltale.ads.results import ads_results
from telltale.ads.scoring import INVENTED_PENALTY
from telltale.library import load_library
from telltale.results import learner_results
from telltale.steps import KINDS, ad, decode, face, network, pair
from telltale.storage import ANSWER_FORMAT, Store, answers, make_engine, now
from testkit.answers import answer_questions
from testkit.legacy import format_one_store


@pytest.fixture(scope="module")
def items():
    return load_library().items


def an_item(items, ai: bool):
    return next(i for i in items.values() if i.is_ai == ai and i.form == "A")


def a_pair(items) -> tuple[str, str]:
    real = next(i.image for i in items.values() if not i.is_ai and i.form == "practice")
    fake = next(i.image for i in items.values() if i.is_ai and i.form == "practice")
    return real, fake


def stored_back(store, learner, phase):
    return [(a.kind, a.item_id, a.choice, a.expected, a.correct, a.score) for a in store.answers(learner.id, phase)]


def learner_of(store):
    return store.create_learner(course.default_plan(), section="pretest")[1]


# --- every step kind: graded, stored, read back ------------------------------------------

@pytest.mark.parametrize("ai", [True, False])
def test_a_single_face_is_right_only_when_its_truth_is_chosen(store, items, ai):
    item = an_item(items, ai)
    truth, other = ("ai", "real") if ai else ("real", "ai")
    learner = learner_of(store)
    right = answering.submit(store, learner.id, "pretest", 0, face.grade(item, truth), 80, 1200)
    wrong = answering.submit(store, learner.id, "pretest", 1, face.grade(item, other), 60, 900)
    assert right.stored and wrong.stored and not right.class_closed
    assert stored_back(store, learner, "pretest") == [
        ("face", item.image, truth, truth, True, 1.0), ("face", item.image, other, truth, False, 0.0)]
    with pytest.raises(ValueError):
        face.grade(item, "left")


def test_every_single_face_question_of_a_test_is_graded_by_its_truth(store, items):
    """Answering every question of a test wrongly must store every one as wrong (and right as right)."""
    learner = learner_of(store)
    results = [s.graded for s in answer_questions(store, learner, "pretest", 10, items, right=False)]
    assert results and not any(g.correct for g in results) and all(g.score == 0.0 for g in results)
    results = [s.graded for s in answer_questions(store, learner, "posttest", 10, items, right=True)]
    assert results and all(g.correct for g in results)
    stored = store.answers(learner.id)
    assert [a.correct for a in stored if a.phase == "pretest"] == [False] * 10
    assert all(a.expected == items[a.item_id].answer and a.choice != a.expected for a in stored
               if a.phase == "pretest")
    figures = learner_results(items, stored)
    assert figures.pretest.correct == 0 and figures.posttest.correct == figures.posttest.n


def test_a_pair_is_right_only_when_the_real_face_is_picked(store, items):
    real, fake = a_pair(items)
    learner = learner_of(store)
    for position, (shown, side) in enumerate([((real, fake), "left"), ((fake, real), "left"),
                                               ((fake, real), "right"), ((real, fake), "right")]):
        answering.submit(store, learner.id, "practice", position, pair.grade(items, shown, side), 70, 1000)
    assert stored_back(store, learner, "practice") == [
        ("pair", f"{real}+{fake}", real, real, True, 1.0), ("pair", f"{fake}+{real}", fake, real, False, 0.0),
        ("pair", f"{fake}+{real}", real, real, True, 1.0), ("pair", f"{real}+{fake}", fake, real, False, 0.0)]
    with pytest.raises(ValueError):
        pair.grade(items, (real, real), "left")


def test_an_ad_stores_the_verdict_chosen_and_the_true_one(store, lesson):
    fake = next(e for e in lesson.examples if e.is_inauthentic)
    honest = next(e for e in lesson.examples if not e.is_inauthentic)
    learner = learner_of(store)
    for position, (example, decision, flags) in enumerate([
            (fake, "inauthentic", sorted(fake.flag_ids)), (fake, "authentic", []),
            (honest, "authentic", []), (honest, "inauthentic", sorted(fake.flag_ids)[:1])]):
        answering.submit(store, learner.id, "ads", position, ad.grade(lesson, example, decision, flags), 80, 1000)
    back = store.answers(learner.id, "ads")
    assert [(a.kind, a.item_id, a.choice, a.expected, a.correct) for a in back] == [
        ("ad", fake.id, "inauthentic", "inauthentic", True), ("ad", fake.id, "authentic", "inauthentic", False),
        ("ad", honest.id, "authentic", "authentic", True), ("ad", honest.id, "inauthentic", "authentic", False)]
    assert [a.score for a in back] == [1.0, 0.0, 1.0, pytest.approx(0.5 * (1 - INVENTED_PENALTY))]
    assert back[0].detail["found"] == sorted(fake.flag_ids, key=list(lesson.flags).index)
    figures = ads_results(back)
    assert (figures.inauthentic_judged, figures.inauthentic_caught) == (2, 1)
    assert (figures.authentic_judged, figures.authentic_accused) == (2, 1)


@pytest.mark.parametrize("exact", [True, False])
def test_the_network_case_stores_the_handles_picked_and_the_networks(store, case, exact):
    in_network = sorted(case.network_handles)
    ordinary = sorted(a.handle for a in case.accounts if not a.belongs_to_network)
    picked = in_network if exact else in_network[:2] + ordinary[:1]
    learner = learner_of(store)
    answering.submit(store, learner.id, "network", 0, network.grade(case, picked, ["shared-admins"]), None, 5000)
    [answer] = store.answers(learner.id, "network")
    assert answer.kind == "network" and answer.item_id == case.id and answer.correct is exact
    assert decode(answer.kind, answer.choice) == sorted(picked)
    assert decode(answer.kind, answer.expected) == in_network
    assert answer.score == pytest.approx(1.0 if exact else 2 / len(in_network) - 1 / len(ordinary))
    assert ads_results([answer]).network.hits == (len(in_network) if exact else 2)


def test_every_kind_module_keeps_the_contract():
    for kind, module in KINDS.items():
        assert module.KIND == kind
        assert callable(module.grade) and callable(module.decode)


# --- the closed class ------------------------------------------------------------------------

def test_an_answer_to_a_closed_class_is_refused_and_nothing_is_stored(store, items):
    the_class, _ = classroom.start_class(store, ["pretest"])
    student = classroom.join_class(store, the_class.code, "Brave Fox").learner
    question = course.questions_for("pretest", student.plan, student.seed, items)[0]
    graded = course.grade_question(items, question, items[question.items[0]].answer)
    store.set_class_closed(the_class.id, True)
    submitted = answering.submit(store, student.id, "pretest", 0, graded, 80, 1000)
    assert submitted.class_closed and not submitted.stored
    assert store.answers(student.id) == []
    store.set_class_closed(the_class.id, False)
    submitted = answering.submit(store, student.id, "pretest", 0, graded, 80, 1000)
    assert submitted.stored and not submitted.class_closed
    again = answering.submit(store, student.id, "pretest", 0, graded, 80, 1000)
    assert not again.stored and not again.class_closed  # the first answer is kept


# --- answers stored before format 2 ----------------------------------------------------------

def test_answers_of_the_previous_format_get_their_kind_and_expected_answer(db_url, items, lesson, case):
    # The database as the previous version left it: its tables, and rows as its record_answer wrote them.
    engine = create_engine(db_url)
    old_store, old_answers = format_one_store(engine)
    real, fake = a_pair(items)
    ai_face = an_item(items, True)
    fake_ad = next(e for e in lesson.examples if e.is_inauthentic)
    honest_ad = next(e for e in lesson.examples if not e.is_inauthentic)
    network_score, network_choice, network_detail = investigation.grade(
        case, sorted(case.network_handles)[:2], ["batch-created"])
    rows = [  # (phase, item, choice, correct, score, detail)
        ("pretest", ai_face.image, "real", False, 0.0, {}),
        ("posttest", ai_face.image, "ai", True, 1.0, {}),
        ("practice", f"{fake}+{real}", fake, False, 0.0, {}),
        ("practice", f"{real}+{fake}", real, True, 1.0, {}),
        ("ads", fake_ad.id, "authentic", False, 0.0, ads_lesson.grade(lesson, fake_ad, "authentic", [])[1]),
        ("ads", honest_ad.id, "authentic", True, 1.0, ads_lesson.grade(lesson, honest_ad, "authentic", [])[1]),
        ("network", case.id, network_choice, False, network_score.score, network_detail),
    ]
    learner_id = old_store.create_learner(course.default_plan(), "results")[1].id
    with engine.begin() as conn:
        for position, (phase, item, choice, correct, score, detail) in enumerate(rows):
            conn.execute(insert(old_answers).values(
                learner_id=learner_id, phase=phase, position=position, item_id=item, choice=choice,
                confidence=70, response_ms=1000, correct=correct, score=score, detail=json.dumps(detail),
                created_at=now()))
    engine.dispose()

    store = Store(make_engine(db_url))  # the app starting: new columns, then the rows converted
    back = {(a.phase, a.position): a for a in store.answers(learner_id)}
    assert [(a.kind, a.expected) for a in sorted(back.values(), key=lambda a: a.position)] == [
        ("face", "ai"), ("face", "ai"), ("pair", real), ("pair", real), ("ad", "inauthentic"),
        ("ad", "authentic"), ("network", json.dumps(sorted(case.network_handles)))]
    assert all(a.choice == rows[a.position][2] for a in back.values())  # what was chosen is untouched
    with store.engine.connect() as conn:
        assert set(conn.execute(select(answers.c.answer_format)).scalars()) == {ANSWER_FORMAT}
    # The readers give what the previous version showed.
    stored = store.answers(learner_id)
    figures = learner_results(items, stored)
    assert (figures.pretest.correct, figures.pretest.misses) == (0, 1) and figures.posttest.hits == 1
    assert ads_results(stored).inauthentic_judged == 1 and ads_results(stored).authentic_accused == 0
    store.engine.dispose()
    again = Store(make_engine(db_url))  # a second start changes nothing
    assert [(a.kind, a.expected) for a in again.answers(learner_id)] == [(a.kind, a.expected) for a in stored]
    again.engine.dispose()
