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

import pandas as pd
from PIL import Image

from telltale.ads.model import NetworkAccount, NetworkCase
from telltale import i18n
from telltale.ads.render import Group, face_path
from telltale.ads.scoring import NetworkScore, score_network
from telltale.i18n import N_
from telltale.images import average_faces

PHASE = "network"
AVERAGE_SIZE = 320


@dataclass(frozen=True)
class Reason:
    id: str
    label: str  # label and note in English, marked with N_: translated where shown
    behaviour: bool  # a sign of coordinated behaviour (True), or of opinion or chance (False)
    note: str  # said in the explanation when the learner chose it


# What the learner may give as their reasons. Platforms judge behaviour, not opinion: the
# last two are traps the explanation comments on.
REASONS = (
    Reason("batch-created", N_("Created in one batch, minutes apart"), True,
           N_("Accounts made minutes apart on one night are made by one operator, as in the 2019 case.")),
    Reason("clockwork-posting", N_("Post at machine-regular times, in bursts"), True,
           N_("Posts at exactly the same minutes every day come from a scheduling tool, not from people.")),
    Reason("shared-admins", N_("Run by the same admins"), True,
           N_("The same people running several Pages and profiles is what ties a network together.")),
    Reason("aligned-faces", N_("Profile photos whose eyes line up"), True,
           N_("Eyes in the same place on every photo are the mark of AI-made faces from one generator.")),
    Reason("same-stories", N_("They share the same stories and opinions"), False,
           N_("Sharing the same stories is not coordination: real people agree with networks too. "
              "Platforms judge behaviour, not opinion.")),
    Reason("new-account", N_("The account is new"), False,
           N_("New on its own proves little: people join every day. It only counts together with other signs.")),
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


def format_moment(moment: datetime, language: str = i18n.DEFAULT) -> str:
    """"3 Dec 2019, 14:05" (in UTC, as the case file gives it); "3 dic 2019, 14:05" in Spanish."""
    return i18n.moment(language, moment)


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


# --- the tools' data (drawn by telltale.charts) -------------------------------------------------
# Only names, handles, times and anonymous admin letters go into the charts' data: the
# charts are sent to the browser as JSON, so no answer may be in them.

def creation_frame(accounts: Sequence[NetworkAccount], language: str = i18n.DEFAULT) -> pd.DataFrame:
    return pd.DataFrame([{"Account": a.display_name, "Handle": a.handle,
                          "Created": a.created_at.replace(tzinfo=None),
                          "When": format_moment(a.created_at, language)} for a in accounts])


def posts_frame(accounts: Sequence[NetworkAccount], language: str = i18n.DEFAULT) -> pd.DataFrame:
    rows = []
    for a in accounts:
        for moment in a.post_times:
            rows.append({"Account": a.display_name, "Handle": a.handle, "Posted": moment.replace(tzinfo=None),
                         "Hour": round(moment.hour + moment.minute / 60 + moment.second / 3600, 3),
                         "When": format_moment(moment, language)})
    return pd.DataFrame(rows)


def admin_frame(accounts: Sequence[NetworkAccount], language: str = i18n.DEFAULT) -> pd.DataFrame:
    labels = admin_labels(accounts)
    admin = i18n.translations(language).gettext("Admin {letter}")
    rows = []
    for a in accounts:
        runs = set(a.admins)
        for admin_id, letter in labels.items():
            rows.append({"Account": a.display_name, "Admin": admin.format(letter=letter), "Runs it": admin_id in runs})
    return pd.DataFrame(rows)


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


__all__ = ["AccountVerdict", "PHASE", "REASONS", "REASON_IDS", "Reason", "admin_frame",
           "admin_labels", "average_of", "creation_frame", "display_order", "face_paths",
           "format_moment", "grade", "network_group", "posts_frame",
           "reason_notes", "verdicts"]
