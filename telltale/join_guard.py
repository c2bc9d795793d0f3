"""Slowing down guesses at the join page: limits per browser, per network address and per class.

A class code is 6 characters from 31 (887 million codes), which is only safe if nobody can try
codes quickly. Every join attempt is recorded in the database (join_attempts), so that all app
servers sharing one database count together; no address is stored, only keyed hashes of it,
and rows are deleted after a day.

- A browser (its address with its Streamlit browser cookie) that gave BROWSER_LIMIT wrong codes
  within WINDOW must wait until the window has passed.
- An address gets NETWORK_LIMIT: higher, because a school's Chromebooks often reach the app
  through one address, and 30 students mistyping once or twice must not lock each other out.
- A class that has had CLASS_LIMIT refused joins in WINDOW (nicknames taken, look-alikes, class
  full: someone who knows the code is trying names) pauses new joins for a while; the students
  already in it carry on, and the teacher sees it on the dashboard.
Attempts refused by a limit are not counted, so a locked-out browser is free again when its
window has passed, and its attempts never reach the class lookup.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from telltale import i18n
from telltale.storage import Store, now

WINDOW = timedelta(minutes=10)
BROWSER_LIMIT = 10
NETWORK_LIMIT = 60
CLASS_LIMIT = 100


class JoinThrottled(Exception):
    """Too many failed attempts: the message says how long to wait, for the student."""

    def __init__(self, message: str, wait: timedelta):
        super().__init__(message)
        self.wait = wait


@dataclass(frozen=True)
class Client:
    browser: str  # keyed hash of the address and the browser's cookie
    network: str  # keyed hash of the address alone


def client_address(peer: str | None, forwarded_for: str | None) -> str:
    """The browser's address: the peer, or, when the peer is this machine (a proxy such as the
    HAProxy of scripts/serve.py), the address that proxy appended to X-Forwarded-For."""
    local = peer is None
    if peer is not None:
        try:
            local = ipaddress.ip_address(peer).is_loopback
        except ValueError:
            local = False
    if local and forwarded_for:
        return forwarded_for.split(",")[-1].strip() or "local"
    return peer or "local"


def client(secret: bytes, address: str, browser_cookie: str | None) -> Client:
    def keyed(text: str) -> str:
        return hmac.new(secret, f"telltale-join:{text}".encode(), hashlib.sha256).hexdigest()[:32]

    return Client(browser=keyed(f"{address}|{browser_cookie or ''}"), network=keyed(address))


def _wait(last: datetime | None, at: datetime) -> tuple[int, timedelta]:
    """Whole minutes to wait (at least one), and the wait."""
    wait = max(timedelta(seconds=30), (last or at) + WINDOW - at)
    return math.ceil(wait.total_seconds() / 60), wait


def check_client(store: Store, who: Client, at: datetime | None = None, language: str = i18n.DEFAULT) -> None:
    """Raise JoinThrottled if this browser or its address has failed too often lately (message in the language)."""
    at = at or now()
    since = at - WINDOW
    for limit, filters in ((BROWSER_LIMIT, {"client": who.browser}), (NETWORK_LIMIT, {"network": who.network})):
        count, last = store.failed_joins(since, **filters)
        if count >= limit:
            minutes, wait = _wait(last, at)
            raise JoinThrottled(i18n.translations(language).ngettext(
                "Too many wrong class codes from this device. Please wait {count} minute, then check the code on "
                "the board and try again.",
                "Too many wrong class codes from this device. Please wait {count} minutes, then check the code on "
                "the board and try again.", minutes).format(count=minutes), wait)


def check_class(store: Store, class_id: int, at: datetime | None = None, language: str = i18n.DEFAULT) -> None:
    """Raise JoinThrottled if this class has refused too many joins lately (message in the language)."""
    at = at or now()
    count, last = store.failed_joins(at - WINDOW, class_id=class_id)
    if count >= CLASS_LIMIT:
        minutes, wait = _wait(last, at)
        raise JoinThrottled(i18n.translations(language).ngettext(
            "This class is not taking new students for {count} minute: too many attempts to join it failed. "
            "Ask your teacher.",
            "This class is not taking new students for {count} minutes: too many attempts to join it failed. "
            "Ask your teacher.", minutes).format(count=minutes), wait)


def record(store: Store, who: Client, class_id: int | None, failed: bool) -> None:
    store.record_join_attempt(who.browser, who.network, class_id, failed)
