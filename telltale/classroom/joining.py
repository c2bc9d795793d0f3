"""Joining a class with its code and a nickname, and rejoining under the same nickname.

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
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from telltale import course
from telltale.classroom.codes import CODE_LENGTH, normalize_code
from telltale.classroom.nicknames import JoinError, NicknameTaken, clean_nickname
from telltale.storage import ClassRecord, Learner, Store

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


def join_class(store: Store, code: str | None, nickname: str | None, rejoin: bool = False) -> Joined:
    """Join a class, or with rejoin=True continue as the class's learner with this nickname.

    Raises JoinError (wrong code, closed class), NicknameError, or NicknameTaken when the
    nickname exists and rejoin was not confirmed.
    """
    the_class = open_class(store, code)
    name = clean_nickname(nickname)
    existing = store.member_by_nickname(the_class.id, name)
    if existing is None:
        try:
            token, learner = store.create_learner(the_class.plan, course.next_section(the_class.plan, "welcome"),
                                                  class_id=the_class.id, nickname=name)
            return Joined(token, learner, rejoined=False)
        except IntegrityError:  # someone took the name a moment ago
            existing = store.member_by_nickname(the_class.id, name)
            if existing is None:
                raise
    if not rejoin:
        raise NicknameTaken(existing.nickname)
    token = store.new_resume_token(existing.id)
    return Joined(token, store.learner_by_token(token), rejoined=True)
