"""Issue 9: content broken in 50 ways is found by the check (file, line, item, field), and stops
only the parts of the course that need it. scripts/break_content.py prints the same cases as a
table, with what a learner and a teacher see in the app."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "break_content.py"
spec = importlib.util.spec_from_file_location("break_content", SCRIPT)
break_content = importlib.util.module_from_spec(spec)
sys.modules["break_content"] = break_content  # its dataclasses look their module up
spec.loader.exec_module(break_content)
CASES = break_content.cases()


def test_there_are_at_least_40_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_content_is_found_and_stops_only_what_needs_it(case, tmp_path):
    root = break_content.broken_copy(case, tmp_path)
    report = break_content.check(root)
    assert report.problems, "silently accepted"
    assert any(case.file in str(problem) for problem in report.problems), [str(p) for p in report.problems]
    assert set(report.broken) == set(case.stops)
