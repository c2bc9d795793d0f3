"""The face lessons as data: the catalogue of tells, the lesson steps and the annotated items.

`lessons/tells.yaml` holds the tells and the steps of the interactive lesson;
`lessons/faces.yaml` holds one entry per quiz image with its form, difficulty and clues.
Whether an image is real or AI comes from the image manifest only, so the answer has one
source of truth; grading (telltale.scoring) is a pure function of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from telltale.content.fields import FieldChecker
from telltale.content.manifest import ImageEntry
from telltale.content.problems import ContentError, Problem
from telltale.content.safety import markdown_problems
from telltale.content.yamlfile import display_path, load_yaml

POINTS_TO = ("ai", "real")
STRENGTHS = ("strong", "medium", "weak")
KINDS = ("real", "gan", "diffusion")
# A and B are the two test forms; "lesson" items are the worked examples of the tells lesson.
FORMS = ("A", "B", "practice", "lesson")
WIDGETS = ("average", "limits")
# Each test form needs this many of each answer so a 10-item test can be half real, half AI.
MIN_PER_FORM = 5
MIN_AI_ANNOTATED = 40
MIN_REAL_ANNOTATED = 20
# Pre- and post-test forms count as equally difficult when their mean difficulty differs less.
MAX_FORM_DIFFICULTY_GAP = 0.25


@dataclass(frozen=True)
class Tell:
    id: str
    name: str
    points_to: str  # "ai": a sign of a generated face; "real": a sign of a photograph
    applies_to: tuple[str, ...]  # image kinds where it can be seen
    strength: str
    summary: str
    how_to_check: str


@dataclass(frozen=True)
class Clue:
    tell: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the picture
    note: str


@dataclass(frozen=True)
class FaceItem:
    image: str
    kind: str
    form: str
    difficulty: int
    clues: tuple[Clue, ...]

    @property
    def is_ai(self) -> bool:
        return self.kind != "real"

    @property
    def answer(self) -> str:
        return "ai" if self.is_ai else "real"


@dataclass(frozen=True)
class LessonStep:
    id: str
    title: str
    body: str
    tell: str | None = None
    examples: tuple[str, ...] = ()
    widget: str | None = None


@dataclass
class FaceLessons:
    tells: dict[str, Tell] = field(default_factory=dict)
    steps: list[LessonStep] = field(default_factory=list)
    items: dict[str, FaceItem] = field(default_factory=dict)


def _markdown(checker: FieldChecker, mapping, label: str, names: tuple[str, ...]) -> bool:
    """Fields shown as Markdown hold only the Markdown the lessons need (telltale/content/safety.py)."""
    ok = True
    for name in names:
        if isinstance(mapping.get(name), str):
            for message in markdown_problems(mapping[name]):
                checker.add(mapping, name, label, message)
                ok = False
    return ok


def _box(checker: FieldChecker, mapping, label: str):
    value = mapping.get("box")
    if not (isinstance(value, list) and len(value) == 4 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        checker.add(mapping, "box", label, "must be four numbers [x0, y0, x1, y1] between 0 and 1")
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    if not all(0.0 <= v <= 1.0 for v in (x0, y0, x1, y1)):
        checker.add(mapping, "box", label, f"{value} lies outside the picture: every corner must be between 0 and 1")
        return None
    if not (x0 < x1 and y0 < y1):
        checker.add(mapping, "box", label, f"{value} is empty: x0 must be less than x1 and y0 less than y1")
        return None
    return (x0, y0, x1, y1)


def _read_tells(path: Path, checker: FieldChecker) -> tuple[dict[str, Tell], list[LessonStep]]:
    data = load_yaml(path)
    checker.fields(data, "", {"title": str, "tells": list, "steps": list})
    tells: dict[str, Tell] = {}
    raw_tells = data.get("tells") or []
    checker.unique(raw_tells, "id", "tell")
    for index, raw in enumerate(raw_tells):
        label = f"tell {raw.get('id', f'#{index + 1}')}" if isinstance(raw, dict) else f"tell #{index + 1}"
        if not checker.fields(raw, label, {"id": str, "name": str, "points_to": str, "applies_to": list,
                                            "strength": str, "summary": str, "how_to_check": str}):
            continue
        ok = checker.one_of(raw, "points_to", label, POINTS_TO) & checker.one_of(raw, "strength", label, STRENGTHS)
        ok &= _markdown(checker, raw, label, ("name", "summary", "how_to_check"))
        for kind in raw["applies_to"]:
            if kind not in KINDS:
                checker.add(raw, "applies_to", label, f"{kind!r} is not one of: {', '.join(KINDS)}")
                ok = False
        if ok:
            tells[raw["id"]] = Tell(raw["id"], raw["name"], raw["points_to"], tuple(raw["applies_to"]),
                                    raw["strength"], raw["summary"], raw["how_to_check"])
    steps: list[LessonStep] = []
    raw_steps = data.get("steps") or []
    checker.unique(raw_steps, "id", "step")
    for index, raw in enumerate(raw_steps):
        label = f"step {raw.get('id', f'#{index + 1}')}" if isinstance(raw, dict) else f"step #{index + 1}"
        if not checker.fields(raw, label, {"id": str, "title": str, "body": str},
                              {"tell": str, "examples": list, "widget": str}):
            continue
        if raw.get("tell") and raw["tell"] not in tells:
            checker.add(raw, "tell", label, f"unknown tell {raw['tell']!r}")
        checker.one_of(raw, "widget", label, WIDGETS)
        _markdown(checker, raw, label, ("title", "body"))
        steps.append(LessonStep(raw["id"], raw["title"], raw["body"].strip(), raw.get("tell"),
                                tuple(str(e) for e in raw.get("examples") or ()), raw.get("widget")))
    return tells, steps


def _read_items(path: Path, checker: FieldChecker, tells: dict[str, Tell],
                images: dict[str, ImageEntry]) -> dict[str, FaceItem]:
    data = load_yaml(path)
    checker.fields(data, "", {"title": str, "items": list})
    raw_items = data.get("items") or []
    checker.unique(raw_items, "image", "item")
    items: dict[str, FaceItem] = {}
    for index, raw in enumerate(raw_items):
        label = f"item {raw.get('image', f'#{index + 1}')}" if isinstance(raw, dict) else f"item #{index + 1}"
        if not checker.fields(raw, label, {"image": str, "form": str, "difficulty": int}, {"clues": list}):
            continue
        ok = checker.one_of(raw, "form", label, FORMS) & checker.one_of(raw, "difficulty", label, (1, 2, 3))
        entry = images.get(raw["image"])
        if entry is None:
            checker.add(raw, "image", label, "no such image id in images/manifest.csv")
            continue
        expected = "ai" if entry.kind != "real" else "real"
        clues = []
        for clue_index, raw_clue in enumerate(raw.get("clues") or []):
            clue_label = f"{label} clue {clue_index + 1}"
            if not checker.fields(raw_clue, clue_label, {"tell": str, "box": list, "note": str}):
                ok = False
                continue
            tell = tells.get(raw_clue["tell"])
            if tell is None:
                checker.add(raw_clue, "tell", clue_label, f"unknown tell {raw_clue['tell']!r} (see lessons/tells.yaml)")
                ok = False
            elif tell.points_to != expected:
                checker.add(raw_clue, "tell", clue_label,
                            f"tell {tell.id!r} points to {tell.points_to} but this image is {expected}")
                ok = False
            box = _box(checker, raw_clue, clue_label)
            if not raw_clue["note"].strip():
                checker.add(raw_clue, "note", clue_label, "the explanation is empty")
                ok = False
            ok &= _markdown(checker, raw_clue, clue_label, ("note",))
            if box and tell:
                clues.append(Clue(tell.id, box, raw_clue["note"].strip()))
        if ok:
            items[raw["image"]] = FaceItem(raw["image"], entry.kind, raw["form"], raw["difficulty"], tuple(clues))
    return items


def _check_course_rules(file: str, lessons: FaceLessons, images: dict[str, ImageEntry]) -> list[Problem]:
    """Rules about the set as a whole: enough annotated items, balanced test forms."""
    problems = []
    annotated_ai = sum(1 for i in lessons.items.values() if i.is_ai and i.clues)
    annotated_real = sum(1 for i in lessons.items.values() if not i.is_ai and i.clues)
    if annotated_ai < MIN_AI_ANNOTATED:
        problems.append(Problem(file, f"only {annotated_ai} AI items have clues; the course needs at least {MIN_AI_ANNOTATED}"))
    if annotated_real < MIN_REAL_ANNOTATED:
        problems.append(Problem(file, f"only {annotated_real} real items have clues; the course needs at least {MIN_REAL_ANNOTATED}"))
    means = {}
    for form in ("A", "B"):
        members = [i for i in lessons.items.values() if i.form == form]
        for answer in ("ai", "real"):
            count = sum(1 for i in members if i.answer == answer)
            if count < MIN_PER_FORM:
                problems.append(Problem(file, f"form {form} has {count} {answer} items; a test needs at least {MIN_PER_FORM}"))
        if members:
            means[form] = sum(i.difficulty for i in members) / len(members)
    if len(means) == 2 and abs(means["A"] - means["B"]) > MAX_FORM_DIFFICULTY_GAP:
        problems.append(Problem(file, f"forms A and B differ in mean difficulty ({means['A']:.2f} vs {means['B']:.2f}); "
                                      f"move items so they differ by at most {MAX_FORM_DIFFICULTY_GAP}"))
    for step in lessons.steps:
        for example in step.examples:
            if example not in lessons.items:
                problems.append(Problem(f"lessons/tells.yaml step {step.id}",
                                        f"example {example!r} is not an item in {file}"))
            elif lessons.items[example].form != "lesson":
                # A worked example shows its answer, so it must never come back in a test.
                problems.append(Problem(f"lessons/tells.yaml step {step.id}",
                                        f"example {example!r} must be an item of form 'lesson', "
                                        f"not {lessons.items[example].form!r}"))
    return problems


def load_face_lessons(lessons_dir: Path, images: dict[str, ImageEntry], whole_course: bool = True) -> FaceLessons:
    """Load and validate both face lesson files; raises ContentError listing every problem.

    `whole_course=False` skips the rules about the set as a whole (counts, balanced forms),
    for authoring tools that look at a half-annotated file.
    """
    tells_path, items_path = Path(lessons_dir) / "tells.yaml", Path(lessons_dir) / "faces.yaml"
    problems: list[Problem] = []
    lessons = FaceLessons()
    for path, reader in ((tells_path, "tells"), (items_path, "items")):
        checker = FieldChecker(display_path(path))
        try:
            if reader == "tells":
                lessons.tells, lessons.steps = _read_tells(path, checker)
            else:
                lessons.items = _read_items(path, checker, lessons.tells, images)
        except ContentError as error:
            problems.extend(error.problems)
        problems.extend(checker.problems)
    if not problems and whole_course:
        problems.extend(_check_course_rules(display_path(items_path), lessons, images))
    if problems:
        raise ContentError(problems)
    return lessons
