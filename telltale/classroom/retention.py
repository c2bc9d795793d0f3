"""How long class and self-paced data is kept, and the sweep that deletes what is older."""
from __future__ import annotations

import os
from datetime import datetime, timedelta

from telltale.storage import Store, now

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
