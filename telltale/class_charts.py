"""Altair charts of the teacher's dashboard: large type and few marks, to read on a projector.

Bar charts size their bands with alt.Step: Streamlit shrinks a fixed total height of a chart
with a discrete axis, and the bands (and their labels) would collapse.

Each function takes plain figures from telltale.classroom and returns a chart; none reads storage.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from telltale import parts
from telltale.charts import BLUE, GREY, ORANGE, styled

FONT = 17
GREEN = "#15803d"
TRUTH_COLOURS = alt.Scale(domain=["AI-made", "Real photo"], range=[ORANGE, BLUE])
TEST_NAMES = {phase: parts.title(phase) for phase in parts.TESTS}


def _style(chart) -> alt.Chart:
    return styled(chart, FONT)


def progress_chart(section_counts: list[tuple[str, int]]) -> alt.Chart:
    """How many students are in each part of the course right now (course order, top to bottom)."""
    data = pd.DataFrame([{"Part": part, "Students": n} for part, n in section_counts])
    base = alt.Chart(data).encode(y=alt.Y("Part:N", sort=None, title=None))
    bars = base.mark_bar(color=BLUE, cornerRadiusEnd=4).encode(
        x=alt.X("Students:Q", title="Students here now", axis=alt.Axis(tickMinStep=1)),
        tooltip=["Part:N", "Students:Q"])
    labels = base.mark_text(align="left", dx=6, fontWeight="bold").encode(x="Students:Q", text="Students:Q")
    return _style((bars + labels).properties(height=alt.Step(46)))


def item_accuracy_chart(rows: list[dict]) -> alt.Chart:
    """Per face: the share of the class that got it right, worst first. rows: label, accuracy, truth, n."""
    data = pd.DataFrame([{"Face": r["label"], "Right (%)": round(100 * r["accuracy"]), "Answer": r["truth"],
                          "Answers": r["n"]} for r in rows])
    bars = alt.Chart(data).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("Face:N", sort=alt.EncodingSortField("Right (%)", order="ascending"), title=None),
        x=alt.X("Right (%):Q", scale=alt.Scale(domain=[0, 100]), title="Class got it right (%)"),
        color=alt.Color("Answer:N", scale=TRUTH_COLOURS, title=None),
        tooltip=["Face:N", "Answer:N", "Right (%):Q", "Answers:Q"])
    chance = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(strokeDash=[5, 4], color=GREY, size=2).encode(x="x:Q")
    return _style((bars + chance).properties(height=alt.Step(32)))


def pre_post_chart(pairs: list[tuple[str, float, float]], means: dict[str, tuple[float, int]]) -> alt.Chart:
    """Each student's warm-up and final test as a faint line; the class mean as a thick one."""
    rows = []
    for nickname, pre, post in pairs:
        rows += [{"Student": nickname, "Test": TEST_NAMES["pretest"], "Right (%)": round(100 * pre)},
                 {"Student": nickname, "Test": TEST_NAMES["posttest"], "Right (%)": round(100 * post)}]
    mean_rows = [{"Test": TEST_NAMES[phase], "Right (%)": round(100 * value, 1), "Students": n}
                 for phase, (value, n) in means.items()]
    x = alt.X("Test:N", sort=list(TEST_NAMES.values()), title=None, axis=alt.Axis(labelAngle=0),
              scale=alt.Scale(domain=list(TEST_NAMES.values()), padding=0.3))
    y = alt.Y("Right (%):Q", scale=alt.Scale(domain=[0, 100]), title="Right (%)")
    students = alt.Chart(pd.DataFrame(rows, columns=["Student", "Test", "Right (%)"])).mark_line(
        color=GREY, opacity=0.35, point=alt.OverlayMarkDef(color=GREY, opacity=0.5, size=60)).encode(
        x=x, y=y, detail="Student:N", tooltip=["Student:N", "Test:N", "Right (%):Q"])
    mean_data = pd.DataFrame(mean_rows, columns=["Test", "Right (%)", "Students"])
    class_mean = alt.Chart(mean_data).mark_line(
        color=BLUE, strokeWidth=5, point=alt.OverlayMarkDef(color=BLUE, size=260)).encode(
        x=x, y=y, tooltip=["Test:N", "Right (%):Q", "Students:Q"])
    labels = alt.Chart(mean_data).mark_text(dy=-22, color=BLUE, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("Right (%):Q", format=".0f"))
    chance = alt.Chart(pd.DataFrame({"y": [50]})).mark_rule(strokeDash=[5, 4], color=ORANGE).encode(y="y:Q")
    return _style((chance + students + class_mean + labels).properties(height=320))


def detection_chart(points: list[tuple[str, str, float, float]]) -> alt.Chart:
    """One dot per student and test: across, bias c (left: calls faces AI); up, sensitivity d'."""
    data = pd.DataFrame([{"Student": name, "Test": TEST_NAMES.get(test, test), "d′": d, "c": c}
                         for name, test, d, c in points], columns=["Student", "Test", "d′", "c"])
    x = alt.X("c:Q", scale=alt.Scale(domain=[-2, 2], clamp=True),
              title="Bias c   ← calls faces AI · calls faces real →")
    y = alt.Y("d′:Q", scale=alt.Scale(domain=[-1.5, 3.5], clamp=True), title="Sensitivity d′")
    dots = alt.Chart(data).mark_circle(size=200, opacity=0.75, stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=alt.Color("Test:N", scale=alt.Scale(domain=list(TEST_NAMES.values()), range=[GREY, BLUE]),
                                  title=None),
        tooltip=["Student:N", "Test:N", alt.Tooltip("d′:Q", format=".2f"), alt.Tooltip("c:Q", format="+.2f")])
    zero_c = alt.Chart(pd.DataFrame({"c": [0]})).mark_rule(color=GREY, strokeDash=[4, 4]).encode(x="c:Q")
    zero_d = alt.Chart(pd.DataFrame({"d′": [0]})).mark_rule(color=ORANGE, strokeDash=[4, 4]).encode(y="d′:Q")
    return _style((zero_c + zero_d + dots).properties(height=340))


def class_calibration_chart(bins) -> alt.Chart:
    """How often the class was right at each level of confidence it gave (diagonal: calibrated)."""
    data = pd.DataFrame([{"Sure (%)": b.confidence, "Right (%)": round(100 * b.accuracy), "Answers": b.n}
                         for b in bins], columns=["Sure (%)", "Right (%)", "Answers"])
    sx = alt.Scale(domain=[45, 105])
    sy = alt.Scale(domain=[0, 100])
    diagonal = alt.Chart(pd.DataFrame({"Sure (%)": [50, 100], "Right (%)": [50, 100]})).mark_line(
        strokeDash=[6, 4], color=GREY, size=2).encode(
        x=alt.X("Sure (%):Q", scale=sx, title="How sure the class said it was (%)"),
        y=alt.Y("Right (%):Q", scale=sy, title="How often it was right (%)"))
    line = alt.Chart(data).mark_line(color=BLUE, strokeWidth=3).encode(x=alt.X("Sure (%):Q", scale=sx),
                                                                      y=alt.Y("Right (%):Q", scale=sy))
    dots = alt.Chart(data).mark_circle(color=BLUE, opacity=0.9).encode(
        x=alt.X("Sure (%):Q", scale=sx), y=alt.Y("Right (%):Q", scale=sy),
        size=alt.Size("Answers:Q", scale=alt.Scale(range=[120, 900]), legend=None),
        tooltip=["Sure (%):Q", "Right (%):Q", "Answers:Q"])
    return _style((diagonal + line + dots).properties(height=320))


def flags_chart(rows: list[tuple[str, int]], students: int, noun: str = "Red flag") -> alt.Chart:
    """Red flags the class found in the ads (or evidence it named in the provenance lab): how many times each."""
    data = pd.DataFrame([{noun: label, "Found": n} for label, n in rows], columns=[noun, "Found"])
    base = alt.Chart(data).encode(y=alt.Y(f"{noun}:N", sort=None, title=None))
    bars = base.mark_bar(color=GREEN, cornerRadiusEnd=4).encode(
        x=alt.X("Found:Q", title=f"Times found (by {students} student{'s' if students != 1 else ''})",
                axis=alt.Axis(tickMinStep=1)),
        tooltip=[f"{noun}:N", "Found:Q"])
    labels = base.mark_text(align="left", dx=6, fontWeight="bold").encode(x="Found:Q", text="Found:Q")
    return _style((bars + labels).properties(height=alt.Step(44)))


def answer_split_chart(called_real: int, called_ai: int) -> alt.Chart:
    """The class's answers for one face: how many said real, how many said AI."""
    data = pd.DataFrame([{"Answer": "Real photo", "Students": called_real},
                         {"Answer": "AI-made", "Students": called_ai}])
    base = alt.Chart(data).encode(y=alt.Y("Answer:N", sort=None, title=None))
    bars = base.mark_bar(cornerRadiusEnd=5).encode(
        x=alt.X("Students:Q", title="Students", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("Answer:N", scale=TRUTH_COLOURS, legend=None))
    labels = base.mark_text(align="left", dx=8, fontWeight="bold", fontSize=24).encode(x="Students:Q",
                                                                                       text="Students:Q")
    return _style((bars + labels).properties(height=alt.Step(56)))
