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


def spanish_problems(text: str) -> list[str]:
    """The problems of the ads sample ``text`` read in Spanish; English reads it without any."""
    parse_ads(text)
    with pytest.raises(ContentError) as caught:
        parse_ads(text, language="es")
    return [str(p) for p in caught.value.problems]


def test_a_missing_spanish_text_names_file_line_item_and_field():
    text = ADS.replace("    explain_es: La Página es antigua.\n", "")
    assert spanish_problems(text) == [
        f"lessons/ads.yaml:{line_of(text, 'explain: The Page is old.')} example beta-shop field "
        "authentic_signs[0].explain_es: missing Español text for 'explain' (add 'explain_es' beside it)"]


def test_a_problem_in_the_spanish_text_names_the_spanish_field():
    text = ADS.replace("button_es: Más información", "button_es: Descubre todo lo que esconden")
    assert spanish_problems(text) == [
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


# --- the committed lessons in Spanish ---------------------------------------------------------

def spanish_share(pairs) -> float:
    """The share of (English, Spanish) texts that differ: a translation, not a copy."""
    pairs = list(pairs)
    return sum(english != spanish for english, spanish in pairs) / len(pairs)


def test_the_face_lessons_read_in_spanish_with_the_same_items_tells_and_boxes():
    from telltale.content.lessons import face_content

    english, spanish = face_content().lessons(), face_content(language="es").lessons()
    assert [(i.image, i.kind, i.form, i.difficulty, [(c.tell, c.box) for c in i.clues]) for i in english.items.values()] \
        == [(i.image, i.kind, i.form, i.difficulty, [(c.tell, c.box) for c in i.clues]) for i in spanish.items.values()]
    assert [(t.id, t.points_to, t.applies_to, t.strength) for t in english.tells.values()] == \
           [(t.id, t.points_to, t.applies_to, t.strength) for t in spanish.tells.values()]
    assert [(s.id, s.tell, s.examples, s.widget) for s in english.steps] == \
           [(s.id, s.tell, s.examples, s.widget) for s in spanish.steps]
    notes = [(c.note, s.note) for i, j in zip(english.items.values(), spanish.items.values())
             for c, s in zip(i.clues, j.clues)]
    assert spanish_share(notes) == 1.0
    texts = [(t.name + t.summary + t.how_to_check, u.name + u.summary + u.how_to_check)
             for t, u in zip(english.tells.values(), spanish.tells.values())]
    texts += [(s.title + s.body, t.title + t.body) for s, t in zip(english.steps, spanish.steps)]
    assert spanish_share(texts) == 1.0
    assert spanish.tells["background-warp"].name == "Fondo que se derrite"


def test_the_ads_read_in_spanish_with_the_same_answers_and_the_spanish_posts_stay_spanish():
    from telltale.ads.load import load_ads

    english, spanish = load_ads(), load_ads(language="es")
    assert [(e.id, e.verdict, e.category, e.page, e.engagement, e.flag_ids, [(m.id, m.part) for m in e.authentic_signs],
             [m.part for m in e.red_flags], e.link and e.link.domain, e.transparency.created_on,
             e.transparency.managers, e.transparency.name_changes) for e in english.examples] == \
           [(e.id, e.verdict, e.category, e.page, e.engagement, e.flag_ids, [(m.id, m.part) for m in e.authentic_signs],
             [m.part for m in e.red_flags], e.link and e.link.domain, e.transparency.created_on,
             e.transparency.managers, e.transparency.name_changes) for e in spanish.examples]
    assert list(english.flags) == list(spanish.flags) and list(english.signs) == list(spanish.signs)
    by_id = {e.id: (e, s) for e, s in zip(english.examples, spanish.examples)}
    for kept in ("libertad-y-salud", "asociacion-hispana"):  # posts written in Spanish are the same in both
        assert by_id[kept][0].text == by_id[kept][1].text
    translated = [(e.text, s.text) for e, s in by_id.values() if e.id not in ("libertad-y-salud", "asociacion-hispana")]
    assert spanish_share(translated) == 1.0
    assert spanish_share((m.explain, n.explain) for e, s in by_id.values()
                         for m, n in zip(e.red_flags + e.authentic_signs, s.red_flags + s.authentic_signs)) > 0.95
    assert by_id["heartland-patriots"][1].picture.sticker == "PÁSALO YA"


def test_the_spanish_ads_are_as_fair_and_drawable_as_the_english():
    """The fairness rules read the post a learner reads, so they are checked in Spanish too; and the
    ad renderer's font has every character of the Spanish text."""
    from telltale.ads.fairness import separation_problems, visible_facts
    from telltale.ads.fonts import missing_glyphs
    from telltale.ads.load import load_ads

    english, spanish = load_ads(), load_ads(language="es")
    assert separation_problems("lessons/ads.yaml", spanish, "es") == []
    for e, s in zip(english.examples, spanish.examples):  # the same visible facts, but the language of the post
        ours, theirs = visible_facts(english, e), visible_facts(spanish, s, "es")
        del ours["a post in another language"], theirs["a post in another language"]
        assert ours == theirs, e.id
    texts = [t for e in spanish.examples for t in (e.text, e.picture.headline, e.picture.subline or "",
                                                   e.picture.sticker or "", e.transparency.paid_for_by or "",
                                                   *(m.explain for m in e.red_flags + e.authentic_signs),
                                                   *((e.link.title, e.link.button) if e.link else ()))]
    texts += [entry.label + entry.description for entry in (*spanish.flags.values(), *spanish.signs.values())]
    assert missing_glyphs("\n".join(texts)) == []


def test_the_network_case_reads_in_spanish_with_the_same_accounts():
    from telltale.ads.load import load_network

    english, spanish = load_network(), load_network(language="es")
    assert [(a.handle, a.display_name, a.kind, a.avatar, a.created_at, a.post_times, a.admins, a.admin_country,
             a.belongs_to_network) for a in english.accounts] == \
           [(a.handle, a.display_name, a.kind, a.avatar, a.created_at, a.post_times, a.admins, a.admin_country,
             a.belongs_to_network) for a in spanish.accounts]
    assert spanish_share([(english.title, spanish.title), (english.brief, spanish.brief)]
                         + [(a.why, b.why) for a, b in zip(english.accounts, spanish.accounts)]) == 1.0


def test_the_lab_reads_in_spanish_with_the_same_cases_files_and_answers():
    from telltale.provenance.lab import load_lab

    english, spanish = load_lab(), load_lab(language="es")
    assert english.credentials == spanish.credentials and english.faces == spanish.faces
    assert [e.id for e in english.evidence] == [e.id for e in spanish.evidence]
    assert [s.file for s in english.samples] == [s.file for s in spanish.samples]
    assert {k: [(r.kind, r.site, r.date) for r in s.results] for k, s in english.searches.items()} == \
           {k: [(r.kind, r.site, r.date) for r in s.results] for k, s in spanish.searches.items()}
    assert [(c.id, c.kind, c.name, c.handle, c.created, c.face, c.credentials, c.search, c.verdict, c.deciding,
             list(c.reveals), [(p.name, p.handle, p.date, p.transform) for p in c.copies]) for c in english.cases] == \
           [(c.id, c.kind, c.name, c.handle, c.created, c.face, c.credentials, c.search, c.verdict, c.deciding,
             list(c.reveals), [(p.name, p.handle, p.date, p.transform) for p in c.copies]) for c in spanish.cases]
    texts = [(c.text + c.explain + "".join(c.reveals.values()), d.text + d.explain + "".join(d.reveals.values()))
             for c, d in zip(english.cases, spanish.cases)]
    texts += [(r.title + r.snippet, s.title + s.snippet) for k in english.searches
              for r, s in zip(english.searches[k].results, spanish.searches[k].results)]
    assert spanish_share(texts) > 0.9  # a site's own name (Quillmere Gazette) stays as it is


def test_a_generated_case_speaks_spanish():
    case = casegen.generate_case(5, "es")
    assert case.title.startswith("Caso 5: la red de ") and "semilla 5" in case.brief
    assert all(a.why and not a.why.startswith(("Created", "A local", "An ordinary", "Shares", "The outlet"))
               for a in case.accounts)


def test_the_about_page_has_its_spanish_text_with_the_same_figures():
    import re

    from telltale import LESSONS_DIR

    english = (LESSONS_DIR / about_name("en")).read_text(encoding="utf-8")
    spanish = (LESSONS_DIR / about_name("es")).read_text(encoding="utf-8")
    numbers = lambda text: sorted(re.findall(r"\d+", text))  # every figure, year and reference, nothing added
    assert numbers(english) == numbers(spanish)
    assert "Nightingale" in spanish and "Sin nombres, sin correo electrónico" in spanish


def remove_field(path, key_line: str) -> int:
    """Delete the line ``key_line`` (and the lines of its block) from a lesson file; the line number of the
    line above it, the English field it translated."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(key_line)
    indent = len(key_line) - len(key_line.lstrip())
    end = start + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    english = start - 1
    while not lines[english].lstrip().startswith(key_line.strip().split("_es:")[0] + ":"):
        english -= 1
    del lines[start:end]
    path.write_text("\n".join(lines), encoding="utf-8")
    return english + 1


def test_the_content_check_at_start_finds_every_missing_spanish_text_with_file_line_and_field(tmp_path):
    import shutil

    from telltale import IMAGES_DIR, LESSONS_DIR
    from telltale.readiness import check_content

    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS_DIR, lessons)

    def missing(file: str, key_line: str, where: str) -> str:
        line = remove_field(lessons / file, key_line)
        return f"{file}:{line} {where}: missing Español text"

    expected = [
        missing("tells.yaml", "    summary_es: En el borde de la imagen aparecen trozos de otras caras o cuerpos, "
                              "retorcidos y a medio formar.", "tell background-ghost field summary_es"),
        missing("faces.yaml", '        note_es: "En el borde izquierdo hay una figura borrosa con la cara corrida y '
                              'a medio formar."', "item f56esga3 field clues[0].note_es"),
        missing("ads.yaml", "      headline_es: Tu agua está envenenada. Nadie te lo dice.",
                "example save-our-rivers field picture.headline_es"),
        missing("network.yaml", "    why_es: >-", "account @westmark.beacon field why_es"),
        missing("provenance.yaml", '        title_es: "Nuestro equipo"', "search quillmere result 2 field title_es"),
    ]
    (lessons / "about.es.md").unlink()
    report = check_content(lessons, IMAGES_DIR)
    found = [str(p) for p in report.problems]
    for text in expected:
        assert any(text in problem for problem in found), (text, found)
    assert "lessons/about.es.md: cannot read the file" in "\n".join(found)
    assert len(found) == 6, found  # nothing else: the English of the same files is fine
    assert set(report.broken) == {"pretest", "tells", "practice", "posttest", "ads", "network", "provenance", "about"}
