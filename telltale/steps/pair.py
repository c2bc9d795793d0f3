"""Two faces side by side: "Which of these two is a real photo?".

Stores both image ids joined by "+" as the item, the id picked as real as the choice, and the
id of the real one as the expected answer.
"""
from __future__ import annotations

from telltale.content.lessons import FaceItem
from telltale.storage import GradedAnswer

KIND = "pair"
SIDES = ("left", "right")


def item_id(shown: tuple[str, str]) -> str:
    return "+".join(shown)


def shown_of(stored_item_id: str) -> list[str]:
    return stored_item_id.split("+")


def grade(items: dict[str, FaceItem], shown: tuple[str, str], side: str) -> GradedAnswer:
    if side not in SIDES:
        raise ValueError(f"a pair is answered {' or '.join(SIDES)}, not {side!r}")
    real = [image for image in shown if not items[image].is_ai]
    if len(shown) != 2 or len(real) != 1:
        raise ValueError(f"a pair shows one real face and one AI face, not {shown!r}")
    chosen = shown[SIDES.index(side)]
    correct = chosen == real[0]
    return GradedAnswer(KIND, item_id(shown), chosen, real[0], correct, float(correct))


def decode(stored: str) -> str:
    return stored
