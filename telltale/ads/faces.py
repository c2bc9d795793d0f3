"""Faces for avatars, picked from the face library (images/manifest.csv) when it exists.

A lesson names a face by an image id (``fq3k9x2a``) or by a placeholder, ``any-gan``,
``any-real`` or ``any-diffusion``, optionally narrowed by sex (``any-gan-female``): the
renderer then picks an image of that kind, the same one every time for the same seed (an
ad's id, an account's handle). Only the manifest's ``id``, ``kind``, ``file`` and (if
present) ``sex`` columns are read, so this keeps working while the library's other
columns change. With no library, or no face that fits, callers draw the initials logo.

Quiz faces are never avatars. An ad's reveal says "this profile photo is AI-made" (or
shows a real person's Page), so a face used as an avatar would teach the answer to a
quiz question. ``default_library`` therefore leaves out every image id that appears in
lessons/faces.yaml, read when the library is built (and again whenever that file or the
manifest changes), so the exclusion follows the annotations without a list in the code.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from telltale import IMAGES_DIR, LESSONS_DIR
from telltale.content import safety
from telltale.content.problems import ContentError

MANIFEST = IMAGES_DIR / "manifest.csv"
QUIZ_FILE = LESSONS_DIR / "faces.yaml"
# What an image id looks like (images/manifest.csv); used when faces.yaml cannot be parsed.
_IMAGE_LINE = re.compile(r"""^\s*-?\s*image\s*:\s*["']?(f[a-z0-9]{7})["']?\s*(?:#.*)?$""", re.MULTILINE)
KINDS = ("gan", "real", "diffusion")
SEXES = ("female", "male")


def parse_placeholder(key: str) -> tuple[str, str | None] | None:
    """``any-gan-female`` -> ("gan", "female"); ``any-real`` -> ("real", None); else None."""
    match = re.fullmatch(r"any-([a-z]+)(?:-([a-z]+))?", key)
    if not match or match.group(1) not in KINDS or (match.group(2) and match.group(2) not in SEXES):
        return None
    return match.group(1), match.group(2)


def quiz_image_ids(path: Path | str = QUIZ_FILE) -> frozenset[str]:
    """Every image id that lessons/faces.yaml uses (as the ``image`` of any entry).

    Reads the file as it is now. If it does not parse (an annotator is mid-edit), every
    ``image: <id>`` line is taken instead, so the exclusion errs on the safe side. No file,
    no quiz faces.
    """
    try:
        text = safety.read_text(Path(path), str(path))
    except ContentError:
        return frozenset()
    ids: set[str] = set()
    try:
        safety.refuse_aliases(text, str(path))  # an alias bomb would exhaust memory in safe_load
        _collect_images(yaml.safe_load(text), ids)
    except (yaml.YAMLError, ContentError):
        pass
    ids.update(_IMAGE_LINE.findall(text))
    return frozenset(ids)


def _collect_images(node, ids: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "image" and isinstance(value, str):
                ids.add(value.strip())
            else:
                _collect_images(value, ids)
    elif isinstance(node, list):
        for value in node:
            _collect_images(value, ids)


@dataclass(frozen=True)
class Face:
    id: str
    kind: str
    path: Path
    sex: str = ""


@dataclass(frozen=True)
class FaceLibrary:
    faces: tuple[Face, ...]  # sorted by id

    @classmethod
    def from_manifest(cls, manifest: Path | str = MANIFEST, exclude: Iterable[str] = ()) -> "FaceLibrary":
        """The faces listed in ``manifest`` whose files exist, but none in ``exclude``; empty if no manifest."""
        manifest = Path(manifest)
        excluded = frozenset(exclude)
        if not manifest.is_file():
            return cls(())
        faces = []
        with manifest.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                face_id = (row.get("id") or "").strip()
                kind = (row.get("kind") or "").strip()
                file = (row.get("file") or "").strip()
                sex = (row.get("sex") or "").strip()
                path = manifest.parent / file
                if face_id and kind and file and face_id not in excluded and path.is_file():
                    faces.append(Face(face_id, kind, path, sex))
        return cls(tuple(sorted(faces, key=lambda f: f.id)))

    def of_kind(self, kind: str, sex: str | None = None) -> tuple[Face, ...]:
        return tuple(f for f in self.faces if f.kind == kind and (sex is None or f.sex == sex))

    def pick(self, key: str | None, seed: str) -> Face | None:
        """The face for ``key`` (an id or a placeholder), chosen by ``seed``; None if none fits."""
        return self.assign([(seed, key)]).get(seed)

    def assign(self, requests: Iterable[tuple[str, str | None]]) -> dict[str, Face | None]:
        """Faces for several (seed, key) pairs at once, all different where the library allows.

        Each placeholder starts at a position given by the SHA-256 of its seed and takes
        the next face not yet given out, so a group (a network's accounts) gets distinct
        faces, and the same group always gets the same ones.
        """
        by_id = {f.id: f for f in self.faces}
        used: set[str] = set()
        result: dict[str, Face | None] = {}
        for seed, key in requests:
            if key is None:
                result[seed] = None
            elif key in by_id:
                result[seed] = by_id[key]
                used.add(key)
            elif parse_placeholder(key):
                pool = self.of_kind(*parse_placeholder(key))
                if not pool:
                    result[seed] = None
                    continue
                start = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big") % len(pool)
                order = [pool[(start + i) % len(pool)] for i in range(len(pool))]
                face = next((f for f in order if f.id not in used), order[0])
                used.add(face.id)
                result[seed] = face
            else:
                result[seed] = None
        return result


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@lru_cache(maxsize=4)
def _cached(manifest: str, manifest_mtime: int, quiz_file: str, quiz_mtime: int) -> FaceLibrary:
    return FaceLibrary.from_manifest(manifest, exclude=quiz_image_ids(quiz_file))


def avatar_library(manifest: Path | str = MANIFEST, quiz_file: Path | str = QUIZ_FILE) -> FaceLibrary:
    """The faces that may be avatars: the manifest's, minus every face of the quiz file."""
    manifest, quiz_file = Path(manifest), Path(quiz_file)
    if _mtime(manifest) < 0:
        return FaceLibrary(())
    return _cached(str(manifest), _mtime(manifest), str(quiz_file), _mtime(quiz_file))


def default_library() -> FaceLibrary:
    """The committed avatar faces: images/manifest.csv minus the faces of lessons/faces.yaml.

    Re-read whenever either file changes.
    """
    return avatar_library(MANIFEST, QUIZ_FILE)


__all__ = ["Face", "FaceLibrary", "KINDS", "MANIFEST", "QUIZ_FILE", "SEXES", "avatar_library", "default_library",
           "parse_placeholder", "quiz_image_ids"]
