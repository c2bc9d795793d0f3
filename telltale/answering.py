"""Submitting an answer: the one way an answer is graded and stored, for every kind of step.

A page grades with its step kind (telltale.steps) and calls submit; what to show next is the
caller's: the outcome says whether the answer was stored, or refused because the learner's
class was closed while the question was on screen.
"""
from __future__ import annotations

from dataclasses import dataclass

from telltale.storage import ClassClosed, GradedAnswer, Store


@dataclass(frozen=True)
class Submitted:
    graded: GradedAnswer
    stored: bool  # False when this question already had an answer (the first one is kept)
    class_closed: bool  # refused: the learner's class is closed, nothing was stored


def submit(store: Store, learner_id: int, phase: str, position: int, graded: GradedAnswer,
           confidence: int | None = None, response_ms: int | None = None) -> Submitted:
    try:
        stored = store.record_answer(learner_id, phase, position, graded, confidence, response_ms)
    except ClassClosed:
        return Submitted(graded, stored=False, class_closed=True)
    return Submitted(graded, stored=stored, class_closed=False)
