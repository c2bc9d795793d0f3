"""The language of this browser tab, and the interface's messages in it (gettext, telltale.i18n).

Every view writes its text in English inside ``_()`` (``ngettext`` for plurals) and formats numbers
with ``number``; pybabel extracts the messages (babel.cfg). The tab's language comes from ``?lang=``
in the address, the language selector (session.language_selector), or the learner's stored row
(session.current_learner), in that order; otherwise the default.
"""
from __future__ import annotations

import streamlit as st

from telltale import i18n

LANGUAGE_KEY = "language"  # this tab's language in the session: chosen, from ?lang=, or the learner's stored one
LANGUAGE_PARAMETER = i18n.QUERY_PARAMETER  # ?lang=es in a link opens the app in that language


def adopt_address_language() -> None:
    """Take ``?lang=`` from the address as this tab's language. Called once at the start of each run
    (app.py): reading the address at every message cost 4% of the server's CPU while a class joined."""
    asked = str(st.query_params.get(LANGUAGE_PARAMETER, "")).strip().lower()
    if asked in i18n.LANGUAGES:
        st.session_state[LANGUAGE_KEY] = asked


def language() -> str:
    """The interface language of this tab (a code of telltale.i18n.LANGUAGES): ``?lang=`` in the
    address (adopt_address_language), else the one chosen or stored with the learner (see
    session.current_learner), else the default."""
    return st.session_state.get(LANGUAGE_KEY, i18n.DEFAULT)


def language_chosen() -> bool:
    """Whether this tab has a language of its own (chosen, from the link, or from the stored learner)."""
    return LANGUAGE_KEY in st.session_state


def _(message: str) -> str:
    """A message of the interface in this tab's language (extracted by pybabel: babel.cfg)."""
    return i18n.gettext(language(), message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return i18n.ngettext(language(), singular, plural, count)


def number(value: float, digits: int = 0, signed: bool = False) -> str:
    """A number written as this tab's language writes it (decimal comma in Spanish)."""
    return i18n.number(language(), value, digits, signed)
