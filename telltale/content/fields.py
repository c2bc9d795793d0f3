"""Strict field checks for content mappings: unknown, missing and mistyped fields become Problems."""
from __future__ import annotations

from typing import Any

from telltale.content.problems import Problem
from telltale.content.yamlfile import LineDict

TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", list: "a list",
              dict: "a mapping", bool: "true or false"}


def describe(kind) -> str:
    if isinstance(kind, tuple):
        return " or ".join(TYPE_NAMES.get(k, k.__name__) for k in kind)
    return TYPE_NAMES.get(kind, kind.__name__)


class FieldChecker:
    """Collects problems for one file; `where` builds 'file:line item ID field NAME'."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def where(self, mapping: Any, field: str | None = None, label: str = "") -> str:
        line = mapping.line_of(field) if isinstance(mapping, LineDict) and field else getattr(mapping, "line", 0)
        text = f"{self.file}:{line}" if line else self.file
        if label:
            text += f" {label}"
        if field:
            text += f" field {field}"
        return text

    def add(self, mapping: Any, field: str | None, label: str, message: str) -> None:
        self.problems.append(Problem(self.where(mapping, field, label), message))

    def fields(self, mapping: Any, label: str, required: dict, optional: dict | None = None) -> bool:
        """Check a mapping's field names and types; False if it is not usable at all."""
        optional = optional or {}
        if not isinstance(mapping, dict):
            self.problems.append(Problem(f"{self.file} {label}".strip(), "must be a mapping of fields"))
            return False
        for name in mapping:
            if name not in required and name not in optional:
                known = ", ".join(sorted({**required, **optional}))
                self.add(mapping, name, label, f"unknown field (known fields: {known})")
        ok = True
        for name, kind in required.items():
            if name not in mapping or mapping[name] is None:
                self.add(mapping, None, label, f"missing required field '{name}'")
                ok = False
            elif not self._is(mapping[name], kind):
                self.add(mapping, name, label, f"must be {describe(kind)}, not {mapping[name]!r}")
                ok = False
        for name, kind in optional.items():
            if mapping.get(name) is not None and not self._is(mapping[name], kind):
                self.add(mapping, name, label, f"must be {describe(kind)}, not {mapping[name]!r}")
                ok = False
        return ok

    @staticmethod
    def _is(value: Any, kind) -> bool:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            return False
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            return True
        return isinstance(value, kinds)

    def one_of(self, mapping: Any, field: str, label: str, allowed) -> bool:
        value = mapping.get(field)
        if value is not None and value not in allowed:
            self.add(mapping, field, label, f"{value!r} is not one of: {', '.join(map(str, allowed))}")
            return False
        return True

    def unique(self, mappings: list, field: str, what: str) -> None:
        seen: dict = {}
        for mapping in mappings:
            if not isinstance(mapping, dict) or mapping.get(field) is None:
                continue
            key = mapping[field]
            if key in seen:
                self.add(mapping, field, f"{what} {key}", f"duplicate id (first used on line {seen[key]})")
            else:
                seen[key] = getattr(mapping, "line", 0)
