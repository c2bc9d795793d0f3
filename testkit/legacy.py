"""Databases as earlier versions of the app left them, to test and time their upgrade."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Integer, MetaData, String, Table, Text

from telltale.storage import metadata


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
