"""Scoring of face judgements: pure functions of the answers, no storage, no UI.

"AI" is the signal: a hit is an AI face called AI, a false alarm a real face called AI.
Sensitivity d' and bias c follow signal detection theory with the log-linear correction
(add 0.5 to each count), so perfect or empty rates stay finite on a 10-item test.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

CHOICES = ("real", "ai")
CONFIDENCE_LEVELS = (50, 60, 70, 80, 90, 100)
_Z = NormalDist().inv_cdf


def is_correct(answer: str, choice: str) -> bool:
    """Grading: the choice matches the item's answer ("real" or "ai")."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}, not {choice!r}")
    return choice == answer


@dataclass(frozen=True)
class Judgement:
    answer: str  # the truth: "real" or "ai"
    choice: str
    confidence: int = 50  # percent sure, 50..100

    @property
    def correct(self) -> bool:
        return self.answer == self.choice


@dataclass(frozen=True)
class Detection:
    n: int
    correct: int
    hits: int  # AI called AI
    misses: int  # AI called real
    false_alarms: int  # real called AI
    correct_rejections: int  # real called real
    d_prime: float
    criterion: float  # c > 0: leans towards "real"; c < 0: leans towards "AI"

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def hit_rate(self) -> float:
        signal = self.hits + self.misses
        return self.hits / signal if signal else 0.0

    @property
    def false_alarm_rate(self) -> float:
        noise = self.false_alarms + self.correct_rejections
        return self.false_alarms / noise if noise else 0.0


def detection(judgements: list[Judgement]) -> Detection:
    hits = sum(1 for j in judgements if j.answer == "ai" and j.choice == "ai")
    misses = sum(1 for j in judgements if j.answer == "ai" and j.choice == "real")
    false_alarms = sum(1 for j in judgements if j.answer == "real" and j.choice == "ai")
    rejections = sum(1 for j in judgements if j.answer == "real" and j.choice == "real")
    hit_rate = (hits + 0.5) / (hits + misses + 1)
    fa_rate = (false_alarms + 0.5) / (false_alarms + rejections + 1)
    d_prime = _Z(hit_rate) - _Z(fa_rate)
    criterion = -(_Z(hit_rate) + _Z(fa_rate)) / 2
    return Detection(len(judgements), hits + rejections, hits, misses, false_alarms, rejections,
                     round(d_prime, 3), round(criterion, 3))


@dataclass(frozen=True)
class CalibrationBin:
    confidence: int
    n: int
    accuracy: float


def calibration(judgements: list[Judgement]) -> list[CalibrationBin]:
    """Accuracy at each confidence level the learner used (a calibrated learner is on the diagonal)."""
    bins = []
    for level in CONFIDENCE_LEVELS:
        group = [j for j in judgements if j.confidence == level]
        if group:
            bins.append(CalibrationBin(level, len(group), sum(j.correct for j in group) / len(group)))
    return bins


def overconfidence(judgements: list[Judgement]) -> float:
    """Mean confidence minus accuracy, in percentage points (positive: more sure than right)."""
    if not judgements:
        return 0.0
    mean_confidence = sum(j.confidence for j in judgements) / len(judgements)
    accuracy = 100 * sum(j.correct for j in judgements) / len(judgements)
    return round(mean_confidence - accuracy, 1)


# Warn a learner who has drifted into calling everything AI: the known side effect of
# inoculation games (research.md). Looks at the recent answers only.
DRIFT_WINDOW = 6
DRIFT_SHARE = 5 / 6


def drifting_to_ai(recent_choices: list[str]) -> bool:
    window = recent_choices[-DRIFT_WINDOW:]
    return len(window) == DRIFT_WINDOW and sum(c == "ai" for c in window) >= DRIFT_SHARE * DRIFT_WINDOW
