"""Storage of learners and answers through SQLAlchemy: SQLite by default, PostgreSQL via DATABASE_URL.

Every answer is written the moment it is given. A learner is found again by a random
resume token, of which only a SHA-256 hash is stored; no personal data is kept.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Integer, MetaData, String,
                        Table, Text, UniqueConstraint, create_engine, event, func, insert, select,
                        update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from telltale import ROOT

DEFAULT_SQLITE_PATH = ROOT / "data" / "telltale.db"

metadata = MetaData()

classes = Table(
    "classes", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    Column("teacher_token_hash", String(64), nullable=False, unique=True),
    Column("title", String(80), nullable=False, default=""),
    Column("settings", Text, nullable=False, default="{}"),  # JSON: sections and item counts
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
)

learners = Table(
    "learners", metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("seed", Integer, nullable=False),
    Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), index=True),
    Column("nickname", String(24)),
    Column("plan", Text, nullable=False, default="{}"),  # JSON: the course plan this learner follows
    Column("section", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("class_id", "nickname", name="uq_class_nickname"),
)

answers = Table(
    "answers", metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("phase", String(20), nullable=False),
    Column("position", Integer, nullable=False),
    Column("item_id", String(40), nullable=False),
    Column("choice", String(200), nullable=False),
    Column("confidence", Integer),
    Column("response_ms", Integer),
    Column("correct", Boolean, nullable=False),
    Column("score", Float, nullable=False),
    Column("detail", Text, nullable=False, default="{}"),  # JSON: flags chosen, pair shown, ...
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    # One answer per question: a double click or a resubmitted form cannot store two.
    UniqueConstraint("learner_id", "phase", "position", name="uq_answer_slot"),
)


def now() -> datetime:
    return datetime.now(timezone.utc)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(18)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith("postgres://"):  # the form some hosts hand out; SQLAlchemy wants the dialect name
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):
            # WAL lets a class of 30 answer at once while the dashboard reads.
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    metadata.create_all(engine)
    return engine


@dataclass(frozen=True)
class Learner:
    id: int
    seed: int
    section: str
    plan: dict
    class_id: int | None = None
    nickname: str | None = None


@dataclass(frozen=True)
class Answer:
    phase: str
    position: int
    item_id: str
    choice: str
    confidence: int | None
    response_ms: int | None
    correct: bool
    score: float
    detail: dict
    created_at: datetime


def _learner(row) -> Learner:
    return Learner(row.id, row.seed, row.section, json.loads(row.plan or "{}"), row.class_id, row.nickname)


class Store:
    """All reads and writes of learners and answers."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def create_learner(self, plan: dict, section: str, class_id: int | None = None,
                       nickname: str | None = None) -> tuple[str, Learner]:
        """A new learner and their resume token (shown once; only its hash is stored)."""
        token = new_token()
        stamp = now()
        values = dict(token_hash=hash_token(token), seed=secrets.randbelow(2**31), class_id=class_id,
                      nickname=nickname, plan=json.dumps(plan), section=section,
                      created_at=stamp, updated_at=stamp)
        with self.engine.begin() as conn:
            learner_id = conn.execute(insert(learners).values(**values)).inserted_primary_key[0]
        return token, Learner(learner_id, values["seed"], section, plan, class_id, nickname)

    def learner_by_token(self, token: str) -> Learner | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(learners).where(learners.c.token_hash == hash_token(token))).first()
        return _learner(row) if row else None

    def set_section(self, learner_id: int, section: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(learners).where(learners.c.id == learner_id)
                         .values(section=section, updated_at=now()))

    def record_answer(self, learner_id: int, phase: str, position: int, item_id: str, choice: str,
                      correct: bool, score: float, confidence: int | None = None,
                      response_ms: int | None = None, detail: dict | None = None) -> bool:
        """Store one answer at once. False if that question was already answered (kept as it was)."""
        stamp = now()
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(answers).values(
                    learner_id=learner_id, phase=phase, position=position, item_id=item_id,
                    choice=choice, confidence=confidence, response_ms=response_ms, correct=correct,
                    score=score, detail=json.dumps(detail or {}), created_at=stamp))
                conn.execute(update(learners).where(learners.c.id == learner_id).values(updated_at=stamp))
        except IntegrityError:
            return False
        return True

    def answers(self, learner_id: int, phase: str | None = None) -> list[Answer]:
        query = select(answers).where(answers.c.learner_id == learner_id)
        if phase:
            query = query.where(answers.c.phase == phase)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(answers.c.phase, answers.c.position)).all()
        return [Answer(r.phase, r.position, r.item_id, r.choice, r.confidence, r.response_ms, r.correct,
                       r.score, json.loads(r.detail or "{}"), r.created_at) for r in rows]

    def answer_count(self, learner_id: int, phase: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(answers).where(
                answers.c.learner_id == learner_id, answers.c.phase == phase)).scalar_one()
