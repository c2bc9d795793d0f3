"""The language choice on the pages (AppTest): the selector, ?lang= in a link, the language kept with
the learner for resuming, a class's language for its students, and the teacher's pages in theirs."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from telltale import classroom, course
from telltale.storage import Store, classes, make_engine

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'language.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("TELLTALE_PUBLIC_URL", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    engine = make_engine(url)
    yield Store(engine)
    engine.dispose()
    st.cache_resource.clear()


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "welcome":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def choose_language(at: AppTest, language: str) -> AppTest:
    [selector] = [s for s in at.segmented_control if s.key and s.key.startswith("language-choice")]
    return selector.set_value(language).run()


def token_of(at: AppTest) -> str:
    token = at.query_params["t"]
    return token[0] if isinstance(token, list) else token


def test_the_welcome_page_switches_to_spanish_and_the_learner_keeps_it(store):
    at = open_page("welcome")
    assert at.title[0].value == "Telltale: can you spot a fake face?"
    at = choose_language(at, "es")
    assert at.title[0].value == "Telltale: ¿puedes detectar una cara falsa?"
    button(at, "Empezar el curso").click().run()
    assert not at.exception
    assert at.title[0].value == "Prueba inicial"
    assert [r.label for r in at.radio] == ["¿Foto real o hecha por IA?", "¿Qué tan seguro estás?"]
    assert store.learner_by_token(token_of(at)).language == "es"


def test_a_resume_link_opens_in_the_learners_language(store):
    token, learner = store.create_learner(course.default_plan(), section="pretest", language="es")
    at = open_page("welcome", query={"t": token})  # a new device: nothing in its session
    assert at.title[0].value == "Telltale: ¿puedes detectar una cara falsa?"
    assert any("¡Hola de nuevo!" in i.value for i in at.info)
    button(at, "Continuar donde lo dejé").click().run()
    assert at.title[0].value == "Prueba inicial"
    at = AppTest.from_file(APP, default_timeout=60)  # and the English choice is kept too
    at.query_params["t"] = token
    at.run()
    choose_language(at, "en")
    assert store.learner_by_token(token).language == "en"
    assert at.title[0].value == "Telltale: can you spot a fake face?"


def test_a_lang_link_opens_the_app_in_that_language(store):
    at = open_page("welcome", query={"lang": "es"})
    assert at.title[0].value == "Telltale: ¿puedes detectar una cara falsa?"
    at = open_page("about", query={"lang": "es"})
    assert at.title[0].value == "Sobre la ciencia"
    at = open_page("welcome", query={"lang": "xx"})  # not a language of the app
    assert at.title[0].value == "Telltale: can you spot a fake face?"


def test_students_join_in_the_class_language_and_may_choose_another(store):
    the_class, _ = classroom.start_class(store, ["pretest"], language="es")
    link = classroom.join_url("http://localhost:8501", the_class.code, the_class.language)
    assert link.endswith(f"/join?code={the_class.code}&lang=es")
    at = open_page("join", query={"code": the_class.code})  # the class's language, even without lang=
    assert at.title[0].value == "Únete a tu clase"
    at.text_input(key="join-nickname").set_value("Brave Fox")
    button(at, "Unirme").click().run()
    assert at.title[0].value == "Prueba inicial"
    at = open_page("join", query={"code": the_class.code})
    at = choose_language(at, "en")
    assert at.title[0].value == "Join your class"
    at.text_input(key="join-nickname").set_value("Calm Owl")
    button(at, "Join").click().run()
    assert at.title[0].value == "Warm-up test"
    assert [(m.nickname, m.language) for m in store.members(the_class.id)] == [("Brave Fox", "es"), ("Calm Owl", "en")]


def test_a_join_error_is_in_the_students_language(store):
    at = open_page("join", query={"lang": "es"})
    at.text_input(key="join-code").set_value("ZZZZZZ")
    at.text_input(key="join-nickname").set_value("Brave Fox")
    button(at, "Unirme").click().run()
    assert any("No hay ninguna clase con este código" in e.value for e in at.error)


def test_a_teacher_starts_a_spanish_class_and_the_dashboard_shows_each_language(store):
    at = open_page("teacher", query={"lang": "es"})
    assert at.title[0].value == "Usa Telltale con una clase"
    [language] = [s for s in at.selectbox if s.label == "Idioma de la clase"]
    assert language.value == "es"  # the teacher's own language by default
    button(at, "Iniciar la clase").click().run()
    assert not at.exception
    with store.engine.connect() as conn:
        [code] = conn.execute(select(classes.c.code)).scalars().all()
    the_class = store.class_by_code(code)
    assert the_class.language == "es"
    shown = [c.value for c in at.code]
    assert f"http://localhost:8501/join?code={code}&lang=es" in shown
    private = next(link for link in shown if "/dashboard?k=" in link)
    assert private.endswith("&lang=es")  # the dashboard opens in the teacher's language
    classroom.join_class(store, code, "Brave Fox")
    classroom.join_class(store, code, "Calm Owl", language="en")
    at = open_page("dashboard", query={"k": private.split("k=", 1)[1].split("&")[0], "lang": "es"})
    assert at.title[0].value == f"Clase {code}"
    assert "idioma de los estudiantes: Español" in at.caption[0].value
    table = at.dataframe[0].value
    assert list(table["Idioma"]) == ["Español", "English"]
    assert list(table["Ahora en"]) == ["Prueba inicial", "Prueba inicial"]
