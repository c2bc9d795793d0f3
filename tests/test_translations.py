"""Every interface message has its translation: the messages are extracted from the source with
Babel (the settings of babel.cfg, as `pybabel extract` uses them) and looked up in each language's
catalog. A message missing, untranslated or fuzzy, or whose placeholders differ from the English,
is named with its file and line."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from telltale import i18n

ROOT = Path(__file__).resolve().parent.parent
OTHER_LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]
KEYWORDS = {*DEFAULT_KEYWORDS, "N_"}  # the functions whose messages pybabel extracts
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifr]")  # {name}, %s, %(name)d


def extracted_messages() -> list[tuple[str, int, str | tuple[str, ...]]]:
    """(file, line, message) for every message in the source, as `pybabel extract -F babel.cfg` finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}  # -k N_ (KEYWORDS)
    found = []
    for filename, line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map,
                                                                          keywords=keywords):
        found.append((filename, line, message))
    return found


def catalog(language: str) -> Catalog:
    with open(i18n.catalog_path(language), "rb") as po:
        return read_po(po, locale=language)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def translation_problems(messages, translated: Catalog) -> list[str]:
    """What is wrong with the catalog for these (file, line, message): one line per problem."""
    problems = []
    for filename, line, message in messages:
        where = f"{filename}:{line}"
        singular = message[0] if isinstance(message, tuple) else message
        entry = translated.get(singular)
        if entry is None:
            problems.append(f"{where}: {singular!r} is not in the {translated.locale} catalog (run pybabel "
                            "extract and update, see telltale/i18n.py)")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            problems.append(f"{where}: {singular!r} is {'fuzzy' if entry.fuzzy else 'not translated'} in the "
                            f"{translated.locale} catalog")
            continue
        english = message if isinstance(message, tuple) else (message,)
        for index, text in enumerate(strings):
            source = english[min(index, len(english) - 1)]
            if placeholders(text) != placeholders(source):
                problems.append(f"{where}: {singular!r} has placeholders {placeholders(source)} but its "
                                f"{translated.locale} translation {text!r} has {placeholders(text)}")
    return problems


@pytest.fixture(scope="module")
def messages():
    return extracted_messages()


def test_the_extraction_reads_every_part_of_the_interface(messages):
    files = {filename for filename, _line, _message in messages}
    assert {"app.py", "app_pages/welcome.py", "app_pages/views/faces.py", "telltale/results.py",
            "telltale/ads/render.py", "telltale/certificate.py"} <= files
    assert len(messages) > 500


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(messages, language):
    problems = translation_problems(messages, catalog(language))
    assert not problems, f"{len(problems)} translation problem(s):\n" + "\n".join(problems)


def messages_inside_f_strings() -> list[str]:
    """_("...") written inside an f-string: pybabel does not extract it, so it would never be translated."""
    found = []
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/**/*.py"), *ROOT.glob("telltale/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                name = getattr(getattr(call, "func", None), "id", None) or getattr(getattr(call, "func", None), "attr", None)
                if (isinstance(call, ast.Call) and name in KEYWORDS and call.args
                        and any(isinstance(arg, ast.Constant) for arg in call.args)):
                    found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    return found


def test_no_message_is_written_inside_an_f_string():
    assert messages_inside_f_strings() == []


def test_a_missing_or_changed_translation_is_named_with_its_file_and_line():
    spanish = Catalog(locale="es")
    spanish.add("Start the course", "Empezar el curso")
    spanish.add("Class {code}", "Clase {codigo}")
    spanish.add("Next", "Siguiente", flags=["fuzzy"])
    messages = [("app_pages/welcome.py", 30, "Start the course"), ("app_pages/join.py", 12, "Join"),
                ("app_pages/views/session.py", 7, "Class {code}"), ("app_pages/tells.py", 9, "Next")]
    assert translation_problems(messages, spanish) == [
        "app_pages/join.py:12: 'Join' is not in the es catalog (run pybabel extract and update, see telltale/i18n.py)",
        "app_pages/views/session.py:7: 'Class {code}' has placeholders ['{code}'] but its es translation "
        "'Clase {codigo}' has ['{codigo}']",
        "app_pages/tells.py:9: 'Next' is fuzzy in the es catalog"]


def test_the_app_reads_the_spanish_catalog_at_run_time():
    assert i18n.gettext("es", "Start the course") == "Empezar el curso"
    assert i18n.ngettext("es", "{count} comment", "{count} comments", 3) == "{count} comentarios"
    assert i18n.gettext("en", "Start the course") == "Start the course"
