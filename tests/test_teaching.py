"""The teacher's kit: lessons/teaching.yaml (a prompt for every tell and red flag, in every
language, checked by the content check) and the lesson plan built from a class's plan."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from telltale import IMAGES_DIR, LESSONS_DIR, course, i18n, parts
from telltale.ads.load import load_ads
from telltale.checks import find_problems
from telltale.content.lessons import face_content
from telltale.content.problems import ContentError
from telltale.kit.plan import lesson_plan
from telltale.kit.teaching import References, check_teaching_content, load_teaching

FACES_CLASS = course.default_plan(["pretest", "tells", "practice", "posttest"], test_items=6, practice_items=9)
SOURCES_CLASS = course.default_plan(["ads", "network", "provenance"], ads_items=6)


def tells() -> tuple[str, ...]:
    return tuple(face_content().lessons().tells)


def lessons_copy(tmp_path: Path, edit) -> Path:
    """The committed lesson files in a folder of their own, teaching.yaml edited by ``edit``."""
    folder = tmp_path / "lessons"
    shutil.copytree(LESSONS_DIR, folder)
    teaching = folder / "teaching.yaml"
    teaching.write_text(edit(teaching.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def teaching_problems(folder: Path) -> list[str]:
    try:
        check_teaching_content(folder, face_content(folder, IMAGES_DIR))
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_every_tell_red_flag_part_and_kind_of_evidence_is_covered_in_every_language(language):
    teaching = load_teaching(language=language)
    assert tuple(teaching.tells) == tells()
    assert tuple(teaching.flags) == tuple(load_ads().flags)
    assert set(teaching.parts) == set(parts.CHOOSABLE)
    assert set(teaching.card_evidence) == {"reverse-search", "lateral-reading", "credentials", "looks"}
    assert set(teaching.trust) == {"strong", "medium", "weak"}
    assert teaching_problems(LESSONS_DIR) == []


def test_the_spanish_text_is_the_spanish_siblings():
    english, spanish = load_teaching(language="en"), load_teaching(language="es")
    assert spanish.title == "Enseñar con Telltale"
    for tell in english.tells:
        assert spanish.tells[tell].prompt != english.tells[tell].prompt
        assert spanish.tells[tell].rule != english.tells[tell].rule
    assert spanish.flags["new-page"].startswith("¿Cuántos años")


def test_a_tell_without_a_prompt_fails_the_content_check(tmp_path):
    def drop_eyes_fixed(text: str) -> str:
        start = text.index("  - tell: eyes-fixed")
        return text[:start] + text[text.index("  - tell: background-warp"):]

    folder = lessons_copy(tmp_path, drop_eyes_fixed)
    problems = [str(p) for p in find_problems(folder, IMAGES_DIR)]  # the whole content check
    missing = [p for p in problems if "no entry for tell 'eyes-fixed' of lessons/tells.yaml" in p]
    assert missing, problems
    assert all(p.startswith(f"{folder}/teaching.yaml:") and "field tells" in p for p in missing)


def test_a_red_flag_without_a_prompt_or_with_two_is_named_with_its_line(tmp_path):
    def drop_fake_expert(text: str) -> str:
        return text[:text.index("  - flag: fake-expert")] + text[text.index("\nsource_card:") + 1:]

    folder = lessons_copy(tmp_path, drop_fake_expert)
    problems = teaching_problems(folder)
    assert any("no entry for flag 'fake-expert' of lessons/ads.yaml" in p for p in problems), problems

    folder = lessons_copy(tmp_path / "two", lambda t: t.replace("  - flag: foreign-managers", "  - flag: new-page"))
    problems = teaching_problems(folder)
    assert any(":" in p.split(" ")[0] and "flag new-page field flag: duplicate flag" in p for p in problems), problems
    assert any("no entry for flag 'foreign-managers'" in p for p in problems), problems


def test_an_unknown_tell_and_a_missing_spanish_prompt_are_problems(tmp_path):
    def edit(text: str) -> str:
        text = text.replace("  - tell: real-text", "  - tell: real-texts")
        return text.replace("    prompt_es: ¿Puedes contar los dientes?", "    note: ¿Puedes contar los dientes?")

    problems = teaching_problems(lessons_copy(tmp_path, edit))
    assert any("tell real-texts field tell: no tell 'real-texts' in lessons/tells.yaml" in p for p in problems)
    assert any("tell teeth-odd field prompt_es: missing Español text for 'prompt'" in p for p in problems), problems


def test_a_wrong_minute_count_is_named_with_file_line_and_field(tmp_path):
    folder = lessons_copy(tmp_path, lambda t: t.replace("minutes: {full: 7, short: 5}", "minutes: {full: 7, short: 50}", 1))
    with pytest.raises(ContentError) as error:
        load_teaching(folder / "teaching.yaml", references=References())
    assert any("part tells field minutes.short: must be from 1 to 20, found 50" in str(p) for p in error.value.problems)


# --- the lesson plan ------------------------------------------------------------------------

@pytest.mark.parametrize("length", [45, 20])
@pytest.mark.parametrize("class_plan", [FACES_CLASS, SOURCES_CLASS, course.default_plan()])
def test_a_plan_fills_its_minutes_exactly_in_course_order(class_plan, length):
    plan = lesson_plan(class_plan, length)
    assert plan.segments[0].start == 0 and plan.segments[-1].end == length
    assert all(a.end == b.start and b.minutes > 0 for a, b in zip(plan.segments, plan.segments[1:]))
    taught = [s.part for s in plan.segments if s.part]
    assert taught == [p for p in class_plan["sections"] if p in taught]  # course order
    teaching = load_teaching()
    assert plan.segments[0].title == teaching.opening.title and plan.segments[-1].title == teaching.closing.title
    assert plan.segments[-2].title == teaching.discussion.title
    assert plan.segments[-2].minutes >= teaching.discussion.minutes[length]
    chosen = [parts.title(p) for p in class_plan["sections"] if p in parts.CHOOSABLE]
    assert sorted(plan.later + tuple(parts.title(p) for p in taught)) == sorted(chosen)


def test_two_class_plans_give_two_different_lesson_plans():
    faces, sources = lesson_plan(FACES_CLASS, 45), lesson_plan(SOURCES_CLASS, 45)
    assert [s.part for s in faces.segments if s.part] == ["pretest", "tells", "practice", "posttest"]
    assert [s.part for s in sources.segments if s.part] == ["ads", "network", "provenance"]
    details = {s.part: s.detail for s in faces.segments + sources.segments if s.part}
    assert details == {"pretest": "6 faces", "tells": "", "practice": "9 faces", "posttest": "6 faces",
                       "ads": "6 sponsored posts", "network": "", "provenance": ""}
    names = {name for name, _ in faces.prompts}
    assert "Melting background" in names and "Brand-new Page" not in names  # tells for faces, flags for ads
    assert "Brand-new Page" in {name for name, _ in sources.prompts}
    assert not any("CCSS" in s.code for s in faces.standards)  # claims and evidence: the source parts
    assert any(s.code == "CCSS.ELA-LITERACY.RI.7.8" for s in sources.standards)
    assert faces.goals != sources.goals


def test_the_short_plan_keeps_parts_in_the_files_order_and_says_what_is_left():
    plan = lesson_plan(course.default_plan(), 20)
    teaching = load_teaching()
    taught = [s.part for s in plan.segments if s.part]
    assert taught and "tells" in taught and plan.later
    kept = sorted(teaching.parts, key=lambda p: teaching.parts[p].keep)
    assert set(taught) == set(kept[:len(taught)])  # the first ones to keep are the ones taught
    assert sum(s.minutes for s in plan.segments) == 20


def test_minutes_left_over_go_to_the_discussion_then_to_catching_up():
    teaching = load_teaching()
    discussion = teaching.discussion
    plan = lesson_plan(course.default_plan(["tells"]), 45)
    spare = 45 - teaching.opening.minutes[45] - teaching.parts["tells"].minutes[45] - teaching.closing.minutes[45]
    assert spare > discussion.most[45]  # enough to fill the discussion and leave some over
    titles = [s.title for s in plan.segments]
    assert titles[2:4] == [teaching.catch_up.title, discussion.title]
    assert plan.segments[3].minutes == discussion.most[45]
    assert plan.segments[2].minutes == spare - discussion.most[45]
    full = lesson_plan(course.default_plan(), 45)  # the parts kept leave only a little over
    assert teaching.catch_up.title not in [s.title for s in full.segments]
    assert discussion.minutes[45] <= full.segments[-2].minutes <= discussion.most[45]


def test_the_discussion_is_about_what_the_class_did():
    teaching = load_teaching()
    faces = lesson_plan(FACES_CLASS, 45).segments[-2].do
    sources = lesson_plan(SOURCES_CLASS, 45).segments[-2].do
    discussion = teaching.discussion
    assert faces == f"{discussion.do} {discussion.faces}"
    assert sources == f"{discussion.do} {discussion.flags} {discussion.sources}"


def test_the_plan_comes_in_the_class_language():
    spanish = lesson_plan(FACES_CLASS, 20, "es")
    teaching = load_teaching(language="es")
    assert spanish.title == "Enseñar con Telltale"
    assert spanish.segments[0].do == teaching.opening.do
    assert [s.do for s in spanish.segments if s.part] == [teaching.parts[s.part].do for s in spanish.segments if s.part]
    assert spanish.segments[1].title == i18n.gettext("es", "Warm-up test")  # the interface's name of the part
    assert spanish.segments[1].detail == "6 caras"
    assert {prompt for _, prompt in spanish.prompts} == {notes.prompt for notes in teaching.tells.values()}


def test_only_45_and_20_minutes():
    with pytest.raises(ValueError):
        lesson_plan(FACES_CLASS, 30)
