"""The self-paced course: its sections, and which questions a learner gets in each.

Everything a learner sees is derived from their plan and random seed, so a learner who
resumes gets the very same questions, and the next question is simply the first one
without a stored answer.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from telltale import parts
from telltale.content.lessons import FaceItem
from telltale.steps import face, pair
from telltale.storage import GradedAnswer

QUESTION_PHASES = parts.FACE_QUESTIONS  # pretest, practice, posttest
DEFAULT_TEST_ITEMS = 10
DEFAULT_PRACTICE_ITEMS = 12
# Half of the posts come from inauthentic networks; all 17 would double the course's length.
DEFAULT_ADS_ITEMS = 8
# Every PAIR_EVERY-th practice question shows two faces: "which of these two is real?"
PAIR_EVERY = 3
# Practice singles that show no tell at all (one AI face, one real photo), each with honest feedback.
NO_TELL_PER_PRACTICE = 2


def default_plan(sections=parts.CHOOSABLE, test_items: int = DEFAULT_TEST_ITEMS,
                 practice_items: int = DEFAULT_PRACTICE_ITEMS, ads_items: int = DEFAULT_ADS_ITEMS) -> dict:
    """The course's parts in order (those chosen, and every part that is not choosable) and item counts."""
    chosen = [p for p in parts.COURSE if p in sections or p not in parts.CHOOSABLE]
    return {"sections": chosen, "test_items": test_items, "practice_items": practice_items, "ads_items": ads_items}


def next_section(plan: dict, current: str) -> str:
    sections = plan["sections"]
    index = sections.index(current) if current in sections else 0
    return sections[min(index + 1, len(sections) - 1)]


def may_open(plan: dict, reached: str, part_id: str) -> bool:
    """Forward only: a learner may open a part of their plan up to the one they have reached."""
    sections = plan["sections"]
    return part_id in sections and reached in sections and sections.index(part_id) <= sections.index(reached)


def reached_after(plan: dict, reached: str, finished: str) -> str:
    """The part a learner has reached once they finish ``finished``: the next one, unless they were further."""
    following = next_section(plan, finished)
    sections = plan["sections"]
    return following if sections.index(following) > sections.index(reached) else reached


@dataclass(frozen=True)
class Question:
    phase: str
    position: int
    items: tuple[str, ...]  # one image id, or two for a pair

    @property
    def is_pair(self) -> bool:
        return len(self.items) == 2

    @property
    def kind(self) -> str:
        return pair.KIND if self.is_pair else face.KIND


def test_forms(seed: int) -> dict[str, str]:
    """Which form is the pre-test and which the post-test: counterbalanced across learners."""
    return {"pretest": "A", "posttest": "B"} if seed % 2 == 0 else {"pretest": "B", "posttest": "A"}


def _stratified(items: list[FaceItem], count: int, rng: random.Random) -> list[FaceItem]:
    """Take `count` items spread evenly over the difficulty range, so draws stay comparable."""
    if count >= len(items):
        return list(items)
    ordered = sorted(items, key=lambda i: (i.difficulty, rng.random()))
    step = len(ordered) / count
    return [ordered[int(step * k + step / 2)] for k in range(count)]


def draw_test(items: dict[str, FaceItem], form: str, count: int, seed: int) -> list[str]:
    """Half real, half AI from one form, spread over difficulty, in shuffled order.

    The AI half holds each kind of AI face in its share of the form (at least one of each kind the
    form has), so every test measures today's diffusion faces as well as 2019's GAN faces."""
    rng = random.Random(f"{seed}-{form}")
    pool = sorted((i for i in items.values() if i.form == form), key=lambda i: i.image)
    real = _stratified([i for i in pool if not i.is_ai], count - count // 2, rng)
    fake_pool = [i for i in pool if i.is_ai]
    kinds = sorted({i.kind for i in fake_pool}, key=lambda k: -sum(i.kind == k for i in fake_pool))
    shares = {k: max(1, round(count // 2 * sum(i.kind == k for i in fake_pool) / len(fake_pool))) for k in kinds[1:]}
    shares[kinds[0]] = count // 2 - sum(shares.values()) if kinds else 0
    fake = [item for k in kinds for item in _stratified([i for i in fake_pool if i.kind == k], shares[k], rng)]
    chosen = [i.image for i in real + fake]
    rng.shuffle(chosen)
    return chosen


def draw_practice(items: dict[str, FaceItem], count: int, seed: int) -> list[tuple[str, ...]]:
    """Annotated practice faces, singles and pairs; AI faces of both eras mixed with real ones.

    A few singles are faces that honestly show no tell (NO_TELL_PER_PRACTICE: an AI one and a real
    one where the library has them): many modern AI faces have none, and a learner must meet that
    in practice, with feedback, not first in the test. Pairs always hold faces with clues."""
    rng = random.Random(f"{seed}-practice")
    pool = sorted((i for i in items.values() if i.form == "practice"), key=lambda i: i.image)
    real = [i.image for i in pool if not i.is_ai and i.clues]
    fake = [i.image for i in pool if i.is_ai and i.clues]
    plain_fake = [i.image for i in pool if i.is_ai and not i.clues]
    plain_real = [i.image for i in pool if not i.is_ai and not i.clues]
    for group in (real, fake, plain_fake, plain_real):
        rng.shuffle(group)
    plain = [group.pop() for group in (plain_fake, plain_real) if group][:NO_TELL_PER_PRACTICE]
    rng.shuffle(plain)
    singles = [number for number in range(1, count + 1) if number % PAIR_EVERY]
    plain_at = dict(zip(sorted(rng.sample(singles, min(len(plain), len(singles)))), plain))
    questions: list[tuple[str, ...]] = []
    for number in range(1, count + 1):
        if number in plain_at:
            questions.append((plain_at[number],))
        elif number % PAIR_EVERY == 0 and real and fake:
            pair = [real.pop(), fake.pop()]
            rng.shuffle(pair)
            questions.append(tuple(pair))
        else:
            source = fake if (rng.random() < 0.5 and fake) or not real else real
            if not source:
                source = plain_fake if plain_fake else plain_real
            if not source:
                break
            questions.append((source.pop(),))
    return questions


def questions_for(phase: str, plan: dict, seed: int, items: dict[str, FaceItem]) -> list[Question]:
    if phase == "practice":
        drawn = draw_practice(items, plan.get("practice_items", DEFAULT_PRACTICE_ITEMS), seed)
    elif phase in parts.TESTS:
        form = test_forms(seed)[phase]
        drawn = [(image,) for image in draw_test(items, form, plan.get("test_items", DEFAULT_TEST_ITEMS), seed)]
    else:
        raise ValueError(f"{phase!r} has no face questions")
    return [Question(phase, position, group) for position, group in enumerate(drawn)]


def grade_question(items: dict[str, FaceItem], question: Question, choice: str) -> GradedAnswer:
    """A single face answered "real"/"ai", or a pair answered "left"/"right", graded by its step kind."""
    if question.is_pair:
        return pair.grade(items, question.items, choice)
    return face.grade(items[question.items[0]], choice)
