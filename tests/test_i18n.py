"""The language machinery: gettext catalogs for the interface, ``*_es`` siblings for lesson text."""
from telltale import i18n
from telltale.content import reader


def read_entry(text: str, language: str):
    r, root = reader.parse(text, "lessons/example.yaml", language)
    fields = r.mapping(reader.child(root, "item"), "item one", None, ("id", "summary"), ("note",),
                       translated=("summary", "note"))
    return r, fields


def test_a_translated_field_gives_the_readers_language():
    text = "item:\n  id: one\n  summary: A ghost face\n  summary_es: Una cara fantasma\n"
    r, fields = read_entry(text, "es")
    assert r.text(fields["summary"], "item one", "summary") == "Una cara fantasma"
    r, fields = read_entry(text, "en")
    assert r.text(fields["summary"], "item one", "summary") == "A ghost face"
    assert not r.problems and "summary_es" not in fields


def test_a_missing_translation_is_named_with_file_line_and_field():
    r, _ = read_entry("item:\n  id: one\n  summary: A ghost face\n  note: Look at the ear\n"
                      "  note_es: Mira la oreja\n", "es")
    assert [str(p) for p in r.problems] == [
        "lessons/example.yaml:3 item one field summary_es: missing Español text for 'summary' "
        "(add 'summary_es' beside it)"]


def test_a_translation_without_its_english_field_is_a_problem_in_every_language():
    for language in i18n.LANGUAGES:
        r, _ = read_entry("item:\n  id: one\n  summary: A\n  summary_es: B\n  note_es: Mira\n", language)
        assert any("note_es" in str(p) and "'note', which is missing" in str(p) for p in r.problems)


def test_an_untranslated_field_keeps_rejecting_unknown_siblings():
    r, fields = read_entry("item:\n  id: one\n  id_es: uno\n  summary: A\n  summary_es: B\n", "en")
    assert any("id_es" in str(p) and "unknown field" in str(p) for p in r.problems)


def test_unknown_languages_fall_back_to_the_default():
    assert i18n.language_or_default("ES") == "es"
    assert i18n.language_or_default("xx") == i18n.DEFAULT
    assert i18n.language_or_default(None) == i18n.DEFAULT
    assert i18n.gettext("en", "Real or AI?") == "Real or AI?"
