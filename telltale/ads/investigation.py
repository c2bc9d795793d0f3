"""The network investigation as a course step: the case file, the tools' data and charts, the verdict.

The learner sees the accounts in an order shuffled by their seed (the lesson file lists the
network first), with the admins renamed "Admin A", "Admin B", ... (the file's admin ids
would hint at the answer), and nothing in any chart's data says who belongs to the network.
"""
from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

import altair as alt
import pandas as pd
from PIL import Image

from telltale.ads.model import NetworkAccount, NetworkCase
from telltale.ads.render import MONTHS, Group, face_path
from telltale.ads.scoring import NetworkScore, score_network
from telltale.images import average_faces

PHASE = "network"
AVERAGE_SIZE = 320
FONT_SIZE = 13
BLUE, ORANGE, GREY, LIGHT = "#1d4ed8", "#c2410c", "#6b7280", "#eef1f5"
ROW_STEP = 28  # pixels per account in the charts: every name stays readable


@dataclass(frozen=True)
class Reason:
    id: str
    label: str
    behaviour: bool  # a sign of coordinated behaviour (True), or of opinion or chance (False)
    note: str  # said in the explanation when the learner chose it


# What the learner may give as their reasons. Platforms judge behaviour, not opinion: the
# last two are traps the explanation comments on.
REASONS = (
    Reason("batch-created", "Created in one batch, minutes apart", True,
           "Accounts made minutes apart on one night are made by one operator, as in the 2019 case."),
    Reason("clockwork-posting", "Post at machine-regular times, in bursts", True,
           "Posts at exactly the same minutes every day come from a scheduling tool, not from people."),
    Reason("shared-admins", "Run by the same admins", True,
           "The same people running several Pages and profiles is what ties a network together."),
    Reason("aligned-faces", "Profile photos whose eyes line up", True,
           "Eyes in the same place on every photo are the mark of AI-made faces from one generator."),
    Reason("same-stories", "They share the same stories and opinions", False,
           "Sharing the same stories is not coordination: real people agree with networks too. "
           "Platforms judge behaviour, not opinion."),
    Reason("new-account", "The account is new", False,
           "New on its own proves little: people join every day. It only counts together with other signs."),
)
REASON_IDS = tuple(reason.id for reason in REASONS)


def display_order(case: NetworkCase, seed: int) -> list[NetworkAccount]:
    """The accounts in the learner's order: a shuffle fixed by their seed."""
    accounts = list(case.accounts)
    random.Random(f"{seed}-{PHASE}").shuffle(accounts)
    return accounts


def admin_labels(accounts: Sequence[NetworkAccount]) -> dict[str, str]:
    """Opaque admin id -> "A", "B", ...: admins running the most accounts first, then by first appearance."""
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    for index, account in enumerate(accounts):
        for admin in account.admins:
            count[admin] = count.get(admin, 0) + 1
            first.setdefault(admin, index)
    ordered = sorted(count, key=lambda admin: (-count[admin], first[admin]))
    letters = list(string.ascii_uppercase)
    return {admin: letters[i] if i < len(letters) else str(i + 1) for i, admin in enumerate(ordered)}


def format_moment(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1][:3]} {moment.year}, {moment:%H:%M}"


def network_group(case: NetworkCase) -> Group:
    """The (seed, face key) group of the case's avatars, so that no two show the same face."""
    return tuple((account.handle, account.avatar.face) for account in case.accounts)


def face_paths(case: NetworkCase) -> dict[str, Path]:
    """handle -> library image of its avatar, for the accounts whose avatar is a face."""
    group = network_group(case)
    paths = {account.handle: face_path(account.avatar, account.handle, group=group) for account in case.accounts}
    return {handle: path for handle, path in paths.items() if path is not None}


def average_of(paths: Iterable[Path], size: int = AVERAGE_SIZE) -> Image.Image:
    """The pixel average of the given profile photos (whose eyes line up, if any)."""
    images = []
    for path in paths:
        with Image.open(path) as image:
            images.append(image.convert("RGB"))
    return average_faces(images, size=size)


# --- the tools' data and charts --------------------------------------------------------------
# Only names, handles, times and anonymous admin letters go into the charts' data: the
# charts are sent to the browser as JSON, so no answer may be in them.

def _y(accounts: Sequence[NetworkAccount]) -> alt.Y:
    return alt.Y("Account:N", sort=[a.display_name for a in accounts], title=None,
                 axis=alt.Axis(labelLimit=130, labelFontSize=FONT_SIZE, labelOverlap=False))


def _style(chart):
    return (chart.configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
            .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
            .configure_view(strokeWidth=0))


def creation_frame(accounts: Sequence[NetworkAccount]) -> pd.DataFrame:
    return pd.DataFrame([{"Account": a.display_name, "Handle": a.handle,
                          "Created": a.created_at.replace(tzinfo=None),
                          "When": format_moment(a.created_at)} for a in accounts])


def creation_chart(accounts: Sequence[NetworkAccount]) -> alt.Chart:
    """When each account was made: dots that stand in one column were made together."""
    data = creation_frame(accounts)
    points = alt.Chart(data).mark_circle(size=110, color=BLUE, opacity=0.85).encode(
        x=alt.X("Created:T", title="Account created (UTC)", scale=alt.Scale(padding=12),
                axis=alt.Axis(format="%Y", tickCount="year")),
        y=_y(accounts),
        tooltip=[alt.Tooltip("Account:N"), alt.Tooltip("Handle:N"), alt.Tooltip("When:N", title="Created")])
    return _style(points.properties(height=alt.Step(ROW_STEP)))


def posts_frame(accounts: Sequence[NetworkAccount]) -> pd.DataFrame:
    rows = []
    for a in accounts:
        for moment in a.post_times:
            rows.append({"Account": a.display_name, "Handle": a.handle, "Posted": moment.replace(tzinfo=None),
                         "Hour": round(moment.hour + moment.minute / 60 + moment.second / 3600, 3),
                         "When": format_moment(moment)})
    return pd.DataFrame(rows)


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
        x=x, y=_y(accounts), tooltip=[alt.Tooltip("Account:N"), alt.Tooltip("When:N", title="Posted")])
    return _style(ticks.properties(height=alt.Step(ROW_STEP)))


def admin_frame(accounts: Sequence[NetworkAccount]) -> pd.DataFrame:
    labels = admin_labels(accounts)
    rows = []
    for a in accounts:
        runs = set(a.admins)
        for admin, letter in labels.items():
            rows.append({"Account": a.display_name, "Admin": f"Admin {letter}", "Runs it": admin in runs})
    return pd.DataFrame(rows)


def admin_chart(accounts: Sequence[NetworkAccount]) -> alt.Chart:
    """A grid of accounts x admins: a filled square where that admin runs that account."""
    data = admin_frame(accounts)
    order = list(dict.fromkeys(data["Admin"]))
    grid = alt.Chart(data).mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        x=alt.X("Admin:N", sort=order, title=None,
                axis=alt.Axis(labelExpr="replace(datum.value, 'Admin ', '')", labelAngle=0, orient="top",
                              labelOverlap=False, labelFontSize=FONT_SIZE - 2)),
        y=_y(accounts),
        color=alt.Color("Runs it:N", scale=alt.Scale(domain=[True, False], range=[BLUE, LIGHT]), legend=None),
        tooltip=[alt.Tooltip("Account:N"), alt.Tooltip("Admin:N"), alt.Tooltip("Runs it:N")])
    return _style(grid.properties(height=alt.Step(ROW_STEP)))


# --- the verdict -----------------------------------------------------------------------------

def grade(case: NetworkCase, handles: Iterable[str], reasons: Iterable[str]) -> tuple[NetworkScore, str, dict]:
    """The score, the ``choice`` to store (JSON list of handles) and the ``detail`` to store."""
    handles = sorted(set(handles))
    given = set(reasons)
    unknown = given - set(REASON_IDS)
    if unknown:
        raise ValueError(f"unknown reason(s): {', '.join(sorted(unknown))}")
    reasons = [r for r in REASON_IDS if r in given]
    score = score_network(case, handles)
    detail = {
        "hits": sorted(score.hits),
        "false_alarms": sorted(score.false_alarms),
        "misses": sorted(score.misses),
        "correct_rejections": sorted(score.correct_rejections),
        "reasons": reasons,
    }
    return score, json.dumps(handles), detail


@dataclass(frozen=True)
class AccountVerdict:
    account: NetworkAccount
    picked: bool
    outcome: str  # "hit", "miss", "false alarm", "correct rejection"

    @property
    def right(self) -> bool:
        return self.outcome in ("hit", "correct rejection")


def verdicts(accounts: Sequence[NetworkAccount], picked: Iterable[str]) -> list[AccountVerdict]:
    """Account by account, in the order given: was it in the network, and did the learner pick it."""
    chosen = set(picked)
    out = []
    for account in accounts:
        is_picked = account.handle in chosen
        if account.belongs_to_network:
            outcome = "hit" if is_picked else "miss"
        else:
            outcome = "false alarm" if is_picked else "correct rejection"
        out.append(AccountVerdict(account, is_picked, outcome))
    return out


def reason_notes(reasons: Iterable[str]) -> list[Reason]:
    chosen = set(reasons)
    return [reason for reason in REASONS if reason.id in chosen]


__all__ = ["AccountVerdict", "PHASE", "REASONS", "REASON_IDS", "Reason", "admin_chart", "admin_frame",
           "admin_labels", "average_of", "creation_chart", "creation_frame", "display_order", "face_paths",
           "format_moment", "grade", "network_group", "posting_chart", "posts_frame",
           "reason_notes", "verdicts"]
