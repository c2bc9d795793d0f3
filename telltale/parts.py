"""The registry of the app's parts: every screen, in course order, with what the rest of the app needs.

This is the one list of course parts. The router (app.py) turns each part into an st.Page,
the course plan takes its order from here, the teacher's form its choosable parts, the steps
bar and the dashboard their titles, and every "On to ..." button its label. Adding a part
means adding one line here and its page file.
"""
from __future__ import annotations

from dataclasses import dataclass

from telltale import i18n
from telltale.i18n import N_

# Who may open a part (checked by app_pages/views/session.require):
PUBLIC = "public"  # anyone (welcome, about, join, the teacher's screens)
IN_ORDER = "in order"  # a learner of the course who has reached it, unless their class is closed
AFTER_COURSE = "after course"  # a learner who has reached the results


@dataclass(frozen=True)
class Part:
    id: str
    title: str  # in English, marked with N_: shown through title(part_id, language)
    page: str  # the page's file, relative to the app's folder
    url_path: str
    access: str
    onward: str | None = None  # label of the button that leads here from the part before it
    in_course: bool = False  # one of the course's steps, in the order of PARTS
    choosable: bool = False  # a teacher may leave it out of a class's plan
    asks: tuple[str, ...] = ()  # the kinds of step (telltale.steps) whose answers it stores, under its id
    needs: tuple[str, ...] = ()  # content files it shows (a problem in one stops it: telltale.readiness)


# The face library and its lessons, which every face part shows.
FACE_CONTENT = ("images/manifest.csv", "images/faces", "lessons/tells.yaml", "lessons/faces.yaml")
TEACHING = "lessons/teaching.yaml"  # the teacher's kit (telltale/kit)


PARTS = (
    Part("welcome", N_("Welcome"), "app_pages/welcome.py", "welcome", PUBLIC, in_course=True),
    Part("pretest", N_("Warm-up test"), "app_pages/pretest.py", "pretest", IN_ORDER, N_("On to the warm-up test"),
         in_course=True, choosable=True, asks=("face",), needs=FACE_CONTENT),
    Part("tells", N_("The tells"), "app_pages/tells.py", "tells", IN_ORDER, N_("On to the tells"),
         in_course=True, choosable=True, needs=FACE_CONTENT),
    Part("practice", N_("Practice"), "app_pages/practice.py", "practice", IN_ORDER, N_("On to practice"),
         in_course=True, choosable=True, asks=("face", "pair"), needs=FACE_CONTENT),
    Part("posttest", N_("Final test"), "app_pages/posttest.py", "posttest", IN_ORDER, N_("On to the final test"),
         in_course=True, choosable=True, asks=("face",), needs=FACE_CONTENT),
    Part("ads", N_("Fake ads"), "app_pages/ads.py", "ads", IN_ORDER, N_("On to the fake ads"),
         in_course=True, choosable=True, asks=("ad",), needs=("lessons/ads.yaml",)),
    Part("network", N_("Network case"), "app_pages/network.py", "network", IN_ORDER, N_("On to the network case"),
         in_course=True, choosable=True, asks=("network",), needs=("lessons/network.yaml",)),
    Part("provenance", N_("Check the source"), "app_pages/provenance.py", "check-the-source", IN_ORDER,
         N_("On to checking the source"), in_course=True, choosable=True, asks=("provenance",),
         needs=("lessons/provenance.yaml", "images/provenance")),
    Part("results", N_("Your results"), "app_pages/results.py", "results", IN_ORDER, N_("See my results"), in_course=True),
    Part("more_practice", N_("More practice"), "app_pages/more_practice.py", "more-practice", AFTER_COURSE),
    Part("about", N_("About the science and credits"), "app_pages/about.py", "about", PUBLIC, needs=("lessons/about.md",)),
    Part("join", N_("Join a class"), "app_pages/join.py", "join", PUBLIC),
    # The teacher's screens work without teaching.yaml; only its lesson plan and handouts need it.
    Part("teacher", N_("Start a class"), "app_pages/teacher.py", "teacher", PUBLIC, needs=(TEACHING,)),
    Part("dashboard", N_("Class dashboard"), "app_pages/dashboard.py", "dashboard", PUBLIC, needs=(TEACHING,)),
)
BY_ID = {part.id: part for part in PARTS}
DEFAULT = "welcome"  # the page a bare address opens

COURSE = tuple(part.id for part in PARTS if part.in_course)  # the course's order; a plan may leave some out
CHOOSABLE = tuple(part.id for part in PARTS if part.choosable)
FACE_QUESTIONS = tuple(part.id for part in PARTS if "face" in part.asks)  # parts drawn from the face library
TESTS = ("pretest", "posttest")  # the two tests without feedback, compared before and after the lesson
TITLES = {part.id: part.title for part in PARTS}
URL_PATHS = frozenset(part.url_path for part in PARTS)


def part(part_id: str) -> Part:
    return BY_ID[part_id]


def title(part_id: str, language: str = i18n.DEFAULT) -> str:
    """A part's title in the language; an unknown id (from an older database) is shown as it is."""
    return i18n.gettext(language, TITLES[part_id]) if part_id in TITLES else part_id


def onward(part_id: str, language: str = i18n.DEFAULT) -> str:
    """The label of the button that leads to this part, in the language."""
    return i18n.gettext(language, BY_ID[part_id].onward or TITLES[part_id])
