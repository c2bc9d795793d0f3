"""Altair charts of the teacher's dashboard: large type and few marks, to read on a projector.

Bar charts size their bands with alt.Step: Streamlit shrinks a fixed total height of a chart
with a discrete axis, and the bands (and their labels) would collapse.

Each chart function takes plain figures from telltale.classroom and ``language=``, and returns a
ClassChart: its look (an Altair chart reading named datasets, its words in that language) and its
rows; none reads storage. The dashboard redraws every few seconds with new figures: building an
Altair chart costs 50-150 ms of CPU (validation, copies), making rows well under 1 ms, so the look
is built once per language and kept, and only the rows are new (app_pages/views/cached.class_chart).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import altair as alt
import pandas as pd

from telltale import i18n, parts
from telltale.charts import BLUE, GREY, ORANGE, styled
from telltale.i18n import N_

FONT = 17
GREEN = "#15803d"
TRUTHS = {"ai": N_("AI-made"), "real": N_("Real photo")}  # a face's truth as the dashboard names it


def truth_name(truth: str, language: str = i18n.DEFAULT) -> str:
    """"AI-made" or "Real photo" in the language, for a truth "ai" or "real"."""
    return i18n.gettext(language, TRUTHS[truth])


def truth_colours(language: str) -> alt.Scale:
    return alt.Scale(domain=[truth_name("ai", language), truth_name("real", language)], range=[ORANGE, BLUE])


def test_names(language: str) -> dict[str, str]:
    return {phase: parts.title(phase, language) for phase in parts.TESTS}


def _style(chart) -> alt.Chart:
    return styled(chart, FONT)


@dataclass(frozen=True)
class ClassChart:
    """A dashboard chart: look(*labels, language=) draws the named datasets in rows."""
    look: Callable[..., alt.Chart]
    labels: tuple
    rows: dict[str, pd.DataFrame]

    def vega_lite(self, look: dict) -> dict:
        """The whole Vega-Lite spec, from the look as a spec (built once): the rows in its datasets."""
        return {**look, "datasets": {**look.get("datasets", {}), **self.rows}}


def _rows(name: str) -> alt.NamedData:
    return alt.NamedData(name=name)


def progress_chart(section_counts: list[tuple[str, int]], language: str = i18n.DEFAULT) -> ClassChart:
    """How many students are in each part of the course right now (course order, top to bottom);
    the parts' names already in the language."""
    rows = pd.DataFrame([{"Part": part, "Students": n} for part, n in section_counts], columns=["Part", "Students"])
    return ClassChart(_progress_look, (), {"parts": rows})


def _progress_look(language: str) -> alt.Chart:
    tr = i18n.translations(language)
    base = alt.Chart(_rows("parts")).encode(y=alt.Y("Part:N", sort=None, title=None))
    bars = base.mark_bar(color=BLUE, cornerRadiusEnd=4).encode(
        x=alt.X("Students:Q", title=tr.gettext("Students here now"), axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("Part:N", title=tr.gettext("Part")), alt.Tooltip("Students:Q", title=tr.gettext("Students"))])
    labels = base.mark_text(align="left", dx=6, fontWeight="bold").encode(x="Students:Q", text="Students:Q")
    return _style((bars + labels).properties(height=alt.Step(46)))


def item_accuracy_chart(rows: list[dict], language: str = i18n.DEFAULT) -> ClassChart:
    """Per face: the share of the class that got it right, worst first. rows: label, accuracy, truth
    ("ai" or "real"), n."""
    faces = pd.DataFrame([{"Face": r["label"], "Right (%)": round(100 * r["accuracy"]),
                           "Answer": truth_name(r["truth"], language), "Answers": r["n"]} for r in rows],
                         columns=["Face", "Right (%)", "Answer", "Answers"])
    return ClassChart(_item_accuracy_look, (), {"faces": faces})


def _item_accuracy_look(language: str) -> alt.Chart:
    tr = i18n.translations(language)
    bars = alt.Chart(_rows("faces")).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("Face:N", sort=alt.EncodingSortField("Right (%)", order="ascending"), title=None),
        x=alt.X("Right (%):Q", scale=alt.Scale(domain=[0, 100]), title=tr.gettext("Class got it right (%)")),
        color=alt.Color("Answer:N", scale=truth_colours(language), title=None),
        tooltip=[alt.Tooltip("Face:N", title=tr.gettext("Face")), alt.Tooltip("Answer:N", title=tr.gettext("Answer")),
                 alt.Tooltip("Right (%):Q", title=tr.gettext("Right (%)")),
                 alt.Tooltip("Answers:Q", title=tr.gettext("Answers"))])
    chance = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(strokeDash=[5, 4], color=GREY, size=2).encode(x="x:Q")
    return _style((bars + chance).properties(height=alt.Step(32)))


def pre_post_chart(pairs: list[tuple[str, float, float]], means: dict[str, tuple[float, int]],
                   language: str = i18n.DEFAULT) -> ClassChart:
    """Each student's warm-up and final test as a faint line; the class mean as a thick one."""
    names = test_names(language)
    rows = []
    for nickname, pre, post in pairs:
        rows += [{"Student": nickname, "Test": names["pretest"], "Right (%)": round(100 * pre)},
                 {"Student": nickname, "Test": names["posttest"], "Right (%)": round(100 * post)}]
    mean_rows = [{"Test": names[phase], "Right (%)": round(100 * value, 1), "Students": n}
                 for phase, (value, n) in means.items()]
    return ClassChart(_pre_post_look, (), {
        "students": pd.DataFrame(rows, columns=["Student", "Test", "Right (%)"]),
        "means": pd.DataFrame(mean_rows, columns=["Test", "Right (%)", "Students"])})


def _pre_post_look(language: str) -> alt.Chart:
    tr = i18n.translations(language)
    names = test_names(language)
    x = alt.X("Test:N", sort=list(names.values()), title=None, axis=alt.Axis(labelAngle=0),
              scale=alt.Scale(domain=list(names.values()), padding=0.3))
    y = alt.Y("Right (%):Q", scale=alt.Scale(domain=[0, 100]), title=tr.gettext("Right (%)"))
    student, test, right = (alt.Tooltip("Student:N", title=tr.gettext("Student")),
                            alt.Tooltip("Test:N", title=tr.gettext("Test")),
                            alt.Tooltip("Right (%):Q", title=tr.gettext("Right (%)")))
    students = alt.Chart(_rows("students")).mark_line(
        color=GREY, opacity=0.35, point=alt.OverlayMarkDef(color=GREY, opacity=0.5, size=60)).encode(
        x=x, y=y, detail="Student:N", tooltip=[student, test, right])
    class_mean = alt.Chart(_rows("means")).mark_line(
        color=BLUE, strokeWidth=5, point=alt.OverlayMarkDef(color=BLUE, size=260)).encode(
        x=x, y=y, tooltip=[test, right, alt.Tooltip("Students:Q", title=tr.gettext("Students"))])
    labels = alt.Chart(_rows("means")).mark_text(dy=-22, color=BLUE, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("Right (%):Q", format=".0f"))
    chance = alt.Chart(pd.DataFrame({"y": [50]})).mark_rule(strokeDash=[5, 4], color=ORANGE).encode(y="y:Q")
    return _style((chance + students + class_mean + labels).properties(height=320))


def detection_chart(points: list[tuple[str, str, float, float]], language: str = i18n.DEFAULT) -> ClassChart:
    """One dot per student and test: across, bias c (left: calls faces AI); up, sensitivity d'."""
    names = test_names(language)
    dots = pd.DataFrame([{"Student": name, "Test": names.get(test, test), "d′": d, "c": c}
                         for name, test, d, c in points], columns=["Student", "Test", "d′", "c"])
    return ClassChart(_detection_look, (), {"dots": dots})


def _detection_look(language: str) -> alt.Chart:
    tr = i18n.translations(language)
    names = test_names(language)
    x = alt.X("c:Q", scale=alt.Scale(domain=[-2, 2], clamp=True),
              title=tr.gettext("Bias c   ← calls faces AI · calls faces real →"))
    y = alt.Y("d′:Q", scale=alt.Scale(domain=[-1.5, 3.5], clamp=True), title=tr.gettext("Sensitivity d′"))
    dots = alt.Chart(_rows("dots")).mark_circle(size=200, opacity=0.75, stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=alt.Color("Test:N", scale=alt.Scale(domain=list(names.values()), range=[GREY, BLUE]),
                                  title=None),
        tooltip=[alt.Tooltip("Student:N", title=tr.gettext("Student")), alt.Tooltip("Test:N", title=tr.gettext("Test")),
                 alt.Tooltip("d′:Q", format=".2f"), alt.Tooltip("c:Q", format="+.2f")])
    zero_c = alt.Chart(pd.DataFrame({"c": [0]})).mark_rule(color=GREY, strokeDash=[4, 4]).encode(x="c:Q")
    zero_d = alt.Chart(pd.DataFrame({"d′": [0]})).mark_rule(color=ORANGE, strokeDash=[4, 4]).encode(y="d′:Q")
    return _style((zero_c + zero_d + dots).properties(height=340))


def class_calibration_chart(bins, language: str = i18n.DEFAULT) -> ClassChart:
    """How often the class was right at each level of confidence it gave (diagonal: calibrated)."""
    levels = pd.DataFrame([{"Sure (%)": b.confidence, "Right (%)": round(100 * b.accuracy), "Answers": b.n}
                           for b in bins], columns=["Sure (%)", "Right (%)", "Answers"])
    return ClassChart(_class_calibration_look, (), {"levels": levels})


def _class_calibration_look(language: str) -> alt.Chart:
    tr = i18n.translations(language)
    sx = alt.Scale(domain=[45, 105])
    sy = alt.Scale(domain=[0, 100])
    diagonal = alt.Chart(pd.DataFrame({"Sure (%)": [50, 100], "Right (%)": [50, 100]})).mark_line(
        strokeDash=[6, 4], color=GREY, size=2).encode(
        x=alt.X("Sure (%):Q", scale=sx, title=tr.gettext("How sure the class said it was (%)")),
        y=alt.Y("Right (%):Q", scale=sy, title=tr.gettext("How often it was right (%)")))
    line = alt.Chart(_rows("levels")).mark_line(color=BLUE, strokeWidth=3).encode(x=alt.X("Sure (%):Q", scale=sx),
                                                                      y=alt.Y("Right (%):Q", scale=sy))
    dots = alt.Chart(_rows("levels")).mark_circle(color=BLUE, opacity=0.9).encode(
        x=alt.X("Sure (%):Q", scale=sx), y=alt.Y("Right (%):Q", scale=sy),
        size=alt.Size("Answers:Q", scale=alt.Scale(range=[120, 900]), legend=None),
        tooltip=[alt.Tooltip("Sure (%):Q", title=tr.gettext("Sure (%)")),
                 alt.Tooltip("Right (%):Q", title=tr.gettext("Right (%)")),
                 alt.Tooltip("Answers:Q", title=tr.gettext("Answers"))])
    return _style((diagonal + line + dots).properties(height=320))


FLAG_NOUNS = {"flag": N_("Red flag"), "evidence": N_("Evidence")}


def flags_chart(rows: list[tuple[str, int]], students: int, noun: str = "flag",
                language: str = i18n.DEFAULT) -> ClassChart:
    """Red flags the class found in the ads (noun "flag"), or evidence it named in the provenance lab
    (noun "evidence"): how many times each. The labels in ``rows`` are already in the language."""
    found = pd.DataFrame([{"Label": label, "Found": n} for label, n in rows], columns=["Label", "Found"])
    return ClassChart(_flags_look, (students, noun), {"found": found})


def _flags_look(students: int, noun: str, language: str) -> alt.Chart:
    tr = i18n.translations(language)
    base = alt.Chart(_rows("found")).encode(y=alt.Y("Label:N", sort=None, title=None))
    bars = base.mark_bar(color=GREEN, cornerRadiusEnd=4).encode(
        x=alt.X("Found:Q", title=tr.ngettext("Times found (by {count} student)", "Times found (by {count} students)",
                                             students).format(count=students),
                axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("Label:N", title=i18n.gettext(language, FLAG_NOUNS[noun])),
                 alt.Tooltip("Found:Q", title=tr.gettext("Found"))])
    labels = base.mark_text(align="left", dx=6, fontWeight="bold").encode(x="Found:Q", text="Found:Q")
    return _style((bars + labels).properties(height=alt.Step(44)))


def answer_split_chart(called_real: int, called_ai: int, language: str = i18n.DEFAULT) -> ClassChart:
    """The class's answers for one face: how many said real, how many said AI."""
    answers = pd.DataFrame([{"Answer": truth_name("real", language), "Students": called_real},
                            {"Answer": truth_name("ai", language), "Students": called_ai}])
    return ClassChart(_answer_split_look, (), {"answers": answers})


def _answer_split_look(language: str) -> alt.Chart:
    tr = i18n.translations(language)
    base = alt.Chart(_rows("answers")).encode(y=alt.Y("Answer:N", sort=None, title=None))
    bars = base.mark_bar(cornerRadiusEnd=5).encode(
        x=alt.X("Students:Q", title=tr.gettext("Students"), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("Answer:N", scale=truth_colours(language), legend=None))
    labels = base.mark_text(align="left", dx=8, fontWeight="bold", fontSize=24).encode(x="Students:Q",
                                                                                       text="Students:Q")
    return _style((bars + labels).properties(height=alt.Step(56)))


# The looks that depend on the language alone: the server builds them when it starts (server.py),
# not at a teacher's first refresh while a class is joining (about 0.5 s of CPU in all).
LANGUAGE_ONLY_LOOKS = (_progress_look, _pre_post_look, _detection_look, _class_calibration_look,
                       _item_accuracy_look, _answer_split_look)
