"""Unlimited practice with GAN faces that appear nowhere else in the course, when the optional
generator is installed.

Each round is drawn from a seed: a face generated on the spot (from the seeds a person looked at,
PRACTICE_SEEDS), or a real photo from the library. Generated faces are graded to the real photos'
colour, contrast and sharpness (GENERATOR_GRADE), taken halfway to the colour and contrast of the real
photo whose look they take, then made as the library's quiz GAN faces are:
framed as people post photos (one of the library's own GAN frames, drawn at random: size, offset,
turn and detail), then the quiz format's last steps (telltale.images.quiz_picture: saturation, the
real portraits' JPEG step, `normalize`), so they are neither lined up, sharper nor differently coloured.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from telltale.content.framing import Frame, load_framing
from telltale.content.lessons import FaceItem
from telltale.content.manifest import ImageEntry
from telltale.generator import DEFAULT_TRUNCATION, FaceGenerator, FaceRecipe
from telltale.images import DETAIL_SIDE, GENERATOR_GRADE, Grade, graded, match_detail, quiz_picture

# Seeds at or above this are never used by the library build, so a practice face is always new.
FIRST_PRACTICE_SEED = 10_000_000
# The generator makes children, teenagers and old people too; every real photo is of an adult in their
# 20s to 50s, so such a face would always be the AI one: a quirk of our photos, not a tell. The first
# PRACTICE_LOOKED_AT seeds were looked at (scripts/practice_sheet.py draws them, 100 to a sheet), and
# those a viewer would read as under 20 or over 60 are left out, when in doubt too: 77 of 400.
PRACTICE_LOOKED_AT = 400
PRACTICE_LEFT_OUT = frozenset({  # offsets from FIRST_PRACTICE_SEED
    7, 31, 34, 36, 41, 43, 52, 59, 60, 63, 64, 69, 72, 73, 85, 89, 94, 98, 99,
    101, 112, 113, 114, 116, 134, 136, 143, 148, 153, 163, 166, 167, 193, 197,
    202, 207, 210, 216, 217, 222, 223, 225, 226, 228, 237, 239, 243, 257, 258, 259, 261, 273, 277, 283, 296, 298,
    304, 320, 324, 346, 350, 352, 358, 359, 361, 362, 363, 364, 366, 377, 381, 384, 385, 386, 389, 397, 398,
})
PRACTICE_SEEDS = tuple(FIRST_PRACTICE_SEED + offset for offset in range(PRACTICE_LOOKED_AT)
                       if offset not in PRACTICE_LEFT_OUT)
# How each face kept looks, labelled by looking as the library's faces are (telltale/content/recipe.yaml):
# its skin tone (every face not listed is light: 251 light, 55 medium, 17 dark) and its sex (180 female,
# 143 male). An AI round takes the look of a real photo drawn from those More practice shows (120 light,
# 13 medium, 6 dark; 52 female, 87 male), so that neither a darker face nor a woman's is likelier to be
# the AI one.
PRACTICE_MEDIUM = frozenset({  # offsets from FIRST_PRACTICE_SEED
    10, 25, 48, 58, 62, 86, 91, 92, 95, 96, 97, 115, 118, 120, 130, 139, 146, 147,
    150, 152, 160, 161, 168, 172, 178, 180, 183, 196, 198, 200, 211, 230, 231, 233, 236,
    254, 255, 269, 282, 291, 306, 310, 312, 317, 325, 337, 343, 367, 368, 372, 379, 382, 387, 390, 396,
})
PRACTICE_DARK = frozenset({16, 50, 54, 81, 123, 128, 177, 186, 253, 265, 288, 294, 297, 300, 315, 316, 355})
PRACTICE_FEMALE = frozenset({  # offsets; every other face kept is male
    0, 1, 4, 6, 9, 12, 14, 15, 17, 18, 22, 25, 26, 28, 29, 32, 44, 46, 47, 48, 49,
    50, 51, 54, 56, 58, 62, 65, 67, 71, 74, 75, 76, 77, 78, 79, 80, 81, 88, 90, 91, 92, 96, 97,
    100, 104, 106, 108, 109, 111, 115, 117, 119, 121, 123, 127, 128, 130, 132, 135, 137, 138, 139, 140, 141, 142,
    149, 150, 151, 152, 155, 157, 169, 171, 172, 173, 174, 175, 176, 179, 180, 181, 182, 183, 184, 185, 186, 188,
    191, 192, 195, 199, 200, 201, 209, 214, 215, 218, 220, 221, 227, 229, 230, 232, 236, 238, 240, 241, 242,
    250, 251, 253, 254, 255, 260, 262, 266, 268, 270, 271, 272, 274, 276, 278, 282, 285, 291, 293, 294, 297, 299,
    300, 301, 302, 303, 305, 307, 308, 309, 311, 315, 316, 318, 319, 321, 323, 327, 329, 330, 331, 333, 334, 335,
    336, 338, 339, 342, 343, 344, 345, 347, 348, 349, 355, 368, 369, 370, 374, 376, 378, 379, 380, 382, 383, 388,
    390, 393, 394, 395, 399,
})


class Look(NamedTuple):
    skin_tone: str  # light, medium, dark
    sex: str  # female, male


def practice_look(seed: int) -> Look:
    offset = seed - FIRST_PRACTICE_SEED
    tone = "dark" if offset in PRACTICE_DARK else "medium" if offset in PRACTICE_MEDIUM else "light"
    return Look(tone, "female" if offset in PRACTICE_FEMALE else "male")


PRACTICE_SEEDS_BY_LOOK = {look: tuple(s for s in PRACTICE_SEEDS if practice_look(s) == look)
                          for look in sorted({practice_look(s) for s in PRACTICE_SEEDS})}


@dataclass(frozen=True)
class ExtraRound:
    answer: str  # "real" or "ai"
    image_id: str | None = None  # a real library photo
    seed: int | None = None  # a generated face
    like: str | None = None  # a generated face: the real photo whose look and colour it takes

    @property
    def recipe(self) -> FaceRecipe:
        return FaceRecipe(self.seed, DEFAULT_TRUNCATION)


# Faces of the two test forms never appear here: "This is a real photo" under a test face would
# give its answer to every classmate who has the test still to come.
TEST_FORMS = ("A", "B")


def practice_real_photos(images: dict[str, ImageEntry], items: dict[str, FaceItem]) -> dict[str, Look]:
    """The real library photos that More practice may show, each with its look: every real one no
    test form uses."""
    in_tests = {image_id for image_id, item in items.items() if item.form in TEST_FORMS}
    return {image_id: Look(entry.skin_tone, entry.sex) for image_id, entry in sorted(images.items())
            if entry.kind == "real" and image_id not in in_tests}


def draw_round(round_seed: int, real: dict[str, Look]) -> ExtraRound:
    """Half the rounds are generated faces, half real photos (`real`: id -> look); a generated face
    looks like a real photo drawn at random (skin tone and sex: every pair has faces). The same seed
    gives the same round."""
    rng = random.Random(round_seed)
    photos = sorted(real)
    if rng.random() < 0.5 or not photos:
        like = rng.choice(photos) if photos else None
        seeds = PRACTICE_SEEDS_BY_LOOK[real[like]] if like else PRACTICE_SEEDS
        return ExtraRound("ai", seed=rng.choice(seeds), like=like)
    return ExtraRound("real", image_id=rng.choice(photos))


@lru_cache(maxsize=1)
def library_gan_frames() -> tuple[Frame, ...]:
    """The frames the library build gave its quiz GAN faces (telltale/content/framing.yaml)."""
    return tuple(load_framing().get("gan", {}).values())


def generated_face(generator: FaceGenerator, extra: ExtraRound, photo: bytes | None = None,
                   grade: Grade | None = None) -> bytes:
    """The round's generated face in the quiz format (400x400 JPEG, no metadata). `photo`: the real
    photo whose look the round takes (extra.like), as stored; `grade`: how the face is brought to the
    real photos' colour, contrast and sharpness, GENERATOR_GRADE unless measuring it
    (scripts/generator_grade.py)."""
    face = graded(generator.generate(extra.recipe), GENERATOR_GRADE if grade is None else grade, photo)
    frames = library_gan_frames()
    if not frames:
        return quiz_picture(match_detail(face))
    frame = random.Random(extra.seed).choice(frames)
    return quiz_picture(frame.apply(face, round(frame.detail or DETAIL_SIDE)))
