"""The fairness rules of the face quiz (telltale.content.quiz_rules), on the real library and
on copies of lessons/faces.yaml broken one way at a time."""
from __future__ import annotations

import shutil

import pytest
import yaml

from telltale import IMAGES_DIR, LESSONS_DIR
from telltale.checks import find_problems
from telltale.content.lessons import face_content
from telltale.content.manifest import load_manifest
from telltale.content.problems import ContentError
from telltale.content.quiz_rules import check_quiz, person_of

IMAGES = load_manifest(IMAGES_DIR / "manifest.csv")
FACES = yaml.safe_load((LESSONS_DIR / "faces.yaml").read_text(encoding="utf-8"))


def items_where(form: str, kind: str | None = None, tone: str | None = None) -> list[dict]:
    return [i for i in FACES["items"] if i["form"] == form
            and (kind is None or IMAGES[i["image"]].kind == kind)
            and (tone is None or (IMAGES[i["image"]].skin_tone != "light") == (tone == "not light"))]


def uncropped_gan(count: int) -> list[str]:
    quiz = {i["image"] for i in FACES["items"]}
    return sorted(e.id for e in IMAGES.values() if e.kind == "gan" and e.id not in quiz)[:count]


def problems_with(tmp_path, change) -> list[str]:
    data = yaml.safe_load((LESSONS_DIR / "faces.yaml").read_text(encoding="utf-8"))
    change(data["items"])
    shutil.copy(LESSONS_DIR / "tells.yaml", tmp_path / "tells.yaml")
    (tmp_path / "faces.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check_quiz(tmp_path, face_content(tmp_path, IMAGES_DIR))
    return [str(p) for p in raised.value.problems]


def only(problems: list[str], text: str) -> str:
    matching = [p for p in problems if text in p]
    assert matching, f"no problem mentions {text!r}: {problems}"
    return matching[0]


def set_form(items, image_ids, form):
    for item in items:
        if item["image"] in image_ids:
            item["form"] = form


def test_the_course_content_is_fair():
    assert [str(p) for p in find_problems()] == []


def test_each_test_form_needs_diffusion_faces(tmp_path):
    diffusion = {i["image"] for i in items_where("A", "diffusion")}
    assert len(diffusion) >= 3
    problems = problems_with(tmp_path, lambda items: set_form(items, diffusion, "B"))
    assert "form A has 0 diffusion faces" in only(problems, "diffusion faces")


def test_skin_tone_must_be_balanced_within_a_form(tmp_path):
    darker_reals = {i["image"] for i in items_where("B", "real", "not light")}
    assert darker_reals
    problems = problems_with(tmp_path, lambda items: set_form(items, darker_reals, "practice"))
    assert "0% of its real ones" in only(problems, "B skin tone")


def test_skin_tone_must_be_balanced_across_kinds_in_practice(tmp_path):
    light_diffusion = {i["image"] for i in items_where("practice", "diffusion", "light")}
    darker_gan = {i["image"] for i in items_where("practice", "gan", "not light")}

    def drop(items):
        items[:] = [i for i in items if i["image"] not in light_diffusion | darker_gan]
    problems = problems_with(tmp_path, drop)
    assert "practice skin tone: 100% of its diffusion faces" in only(problems, "diffusion faces are medium or dark")


def test_a_gan_face_in_its_whole_lined_up_frame_is_refused(tmp_path):
    whole = uncropped_gan(1)[0]
    problems = problems_with(tmp_path, lambda items: items.append({"image": whole, "form": "A", "difficulty": 2}))
    assert whole in only(problems, "whole, lined-up frame")


def test_ai_faces_framed_unlike_the_real_ones_are_refused(tmp_path):
    gan_in_a = {i["image"] for i in items_where("A", "gan")}

    def swap(items):
        items[:] = [i for i in items if i["image"] not in gan_in_a]
        items.extend({"image": image, "form": "A", "difficulty": 2} for image in uncropped_gan(len(gan_in_a)))
    problems = problems_with(tmp_path, swap)
    assert "more than its real ones" in only(problems, "A framing")


def test_a_person_belongs_to_one_part(tmp_path):
    lesson_diffusion = items_where("lesson", "diffusion")
    moved = lesson_diffusion[0]["image"]
    problems = problems_with(tmp_path, lambda items: set_form(items, {moved}, "A"))
    message = only(problems, person_of(IMAGES[moved]))
    assert "form A" in message and "the tells lesson" in message


def test_no_other_picture_of_a_quiz_person_may_stay_in_the_library(tmp_path):
    lesson_diffusion = [i["image"] for i in items_where("lesson", "diffusion")]
    same_person = [i for i in lesson_diffusion if person_of(IMAGES[i]) == person_of(IMAGES[lesson_diffusion[0]])]
    assert len(same_person) >= 2
    left_out = same_person[1]

    def drop(items):
        items[:] = [i for i in items if i["image"] != left_out]
    problems = problems_with(tmp_path, drop)
    assert "could turn up as an ad avatar" in only(problems, f"item {left_out}")


def test_a_network_only_tell_cannot_be_a_clue(tmp_path):
    item = items_where("practice", "gan")[0]

    def add(items):
        for i in items:
            if i["image"] == item["image"]:
                i["clues"].append({"tell": "eyes-fixed", "box": [0.3, 0.4, 0.7, 0.5], "note": "Eyes in the middle."})
    problems = problems_with(tmp_path, add)
    assert "many uncropped pictures" in only(problems, f"item {item['image']} clue")


def test_practice_needs_faces_that_honestly_show_no_tell(tmp_path):
    plain_ai = [i["image"] for i in items_where("practice") if IMAGES[i["image"]].kind != "real" and not i.get("clues")]
    assert plain_ai, "practice holds no AI face without a tell"

    def drop(items):
        items[:] = [i for i in items if i["image"] not in plain_ai]
    problems = problems_with(tmp_path, drop)
    assert "no AI face without clues" in only(problems, "practice has no")
