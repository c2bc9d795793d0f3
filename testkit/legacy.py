"""Databases as earlier versions of the app left them, to test and time their upgrade."""
from __future__ import annotations

import secrets

from sqlalchemy import Boolean, Column, DateTime, Engine, Float, Integer, MetaData, String, Table, Text, insert

from telltale.storage import Store, instance, metadata, now


def format_one_schema() -> tuple[MetaData, Table]:
    """Every table as now, but answers as they were before they kept their kind and expected answer
    (ANSWER_FORMAT 1): returns the schema and its answers table."""
    old = MetaData()
    for table in metadata.sorted_tables:
        if table.name != "answers":
            table.to_metadata(old)
    answers = Table(
        "answers", old,
        Column("id", Integer, primary_key=True), Column("learner_id", Integer, nullable=False),
        Column("phase", String(20), nullable=False), Column("position", Integer, nullable=False),
        Column("item_id", String(40), nullable=False), Column("choice", String(200), nullable=False),
        Column("confidence", Integer), Column("response_ms", Integer), Column("correct", Boolean, nullable=False),
        Column("score", Float, nullable=False), Column("detail", Text, nullable=False, default="{}"),
        Column("created_at", DateTime(timezone=True), nullable=False))
    return old, answers


def format_one_store(engine: Engine) -> tuple[Store, Table]:
    """A format-1 database on ``engine`` and a Store to write learners into it as the old code did.

    The Store of today refuses a database without its instance row (telltale_instance, which
    make_engine gives a database when the app opens it); the row is added here so that learners can
    be written before the app of today first opens the database. Returns the old answers table."""
    old, answers = format_one_schema()
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(instance).values(id=1, instance_id=secrets.token_hex(16), secret=secrets.token_hex(32),
                                             created_at=now()))
    return Store(engine), answers
