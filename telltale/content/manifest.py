"""The face library's manifest, images/manifest.csv: one row per quiz image.

Columns (exactly, in this order): id,kind,file,sha256,source,licence,credit,seed,
truncation,sex,age,skin_tone. ``id`` is opaque (``f`` + 7 characters of [a-z2-9]) and
says nothing about the label; ``file`` is ``faces/<id>.jpg`` relative to images/.

``verify`` reports every problem as a Problem naming the manifest file and line, the
item id and the field, e.g. ``images/manifest.csv:12 item fq3k9x2a field sha256``.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from telltale import IMAGES_DIR
from telltale.content import safety
from telltale.content.problems import ContentError, Problem
from telltale.content.reader import display_path

COLUMNS = (
    "id", "kind", "file", "sha256", "source", "licence", "credit",
    "seed", "truncation", "sex", "age", "skin_tone",
)
# The kinds of image, defined here only: every reader of kinds (lessons, avatars, the build) imports them.
KINDS = ("real", "gan", "diffusion")
AI_KINDS = ("gan", "diffusion")
SEXES = ("female", "male")
AGES = ("20s", "30s", "40s", "50s", "60+")
SKIN_TONES = ("light", "medium", "dark")
ID_PATTERN = re.compile(r"^f[a-z2-9]{7}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
IMAGE_SIDE = 400
MANIFEST_NAME = "manifest.csv"
DEFAULT_MANIFEST = IMAGES_DIR / MANIFEST_NAME


@dataclass(frozen=True)
class ImageEntry:
    id: str
    kind: str
    file: str
    sha256: str
    source: str
    licence: str
    credit: str
    seed: int | None
    truncation: float | None
    sex: str
    age: str
    skin_tone: str
    # Line of manifest.csv the entry came from (0 when built in memory); not a column.
    line: int = field(default=0, compare=False)

    @property
    def is_ai(self) -> bool:
        return self.kind in AI_KINDS

    def path(self, images_dir: Path | str = IMAGES_DIR) -> Path:
        return Path(images_dir) / self.file

    def row(self) -> dict[str, str]:
        return {
            "id": self.id, "kind": self.kind, "file": self.file, "sha256": self.sha256,
            "source": self.source, "licence": self.licence, "credit": self.credit,
            "seed": "" if self.seed is None else str(self.seed),
            "truncation": "" if self.truncation is None else format_truncation(self.truncation),
            "sex": self.sex, "age": self.age, "skin_tone": self.skin_tone,
        }


def format_truncation(value: float) -> str:
    return f"{value:g}"


def _where(path: Path, line: int, item: str | None = None, column: str | None = None) -> str:
    where = f"{display_path(path)}:{line}"
    if item:
        where += f" item {item}"
    if column:
        where += f" field {column}"
    return where


def read_manifest(path: Path | str = DEFAULT_MANIFEST) -> tuple[list[ImageEntry], list[Problem]]:
    """Parse manifest.csv into entries (in file order) plus the problems found parsing.

    Rows whose seed or truncation cannot be parsed are still returned (with None there)
    so that later checks can report everything at once.
    """
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_file():
        return [], [Problem(display_path(path), "manifest file is missing")]
    try:
        text = safety.read_text(path, display_path(path), safety.MAX_MANIFEST_BYTES)
    except ContentError as error:
        return [], list(error.problems)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not rows:
        return [], [Problem(display_path(path), "manifest is empty (no header line)")]
    header = rows[0]
    if tuple(header) != COLUMNS:
        problems.append(Problem(
            _where(path, 1),
            f"header must be exactly {','.join(COLUMNS)}; found {','.join(header)}",
        ))
        return [], problems
    entries: list[ImageEntry] = []
    for index, values in enumerate(rows[1:], start=2):
        # csv.reader keeps no line numbers for us; our files never have quoted newlines,
        # and a row that had one would fail the column count or other checks anyway.
        line = index
        if not values:
            continue
        if len(values) != len(COLUMNS):
            problems.append(Problem(
                _where(path, line),
                f"expected {len(COLUMNS)} columns, found {len(values)}",
            ))
            continue
        raw = dict(zip(COLUMNS, (v.strip() for v in values)))
        item = raw["id"] or None
        seed: int | None = None
        truncation: float | None = None
        if raw["seed"]:
            try:
                seed = int(raw["seed"])
            except ValueError:
                problems.append(Problem(_where(path, line, item, "seed"),
                                        f"seed must be a whole number, found {raw['seed']!r}"))
        if raw["truncation"]:
            try:
                truncation = float(raw["truncation"])
            except ValueError:
                problems.append(Problem(_where(path, line, item, "truncation"),
                                        f"truncation must be a number, found {raw['truncation']!r}"))
        entries.append(ImageEntry(
            id=raw["id"], kind=raw["kind"], file=raw["file"], sha256=raw["sha256"],
            source=raw["source"], licence=raw["licence"], credit=raw["credit"],
            seed=seed, truncation=truncation, sex=raw["sex"], age=raw["age"],
            skin_tone=raw["skin_tone"], line=line,
        ))
    return entries, problems


def load_manifest(path: Path | str = DEFAULT_MANIFEST) -> dict[str, ImageEntry]:
    """Entries by id. Raises ContentError (with every problem) if the file cannot be
    read as a manifest or has duplicate ids; use ``verify`` for the full check."""
    path = Path(path)
    entries, problems = read_manifest(path)
    by_id: dict[str, ImageEntry] = {}
    for entry in entries:
        if entry.id in by_id:
            problems.append(Problem(
                _where(path, entry.line, entry.id, "id"),
                f"duplicate id (first on line {by_id[entry.id].line})",
            ))
            continue
        by_id[entry.id] = entry
    if problems:
        raise ContentError(problems)
    return by_id


def save_manifest(entries, path: Path | str = DEFAULT_MANIFEST) -> None:
    """Write entries (an iterable or a dict of ImageEntry) sorted by id, "\\n" line ends."""
    if isinstance(entries, dict):
        entries = entries.values()
    ordered = sorted(entries, key=lambda e: e.id)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for entry in ordered:
        writer.writerow(entry.row())
    Path(path).write_text(out.getvalue(), encoding="utf-8")


def sha256_of(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _check_image(path: Path, where: str) -> list[Problem]:
    from PIL import Image  # local import: loading the manifest alone needs no Pillow

    try:
        with Image.open(path) as img:
            img.load()
            problems = []
            if img.format != "JPEG":
                problems.append(Problem(where, f"{display_path(path)} is {img.format}, not JPEG"))
            if img.size != (IMAGE_SIDE, IMAGE_SIDE):
                problems.append(Problem(
                    where, f"{display_path(path)} is {img.width}x{img.height}, must be "
                           f"{IMAGE_SIDE}x{IMAGE_SIDE}"))
            if img.mode != "RGB":
                problems.append(Problem(where, f"{display_path(path)} is mode {img.mode}, must be RGB"))
            carried = sorted(k for k in ("exif", "icc_profile", "comment", "xmp", "photoshop")
                             if img.info.get(k))
            if carried or img.getexif():
                problems.append(Problem(
                    where, f"{display_path(path)} carries metadata ({', '.join(carried) or 'exif'}); "
                           "rebuild it with telltale.images.normalize"))
            if img.info.get("progressive") or img.info.get("progression"):
                problems.append(Problem(where, f"{display_path(path)} is a progressive JPEG"))
            return problems
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a content problem
        return [Problem(where, f"{display_path(path)} cannot be read as an image: {exc}")]


def verify(manifest, images_dir: Path | str | None = None) -> list[Problem]:
    """Every problem with the library: manifest rows and the image files they name.

    ``manifest`` is the path of manifest.csv (recommended: duplicate ids and parse
    errors can only be seen there), or a list/dict of ImageEntry. ``images_dir`` is
    the folder that ``file`` paths are relative to; by default the manifest's folder.
    """
    if isinstance(manifest, (str, Path)):
        manifest_path = Path(manifest)
        entries, problems = read_manifest(manifest_path)
    else:
        if images_dir is None:
            raise TypeError("verify(entries, images_dir): images_dir is needed with entries")
        manifest_path = Path(images_dir) / MANIFEST_NAME
        entries = list(manifest.values()) if isinstance(manifest, dict) else list(manifest)
        problems = []
    images_dir = Path(images_dir) if images_dir is not None else manifest_path.parent

    seen: dict[str, int] = {}
    for e in entries:
        item = e.id or None

        def bad(column: str, message: str) -> None:
            problems.append(Problem(_where(manifest_path, e.line, item, column), message))

        if not ID_PATTERN.match(e.id):
            bad("id", f"id {e.id!r} must be 'f' followed by 7 characters from a-z and 2-9")
        if e.id in seen:
            bad("id", f"duplicate id (first on line {seen[e.id]})")
        else:
            seen[e.id] = e.line
        if e.kind not in KINDS:
            bad("kind", f"kind {e.kind!r} must be one of {', '.join(KINDS)}")
        expected_file = f"faces/{e.id}.jpg"
        if e.file != expected_file:
            bad("file", f"file must be {expected_file!r} (opaque name from the id), found {e.file!r}")
        for column in ("source", "licence", "credit"):
            if not getattr(e, column):
                bad(column, f"{column} is empty")
            for message in safety.character_problems(getattr(e, column)):
                bad(column, message)
        if e.licence and safety.licence_problem(e.licence):
            bad("licence", safety.licence_problem(e.licence))
        if e.sex not in SEXES:
            bad("sex", f"sex {e.sex!r} must be one of {', '.join(SEXES)}")
        if e.age not in AGES:
            bad("age", f"age {e.age!r} must be one of {', '.join(AGES)}")
        if e.skin_tone not in SKIN_TONES:
            bad("skin_tone", f"skin_tone {e.skin_tone!r} must be one of {', '.join(SKIN_TONES)}")
        if e.kind == "gan":
            if e.seed is None:
                bad("seed", "a gan image needs its seed")
            if e.truncation is None:
                bad("truncation", "a gan image needs its truncation")
        elif e.kind in KINDS:
            if e.seed is not None:
                bad("seed", f"only gan images have a seed ({e.kind} has {e.seed})")
            if e.truncation is not None:
                bad("truncation", f"only gan images have a truncation ({e.kind} has {e.truncation:g})")

        if not SHA256_PATTERN.match(e.sha256):
            bad("sha256", f"sha256 must be 64 lowercase hex digits, found {e.sha256!r}")
        if not e.file or Path(e.file).is_absolute() or ".." in Path(e.file).parts:
            continue
        image_path = images_dir / e.file
        if not image_path.is_file():
            bad("file", f"image file {display_path(image_path)} does not exist")
            continue
        actual = sha256_of(image_path)
        if SHA256_PATTERN.match(e.sha256) and actual != e.sha256:
            bad("sha256", f"{display_path(image_path)} has SHA-256 {actual}, manifest says {e.sha256}")
        for p in _check_image(image_path, _where(manifest_path, e.line, item, "file")):
            problems.append(p)

    # Image files nobody lists are probably left over from an old build.
    faces = images_dir / "faces"
    if faces.is_dir():
        listed = {(images_dir / e.file).resolve() for e in entries if e.file}
        for stray in sorted(faces.glob("*.jpg")):
            if stray.resolve() not in listed:
                problems.append(Problem(display_path(stray), f"image is not listed in {display_path(manifest_path)}"))
    return problems


__all__ = [
    "AGES", "AI_KINDS", "COLUMNS", "ImageEntry", "KINDS", "SEXES", "SKIN_TONES",
    "load_manifest", "read_manifest", "save_manifest", "sha256_of", "verify",
]
