"""The ads lesson as a course step: which post comes next, what is stored, what the reveal says.

Pure functions of the lesson data, the learner's seed and their stored answers, so that a
learner who comes back gets the same posts in the same order and carries on with the first
post that has no stored answer.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterable

from telltale.ads.model import AdExample, AdsLesson
from telltale.ads.scoring import AdScore, score_ad
from telltale.i18n import N_

PHASE = "ads"
VERDICT_LABELS = {"authentic": N_("Authentic"), "inauthentic": N_("Part of an inauthentic network")}  # translated where shown


def example_order(lesson: AdsLesson, seed: int, count: int | None = None) -> list[str]:
    """The learner's posts in order, fixed by their seed: `count` of them (all when None), as
    many from inauthentic networks as authentic ones (the odd one out is inauthentic)."""
    rng = random.Random(f"{seed}-{PHASE}")
    fake = [e.id for e in lesson.examples if e.verdict == "inauthentic"]
    real = [e.id for e in lesson.examples if e.verdict != "inauthentic"]
    rng.shuffle(fake)
    rng.shuffle(real)
    if count is not None:
        fake, real = fake[: count - count // 2], real[: count // 2]
    ids = fake + real
    rng.shuffle(ids)
    return ids


def next_example(order: list[str], answered_ids: Iterable[str]) -> str | None:
    """The first example in the learner's order without a stored answer; None when all are done."""
    done = set(answered_ids)
    return next((example_id for example_id in order if example_id not in done), None)


def _in_catalogue_order(lesson: AdsLesson, ids: Iterable[str]) -> list[str]:
    wanted = set(ids)
    known = [flag for flag in lesson.flags if flag in wanted]
    return known + sorted(wanted - set(known))


def grade(lesson: AdsLesson, example: AdExample, decision: str, flags: Iterable[str]) -> tuple[AdScore, dict]:
    """The score of an answer and the ``detail`` to store with it.

    detail = {"flags": ticked, "found": ticked and true, "invented": ticked but not on
    this post, "missed": true but not ticked}, each a list of flag ids in catalogue order.
    """
    flags = list(flags)
    unknown = [flag for flag in flags if flag not in lesson.flags]
    if unknown:
        raise ValueError(f"unknown red flag(s): {', '.join(unknown)}")
    score = score_ad(example, decision, flags)
    detail = {
        "flags": _in_catalogue_order(lesson, flags),
        "found": _in_catalogue_order(lesson, score.found),
        "invented": _in_catalogue_order(lesson, score.invented),
        "missed": _in_catalogue_order(lesson, score.missed),
    }
    return score, detail


@dataclass(frozen=True)
class RevealMark:
    number: int  # the badge number on the highlighted picture
    part: str  # the rendered part it outlines
    label: str  # catalogue label ("Brand-new Page")
    explain: str  # why, on this post
    status: str  # "found" or "missed" for red flags, "sign" for authentic signs


@dataclass(frozen=True)
class Reveal:
    correct: bool
    verdict: str  # the right answer
    marks: tuple[RevealMark, ...]  # red flags of an inauthentic post, or signs of an authentic one
    invented: tuple[str, ...]  # labels of flags ticked that this post does not have
    found: int
    total_flags: int

    @property
    def parts(self) -> list[str]:
        """The parts to outline, in badge order (for render.highlight)."""
        return [mark.part for mark in self.marks]


def reveal(lesson: AdsLesson, example: AdExample, correct: bool, detail: dict) -> Reveal:
    """What the reveal shows for a stored answer: every flag (or sign) numbered, found or missed."""
    found = set(detail.get("found", ()))
    marks: list[RevealMark] = []
    if example.is_inauthentic:
        for number, mark in enumerate(example.red_flags, start=1):
            marks.append(RevealMark(number, mark.part, lesson.flags[mark.id].label, mark.explain,
                                    "found" if mark.id in found else "missed"))
    else:
        for number, mark in enumerate(example.authentic_signs, start=1):
            marks.append(RevealMark(number, mark.part, lesson.signs[mark.id].label, mark.explain, "sign"))
    invented = tuple(lesson.flags[f].label if f in lesson.flags else f for f in detail.get("invented", ()))
    return Reveal(correct=correct, verdict=example.verdict, marks=tuple(marks), invented=invented,
                  found=len(found & example.flag_ids), total_flags=len(example.flag_ids))


__all__ = ["PHASE", "Reveal", "RevealMark", "VERDICT_LABELS", "example_order", "grade", "next_example", "reveal"]
