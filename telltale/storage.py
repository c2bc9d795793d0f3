"""Storage of learners and answers through SQLAlchemy: SQLite by default, PostgreSQL via DATABASE_URL.

Every answer is written the moment it is given. A learner is found again by a random
resume token, of which only a SHA-256 hash is stored; no personal data is kept.

An answer that cannot be kept is refused, never accepted silently. Each database holds one
row in telltale_instance with a random id made when the database was made; every write checks,
in its own transaction, that the row is still the one this server started with, and on SQLite
that the file at the database's path is still the file it opened (deleting the file under a
running server would otherwise let the open connections write into a deleted file, lost at the
next restart). A database that was deleted, replaced or made unwritable, or cannot be reached,
raises StorageError, which the pages show to the learner in plain words.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, UniqueConstraint, and_, bindparam, case, create_engine, delete, event, func, insert, inspect,
                        literal, select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from telltale import ROOT, i18n

DEFAULT_SQLITE_PATH = ROOT / "data" / "telltale.db"

metadata = MetaData()

classes = Table(
    "classes", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    Column("teacher_token_hash", String(64), nullable=False, unique=True),
    Column("title", String(80), nullable=False, default=""),
    Column("settings", Text, nullable=False, default="{}"),  # JSON: sections and item counts
    Column("created_at", DateTime(timezone=True), nullable=False),  # indexed below: retention sweeps by age
    Column("closed_at", DateTime(timezone=True)),
    Column("language", String(8)),  # the students' default language (telltale.i18n); NULL: the default
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
    # A random id that names the learner in exports (xAPI actor); unlike the token it never changes.
    Column("public_id", String(32)),
    Column("rejoins", Integer, default=0),  # times the nickname was taken up again (teacher sees it)
    # The nickname's look-alike key (telltale.nicknames.key): unique per class, see LATER_INDEXES.
    Column("nickname_key", Text),
    Column("language", String(8)),  # the interface language the learner chose (telltale.i18n); NULL: the default
    UniqueConstraint("class_id", "nickname", name="uq_class_nickname"),
)

answers = Table(
    "answers", metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("phase", String(20), nullable=False),
    Column("position", Integer, nullable=False),
    # Text, not String(n): ids come from content files and a choice can list many accounts; a
    # length limit here would make PostgreSQL refuse answers that SQLite keeps.
    Column("item_id", Text, nullable=False),
    # What was chosen and what was expected, each encoded by its step kind (telltale/steps/):
    # readers decode them with that kind instead of rebuilding the right answer.
    Column("kind", String(20)),
    Column("choice", Text, nullable=False),
    Column("expected", Text),
    Column("answer_format", Integer),  # ANSWER_FORMAT; NULL on rows written before it (see _migrate_answers)
    Column("confidence", Integer),
    Column("response_ms", Integer),
    Column("correct", Boolean, nullable=False),
    Column("score", Float, nullable=False),
    Column("detail", Text, nullable=False, default="{}"),  # JSON: flags chosen, pair shown, ...
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    # One answer per question: a double click or a resubmitted form cannot store two.
    UniqueConstraint("learner_id", "phase", "position", name="uq_answer_slot"),
)


# Attempts to join a class, to slow down guessing of codes (telltale/join_guard.py). No address
# is stored: `client` and `network` are keyed hashes, and rows older than a day are deleted.
join_attempts = Table(
    "join_attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("client", String(64), nullable=False),  # this browser (address and browser cookie)
    Column("network", String(64), nullable=False),  # its address alone (a school may share one)
    Column("class_id", Integer),  # the class, when the code was right
    Column("failed", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_join_attempts_client", "client", "at"),
    Index("ix_join_attempts_network", "network", "at"),
    Index("ix_join_attempts_class", "class_id", "at"),
)

# A student asking to continue under a nickname already in the class, from another device: the
# teacher approves (or refuses) on the dashboard, then the asking tab gets a new resume token.
rejoin_requests = Table(
    "rejoin_requests", metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # the asking tab's secret, hashed
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decision", String(10)),  # None while waiting; "approved", "refused", "claimed"
    Column("decided_at", DateTime(timezone=True)),
)

# One row (id 1) made with the database: who it is, and the secret that keys served pictures.
instance = Table(
    "telltale_instance", metadata,
    Column("id", Integer, primary_key=True),
    Column("instance_id", String(32), nullable=False),
    Column("secret", String(64), nullable=False),  # hex; see telltale/served.py
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Version of the stored answer's shape (kind, choice, expected). Rows without one are converted by
# _migrate_answers when the app starts.
ANSWER_FORMAT = 2

# Item ids renamed after answers were stored under them, per phase: old id -> new id. The posts'
# ids held the real towns and products their Pages were first named after, and a teacher reads
# them in the answers export. _rename_items moves stored answers to the new ids when the app starts.
RENAMED_ITEMS = {"ads": {
    "millbrook-bulletin": "millcombe-bulletin", "harwick-parents": "brackenmere-parents",
    "novacoin-bonus": "vennacoin-giveaway", "hartwell-bakery": "hartmoor-bakery",
    "westbrook-library": "wendlecombe-library", "lakeview-ledger": "lakemere-ledger",
    "riverside-nurses": "rivermead-nurses", "cedar-creek-friends": "cedarmoor-creek-friends",
    "pine-hill-pool": "pine-hollow-pool",
}}

# Indexes added after the first release: created on existing databases too (see _upgrade).
LATER_INDEXES = [Index("ix_classes_created_at", classes.c.created_at),
                 # NULL keys (students who joined before keys existed) never collide.
                 Index("uq_class_nickname_key", learners.c.class_id, learners.c.nickname_key, unique=True)]
# Columns that an earlier version made String(n) and that are Text now (see _widen).
WIDENED = {"answers": ("item_id", "choice", "expected")}


class ClassClosed(Exception):
    """The learner's class is closed: it accepts no more answers or students."""


class ClassFull(Exception):
    """The class has as many students as its teacher allowed."""


class StorageError(Exception):
    """The database cannot keep what is given to it; `reason` says why, for the log and readiness."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class StorageLost(StorageError):
    """The database this server started with was deleted or replaced."""


class StorageUnavailable(StorageError):
    """The database cannot be reached, read or written right now."""


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


def make_engine(url: str | None = None, sqlite_timeout: float = 30) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": sqlite_timeout})

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
    try:
        metadata.create_all(engine)
        _upgrade(engine)
    except DBAPIError as error:
        raise StorageUnavailable(f"the database cannot be opened: {_short(error)}") from error
    return engine


def _ensure_instance(engine: Engine) -> None:
    """Give a new database its instance row (the first server to get there wins)."""
    with engine.connect() as conn:
        if conn.execute(select(instance.c.id).where(instance.c.id == 1)).first():
            return
    try:
        with engine.begin() as conn:
            conn.execute(insert(instance).values(id=1, instance_id=secrets.token_hex(16),
                                                 secret=secrets.token_hex(32), created_at=now()))
    except IntegrityError:  # another server made it a moment ago
        pass


def _upgrade(engine: Engine) -> None:
    """Bring a database made by an earlier version up to date: add new nullable columns and indexes.

    Safe when several app servers start at once: whatever another server added first is skipped.
    """
    existing = inspect(engine)
    for table in metadata.sorted_tables:
        have = {column["name"] for column in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name in have or not column.nullable:
                continue
            kind = column.type.compile(dialect=engine.dialect)
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}')
            except Exception:  # noqa: BLE001 - added meanwhile by another server
                pass
    for index in LATER_INDEXES:
        try:
            index.create(engine, checkfirst=True)
        except Exception:  # noqa: BLE001 - created meanwhile by another server
            pass
    _widen(engine, existing)  # before the migration: expected answers can be long
    _migrate_answers(engine)
    _rename_items(engine)


def legacy_kind_and_expected(phase: str, item_id: str, choice: str, correct: bool, detail: dict) -> tuple[str, str]:
    """The step kind and expected answer of a row stored before ANSWER_FORMAT 2, from the row alone.

    Format 1 kept only the choice and whether it was right: a face stored "real"/"ai", a pair its
    two ids joined by "+" and the id picked as real, an ad "authentic"/"inauthentic", the network
    case a JSON list of handles (the network's handles are the detail's hits and misses).
    """
    if phase == "network":
        return "network", json.dumps(sorted(set(detail.get("hits", [])) | set(detail.get("misses", []))))
    if phase == "ads":
        other = "authentic" if choice == "inauthentic" else "inauthentic"
        return "ad", choice if correct else other
    if "+" in item_id:
        shown = item_id.split("+")
        return "pair", choice if correct else next((i for i in shown if i != choice), choice)
    return "face", choice if correct else ("real" if choice == "ai" else "ai")


def _migrate_answers(engine: Engine) -> None:
    """Give every answer stored before ANSWER_FORMAT 2 its kind and expected answer.

    Idempotent, and safe when several servers start at once: each row is updated only while
    it still has no format, and a row converted twice gets the same values.
    """
    with engine.connect() as conn:
        rows = conn.execute(select(answers.c.id, answers.c.phase, answers.c.item_id, answers.c.choice,
                                   answers.c.correct, answers.c.detail)
                            .where(answers.c.answer_format.is_(None))).all()
    if not rows:
        return
    converted = []
    for row in rows:
        kind, expected = legacy_kind_and_expected(row.phase, row.item_id, row.choice, bool(row.correct),
                                                  _detail(row.detail))
        converted.append({"row_id": row.id, "new_kind": kind, "new_expected": expected})
    statement = (update(answers).where(answers.c.id == bindparam("row_id"), answers.c.answer_format.is_(None))
                 .values(kind=bindparam("new_kind"), expected=bindparam("new_expected"), answer_format=ANSWER_FORMAT))
    with engine.begin() as conn:
        conn.execute(statement, converted)  # one batch: seconds even for 100,000 old answers


def _rename_items(engine: Engine) -> None:
    """Move answers stored under an old item id to its new one (RENAMED_ITEMS).

    Idempotent, and safe when several servers start at once: a row already moved no longer
    matches. One read per phase when nothing is left to move, so a start costs almost nothing.
    """
    with engine.begin() as conn:
        for phase, renames in RENAMED_ITEMS.items():
            stale = and_(answers.c.phase == phase, answers.c.item_id.in_(list(renames)))
            if conn.execute(select(answers.c.id).where(stale).limit(1)).first() is not None:
                conn.execute(update(answers).where(stale).values(item_id=case(renames, value=answers.c.item_id)))


def _widen(engine: Engine, existing) -> None:
    """Make columns that were String(n) Text. SQLite never enforced the length; PostgreSQL did."""
    if engine.dialect.name != "postgresql":
        return
    for table, names in WIDENED.items():
        limited = {c["name"] for c in existing.get_columns(table) if getattr(c["type"], "length", None)}
        for name in names:
            if name in limited:
                with engine.begin() as conn:  # idempotent: a second server finds the column already TEXT
                    conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {name} TYPE TEXT")


@dataclass(frozen=True)
class Learner:
    id: int
    seed: int
    section: str
    plan: dict
    class_id: int | None = None
    nickname: str | None = None
    language: str = i18n.DEFAULT


@dataclass(frozen=True)
class GradedAnswer:
    """An answer as a step kind graded it (telltale/steps/), ready to store."""
    kind: str
    item_id: str
    choice: str  # what the learner chose, encoded by the kind
    expected: str  # the right answer, encoded by the kind
    correct: bool
    score: float
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    phase: str
    position: int
    item_id: str
    kind: str  # the step kind that encoded choice and expected ("face", "pair", "ad", "network")
    choice: str
    expected: str
    confidence: int | None
    response_ms: int | None
    correct: bool
    score: float
    detail: dict
    created_at: datetime


def _learner(row) -> Learner:
    return Learner(row.id, row.seed, row.section, json.loads(row.plan or "{}"), row.class_id, row.nickname,
                   i18n.language_or_default(row.language))


@dataclass(frozen=True)
class ClassRecord:
    id: int
    code: str
    title: str
    plan: dict  # the course plan every student of the class follows
    created_at: datetime
    closed_at: datetime | None
    language: str = i18n.DEFAULT  # the students' default language

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class Member:
    """A student of a class as the teacher sees them: nickname and progress, nothing personal."""
    learner_id: int
    nickname: str
    section: str
    plan: dict
    public_id: str
    rejoins: int
    joined_at: datetime
    active_at: datetime
    language: str = i18n.DEFAULT  # the language the student uses the course in


@dataclass(frozen=True)
class RejoinRequest:
    id: int
    learner_id: int
    nickname: str
    created_at: datetime
    decision: str | None  # None while waiting; "approved", "refused", "claimed"


@dataclass(frozen=True)
class ClassAnswer(Answer):
    """One stored answer of a class, with who gave it."""
    id: int = 0
    learner_id: int = 0
    nickname: str = ""
    public_id: str = ""
    language: str = i18n.DEFAULT  # the learner's language


def _answer_fields(row) -> tuple:
    """The Answer fields of a row of the answers table, in Answer's order."""
    return (row.phase, row.position, row.item_id, row.kind, row.choice, row.expected, row.confidence, row.response_ms, row.correct,
            row.score, _detail(row.detail), _aware(row.created_at))


def _aware(stamp: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their time zone; every stored one is UTC."""
    if stamp is not None and stamp.tzinfo is None:
        return stamp.replace(tzinfo=timezone.utc)
    return stamp


def _detail(raw: str | None) -> dict:
    return json.loads(raw) if raw and raw != "{}" else {}  # most answers have no detail: skip the parser


def _class(row) -> ClassRecord:
    return ClassRecord(row.id, row.code, row.title or "", json.loads(row.settings or "{}"),
                       _aware(row.created_at), _aware(row.closed_at), i18n.language_or_default(row.language))


def _short(error: Exception) -> str:
    """The first line of a driver's message (no SQL, no parameters)."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0][:200]


def _public_id(public_id: str | None, learner_id: int, seed: int) -> str:
    # Learners stored before public ids existed get one derived from their row (stable, not the token).
    return public_id or hashlib.sha256(f"telltale-learner-{learner_id}-{seed}".encode()).hexdigest()[:24]


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve()


def _file_identity(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


class Store:
    """All reads and writes of learners and answers."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sqlite_file = _sqlite_file(engine)
        self._file = _file_identity(self.sqlite_file) if self.sqlite_file else None
        try:
            _ensure_instance(engine)  # a database made before instance ids existed gets one now
        except DBAPIError as error:
            raise StorageUnavailable(f"the database cannot be opened: {_short(error)}") from error
        with self._reading() as conn:
            row = conn.execute(select(instance).where(instance.c.id == 1)).first()
        self.instance_id = row.instance_id
        self.secret = bytes.fromhex(row.secret)

    # --- knowing the database is still the one we started with ---------------------------------

    def _check_file(self) -> None:
        if self.sqlite_file is None:
            return
        try:
            identity = _file_identity(self.sqlite_file)
        except FileNotFoundError:
            raise StorageLost(f"the database file {self.sqlite_file} was deleted while the app was running") from None
        if identity != self._file:
            raise StorageLost(f"the database file {self.sqlite_file} was replaced while the app was running")

    def _check_instance(self, conn) -> None:
        found = conn.execute(select(instance.c.instance_id).where(instance.c.id == 1)).scalar()
        if found != self.instance_id:
            raise StorageLost("the database was replaced while the app was running "
                              f"(instance {found or 'missing'}, started with {self.instance_id})")

    @contextmanager
    def _reading(self):
        try:
            with self.engine.connect() as conn:
                yield conn
        except IntegrityError:
            raise
        except DBAPIError as error:
            raise StorageUnavailable(f"the database cannot be read: {_short(error)}") from error

    @contextmanager
    def _writing(self):
        """A transaction that first makes sure the database is the one this server started with."""
        self._check_file()
        try:
            with self.engine.begin() as conn:
                self._check_instance(conn)
                yield conn
        except IntegrityError:
            raise
        except DBAPIError as error:
            self._check_file()  # a deleted file explains the error better
            raise StorageUnavailable(f"the database cannot be written: {_short(error)}") from error

    def health(self) -> str | None:
        """None when the database is the one this server started with and takes writes; else why not."""
        try:
            with self._writing() as conn:
                conn.execute(update(instance).where(instance.c.id == 1).values(instance_id=self.instance_id))
        except StorageError as error:
            return error.reason
        return None

    def create_learner(self, plan: dict, section: str, class_id: int | None = None,
                       nickname: str | None = None, nickname_key: str | None = None,
                       max_members: int | None = None, language: str = i18n.DEFAULT) -> tuple[str, Learner]:
        """A new learner and their resume token (shown once; only its hash is stored).

        With max_members, raises ClassFull when the class already has that many students: the
        class's row is locked first, so two servers cannot both let in the last student.
        """
        token = new_token()
        stamp = now()
        values = dict(token_hash=hash_token(token), seed=secrets.randbelow(2**31), class_id=class_id,
                      nickname=nickname, nickname_key=nickname_key, plan=json.dumps(plan), section=section,
                      created_at=stamp, updated_at=stamp, public_id=secrets.token_hex(12), rejoins=0,
                      language=i18n.language_or_default(language))
        with self._writing() as conn:
            if class_id is not None and max_members is not None:
                conn.execute(update(classes).where(classes.c.id == class_id).values(code=classes.c.code))
                members = conn.execute(select(func.count()).select_from(learners)
                                       .where(learners.c.class_id == class_id)).scalar_one()
                if members >= max_members:
                    raise ClassFull(f"class {class_id} has {members} of {max_members} students")
            learner_id = conn.execute(insert(learners).values(**values)).inserted_primary_key[0]
        return token, Learner(learner_id, values["seed"], section, plan, class_id, nickname, values["language"])

    # --- join attempts and rejoin requests ------------------------------------------------

    def record_join_attempt(self, client: str, network: str, class_id: int | None, failed: bool) -> None:
        stamp = now()
        with self._writing() as conn:
            conn.execute(insert(join_attempts).values(client=client, network=network, class_id=class_id,
                                                      failed=failed, at=stamp))
            # Keep a day at most: nothing here is needed for longer.
            conn.execute(delete(join_attempts).where(join_attempts.c.at < stamp - timedelta(days=1)))

    def failed_joins(self, since: datetime, client: str | None = None, network: str | None = None,
                     class_id: int | None = None) -> tuple[int, datetime | None]:
        """How many failed join attempts since `since` (of a client, a network or a class), and the last one's time."""
        query = select(func.count(), func.max(join_attempts.c.at)).where(join_attempts.c.failed.is_(True),
                                                                         join_attempts.c.at >= since)
        for column, value in ((join_attempts.c.client, client), (join_attempts.c.network, network),
                              (join_attempts.c.class_id, class_id)):
            if value is not None:
                query = query.where(column == value)
        with self._reading() as conn:
            count, last = conn.execute(query).one()
        return count, _aware(last)

    def request_rejoin(self, learner_id: int) -> str:
        """A new request to continue as this learner; returns the asking tab's secret."""
        token = new_token()
        with self._writing() as conn:
            conn.execute(insert(rejoin_requests).values(learner_id=learner_id, token_hash=hash_token(token),
                                                        created_at=now()))
        return token

    def rejoin_requests(self, class_id: int, since: datetime) -> list[RejoinRequest]:
        """The class's requests made since `since`, oldest first."""
        query = (select(rejoin_requests, learners.c.nickname)
                 .select_from(rejoin_requests.join(learners, rejoin_requests.c.learner_id == learners.c.id))
                 .where(learners.c.class_id == class_id, rejoin_requests.c.created_at >= since)
                 .order_by(rejoin_requests.c.created_at, rejoin_requests.c.id))
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [RejoinRequest(r.id, r.learner_id, r.nickname or "", _aware(r.created_at), r.decision) for r in rows]

    def decide_rejoin(self, class_id: int, request_id: int, approve: bool) -> bool:
        """The teacher's answer to a waiting request of their class; False if there was none to decide."""
        members = select(learners.c.id).where(learners.c.class_id == class_id)
        with self._writing() as conn:
            return bool(conn.execute(
                update(rejoin_requests)
                .where(rejoin_requests.c.id == request_id, rejoin_requests.c.decision.is_(None),
                       rejoin_requests.c.learner_id.in_(members))
                .values(decision="approved" if approve else "refused", decided_at=now()),
                execution_options={"preserve_rowcount": True}).rowcount)

    def rejoin_request(self, token: str) -> RejoinRequest | None:
        query = (select(rejoin_requests, learners.c.nickname)
                 .select_from(rejoin_requests.join(learners, rejoin_requests.c.learner_id == learners.c.id))
                 .where(rejoin_requests.c.token_hash == hash_token(token)))
        with self._reading() as conn:
            row = conn.execute(query).first()
        return RejoinRequest(row.id, row.learner_id, row.nickname or "", _aware(row.created_at), row.decision) \
            if row else None

    def claim_rejoin(self, request_id: int) -> str | None:
        """An approved request becomes a new resume token for its learner, once; None otherwise."""
        with self._writing() as conn:
            claimed = conn.execute(update(rejoin_requests)
                                   .where(rejoin_requests.c.id == request_id,
                                          rejoin_requests.c.decision == "approved")
                                   .values(decision="claimed"),
                                   execution_options={"preserve_rowcount": True}).rowcount
            if not claimed:
                return None
            learner_id = conn.execute(select(rejoin_requests.c.learner_id)
                                      .where(rejoin_requests.c.id == request_id)).scalar_one()
            token = new_token()
            conn.execute(update(learners).where(learners.c.id == learner_id).values(
                token_hash=hash_token(token), rejoins=func.coalesce(learners.c.rejoins, 0) + 1,
                updated_at=now()))
        return token

    def learner_by_token(self, token: str) -> Learner | None:
        with self._reading() as conn:
            row = conn.execute(select(learners).where(learners.c.token_hash == hash_token(token))).first()
        return _learner(row) if row else None

    def set_language(self, learner_id: int, language: str) -> None:
        """The learner chose another interface language (kept for resuming and shown to the teacher)."""
        with self._writing() as conn:
            conn.execute(update(learners).where(learners.c.id == learner_id)
                         .values(language=i18n.language_or_default(language)))

    def set_section(self, learner_id: int, section: str) -> None:
        with self._writing() as conn:
            conn.execute(update(learners).where(learners.c.id == learner_id)
                         .values(section=section, updated_at=now()))

    def record_answer(self, learner_id: int, phase: str, position: int, graded: GradedAnswer,
                      confidence: int | None = None, response_ms: int | None = None) -> bool:
        """Store one answer at once. False if that question was already answered (kept as it was).

        Raises ClassClosed when the learner belongs to a class that has been closed: the check
        is part of the INSERT itself, so no page (or second app server) can slip an answer in.
        Pages do not call this: they submit through telltale.answering.submit.
        """
        stamp = now()
        values = dict(learner_id=learner_id, phase=phase, position=position, item_id=graded.item_id,
                      kind=graded.kind, choice=graded.choice, expected=graded.expected,
                      answer_format=ANSWER_FORMAT, confidence=confidence, response_ms=response_ms,
                      correct=graded.correct, score=graded.score, detail=json.dumps(graded.detail or {}),
                      created_at=stamp)
        columns = list(values)
        open_learner = (select(*[literal(values[name], answers.c[name].type).label(name) for name in columns])
                        .select_from(learners.outerjoin(classes, learners.c.class_id == classes.c.id))
                        .where(learners.c.id == learner_id, classes.c.closed_at.is_(None)))
        try:
            with self._writing() as conn:
                stored = conn.execute(insert(answers).from_select(columns, open_learner),
                                      execution_options={"preserve_rowcount": True}).rowcount
                if stored:
                    conn.execute(update(learners).where(learners.c.id == learner_id).values(updated_at=stamp))
        except IntegrityError:
            return False
        if not stored:
            raise ClassClosed(f"learner {learner_id} cannot answer: their class is closed (or gone)")
        return True

    def answers(self, learner_id: int, phase: str | None = None) -> list[Answer]:
        query = select(answers).where(answers.c.learner_id == learner_id)
        if phase:
            query = query.where(answers.c.phase == phase)
        with self._reading() as conn:
            rows = conn.execute(query.order_by(answers.c.phase, answers.c.position)).all()
        return [Answer(*_answer_fields(r)) for r in rows]

    def answer_count(self, learner_id: int, phase: str) -> int:
        with self._reading() as conn:
            return conn.execute(select(func.count()).select_from(answers).where(
                answers.c.learner_id == learner_id, answers.c.phase == phase)).scalar_one()

    # --- classes ---------------------------------------------------------------------------

    def create_class(self, code: str, teacher_token_hash: str, plan: dict, title: str = "",
                     language: str = i18n.DEFAULT) -> ClassRecord:
        """A new class; raises IntegrityError if the code is taken (the caller draws another)."""
        stamp = now()
        language = i18n.language_or_default(language)
        with self._writing() as conn:
            class_id = conn.execute(insert(classes).values(
                code=code, teacher_token_hash=teacher_token_hash, title=title, settings=json.dumps(plan),
                created_at=stamp, language=language)).inserted_primary_key[0]
        return ClassRecord(class_id, code, title, plan, stamp, None, language)

    def _one_class(self, condition) -> ClassRecord | None:
        with self._reading() as conn:
            row = conn.execute(select(classes).where(condition)).first()
        return _class(row) if row else None

    def class_by_id(self, class_id: int) -> ClassRecord | None:
        return self._one_class(classes.c.id == class_id)

    def class_by_code(self, code: str) -> ClassRecord | None:
        return self._one_class(classes.c.code == code)

    def class_by_teacher_hash(self, token_hash: str) -> ClassRecord | None:
        return self._one_class(classes.c.teacher_token_hash == token_hash)

    def set_class_closed(self, class_id: int, closed: bool) -> None:
        with self._writing() as conn:
            conn.execute(update(classes).where(classes.c.id == class_id).values(closed_at=now() if closed else None))

    def delete_class(self, class_id: int) -> None:
        """Every answer and learner of the class, then the class itself."""
        self._delete_classes(classes.c.id == class_id)

    def delete_classes_created_before(self, cutoff: datetime) -> int:
        """The retention sweep: how many classes were deleted."""
        return self._delete_classes(classes.c.created_at < cutoff)

    def _delete_classes(self, condition) -> int:
        # Explicit deletes rather than ON DELETE CASCADE: SQLite only cascades with its pragma on.
        with self._writing() as conn:
            class_ids = conn.execute(select(classes.c.id).where(condition)).scalars().all()
            if not class_ids:
                return 0
            members = select(learners.c.id).where(learners.c.class_id.in_(class_ids))
            conn.execute(delete(answers).where(answers.c.learner_id.in_(members)))
            conn.execute(delete(rejoin_requests).where(rejoin_requests.c.learner_id.in_(members)))
            conn.execute(delete(learners).where(learners.c.class_id.in_(class_ids)))
            conn.execute(delete(classes).where(classes.c.id.in_(class_ids)))
        return len(class_ids)

    def delete_learner(self, learner_id: int) -> None:
        """A learner and every answer of theirs ("delete my answers")."""
        self._delete_learners(learners.c.id == learner_id)

    def delete_solo_learners_inactive_before(self, cutoff: datetime) -> int:
        """Retention for self-paced learners (no class): those not seen since `cutoff`."""
        return self._delete_learners(learners.c.class_id.is_(None) & (learners.c.updated_at < cutoff))

    def _delete_learners(self, condition) -> int:
        with self._writing() as conn:
            ids = conn.execute(select(learners.c.id).where(condition)).scalars().all()
            if ids:
                conn.execute(delete(answers).where(answers.c.learner_id.in_(ids)))
                conn.execute(delete(rejoin_requests).where(rejoin_requests.c.learner_id.in_(ids)))
                conn.execute(delete(learners).where(learners.c.id.in_(ids)))
        return len(ids)

    def member_by_nickname(self, class_id: int, nickname: str) -> Learner | None:
        """The class's learner with this nickname, ignoring case (so "sam" finds "Sam")."""
        with self._reading() as conn:
            rows = conn.execute(select(learners).where(learners.c.class_id == class_id)).all()
        exact = [r for r in rows if r.nickname == nickname]
        folded = [r for r in rows if (r.nickname or "").casefold() == nickname.casefold()]
        chosen = exact or folded
        return _learner(chosen[0]) if chosen else None

    def new_resume_token(self, learner_id: int) -> str:
        """Give a learner a fresh resume token; the old one stops working (rejoining on a new device)."""
        token = new_token()
        with self._writing() as conn:
            conn.execute(update(learners).where(learners.c.id == learner_id).values(
                token_hash=hash_token(token), rejoins=func.coalesce(learners.c.rejoins, 0) + 1,
                updated_at=now()))
        return token

    def nicknames(self, class_id: int) -> list[tuple[int, str]]:
        """(learner id, nickname) of each student of the class: all that a join compares (no plans parsed)."""
        with self._reading() as conn:
            rows = conn.execute(select(learners.c.id, learners.c.nickname).where(learners.c.class_id == class_id)
                                .order_by(learners.c.created_at, learners.c.id)).all()
        return [(r.id, r.nickname or "") for r in rows]

    def members(self, class_id: int) -> list[Member]:
        with self._reading() as conn:
            rows = conn.execute(select(learners).where(learners.c.class_id == class_id)
                                .order_by(learners.c.created_at, learners.c.id)).all()
        return [Member(r.id, r.nickname or "", r.section, json.loads(r.plan or "{}"),
                       _public_id(r.public_id, r.id, r.seed), r.rejoins or 0, _aware(r.created_at),
                       _aware(r.updated_at), i18n.language_or_default(r.language)) for r in rows]

    def class_answers(self, class_id: int) -> list[ClassAnswer]:
        """Every answer of a class in the order given (one indexed join; no other class is read)."""
        query = (select(answers, learners.c.nickname, learners.c.public_id, learners.c.seed,
                        learners.c.language.label("learner_language"))
                 .select_from(answers.join(learners, answers.c.learner_id == learners.c.id))
                 .where(learners.c.class_id == class_id)
                 .order_by(answers.c.created_at, answers.c.id))
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [ClassAnswer(*_answer_fields(r), id=r.id, learner_id=r.learner_id, nickname=r.nickname or "",
                            public_id=_public_id(r.public_id, r.learner_id, r.seed),
                            language=i18n.language_or_default(r.learner_language)) for r in rows]
