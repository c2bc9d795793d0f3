"""Joining a class with its code and a nickname, and rejoining under the same nickname.

Joining is guarded (telltale/join_guard.py): wrong codes from one browser or address are counted
and make it wait, a class that refused many joins pauses, and a class takes at most the number of
students its teacher set. A nickname that looks like a classmate's (telltale/classroom/nicknames.py)
is refused.

Rejoining. If the connection drops or the tab is closed, the student opens their own resume link,
or types the same code and nickname. The code and every nickname are on the projector, so typing
them is not enough to become that student:
- the join page says that the nickname is taken and asks "is this you?" before anything else,
  so two students picking the same name do not end up sharing one by accident;
- "it's me" sends a request to the teacher's dashboard; only when the teacher approves does the
  asking tab get a new resume token, and the old one stops working (that tab is told why);
- the teacher's dashboard shows how often each nickname rejoined;
- nobody can join or rejoin a closed class.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from telltale import course, i18n, join_guard
from telltale.classroom.codes import CODE_LENGTH, class_size_limit, normalize_code
from telltale.classroom.nicknames import JoinError, NicknameError, NicknameTaken, clean_nickname, key, look_alike
from telltale.storage import ClassFull, ClassRecord, Learner, Store, now


@dataclass(frozen=True)
class Joined:
    token: str  # the student's new resume token (only its hash is stored)
    learner: Learner
    rejoined: bool


def open_class(store: Store, code: str | None, language: str = i18n.DEFAULT) -> ClassRecord:
    """The class a student may join with this code, or JoinError saying (in the language) why not."""
    tr = i18n.translations(language)
    canonical = normalize_code(code)
    found = store.class_by_code(canonical) if canonical else None
    if found is None:
        raise JoinError(tr.gettext("There is no class with this code. Check the code on the board: it has {count} "
                                   "letters and digits.").format(count=CODE_LENGTH))
    if found.is_closed:
        raise JoinError(tr.gettext("This class is closed: it takes no more answers."))
    return found


def join_class(store: Store, code: str | None, nickname: str | None, rejoin: bool = False,
               who: join_guard.Client | None = None, language: str | None = None) -> Joined | RejoinPending:
    """Join a class; with rejoin=True, ask to continue as the class's learner with this nickname.

    Raises JoinThrottled (too many failed attempts lately, see telltale/join_guard.py), JoinError
    (wrong code, closed or full class), NicknameError (also for a look-alike of a classmate's
    nickname), or NicknameTaken when the nickname exists and rejoin was not asked for. A rejoin
    is a RejoinPending until the teacher approves it on the dashboard (rejoin_status).
    `who` is the browser asking (None: not counted, for tools and tests of other rules).
    `language`: the one the student chose (also that of the messages); None: the class's.
    """
    if who is not None:
        join_guard.check_client(store, who, language=language or i18n.DEFAULT)
    try:
        the_class = open_class(store, code, language or i18n.DEFAULT)
    except JoinError:
        if who is not None:
            join_guard.record(store, who, None, failed=True)
        raise
    if who is not None:
        join_guard.check_class(store, the_class.id, language=language or the_class.language)
    try:
        outcome = _join_open_class(store, the_class, nickname, rejoin, language or the_class.language)
    except JoinError:
        if who is not None:
            join_guard.record(store, who, the_class.id, failed=True)
        raise
    if who is not None:
        join_guard.record(store, who, the_class.id, failed=False)
    return outcome


def _join_open_class(store: Store, the_class: ClassRecord, nickname: str | None, rejoin: bool,
                     language: str) -> Joined | RejoinPending:
    tr = i18n.translations(language)
    name = clean_nickname(nickname, language)
    existing = namesake(store, the_class.id, name)
    if existing is None:
        try:
            token, learner = store.create_learner(the_class.plan, course.next_section(the_class.plan, "welcome"),
                                                  class_id=the_class.id, nickname=name,
                                                  nickname_key=key(name),
                                                  max_members=class_size_limit(the_class.plan), language=language)
            return Joined(token, learner, rejoined=False)
        except ClassFull:
            raise JoinError(tr.gettext("This class is full: it has as many students as your teacher allowed. "
                                       "Ask your teacher.")) from None
        except IntegrityError:  # someone took the name (or a look-alike) a moment ago
            existing = namesake(store, the_class.id, name)
            if existing is None:
                raise
    if existing.nickname.casefold() != name.casefold():
        raise NicknameError(tr.gettext("{existing} is already in this class, and {name} looks just like it. "
                                       "Please choose a nickname that looks different.").format(
            existing=existing.nickname, name=name))
    if not rejoin:
        raise NicknameTaken(existing.nickname, language)
    return RejoinPending(store.request_rejoin(existing.learner_id), existing.nickname)


@dataclass(frozen=True)
class Namesake:
    learner_id: int
    nickname: str


def namesake(store: Store, class_id: int, name: str) -> Namesake | None:
    """The class's student whose nickname is this one or looks like it (case ignored)."""
    members = [Namesake(*row) for row in store.nicknames(class_id)]
    same = [m for m in members if m.nickname.casefold() == name.casefold()]
    return (same or [m for m in members if look_alike(m.nickname, name)] or [None])[0]


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
