"""The network case: which accounts belong to the network, and why.

Stores the handles picked and the network's handles, each a JSON list in sorted order; the four
outcomes and the reasons go in the detail. Right only with no miss and no false alarm; the
score is the hit rate minus the false-alarm rate.
"""
from __future__ import annotations

import json
from typing import Iterable

from telltale.ads import investigation
from telltale.ads.model import NetworkCase
from telltale.storage import GradedAnswer

KIND = "network"


def grade(case: NetworkCase, handles: Iterable[str], reasons: Iterable[str]) -> GradedAnswer:
    score, choice, detail = investigation.grade(case, handles, reasons)
    correct = not score.false_alarms and not score.misses
    return GradedAnswer(KIND, case.id, choice, json.dumps(sorted(case.network_handles)), correct, score.score,
                        detail)


def decode(stored: str) -> list[str]:
    """The handles of a stored list; none if it cannot be read."""
    try:
        value = json.loads(stored)
    except (TypeError, ValueError):
        return []
    return [h for h in value if isinstance(h, str)] if isinstance(value, list) else []
