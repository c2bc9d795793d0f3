"""The one reader of lesson files (tells.yaml, faces.yaml, ads.yaml, network.yaml).

A file is read once: its text is checked (size, UTF-8, no YAML anchors or aliases:
telltale/content/safety.py) and composed into YAML nodes, which keep their line. A loader then
walks the nodes with a ``Reader``, which converts each value to the type the field needs and
records every problem as ``file:line item field``, e.g.
``lessons/ads.yaml:42 example heartland-patriots field red_flags[1].part``; the loader raises
one ``ContentError`` with all of them at the end (``Reader.finish``).

Each conversion returns the value, or None after recording why it cannot be used, so a loader
goes on and reports the rest of the file too.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from telltale import ROOT, i18n
from telltale.content import safety
from telltale.content.problems import ContentError, Problem

MAX_SHORT = 120  # characters of a name, an id or a label
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")


def display_path(path: Path | str) -> str:
    """A path as problems show it: relative to the repository when inside it, as a reader would type it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def join(field: str | None, name: str | int) -> str:
    """The path of a field inside another: ``join("clues", 0)`` is ``clues[0]``, then ``clues[0].box``."""
    if isinstance(name, int):
        return f"{field}[{name}]"
    return f"{field}.{name}" if field else name


def child(node: Node | None, key: str) -> Node | None:
    """The value node of ``key`` in a mapping node, or None."""
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


class Reader:
    """Walks the YAML nodes of one file, converting values and collecting problems."""

    def __init__(self, source: str, language: str = i18n.DEFAULT):
        self.source = source  # the file as problems name it
        self.language = language  # the language whose text ``mapping`` gives for translated fields
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()
        self._translations: dict[int, str] = {}  # id of a node read in place of its field -> that node's field suffix

    # -- reporting -------------------------------------------------------------------
    def where(self, node: Node | None, item: str = "", field: str | None = None) -> str:
        text = self.source if node is None else f"{self.source}:{node.start_mark.line + 1}"
        if item:
            text += f" {item}"
        if field:
            text += f" field {field}"
        return text

    def bad(self, node: Node | None, item: str, field: str | None, message: str) -> None:
        if field and node is not None and id(node) in self._translations:
            field += self._translations[id(node)]  # a problem in the Spanish text names summary_es, not summary
        self.problems.append(Problem(self.where(node, item, field), message))

    def finish(self) -> None:
        """Raise one ContentError with every problem found, if any."""
        if self.problems:
            raise ContentError(self.problems)

    # -- conversion ------------------------------------------------------------------
    def value(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self._constructor.construct_object(node)
        if isinstance(node, SequenceNode):
            return [self.value(n) for n in node.value]
        return {self.value(k): self.value(v) for k, v in node.value}

    def describe(self, node: Node) -> str:
        if isinstance(node, MappingNode):
            return "a mapping"
        if isinstance(node, SequenceNode):
            return "a list"
        value = self.value(node)
        if value is None:
            return "nothing (null)"
        if isinstance(value, bool):
            return f"{str(value).lower()} (true/false)"
        if isinstance(value, datetime):
            return f"{value.isoformat()} (a date and time)"
        if isinstance(value, date):
            return f"{value.isoformat()} (a date)"
        if isinstance(value, (int, float)):
            return f"{value!r} (a number)"
        text = str(value)
        return repr(text if len(text) <= 40 else text[:37] + "...")

    def _scalar(self, node: Node) -> Any:
        return self.value(node) if isinstance(node, ScalarNode) else None

    @staticmethod
    def is_null(node: Node | None) -> bool:
        return node is None or (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null")

    # -- shapes ----------------------------------------------------------------------
    def mapping(self, node: Node, item: str, field: str | None,
                required: tuple[str, ...], optional: tuple[str, ...] = (),
                translated: tuple[str, ...] = ()) -> dict[str, Node] | None:
        """The field nodes of a mapping; unknown, repeated and missing fields are problems.

        ``translated`` names the fields (among required and optional) that hold text a learner
        reads: each has a sibling per other language (``summary_es``) with the same shape. The
        reader's language decides which node the field's name gives; a translation missing for
        the reader's language, or one without its English field, is a problem."""
        if not isinstance(node, MappingNode):
            self.bad(node, item, field, f"must be a mapping of fields, found {self.describe(node)}")
            return None
        siblings = {translated_name(name, language): name
                    for name in translated for language in i18n.LANGUAGES if language != i18n.DEFAULT}
        known = required + optional + tuple(siblings)
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node)
            if not isinstance(key, str):
                self.bad(key_node, item, field, "field names must be text")
                continue
            if key in fields:
                self.bad(key_node, item, join(field, key),
                         f"field appears twice (first on line {fields[key].start_mark.line + 1})")
                continue
            if key not in known:
                hint = difflib.get_close_matches(key, known, n=1)
                did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.bad(key_node, item, join(field, key),
                         f"unknown field{did_you_mean}; known fields: {', '.join(known)}")
                continue
            fields[key] = value_node
        for name in required:
            if name not in fields:
                self.bad(node, item, join(field, name), f"missing field '{name}'")
        for sibling, name in siblings.items():
            if sibling in fields and name not in fields:
                self.bad(fields[sibling], item, join(field, sibling), f"a translation of '{name}', which is missing")
        if self.language != i18n.DEFAULT:
            for name in translated:
                if name not in fields or self.is_null(fields[name]):
                    continue  # nothing to translate: an absent or null field stays so in every language
                sibling = translated_name(name, self.language)
                if sibling in fields:
                    if self._same_shape(fields[name], fields[sibling], item, join(field, sibling)):
                        fields[name] = fields[sibling]
                        self._translations[id(fields[sibling])] = sibling[len(name):]
                else:
                    self.bad(fields[name], item, join(field, sibling),
                             f"missing {i18n.LANGUAGES[self.language]} text for '{name}' "
                             f"(add '{sibling}' beside it)")
        for sibling in siblings:
            fields.pop(sibling, None)
        return fields

    def _same_shape(self, english: Node, translated: Node, item: str, field: str) -> bool:
        """A translation has the shape of its English field: a list as long, a mapping with the same keys
        (the English field says what the lesson holds; its translation only says it in another language)."""
        if isinstance(english, SequenceNode) and isinstance(translated, SequenceNode):
            if len(english.value) == len(translated.value):
                return True
            self.bad(translated, item, field, f"has {len(translated.value)} item(s); the English field has "
                                              f"{len(english.value)}")
            return False
        if isinstance(english, MappingNode) and isinstance(translated, MappingNode):
            keys = [self._scalar(k) for k, _ in english.value]
            found = [self._scalar(k) for k, _ in translated.value]
            if sorted(map(str, keys)) == sorted(map(str, found)):
                return True
            self.bad(translated, item, field, f"must have the keys of the English field ({', '.join(map(str, keys))}), "
                                              f"found {', '.join(map(str, found)) or 'none'}")
            return False
        if type(english) is not type(translated) or self.is_null(translated):
            self.bad(translated, item, field, f"must have the shape of the English field, found "
                                              f"{self.describe(translated)}")
            return False
        return True

    def sequence(self, node: Node, item: str, field: str, min_items: int = 0) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.bad(node, item, field, f"must be a list, found {self.describe(node)}")
            return None
        if len(node.value) < min_items:
            self.bad(node, item, field, f"must have at least {min_items} item(s), found {len(node.value)}")
        return list(node.value)

    def entries(self, node: Node, field: str, kind: str, key: str, min_items: int = 0) -> list[tuple[str, Node]]:
        """The entries of a list of mappings, each with its label (``kind`` and its ``key``, e.g.
        "item fq3k9x2a", or "item #3" without one); an entry repeating a key is reported and left out."""
        found = []
        first_line: dict[Any, int] = {}
        for index, entry in enumerate(self.sequence(node, "", field, min_items) or []):
            key_node = child(entry, key)
            if not isinstance(key_node, ScalarNode):
                found.append((f"{kind} #{index + 1}", entry))
                continue
            label = f"{kind} {key_node.value}"
            if key_node.value in first_line:
                self.bad(key_node, label, key, f"duplicate {key} (first on line {first_line[key_node.value]})")
                continue
            first_line[key_node.value] = key_node.start_mark.line + 1
            found.append((label, entry))
        return found

    # -- values ----------------------------------------------------------------------
    def _words(self, node: Node, item: str, field: str) -> str | None:
        """Text that says something: not a number, date, yes/no or blank."""
        value = self._scalar(node)
        if not isinstance(value, str):
            self.bad(node, item, field, f"must be text, found {self.describe(node)} "
                                        "(put quotes around text that looks like a number, date or yes/no)")
            return None
        if not value.strip():
            self.bad(node, item, field, "must not be empty")
            return None
        return value

    def text(self, node: Node, item: str, field: str, max_len: int = MAX_SHORT) -> str | None:
        """One line or paragraph of plain text: no spaces around it, no control, bidi or invisible characters."""
        value = self._words(node, item, field)
        if value is None:
            return None
        if len(value) > max_len:
            self.bad(node, item, field, f"is {len(value)} characters long; at most {max_len} fit")
            return None
        if value != value.strip():
            self.bad(node, item, field, "must not start or end with spaces or blank lines")
            return None
        wrong_characters = safety.character_problems(value)
        for message in wrong_characters:
            self.bad(node, item, field, message)
        return None if wrong_characters else value

    def markdown(self, node: Node, item: str, field: str, max_len: int = safety.MAX_NOTE_LENGTH) -> str | None:
        """Text shown as Markdown (a block of several lines may end with a newline): only the Markdown
        the lessons need, no images, links or HTML (telltale/content/safety.py). Returned stripped."""
        value = self._words(node, item, field)
        if value is None:
            return None
        wrong = safety.markdown_problems(value, max_len)
        for message in wrong:
            self.bad(node, item, field, message)
        return None if wrong else value.strip()

    def integer(self, node: Node, item: str, field: str, minimum: int = 0, maximum: int | None = None) -> int | None:
        value = self._scalar(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(node, item, field, f"must be a whole number, found {self.describe(node)}")
            return None
        if value < minimum or (maximum is not None and value > maximum):
            limits = f"from {minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
            self.bad(node, item, field, f"must be {limits}, found {value}")
            return None
        return value

    def number(self, node: Node, item: str, field: str) -> float | None:
        value = self._scalar(node)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(node, item, field, f"must be a number, found {self.describe(node)}")
            return None
        return float(value)

    def boolean(self, node: Node, item: str, field: str) -> bool | None:
        value = self._scalar(node)
        if not isinstance(value, bool):
            self.bad(node, item, field, f"must be true or false, found {self.describe(node)}")
            return None
        return value

    def day(self, node: Node, item: str, field: str) -> date | None:
        value = self._scalar(node)
        if isinstance(value, datetime) or not isinstance(value, date):
            self.bad(node, item, field, f"must be a date like 2024-05-31, found {self.describe(node)}")
            return None
        return value

    def moment(self, node: Node, item: str, field: str) -> datetime | None:
        value = self._scalar(node)
        if not isinstance(value, datetime):
            self.bad(node, item, field,
                     f"must be a date and time like 2024-05-31T14:05:00Z, found {self.describe(node)}")
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            self.bad(node, item, field, "must give its time zone, e.g. end with Z for UTC")
            return None
        return value

    def choice(self, node: Node, item: str, field: str, options: tuple) -> Any:
        value = self._scalar(node)
        if isinstance(value, bool) or value not in options:
            self.bad(node, item, field, f"must be one of {', '.join(map(str, options))}; found {self.describe(node)}")
            return None
        return value

    def choices(self, node: Node, item: str, field: str, options: tuple, min_items: int = 1) -> tuple | None:
        """A list of values, each one of ``options``."""
        nodes = self.sequence(node, item, field, min_items)
        if nodes is None:
            return None
        values = [self.choice(n, item, join(field, i), options) for i, n in enumerate(nodes)]
        return None if None in values or len(values) < min_items else tuple(values)

    def colour(self, node: Node, item: str, field: str) -> str | None:
        value = self._scalar(node)
        if not isinstance(value, str) or not COLOUR_PATTERN.match(value):
            self.bad(node, item, field, f"must be a colour like \"#1d4e89\", found {self.describe(node)} "
                                        "(quote it: # starts a YAML comment)")
            return None
        return value.lower()

    def optional(self, fields: dict[str, Node], name: str, read: Callable[[Node], Any]) -> Any:
        node = fields.get(name)
        return None if self.is_null(node) else read(node)


def translated_name(name: str, language: str) -> str:
    """The field holding ``name`` in ``language``: ``summary_es``; English is the field itself."""
    return name if language == i18n.DEFAULT else f"{name}_{language}"


def version(*paths: Path) -> tuple:
    """Changes whenever one of the files is written, replaced or deleted: the key under which what
    was read from them is kept, so that a file is read again only when it has changed."""
    found = []
    for path in paths:
        try:
            status = Path(path).stat()
        except OSError:
            found.append(None)
            continue
        found.append((status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino))
    return tuple(found)


def parse(text: str, source: str, language: str = i18n.DEFAULT) -> tuple[Reader, Node | None]:
    """The Reader for a file's text (its translated fields read in ``language``) and its root
    mapping node; None (with the problem recorded) when the text is not YAML, uses anchors or
    aliases, or is not a mapping of fields."""
    reader = Reader(source, language)
    try:
        safety.refuse_aliases(text, source)  # an alias bomb would exhaust memory once expanded
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except ContentError as error:
        reader.problems.extend(error.problems)
        return reader, None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = getattr(error, "problem", None) or str(error)
        reader.problems.append(Problem(where, f"not valid YAML: {problem}"))
        return reader, None
    if root is None:
        reader.problems.append(Problem(source, "the file is empty"))
        return reader, None
    if not isinstance(root, MappingNode):
        reader.bad(root, "", None, f"the file must be a mapping of fields at the top level, found "
                                   f"{reader.describe(root)}")
        return reader, None
    return reader, root


@dataclass(frozen=True, eq=False)
class Document:
    """A lesson file as read and parsed once: its YAML nodes, walked by a Reader in each language."""

    source: str
    root: Node | None  # None when the file cannot be read or parsed (see problems)
    problems: tuple[Problem, ...]  # why it cannot

    def reader(self, language: str = i18n.DEFAULT) -> tuple[Reader, Node | None]:
        reader = Reader(self.source, language)
        reader.problems.extend(self.problems)
        return reader, self.root


def document(path: Path | str) -> Document:
    """A lesson file read once per version (safety.read_text: size, UTF-8) and parsed (see ``parse``):
    every language is built from the same nodes, so the file is read once, not once per language."""
    path = Path(path)
    return _document(path, version(path))


@lru_cache(maxsize=32)
def _document(path: Path, file_version: tuple) -> Document:
    source = display_path(path)
    try:
        text = safety.read_text(path, source)
    except ContentError as error:
        return Document(source, None, tuple(error.problems))
    reader, root = parse(text, source)
    return Document(source, root, tuple(reader.problems))


def read(path: Path | str, language: str = i18n.DEFAULT) -> tuple[Reader, Node | None]:
    """A Reader of a lesson file in ``language`` and its root node (see ``document`` and ``parse``)."""
    return document(path).reader(language)


__all__ = ["Document", "Reader", "child", "display_path", "document", "join", "parse", "read", "version"]
