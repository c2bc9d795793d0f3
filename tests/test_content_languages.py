"""Lesson text in every language (issue 13): the loaders give each language's text from the same
files, with the same ids and answers, and a missing translation is a problem with file, line and field."""
from __future__ import annotations

import textwrap

import pytest

from telltale.ads import casegen
from telltale.ads.load import parse_ads, parse_network
from telltale.content import reader
from telltale.content.about import about_name, default_name
from telltale.content.problems import ContentError

from tests.test_ads_content import NETWORK


ADS = textwrap.dedent("""\
    as_of: 2025-10-01
    home_country: Westmark
    flags:
      - id: new-page
        label: Brand-new Page
        label_es: Página recién creada
        description: The Page was created days ago.
        description_es: La Página se creó hace unos días.
    signs:
      - id: long-history
        label: Long history
        label_es: Historia larga
        description: The Page has existed for years.
        description_es: La Página existe desde hace años.
    examples:
      - id: alpha-page
        verdict: inauthentic
        category: issue
        page:
          name: Alpha Page
          avatar: {face: any-gan}
          followers: 100
        text: Share this now!
        text_es: ¡Compártelo ya!
        picture:
          style: gradient
          colors: ["#112233", "#445566"]
          headline: Act now
          headline_es: Actúa ya
        link:
          domain: alpha-news.nv
          title: The plan they hide
          title_es: El plan que esconden
          button: Learn more
          button_es: Más información
        engagement: {reactions: 5000, comments: 2, shares: 900}
        transparency:
          created_on: 2025-09-01
          managers:
            - {country: Norvania, count: 3}
          name_changes: []
          paid_for_by: null
        red_flags:
          - flag: new-page
            part: transparency_created
            explain: The Page is weeks old.
            explain_es: La Página tiene pocas semanas.
      - id: beta-shop
        verdict: authentic
        category: commercial
        page:
          name: Beta Shop
          avatar:
            logo: {initials: BS, background: "#aa5500", foreground: "#ffffff"}
          followers: 900
        text: Open Monday to Friday.
        text_es: Abierto de lunes a viernes.
        picture:
          style: stripes
          colors: ["#112233", "#445566", "#778899"]
          headline: Open all week
          headline_es: Abierto toda la semana
        engagement: {reactions: 50, comments: 4, shares: 1}
        transparency:
          created_on: 2012-01-01
          managers:
            - {country: Westmark, count: 2}
          name_changes: []
          paid_for_by: Beta Shop Ltd, 1 Main Street
          paid_for_by_es: Beta Shop Ltd, calle Mayor 1
        authentic_signs:
          - sign: long-history
            part: transparency_created
            explain: The Page is old.
            explain_es: La Página es antigua.
    """)


def english_only(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if "_es:" not in line)


def line_of(text: str, needle: str) -> int:
    return 1 + next(i for i, line in enumerate(text.splitlines()) if needle in line)


def test_an_ad_reads_in_spanish_with_the_same_ids_verdicts_and_parts():
    english, spanish = parse_ads(ADS), parse_ads(ADS, language="es")
    assert parse_ads(english_only(ADS)) == english  # the Spanish siblings change nothing in English
    alpha = spanish.example("alpha-page")
    assert (alpha.text, alpha.picture.headline) == ("¡Compártelo ya!", "Actúa ya")
    assert (alpha.link.title, alpha.link.button) == ("El plan que esconden", "Más información")
    assert alpha.red_flags[0].explain == "La Página tiene pocas semanas."
    assert spanish.flags["new-page"].label == "Página recién creada"
    assert spanish.example("beta-shop").transparency.paid_for_by == "Beta Shop Ltd, calle Mayor 1"
    assert english.example("beta-shop").transparency.paid_for_by == "Beta Shop Ltd, 1 Main Street"
    # Names, domains, ids, answers and parts do not change with the language.
    assert alpha.page.name == "Alpha Page" and alpha.link.domain == "alpha-news.nv"
    assert alpha.transparency.paid_for_by is None  # null needs no translation
    for ours, theirs in zip(english.examples, spanish.examples, strict=True):
        assert (ours.id, ours.verdict, ours.category, ours.flag_ids, [m.part for m in ours.red_flags],
                ours.transparency.created_on, ours.engagement) == \
               (theirs.id, theirs.verdict, theirs.category, theirs.flag_ids, [m.part for m in theirs.red_flags],
                theirs.transparency.created_on, theirs.engagement)


def test_a_missing_spanish_text_names_file_line_item_and_field():
    text = ADS.replace("    explain_es: La Página es antigua.\n", "")
    parse_ads(text)  # English does not need the translation
    with pytest.raises(ContentError) as caught:
        parse_ads(text, language="es")
    assert [str(p) for p in caught.value.problems] == [
        f"lessons/ads.yaml:{line_of(text, 'explain: The Page is old.')} example beta-shop field "
        "authentic_signs[0].explain_es: missing Español text for 'explain' (add 'explain_es' beside it)"]


def test_a_problem_in_the_spanish_text_names_the_spanish_field():
    text = ADS.replace("button_es: Más información", "button_es: Descubre todo lo que esconden")
    parse_ads(text)
    with pytest.raises(ContentError) as caught:
        parse_ads(text, language="es")
    assert [str(p) for p in caught.value.problems] == [
        f"lessons/ads.yaml:{line_of(text, 'button_es:')} example alpha-page field link.button_es: "
        "is 29 characters long; at most 16 fit"]


def test_the_network_case_reads_in_spanish_with_the_same_accounts_and_answers():
    text = NETWORK
    for english, spanish in (("why: Shares an admin with two.", "Comparte un administrador con @two.page."),
                             ("why: Shares an admin with one.", "Comparte un administrador con @one.page."),
                             ("why: An ordinary person.", "Una persona corriente."),
                             ("title: Sample case", "El caso de prueba"), ("brief: Find the network.", "Encuentra la red.")):
        indent = text.split(english)[0].rsplit("\n", 1)[1]
        text = text.replace(english, f"{english}\n{indent}{english.split(':')[0]}_es: {spanish}")
    english, spanish = parse_network(text), parse_network(text, language="es")
    assert spanish.title == "El caso de prueba" and spanish.brief == "Encuentra la red."
    assert spanish.account("@dana").why == "Una persona corriente."
    assert [(a.handle, a.display_name, a.admins, a.post_times, a.belongs_to_network) for a in english.accounts] == \
           [(a.handle, a.display_name, a.admins, a.post_times, a.belongs_to_network) for a in spanish.accounts]
    with pytest.raises(ContentError, match=r"account @dana field why_es: missing Español text"):
        parse_network(text.replace("why_es: Una persona corriente.", ""), language="es")


def test_a_translated_list_or_mapping_keeps_the_shape_of_the_english():
    text = ("item:\n  id: one\n  notes: {ear: Look at the ear, eye: Look at the eye}\n"
            "  notes_es: {oreja: Mira la oreja}\n")
    r, root = reader.parse(text, "lessons/example.yaml", "es")
    r.mapping(reader.child(root, "item"), "item one", None, ("id", "notes"), translated=("notes",))
    assert [str(p) for p in r.problems] == [
        "lessons/example.yaml:4 item one field notes_es: must have the keys of the English field (ear, eye), "
        "found oreja"]


def test_a_file_is_read_once_for_every_language(tmp_path, monkeypatch):
    from telltale.content import safety

    path = tmp_path / "network.yaml"
    path.write_text(NETWORK, encoding="utf-8")
    reads = []
    read_text = safety.read_text
    monkeypatch.setattr(safety, "read_text", lambda p, *a, **k: reads.append(p) or read_text(p, *a, **k))
    english, _ = reader.read(path, "en")
    spanish, _ = reader.read(path, "es")
    assert (english.language, spanish.language, len(reads)) == ("en", "es", 1)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reader.read(path, "es")
    assert len(reads) == 2  # a changed file is read again


def test_a_generated_case_is_the_same_case_in_every_language():
    english, spanish = casegen.generate_case(12), casegen.generate_case(12, "es")
    assert [(a.handle, a.display_name, a.admins, a.post_times, a.belongs_to_network, a.admin_country)
            for a in english.accounts] == \
           [(a.handle, a.display_name, a.admins, a.post_times, a.belongs_to_network, a.admin_country)
            for a in spanish.accounts]
    assert english.id == spanish.id
    assert english.brief.startswith("A fresh case, generated from seed 12.")
    assert casegen.case_for(3, 4, None, "es") == casegen.generate_case(4003, "es")


def test_the_about_page_has_a_file_per_language():
    assert about_name("en") == "about.md" and about_name("es") == "about.es.md"
    assert about_name("xx") == "about.md"
    assert default_name("lessons/about.es.md") == "lessons/about.md"
    assert default_name("lessons/ads.yaml") == "lessons/ads.yaml"

