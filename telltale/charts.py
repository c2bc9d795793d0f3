"""Altair charts of the results page and the network case's tools, in the one style (styled) that
the teacher's dashboard (class_charts) uses too. Every chart function takes ``language=``: its titles,
axis labels, legends and tooltips are in that language (the data's field names stay English)."""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

from telltale import i18n
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


def calibration_chart(bins: list[CalibrationBin], language: str = i18n.DEFAULT) -> alt.Chart:
    tr = i18n.translations(language)
    data = pd.DataFrame([{"Confidence": b.confidence, "Accuracy": round(100 * b.accuracy), "Answers": b.n}
                         for b in bins])
    ideal = pd.DataFrame({"Confidence": [50, 100], "Accuracy": [50, 100]})
    scale_x = alt.Scale(domain=[45, 105])
    scale_y = alt.Scale(domain=[0, 100])
    diagonal = alt.Chart(ideal).mark_line(strokeDash=[6, 4], color=GREY).encode(
        x=alt.X("Confidence:Q", scale=scale_x, title=tr.gettext("How sure you said you were (%)")),
        y=alt.Y("Accuracy:Q", scale=scale_y, title=tr.gettext("How often you were right (%)")))
    points = alt.Chart(data).mark_circle(color=BLUE, opacity=0.9).encode(
        x=alt.X("Confidence:Q", scale=scale_x), y=alt.Y("Accuracy:Q", scale=scale_y),
        size=alt.Size("Answers:Q", scale=alt.Scale(range=[80, 600]), legend=None),
        tooltip=[alt.Tooltip("Confidence:Q", title=tr.gettext("Confidence")),
                 alt.Tooltip("Accuracy:Q", title=tr.gettext("Accuracy")),
                 alt.Tooltip("Answers:Q", title=tr.gettext("Answers"))])
    line = alt.Chart(data).mark_line(color=BLUE).encode(x="Confidence:Q", y="Accuracy:Q")
    return styled((diagonal + line + points).properties(height=280))


def comparison_chart(published: list[tuple[str, float, str]], before: Detection | None,
                     after: Detection | None, language: str = i18n.DEFAULT) -> alt.Chart:
    """The learner's tests beside published figures and a coin toss (one view: Streamlit sizes it well).
    ``published``: (label, percent, source), the labels already in the language."""
    tr = i18n.translations(language)
    you, studies, chance = tr.gettext("You"), tr.gettext("Published studies"), tr.gettext("Chance")
    rows = [{"Who": tr.gettext("Guessing"), "Percent correct": 50.0, "Group": chance}]
    rows += [{"Who": label, "Percent correct": value, "Group": studies} for label, value, _ in published]
    if before:
        rows.append({"Who": tr.gettext("You: warm-up"), "Percent correct": round(100 * before.accuracy, 1),
                     "Group": you})
    if after:
        rows.append({"Who": tr.gettext("You: final test"), "Percent correct": round(100 * after.accuracy, 1),
                     "Group": you})
    bars = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("Who:N", sort=None, title=None, axis=alt.Axis(labelLimit=170)),
        x=alt.X("Percent correct:Q", scale=alt.Scale(domain=[0, 100]), title=tr.gettext("Percent correct")),
        color=alt.Color("Group:N", scale=alt.Scale(domain=[you, studies, chance], range=[BLUE, GREY, ORANGE]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=[alt.Tooltip("Who:N", title=tr.gettext("Who")),
                 alt.Tooltip("Percent correct:Q", title=tr.gettext("Percent correct"))])
    return styled(bars.properties(height=alt.Step(30)))

# --- the network case's tools -----------------------------------------------------------------

def _accounts_axis(accounts: Sequence[NetworkAccount]) -> alt.Y:
    return alt.Y("Account:N", sort=[a.display_name for a in accounts], title=None,
                 axis=alt.Axis(labelLimit=130, labelOverlap=False))


def creation_chart(accounts: Sequence[NetworkAccount], language: str = i18n.DEFAULT) -> alt.Chart:
    """When each account was made: dots that stand in one column were made together."""
    tr = i18n.translations(language)
    data = creation_frame(accounts, language)
    points = alt.Chart(data).mark_circle(size=110, color=BLUE, opacity=0.85).encode(
        x=alt.X("Created:T", title=tr.gettext("Account created (UTC)"), scale=alt.Scale(padding=12),
                axis=alt.Axis(format="%Y", tickCount="year")),
        y=_accounts_axis(accounts),
        tooltip=[alt.Tooltip("Account:N", title=tr.gettext("Account")),
                 alt.Tooltip("Handle:N", title=tr.gettext("Handle")),
                 alt.Tooltip("When:N", title=tr.gettext("Created"))])
    return styled(points.properties(height=alt.Step(ROW_STEP)), NETWORK_FONT_SIZE)


def posting_chart(accounts: Sequence[NetworkAccount], by: str = "date", language: str = i18n.DEFAULT) -> alt.Chart:
    """Every post as a tick: over the two weeks (``by="date"``) or by time of day (``by="hour"``)."""
    tr = i18n.translations(language)
    data = posts_frame(accounts, language)
    if by == "hour":
        x = alt.X("Hour:Q", title=tr.gettext("Time of day (UTC)"), scale=alt.Scale(domain=[0, 24]),
                  axis=alt.Axis(values=list(range(0, 25, 3)), labelExpr="datum.value + ':00'"))
    elif by == "date":
        # the day's number only: month names would need Vega's locale, which is English
        x = alt.X("Posted:T", title=tr.gettext("Date posted (UTC)"),
                  axis=alt.Axis(format="%d %b" if language == i18n.DEFAULT else "%d/%m", tickCount=7))
    else:
        raise ValueError(f"by must be 'date' or 'hour', not {by!r}")
    ticks = alt.Chart(data).mark_tick(color=BLUE, thickness=2, size=18, opacity=0.8).encode(
        x=x, y=_accounts_axis(accounts), tooltip=[alt.Tooltip("Account:N", title=tr.gettext("Account")),
                                                  alt.Tooltip("When:N", title=tr.gettext("Posted"))])
    return styled(ticks.properties(height=alt.Step(ROW_STEP)), NETWORK_FONT_SIZE)


def admin_chart(accounts: Sequence[NetworkAccount], language: str = i18n.DEFAULT) -> alt.Chart:
    """A grid of accounts x admins: a filled square where that admin runs that account."""
    tr = i18n.translations(language)
    data = admin_frame(accounts, language)
    order = list(dict.fromkeys(data["Admin"]))
    grid = alt.Chart(data).mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        x=alt.X("Admin:N", sort=order, title=None,
                axis=alt.Axis(labelExpr="peek(split(datum.value, ' '))", labelAngle=0, orient="top",  # the letter
                              labelOverlap=False, labelFontSize=NETWORK_FONT_SIZE - 2)),
        y=_accounts_axis(accounts),
        color=alt.Color("Runs it:N", scale=alt.Scale(domain=[True, False], range=[BLUE, LIGHT]), legend=None),
        tooltip=[alt.Tooltip("Account:N", title=tr.gettext("Account")), alt.Tooltip("Admin:N", title=tr.gettext("Admin")),
                 alt.Tooltip("Runs it:N", title=tr.gettext("Runs it"))])
    return styled(grid.properties(height=alt.Step(ROW_STEP)), NETWORK_FONT_SIZE)
