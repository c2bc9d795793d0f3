"""lessons/about.md, the science and credits page: one Markdown file per language.

The English text is lessons/about.md; another language's is lessons/about.<code>.md
(lessons/about.es.md). Whoever shows the page or checks it reads the file of the language.
"""
from __future__ import annotations

from pathlib import Path

from telltale import LESSONS_DIR, i18n
from telltale.content import safety
from telltale.content.problems import ContentError, Problem

MAX_LENGTH = 20_000  # characters of the page


def about_name(language: str = i18n.DEFAULT) -> str:
    """The file name of the page in ``language``: about.md, about.es.md."""
    language = i18n.language_or_default(language)
    return "about.md" if language == i18n.DEFAULT else f"about.{language}.md"


def default_name(place: str) -> str:
    """The English file of a language's about file ("lessons/about.es.md" -> "lessons/about.md"): the parts
    of the course name the files they need in English (telltale.parts)."""
    for language in i18n.LANGUAGES:
        translated = about_name(language)
        if language != i18n.DEFAULT and place.endswith("/" + translated):
            return place[: -len(translated)] + about_name()
    return place


def about_problems(lessons_dir: Path = LESSONS_DIR, languages=tuple(i18n.LANGUAGES)) -> list[Problem]:
    """Every problem of the page's files in ``languages``: missing, unreadable, or Markdown the page
    does not allow (images, links, HTML: telltale.content.safety)."""
    problems: list[Problem] = []
    for language in languages:
        path = Path(lessons_dir) / about_name(language)
        source = f"lessons/{path.name}"
        try:
            text = safety.read_text(path, source)
        except ContentError as error:
            problems += error.problems
            continue
        problems += [Problem(source, message) for message in safety.markdown_problems(text, limit=MAX_LENGTH)]
    return problems
