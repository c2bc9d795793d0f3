"""The fake-ads half of the course as plain data: sponsored-post examples and a network case.

Everything here is frozen and built only by ``telltale.ads.load`` from lessons/ads.yaml and
lessons/network.yaml, which check every field first. Nothing here draws or scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from telltale.content.manifest import KINDS, SEXES

VERDICTS = ("authentic", "inauthentic")

# Ad categories as a platform's ad library sorts them. "issue" covers ads about social
# issues, elections or politics, the only ones that must carry a "Paid for by" line.
CATEGORIES = ("issue", "commercial", "community")

# The rendered parts of a post that a red flag or an authentic sign can point at.
# render.render_ad returns a bounding box for each of these that the post has
# ("link" only when the post has a link preview).
PARTS = (
    "avatar",
    "page_name",
    "text",
    "picture",
    "link",
    "engagement",
    "followers",
    "transparency_created",
    "transparency_managers",
    "transparency_name_changes",
    "paid_for_by",
)

# Placeholder face keys: the renderer picks a face of that kind (and sex, if given) from
# images/manifest.csv, deterministically from the example's id or the account's handle, or
# draws the initials logo when there is no such face. E.g. any-gan, any-real-female.
FACE_PLACEHOLDERS = tuple(
    f"any-{kind}{'-' + sex if sex else ''}" for kind in KINDS for sex in ("",) + SEXES
)

PICTURE_STYLES = ("gradient", "stripes", "sunburst", "landscape", "news", "bokeh")
PICTURE_ICONS = (
    "ballot", "boot", "bottle", "bread", "coin", "drop", "heart", "leaf",
    "megaphone", "paper", "speech", "wrench",
)


@dataclass(frozen=True)
class CatalogueEntry:
    """One kind of red flag (or authentic sign) the learner can tick."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Mark:
    """A red flag or an authentic sign on one example: which kind, where, and why."""

    id: str  # a catalogue id (flags catalogue for red flags, signs catalogue for signs)
    part: str  # one of PARTS
    explain: str


@dataclass(frozen=True)
class Logo:
    initials: str
    background: str  # "#rrggbb"
    foreground: str  # "#rrggbb"


@dataclass(frozen=True)
class Avatar:
    """A face from the library (``face`` is a placeholder key or an image id) and/or a logo.

    ``logo`` is always set: it is drawn when there is no face, or no face library yet.
    """

    face: str | None
    logo: Logo


@dataclass(frozen=True)
class Page:
    name: str
    avatar: Avatar
    followers: int


@dataclass(frozen=True)
class Picture:
    """The ad's picture, drawn from data: a background style, colours and a headline."""

    style: str  # one of PICTURE_STYLES
    colors: tuple[str, ...]  # "#rrggbb", at least two
    headline: str
    text_color: str = "#ffffff"
    subline: str | None = None
    sticker: str | None = None  # a round badge, e.g. "-90%"
    icon: str | None = None  # one of PICTURE_ICONS


@dataclass(frozen=True)
class Link:
    """The link preview under the picture: where a click on the ad goes."""

    domain: str
    title: str
    button: str


@dataclass(frozen=True)
class Engagement:
    reactions: int
    comments: int
    shares: int


@dataclass(frozen=True)
class ManagerCountry:
    country: str
    count: int


@dataclass(frozen=True)
class NameChange:
    date: date
    old_name: str  # YAML key "from"
    new_name: str  # YAML key "to"


@dataclass(frozen=True)
class Transparency:
    created_on: date
    managers: tuple[ManagerCountry, ...]
    name_changes: tuple[NameChange, ...]
    paid_for_by: str | None


@dataclass(frozen=True)
class AdExample:
    id: str
    verdict: str  # one of VERDICTS
    category: str  # one of CATEGORIES
    page: Page
    text: str
    picture: Picture
    link: Link | None
    engagement: Engagement
    transparency: Transparency
    red_flags: tuple[Mark, ...]  # empty for authentic examples
    authentic_signs: tuple[Mark, ...]  # empty for inauthentic examples

    @property
    def is_inauthentic(self) -> bool:
        return self.verdict == "inauthentic"

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(mark.id for mark in self.red_flags)


@dataclass(frozen=True)
class AdsLesson:
    as_of: date  # the "today" of the exercise: Page ages are judged against it
    home_country: str  # the fictional country the course's towns are in
    flags: dict[str, CatalogueEntry]  # red-flag catalogue, in file order
    signs: dict[str, CatalogueEntry]  # authentic-sign catalogue, in file order
    examples: tuple[AdExample, ...]

    def example(self, example_id: str) -> AdExample:
        for example in self.examples:
            if example.id == example_id:
                return example
        raise KeyError(example_id)


ACCOUNT_KINDS = ("profile", "page")


@dataclass(frozen=True)
class NetworkAccount:
    handle: str  # "@name"
    display_name: str
    kind: str  # one of ACCOUNT_KINDS
    avatar: Avatar
    created_at: datetime  # timezone-aware (UTC in the lesson file)
    post_times: tuple[datetime, ...]  # ascending, timezone-aware
    admins: tuple[str, ...]  # ids of the people who run it; shared ids tie accounts together
    admin_country: str
    belongs_to_network: bool
    why: str


@dataclass(frozen=True)
class NetworkCase:
    id: str
    title: str
    brief: str  # what the learner is asked to do
    accounts: tuple[NetworkAccount, ...]

    @property
    def network_handles(self) -> frozenset[str]:
        return frozenset(a.handle for a in self.accounts if a.belongs_to_network)

    def account(self, handle: str) -> NetworkAccount:
        for account in self.accounts:
            if account.handle == handle:
                return account
        raise KeyError(handle)
