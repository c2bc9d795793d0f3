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


APP_CASES = ["ads.yaml not valid YAML", "quiz face deleted", "manifest replaced by binary bytes",
             "about.md with an image from outside"]


@pytest.mark.parametrize("name", APP_CASES)
def test_the_app_on_broken_content_shows_clear_pages_and_keeps_the_rest(name, tmp_path):
    """The real app started on the broken copy: no traceback; the teacher is offered exactly the parts
    that still work; a student of a class opening a stopped part gets a clear page and a way on."""
    case = next(c for c in CASES if c.name == name)
    root = break_content.broken_copy(case, tmp_path)
    seen = break_content.what_people_see(root, tmp_path / "app.db")
    assert "error" not in seen, seen
    assert not any(view[2] for view in seen.values()), seen  # no traceback anywhere
    offered = set(seen["teacher"][3])
    from telltale import parts
    fine = {parts.title(p) for p in parts.CHOOSABLE if p not in case.stops}
    assert offered == fine
    if "part" in seen:
        title, said, _ = seen["part"]
        assert "cannot be shown right now" in said
    if "about" in case.stops:  # the science text is left out; the image credits are still listed
        title, said, _, tables = seen["about"]
        assert "cannot be shown right now" in said and tables == 1


PICTURE_PROBE = r"""
import json, sys
from pathlib import Path
from streamlit.testing.v1 import AppTest
from telltale import course
from telltale.library import load_library
from telltale.storage import Store, make_engine

app, database = sys.argv[1], sys.argv[2]
store = Store(make_engine(f"sqlite:///{database}"))
token, learner = store.create_learner(course.default_plan(["pretest"]), section="pretest")
at = AppTest.from_file(app, default_timeout=120)
at.query_params["t"] = token
at.run()  # the content check at start finds nothing wrong
library = load_library()
first = course.questions_for("pretest", learner.plan, learner.seed, library.items)[0].items[0]
library.path(first).unlink()  # ... then the picture of the first question disappears
at.switch_page("app_pages/pretest.py").run()
print(json.dumps({"titles": [title.value for title in at.title], "exception": bool(at.exception),
                  "warnings": [w.value for w in at.warning], "radios": len(at.radio),
                  "answers": store.answer_count(learner.id, "pretest")}))
"""


def test_a_picture_gone_while_the_app_runs_gives_a_clear_message_and_no_grade(tmp_path):
    import json
    import os
    import subprocess
    import sys

    case = next(c for c in CASES if c.name == "stray image nobody lists")
    root = break_content.broken_copy(case, tmp_path)
    (root / "images" / "faces" / "fzzzzzzz.jpg").unlink()  # a clean copy: the check at start passes
    env = {**os.environ, "TELLTALE_CONTENT_DIR": str(root), "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}"}
    done = subprocess.run([sys.executable, "-c", PICTURE_PROBE, str(break_content.ROOT / "app.py"),
                           str(tmp_path / "app.db")], env=env, cwd=break_content.ROOT, capture_output=True,
                          text=True, timeout=600)
    seen = json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])
    assert "This question's picture is missing" in seen["titles"] and not seen["exception"]
    assert seen["radios"] == 0 and seen["answers"] == 0  # no question to answer, nothing graded
