"""The teacher's kit in the app (AppTest): the lesson plan after starting a class and on the
dashboard, the printable materials, and the discussion prompts beside each tell and red flag."""
from __future__ import annotations


from telltale import classroom
from telltale.ads.load import load_ads
from telltale.kit.teaching import load_teaching
from telltale.library import load_library
from testkit.answers import store_ad, store_face
from tests.test_classroom_pages import button, markdown_text, open_page, store  # noqa: F401 (a fixture)


def downloads(at) -> dict[str, object]:
    return {b.proto.label: b for b in at.get("download_button")}


def test_after_starting_a_class_the_teacher_sees_its_lesson_plan_in_45_and_20_minutes(store):
    at = open_page("teacher")
    for part in ("ads", "network", "provenance"):
        at.checkbox(key=f"part-{part}").uncheck()
    button(at, "Start the class").click().run()
    assert not at.exception
    teaching = load_teaching()
    text = markdown_text(at)
    assert "Your lesson plan" in [h.value for h in at.subheader]
    assert f"0–{teaching.opening.minutes[45]} · {teaching.opening.title}" in text.replace("\\", "")
    assert teaching.parts["tells"].goal in text.replace("\\", "")
    assert {"Lesson plan (PDF, English)", "Handouts: one page per tell (PDF)", "\"Check the source\" card (PDF)"} \
        <= set(downloads(at))
    at.button_group(key="teacher-kit-length").set_value(20).run()
    assert f"0–{teaching.opening.minutes[20]} · " in markdown_text(at).replace("\\", "")


def test_the_dashboard_has_a_lesson_plan_view(store):
    the_class, token = classroom.start_class(store, ["ads", "network", "provenance"])
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "plan"})
    text = markdown_text(at).replace("\\", "")
    teaching = load_teaching()
    assert teaching.parts["provenance"].do in text and teaching.parts["tells"].do not in text
    assert "Lesson plan (PDF, English)" in downloads(at)


def test_the_discussion_view_puts_a_prompt_beside_each_tell_and_red_flag(store):
    library, lesson, teaching = load_library(), load_ads(), load_teaching()
    face = next(i for i in sorted(library.items.values(), key=lambda i: i.image) if i.form == "A" and len(
        {c.tell for c in i.clues}) >= 2)
    the_class, token = classroom.start_class(store, ["pretest", "ads"])
    learner = classroom.join_class(store, the_class.code, "Brave Fox").learner
    store_face(store, learner.id, "pretest", 0, face.image, "real", face.answer, confidence=80)
    store_ad(store, learner.id, lesson, 0, lesson.examples[0].id, "inauthentic", flags=("new-page",))
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "discussion"})
    assert not [i for i in at.info if "Ask the class" in i.value]  # not before the answer is revealed
    at.toggle(key=f"reveal-{face.image}").set_value(True).run()
    asked = [i.value.replace("\\", "") for i in at.info if "Ask the class:" in i.value]
    tells = list(dict.fromkeys(c.tell for c in face.clues))
    assert len(asked) == len(tells)
    for tell, shown in zip(tells, asked):
        assert teaching.tells[tell].prompt in shown and library.lessons.tells[tell].name in shown
    text = markdown_text(at).replace("\\", "")
    assert "The red flags of the ads" in [h.value for h in at.subheader]
    assert f"**{lesson.flags['new-page'].label}** · found 1 time" in text and teaching.flags["new-page"] in text
    assert f"**{lesson.flags['fake-expert'].label}** · found 0 times" in text


def test_the_class_summary_downloads_as_pdf_without_nicknames_by_default(store):
    the_class, token = classroom.start_class(store, ["pretest"], test_items=4)
    learner = classroom.join_class(store, the_class.code, "Brave Fox").learner
    store_face(store, learner.id, "pretest", 0, "fa", "ai", "ai", confidence=80)
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "exports"})
    assert at.checkbox(key="summary-nicknames").value is False
    assert "Class summary (PDF, English)" in downloads(at)


def test_a_spanish_class_prints_in_spanish_and_a_spanish_tab_shows_the_plan_in_spanish(store):
    the_class, token = classroom.start_class(store, ["tells", "practice"], language="es")
    english, spanish = load_teaching(language="en"), load_teaching(language="es")
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "plan"})
    assert english.opening.do in markdown_text(at).replace("\\", "")  # the teacher's tab is in English
    assert {"Lesson plan (PDF, Español)", "Handouts: one page per tell (PDF)"} <= set(downloads(at))
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "plan", "language": "es"})
    text = markdown_text(at).replace("\\", "")
    assert spanish.opening.do in text and spanish.parts["practice"].goal in text
    assert "Plan de clase (PDF, Español)" in downloads(at)


def test_a_broken_teaching_file_leaves_the_teachers_screens_working_without_the_kit(store, monkeypatch):
    from telltale import readiness
    from telltale.content.problems import Problem

    problem = Problem("lessons/teaching.yaml:120 field tells", "no entry for tell 'teeth-odd'")
    report = readiness.ContentReport([problem], {"teacher": [problem], "dashboard": [problem]})
    monkeypatch.setattr(readiness, "_startup", [report])  # as the start-up check would have found it
    the_class, token = classroom.start_class(store, ["pretest", "tells"])
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "plan"})
    assert any("lessons/teaching.yaml" in i.value and "Everything else works" in i.value for i in at.info)
    assert not [label for label in downloads(at) if label.startswith("Lesson plan")]
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "live"})
    assert {m.label for m in at.metric} >= {"Students joined", "Answers"}
