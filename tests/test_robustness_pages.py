"""What a learner sees when storage fails under the running app, or a second tab answers first
(issue 9), on SQLite and PostgreSQL: a plain message, never a traceback, and nothing lost silently."""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from sqlalchemy import create_engine
from streamlit.testing.v1 import AppTest

from telltale import course
from telltale.storage import metadata

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def pretest_tab(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["t"] = token
    at.run()
    at.switch_page("app_pages/pretest.py").run()
    assert not at.exception and at.title[0].value == "Warm-up test"
    return at


def answer(at: AppTest, choice: str = "ai") -> AppTest:
    at.radio[0].set_value(choice)
    at.radio[1].set_value(80)
    return next(b for b in at.button if b.label == "Submit answer").click().run()


def messages(at: AppTest) -> str:
    return " ".join([e.value for e in at.error] + [w.value for w in at.warning] + [t.value for t in at.title])


def test_deleting_the_database_under_a_running_app_loses_no_answer_silently(app_store, db_url):
    token, learner = app_store.create_learner(course.default_plan(["pretest"]), section="pretest")
    at = pretest_tab(token)
    at = answer(at)
    assert app_store.answer_count(learner.id, "pretest") == 1
    if db_url.startswith("sqlite"):
        path = db_url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    else:
        engine = create_engine(db_url)
        metadata.drop_all(engine)  # the database is emptied under the running app
        engine.dispose()
    at = answer(at, "real")
    assert not at.exception
    assert "Telltale cannot save answers right now" in messages(at)
    assert "was **not** saved" in messages(at)


def test_a_database_that_cannot_be_reached_shows_a_plain_page_not_an_error(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "Telltale cannot save answers right now" in messages(at)
    at.switch_page("app_pages/join.py").run()
    assert not at.exception and "Telltale cannot save answers right now" in messages(at)
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_second_tab_is_told_that_its_answer_was_not_saved(app_store):
    token, learner = app_store.create_learner(course.default_plan(["pretest"]), section="pretest")
    first, second = pretest_tab(token), pretest_tab(token)  # both show question 1
    first = answer(first, "ai")
    second = answer(second, "real")
    assert not second.exception
    assert "already been answered in another tab" in messages(second)
    assert "Face 2 of 10" in second.get("progress")[0].proto.text
    stored = app_store.answers(learner.id, "pretest")
    assert [a.choice for a in stored] == ["ai"]  # the first answer counts, nothing was overwritten


def test_a_link_that_opens_nothing_says_what_may_have_happened(app_store):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["t"] = "no-such-resume-token"
    at.run()
    assert "This link no longer opens a course" in messages(at)


def test_two_learners_get_different_picture_addresses_for_the_same_face(app_store):
    plan = course.default_plan(["pretest"])
    first_token, first = app_store.create_learner(plan, section="pretest")
    second_token, _ = app_store.create_learner(plan, section="pretest")
    from sqlalchemy import update

    from telltale.storage import learners
    with app_store.engine.begin() as conn:  # the same seed: the same first face
        conn.execute(update(learners).where(learners.c.token_hash != "").values(seed=first.seed))
    pictures = [pretest_tab(token).get("image")[0] for token in (first_token, second_token)]
    urls = [picture.proto.imgs[0].url if hasattr(picture.proto, "imgs") else picture.proto.url for picture in pictures]
    assert all(url for url in urls) and urls[0] != urls[1], urls


def first_face_address(token: str) -> str:
    picture = pretest_tab(token).get("image")[0]
    return picture.proto.imgs[0].url if hasattr(picture.proto, "imgs") else picture.proto.url


def test_a_class_shares_its_picture_addresses_and_two_classes_do_not(app_store):
    """The pictures are keyed per class (telltale/served.py): classmates share one copy of a face,
    another class (this year's or next year's) gets other bytes and another address."""
    from sqlalchemy import update

    from telltale.classroom.codes import start_class
    from telltale.storage import learners
    first_class, _ = start_class(app_store, ["pretest"])
    second_class, _ = start_class(app_store, ["pretest"])
    made = [app_store.create_learner(the_class.plan, section="pretest", class_id=the_class.id)
            for the_class in (first_class, first_class, second_class)]
    with app_store.engine.begin() as conn:  # one seed for all three: the same first face
        conn.execute(update(learners).values(seed=made[0][1].seed))
    classmate, other_classmate, other_class = (first_face_address(token) for token, _ in made)
    assert classmate and classmate == other_classmate
    assert other_class and other_class != classmate
