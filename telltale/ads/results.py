"""A learner's results in the fake-ads half: ads judged, red flags found and invented, the network case.

Computed from the stored answers alone (their ``detail``), so results keep matching what the
learner was told at the time even if the lesson files change later.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from telltale.storage import Answer


@dataclass(frozen=True)
class NetworkResult:
    hits: int  # network accounts picked
    network_size: int
    false_alarms: int  # ordinary accounts picked
    ordinary: int  # accounts outside the network
    score: float  # hit rate minus false-alarm rate, 0..1


@dataclass(frozen=True)
class AdsResults:
    judged: int  # posts answered
    right: int  # verdicts right
    inauthentic_judged: int
    inauthentic_caught: int  # inauthentic posts called inauthentic
    authentic_judged: int
    authentic_accused: int  # authentic posts called inauthentic
    flags_found: int  # red flags ticked that were on the post
    flags_total: int  # red flags on the inauthentic posts answered
    flags_invented: int  # red flags ticked that were not on the post
    mean_score: float | None  # mean combined score of the posts, 0..1
    network: NetworkResult | None

    @property
    def any(self) -> bool:
        return self.judged > 0 or self.network is not None


def _ids(detail: dict, key: str) -> list:
    value = detail.get(key) if isinstance(detail, dict) else None
    return value if isinstance(value, list) else []


def ads_results(answers: Iterable[Answer]) -> AdsResults:
    """The ads and network figures of one learner's answers (other phases are ignored)."""
    answers = list(answers)
    ads = [a for a in answers if a.phase == "ads"]
    inauthentic = [a for a in ads if a.expected == "inauthentic"]
    authentic = [a for a in ads if a.expected != "inauthentic"]
    found = sum(len(_ids(a.detail, "found")) for a in ads)
    missed = sum(len(_ids(a.detail, "missed")) for a in ads)
    network = None
    network_answers = [a for a in answers if a.phase == "network"]
    if network_answers:
        answer = network_answers[0]
        hits, misses = len(_ids(answer.detail, "hits")), len(_ids(answer.detail, "misses"))
        false_alarms = len(_ids(answer.detail, "false_alarms"))
        rejections = len(_ids(answer.detail, "correct_rejections"))
        network = NetworkResult(hits, hits + misses, false_alarms, false_alarms + rejections, answer.score)
    return AdsResults(
        judged=len(ads),
        right=sum(a.correct for a in ads),
        inauthentic_judged=len(inauthentic),
        inauthentic_caught=sum(a.correct for a in inauthentic),
        authentic_judged=len(authentic),
        authentic_accused=sum(not a.correct for a in authentic),
        flags_found=found,
        flags_total=found + missed,
        flags_invented=sum(len(_ids(a.detail, "invented")) for a in ads),
        mean_score=sum(a.score for a in ads) / len(ads) if ads else None,
        network=network,
    )


__all__ = ["AdsResults", "NetworkResult", "ads_results"]
