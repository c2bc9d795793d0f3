"""Faces for avatars, picked from the face library (images/manifest.csv).

A lesson names a face by an image id (``fq3k9x2a``) or by a placeholder, ``any-gan``,
``any-real`` or ``any-diffusion``, optionally narrowed by sex (``any-gan-female``): the
renderer then picks an image of that kind, the same one every time for the same seed (an
ad's id, an account's handle). With no face that fits, callers draw the initials logo.

Quiz faces are never avatars. An ad's reveal says "this profile photo is AI-made" (or
shows a real person's Page), so a face used as an avatar would teach the answer to a
quiz question. The avatar library therefore leaves out every image id of lessons/faces.yaml.
Nor are the provenance lab's faces (every ``face:`` of lessons/provenance.yaml): a lab case's
person showing up as an account of a replayed network case would be evidence the lab never meant.
Both files are read by their own loaders, once per version (telltale.content.lessons.face_content);
when faces.yaml's ids cannot be read (an annotator is mid-edit), there is no avatar library but a
ContentError naming file and line: the ads wait rather than risk showing a quiz face.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from telltale import IMAGES_DIR, LESSONS_DIR
from telltale.content import reader
from telltale.content.lessons import FaceContent, face_content
from telltale.content.manifest import KINDS, MANIFEST_NAME, SEXES
from telltale.provenance import LAB_FILE

MANIFEST = IMAGES_DIR / MANIFEST_NAME
QUIZ_FILE = LESSONS_DIR / "faces.yaml"


def parse_placeholder(key: str) -> tuple[str, str | None] | None:
    """``any-gan-female`` -> ("gan", "female"); ``any-real`` -> ("real", None); else None."""
    match = re.fullmatch(r"any-([a-z]+)(?:-([a-z]+))?", key)
    if not match or match.group(1) not in KINDS or (match.group(2) and match.group(2) not in SEXES):
        return None
    return match.group(1), match.group(2)


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
    def avatars(cls, content: FaceContent, lab_faces: frozenset[str] = frozenset()) -> "FaceLibrary":
        """The manifest's faces whose files exist, but none of the face quiz or of `lab_faces`;
        ContentError when the quiz faces cannot be known (the manifest or faces.yaml cannot be read)."""
        return _avatars(content, lab_faces)

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


@lru_cache(maxsize=4)
def _avatars(content: FaceContent, lab_faces: frozenset[str]) -> FaceLibrary:
    left_out = content.quiz_ids() | lab_faces
    entries = [e for e in content.images.values() if e.id not in left_out]
    faces = [Face(e.id, e.kind, e.path(content.images_dir), e.sex) for e in entries
             if e.path(content.images_dir).is_file()]
    return FaceLibrary(tuple(sorted(faces, key=lambda f: f.id)))


def lab_faces(lab_file: Path) -> frozenset[str]:
    """Every ``face:`` value in the lab's file, wherever it stands (a case, a credentials file).
    An unreadable lab file gives none: the lab is then not shown (the content check names the file)."""
    return _lab_faces(lab_file, reader.version(lab_file))


@lru_cache(maxsize=4)
def _lab_faces(lab_file: Path, file_version: tuple) -> frozenset[str]:
    found: set[str] = set()
    nodes = [reader.document(lab_file).root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if key.value == "face" and isinstance(value, ScalarNode):
                    found.add(value.value)
                else:
                    nodes.append(value)
        elif isinstance(node, SequenceNode):
            nodes.extend(node.value)
    return frozenset(found)


def avatar_library(lessons_dir: Path | str = LESSONS_DIR, images_dir: Path | str = IMAGES_DIR) -> FaceLibrary:
    """The faces that may be avatars: the manifest's, minus every face of the quiz file and of the lab."""
    lessons_dir = Path(lessons_dir)
    return FaceLibrary.avatars(face_content(lessons_dir, Path(images_dir)), lab_faces(lessons_dir / LAB_FILE.name))


def default_library() -> FaceLibrary:
    """The committed avatar faces: images/manifest.csv minus the faces of lessons/faces.yaml and of
    lessons/provenance.yaml.

    Re-read whenever either file changes.
    """
    return avatar_library()


__all__ = ["Face", "FaceLibrary", "MANIFEST", "QUIZ_FILE", "avatar_library", "default_library", "parse_placeholder"]
