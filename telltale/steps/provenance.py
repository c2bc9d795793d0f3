"""A provenance case: does the profile, post or ad check out, and which evidence decided it.

Stores the verdict chosen and the case's verdict; the evidence named, and which of it was
deciding, missed or beside the point, go in the detail. The score is half verdict, half evidence:
the share of the deciding tools named, minus a quarter for each piece of evidence that did not
decide the case (the photo's look never does). Right when the verdict is right and at least one
deciding tool was named.
"""
from __future__ import annotations

from typing import Iterable

from telltale.provenance.lab import VERDICTS, Case, Lab
from telltale.storage import GradedAnswer

KIND = "provenance"
BESIDE_THE_POINT = 0.25  # taken off the evidence half for each piece of evidence that did not decide


def grade(lab: Lab, case: Case, verdict: str, evidence: Iterable[str]) -> GradedAnswer:
    if verdict not in VERDICTS:
        raise ValueError(f"a case is answered {' or '.join(VERDICTS)}, not {verdict!r}")
    order = [e.id for e in lab.evidence]
    named = set(evidence)
    unknown = named - set(order)
    if unknown:
        raise ValueError(f"unknown evidence: {', '.join(sorted(unknown))}")
    found = [e for e in order if e in named and e in case.deciding]
    beside = [e for e in order if e in named and e not in case.deciding]
    missed = [e for e in order if e in case.deciding and e not in named]
    verdict_right = verdict == case.verdict
    evidence_part = max(0.0, len(found) / len(case.deciding) - BESIDE_THE_POINT * len(beside))
    score = round(0.5 * verdict_right + 0.5 * evidence_part, 4)
    detail = {"evidence": [e for e in order if e in named], "found": found, "beside": beside, "missed": missed}
    return GradedAnswer(KIND, case.id, verdict, case.verdict, verdict_right and bool(found), score, detail)


def decode(stored: str) -> str:
    return stored
