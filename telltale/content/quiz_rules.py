"""Rules that keep the face quiz fair, checked by ``python -m telltale.content check``.

A learner should be able to tell real from AI only by the face, never by a quirk of our
library, and a test should measure what the course teaches. So, in lessons/faces.yaml:

- each test form holds at least MIN_DIFFUSION_PER_FORM diffusion faces (not only 2019 GANs);
- no GAN face of a test form or of practice is shown in the generator's whole, lined-up frame
  (its manifest source must record a crop), and within each form the AI faces are framed like
  the real ones: their mean alignment with the average uncropped GAN face (a template match
  on 64x64 grey thumbnails) differs from the real faces' by at most MAX_ALIGNMENT_GAP;
- skin tone is balanced: the share of medium and dark skin among the AI faces and among the
  real faces of a test form differs by at most MAX_TONE_GAP_FORM, and in practice (with its
  faces that show no tell) each AI kind differs from the real faces by at most
  MAX_TONE_GAP_PRACTICE;
- practice holds at least one AI face and one real photo that honestly show no tell (no clues):
  many modern AI faces have none, and a learner meets that with feedback before the test;
- a person (a real portrait, a GAN seed, an openpeople person) belongs to one part of the
  course only (form A, form B, the tells lesson, practice), and no other library picture of
  a quiz face's person exists (it could turn up as an ad avatar or in More practice);
- no clue uses a tell that cannot be seen in one picture (NETWORK_ONLY_TELLS).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image

from telltale import i18n
from telltale.content.lessons import FaceContent, FaceItem
from telltale.content.manifest import ImageEntry
from telltale.content.problems import ContentError, Problem
from telltale.content.reader import display_path

TEST_FORMS = ("A", "B")
MIN_DIFFUSION_PER_FORM = 3
MAX_TONE_GAP_FORM = 0.15
MAX_TONE_GAP_PRACTICE = 0.25
# Every quiz face is now framed close and central within what a GAN frame can show, so the
# framed AI faces of a form match the lined-up face within about 0.03 of its real ones, and a
# form whose GAN faces are whole, lined-up frames instead matches it about 0.15 more.
MAX_ALIGNMENT_GAP = 0.1
NETWORK_ONLY_TELLS = ("eyes-fixed",)
THUMB = 64


def person_of(entry: ImageEntry) -> str:
    """Who is in the picture: the same person has the same key in every picture of them."""
    if entry.kind == "gan":
        return f"gan seed {entry.seed}"
    source = entry.source.split(" crop ")[0]
    match = re.search(r"curated/(P\d+)/", source)
    if entry.kind == "diffusion" and match:
        return f"openpeople {match.group(1)}"
    return source


def _non_light(items: list[FaceItem], images: dict[str, ImageEntry]) -> float | None:
    if not items:
        return None
    return sum(images[i.image].skin_tone != "light" for i in items) / len(items)


def _thumbnail(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        small = np.asarray(img.convert("L").resize((THUMB, THUMB), Image.Resampling.BILINEAR), dtype=np.float64)
    return (small - small.mean()) / (small.std() + 1e-9)


def alignment_scores(items: list[FaceItem], images: dict[str, ImageEntry],
                     images_dir: Path) -> dict[str, float]:
    """How well each item's thumbnail matches the average whole-frame GAN face (0: not at all).
    Empty when the library has no GAN face outside the quiz to average."""
    quiz = {i.image for i in items}
    aligned = [e for e in images.values() if e.kind == "gan" and e.id not in quiz and " crop " not in e.source]
    if not aligned:
        return {}
    try:
        template = np.mean([_thumbnail(e.path(images_dir)) for e in aligned], axis=0)
        template = (template - template.mean()) / (template.std() + 1e-9)
        return {i.image: float((_thumbnail(images[i.image].path(images_dir)) * template).mean()) for i in items}
    except OSError:  # a missing or broken image: the manifest check reports it
        return {}


def quiz_problems(file: str, items: dict[str, FaceItem], images: dict[str, ImageEntry],
                  images_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    judged = [i for i in items.values() if i.form in (*TEST_FORMS, "practice")]
    scores = alignment_scores(list(items.values()), images, images_dir)
    for form in (*TEST_FORMS, "practice"):
        members = [i for i in judged if i.form == form]
        ai = [i for i in members if i.is_ai]
        real = [i for i in members if not i.is_ai]
        if form in TEST_FORMS:
            diffusion = sum(i.kind == "diffusion" for i in members)
            if diffusion < MIN_DIFFUSION_PER_FORM:
                problems.append(Problem(file, f"form {form} has {diffusion} diffusion faces; a test needs at least "
                                              f"{MIN_DIFFUSION_PER_FORM}, or it measures 2019 GAN faces only"))
            groups = [("AI", ai, MAX_TONE_GAP_FORM)]
        else:
            groups = [(kind, [i for i in ai if i.kind == kind], MAX_TONE_GAP_PRACTICE) for kind in ("gan", "diffusion")]
        real_share = _non_light(real, images)
        for label, group, limit in groups:
            share = _non_light(group, images)
            if share is not None and real_share is not None and abs(share - real_share) > limit:
                problems.append(Problem(file, f"{form} skin tone: {share:.0%} of its {label} faces are medium or dark, "
                                              f"{real_share:.0%} of its real ones; balance them to within {limit:.0%}"))
        for item in ai:
            entry = images[item.image]
            if entry.kind == "gan" and " crop " not in entry.source:
                problems.append(Problem(f"{file} item {item.image}",
                                        f"a GAN face in {form} is shown in the generator's whole, lined-up frame; "
                                        "frame it as people post photos (scripts/plan_framing.py)"))
        if scores and ai and real:
            gap = np.mean([scores[i.image] for i in ai]) - np.mean([scores[i.image] for i in real])
            if abs(gap) > MAX_ALIGNMENT_GAP:
                problems.append(Problem(file, f"{form} framing: its AI faces match the lined-up GAN face "
                                              f"{gap:+.2f} more than its real ones (at most {MAX_ALIGNMENT_GAP}); "
                                              "frame them as people post photos (scripts/plan_framing.py)"))
    plain = {i.is_ai for i in items.values() if i.form == "practice" and not i.clues}
    for ai, label in ((True, "AI face"), (False, "real photo")):
        if ai not in plain:
            problems.append(Problem(file, f"practice has no {label} without clues; it needs one that honestly shows "
                                          "no tell, or learners first meet such faces in the test"))
    parts: dict[str, dict[str, str]] = {}
    for item in items.values():
        part = "the tells lesson" if item.form == "lesson" else (
            f"form {item.form}" if item.form in TEST_FORMS else item.form)
        parts.setdefault(person_of(images[item.image]), {})[part] = item.image
    for person, where in sorted(parts.items()):
        if len(where) > 1:
            problems.append(Problem(file, f"{person} appears in {' and '.join(sorted(where))} "
                                          f"({', '.join(where[p] for p in sorted(where))}); a person belongs to one part"))
    for entry in sorted(images.values(), key=lambda e: e.id):
        person = person_of(entry)
        if entry.id not in items and person in parts:
            part, image = next(iter(parts[person].items()))
            problems.append(Problem(f"images/manifest.csv:{entry.line} item {entry.id}",
                                    f"another picture of {person}, who is in {part} ({image}); it could turn up "
                                    "as an ad avatar or in More practice: leave it out of the library"))
    for item in items.values():
        for number, clue in enumerate(item.clues, start=1):
            if clue.tell in NETWORK_ONLY_TELLS:
                problems.append(Problem(f"{file} item {item.image} clue {number}",
                                        f"{clue.tell!r} can only be seen across many uncropped pictures, "
                                        "never in one face"))
    return problems


def check_quiz(lessons_dir: Path, content: FaceContent) -> None:
    """Raises ContentError with every problem; the signature of telltale.checks.EXTRA_CHECKS.

    Runs on the face lessons as read once for the whole check, even when a rule about the course
    as a whole failed (those problems are reported by the lesson loader); not when faces.yaml's
    items could not be read at all."""
    if content.language != i18n.DEFAULT or content.files is None or content.files.quiz_ids is None:
        return  # the rules read no text: checked once, with the default language
    items, images = content.files.lessons.items, content.images
    problems = quiz_problems(display_path(Path(lessons_dir) / "faces.yaml"), items, images, content.images_dir)
    if problems:
        raise ContentError(problems)
