"""Classroom mode: class codes, teacher links, nicknames, joining, the dashboard's figures and exports.

A teacher starts a class and gets two things:
- a class code of CODE_LENGTH characters from CODE_ALPHABET (no 0/O, 1/I/L look-alikes), which
  students type or scan, and
- a private teacher token (long and random) that reopens the dashboard from any device. Only
  its SHA-256 hash is stored, so a copy of the database does not open any dashboard.

Students join with the code and a nickname; nothing else is asked. Nicknames are free text
within NICKNAME_ALLOWED and NICKNAME_MAX_LENGTH, must start with a letter or digit (so a
spreadsheet never reads an exported nickname as a formula) and are shown as plain text only.

Rejoining. If the connection drops or the tab is closed, the student types the same code and
nickname and continues where they were. That alone would let a classmate take over someone
else's nickname, so:
- the join page says that the nickname is taken and asks "is this you?" before continuing,
  so two students picking the same name do not end up sharing one by accident;
- a rejoin issues a new resume token and the old one stops working: at most one device
  answers for a nickname, and a student whose nickname was taken over sees it at once
  (their page sends them back to the start) and can tell the teacher;
- the teacher's dashboard shows how often each nickname rejoined;
- nobody can join or rejoin a closed class.
The stake is a quiz score under a made-up nickname in a supervised lesson, so this trades a
PIN that children would forget for takeovers that are visible and rare.

All class state lives in the database (no process memory), so several app servers can share
one PostgreSQL. Closing a class is enforced by Store.record_answer itself.
"""
from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import secrets
import unicodedata
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import mean
from urllib.parse import quote, urlencode

from sqlalchemy.exc import IntegrityError

from telltale import course, join_guard, nicknames
from telltale.course import SECTION_TITLES
from telltale.scoring import CalibrationBin, Detection, Judgement, calibration, detection, overconfidence
from telltale.storage import ClassAnswer, ClassFull, ClassRecord, Learner, Member, Store, hash_token, now

# --- class codes and teacher tokens ------------------------------------------------------

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L (and no lower case at all).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
TEACHER_TOKEN_BYTES = 32  # 43 URL-safe characters
TITLE_MAX_LENGTH = 60
# Sections a teacher can include; welcome and results are always part of a plan.
CHOOSABLE_SECTIONS = ("pretest", "tells", "practice", "posttest", "ads", "network")
FACE_PHASES = course.QUESTION_PHASES  # pretest, practice, posttest
TEST_PHASES = ("pretest", "posttest")


def new_class_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str | None) -> str | None:
    """A typed or pasted code in canonical form, or None if it cannot be a class code.

    Case, spaces and dashes do not matter ("abc-234" is "ABC234").
    """
    cleaned = re.sub(r"[\s\-]", "", (text or "")).upper()
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def new_teacher_token() -> str:
    return secrets.token_urlsafe(TEACHER_TOKEN_BYTES)


def clean_title(text: str | None) -> str:
    """A class title as plain text: printable characters only, spaces collapsed, length limited."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "C")
    return re.sub(r"\s+", " ", text).strip()[:TITLE_MAX_LENGTH]


def start_class(store: Store, sections=CHOOSABLE_SECTIONS, test_items: int = course.DEFAULT_TEST_ITEMS,
                practice_items: int = course.DEFAULT_PRACTICE_ITEMS, title: str = "",
                ads_items: int = course.DEFAULT_ADS_ITEMS,
                max_students: int | None = None) -> tuple[ClassRecord, str]:
    """A new class and its teacher token (shown once to the teacher; only its hash is stored)."""
    chosen = [s for s in sections if s in CHOOSABLE_SECTIONS]
    if not chosen:
        raise ValueError("choose at least one part of the course")
    plan = course.default_plan(chosen, test_items=test_items, practice_items=practice_items, ads_items=ads_items)
    plan["max_students"] = min(max(1, int(max_students or DEFAULT_MAX_STUDENTS)), MAX_STUDENTS_LIMIT)
    token = new_teacher_token()
    for _ in range(50):
        try:
            return store.create_class(new_class_code(), hash_token(token), plan, clean_title(title)), token
        except IntegrityError:  # the code is taken (1 in 887 million per class): draw another
            continue
    raise RuntimeError("could not find a free class code")


def class_for_teacher(store: Store, token: str | None) -> ClassRecord | None:
    """The class this teacher token opens; None for a wrong, mangled or deleted class's token."""
    token = (token or "").strip()
    if not token or len(token) > 200:
        return None
    return store.class_by_teacher_hash(hash_token(token))


def join_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/join?{urlencode({'code': code})}"


def teacher_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/dashboard?{urlencode({'k': token})}"


def qr_png(text: str, box_size: int = 12) -> bytes:
    """A QR code drawn here (no web service), black on white, with the quiet zone scanners need."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def item_limits(items: dict) -> tuple[int, int]:
    """The most test and practice questions the face library can give (test counts are even)."""
    counts = Counter((i.form, i.is_ai) for i in items.values())
    test = 2 * min(counts.get((form, ai), 0) for form in ("A", "B") for ai in (False, True))
    practice = min(len(course.draw_practice(items, 10_000, seed)) for seed in range(4))
    return test, practice


# --- nicknames ---------------------------------------------------------------------------

NICKNAME_MIN_LENGTH = nicknames.NICKNAME_MIN_LENGTH
NICKNAME_MAX_LENGTH = nicknames.NICKNAME_MAX_LENGTH
NICKNAME_ALLOWED = nicknames.NICKNAME_ALLOWED

ADJECTIVES = (
    "Swift", "Brave", "Clever", "Calm", "Bright", "Curious", "Gentle", "Happy", "Jolly", "Keen",
    "Lucky", "Mighty", "Nimble", "Quiet", "Quick", "Sharp", "Sunny", "Witty", "Bold", "Cosy",
    "Daring", "Eager", "Fancy", "Glad", "Merry", "Noble", "Proud", "Rapid", "Steady", "Zesty",
)
ANIMALS = (
    "Otter", "Badger", "Falcon", "Fox", "Heron", "Koala", "Lynx", "Moose", "Owl", "Panda",
    "Puffin", "Rabbit", "Raven", "Seal", "Tiger", "Turtle", "Walrus", "Wombat", "Yak", "Zebra",
    "Beaver", "Dolphin", "Gecko", "Hedgehog", "Llama", "Magpie", "Newt", "Pelican", "Robin", "Squirrel",
)


class JoinError(Exception):
    """A reason a student cannot join, worded for the student."""


class NicknameError(JoinError, nicknames.NicknameError):
    pass


class NicknameTaken(JoinError):
    def __init__(self, nickname: str):
        super().__init__(f"Someone called {nickname} is already in this class.")
        self.nickname = nickname


def clean_nickname(text: str | None) -> str:
    """The nickname as it will be stored and shown (telltale/nicknames.py), or NicknameError."""
    try:
        return nicknames.clean_nickname(text)
    except nicknames.NicknameError as refused:
        raise NicknameError(str(refused)) from None


def suggest_nickname(taken=(), rng: random.Random | None = None) -> str:
    """A friendly random nickname like "Swift Otter", avoiding the ones already taken."""
    rng = rng or random.SystemRandom()
    folded = {name.casefold() for name in taken}
    for _ in range(200):
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)}"
        if name.casefold() not in folded:
            return name
    return f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)} {rng.randint(2, 99)}"


# --- joining -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Joined:
    token: str  # the student's new resume token (only its hash is stored)
    learner: Learner
    rejoined: bool


def open_class(store: Store, code: str | None) -> ClassRecord:
    """The class a student may join with this code, or JoinError saying why not."""
    canonical = normalize_code(code)
    found = store.class_by_code(canonical) if canonical else None
    if found is None:
        raise JoinError("There is no class with this code. Check the code on the board: "
                        f"it has {CODE_LENGTH} letters and digits.")
    if found.is_closed:
        raise JoinError("This class is closed: it takes no more answers.")
    return found


def join_class(store: Store, code: str | None, nickname: str | None, rejoin: bool = False,
               who: join_guard.Client | None = None) -> Joined | RejoinPending:
    """Join a class; with rejoin=True, ask to continue as the class's learner with this nickname.

    Raises JoinThrottled (too many failed attempts lately, see telltale/join_guard.py), JoinError
    (wrong code, closed or full class), NicknameError (also for a look-alike of a classmate's
    nickname), or NicknameTaken when the nickname exists and rejoin was not asked for. A rejoin
    is a RejoinPending until the teacher approves it on the dashboard (rejoin_status).
    `who` is the browser asking (None: not counted, for tools and tests of other rules).
    """
    if who is not None:
        join_guard.check_client(store, who)
    try:
        the_class = open_class(store, code)
    except JoinError:
        if who is not None:
            join_guard.record(store, who, None, failed=True)
        raise
    if who is not None:
        join_guard.check_class(store, the_class.id)
    try:
        outcome = _join_open_class(store, the_class, nickname, rejoin)
    except JoinError:
        if who is not None:
            join_guard.record(store, who, the_class.id, failed=True)
        raise
    if who is not None:
        join_guard.record(store, who, the_class.id, failed=False)
    return outcome


def _join_open_class(store: Store, the_class: ClassRecord, nickname: str | None, rejoin: bool) -> Joined | RejoinPending:
    name = clean_nickname(nickname)
    existing = namesake(store, the_class.id, name)
    if existing is None:
        try:
            token, learner = store.create_learner(the_class.plan, course.next_section(the_class.plan, "welcome"),
                                                  class_id=the_class.id, nickname=name,
                                                  nickname_key=nicknames.key(name),
                                                  max_members=max_students(the_class.plan))
            return Joined(token, learner, rejoined=False)
        except ClassFull:
            raise JoinError("This class is full: it has as many students as your teacher allowed. "
                            "Ask your teacher.") from None
        except IntegrityError:  # someone took the name (or a look-alike) a moment ago
            existing = namesake(store, the_class.id, name)
            if existing is None:
                raise
    if existing.nickname.casefold() != name.casefold():
        raise NicknameError(f"{existing.nickname} is already in this class, and {name} looks just like it. "
                            "Please choose a nickname that looks different.")
    if not rejoin:
        raise NicknameTaken(existing.nickname)
    return RejoinPending(store.request_rejoin(existing.learner_id), existing.nickname)


def namesake(store: Store, class_id: int, name: str) -> Member | None:
    """The class's student whose nickname is this one or looks like it (case ignored)."""
    members = store.members(class_id)
    same = [m for m in members if m.nickname.casefold() == name.casefold()]
    return (same or [m for m in members if nicknames.look_alike(m.nickname, name)] or [None])[0]


# --- classes' size ---------------------------------------------------------------------------

DEFAULT_MAX_STUDENTS = 40
MAX_STUDENTS_LIMIT = 200


def max_students(plan: dict) -> int:
    """How many students the teacher lets into the class (the plan's max_students)."""
    value = plan.get("max_students")
    return value if isinstance(value, int) and 1 <= value <= MAX_STUDENTS_LIMIT else DEFAULT_MAX_STUDENTS


# --- rejoining on another device, with the teacher's approval ---------------------------------

REJOIN_WAIT = timedelta(minutes=15)  # a request not answered by then has to be made again


@dataclass(frozen=True)
class RejoinPending:
    request_token: str  # the asking tab keeps it (session only) to learn the teacher's answer
    nickname: str


def rejoin_status(store: Store, request_token: str, at: datetime | None = None) -> tuple[str, Joined | None]:
    """("waiting" | "approved" | "refused" | "expired" | "used", the Joined once approved).

    An approved request gives the asking tab a new resume token, once: the old device's link
    stops working, and that tab is told why (see the pages).
    """
    request = store.rejoin_request(request_token)
    if request is None:
        return "expired", None
    if request.decision is None:
        return ("expired", None) if (at or now()) - request.created_at > REJOIN_WAIT else ("waiting", None)
    if request.decision == "approved":
        token = store.claim_rejoin(request.id)
        if token:
            return "approved", Joined(token, store.learner_by_token(token), rejoined=True)
    return ("refused", None) if request.decision == "refused" else ("used", None)


def waiting_rejoins(store: Store, class_id: int, at: datetime | None = None) -> list:
    """Requests of the class that the teacher has not answered yet, oldest first."""
    return [r for r in store.rejoin_requests(class_id, (at or now()) - REJOIN_WAIT) if r.decision is None]


# --- retention ---------------------------------------------------------------------------

DEFAULT_RETENTION_DAYS = 30
RETENTION_ENV = "TELLTALE_RETENTION_DAYS"


def _days(variable: str, default: int, environ=None) -> int:
    """A number of days from the environment if it is a positive whole number, else the default."""
    raw = (os.environ if environ is None else environ).get(variable, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def retention_days(environ=None) -> int:
    """Days a class's data is kept: TELLTALE_RETENTION_DAYS, else 30."""
    return _days(RETENTION_ENV, DEFAULT_RETENTION_DAYS, environ)


SOLO_RETENTION_ENV = "TELLTALE_SOLO_RETENTION_DAYS"
DEFAULT_SOLO_RETENTION_DAYS = 180


def solo_retention_days(environ=None) -> int:
    """Days a self-paced learner's answers are kept after their last visit: TELLTALE_SOLO_RETENTION_DAYS, else 180."""
    return _days(SOLO_RETENTION_ENV, DEFAULT_SOLO_RETENTION_DAYS, environ)


def purge_expired(store: Store, days: int | None = None, at: datetime | None = None) -> int:
    """Delete every class (with its students and answers) started more than `days` ago, and
    self-paced learners not seen for longer than their own retention period."""
    moment = at or now()
    store.delete_solo_learners_inactive_before(moment - timedelta(days=solo_retention_days()))
    return store.delete_classes_created_before(moment - timedelta(days=days or retention_days()))


# --- the dashboard's figures -------------------------------------------------------------

def truth_of(answer: ClassAnswer) -> str | None:
    """Whether a single-face answer's face was real or AI, from what was chosen and whether it was right."""
    if answer.choice not in ("real", "ai"):
        return None  # a pair ("which one is real?") or an ads answer
    if answer.correct:
        return answer.choice
    return "ai" if answer.choice == "real" else "real"


def judgement_of(answer: ClassAnswer) -> Judgement | None:
    truth = truth_of(answer)
    return Judgement(truth, answer.choice, answer.confidence or 50) if truth else None


def expected_answers(plan: dict) -> dict[str, int]:
    """How many answers each face phase of a plan asks for."""
    counts = {}
    for phase in FACE_PHASES:
        if phase in plan.get("sections", ()):
            key = "practice_items" if phase == "practice" else "test_items"
            default = course.DEFAULT_PRACTICE_ITEMS if phase == "practice" else course.DEFAULT_TEST_ITEMS
            counts[phase] = int(plan.get(key, default))
    return counts


@dataclass(frozen=True)
class StudentSummary:
    learner_id: int
    nickname: str
    public_id: str
    section: str  # where the student is now
    reached: int  # how many parts of the plan they have finished
    parts: int  # parts in the plan, not counting welcome
    rejoins: int
    joined_at: datetime
    active_at: datetime
    answered: dict[str, int]  # answers per phase
    pretest: Detection | None
    posttest: Detection | None
    practice_correct: int
    practice_total: int
    ads_answers: int
    ads_score: float | None  # mean score of the ads answers, 0..1
    mean_confidence: float | None
    overconfidence: float | None  # mean confidence minus accuracy in the tests, points

    @property
    def latest_test(self) -> tuple[str, Detection] | None:
        if self.posttest:
            return "posttest", self.posttest
        if self.pretest:
            return "pretest", self.pretest
        return None


@dataclass(frozen=True)
class ItemStat:
    item_id: str
    truth: str  # "real" or "ai"
    n: int
    correct: int
    called_ai: int
    mean_confidence: float
    phases: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def called_real(self) -> int:
        return self.n - self.called_ai


@dataclass(frozen=True)
class AdsSummary:
    answers: int
    students: int
    mean_score: float | None
    per_item: list[tuple[str, int, float]]  # (ad item, answers, mean score)
    flags: list[tuple[str, int]]  # (red flag id, how many times it was found), most found first


@dataclass
class Snapshot:
    """Everything the live dashboard shows, computed from one read of the class's rows."""
    the_class: ClassRecord
    students: list[StudentSummary]
    items: list[ItemStat]
    section_counts: list[tuple[str, int]]  # students now in each part of the plan, in course order
    calibration: list[CalibrationBin]
    ads: AdsSummary
    answer_count: int
    last_answer_at: datetime | None
    expected: dict[str, int] = field(default_factory=dict)

    def fooled_most(self, limit: int = 5, min_answers: int = 2) -> list[ItemStat]:
        """The faces the class got wrong most often (with enough answers to mean something)."""
        pool = [i for i in self.items if i.n >= min_answers] or self.items
        return sorted(pool, key=lambda i: (i.accuracy, -i.n, i.item_id))[:limit]

    def pre_post(self) -> list[tuple[str, float, float]]:
        """(nickname, warm-up accuracy, final accuracy) of each student who took both tests."""
        return [(s.nickname, s.pretest.accuracy, s.posttest.accuracy)
                for s in self.students if s.pretest and s.posttest]

    def test_means(self) -> dict[str, tuple[float, int]]:
        """Class mean accuracy and number of students, per test taken."""
        out = {}
        for phase in TEST_PHASES:
            done = [getattr(s, phase) for s in self.students if getattr(s, phase)]
            if done:
                out[phase] = (mean(d.accuracy for d in done), len(done))
        return out

    def detection_points(self) -> list[tuple[str, str, float, float]]:
        """(nickname, test, d', c) for each test each student has answered."""
        return [(s.nickname, phase, getattr(s, phase).d_prime, getattr(s, phase).criterion)
                for s in self.students for phase in TEST_PHASES if getattr(s, phase)]

    def item(self, item_id: str) -> ItemStat | None:
        return next((i for i in self.items if i.item_id == item_id), None)


def summarize(the_class: ClassRecord, members: list[Member], answers: list[ClassAnswer]) -> Snapshot:
    """The dashboard's figures from the class's members and answers (pure: no database)."""
    by_learner: dict[int, list[ClassAnswer]] = defaultdict(list)
    for answer in answers:
        by_learner[answer.learner_id].append(answer)
    plan = the_class.plan
    parts = [s for s in plan.get("sections", []) if s != "welcome"]
    students = [_student(m, by_learner.get(m.learner_id, []), parts) for m in members]
    tests = [j for a in answers if a.phase in TEST_PHASES and (j := judgement_of(a))]
    at_section = Counter(m.section for m in members)
    return Snapshot(
        the_class=the_class,
        students=students,
        items=_item_stats(answers),
        section_counts=[(s, at_section.get(s, 0)) for s in parts],
        calibration=calibration(tests),
        ads=_ads_summary(answers),
        answer_count=len(answers),
        last_answer_at=max((a.created_at for a in answers), default=None),
        expected=expected_answers(plan),
    )


def snapshot(store: Store, the_class: ClassRecord) -> Snapshot:
    """One refresh of the dashboard: two indexed queries, then arithmetic in memory."""
    return summarize(the_class, store.members(the_class.id), store.class_answers(the_class.id))


def _student(member: Member, answers: list[ClassAnswer], parts: list[str]) -> StudentSummary:
    by_phase: dict[str, list[ClassAnswer]] = defaultdict(list)
    for answer in answers:
        by_phase[answer.phase].append(answer)
    tests = {p: [j for a in by_phase.get(p, []) if (j := judgement_of(a))] for p in TEST_PHASES}
    both = tests["pretest"] + tests["posttest"]
    ads = by_phase.get("ads", [])
    confidences = [a.confidence for a in answers if a.confidence is not None]
    reached = parts.index(member.section) if member.section in parts else 0
    return StudentSummary(
        learner_id=member.learner_id, nickname=member.nickname, public_id=member.public_id,
        section=member.section, reached=reached, parts=len(parts), rejoins=member.rejoins,
        joined_at=member.joined_at, active_at=member.active_at,
        answered={phase: len(rows) for phase, rows in by_phase.items()},
        pretest=detection(tests["pretest"]) if tests["pretest"] else None,
        posttest=detection(tests["posttest"]) if tests["posttest"] else None,
        practice_correct=sum(a.correct for a in by_phase.get("practice", [])),
        practice_total=len(by_phase.get("practice", [])),
        ads_answers=len(ads),
        ads_score=mean(a.score for a in ads) if ads else None,
        mean_confidence=round(mean(confidences), 1) if confidences else None,
        overconfidence=overconfidence(both) if both else None,
    )


def _item_stats(answers: list[ClassAnswer]) -> list[ItemStat]:
    groups: dict[str, list[ClassAnswer]] = defaultdict(list)
    for answer in answers:
        if answer.phase in FACE_PHASES and truth_of(answer):
            groups[answer.item_id].append(answer)
    stats = []
    for item_id, rows in groups.items():
        truth = Counter(truth_of(a) for a in rows).most_common(1)[0][0]
        stats.append(ItemStat(
            item_id=item_id, truth=truth, n=len(rows), correct=sum(a.correct for a in rows),
            called_ai=sum(a.choice == "ai" for a in rows),
            mean_confidence=round(mean(a.confidence or 50 for a in rows), 1),
            phases=tuple(p for p in FACE_PHASES if any(a.phase == p for a in rows))))
    return sorted(stats, key=lambda s: s.item_id)


def _ads_summary(answers: list[ClassAnswer]) -> AdsSummary:
    """Red flags found in the fake-ads part: answers with phase "ads", detail {"flags": [...]}, score 0..1."""
    ads = [a for a in answers if a.phase == "ads"]
    per_item: dict[str, list[float]] = defaultdict(list)
    flags: Counter = Counter()
    for answer in ads:
        per_item[answer.item_id].append(answer.score)
        flags.update(set(flags_of(answer)))
    return AdsSummary(
        answers=len(ads), students=len({a.learner_id for a in ads}),
        mean_score=mean(a.score for a in ads) if ads else None,
        per_item=sorted((item, len(scores), mean(scores)) for item, scores in per_item.items()),
        flags=sorted(flags.items(), key=lambda kv: (-kv[1], kv[0])),
    )


# --- exports -----------------------------------------------------------------------------

ANSWER_COLUMNS = ("nickname", "student_id", "item", "phase", "position", "choice", "correct", "score",
                  "confidence", "response_time_ms", "timestamp", "flags")
SUMMARY_COLUMNS = ("nickname", "student_id", "joined_at", "last_active", "now_at", "rejoins",
                   "pretest_correct", "pretest_items", "pretest_accuracy", "pretest_d_prime", "pretest_bias_c",
                   "posttest_correct", "posttest_items", "posttest_accuracy", "posttest_d_prime", "posttest_bias_c",
                   "practice_correct", "practice_items", "ads_answers", "ads_mean_score",
                   "mean_confidence", "overconfidence")


def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text: no value can start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else ""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(columns, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def flags_of(answer: ClassAnswer) -> list[str]:
    """The red flags an ads answer ticked (detail {"flags": [...]}); none for other answers."""
    found = answer.detail.get("flags") if isinstance(answer.detail, dict) else None
    return [str(flag) for flag in found] if answer.phase == "ads" and isinstance(found, list) else []


def answers_csv(answers: list[ClassAnswer]) -> str:
    """One row per answer: who (nickname and pseudonymous id), which item, what and how sure, when."""
    return _csv(ANSWER_COLUMNS, (
        (a.nickname, a.public_id, a.item_id, a.phase, a.position, a.choice, a.correct, a.score, a.confidence,
         a.response_ms, a.created_at, " ".join(flags_of(a)))
        for a in answers))


def summary_csv(snap: Snapshot) -> str:
    """One row per student: progress, each test's score, d' and c, practice, ads and calibration."""
    def test(d: Detection | None):
        return (d.correct, d.n, d.accuracy, d.d_prime, d.criterion) if d else (None,) * 5

    return _csv(SUMMARY_COLUMNS, (
        (s.nickname, s.public_id, s.joined_at, s.active_at, SECTION_TITLES.get(s.section, s.section), s.rejoins,
         *test(s.pretest), *test(s.posttest), s.practice_correct, s.practice_total, s.ads_answers, s.ads_score,
         s.mean_confidence, s.overconfidence)
        for s in snap.students))


XAPI_ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
XAPI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
_XAPI_NAMESPACE = uuid.UUID("8f5b0f76-3a0e-4c55-9d2a-6f1d6b1f7c21")


def class_registration(the_class: ClassRecord) -> str:
    """A UUID naming this class's session, the same on every export."""
    return str(uuid.uuid5(_XAPI_NAMESPACE, f"class:{the_class.code}:{the_class.created_at.isoformat()}"))


def _duration(ms: int) -> str:
    return f"PT{ms / 1000:.2f}S"


def xapi_statements(the_class: ClassRecord, answers: list[ClassAnswer], home_page: str) -> list[dict]:
    """One xAPI 1.0.3 "answered" statement per answer.

    The actor is an account on `home_page` named by the learner's random public id: no name,
    no e-mail, no nickname. Statement ids are derived from the class and the answer, so
    exporting twice yields the same statements (a learning record store keeps one copy).
    """
    base = home_page.rstrip("/")
    registration = class_registration(the_class)
    class_activity = {"id": f"{base}/xapi/class/{registration}", "objectType": "Activity"}
    statements = []
    for a in answers:
        result: dict = {"success": bool(a.correct), "response": a.choice,
                        "score": {"scaled": round(float(a.score), 4), "raw": round(float(a.score), 4),
                                  "min": 0, "max": 1}}
        if a.response_ms is not None:
            result["duration"] = _duration(a.response_ms)
        extensions = {}
        if a.confidence is not None:
            extensions[f"{base}/xapi/extension/confidence"] = a.confidence
        if a.phase == "ads":
            extensions[f"{base}/xapi/extension/flags"] = flags_of(a)
        if extensions:
            result["extensions"] = extensions
        statements.append({
            "id": str(uuid.uuid5(_XAPI_NAMESPACE, f"{registration}:answer:{a.id}")),
            "actor": {"objectType": "Agent", "account": {"homePage": base, "name": a.public_id}},
            "verb": XAPI_ANSWERED,
            "object": {
                "objectType": "Activity",
                "id": f"{base}/xapi/activity/{quote(a.phase, safe='')}/{quote(a.item_id, safe='')}",
                "definition": {"type": XAPI_INTERACTION, "interactionType": "choice",
                               "name": {"en-US": f"{SECTION_TITLES.get(a.phase, a.phase)}: item {a.item_id}"}},
            },
            "result": result,
            "context": {
                "registration": registration,
                "platform": "Telltale",
                "language": "en",
                "contextActivities": {
                    "parent": [{"id": f"{base}/xapi/activity/{quote(a.phase, safe='')}", "objectType": "Activity"}],
                    "grouping": [class_activity],
                },
                "extensions": {f"{base}/xapi/extension/position": a.position},
            },
            "timestamp": a.created_at.isoformat(),
        })
    return statements


def xapi_json(the_class: ClassRecord, answers: list[ClassAnswer], home_page: str) -> str:
    return json.dumps(xapi_statements(the_class, answers, home_page), indent=2, ensure_ascii=False)


def export_name(the_class: ClassRecord, what: str, extension: str) -> str:
    return f"telltale-{the_class.code}-{the_class.created_at:%Y-%m-%d}-{what}.{extension}"
