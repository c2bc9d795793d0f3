"""Scoring for the fake-ads half of the course. Pure functions of the lesson data and answers.

An ad is scored twice: the decision (authentic or inauthentic: 1 or 0) and the red flags
ticked. Flags are compared by catalogue id: ``found`` are ticked and true, ``invented``
ticked but not on this ad, ``missed`` true but not ticked. The flag score is the share
of true flags found minus a penalty for each invented one, clipped to [0, 1], so that
ticking every box is never a winning strategy. On an authentic ad every ticked flag is
invented: the flag score starts at 1 and only the penalty applies. The combined score
(``AdScore.score``, the one stored) weighs the decision and the flags equally.

The network case is scored like a detection task: picking an account of the network is a
hit, picking an unrelated account a false alarm, and the score is the hit rate minus the
false-alarm rate (clipped at 0), so "pick everyone" and "pick no one" both score 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from telltale.ads.model import VERDICTS, AdExample, NetworkCase

INVENTED_PENALTY = 0.25  # subtracted from the flag score for each invented flag
DECISION_WEIGHT = 0.5  # share of the combined score that the verdict carries; the flags carry the rest


@dataclass(frozen=True)
class AdScore:
    example_id: str
    decision: str
    correct: bool
    decision_credit: int  # 1 if the verdict is right, else 0
    found: frozenset[str]
    invented: frozenset[str]
    missed: frozenset[str]
    flag_score: float  # in [0, 1]

    @property
    def score(self) -> float:
        """The combined score in [0, 1]: half for the verdict, half for the flags."""
        return DECISION_WEIGHT * self.decision_credit + (1 - DECISION_WEIGHT) * self.flag_score


@dataclass(frozen=True)
class NetworkScore:
    hits: frozenset[str]  # picked, in the network
    false_alarms: frozenset[str]  # picked, not in the network
    misses: frozenset[str]  # in the network, not picked
    correct_rejections: frozenset[str]  # not picked, not in the network
    hit_rate: float
    false_alarm_rate: float
    score: float  # max(0, hit_rate - false_alarm_rate), in [0, 1]


def score_ad(example: AdExample, decision: str, flags_chosen: Iterable[str]) -> AdScore:
    """Score one answer to ``example``: the verdict ``decision`` and the flag ids ticked."""
    if decision not in VERDICTS:
        raise ValueError(f"decision must be one of {', '.join(VERDICTS)}, not {decision!r}")
    chosen = frozenset(flags_chosen)
    true = example.flag_ids
    found = chosen & true
    invented = chosen - true
    missed = true - chosen
    base = len(found) / len(true) if true else 1.0
    flag_score = min(1.0, max(0.0, base - INVENTED_PENALTY * len(invented)))
    correct = decision == example.verdict
    return AdScore(
        example_id=example.id,
        decision=decision,
        correct=correct,
        decision_credit=1 if correct else 0,
        found=found,
        invented=invented,
        missed=missed,
        flag_score=flag_score,
    )


def score_network(case: NetworkCase, chosen_handles: Iterable[str]) -> NetworkScore:
    """Score the accounts a learner picked as belonging to the network."""
    chosen = frozenset(chosen_handles)
    handles = frozenset(a.handle for a in case.accounts)
    unknown = chosen - handles
    if unknown:
        raise ValueError(f"unknown account handle(s): {', '.join(sorted(unknown))}")
    network = case.network_handles
    outside = handles - network
    hits = chosen & network
    false_alarms = chosen & outside
    hit_rate = len(hits) / len(network) if network else 0.0
    false_alarm_rate = len(false_alarms) / len(outside) if outside else 0.0
    return NetworkScore(
        hits=hits,
        false_alarms=false_alarms,
        misses=network - chosen,
        correct_rejections=outside - chosen,
        hit_rate=hit_rate,
        false_alarm_rate=false_alarm_rate,
        score=max(0.0, hit_rate - false_alarm_rate),
    )


__all__ = ["AdScore", "DECISION_WEIGHT", "INVENTED_PENALTY", "NetworkScore", "score_ad", "score_network"]
