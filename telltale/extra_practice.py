"""Unlimited practice with brand-new GAN faces, when the optional generator is installed.

Each round is drawn from a seed: a face generated on the spot, or a real photo from the
library. Generated faces are graded to the real photos' colour (GENERATOR_GRADE), then made as the
library's quiz GAN faces are: framed as people post photos (one of the library's own GAN frames,
drawn at random: size, offset, turn and detail), then the quiz format's last steps
(telltale.images.quiz_picture: saturation, the real portraits' JPEG step, `normalize`), so they are
neither lined up, sharper nor differently coloured.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image

from telltale.content.framing import Frame, load_framing
from telltale.content.lessons import FaceItem
from telltale.content.manifest import ImageEntry
from telltale.generator import DEFAULT_TRUNCATION, FaceGenerator, FaceRecipe
from telltale.images import DETAIL_SIDE, match_detail, quiz_picture

# Seeds at or above this are never used by the library build, so a practice face is always new.
FIRST_PRACTICE_SEED = 10_000_000


@dataclass(frozen=True)
class ExtraRound:
    answer: str  # "real" or "ai"
    image_id: str | None = None  # a real library photo
    seed: int | None = None  # a generated face

    @property
    def recipe(self) -> FaceRecipe:
        return FaceRecipe(self.seed, DEFAULT_TRUNCATION)


# Faces of the two test forms never appear here: "This is a real photo" under a test face would
# give its answer to every classmate who has the test still to come.
TEST_FORMS = ("A", "B")


def practice_real_ids(images: dict[str, ImageEntry], items: dict[str, FaceItem]) -> list[str]:
    """The real library photos that More practice may show: every real one no test form uses."""
    in_tests = {image_id for image_id, item in items.items() if item.form in TEST_FORMS}
    return sorted(image_id for image_id, entry in images.items() if entry.kind == "real" and image_id not in in_tests)


def draw_round(round_seed: int, real_ids: list[str]) -> ExtraRound:
    """Half the rounds are generated faces, half real photos; the same seed gives the same round."""
    rng = random.Random(round_seed)
    if rng.random() < 0.5 or not real_ids:
        return ExtraRound("ai", seed=FIRST_PRACTICE_SEED + rng.randrange(2**31))
    return ExtraRound("real", image_id=rng.choice(sorted(real_ids)))


@lru_cache(maxsize=1)
def library_gan_frames() -> tuple[Frame, ...]:
    """The frames the library build gave its quiz GAN faces (telltale/content/framing.yaml)."""
    return tuple(load_framing().get("gan", {}).values())


def generated_face(generator: FaceGenerator, extra: ExtraRound,
                   grade: tuple[float, float, float] | None = None) -> bytes:
    """The round's generated face in the quiz format (400x400 JPEG, no metadata); `grade`: the colour
    offset, GENERATOR_GRADE unless measuring it (scripts/generator_grade.py)."""
    face = graded(generator.generate(extra.recipe), GENERATOR_GRADE if grade is None else grade)
    frames = library_gan_frames()
    if not frames:
        return quiz_picture(match_detail(face))
    frame = random.Random(extra.seed).choice(frames)
    return quiz_picture(frame.apply(face, round(frame.detail or DETAIL_SIDE)))


# The generator's pictures are warmer than the real photos More practice shows: the median of their
# mean colour is 10.1 higher in red and 5.0 in blue (green: 0.3), over 500 generated faces against the
# 139 real photos (standard error of the faces' median about 1.3; scripts/generator_grade.py). Each
# generated face is graded by that difference, so that "warm" does not tell AI from real there: a
# quirk of this generator and of these photos, not a tell. An offset, not a gain: a gain also
# flattens the contrast.
GENERATOR_GRADE = (-10.1, -0.3, -5.0)


def graded(face: Image.Image, grade: tuple[float, float, float]) -> Image.Image:
    """A generated face with `grade` added to its red, green and blue."""
    rgb = np.asarray(face.convert("RGB"), dtype=np.float32) + np.array(grade, dtype=np.float32)
    return Image.fromarray(np.clip(rgb + 0.5, 0, 255).astype(np.uint8), "RGB")
