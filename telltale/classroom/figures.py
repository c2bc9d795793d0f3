"""The teacher dashboard's figures: computed from one read of the class's rows, then arithmetic in memory."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from statistics import mean

from telltale import course, parts
from telltale.provenance.lab import ClassLabSummary, class_lab_summary, evidence_of
from telltale.scoring import CalibrationBin, Detection, Judgement, calibration, detection, overconfidence
from telltale.steps import ad, face, provenance
from telltale.storage import ClassAnswer, ClassRecord, Member, Store

FACE_PHASES = course.QUESTION_PHASES  # pretest, practice, posttest
TEST_PHASES = parts.TESTS


def truth_of(answer: ClassAnswer) -> str | None:
    """Whether a single-face answer's face was real or AI (as stored with it); None for other kinds."""
    return face.decode(answer.expected) if answer.kind == face.KIND else None


def judgement_of(answer: ClassAnswer) -> Judgement | None:
    truth = truth_of(answer)
    return Judgement(truth, answer.choice, answer.confidence or 50) if truth else None


def expected_answers(plan: dict) -> dict[str, int]:
    """How many answers each face phase of a plan asks for."""
    counts = {}
    for phase in FACE_PHASES:
        if phase in plan.get("sections", ()):
            key = "practice_items" if phase == "practice" else "test_items"
            default = course.DEFAULT_PRACTICE_ITEMS if phase == "practice" else course.DEFAULT_TEST_ITEMS
            counts[phase] = int(plan.get(key, default))
    return counts


@dataclass(frozen=True)
class StudentSummary:
    learner_id: int
    nickname: str
    public_id: str
    section: str  # where the student is now
    rejoins: int
    joined_at: datetime
    active_at: datetime
    answered: dict[str, int]  # answers per phase
    pretest: Detection | None
    posttest: Detection | None
    practice_correct: int
    practice_total: int
    ads_answers: int
    ads_score: float | None  # mean score of the ads answers, 0..1
    mean_confidence: float | None
    overconfidence: float | None  # mean confidence minus accuracy in the tests, points
    provenance_answers: int = 0  # cases decided in the provenance lab
    provenance_score: float | None = None  # mean score of those, 0..1
    language: str = "en"  # the language the student takes the course in (telltale.i18n)


@dataclass(frozen=True)
class ItemStat:
    item_id: str
    truth: str  # "real" or "ai"
    n: int
    correct: int
    called_ai: int
    mean_confidence: float
    phases: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def called_real(self) -> int:
        return self.n - self.called_ai


@dataclass(frozen=True)
class AdsSummary:
    answers: int
    students: int
    mean_score: float | None
    per_item: list[tuple[str, int, float]]  # (ad item, answers, mean score)
    flags: list[tuple[str, int]]  # (red flag id, how many times it was found), most found first


@dataclass
class Snapshot:
    """Everything the live dashboard shows, computed from one read of the class's rows."""
    the_class: ClassRecord
    students: list[StudentSummary]
    items: list[ItemStat]
    section_counts: list[tuple[str, int]]  # students now in each part of the plan, in course order
    calibration: list[CalibrationBin]
    ads: AdsSummary
    answer_count: int
    last_answer_at: datetime | None
    expected: dict[str, int] = field(default_factory=dict)
    provenance: ClassLabSummary | None = None

    def fooled_most(self, limit: int = 5, min_answers: int = 2) -> list[ItemStat]:
        """The faces the class got wrong most often (with enough answers to mean something)."""
        pool = [i for i in self.items if i.n >= min_answers] or self.items
        return sorted(pool, key=lambda i: (i.accuracy, -i.n, i.item_id))[:limit]

    def pre_post(self) -> list[tuple[str, float, float]]:
        """(nickname, warm-up accuracy, final accuracy) of each student who took both tests."""
        return [(s.nickname, s.pretest.accuracy, s.posttest.accuracy)
                for s in self.students if s.pretest and s.posttest]

    def test_means(self) -> dict[str, tuple[float, int]]:
        """Class mean accuracy and number of students, per test taken."""
        out = {}
        for phase in TEST_PHASES:
            done = [getattr(s, phase) for s in self.students if getattr(s, phase)]
            if done:
                out[phase] = (mean(d.accuracy for d in done), len(done))
        return out

    def detection_points(self) -> list[tuple[str, str, float, float]]:
        """(nickname, test, d', c) for each test each student has answered."""
        return [(s.nickname, phase, getattr(s, phase).d_prime, getattr(s, phase).criterion)
                for s in self.students for phase in TEST_PHASES if getattr(s, phase)]

    def item(self, item_id: str) -> ItemStat | None:
        return next((i for i in self.items if i.item_id == item_id), None)


def summarize(the_class: ClassRecord, members: list[Member], answers: list[ClassAnswer]) -> Snapshot:
    """The dashboard's figures from the class's members and answers (pure: no database)."""
    by_learner: dict[int, list[ClassAnswer]] = defaultdict(list)
    for answer in answers:
        by_learner[answer.learner_id].append(answer)
    plan = the_class.plan
    parts = [s for s in plan.get("sections", []) if s != "welcome"]
    students = [_student(m, by_learner.get(m.learner_id, [])) for m in members]
    tests = [j for a in answers if a.phase in TEST_PHASES and (j := judgement_of(a))]
    at_section = Counter(m.section for m in members)
    return Snapshot(
        the_class=the_class,
        students=students,
        items=_item_stats(answers),
        section_counts=[(s, at_section.get(s, 0)) for s in parts],
        calibration=calibration(tests),
        ads=_ads_summary(answers),
        answer_count=len(answers),
        last_answer_at=max((a.created_at for a in answers), default=None),
        expected=expected_answers(plan),
        provenance=class_lab_summary(answers),
    )


def snapshot(store: Store, the_class: ClassRecord) -> Snapshot:
    """One refresh of the dashboard: two indexed queries, then arithmetic in memory."""
    return summarize(the_class, store.members(the_class.id), store.class_answers(the_class.id))


def _student(member: Member, answers: list[ClassAnswer]) -> StudentSummary:
    by_phase: dict[str, list[ClassAnswer]] = defaultdict(list)
    for answer in answers:
        by_phase[answer.phase].append(answer)
    tests = {p: [j for a in by_phase.get(p, []) if (j := judgement_of(a))] for p in TEST_PHASES}
    both = tests["pretest"] + tests["posttest"]
    ads = by_phase.get("ads", [])
    confidences = [a.confidence for a in answers if a.confidence is not None]
    return StudentSummary(
        learner_id=member.learner_id, nickname=member.nickname, public_id=member.public_id,
        section=member.section, rejoins=member.rejoins,
        joined_at=member.joined_at, active_at=member.active_at, language=member.language,
        answered={phase: len(rows) for phase, rows in by_phase.items()},
        pretest=detection(tests["pretest"]) if tests["pretest"] else None,
        posttest=detection(tests["posttest"]) if tests["posttest"] else None,
        practice_correct=sum(a.correct for a in by_phase.get("practice", [])),
        practice_total=len(by_phase.get("practice", [])),
        ads_answers=len(ads),
        ads_score=mean(a.score for a in ads) if ads else None,
        mean_confidence=round(mean(confidences), 1) if confidences else None,
        overconfidence=overconfidence(both) if both else None,
        provenance_answers=len(lab := by_phase.get("provenance", [])),
        provenance_score=mean(a.score for a in lab) if lab else None,
    )


def _item_stats(answers: list[ClassAnswer]) -> list[ItemStat]:
    groups: dict[str, list[ClassAnswer]] = defaultdict(list)
    for answer in answers:
        if answer.phase in FACE_PHASES and truth_of(answer):
            groups[answer.item_id].append(answer)
    stats = []
    for item_id, rows in groups.items():
        truth = Counter(truth_of(a) for a in rows).most_common(1)[0][0]
        stats.append(ItemStat(
            item_id=item_id, truth=truth, n=len(rows), correct=sum(a.correct for a in rows),
            called_ai=sum(a.choice == "ai" for a in rows),
            mean_confidence=round(mean(a.confidence or 50 for a in rows), 1),
            phases=tuple(p for p in FACE_PHASES if any(a.phase == p for a in rows))))
    return sorted(stats, key=lambda s: s.item_id)


def _ads_summary(answers: list[ClassAnswer]) -> AdsSummary:
    """Red flags found in the fake-ads part: answers with phase "ads", detail {"flags": [...]}, score 0..1."""
    ads = [a for a in answers if a.kind == ad.KIND]
    per_item: dict[str, list[float]] = defaultdict(list)
    flags: Counter = Counter()
    for answer in ads:
        per_item[answer.item_id].append(answer.score)
        flags.update(set(flags_of(answer)))
    return AdsSummary(
        answers=len(ads), students=len({a.learner_id for a in ads}),
        mean_score=mean(a.score for a in ads) if ads else None,
        per_item=sorted((item, len(scores), mean(scores)) for item, scores in per_item.items()),
        flags=sorted(flags.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def flags_of(answer: ClassAnswer) -> list[str]:
    """The red flags an ads answer ticked (detail {"flags": [...]}), or the evidence a provenance answer
    named; none for other answers."""
    if answer.kind == provenance.KIND:
        return evidence_of(answer)
    found = answer.detail.get("flags") if isinstance(answer.detail, dict) else None
    return [str(flag) for flag in found] if answer.kind == ad.KIND and isinstance(found, list) else []
