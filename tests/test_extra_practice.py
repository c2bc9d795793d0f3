"""Unlimited practice: rounds drawn from a seed, faces generated on the spot by the real generator."""
import io

import numpy as np
import pytest
from PIL import Image

from telltale import generator
from telltale.extra_practice import (FIRST_PRACTICE_SEED, PRACTICE_DARK, PRACTICE_FEMALE, PRACTICE_LEFT_OUT,
                                     PRACTICE_LOOKED_AT, PRACTICE_MEDIUM, PRACTICE_SEEDS, Look, draw_round,
                                     generated_face, practice_look)

LIGHT_MAN, LIGHT_WOMAN = Look("light", "male"), Look("light", "female")


def test_rounds_are_reproducible_and_mix_real_and_generated():
    real = {"fa": LIGHT_MAN, "fb": LIGHT_WOMAN, "fc": Look("dark", "male")}
    rounds = [draw_round(seed, real) for seed in range(200)]
    assert rounds == [draw_round(seed, dict(reversed(real.items()))) for seed in range(200)]
    answers = [r.answer for r in rounds]
    assert 70 < answers.count("ai") < 130
    assert all(r.seed in PRACTICE_SEEDS for r in rounds if r.answer == "ai")
    assert all(r.image_id in ("fa", "fb", "fc") for r in rounds if r.answer == "real")


def test_generated_rounds_show_only_the_seeds_looked_at_and_none_left_out():
    """Every real photo is of an adult in their 20s to 50s: a child's or an old person's face would
    always be the AI one, so the seeds whose face looks under 20 or over 60 are never drawn."""
    assert PRACTICE_LEFT_OUT and max(PRACTICE_LEFT_OUT) < PRACTICE_LOOKED_AT and min(PRACTICE_LEFT_OUT) >= 0
    real = {"fa": LIGHT_MAN, "fb": LIGHT_WOMAN, "fc": Look("medium", "male"), "fd": Look("medium", "female"),
            "fe": Look("dark", "male"), "ff": Look("dark", "female")}
    shown = {r.seed for r in (draw_round(seed, real) for seed in range(20000)) if r.answer == "ai"}
    offsets = {seed - FIRST_PRACTICE_SEED for seed in shown}
    assert not offsets & PRACTICE_LEFT_OUT
    assert offsets <= set(range(PRACTICE_LOOKED_AT))
    assert len(offsets) == PRACTICE_LOOKED_AT - len(PRACTICE_LEFT_OUT)  # every face looked at and kept comes up
    labelled = PRACTICE_MEDIUM | PRACTICE_DARK | PRACTICE_FEMALE
    assert not labelled & PRACTICE_LEFT_OUT and not PRACTICE_MEDIUM & PRACTICE_DARK


def test_generated_faces_look_like_the_real_photos_beside_them():
    """Neither a darker face nor a woman's may be likelier to be the AI one: each generated face takes the
    skin tone and sex of a real photo drawn at random, so the generated faces' mix is the real photos'."""
    real = {"l0": LIGHT_MAN, "m0": Look("medium", "female"), "d0": Look("dark", "male"),
            "d1": Look("dark", "male")}  # far from the generated faces' own mix
    made = [practice_look(r.seed) for r in (draw_round(seed, real) for seed in range(8000)) if r.answer == "ai"]
    shares = {look: made.count(look) / len(made) for look in set(made)}
    assert abs(shares[LIGHT_MAN] - 0.25) < 0.03 and abs(shares[Look("medium", "female")] - 0.25) < 0.03
    assert abs(shares[Look("dark", "male")] - 0.5) < 0.03 and len(shares) == 3


@pytest.mark.skipif(not generator.available(), reason="needs the optional openvino and random-face packages")
def test_a_generated_practice_face_is_in_the_quiz_format_and_repeatable():
    gen = generator.FaceGenerator()
    extra = next(r for r in (draw_round(s, {}) for s in range(10)) if r.answer == "ai")
    first = generated_face(gen, extra)
    assert first == generated_face(gen, extra)
    image = Image.open(io.BytesIO(first))
    assert image.format == "JPEG" and image.size == (400, 400)
    assert not image.info.get("exif")


def test_more_practice_never_shows_a_test_form_face():
    """Issue 9: "More practice" showed real test-form faces with "This is a real photo"."""
    from telltale.extra_practice import practice_real_photos
    from telltale.library import load_library

    lib = load_library()
    allowed = practice_real_photos(lib.images, lib.items)
    test_faces = {i for i, item in lib.items.items() if item.form in ("A", "B")}
    assert allowed and not test_faces & set(allowed)
    assert all(lib.images[i].kind == "real" for i in allowed)
    shown = {draw_round(seed, allowed).image_id for seed in range(2000)} - {None}
    assert shown and not shown & test_faces


def _plain_photo(level: int) -> bytes:
    """A stored 'photo' of mid-grey noise about `level`: its mean and spread are known."""
    noise = np.random.default_rng(level).normal(level, 30, (400, 400, 3)).clip(0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(noise, "RGB").save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.mark.skipif(not generator.available(), reason="needs the optional openvino and random-face packages")
def test_a_generated_face_takes_half_the_colour_of_the_real_photo_whose_look_it_takes():
    """Graded to the photos' averages only, the AI faces' colours varied less than the photos' (each
    photographer's light): a picture's cast would say which is the AI one."""
    gen = generator.FaceGenerator()
    extra = next(r for r in (draw_round(s, {"fa": LIGHT_MAN}) for s in range(10)) if r.answer == "ai")
    assert extra.like == "fa"
    bright, dark = (np.asarray(Image.open(io.BytesIO(generated_face(gen, extra, _plain_photo(level)))).convert("L"),
                               dtype=float).mean() for level in (200, 60))
    # The photos' means differ by 140; framing and the quiz format's last steps keep most of half of it.
    assert 0.35 * 140 < bright - dark < 0.6 * 140
