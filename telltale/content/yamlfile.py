"""Read a YAML content file keeping line numbers, so every problem can say where it is."""
from __future__ import annotations

from pathlib import Path

import yaml

from telltale import ROOT
from telltale.content import safety
from telltale.content.problems import ContentError, Problem


class LineDict(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            # PyYAML would silently keep the last one; a duplicated field is a mistake.
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate field {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def display_path(path: Path | str) -> str:
    """A path as problems show it: relative to the repository when inside it, as a reader would type it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def load_yaml(path: Path) -> LineDict:
    """Parse a content file; a syntax error becomes a ContentError naming file and line."""
    where = display_path(path)
    text = safety.read_text(Path(path), where)
    safety.refuse_aliases(text, where)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError([Problem(f"{where}{line}", f"not valid YAML: {problem}")]) from None
    if not isinstance(data, LineDict):
        raise ContentError([Problem(where, "the file must be a mapping of fields at the top level")])
    return data
