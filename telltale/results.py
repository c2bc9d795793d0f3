"""A learner's results: from stored answers and the items to the figures the results page shows."""
from __future__ import annotations

from dataclasses import dataclass

from telltale import parts
from telltale.content.lessons import FaceItem
from telltale.steps import face, pair
from telltale.scoring import CalibrationBin, Detection, Judgement, calibration, detection, overconfidence
from telltale.storage import Answer

# Published anchors (research.md) the results page compares a learner with.
# (short label for a phone-wide chart, percent correct, source)
PUBLISHED = [
    ("Untrained people", 48.2, "StyleGAN2 faces, no training: Nightingale & Farid, PNAS 2022"),
    ("Trained, with feedback", 59.0, "the same study, after training and feedback on every answer"),
    ("AI vs real media", 50.0, "images, audio and video: Cooke et al. 2024"),
]


def judgements(answers: list[Answer]) -> list[Judgement]:
    """Single-face answers as judgements; pairs carry no real/AI choice, so they are left out."""
    return [Judgement(a.expected, a.choice, a.confidence or 50) for a in answers if a.kind == face.KIND]


@dataclass(frozen=True)
class TellRecord:
    tell: str
    seen: int
    spotted: int  # AI faces carrying this tell that the learner called AI

    @property
    def mastered(self) -> bool:
        return self.seen > 0 and self.spotted == self.seen


def tell_mastery(items: dict[str, FaceItem], answers: list[Answer]) -> list[TellRecord]:
    """For each tell, how many AI faces carrying it the learner saw and caught (practice and final test)."""
    seen: dict[str, int] = {}
    spotted: dict[str, int] = {}
    for answer in answers:
        if answer.phase not in ("practice", "posttest"):
            continue
        if answer.kind not in (face.KIND, pair.KIND):
            continue
        # A single AI face is caught when called AI; in a pair, when the real one is picked: both
        # are the right answer.
        caught = answer.correct
        for image_id in pair.shown_of(answer.item_id) if answer.kind == pair.KIND else [answer.item_id]:
            item = items.get(image_id)
            if item is None or not item.is_ai:
                continue
            for tell in {clue.tell for clue in item.clues}:
                seen[tell] = seen.get(tell, 0) + 1
                spotted[tell] = spotted.get(tell, 0) + int(caught)
    return sorted((TellRecord(t, seen[t], spotted[t]) for t in seen), key=lambda r: (-r.spotted / r.seen, r.tell))


@dataclass(frozen=True)
class LearnerResults:
    pretest: Detection | None
    posttest: Detection | None
    calibration: list[CalibrationBin]
    overconfidence: float
    tells: list[TellRecord]
    practice_correct: int
    practice_total: int


def learner_results(items: dict[str, FaceItem], answers: list[Answer]) -> LearnerResults:
    by_phase = {phase: [a for a in answers if a.phase == phase] for phase in parts.FACE_QUESTIONS}
    tests = {phase: judgements(by_phase[phase]) for phase in ("pretest", "posttest")}
    both = tests["pretest"] + tests["posttest"]
    return LearnerResults(
        pretest=detection(tests["pretest"]) if tests["pretest"] else None,
        posttest=detection(tests["posttest"]) if tests["posttest"] else None,
        calibration=calibration(both),
        overconfidence=overconfidence(both),
        tells=tell_mastery(items, answers),
        practice_correct=sum(a.correct for a in by_phase["practice"]),
        practice_total=len(by_phase["practice"]),
    )
