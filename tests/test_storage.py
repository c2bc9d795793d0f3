"""Storage on SQLite and PostgreSQL: answers kept at once, resume by token, one answer per slot."""
from dataclasses import replace

from telltale.course import default_plan
from testkit.answers import face_answer
from telltale.storage import Store, hash_token, learners, make_engine
from sqlalchemy import select


def test_resume_token_finds_the_learner_and_only_its_hash_is_stored(store):
    token, learner = store.create_learner(default_plan(), section="pretest")
    assert store.learner_by_token(token).id == learner.id
    assert store.learner_by_token(token + "x") is None
    with store.engine.connect() as conn:
        stored = conn.execute(select(learners.c.token_hash)).scalar_one()
    assert stored == hash_token(token) and token not in stored


def test_every_answer_is_kept_with_its_details(store):
    _, learner = store.create_learner(default_plan(), section="pretest")
    assert store.record_answer(learner.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"),
                               confidence=80, response_ms=4200)
    assert store.record_answer(learner.id, "pretest", 1,
                               replace(face_answer("fdef6789", "real", "ai"), detail={"note": "x"}),
                               confidence=60, response_ms=3100)
    kept = store.answers(learner.id, "pretest")
    assert [(a.position, a.item_id, a.choice, a.confidence, a.response_ms, a.correct) for a in kept] == [
        (0, "fabc2345", "ai", 80, 4200, True), (1, "fdef6789", "real", 60, 3100, False)]
    assert kept[1].detail == {"note": "x"}
    assert store.answer_count(learner.id, "pretest") == 2


def test_a_second_submit_of_the_same_question_keeps_the_first(store):
    _, learner = store.create_learner(default_plan(), section="pretest")
    assert store.record_answer(learner.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"))
    assert not store.record_answer(learner.id, "pretest", 0, face_answer("fabc2345", "real", "ai"))
    assert [a.choice for a in store.answers(learner.id)] == ["ai"]


def test_answers_survive_a_new_engine(db_url):
    first = Store(make_engine(db_url))
    token, learner = first.create_learner(default_plan(), section="pretest")
    first.record_answer(learner.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"))
    first.set_section(learner.id, "tells")
    first.engine.dispose()
    second = Store(make_engine(db_url))
    again = second.learner_by_token(token)
    assert again.section == "tells" and again.seed == learner.seed
    assert len(second.answers(again.id)) == 1
    second.engine.dispose()


def test_a_learner_can_delete_their_answers(store):
    token, learner = store.create_learner(default_plan(), section="pretest")
    store.record_answer(learner.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"))
    store.delete_learner(learner.id)
    assert store.learner_by_token(token) is None
    assert store.answers(learner.id) == []


def test_self_paced_learners_are_deleted_after_their_retention_period(store):
    from datetime import timedelta

    from telltale.classroom import purge_expired
    from telltale.storage import now
    old_token, old = store.create_learner(default_plan(), section="pretest")
    new_token, _ = store.create_learner(default_plan(), section="pretest")
    store.record_answer(old.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"))
    purge_expired(store, at=now() + timedelta(days=181))
    assert store.learner_by_token(old_token) is None and store.learner_by_token(new_token) is None
    kept_token, _ = store.create_learner(default_plan(), section="pretest")
    purge_expired(store, at=now() + timedelta(days=179))
    assert store.learner_by_token(kept_token) is not None


def test_answers_stored_under_a_post_s_old_id_move_to_its_new_id_and_the_learner_resumes(db_url, lesson):
    from telltale.ads import lesson as ads_lesson
    from telltale.storage import RENAMED_ITEMS, answers
    from testkit.answers import store_ad

    renamed = RENAMED_ITEMS["ads"]
    assert set(renamed.values()) <= {e.id for e in lesson.examples}  # every new id is a post of the lesson
    assert not set(renamed) & {e.id for e in lesson.examples}  # and no old one is
    first = Store(make_engine(db_url))
    token, learner = first.create_learner(default_plan(), section="ads")
    order = ads_lesson.example_order(lesson, learner.seed)
    for position, example_id in enumerate(order[:-1]):  # all posts but the last, answered
        store_ad(first, learner.id, lesson, position, example_id, "authentic")
    with first.engine.begin() as conn:  # as the previous version stored them: under the old ids
        for old, new in renamed.items():
            conn.execute(answers.update().where(answers.c.item_id == new).values(item_id=old))
    first.engine.dispose()

    second = Store(make_engine(db_url))  # the app starting
    stored = second.answers(second.learner_by_token(token).id, "ads")
    assert [a.item_id for a in stored] == order[:-1]
    assert ads_lesson.next_example(order, [a.item_id for a in stored]) == order[-1]
    assert [a.choice for a in stored] == ["authentic"] * (len(order) - 1)  # nothing else changed
    second.engine.dispose()
