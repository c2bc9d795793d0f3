"""A learner's results: from stored answers and the items to the figures the results page shows."""
from __future__ import annotations

from dataclasses import dataclass

from telltale.content.lessons import FaceItem
from telltale.scoring import CalibrationBin, Detection, Judgement, calibration, detection, overconfidence
from telltale.storage import Answer

# Published anchors (research.md) the results page compares a learner with.
# (short label for a phone-wide chart, percent correct, source)
PUBLISHED = [
    ("Untrained people", 48.2, "StyleGAN2 faces, no training: Nightingale & Farid, PNAS 2022"),
    ("Trained, with feedback", 59.0, "the same study, after training and feedback on every answer"),
    ("AI vs real media", 50.0, "images, audio and video: Cooke et al. 2024"),
]


def judgements(items: dict[str, FaceItem], answers: list[Answer]) -> list[Judgement]:
    """Single-face answers as judgements; pairs carry no real/AI choice, so they are left out."""
    out = []
    for answer in answers:
        item = items.get(answer.item_id)
        if item is not None and answer.choice in ("real", "ai"):
            out.append(Judgement(item.answer, answer.choice, answer.confidence or 50))
    return out


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
        shown = answer.item_id.split("+")
        for image_id in shown:
            item = items.get(image_id)
            if item is None or not item.is_ai:
                continue
            # In a pair the AI face was caught when the learner picked the other one as real.
            caught = answer.choice == "ai" if len(shown) == 1 else answer.choice != image_id
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
    by_phase = {phase: [a for a in answers if a.phase == phase] for phase in ("pretest", "practice", "posttest")}
    tests = {phase: judgements(items, by_phase[phase]) for phase in ("pretest", "posttest")}
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
