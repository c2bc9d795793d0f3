"""A learner's results: from stored answers and the items to the figures the results page shows."""
from __future__ import annotations

from dataclasses import dataclass

from telltale import i18n, parts
from telltale.content.lessons import FaceItem
from telltale.i18n import N_
from telltale.steps import face, pair
from telltale.scoring import CalibrationBin, Detection, Judgement, calibration, detection, overconfidence
from telltale.storage import Answer

# Published anchors (research.md) the results page compares a learner with.
# (short label for a phone-wide chart, percent correct, source); the words are translated where shown.
PUBLISHED = [
    (N_("Untrained people"), 48.2, N_("StyleGAN2 faces, no training: Nightingale & Farid, PNAS 2022")),
    (N_("Trained, with feedback"), 59.0, N_("the same study, after training and feedback on every answer")),
    (N_("AI vs real media"), 50.0, N_("images, audio and video: Cooke et al. 2024")),
]

# Published hit and false-alarm rates (real called AI), percent, for the same comparison by
# detection rather than percent correct: (who, hits, false alarms, source). d' is computed from
# the two rates (telltale.scoring's z-transform).
PUBLISHED_RATES = [
    (N_("Typical viewers before a 5-minute lesson"), 31.0, 46.0, N_("StyleGAN3 faces: Gray et al. 2025")),
    (N_("Typical viewers after the lesson"), 51.0, 49.0,
     N_("the same study: more fakes caught, but also more real faces called fake")),
]
# Nightingale & Farid 2022 report d' directly: 0.46 after training with feedback.
PUBLISHED_TRAINED_D_PRIME = 0.46

# How the course chose its test faces, for the results page (kept beside the anchors it qualifies).
TEST_CHOICE = N_(
    "Each test form holds real photos and two kinds of AI faces: GAN faces like those of the 2019 network, "
    "and faces from a current image generator, made by people who appear nowhere else in the course. "
    "Every face is framed as people post photos, and skin tones are balanced between real and AI faces. "
    "Most GAN test faces were chosen because they show a tell the course teaches; a few show none, and the "
    "current generator's faces show almost none. The studies above used whole, unselected faces, so a "
    "score here is not directly comparable: our GAN faces are easier, our current faces harder."
)


def published_d_prime(hits_percent: float, false_alarms_percent: float) -> float:
    from telltale.scoring import _Z
    return round(_Z(hits_percent / 100) - _Z(false_alarms_percent / 100), 2)


@dataclass(frozen=True)
class KindRecord:
    kind: str  # "real", "gan" or "diffusion"
    correct: int
    n: int


KIND_NAMES = {"real": N_("Real photos"), "gan": N_("GAN faces (2019 kind)"),
              "diffusion": N_("Current AI faces (diffusion)")}  # translated where shown


def accuracy_by_kind(items: dict[str, FaceItem], answers: list[Answer],
                     phases: tuple[str, ...] = tuple(parts.TESTS)) -> list[KindRecord]:
    """Right answers per kind of face, over the single-face questions of the given phases."""
    counts: dict[str, list[int]] = {}
    for answer in answers:
        item = items.get(answer.item_id)
        if answer.phase not in phases or answer.kind != face.KIND or item is None:
            continue
        record = counts.setdefault(item.kind, [0, 0])
        record[0] += int(answer.correct)
        record[1] += 1
    return [KindRecord(kind, *counts[kind]) for kind in KIND_NAMES if kind in counts]


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
    tests = {phase: judgements(by_phase[phase]) for phase in parts.TESTS}
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


# --- the results in words: each threshold and its sentence in one place ------------------------

def sensitivity_in_words(d_prime: float, language: str = i18n.DEFAULT) -> str:
    tr = i18n.translations(language)
    if d_prime < 0.25:
        return tr.gettext("You could not yet tell real from AI faces: this is what guessing looks like.")
    if d_prime < 0.75:
        return tr.gettext("You can tell them apart a little better than guessing.")
    if d_prime < 1.5:
        return tr.gettext("You tell real from AI faces clearly better than chance.")
    return tr.gettext("You tell real from AI faces apart very well.")


def bias_in_words(criterion: float, language: str = i18n.DEFAULT) -> str:
    tr = i18n.translations(language)
    if criterion <= -0.3:
        return tr.gettext("You lean towards calling faces AI, so some real people get called fake.")
    if criterion >= 0.3:
        return tr.gettext("You lean towards calling faces real, so some AI faces slip past you.")
    return tr.gettext("You have no strong lean: you call real and AI about as often as they appear.")


def calibration_in_words(overconfidence_points: float, language: str = i18n.DEFAULT) -> str:
    """How sure the learner was against how often they were right (mean confidence minus accuracy)."""
    tr = i18n.translations(language)
    gap = overconfidence_points
    points = i18n.number(language, abs(gap))
    if gap >= 0:
        said = tr.gettext("On average you were **{points} points more sure than right**.").format(points=points)
    else:
        said = tr.gettext("On average you were **{points} points less sure than right**.").format(points=points)
    if gap > 10:
        return said + " " + tr.gettext("Researchers found the same: the least accurate people are often the most "
                                       "confident.")
    if abs(gap) <= 10:
        return said + " " + tr.gettext("That is well calibrated: your confidence matches how often you are right.")
    return said + " " + tr.gettext("You can trust your eye a little more.")
