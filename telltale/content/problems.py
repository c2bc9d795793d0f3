"""One way to report bad content: where it is (file:line or file, item id, field) and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    where: str  # "lessons/faces.yaml:42 item f3k9x2a field tells[0].box", or a file path
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
