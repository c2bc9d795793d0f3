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

from telltale import LESSONS_DIR, readiness, served
from telltale.ads.faces import MANIFEST, QUIZ_FILE, default_library
from telltale.ads.load import ADS_FILE, NETWORK_FILE, load_ads, load_network
from telltale.ads.model import AdsLesson, NetworkCase
from telltale.content import reader
from telltale.library import Library, load_library
from telltale.storage import Store, database_url, make_engine

CONFIDENCE_LABELS = {50: "50% · guessing", 60: "60%", 70: "70%", 80: "80%", 90: "90%", 100: "100% · certain"}
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def content_report() -> readiness.ContentReport:
    """The content check made when the server started (its problems are in the log)."""
    return readiness.startup_report()


def usable(part_id: str) -> bool:
    """False for a part of the course whose content is broken (it is left out, with a clear page)."""
    return content_report().usable(part_id)


def problem_list(problems) -> None:
    """For whoever runs Telltale: each problem with its file, line, item and field, as plain text."""
    with st.expander("For whoever runs Telltale: what is wrong"):
        st.code("\n".join(str(p) for p in problems) + "\n\nCheck with: python -m telltale.readiness",
                language=None, wrap_lines=True)


@st.cache_resource(show_spinner=False)
def library() -> Library:
    return load_library()


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return Store(make_engine(url))


def store() -> Store:
    """One connection pool per database URL, shared by all sessions of this server."""
    return _store_for(database_url())


def content_version() -> tuple:
    """Changes whenever a file the ads pictures depend on changes (the quiz faces decide the avatars)."""
    return reader.version(ADS_FILE, NETWORK_FILE, MANIFEST, QUIZ_FILE)


@st.cache_resource(show_spinner=False, max_entries=4)
def ads_lesson_of(version: tuple) -> AdsLesson:
    default_library()  # ContentError when the quiz faces cannot be known: no avatar could be chosen safely
    return load_ads()


def ads_lesson() -> AdsLesson:
    """The ads lesson, parsed once per version of its files (raises ContentError if invalid)."""
    return ads_lesson_of(content_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def network_case_of(version: tuple) -> NetworkCase:
    default_library()  # as for the ads
    return load_network()


def network_case() -> NetworkCase:
    """The network case, parsed once per version of its files (raises ContentError if invalid)."""
    return network_case_of(content_version())


@st.cache_data(show_spinner=False)
def read_text(name: str) -> str:
    return (LESSONS_DIR / name).read_text(encoding="utf-8")


@st.cache_data(show_spinner=False)
def credits_table() -> list[dict]:
    # No image ids here: the list must not let anyone match a quiz picture to its answer.
    return [{"Source": e.source, "Licence": e.licence, "Credit": e.credit} for e in library().credits()]


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart_spec(module: str, name: str, figures: tuple) -> dict:
    # Streamlit's own Altair conversion (the one st.altair_chart uses; streamlit is pinned), done
    # once per distinct set of figures and shared read-only: Streamlit copies a spec before use.
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(getattr(importlib.import_module(module), name)(*figures))


def chart(make, *figures, alt: str | None = None) -> None:
    """An Altair chart from telltale.charts or telltale.class_charts, drawn from plain figures.

    Building and validating an Altair chart takes 30-200 ms of CPU; the dashboard redraws its
    charts every few seconds with mostly unchanged figures, so each distinct chart is built once."""
    st.vega_lite_chart(_chart_spec(make.__module__, make.__name__, figures), width="stretch", alt=alt)


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


SERVED_PER_TAB = 8  # the pictures of the current screen and the one before: reruns reuse them


def served_picture(picture: bytes) -> bytes:
    """The picture as this viewer receives it (telltale/served.py): its bytes, and so its /media/
    address, are this learner's own and match nothing the repository holds.

    Kept in the tab's session, not a server-wide cache: no other viewer can use them, and they go
    when the tab does (a class's ads were over 100 MB in a shared cache)."""
    viewer = st.session_state.setdefault("viewer", f"session:{secrets.token_hex(16)}")
    kept = st.session_state.setdefault("served-pictures", {})
    digest = hashlib.sha256(picture).digest()
    if digest not in kept:
        kept[digest] = served.served_bytes(picture, served.viewer_key(store().secret, viewer))
        while len(kept) > SERVED_PER_TAB:
            kept.pop(next(iter(kept)))
    return kept[digest]


def face(image_bytes: bytes, alt: str, width: int | str = 400) -> None:
    """Every picture of a face goes through here, so every one is the viewer's own copy (the
    sponsored posts are the server's own: app_pages/views/ads.post_pictures)."""
    st.image(served_picture(image_bytes), width=width, alt=alt)


def progress(position: int, total: int, noun: str = "Face") -> None:
    if st.session_state.pop("answered-elsewhere", False):  # set by session.submit / session.note_shown
        st.warning("That question had already been answered in another tab or window with your link, so the "
                   "first answer counts and the one given here was not saved. Please use one tab at a time.",
                   icon=":material/tab_duplicate:")
    st.progress(position / total if total else 1.0, text=f"{noun} {min(position + 1, total)} of {total}")


def confidence_radio(key: str | None = None):
    """How sure the learner is, asked with every answer."""
    return st.radio("How sure are you?", list(CONFIDENCE_LABELS), index=None, horizontal=True,
                    format_func=CONFIDENCE_LABELS.get, key=key)


def missing_message(what: str, pairs) -> str | None:
    """"Please choose X and Y before submitting." for the (name, value) pairs without a value."""
    missing = [name for name, value in pairs if value is None or value == []]
    return f"Please {what} {' and '.join(missing)} before submitting." if missing else None
