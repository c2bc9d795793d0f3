"""The shape of the code, read from its source: imports go one way, the engine imports no Streamlit,
the course's parts are listed once and page paths appear only in that list."""
from __future__ import annotations

import ast
from pathlib import Path

from telltale import parts

ROOT = Path(__file__).resolve().parent.parent
# The UI's layers (app_pages/views/__init__.py): a module imports only from layers before its own.
# Every other view (a step kind's, a screen's pieces) is in STEP_VIEWS.
VIEW_LAYERS = {"language": 0, "cached": 1, "navigation": 1, "session": 2,
               "tells": 4, "teaching": 4,  # they show the face steps' clue list / the lab's and ads' content
               "dashboard": 5}  # the teacher's class, with the kit's prompts
STEP_VIEWS = 3


def layer(view: str) -> int:
    return VIEW_LAYERS.get(view, STEP_VIEWS)


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    names = list(relative.parts)
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


def project_modules() -> dict[str, Path]:
    files = [*ROOT.glob("telltale/**/*.py"), *ROOT.glob("app_pages/views/*.py")]
    return {module_name(path): path for path in files}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every project module this file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in known)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {name: imports_of(path, known) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target] if target in path else [node, target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_the_import_graph_has_no_circle():
    graph = import_graph()
    assert "app_pages.views.session" in graph and "telltale.storage" in graph  # the graph is really read
    assert cycles(graph) == []


def test_the_views_import_downwards_only():
    graph = import_graph()
    views = {name.rsplit(".", 1)[-1]: name for name in graph if name.startswith("app_pages.views.")}
    assert set(VIEW_LAYERS) <= set(views) and "faces" in views
    for short, name in views.items():
        for target in graph[name]:
            if target.startswith("app_pages.views."):
                assert layer(target.rsplit(".", 1)[-1]) < layer(short), f"{name} imports {target}"


def test_the_engine_imports_no_streamlit_and_nothing_of_the_ui():
    for name, path in project_modules().items():
        if not name.startswith("telltale"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(m.split(".")[0] in ("streamlit", "app_pages") for m in modules), f"{name}: {modules}"


def string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


def app_sources() -> list[Path]:
    return [ROOT / "app.py", *ROOT.glob("app_pages/**/*.py"), *ROOT.glob("telltale/**/*.py")]


def test_page_paths_are_written_only_in_the_registry():
    registry = ROOT / "telltale" / "parts.py"
    for path in app_sources():
        if path == registry:
            continue
        for node in string_constants(path):
            assert not (node.value.startswith("app_pages/") and node.value.endswith(".py")), \
                f"{path.relative_to(ROOT)}:{node.lineno} names a page file: {node.value}"


def test_the_list_of_course_parts_is_written_once():
    """No literal list, tuple, set or dict of three or more part ids outside telltale/parts.py."""
    ids = set(parts.BY_ID)
    registry = ROOT / "telltale" / "parts.py"
    for path in app_sources():
        if path == registry:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            elements = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
            if not isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) or not elements:
                continue
            named = [e.value for e in elements if isinstance(e, ast.Constant) and e.value in ids]
            assert len(named) < 3, f"{path.relative_to(ROOT)}:{node.lineno} lists course parts: {named}"


def test_every_part_has_its_page_and_every_page_its_part():
    pages = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("app_pages/*.py") if p.name != "__init__.py"}
    assert {part.page for part in parts.PARTS} == pages
    assert len({part.url_path for part in parts.PARTS}) == len(parts.PARTS)
    assert all(part.onward for part in parts.PARTS if part.in_course and part.id != parts.COURSE[0])


def test_the_engine_layers_import_downwards():
    """content/ (reading lesson files) is the bottom: it imports no other part of the engine but
    images and i18n, the list of languages (its commands, build and __main__, are the top); steps/ and the submit function sit
    above storage, never below it."""
    graph = import_graph()
    commands = ("telltale.content.build", "telltale.content.__main__")
    for name, targets in graph.items():
        if name.startswith("telltale.content") and name not in commands:
            above = {t for t in targets if t.startswith("telltale.") and
                     not t.startswith(("telltale.content", "telltale.images", "telltale.i18n"))}
            assert not above, f"{name} imports {above}"
        if name.startswith("telltale.storage"):
            assert not {t for t in targets if t.startswith(("telltale.steps", "telltale.answering"))}
