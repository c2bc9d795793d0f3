"""The engine's objects, loaded once per server, and the small pieces every screen shares.

Content is read once (st.cache_resource) and reread only when one of its files changes; a page
rerun reads nothing from disk.
"""
from __future__ import annotations

import hashlib
import importlib
import re
import secrets

import streamlit as st

from app_pages.views.language import _, language
from telltale import LESSONS_DIR, class_charts, i18n, readiness, served
from telltale.ads.faces import MANIFEST, QUIZ_FILE, default_library
from telltale.ads.load import ADS_FILE, NETWORK_FILE, load_ads, load_network
from telltale.ads.model import AdsLesson, NetworkCase
from telltale.content import reader
from telltale.i18n import N_
from telltale.library import Library, load_library
from telltale.storage import Store, database_url, make_engine

CONFIDENCE_LABELS = {50: N_("50% · guessing"), 60: "60%", 70: "70%", 80: "80%", 90: "90%", 100: N_("100% · certain")}
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
def content_report() -> readiness.ContentReport:
    """The content check made when the server started (its problems are in the log)."""
    return readiness.startup_report()


def usable(part_id: str) -> bool:
    """False for a part of the course whose content is broken (it is left out, with a clear page)."""
    return content_report().usable(part_id)


def problem_list(problems) -> None:
    """For whoever runs Telltale: each problem with its file, line, item and field, as plain text."""
    with st.expander(_("For whoever runs Telltale: what is wrong")):
        st.code("\n".join(str(p) for p in problems) + "\n\nCheck with: python -m telltale.readiness",
                language=None, wrap_lines=True)


@st.cache_resource(show_spinner=False)
def library_in(language: str) -> Library:
    return load_library(language=language)


def library() -> Library:
    """The face library, its lessons' text in this tab's language (the pictures are the same in every one)."""
    return library_in(language())


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return Store(make_engine(url))


def store() -> Store:
    """One connection pool per database URL, shared by all sessions of this server."""
    return _store_for(database_url())


def content_version() -> tuple:
    """Changes whenever a file the ads pictures depend on changes (the quiz faces decide the avatars)."""
    return reader.version(ADS_FILE, NETWORK_FILE, MANIFEST, QUIZ_FILE)


@st.cache_resource(show_spinner=False, max_entries=8)
def ads_lesson_of(version: tuple, language: str) -> AdsLesson:
    default_library()  # ContentError when the quiz faces cannot be known: no avatar could be chosen safely
    return load_ads(language=language)


def ads_lesson() -> AdsLesson:
    """The ads lesson in this tab's language, parsed once per version of its files (raises ContentError if invalid)."""
    return ads_lesson_of(content_version(), language())


@st.cache_resource(show_spinner=False, max_entries=8)
def network_case_of(version: tuple, language: str) -> NetworkCase:
    default_library()  # as for the ads
    return load_network(language=language)


def network_case() -> NetworkCase:
    """The network case in this tab's language, parsed once per version of its files (raises ContentError if invalid)."""
    return network_case_of(content_version(), language())


@st.cache_data(show_spinner=False)
def read_text(name: str) -> str:
    return (LESSONS_DIR / name).read_text(encoding="utf-8")


@st.cache_data(show_spinner=False)
def credits_table(language: str) -> list[dict]:
    # No image ids here: the list must not let anyone match a quiz picture to its answer.
    source, licence, credit = (i18n.gettext(language, word) for word in (N_("Source"), N_("Licence"), N_("Credit")))
    return [{source: e.source, licence: e.licence, credit: e.credit} for e in library().credits()]


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart_spec(module: str, name: str, figures: tuple, language: str) -> dict:
    # Streamlit's own Altair conversion (the one st.altair_chart uses; streamlit is pinned), done
    # once per distinct set of figures and language, and shared read-only: Streamlit copies a spec before use.
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(getattr(importlib.import_module(module), name)(*figures, language=language))


def chart(make, *figures, alt: str | None = None) -> None:
    """An Altair chart from telltale.charts, drawn from plain figures, its words in this tab's language
    (every chart function takes ``language=``). Building and validating an Altair chart takes 30-200 ms
    of CPU, so each distinct chart is built once."""
    st.vega_lite_chart(_chart_spec(make.__module__, make.__name__, figures, language()), width="stretch", alt=alt)


def build_class_chart_looks() -> None:
    """Every dashboard chart look that depends on the language alone, in every language (at start)."""
    for look in class_charts.LANGUAGE_ONLY_LOOKS:
        for code in i18n.LANGUAGES:
            _chart_spec(look.__module__, look.__name__, (), code)


def class_chart(make, *figures) -> None:
    """A chart of the teacher's dashboard (telltale.class_charts), which redraws every few seconds with new
    figures: its look is built once per language (and labels), only its rows are made from the figures."""
    code = language()
    drawing = make(*figures, language=code)
    look = _chart_spec(drawing.look.__module__, drawing.look.__name__, drawing.labels, code)
    st.vega_lite_chart(drawing.vega_lite(look), width="stretch")


def md(text: str) -> str:
    """Text safe to put into Markdown: every punctuation character escaped, so it shows as typed
    ("$5", "*", ":x:" in a lesson, any character in a nickname)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def style() -> None:
    st.html("""<style>
    /* A course, not a dashboard: no Streamlit header bar, so every pixel of a 768px screen counts. */
    header[data-testid="stHeader"] {display: none;}
    .block-container {padding-top: 1.2rem; padding-bottom: 2rem; max-width: 1040px;}
    h1 {font-size: 2rem !important; padding-top: .2rem !important;}
    h2 {font-size: 1.5rem !important;}
    /* Streamlit's captions are too faint for WCAG AA (4.3:1); this grey gives 7.6:1 on white. */
    [data-testid="stCaptionContainer"] {opacity: 1 !important;}
    [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #4b5563 !important;}
    [data-testid="stImage"] img {border-radius: 10px;}
    .tt-steps {display:flex; flex-wrap:wrap; gap:.35rem; margin:0 !important; padding:0 !important; list-style:none;}
    .tt-steps li {font-size:.82rem; padding:.2rem .6rem; border-radius:999px; background:#eef1f5; color:#3d4450;}
    .tt-steps li.done {background:#dcefe3; color:#14532d;}
    .tt-steps li.now {background:#1d4ed8; color:#ffffff; font-weight:600;}
    /* On a phone only the current part is shown, so the face starts higher on the screen. */
    @media (max-width: 640px) {.tt-steps li:not(.now) {display: none;}}
    </style>""")


SERVED_KEPT = 300  # served copies kept by the server: about 60 pictures for each of 5 classes at once, ~13 MB


@st.cache_resource(show_spinner=False, max_entries=SERVED_KEPT)
def _served_copy(viewer: str, digest: str, _picture: bytes) -> bytes:
    return served.served_bytes(_picture, served.viewer_key(store().secret, viewer))


def served_picture(picture: bytes) -> bytes:
    """The picture as this viewer receives it (telltale/served.py): its bytes, and so its /media/
    address, are this class's (or this self-paced learner's) own and match nothing the repository holds.

    Made once per viewer and kept by the server: a class of 30 shares one copy of each face, so
    answering does not pay for the noise each time (it was the largest part of an answer's CPU)."""
    viewer = st.session_state.setdefault("viewer", f"session:{secrets.token_hex(16)}")
    return _served_copy(viewer, hashlib.sha256(picture).hexdigest(), picture)


def face(image_bytes: bytes, alt: str, width: int | str = 400) -> None:
    """Every picture of a face goes through here, so every one is the viewer's own copy (the
    sponsored posts are the server's own: app_pages/views/ads.post_pictures)."""
    st.image(served_picture(image_bytes), width=width, alt=alt)


PROGRESS_TEXTS = {"Face": N_("Face {number} of {total}"), "Question": N_("Question {number} of {total}"),
                  "Post": N_("Post {number} of {total}"), "Case": N_("Case {number} of {total}")}


def progress(position: int, total: int, noun: str = "Face") -> None:
    """The progress bar of a part: ``noun`` is one of PROGRESS_TEXTS ("Face", "Question", "Post", "Case")."""
    if st.session_state.pop("answered-elsewhere", False):  # set by session.submit / session.note_shown
        st.warning(_("That question had already been answered in another tab or window with your link, so the "
                     "first answer counts and the one given here was not saved. Please use one tab at a time."),
                   icon=":material/tab_duplicate:")
    st.progress(position / total if total else 1.0,
                text=_(PROGRESS_TEXTS[noun]).format(number=min(position + 1, total), total=total))


def confidence_radio(key: str | None = None):
    """How sure the learner is, asked with every answer."""
    return st.radio(_("How sure are you?"), list(CONFIDENCE_LABELS), index=None, horizontal=True,
                    format_func=lambda level: _(CONFIDENCE_LABELS[level]), key=key)


def missing_message(alone, both: str) -> str | None:
    """What to say when answers are missing before a form is submitted: ``alone`` holds, for each
    answer, (the message when only it is missing, its value); ``both`` is the message when all are
    missing. Whole sentences, so that each language can word them its own way."""
    missing = [message for message, value in alone if value is None or value == []]
    if not missing:
        return None
    return missing[0] if len(missing) == 1 else both


def answer_missing(choice, confidence) -> str | None:
    """What is missing from a face question's answer (its choice, how sure), said as missing_message does."""
    return missing_message(((_("Please choose your answer before submitting."), choice),
                            (_("Please choose how sure you are before submitting."), confidence)),
                           _("Please choose your answer and how sure you are before submitting."))
