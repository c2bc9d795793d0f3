"""The face lessons as data: the catalogue of tells, the lesson steps and the annotated items.

`lessons/tells.yaml` holds the tells and the steps of the interactive lesson;
`lessons/faces.yaml` holds one entry per quiz image with its form, difficulty and clues.
Whether an image is real or AI comes from the image manifest only, so the answer has one
source of truth; grading (telltale.scoring) is a pure function of it.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass, field
from functools import lru_cache
from pathlib import Path

from yaml.nodes import SequenceNode

from telltale import IMAGES_DIR, LESSONS_DIR, i18n
from telltale.content import reader
from telltale.content.manifest import KINDS, MANIFEST_NAME, ImageEntry, load_manifest
from telltale.content.problems import ContentError, Problem
from telltale.content.reader import display_path

POINTS_TO = ("ai", "real")
STRENGTHS = ("strong", "medium", "weak")
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


def _read_tells(path: Path, language: str) -> tuple[dict[str, Tell], list[LessonStep], list[Problem]]:
    r, root = reader.read(path, language)
    fields = r.mapping(root, "", None, ("title", "tells", "steps")) if root is not None else None
    if fields is None:
        return {}, [], r.problems
    if "title" in fields:
        r.text(fields["title"], "", "title")
    tells: dict[str, Tell] = {}
    for label, node in r.entries(fields["tells"], "tells", "tell", "id") if "tells" in fields else ():
        f = r.mapping(node, label, None, ("id", "name", "points_to", "applies_to", "strength", "summary",
                                          "how_to_check"), translated=("name", "summary", "how_to_check"))
        if f is None or len(f) < 7:
            continue
        tell = Tell(r.text(f["id"], label, "id"), r.markdown(f["name"], label, "name"),
                    r.choice(f["points_to"], label, "points_to", POINTS_TO),
                    r.choices(f["applies_to"], label, "applies_to", KINDS),
                    r.choice(f["strength"], label, "strength", STRENGTHS),
                    r.markdown(f["summary"], label, "summary"), r.markdown(f["how_to_check"], label, "how_to_check"))
        if None not in astuple(tell):
            tells[tell.id] = tell
    steps: list[LessonStep] = []
    for label, node in r.entries(fields["steps"], "steps", "step", "id") if "steps" in fields else ():
        f = r.mapping(node, label, None, ("id", "title", "body"), ("tell", "examples", "widget"),
                      translated=("title", "body"))
        if f is None or len(f) < 3:
            continue
        tell = r.optional(f, "tell", lambda n: r.text(n, label, "tell"))
        if tell is not None and tell not in tells:
            r.bad(f["tell"], label, "tell", f"unknown tell {tell!r} (see the tells above)")
        examples = r.optional(f, "examples", lambda n: r.sequence(n, label, "examples")) or []
        step = LessonStep(r.text(f["id"], label, "id"), r.markdown(f["title"], label, "title"),
                          r.markdown(f["body"], label, "body"), tell,
                          tuple(r.text(n, label, f"examples[{i}]") for i, n in enumerate(examples)),
                          r.optional(f, "widget", lambda n: r.choice(n, label, "widget", WIDGETS)))
        steps.append(step)
    return tells, steps, r.problems


def _box(r: reader.Reader, node, label: str, field: str):
    nodes = r.sequence(node, label, field)
    if nodes is None or len(nodes) != 4:
        r.bad(node, label, field, "must be four numbers [x0, y0, x1, y1] between 0 and 1")
        return None
    corners = [r.number(n, label, reader.join(field, i)) for i, n in enumerate(nodes)]
    if None in corners:
        return None
    x0, y0, x1, y1 = corners
    if not all(0.0 <= v <= 1.0 for v in corners):
        r.bad(node, label, field, f"{r.value(node)} lies outside the picture: every corner must be between 0 and 1")
        return None
    if not (x0 < x1 and y0 < y1):
        r.bad(node, label, field, f"{r.value(node)} is empty: x0 must be less than x1 and y0 less than y1")
        return None
    return (x0, y0, x1, y1)


def _read_items(path: Path, tells: dict[str, Tell] | None, images: dict[str, ImageEntry],
                language: str) -> tuple[dict[str, FaceItem], list[Problem], frozenset[str] | None]:
    """The items of faces.yaml, its problems, and every image id it names (None if they cannot all be
    read). ``tells`` is None when tells.yaml did not load: clues are then not checked against it."""
    r, root = reader.read(path, language)
    fields = r.mapping(root, "", None, ("title", "items")) if root is not None else None
    if fields is None or "items" not in fields:
        return {}, r.problems, None
    if "title" in fields:
        r.text(fields["title"], "", "title")
    items: dict[str, FaceItem] = {}
    # Every image id must be read for the quiz faces to be known: not a list, or an item without one, is not.
    quiz_ids: set[str] | None = set() if isinstance(fields["items"], SequenceNode) else None
    for label, node in r.entries(fields["items"], "items", "item", "image"):
        f = r.mapping(node, label, None, ("image", "form", "difficulty"), ("clues",))
        image = r.text(f["image"], label, "image") if f and "image" in f else None
        if image is None:
            quiz_ids = None
            continue
        if quiz_ids is not None:
            quiz_ids.add(image)
        entry = images.get(image)
        if entry is None:
            r.bad(f["image"], label, "image", "no such image id in images/manifest.csv")
            continue
        form = r.choice(f["form"], label, "form", FORMS) if "form" in f else None
        difficulty = r.integer(f["difficulty"], label, "difficulty", 1, 3) if "difficulty" in f else None
        expected = "ai" if entry.is_ai else "real"
        clues, ok = [], True
        for index, clue_node in enumerate(r.optional(f, "clues", lambda n: r.sequence(n, label, "clues")) or []):
            field = f"clues[{index}]"
            c = r.mapping(clue_node, label, field, ("tell", "box", "note"), translated=("note",))
            if c is None or len(c) < 3:
                ok = False
                continue
            tell_id = r.text(c["tell"], label, f"{field}.tell")
            tell = tells.get(tell_id) if tells is not None and tell_id is not None else None
            if tells is not None and tell_id is not None and tell is None:
                r.bad(c["tell"], label, f"{field}.tell", f"unknown tell {tell_id!r} (see lessons/tells.yaml)")
            elif tell is not None and tell.points_to != expected:
                r.bad(c["tell"], label, f"{field}.tell",
                      f"tell {tell.id!r} points to {tell.points_to} but this image is {expected}")
                tell = None
            box = _box(r, c["box"], label, f"{field}.box")
            note = r.markdown(c["note"], label, f"{field}.note")
            if tell is None or box is None or note is None:
                ok = False
                continue
            clues.append(Clue(tell.id, box, note))
        if ok and None not in (form, difficulty):
            items[image] = FaceItem(image, entry.kind, form, difficulty, tuple(clues))
    return items, r.problems, frozenset(quiz_ids) if quiz_ids is not None else None


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


@dataclass(frozen=True)
class FaceFiles:
    """What reading tells.yaml and faces.yaml (once each) gave: the lessons, every problem, and the
    image ids of faces.yaml, which the ads need to keep quiz faces out of their avatars even while
    another field of the file has a problem."""

    lessons: FaceLessons
    problems: tuple[Problem, ...]
    quiz_ids: frozenset[str] | None  # None when faces.yaml's image ids cannot all be read

    def checked(self) -> FaceLessons:
        if self.problems:
            raise ContentError(list(self.problems))
        return self.lessons


def read_face_lessons(lessons_dir: Path, images: dict[str, ImageEntry], whole_course: bool = True,
                      language: str = i18n.DEFAULT) -> FaceFiles:
    """Read and check both face lesson files, collecting every problem; their text in ``language``.

    `whole_course=False` skips the rules about the set as a whole (counts, balanced forms),
    for authoring tools that look at a half-annotated file.
    """
    tells_path, items_path = Path(lessons_dir) / "tells.yaml", Path(lessons_dir) / "faces.yaml"
    lessons = FaceLessons()
    lessons.tells, lessons.steps, problems = _read_tells(tells_path, language)
    tells_ok = not problems
    lessons.items, item_problems, quiz_ids = _read_items(items_path, lessons.tells if tells_ok else None, images,
                                                         language)
    problems += item_problems
    if not problems and whole_course:
        problems += _check_course_rules(display_path(items_path), lessons, images)
    return FaceFiles(lessons, tuple(problems), quiz_ids)


def load_face_lessons(lessons_dir: Path, images: dict[str, ImageEntry], whole_course: bool = True,
                      language: str = i18n.DEFAULT) -> FaceLessons:
    """Load and validate both face lesson files; raises ContentError listing every problem."""
    return read_face_lessons(lessons_dir, images, whole_course, language).checked()


@dataclass(frozen=True, eq=False)  # one object per version of the files and language: compared and hashed by identity
class FaceContent:
    """images/manifest.csv, lessons/tells.yaml and lessons/faces.yaml as read once (per version of
    the files) for everything that needs them: the content check, the face library, the avatars.
    Its lessons hold the text of one language; ids, boxes and answers are the same in every one."""

    images_dir: Path
    images: dict[str, ImageEntry] | None  # None when the manifest cannot be read
    manifest_problems: tuple[Problem, ...]
    files: FaceFiles | None  # None without a readable manifest
    language: str = i18n.DEFAULT

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.manifest_problems + (self.files.problems if self.files else ())

    def lessons(self) -> FaceLessons:
        """The face lessons; ContentError with every problem of the manifest or the lesson files."""
        if self.files is None or self.problems:
            raise ContentError(list(self.problems))
        return self.files.lessons

    def quiz_ids(self) -> frozenset[str]:
        """Every image id of faces.yaml; ContentError (file, line, item, field) when they cannot all
        be read: the manifest or faces.yaml is unreadable, or an item's image field is."""
        if self.files is None:
            raise ContentError(list(self.manifest_problems))
        if self.files.quiz_ids is None:
            raise ContentError([p for p in self.files.problems if "faces.yaml" in p.where.split(":")[0]]
                               or list(self.files.problems))
        return self.files.quiz_ids


def face_content(lessons_dir: Path = LESSONS_DIR, images_dir: Path = IMAGES_DIR,
                 language: str = i18n.DEFAULT) -> FaceContent:
    """The face content with its text in ``language``, built again only when one of its three files has
    changed; each file is read once for every language (reader.document, _manifest)."""
    lessons_dir, images_dir = Path(lessons_dir), Path(images_dir)
    files = (images_dir / MANIFEST_NAME, lessons_dir / "tells.yaml", lessons_dir / "faces.yaml")
    return _face_content(lessons_dir, images_dir, reader.version(*files), language)


@lru_cache(maxsize=8)
def _manifest(path: Path, version: tuple) -> tuple[dict[str, ImageEntry] | None, tuple[Problem, ...]]:
    try:
        return load_manifest(path), ()
    except ContentError as error:
        return None, tuple(error.problems)


@lru_cache(maxsize=16)
def _face_content(lessons_dir: Path, images_dir: Path, version: tuple, language: str) -> FaceContent:
    manifest = images_dir / MANIFEST_NAME
    images, problems = _manifest(manifest, reader.version(manifest))
    if images is None:
        return FaceContent(images_dir, None, problems, None, language)
    return FaceContent(images_dir, images, (), read_face_lessons(lessons_dir, images, language=language), language)
