"""Storage keeps every answer at its largest, and refuses answers it cannot keep (both databases).

Regression tests for issue 9: the network case with many accounts ticked crashed on PostgreSQL
(VARCHAR(200)); deleting the SQLite file under a running app let answers be "stored" into a
deleted file; a replaced or unwritable database was not noticed.
"""
from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import (Boolean, Column, DateTime, Float, Integer, MetaData, String, Table, Text, create_engine,
                        select, text)

from telltale.ads import investigation
from telltale.ads.load import MAX_ID_LENGTH
from telltale.course import default_plan
from telltale.steps import ad, network, pair
from telltale.storage import (GradedAnswer, Store, StorageError, StorageLost, StorageUnavailable, answers,
                              make_engine, metadata)
from testkit.answers import face_answer, face_item


def face(choice: str = "ai"):
    return face_answer("fabcdefg", choice, "ai")


def _learner(store):
    return store.create_learner(default_plan(), section="pretest")


def test_every_answer_type_at_its_largest_is_stored(store, lesson, case):
    token, learner = _learner(store)
    everyone = [account.handle for account in case.accounts]
    assert len(everyone) >= 12
    graded = network.grade(case, everyone, investigation.REASON_IDS)
    assert len(graded.choice) > 200  # what used to overflow VARCHAR(200) on PostgreSQL
    assert store.record_answer(learner.id, "network", 0, graded, response_ms=10**9)
    longest_ad = max(lesson.examples, key=lambda e: len(e.id))
    ad_graded = ad.grade(lesson, longest_ad, "inauthentic", list(lesson.flags))
    longest_id = GradedAnswer(ad_graded.kind, "a" * MAX_ID_LENGTH, ad_graded.choice, ad_graded.expected,
                              ad_graded.correct, ad_graded.score, ad_graded.detail)
    assert store.record_answer(learner.id, "ads", 0, longest_id, confidence=100)
    items = {"fabcdefg": face_item("fabcdefg", "ai"), "fhijkmnp": face_item("fhijkmnp", "real")}
    assert store.record_answer(learner.id, "practice", 0, pair.grade(items, ("fabcdefg", "fhijkmnp"), "right"),
                               confidence=100)
    assert store.record_answer(learner.id, "pretest", 0, face("real"), confidence=100, response_ms=2**31 - 1)
    kept = {a.phase: a for a in store.answers(learner.id)}
    assert json.loads(kept["network"].choice) == sorted(everyone)
    assert kept["network"].expected == graded.expected and kept["network"].detail == graded.detail
    assert kept["ads"].item_id == "a" * MAX_ID_LENGTH and kept["ads"].detail == ad_graded.detail
    assert kept["practice"].item_id == "fabcdefg+fhijkmnp" and kept["practice"].correct


def test_an_old_postgresql_database_gets_text_columns(db_url):
    """A database made by the release with String(40)/String(200) columns is widened at start."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite never enforced the length")
    engine = create_engine(db_url)
    old = MetaData()
    Table("answers", old, Column("id", Integer, primary_key=True), Column("learner_id", Integer),
          Column("phase", String(20)), Column("position", Integer), Column("item_id", String(40)),
          Column("choice", String(200)), Column("expected", String(200)), Column("confidence", Integer),
          Column("response_ms", Integer), Column("correct", Boolean), Column("score", Float),
          Column("detail", Text), Column("created_at", DateTime(timezone=True)))
    old.create_all(engine)
    engine.dispose()
    store = Store(make_engine(db_url))
    with store.engine.connect() as conn:
        kinds = dict(conn.execute(text("SELECT column_name, data_type FROM information_schema.columns "
                                       "WHERE table_name = 'answers'")).all())
    assert kinds["choice"] == kinds["item_id"] == kinds["expected"] == "text"
    store.engine.dispose()


def test_deleting_the_sqlite_file_under_a_running_app_refuses_answers(tmp_path):
    path = tmp_path / "telltale.db"
    store = Store(make_engine(f"sqlite:///{path}"))
    token, learner = _learner(store)
    assert store.record_answer(learner.id, "pretest", 0, face())
    for name in ("telltale.db", "telltale.db-wal", "telltale.db-shm"):
        if (tmp_path / name).exists():
            os.remove(tmp_path / name)
    with pytest.raises(StorageLost, match="deleted"):
        store.record_answer(learner.id, "pretest", 1, face("real"))
    with pytest.raises(StorageLost):
        store.create_learner(default_plan(), section="pretest")
    assert "deleted" in store.health()
    store.engine.dispose()


def test_a_replaced_database_is_noticed(db_url, tmp_path):
    store = Store(make_engine(db_url))
    _, learner = _learner(store)
    assert store.health() is None
    # Someone drops the tables and another server starts on the now empty database.
    metadata.drop_all(store.engine)
    other = Store(make_engine(db_url))
    with pytest.raises(StorageLost, match="replaced"):
        store.record_answer(learner.id, "pretest", 0, face())
    with other.engine.connect() as conn:
        assert conn.execute(select(answers)).all() == []
    assert "replaced" in store.health()
    other.engine.dispose()
    store.engine.dispose()


def test_a_sqlite_file_swapped_for_another_is_noticed(tmp_path):
    path = tmp_path / "telltale.db"
    store = Store(make_engine(f"sqlite:///{path}"))
    _, learner = _learner(store)
    other_path = tmp_path / "other.db"
    Store(make_engine(f"sqlite:///{other_path}")).engine.dispose()
    os.replace(other_path, path)
    with pytest.raises(StorageLost, match="replaced"):
        store.record_answer(learner.id, "pretest", 0, face())
    store.engine.dispose()


def test_an_unwritable_database_refuses_answers_and_says_so(db_url):
    if db_url.startswith("sqlite"):
        store = Store(make_engine(db_url, sqlite_timeout=0.2))
        _, learner = _learner(store)
        blocker = create_engine(db_url, connect_args={"timeout": 0.2}).raw_connection()
        blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file: nothing can be written
        try:
            with pytest.raises(StorageUnavailable, match="cannot be written"):
                store.record_answer(learner.id, "pretest", 0, face())
            assert "cannot be written" in store.health()
        finally:
            blocker.rollback()
            blocker.close()
    else:
        store = Store(make_engine(db_url))
        _, learner = _learner(store)
        admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("ALTER ROLE CURRENT_USER SET default_transaction_read_only = on"))
        store.engine.dispose()  # new connections: the role is now read-only
        try:
            with pytest.raises(StorageUnavailable, match="cannot be written"):
                store.record_answer(learner.id, "pretest", 0, face())
        finally:
            with admin.connect() as conn:
                conn.execute(text("SET default_transaction_read_only = off"))
                conn.execute(text("ALTER ROLE CURRENT_USER RESET default_transaction_read_only"))
            admin.dispose()
    store.engine.dispose()
    again = Store(make_engine(db_url))
    assert again.answers(learner.id) == []  # nothing half-stored
    assert again.record_answer(learner.id, "pretest", 0, face())
    again.engine.dispose()


def test_an_unreachable_database_is_a_storage_error():
    with pytest.raises(StorageError):
        Store(make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"))
