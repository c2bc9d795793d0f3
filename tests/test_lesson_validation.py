"""The lesson validator: each rule, broken on purpose, gives a message naming file, line, item and field."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from telltale import LESSONS_DIR
from telltale.content.lessons import load_face_lessons
from telltale.content.manifest import ImageEntry
from telltale.content.problems import ContentError


def entry(image_id: str, kind: str) -> ImageEntry:
    return ImageEntry(image_id, kind, f"faces/{image_id}.jpg", "0" * 64, "test", "CC0", "test",
                      None, None, "female", "30s", "light")


IMAGES = {f"fa{n:06d}"[:8]: entry(f"fa{n:06d}"[:8], "gan") for n in range(3)}
IMAGES.update({f"fr{n:06d}"[:8]: entry(f"fr{n:06d}"[:8], "real") for n in range(3)})


def problems_for(tmp_path: Path, faces_yaml: str, tells_yaml: str | None = None) -> list[str]:
    shutil.copy(LESSONS_DIR / "tells.yaml", tmp_path / "tells.yaml")
    if tells_yaml is not None:
        (tmp_path / "tells.yaml").write_text(textwrap.dedent(tells_yaml))
    (tmp_path / "faces.yaml").write_text(textwrap.dedent(faces_yaml))
    with pytest.raises(ContentError) as raised:
        load_face_lessons(tmp_path, IMAGES)
    return [str(p) for p in raised.value.problems]


GOOD_ITEM = """\
title: t
items:
  - image: fa000000
    form: practice
    difficulty: 2
    clues:
      - tell: background-warp
        box: [0.1, 0.1, 0.4, 0.5]
        note: The wall melts.
"""


def only(problems: list[str], text: str) -> str:
    matching = [p for p in problems if text in p]
    assert matching, f"no problem mentions {text!r}: {problems}"
    return matching[0]


def test_a_box_outside_the_picture(tmp_path):
    message = only(problems_for(tmp_path, GOOD_ITEM.replace("[0.1, 0.1, 0.4, 0.5]", "[0.1, 0.1, 1.4, 0.5]")),
                   "outside the picture")
    assert message.startswith(str(tmp_path / "faces.yaml") + ":8 item fa000000 field clues[0].box")


def test_an_empty_box(tmp_path):
    message = only(problems_for(tmp_path, GOOD_ITEM.replace("[0.1, 0.1, 0.4, 0.5]", "[0.5, 0.1, 0.4, 0.5]")),
                   "is empty")
    assert ":8 item fa000000 field clues[0].box" in message


def test_an_unknown_image(tmp_path):
    message = only(problems_for(tmp_path, GOOD_ITEM.replace("image: fa000000", "image: fzzzzzzz")),
                   "no such image id")
    assert ":3 item fzzzzzzz field image" in message


def test_a_duplicate_item(tmp_path):
    doubled = GOOD_ITEM + GOOD_ITEM.split("items:\n", 1)[1]
    message = only(problems_for(tmp_path, doubled), "duplicate image")
    assert ":10 item fa000000 field image" in message and "first on line 3" in message


def test_an_unknown_tell(tmp_path):
    message = only(problems_for(tmp_path, GOOD_ITEM.replace("tell: background-warp", "tell: sparkles")),
                   "unknown tell 'sparkles'")
    assert ":7 item fa000000 field clues[0].tell" in message


def test_a_real_sign_on_an_ai_face(tmp_path):
    message = only(problems_for(tmp_path, GOOD_ITEM.replace("tell: background-warp", "tell: real-background")),
                   "points to real but this image is ai")
    assert ":7 item fa000000 field clues[0].tell" in message


def test_a_missing_field_and_an_unknown_field(tmp_path):
    problems = problems_for(tmp_path, GOOD_ITEM.replace("    difficulty: 2\n", "    dificulty: 2\n"))
    assert ":3 item fa000000 field difficulty: missing field 'difficulty'" in only(problems, "missing field")
    assert ":5 item fa000000 field dificulty: unknown field (did you mean 'difficulty'?)" in only(problems,
                                                                                                "unknown field")


def test_a_wrong_type_and_a_value_out_of_range(tmp_path):
    problems = problems_for(tmp_path, GOOD_ITEM.replace("difficulty: 2", "difficulty: hard"))
    assert ":5 item fa000000 field difficulty: must be a whole number" in only(problems, "whole number")
    problems = problems_for(tmp_path, GOOD_ITEM.replace("form: practice", "form: C"))
    assert ":4 item fa000000 field form: must be one of A, B, practice, lesson; found 'C'" in only(problems,
                                                                                                "must be one of")


def test_an_empty_explanation(tmp_path):
    message = only(problems_for(tmp_path, GOOD_ITEM.replace("note: The wall melts.", "note: ' '")), "must not be empty")
    assert ":9 item fa000000 field clues[0].note" in message


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    problems = problems_for(tmp_path, GOOD_ITEM.replace("    form: practice", "    form: [practice"))
    assert only(problems, "not valid YAML").startswith(str(tmp_path / "faces.yaml") + ":")


def test_a_duplicated_field_is_refused(tmp_path):
    problems = problems_for(tmp_path, GOOD_ITEM.replace("    form: practice\n", "    form: practice\n    form: A\n"))
    assert ":5 item fa000000 field form" in only(problems, "field appears twice (first on line 4)")


def test_set_rules_count_annotations_and_balance_forms(tmp_path):
    problems = problems_for(tmp_path, GOOD_ITEM)
    only(problems, "only 1 AI items have clues; the course needs at least 40")
    only(problems, "only 0 real items have clues")
    only(problems, "form A has 0 ai items")


def test_a_lesson_example_must_not_come_from_a_test_form(tmp_path):
    tells = (LESSONS_DIR / "tells.yaml").read_text().replace(
        "    title: What you are looking for\n", "    title: What you are looking for\n    examples: [fa000000]\n")
    problems = problems_for(tmp_path, GOOD_ITEM.replace("form: practice", "form: A"), tells)
    only(problems, "must be an item of form 'lesson'")
