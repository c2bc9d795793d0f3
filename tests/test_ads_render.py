"""The ad renderer: deterministic pixels, boxes for every part, text that never overflows,
glyphs for non-Latin text, faces from a library, and highlighting."""
from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pytest
from PIL import Image

from telltale.ads import fonts
from telltale.ads.faces import Face, FaceLibrary, avatar_library
from telltale.content.problems import ContentError
from telltale.ads.load import load_ads
from telltale.ads.model import PARTS
from telltale.ads.render import (
    CARD,
    ad_group,
    choose_face,
    WIDTH,
    compact_count,
    highlight,
    layout_post_text,
    line_width,
    png_bytes,
    render_ad,
    text_box_width,
    text_font,
    wrap_text,
)


def sha(image: Image.Image) -> str:
    return hashlib.sha256(image.tobytes() + repr((image.mode, image.size)).encode()).hexdigest()


@pytest.fixture(scope="module")
def lesson():
    return load_ads()


@pytest.fixture(scope="module")
def renders(lesson):
    """Every example rendered once, without the face library (logos only)."""
    return {e.id: render_ad(e, faces=None) for e in lesson.examples}


# ---------------------------------------------------------------------------------------
# Determinism
# ---------------------------------------------------------------------------------------

def test_same_data_gives_the_same_pixels(lesson, renders):
    example = lesson.example("heartland-patriots")
    first = renders[example.id].image
    fonts.font.cache_clear()  # fresh font objects must not change a pixel
    again = render_ad(example, faces=None).image
    assert sha(first) == sha(again)
    assert hashlib.sha256(png_bytes(first)).hexdigest() == hashlib.sha256(png_bytes(again)).hexdigest()


def test_every_example_renders_to_a_distinct_image(renders):
    hashes = {sha(r.image) for r in renders.values()}
    assert len(hashes) == len(renders)


def test_changing_the_data_changes_the_pixels(lesson, renders):
    example = lesson.example("hartmoor-bakery")
    changed = dataclasses.replace(example, engagement=dataclasses.replace(example.engagement, reactions=185))
    assert sha(render_ad(changed, faces=None).image) != sha(renders[example.id].image)


# ---------------------------------------------------------------------------------------
# Layout and boxes
# ---------------------------------------------------------------------------------------

def test_every_example_renders_with_boxes_for_its_parts(lesson, renders):
    for example in lesson.examples:
        image, boxes = renders[example.id]
        assert image.mode == "RGB" and image.width == WIDTH and 800 < image.height < 1600
        expected = set(PARTS) if example.link else set(PARTS) - {"link"}
        assert set(boxes) == expected, example.id
        for part, (x0, y0, x1, y1) in boxes.items():
            assert 0 <= x0 < x1 <= image.width and 0 <= y0 < y1 <= image.height, (example.id, part)
        for mark in example.red_flags + example.authentic_signs:
            assert mark.part in boxes


def test_boxes_follow_the_post_order(renders):
    _, boxes = renders["heartland-patriots"]
    order = ["page_name", "text", "picture", "link", "engagement", "followers", "transparency_created",
             "transparency_managers", "transparency_name_changes", "paid_for_by"]
    tops = [boxes[p][1] for p in order]
    assert tops == sorted(tops)
    # transparency rows do not overlap one another
    rows = order[-4:]
    for upper, lower in zip(rows, rows[1:]):
        assert boxes[upper][3] <= boxes[lower][1]


def test_scale_two_doubles_the_size(lesson, renders):
    example = lesson.example("cedarmoor-creek-friends")
    big = render_ad(example, scale=2, faces=None)
    small = renders[example.id]
    assert big.image.width == 2 * WIDTH
    assert abs(big.image.height - 2 * small.image.height) <= 8
    assert abs(big.boxes["picture"][1] - 2 * small.boxes["picture"][1]) <= 4


def test_compact_counts():
    assert [compact_count(n) for n in (0, 999, 1000, 1250, 9999, 18500, 41200, 2_500_000)] == \
           ["0", "999", "1K", "1.2K", "9.9K", "18K", "41K", "2.5M"]
    assert [compact_count(n, "es") for n in (999, 1000, 1250, 41200, 2_500_000)] == \
           ["999", "1 mil", "1,2 mil", "41 mil", "2,5 M"]


def test_the_post_is_drawn_in_spanish_and_its_words_stay_in_the_card(lesson):
    """The app's own words on the post (Sponsored, the action bar, the transparency panel) in Spanish:
    the longer Spanish rows still leave the card's margin empty."""
    example = lesson.example("cedarmoor-creek-friends")
    english = render_ad(example, faces=None)
    spanish = render_ad(example, faces=None, language="es")
    assert sha(spanish.image) != sha(english.image)
    assert set(spanish.boxes) == set(english.boxes)
    pixels = np.asarray(spanish.image)
    card_right = WIDTH - 12
    top, bottom = spanish.boxes["transparency_created"][1], spanish.boxes["paid_for_by"][3]
    margin = pixels[top:bottom, card_right - 15:card_right - 1]
    assert margin.size and (margin == np.array(CARD, dtype=np.uint8)).all()


# ---------------------------------------------------------------------------------------
# Text never overflows its box
# ---------------------------------------------------------------------------------------

LONG_WORD = "Unbelievable" * 12 + "!"  # one 145-character "word"
LONG_URL = "https://www.westmark-verylongdomain-example.wm/" + "a1b2c3d4" * 15


def assert_lines_fit(lines: list[str], fnt, width: int) -> None:
    for line in lines:
        assert line_width(line, fnt) <= width, line
        assert fnt.getlength(line) <= width
        assert fnt.getbbox(line)[2] <= width


def test_committed_texts_fit_the_text_box(lesson):
    fnt, width = text_font(), text_box_width()
    for example in lesson.examples:
        lines = layout_post_text(example.text)
        assert_lines_fit(lines, fnt, width)
        # nothing is lost: the lines hold every word of the text
        assert " ".join(" ".join(lines).split()) == " ".join(example.text.split())


def test_a_very_long_word_is_cut_and_still_fits(lesson):
    fnt, width = text_font(), text_box_width()
    text = f"Short start. {LONG_WORD} and then {LONG_URL} end."
    lines = layout_post_text(text)
    assert len(lines) >= 4
    assert_lines_fit(lines, fnt, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_very_long_word_leaves_no_ink_outside_the_text_box(lesson):
    example = dataclasses.replace(lesson.example("hartmoor-bakery"), text=f"{LONG_WORD} {LONG_URL}")
    image, boxes = render_ad(example, faces=None)
    x0, y0, x1, y1 = boxes["text"]
    assert x1 - x0 >= text_box_width()
    pixels = np.asarray(image)
    card_right = WIDTH - 12  # the card's border
    column_right = card_right - 16  # the text column's right edge
    margin = pixels[y0:y1, column_right:card_right - 1]
    assert margin.size and (margin == np.array(CARD, dtype=np.uint8)).all()
    assert (pixels[y0:y1, x0:x1] != np.array(CARD, dtype=np.uint8)).any()  # the text is drawn


def test_wrap_keeps_paragraphs_and_never_exceeds_small_widths():
    fnt = fonts.font(15)
    for width in (40, 73, 120, 333):
        lines = wrap_text("One two three.\n\nÜber ελληνικά кириллица " + LONG_WORD, fnt, width)
        assert "" in lines
        assert_lines_fit(lines, fnt, width)


def test_long_page_name_and_headline_stay_inside(lesson):
    example = lesson.example("vennacoin-giveaway")
    long_name = "The Official International Westmark Community Savings and Giveaway Page"
    page = dataclasses.replace(example.page, name=long_name)
    picture = dataclasses.replace(example.picture, headline="Extraordinarilylongheadlinewordthatcannotfit at all")
    image, boxes = render_ad(dataclasses.replace(example, page=page, picture=picture), faces=None)
    assert boxes["page_name"][2] <= WIDTH - 12 - 16


# ---------------------------------------------------------------------------------------
# Non-Latin text
# ---------------------------------------------------------------------------------------

def test_font_comes_from_the_python_dependency():
    assert "fontpkg_noto_sans" in str(fonts.FONT_PATH)
    assert fonts.FONT_PATH.is_file()


def test_non_latin_characters_have_real_glyphs():
    fnt = fonts.font(40)
    tofu = fnt.getmask("\ue000")
    for char in "ñ¿áΓλωσκόЕзиковфе":
        mask = fnt.getmask(char)
        assert mask.getbbox(), char
        assert (mask.size, bytes(mask)) != (tofu.size, bytes(tofu)), char
    # the probe does see a missing glyph
    assert fonts.missing_glyphs("a😀b中") == ["😀", "中"]


def test_greek_and_cyrillic_lines_render_as_text_not_boxes(lesson, renders):
    example = lesson.example("wendlecombe-library")
    assert any("\u0370" <= c <= "\u03ff" for c in example.text)
    assert any("\u0400" <= c <= "\u04ff" for c in example.text)
    assert fonts.missing_glyphs(example.text) == []
    # Rendering the same words with every letter swapped for a missing glyph gives
    # different pixels: the real letters were drawn.
    boxed = "".join("\ue000" if ("\u0370" <= c <= "\u04ff") else c for c in example.text)
    with_boxes = render_ad(dataclasses.replace(example, text=boxed), faces=None).image
    box = renders[example.id].boxes["text"]
    assert sha(renders[example.id].image.crop(box)) != sha(with_boxes.crop(box))


# ---------------------------------------------------------------------------------------
# Faces from the library
# ---------------------------------------------------------------------------------------

@pytest.fixture()
def face_library(tmp_path):
    """A four-face library: 'gan' red (male), green and yellow (female); 'real' blue (female)."""
    faces = tmp_path / "faces"
    faces.mkdir()
    rows = [("fgan2222", "gan", "male", (200, 30, 30)), ("fgan3333", "gan", "female", (30, 200, 30)),
            ("fgan5555", "gan", "female", (220, 220, 30)), ("freal444", "real", "female", (30, 30, 200))]
    for face_id, kind, sex, colour in rows:
        Image.new("RGB", (64, 64), colour).save(faces / f"{face_id}.jpg", quality=95)
    return FaceLibrary(tuple(Face(face_id, kind, faces / f"{face_id}.jpg", sex) for face_id, kind, sex, _ in rows))


def avatar_centre(rendered) -> np.ndarray:
    x0, y0, x1, y1 = rendered.boxes["avatar"]
    return np.asarray(rendered.image)[(y0 + y1) // 2, (x0 + x1) // 2].astype(int)


def test_face_placeholders_pick_a_face_of_the_right_kind_and_sex(lesson, face_library):
    example = lesson.example("heartland-patriots")  # face: any-gan-male
    rendered = render_ad(example, faces=face_library)
    assert np.abs(avatar_centre(rendered) - np.array((200, 30, 30))).max() < 20
    assert face_library.pick("any-gan-male", example.id).id == "fgan2222"
    assert face_library.pick("any-gan-female", example.id).id in {"fgan3333", "fgan5555"}
    assert face_library.pick("any-gan", example.id).kind == "gan"
    assert face_library.pick("any-real", "x").id == "freal444"
    # same library, same pick, same pixels
    assert sha(render_ad(example, faces=face_library).image) == sha(rendered.image)


def test_a_placeholder_no_face_fits_falls_back_to_the_logo(lesson, face_library):
    example = lesson.example("reyes-water-board")  # face: any-real-male; the library has none
    assert face_library.pick("any-real-male", example.id) is None
    with_library = render_ad(example, faces=face_library)
    without = render_ad(example, faces=None)
    assert sha(with_library.image) == sha(without.image)


def test_a_fixed_face_id_is_used_as_is(lesson, face_library):
    example = lesson.example("hartmoor-bakery")
    avatar = dataclasses.replace(example.page.avatar, face="fgan5555")
    page = dataclasses.replace(example.page, avatar=avatar)
    rendered = render_ad(dataclasses.replace(example, page=page), faces=face_library)
    assert np.abs(avatar_centre(rendered) - np.array((220, 220, 30))).max() < 20


def test_face_falls_back_to_the_logo_without_a_library(lesson, renders):
    example = lesson.example("heartland-patriots")
    image, boxes = renders[example.id]
    x0, y0, x1, y1 = boxes["avatar"]
    logo = example.page.avatar.logo
    centre_row = np.asarray(image)[(y0 + y1) // 2, x0 + 4:x1 - 4]
    assert any(tuple(px) == tuple(int(logo.background[i:i + 2], 16) for i in (1, 3, 5)) for px in centre_row)


def test_assign_gives_a_group_distinct_faces(face_library):
    picks = face_library.assign([("@a", "any-gan"), ("@b", "any-gan"), ("@e", "any-gan"), ("@c", "any-real"),
                                 ("@d", None)])
    assert len({picks["@a"].id, picks["@b"].id, picks["@e"].id}) == 3
    assert picks["@c"].id == "freal444" and picks["@d"] is None
    assert face_library.assign([("@a", "any-gan"), ("@b", "any-gan")]) == {k: picks[k] for k in ("@a", "@b")}


def test_a_group_gets_distinct_faces_in_render(lesson, face_library):
    parents, helena = lesson.example("brackenmere-parents"), lesson.example("helena-voss-tips")  # both any-gan-female
    group = ad_group([parents, helena])
    a = choose_face(parents.page.avatar, parents.id, face_library, group)
    b = choose_face(helena.page.avatar, helena.id, face_library, group)
    assert {a.id, b.id} == {"fgan3333", "fgan5555"}
    rendered = render_ad(helena, faces=face_library, group=group)
    expected = {"fgan3333": (30, 200, 30), "fgan5555": (220, 220, 30)}[b.id]
    assert np.abs(avatar_centre(rendered) - np.array(expected)).max() < 20


def test_committed_lessons_show_no_face_twice(lesson):
    from telltale.ads.load import load_network

    group = ad_group(lesson.examples)
    chosen = [choose_face(e.page.avatar, e.id, group=group) for e in lesson.examples]
    ids = [f.id for f in chosen if f is not None]
    assert len(ids) == len(set(ids))
    case = load_network()
    network_group = [(a.handle, a.avatar.face) for a in case.accounts]
    chosen = [choose_face(a.avatar, a.handle, group=network_group) for a in case.accounts]
    ids = [f.id for f in chosen if f is not None]
    assert len(ids) == len(set(ids))


def test_a_missing_manifest_gives_no_avatar_library_but_says_so(tmp_path):
    (tmp_path / "faces.yaml").write_text("items:\n  - image: fgan2222\n", encoding="utf-8")
    with pytest.raises(ContentError, match="manifest.csv: manifest file is missing"):
        avatar_library(tmp_path, tmp_path)


# ---------------------------------------------------------------------------------------
# Highlighting
# ---------------------------------------------------------------------------------------

def test_highlight_outlines_parts_and_leaves_the_original_alone(renders):
    image, boxes = renders["heartland-patriots"]
    before = sha(image)
    marked = highlight(image, boxes, ["avatar", "transparency_managers", "text"])
    assert sha(image) == before
    assert marked.size == image.size and marked.mode == "RGB"
    diff = np.any(np.asarray(marked) != np.asarray(image), axis=2)
    for part in ("avatar", "transparency_managers", "text"):
        x0, y0, x1, y1 = boxes[part]
        assert diff[max(0, y0 - 8):y1 + 8, max(0, x0 - 8):x1 + 8].any(), part
    # an unmarked part's inside is untouched
    x0, y0, x1, y1 = boxes["picture"]
    assert not diff[y0 + 30:y1 - 30, x0 + 30:x1 - 30].any()


def test_highlight_is_deterministic_and_numbers_repeated_parts_once(renders):
    image, boxes = renders["save-our-rivers"]
    a = highlight(image, boxes, ["text", "text", "engagement"])
    b = highlight(image, boxes, ["text", "text", "engagement"])
    assert sha(a) == sha(b)
    assert sha(a) != sha(highlight(image, boxes, ["text", "engagement"]))


def test_highlight_rejects_unknown_parts(renders):
    image, boxes = renders["hartmoor-bakery"]
    with pytest.raises(KeyError, match="link"):
        highlight(image, boxes, ["link"])  # the bakery's post has no link


def test_the_engine_does_not_import_streamlit():
    import subprocess
    import sys

    code = ("import sys, telltale.ads.load, telltale.ads.render, telltale.ads.scoring, telltale.ads.faces; "
            "assert 'streamlit' not in sys.modules, 'streamlit imported'")
    from telltale import ROOT

    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
