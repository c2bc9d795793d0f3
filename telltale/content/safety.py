"""Rules every content file obeys before anything reads it further, whoever wrote it.

Content is data from a public repository that anyone may fork and edit, and a teacher may
drop in a changed file. So the readers refuse, quickly and with file and line:
- files larger than MAX_FILE_BYTES (a lesson is tens of kilobytes), files that are not UTF-8
  text, and YAML anchors and aliases (a 1 KB "alias bomb" expands to gigabytes; no lesson
  needs them);
- in any text: control characters, bidirectional overrides and isolates (they make text read
  differently from what it says), and invisible characters (zero-width spaces and joiners);
- in text shown as Markdown (the tells, clue notes, about.md): images, links and raw HTML. The
  app makes no outbound network calls, and a picture or link in a note would make the
  learner's browser call out (or run a javascript: address); the lessons need only emphasis,
  lists and paragraphs;
- image licences outside LICENCES: the app shows credits for every picture and may only show
  pictures whose licence allows it.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from telltale.content.problems import ContentError, Problem

MAX_FILE_BYTES = 512 * 1024
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
MAX_NOTE_LENGTH = 4000  # characters in one Markdown text (the longest lesson step has about 900)

# Licences under which the face library may be shown with credits (as the manifest writes them).
LICENCES = (
    "CC BY-NC-SA 2.0",
    "Apache-2.0 (MobileStyleGAN weights in random-face)",
    "MIT (openpeople 0.1.2)",
)

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE = set("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")
_MARKDOWN_RULES = (
    (re.compile(r"!\["), "has a Markdown image; lessons show only the app's own pictures"),
    (re.compile(r"\]\s*[\(\[]"), "has a Markdown link; lessons link nowhere (the app makes no outbound calls)"),
    (re.compile(r"^\s{0,3}\[[^\]]+\]:", re.MULTILINE), "has a Markdown link definition; lessons link nowhere"),
    (re.compile(r"<\s*/?\s*[A-Za-z!?]"), "has HTML or an autolink (<...>); lessons use plain Markdown only"),
    (re.compile(r"\b(?:https?|ftp|javascript|data|vbscript|file|mailto):", re.IGNORECASE),
     "has a web address or script address; lessons link nowhere"),
    (re.compile(r"\bwww\.", re.IGNORECASE), "has a web address; lessons link nowhere"),
)


def read_text(path: Path, where: str, limit: int = MAX_FILE_BYTES) -> str:
    """A content file's text; ContentError if it is missing, too large or not UTF-8 text."""
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        raise ContentError([Problem(where, f"cannot read the file ({error.strerror or error})")]) from None
    if size > limit:
        raise ContentError([Problem(where, f"the file is {size:,} bytes; a content file may have at most "
                                           f"{limit:,}")])
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ContentError([Problem(f"{where}:{line}", "is not UTF-8 text (is it a binary file?)")]) from None
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise ContentError([Problem(f"{where}:{line}", "has a NUL byte: it is not a text file")])
    return text


def refuse_aliases(text: str, where: str) -> None:
    """ContentError naming the line of the first YAML anchor or alias (tokens only: nothing is expanded)."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                kind = "an anchor (&)" if isinstance(token, yaml.AnchorToken) else "an alias (*)"
                raise ContentError([Problem(f"{where}:{token.start_mark.line + 1}",
                                            f"has {kind}; content files may not use YAML anchors or aliases, "
                                            "write the text out instead")])
    except yaml.YAMLError:
        return  # not valid YAML: the reader reports it with its line


def character_problems(text: str) -> list[str]:
    """What is wrong with the characters of one text (any field): control, bidi, invisible."""
    found = []
    for ch in sorted(set(text)):
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        if ch in _BIDI:
            found.append(f"has the bidirectional control {name} (U+{ord(ch):04X}), which makes text read "
                         "differently from what it says")
        elif unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            found.append(f"has the control character U+{ord(ch):04X}")
        elif ch in _INVISIBLE or unicodedata.category(ch) == "Cf":
            found.append(f"has the invisible character {name} (U+{ord(ch):04X})")
    return found


def markdown_problems(text: str, limit: int = MAX_NOTE_LENGTH) -> list[str]:
    """What is wrong with a text shown as Markdown: its characters, images, links, HTML, length."""
    found = character_problems(text)
    if len(text) > limit:
        found.append(f"is {len(text):,} characters long; at most {limit:,} fit")
    found.extend(message for pattern, message in _MARKDOWN_RULES if pattern.search(text))
    return found


def licence_problem(licence: str) -> str | None:
    if licence in LICENCES:
        return None
    return f"licence {licence!r} is not one the app may show; allowed: {'; '.join(LICENCES)}"
