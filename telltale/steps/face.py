"""A single face: "Real photo or AI-made?". Stores "real"/"ai" for the choice and the truth."""
from __future__ import annotations

from telltale.content.lessons import FaceItem
from telltale.storage import GradedAnswer

KIND = "face"
CHOICES = ("real", "ai")


def grade(item: FaceItem, choice: str) -> GradedAnswer:
    if choice not in CHOICES:
        raise ValueError(f"a face is answered {' or '.join(CHOICES)}, not {choice!r}")
    correct = choice == item.answer
    return GradedAnswer(KIND, item.image, choice, item.answer, correct, float(correct))


def decode(stored: str) -> str:
    return stored
