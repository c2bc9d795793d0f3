"""The whole course in Spanish, in headless Chromium: a student joins a Spanish class by its link and
clicks through every part to a known score; every screen is in Spanish, with no English interface
text left on it."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from telltale import classroom, i18n, parts
from telltale.storage import Store, make_engine
from testkit.browser import wait_idle
from testkit.learner import (answer, answer_ad, ads_order, finish_provenance, make_certificate, name_on_certificate,
                             pick_network, questions, right_choice, wrong)

ES = "es"


def english_leftovers() -> list[str]:
    """Pieces of English interface text that the Spanish interface must not show: each message of the
    catalog whose translation differs, cut at its placeholders and sentences, without Markdown marks,
    long enough not to be a word both languages share."""
    from babel.messages.pofile import read_po

    with open(i18n.catalog_path(ES), "rb") as po:
        catalog = read_po(po, locale=ES)
    pieces = set()
    for message in catalog:
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        spanish = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or set(english) & set(spanish):
            continue
        for text in english:
            for piece in re.split(r"\{[^}]*\}|(?<=[.:;?!])\s+|\n", text.replace("**", "").replace("*", "")):
                piece = piece.strip(" .,:;·()\n")
                if len(piece) >= 14 and " " in piece:
                    pieces.add(piece)
    return sorted(pieces)


# Names the Spanish lessons keep beside their translation ("Credenciales de contenido (Content Credentials)").
NAMES = {"Content Credentials"}
LEFTOVERS = [piece for piece in english_leftovers() if piece not in NAMES]


def check_screen(page, heading: str | None) -> str:
    """The screen is up, its heading (if given) in Spanish, and none of the English interface is on it."""
    wait_idle(page)
    if heading is not None:
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    body = page.inner_text("body")
    found = [piece for piece in LEFTOVERS if piece in body]
    assert not found, f"English on the screen {heading or page.url}: {found}"
    return body


def test_a_student_takes_the_whole_course_in_spanish(chromium, app_url, tmp_path):
    db = f"sqlite:///{tmp_path / 'app.db'}"
    store = Store(make_engine(db))
    the_class, _ = classroom.start_class(store, parts.CHOOSABLE, test_items=4, practice_items=3, ads_items=2,
                                         language=ES)
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(classroom.join_url(app_url, the_class.code, the_class.language))
    check_screen(page, "Únete a tu clase")
    page.get_by_role("button", name="Unirme", exact=True).click()

    check_screen(page, "Prueba inicial")
    assert store.learner_by_token(page.url.split("t=")[1].split("&")[0]).language == ES
    for number, question in enumerate(questions(db, page, "pretest")):
        expect(page.get_by_text(f"Cara {number + 1} de 4")).to_be_visible()
        choice = right_choice(question)
        answer(page, choice if number < 3 else wrong(choice), language=ES)

    check_screen(page, None)  # the tells: each step's title is lesson text
    expect(page.get_by_text("Las señales · paso 1 de")).to_be_visible()
    while page.get_by_role("button", name="Siguiente", exact=True).count():
        page.get_by_role("button", name="Siguiente", exact=True).click()
        wait_idle(page)
        check_screen(page, None)  # each step's title is lesson text
    page.get_by_role("button", name="A la práctica").click()

    check_screen(page, "Práctica")
    for question in questions(db, page, "practice"):
        answer(page, right_choice(question), language=ES)
        expect(page.get_by_text("¡Correcto!").first).to_be_visible()
        check_screen(page, "Práctica")
        page.get_by_role("button", name="Siguiente cara").or_(page.get_by_role("button", name="A la prueba final")).click()
        wait_idle(page)

    check_screen(page, "Prueba final")
    for question in questions(db, page, "posttest"):
        answer(page, right_choice(question), language=ES)

    check_screen(page, "Anuncios falsos")
    from telltale.ads.load import load_ads, load_network

    lesson, case = load_ads(language=ES), load_network(language=ES)
    for number, example_id in enumerate(ads_order(db, page)):
        example = lesson.example(example_id)
        answer_ad(page, example.verdict, 80, [lesson.flags[m.id].label for m in example.red_flags], language=ES)
        expect(page.get_by_text("¡Correcto!").first).to_be_visible()
        check_screen(page, "Anuncios falsos")
        page.get_by_role("button", name="Siguiente publicación").or_(page.get_by_role("button", name="Al caso de red")).click()
        wait_idle(page)

    check_screen(page, case.title)
    expect(page.get_by_role("heading", name="El expediente del caso")).to_be_visible()
    pick_network(page, [a.display_name for a in case.accounts if a.belongs_to_network], ["Run by the same admins"],
                 language=ES)
    check_screen(page, "Cuenta por cuenta")
    page.get_by_role("button", name="A revisar la fuente").click()

    check_screen(page, "Revisa la fuente")
    finish_provenance(page, db, language=ES)

    check_screen(page, "Tus resultados")
    # the warm-up test, then the final test; expect() waits, as Streamlit fills columns a frame after their block
    for shown in ("3 de 4", "4 de 4", "Detectar falsos sin acusar a personas reales", "Anuncios falsos y redes"):
        expect(page.locator("body")).to_contain_text(shown, use_inner_text=True)
    certificate = make_certificate(page, "Zoé Núñez", language=ES)
    assert name_on_certificate(certificate, "Zoé Núñez", language=ES)
    page.close()
    store.engine.dispose()
