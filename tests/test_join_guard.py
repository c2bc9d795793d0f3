"""Joining a class under attack (issue 9), on SQLite and PostgreSQL: guessed codes are stopped,
classes have a size the teacher sets, look-alike nicknames and takeovers without approval fail."""
from __future__ import annotations

import threading

import pytest

from telltale import classroom, join_guard
from telltale.classroom import JoinError, NicknameError, NicknameTaken, join_class, start_class
from telltale.join_guard import BROWSER_LIMIT, CLASS_LIMIT, NETWORK_LIMIT, WINDOW, JoinThrottled, client
from telltale.storage import Store, make_engine, now


def wrong_code(the_class) -> str:
    return "ZZZZZZ" if the_class.code != "ZZZZZZ" else "YYYYYY"


def test_500_wrong_codes_from_one_browser_are_stopped_and_others_still_join(store):
    the_class, _ = start_class(store, ["pretest"])
    attacker = client(store.secret, "203.0.113.7", "cookie-a")
    looked_up = throttled = 0
    for _ in range(500):
        try:
            join_class(store, wrong_code(the_class), "Sneaky", who=attacker)
        except JoinThrottled:
            throttled += 1
        except JoinError:
            looked_up += 1
    assert looked_up == BROWSER_LIMIT and throttled == 500 - BROWSER_LIMIT
    # Even the right code is refused to that browser while it waits: a guess that lands tells nothing.
    with pytest.raises(JoinThrottled, match="wait 10 minutes"):
        join_class(store, the_class.code, "Sneaky", who=attacker)
    # Another student, on another device behind the same school address, joins as usual.
    classmate = client(store.secret, "203.0.113.7", "cookie-b")
    assert join_class(store, the_class.code, "Brave Fox", who=classmate).learner.nickname == "Brave Fox"
    # The window passes: the browser may try again.
    join_guard.check_client(store, attacker, at=now() + WINDOW + WINDOW / 10)


def test_an_address_that_changes_cookies_is_stopped_at_the_network_limit(store):
    the_class, _ = start_class(store, ["pretest"])
    refused = 0
    for attempt in range(NETWORK_LIMIT + 20):
        try:
            join_class(store, wrong_code(the_class), "Sneaky", who=client(store.secret, "198.51.100.9", f"c{attempt}"))
        except JoinThrottled:
            refused += 1
        except JoinError:
            pass
    assert refused == 20
    elsewhere = client(store.secret, "192.0.2.44", "cookie")
    assert join_class(store, the_class.code, "Calm Heron", who=elsewhere).learner.class_id == the_class.id


def test_no_address_is_stored(store):
    the_class, _ = start_class(store, ["pretest"])
    join_class(store, the_class.code, "Calm Heron", who=client(store.secret, "192.0.2.44", "cookie"))
    from sqlalchemy import select

    from telltale.storage import join_attempts
    with store.engine.connect() as conn:
        rows = conn.execute(select(join_attempts)).all()
    assert rows and all("192.0.2.44" not in f"{row.client}{row.network}" for row in rows)


def test_forwarded_address_is_trusted_only_from_a_local_proxy():
    assert join_guard.client_address("127.0.0.1", "10.0.0.5, 192.0.2.8") == "192.0.2.8"
    assert join_guard.client_address(None, "192.0.2.8") == "192.0.2.8"
    assert join_guard.client_address("192.0.2.99", "10.9.9.9") == "192.0.2.99"  # a browser cannot pick its own


def test_a_class_takes_no_more_students_than_the_teacher_allows(store):
    the_class, _ = start_class(store, ["pretest"], max_students=3)
    for name in ("Brave Fox", "Calm Heron", "Quiet Owl"):
        join_class(store, the_class.code, name)
    with pytest.raises(JoinError, match="full"):
        join_class(store, the_class.code, "Late Comer")
    assert len(store.members(the_class.id)) == 3


def test_two_app_servers_cannot_both_let_in_the_last_student(db_url):
    servers = [Store(make_engine(db_url)) for _ in range(2)]
    the_class, _ = start_class(servers[0], ["pretest"], max_students=5)
    outcomes = []

    def join(server, number):
        try:
            outcomes.append(join_class(server, the_class.code, f"Student {number}"))
        except JoinError as refused:
            outcomes.append(refused)

    threads = [threading.Thread(target=join, args=(servers[n % 2], n)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(servers[0].members(the_class.id)) == 5
    assert sum(isinstance(o, JoinError) for o in outcomes) == 7
    for server in servers:
        server.engine.dispose()


def test_look_alike_nicknames_are_refused_and_the_same_one_asks_first(store):
    the_class, _ = start_class(store, ["pretest"])
    join_class(store, the_class.code, "Sam")
    with pytest.raises(NicknameError, match="looks just like it"):
        join_class(store, the_class.code, "S\u0430m")  # Cyrillic a
    with pytest.raises(NicknameError, match="invisible"):
        join_class(store, the_class.code, "\u3164\u3164")
    with pytest.raises(NicknameTaken):
        join_class(store, the_class.code, "SAM")
    assert [m.nickname for m in store.members(the_class.id)] == ["Sam"]


def test_taking_over_a_nickname_needs_the_teachers_approval(store):
    the_class, _ = start_class(store, ["pretest"])
    sam = join_class(store, the_class.code, "Sam")
    # Someone who read the code and the nickname off the projector:
    asked = join_class(store, the_class.code, "Sam", rejoin=True)
    assert classroom.rejoin_status(store, asked.request_token) == ("waiting", None)
    [request] = classroom.waiting_rejoins(store, the_class.id)
    other_class, _ = start_class(store, ["pretest"])
    assert not store.decide_rejoin(other_class.id, request.id, approve=True)  # only this class's teacher
    assert store.decide_rejoin(the_class.id, request.id, approve=False)
    assert classroom.rejoin_status(store, asked.request_token) == ("refused", None)
    assert store.learner_by_token(sam.token).id == sam.learner.id  # Sam's own link still works
    assert classroom.waiting_rejoins(store, the_class.id) == []
    # A request nobody answers expires.
    late = join_class(store, the_class.code, "Sam", rejoin=True)
    assert classroom.rejoin_status(store, late.request_token, at=now() + classroom.REJOIN_WAIT * 2)[0] == "expired"


def test_a_class_flooded_with_refused_joins_pauses_new_joins(store):
    the_class, _ = start_class(store, ["pretest"], max_students=1)
    join_class(store, the_class.code, "Sam")
    for attempt in range(CLASS_LIMIT):
        with pytest.raises(JoinError):
            join_class(store, the_class.code, f"Bot {attempt}", who=client(store.secret, f"10.1.{attempt}.1", "c"))
    with pytest.raises(JoinThrottled, match="not taking new students"):
        join_class(store, the_class.code, "Another", who=client(store.secret, "10.200.0.1", "c"))
