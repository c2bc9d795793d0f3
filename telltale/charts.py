"""Altair charts shared by the results page and the teacher's dashboard (readable on a projector)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from telltale.scoring import CalibrationBin, Detection

FONT_SIZE = 14
BLUE, ORANGE, GREY = "#1d4ed8", "#c2410c", "#6b7280"


def styled(chart: alt.Chart, font_size: int = FONT_SIZE) -> alt.Chart:
    """The one look of every chart: type size (larger on the projector), no frame, legend below."""
    return (chart.configure_axis(labelFontSize=font_size, titleFontSize=font_size, labelLimit=320, titlePadding=10)
            .configure_legend(labelFontSize=font_size, titleFontSize=font_size, symbolSize=180, orient="bottom")
            .configure_text(fontSize=font_size)
            .configure_view(strokeWidth=0))


def calibration_chart(bins: list[CalibrationBin]) -> alt.Chart:
    data = pd.DataFrame([{"Confidence": b.confidence, "Accuracy": round(100 * b.accuracy), "Answers": b.n}
                         for b in bins])
    ideal = pd.DataFrame({"Confidence": [50, 100], "Accuracy": [50, 100]})
    scale_x = alt.Scale(domain=[45, 105])
    scale_y = alt.Scale(domain=[0, 100])
    diagonal = alt.Chart(ideal).mark_line(strokeDash=[6, 4], color=GREY).encode(
        x=alt.X("Confidence:Q", scale=scale_x, title="How sure you said you were (%)"),
        y=alt.Y("Accuracy:Q", scale=scale_y, title="How often you were right (%)"))
    points = alt.Chart(data).mark_circle(color=BLUE, opacity=0.9).encode(
        x=alt.X("Confidence:Q", scale=scale_x), y=alt.Y("Accuracy:Q", scale=scale_y),
        size=alt.Size("Answers:Q", scale=alt.Scale(range=[80, 600]), legend=None),
        tooltip=["Confidence", "Accuracy", "Answers"])
    line = alt.Chart(data).mark_line(color=BLUE).encode(x="Confidence:Q", y="Accuracy:Q")
    return styled((diagonal + line + points).properties(height=280))


def comparison_chart(published: list[tuple[str, float, str]], before: Detection | None,
                     after: Detection | None) -> alt.Chart:
    """The learner's tests beside published figures and a coin toss (one view: Streamlit sizes it well)."""
    rows = [{"Who": "Guessing", "Percent correct": 50.0, "Group": "Chance"}]
    rows += [{"Who": label, "Percent correct": value, "Group": "Published studies"} for label, value, _ in published]
    if before:
        rows.append({"Who": "You: warm-up", "Percent correct": round(100 * before.accuracy, 1), "Group": "You"})
    if after:
        rows.append({"Who": "You: final test", "Percent correct": round(100 * after.accuracy, 1), "Group": "You"})
    bars = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("Who:N", sort=None, title=None, axis=alt.Axis(labelLimit=170)),
        x=alt.X("Percent correct:Q", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("Group:N", scale=alt.Scale(domain=["You", "Published studies", "Chance"],
                                                   range=[BLUE, GREY, ORANGE]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["Who", "Percent correct"])
    return styled(bars.properties(height=alt.Step(30)))
