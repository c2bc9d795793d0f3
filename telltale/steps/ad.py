"""A sponsored post: authentic or part of an inauthentic network, how sure, which red flags.

Stores the verdict chosen and the post's true verdict; the flags found, invented and missed go
in the detail (see telltale.ads.lesson.grade). The score is half verdict, half red flags.
"""
from __future__ import annotations

from typing import Iterable

from telltale.ads import lesson as ads_lesson
from telltale.ads.model import AdExample, AdsLesson
from telltale.storage import GradedAnswer

KIND = "ad"


def grade(lesson: AdsLesson, example: AdExample, decision: str, flags: Iterable[str]) -> GradedAnswer:
    score, detail = ads_lesson.grade(lesson, example, decision, flags)
    return GradedAnswer(KIND, example.id, decision, example.verdict, score.correct, score.score, detail)


def decode(stored: str) -> str:
    return stored
