"""Altair charts of the results page and the network case's tools, in the one style (styled) that
the teacher's dashboard (class_charts) uses too."""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

from telltale.ads.investigation import admin_frame, creation_frame, posts_frame
from telltale.ads.model import NetworkAccount
from telltale.scoring import CalibrationBin, Detection

FONT_SIZE = 14
BLUE, ORANGE, GREY, LIGHT = "#1d4ed8", "#c2410c", "#6b7280", "#eef1f5"
ROW_STEP = 28  # pixels per account in the network charts: every name stays readable
NETWORK_FONT_SIZE = 13  # a dozen account names beside each other on a Chromebook


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

# --- the network case's tools -----------------------------------------------------------------

def _accounts_axis(accounts: Sequence[NetworkAccount]) -> alt.Y:
    return alt.Y("Account:N", sort=[a.display_name for a in accounts], title=None,
                 axis=alt.Axis(labelLimit=130, labelOverlap=False))


def creation_chart(accounts: Sequence[NetworkAccount]) -> alt.Chart:
    """When each account was made: dots that stand in one column were made together."""
    data = creation_frame(accounts)
    points = alt.Chart(data).mark_circle(size=110, color=BLUE, opacity=0.85).encode(
        x=alt.X("Created:T", title="Account created (UTC)", scale=alt.Scale(padding=12),
                axis=alt.Axis(format="%Y", tickCount="year")),
        y=_accounts_axis(accounts),
        tooltip=[alt.Tooltip("Account:N"), alt.Tooltip("Handle:N"), alt.Tooltip("When:N", title="Created")])
    return styled(points.properties(height=alt.Step(ROW_STEP)), NETWORK_FONT_SIZE)


def posting_chart(accounts: Sequence[NetworkAccount], by: str = "date") -> alt.Chart:
    """Every post as a tick: over the two weeks (``by="date"``) or by time of day (``by="hour"``)."""
    data = posts_frame(accounts)
    if by == "hour":
        x = alt.X("Hour:Q", title="Time of day (UTC)", scale=alt.Scale(domain=[0, 24]),
                  axis=alt.Axis(values=list(range(0, 25, 3)), labelExpr="datum.value + ':00'"))
    elif by == "date":
        x = alt.X("Posted:T", title="Date posted (UTC)", axis=alt.Axis(format="%d %b", tickCount=7))
    else:
        raise ValueError(f"by must be 'date' or 'hour', not {by!r}")
    ticks = alt.Chart(data).mark_tick(color=BLUE, thickness=2, size=18, opacity=0.8).encode(
        x=x, y=_accounts_axis(accounts), tooltip=[alt.Tooltip("Account:N"), alt.Tooltip("When:N", title="Posted")])
    return styled(ticks.properties(height=alt.Step(ROW_STEP)), NETWORK_FONT_SIZE)


def admin_chart(accounts: Sequence[NetworkAccount]) -> alt.Chart:
    """A grid of accounts x admins: a filled square where that admin runs that account."""
    data = admin_frame(accounts)
    order = list(dict.fromkeys(data["Admin"]))
    grid = alt.Chart(data).mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        x=alt.X("Admin:N", sort=order, title=None,
                axis=alt.Axis(labelExpr="replace(datum.value, 'Admin ', '')", labelAngle=0, orient="top",
                              labelOverlap=False, labelFontSize=NETWORK_FONT_SIZE - 2)),
        y=_accounts_axis(accounts),
        color=alt.Color("Runs it:N", scale=alt.Scale(domain=[True, False], range=[BLUE, LIGHT]), legend=None),
        tooltip=[alt.Tooltip("Account:N"), alt.Tooltip("Admin:N"), alt.Tooltip("Runs it:N")])
    return styled(grid.properties(height=alt.Step(ROW_STEP)), NETWORK_FONT_SIZE)
