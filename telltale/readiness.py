"""Is this server ready to teach? Every content file and the database, checked when the app starts.

The content check finds every problem (file, line, item, field) and says which parts of the
course each one stops, so the parts that are fine stay usable: a broken ads lesson leaves a
faces-only class running, and a broken face library leaves the ads and the network case.

    python -m telltale.readiness      prints the report; exit status 0 only when all is ready
    GET /ready on the running server  the same, as 200 or 503 (server.py)
"""
from __future__ import annotations

import logging
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from telltale import IMAGES_DIR, LESSONS_DIR, parts
from telltale.content import about
from telltale.content.problems import ContentError, Problem

log = logging.getLogger("telltale")
FACE_PARTS = tuple(part.id for part in parts.PARTS if part.needs == parts.FACE_CONTENT)
PICTURE_PARTS = tuple(part.id for part in parts.PARTS
                      if part.needs and part.needs not in (("lessons/about.md",), (parts.TEACHING,)))


def parts_of(problem: Problem) -> tuple[str, ...]:
    """The course parts a problem stops: those that need the file it names (telltale.parts)."""
    place = about.default_name(problem.where.split(":")[0])
    stopped = tuple(part.id for part in parts.PARTS if any(needed in place for needed in part.needs))
    return stopped or PICTURE_PARTS  # a problem we cannot place stops everything that shows pictures


@dataclass
class ContentReport:
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # part -> the problems that stop it

    @property
    def ok(self) -> bool:
        return not self.problems

    def usable(self, part: str) -> bool:
        return part not in self.broken


def check_content(lessons_dir: Path = LESSONS_DIR, images_dir: Path = IMAGES_DIR) -> ContentReport:
    """Every content problem, and the parts of the course each one stops."""
    from telltale.checks import find_problems
    from telltale.content.lessons import face_content

    problems = list(find_problems(Path(lessons_dir), Path(images_dir)))  # about.md in every language too
    report = ContentReport(problems)
    for problem in problems:
        for part in parts_of(problem):
            report.broken.setdefault(part, []).append(problem)
    # No manifest, no pictures: the ads and the network case show faces too. And without the image ids of
    # faces.yaml no avatar can be chosen that is surely not a quiz face (telltale.ads.faces).
    content = face_content(Path(lessons_dir), Path(images_dir))  # as find_problems read it: not read again
    try:
        content.quiz_ids()
    except ContentError as error:
        for part in PICTURE_PARTS:
            known = report.broken.setdefault(part, [])
            known.extend(p for p in error.problems if p not in known)
    return report


_startup: list[ContentReport] = []
_startup_lock = threading.Lock()


def startup_report() -> ContentReport:
    """The content check of the running server: made once per process (when it starts, see server.py),
    and every problem logged with its file, line, item and field. A caller that comes while it runs
    waits for it rather than checking everything a second time."""
    with _startup_lock:
        if not _startup:
            report = check_content()
            for problem in report.problems:
                log.error("content problem: %s", problem)
            for part, problems in sorted(report.broken.items()):
                log.error("the part %r cannot be shown (%d content problem(s))", part, len(problems))
            _startup.append(report)
    return _startup[0]


class StorageProbe:
    """Asks the server's database, again and again, whether it still takes writes (for /ready)."""

    def __init__(self, url: str | None = None):
        self.url = url
        self.store = None

    def problem(self) -> str | None:
        from telltale.storage import StorageError, Store, make_engine

        try:
            if self.store is None:
                self.store = Store(make_engine(self.url))
            return self.store.health()
        except StorageError as error:
            return error.reason


def ready_text(report: ContentReport, storage: str | None) -> tuple[bool, str]:
    """What /ready answers: ready or not, with one line per problem."""
    lines = [str(problem) for problem in report.problems]
    lines += [f"part {part!r} cannot be shown ({len(found)} problem(s))" for part, found in sorted(report.broken.items())]
    if storage:
        lines.append(f"database: {storage}")
    ready = report.ok and storage is None
    return ready, "\n".join(lines + ["Ready." if ready else "Not ready."]) + "\n"


def check_storage(url: str | None = None) -> str | None:
    """None when the database can be opened and written; otherwise why not."""
    from telltale.storage import StorageError, Store, make_engine

    try:
        store = Store(make_engine(url))
    except StorageError as error:
        return error.reason
    try:
        return store.health()
    finally:
        store.engine.dispose()


def main(argv: list[str]) -> int:
    ready, text = ready_text(check_content(), check_storage())
    print(text, end="")
    return 0 if ready else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
