"""The languages of the course.

Interface text goes through gettext: in code, a message is written in English inside ``_()``
(or ``N_()`` where it is defined before its language is known, and translated where it is shown);
``pybabel extract`` (babel.cfg) collects them into locales/telltale.pot and each language's
catalog is locales/<language>/LC_MESSAGES/telltale.po. The catalogs are read from the .po files
when first needed (Babel), so there is no compiled file to keep in step.

Lesson text is data: each translated field of a lesson file has a sibling with the language's
suffix (``summary`` in English, ``summary_es`` in Spanish), read by telltale/content/reader.py.

A third language: add it to LANGUAGES, run ``pybabel init -D telltale -i locales/telltale.pot
-d locales -l <code>``, translate the catalog and add the ``_<code>`` fields to the lesson files;
the content check and tests/test_translations.py name everything still missing.
"""
from __future__ import annotations

import gettext as _gettext
import io
from functools import lru_cache

from telltale import ROOT

LANGUAGES = {"en": "English", "es": "Español"}  # code: the language's own name
DEFAULT = "en"  # the language the source is written in
LOCALES_DIR = ROOT / "locales"
DOMAIN = "telltale"
QUERY_PARAMETER = "lang"  # ?lang=es in a link opens the app in that language


def language_or_default(code: object) -> str:
    """A known language code for whatever a query string, a form or a stored row gave."""
    text = str(code or "").strip().lower()[:8]
    return text if text in LANGUAGES else DEFAULT


def catalog_path(language: str):
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(language: str) -> _gettext.NullTranslations:
    """The interface catalog of a language (English: the messages as written)."""
    language = language_or_default(language)
    if language == DEFAULT:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(catalog_path(language), "rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(language: str, message: str) -> str:
    return translations(language).gettext(message)


def ngettext(language: str, singular: str, plural: str, count: int) -> str:
    return translations(language).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translate it where it is shown."""
    return message


def number(language: str, value: float, digits: int = 0, signed: bool = False) -> str:
    """A number as the language writes it (``0,46`` in Spanish), with ``digits`` decimals and,
    when ``signed``, always a sign."""
    from babel.numbers import format_decimal

    pattern = "0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=f"+{pattern};-{pattern}" if signed else pattern,
                          locale=language_or_default(language))


def grouped(language: str, value: int) -> str:
    """A whole number with the language's digit grouping ("12,345"; "12.345" in Spanish)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language_or_default(language))


# The pattern of a date written out (Unicode CLDR date pattern): each language's catalog has its own.
DAY_PATTERN = N_("d MMMM y")


def day(language: str, when) -> str:
    """A date written out in the language: "1 December 2026", "1 de diciembre de 2026"."""
    from babel.dates import format_date

    return format_date(when, format=gettext(language, DAY_PATTERN), locale=language_or_default(language))


# The pattern of a moment written out (a date and a time, CLDR), per language through its catalog.
MOMENT_PATTERN = N_("d MMM y, HH:mm")


def moment(language: str, when) -> str:
    """"3 Dec 2019, 14:05"; "3 dic 2019, 14:05" in Spanish (in the time zone ``when`` carries)."""
    from babel.dates import format_datetime

    return format_datetime(when, gettext(language, MOMENT_PATTERN), tzinfo=when.tzinfo,
                           locale=language_or_default(language)).replace(".", "")


def load_every_language() -> None:
    """Every language's catalogue and Babel's locale data (numbers, dates), read once when the server
    starts: read lazily, they cost the first learners of the first class about 3 MB of pickles to load."""
    from datetime import datetime, timezone

    when = datetime.now(timezone.utc)
    for code in LANGUAGES:
        number(code, 1.5, 1, signed=True)
        grouped(code, 1000)
        day(code, when)
        moment(code, when)
