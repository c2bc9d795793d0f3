"""The classroom pages run headless with Streamlit's AppTest: what the teacher and a student see."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from telltale import classroom, join_guard
from telltale.storage import Store, classes, hash_token, make_engine
from testkit.answers import WRONG, face_answer

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def store(tmp_path, monkeypatch):
    """The app's database for these tests; the app's cached engine is dropped so it opens this one."""
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("TELLTALE_PUBLIC_URL", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    engine = make_engine(url)
    yield Store(engine)
    engine.dispose()
    st.cache_resource.clear()


def open_page(page: str, query: dict | None = None, session: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for key, value in (session or {}).items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def html_bodies(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


# --- the teacher ------------------------------------------------------------------------------

def test_the_teacher_starts_a_class_and_gets_a_code_a_qr_code_and_a_private_link(store):
    at = open_page("teacher")
    assert at.title[0].value == "Run Telltale with a class"
    at.checkbox(key="part-tells").uncheck()
    at.checkbox(key="part-practice").uncheck()
    at.slider[0].set_value(6)
    button(at, "Start the class").click().run()
    assert not at.exception
    with store.engine.connect() as conn:
        [code] = conn.execute(select(classes.c.code)).scalars().all()
    the_class = store.class_by_code(code)
    assert f'aria-label="Class code">{code}</div>' in html_bodies(at)  # in large type
    assert the_class.plan["sections"][:3] == ["welcome", "pretest", "posttest"]
    assert the_class.plan["test_items"] == 6
    shown = [c.value for c in at.code]
    assert f"http://localhost:8501/join?code={the_class.code}" in shown
    private = next(link for link in shown if "/dashboard?k=" in link)
    token = private.split("k=", 1)[1]
    assert classroom.class_for_teacher(store, token).id == the_class.id
    assert the_class.id == store.class_by_teacher_hash(hash_token(token)).id
    assert at.get("image")  # the QR code


def test_the_private_link_opens_the_dashboard_and_leaves_the_address_bar(store):
    the_class, token = classroom.start_class(store, ["pretest"], title="9B media")
    at = open_page("dashboard", query={"k": token})
    assert at.title[0].value == f"9B media · class {the_class.code}"
    assert "k" not in at.query_params  # never on the projector
    assert at.session_state["teacher_token"] == token
    assert [m.value for m in at.metric][:2] == ["0", "0"]
    assert any("Nobody has joined yet" in i.value for i in at.info)


def test_a_wrong_teacher_link_is_refused(store):
    the_class, token = classroom.start_class(store, ["pretest"])
    at = open_page("dashboard", query={"k": token[:-2] + "xx"})
    assert any("does not open any class" in e.value for e in at.error)
    assert the_class.code not in html_bodies(at) + markdown_text(at) + "".join(t.value for t in at.title)
    assert not at.metric


# --- students -------------------------------------------------------------------------------

def join(at: AppTest, code: str, nickname: str) -> AppTest:
    at.text_input(key="join-code").set_value(code)
    at.text_input(key="join-nickname").set_value(nickname)
    return button(at, "Join").click().run()


def test_a_student_joins_by_link_with_a_suggested_nickname(store):
    the_class, _ = classroom.start_class(store, ["pretest", "posttest"])
    at = open_page("join", query={"code": the_class.code})
    assert at.text_input(key="join-code").value == the_class.code
    suggested = at.text_input(key="join-nickname").value
    assert classroom.clean_nickname(suggested) == suggested
    button(at, "Suggest another nickname").click().run()
    at = button(at, "Join").click().run()
    assert not at.exception
    [member] = store.members(the_class.id)
    assert member.section == "pretest"
    assert classroom.clean_nickname(member.nickname) == member.nickname
    assert at.title[0].value == "Warm-up test"  # straight into the course
    assert store.learner_by_token(at.query_params["t"][0] if isinstance(at.query_params["t"], list)
                                  else at.query_params["t"]).id == member.learner_id


def test_a_wrong_code_or_a_bad_nickname_is_explained(store):
    the_class, _ = classroom.start_class(store, ["pretest"])
    at = join(open_page("join"), "AAAAAA" if the_class.code != "AAAAAA" else "BBBBBB", "Brave Fox")
    assert any("no class with this code" in e.value for e in at.error)
    at = join(at, the_class.code, "<b>Bob</b>")
    assert any("can only have" in e.value for e in at.error)
    assert store.members(the_class.id) == []


def test_a_student_who_comes_back_continues_where_they_were(store):
    the_class, token = classroom.start_class(store, ["pretest"])
    first = classroom.join_class(store, the_class.code, "Brave Fox")
    store.record_answer(first.learner.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"), confidence=80)
    at = join(open_page("join"), the_class.code.lower(), "brave fox")
    assert "Someone called **Brave Fox** is already in this class" in markdown_text(at)
    at = button(at, "Yes, it's me: ask my teacher to let me continue").click().run()
    # Nothing moves until the teacher approves: the code and nickname on the projector are not enough.
    assert any("Your teacher has been asked" in i.value for i in at.info)
    assert store.learner_by_token(first.token).id == first.learner.id
    teacher = open_page("dashboard", session={"teacher_token": token})
    assert "Brave Fox** asks to continue on another device" in markdown_text(teacher)
    button(teacher, "Approve").click().run()
    at.run()  # the waiting tab's next refresh
    assert at.title[0].value == "Warm-up test"
    assert store.learner_by_token(first.token) is None  # the old device no longer answers for them
    assert [m.rejoins for m in store.members(the_class.id)] == [1]
    assert "Face 2 of 10" in at.get("progress")[0].proto.text  # the next question, not the first


def test_a_takeover_the_teacher_refuses_changes_nothing(store):
    the_class, token = classroom.start_class(store, ["pretest"])
    first = classroom.join_class(store, the_class.code, "Brave Fox")
    at = join(open_page("join"), the_class.code, "Brave Fox")
    at = button(at, "Yes, it's me: ask my teacher to let me continue").click().run()
    teacher = open_page("dashboard", session={"teacher_token": token})
    button(teacher, "Refuse").click().run()
    at.run()
    assert any("did not agree" in e.value for e in at.error)
    assert store.learner_by_token(first.token).id == first.learner.id


def test_a_look_alike_nickname_is_refused_on_the_join_page(store):
    the_class, _ = classroom.start_class(store, ["pretest"])
    classroom.join_class(store, the_class.code, "Sam")
    at = join(open_page("join"), the_class.code, "S\u0430m")
    assert any("looks just like it" in e.value for e in at.error)
    at = join(at, the_class.code, "\u3164\u3164")
    assert any("invisible" in e.value for e in at.error)
    assert [m.nickname for m in store.members(the_class.id)] == ["Sam"]


def test_wrong_codes_from_one_browser_are_stopped_on_the_join_page(store):
    the_class, _ = classroom.start_class(store, ["pretest"])
    at = open_page("join")
    wrong = "AAAAAA" if the_class.code != "AAAAAA" else "BBBBBB"
    for _ in range(join_guard.BROWSER_LIMIT):
        at = join(at, wrong, "Brave Fox")
        assert any("no class with this code" in e.value for e in at.error)
    at = join(at, the_class.code, "Brave Fox")  # even the right code waits now
    assert any("Too many wrong class codes" in e.value for e in at.error)
    assert store.members(the_class.id) == []


def test_a_full_class_says_so(store):
    the_class, _ = classroom.start_class(store, ["pretest"], max_students=1)
    classroom.join_class(store, the_class.code, "Sam")
    at = join(open_page("join"), the_class.code, "Brave Fox")
    assert any("This class is full" in e.value for e in at.error)


def test_a_student_who_is_not_the_same_person_picks_another_name(store):
    the_class, _ = classroom.start_class(store, ["pretest"])
    classroom.join_class(store, the_class.code, "Brave Fox")
    at = join(open_page("join"), the_class.code, "Brave Fox")
    at = button(at, "No, I'll choose another nickname").click().run()
    assert at.text_input(key="join-nickname").value != "Brave Fox"
    assert len(store.members(the_class.id)) == 1


def test_a_closed_class_shows_students_a_notice_instead_of_questions(store):
    the_class, _ = classroom.start_class(store, ["pretest"])
    joined = classroom.join_class(store, the_class.code, "Brave Fox")
    store.record_answer(joined.learner.id, "pretest", 0, face_answer("fabc2345", "ai", "ai"), confidence=80)
    store.set_class_closed(the_class.id, True)
    at = open_page("pretest", query={"t": joined.token})
    assert any("closed this class" in i.value for i in at.info)
    assert not at.radio  # no question to answer
    at = button(at, "See your results").click().run()
    assert at.title[0].value == "Your results"


def test_an_answer_given_after_the_class_closed_shows_the_notice_and_is_not_stored(store):
    the_class, _ = classroom.start_class(store, ["pretest"])
    joined = classroom.join_class(store, the_class.code, "Brave Fox")
    at = open_page("pretest", query={"t": joined.token})
    assert at.radio  # the question is on screen
    store.set_class_closed(the_class.id, True)  # the teacher closes the class meanwhile
    at.radio[0].set_value("ai")
    at.radio[1].set_value(80)
    at = button(at, "Submit answer").click().run()
    assert not at.exception
    assert any("closed this class" in i.value for i in at.info)
    assert store.answers(joined.learner.id) == []


# --- the dashboard --------------------------------------------------------------------------

@pytest.fixture
def class_with_answers(store):
    the_class, token = classroom.start_class(store, ["pretest", "posttest"], test_items=4)
    for n, name in enumerate(["Brave Fox", "Quiet Owl"]):
        learner = classroom.join_class(store, the_class.code, name).learner
        for position in range(4):
            choice = "ai" if n else "real"
            right = bool(position % 2) != bool(n)
            truth = choice if right else WRONG[choice]
            store.record_answer(learner.id, "pretest", position, face_answer(f"fitem{position}xx", choice, truth),
                                confidence=70, response_ms=2500)
    return the_class, token


def test_the_live_view_shows_who_joined_and_the_class_figures(store, class_with_answers):
    the_class, token = class_with_answers
    at = open_page("dashboard", session={"teacher_token": token})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Students joined"] == "2" and metrics["Answers"] == "8"
    assert metrics["Right in the warm-up test"] == "50%"
    chips = html_bodies(at)
    assert "Brave Fox" in chips and "Quiet Owl" in chips
    # the charts' rows, as sent to the browser: both students in the warm-up; each answered 2 of 4 right
    charts = chart_rows(at)
    where = dict(zip(charts["parts"]["Part"], charts["parts"]["Students"]))
    assert where["Warm-up test"] == 2 and sum(where.values()) == 2
    assert sorted(charts["faces"]["Right (%)"]) == [50, 50, 50, 50]


def chart_rows(at: AppTest) -> dict:
    """Every named dataset of the page's charts, decoded from the Arrow bytes the browser receives."""
    import pyarrow as pa

    found = {}
    for element in at.get("vega_lite_chart") + at.get("arrow_vega_lite_chart"):
        for dataset in element.proto.datasets:
            found[dataset.name] = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    return found


def test_nicknames_are_shown_as_plain_text_on_the_dashboard(store):
    the_class, token = classroom.start_class(store, ["pretest"])
    # Stored around the join form's rules, as if an old or hostile row: still shown as text.
    store.create_learner(the_class.plan, "pretest", class_id=the_class.id, nickname="**Bo** <img src=x>")
    at = open_page("dashboard", session={"teacher_token": token})
    chips = html_bodies(at)
    assert "<img src=x>" not in chips and "**Bo** &lt;img src=x&gt;" in chips


def test_the_export_view_offers_the_downloads_and_closes_the_class(store, class_with_answers):
    the_class, token = class_with_answers
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "exports"})
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Answers (CSV)", "Summary per student (CSV)", "xAPI statements (JSON)",
                      "Class summary (PDF, English)"]
    button(at, "Close the class").click().run()
    assert store.class_by_id(the_class.id).is_closed
    assert "Closed on" in markdown_text(at)
    with pytest.raises(classroom.JoinError):
        classroom.join_class(store, the_class.code, "Late Comer")


def test_deleting_needs_the_code_typed_and_removes_everything(store, class_with_answers):
    the_class, token = class_with_answers
    at = open_page("dashboard", session={"teacher_token": token, "dashboard-view": "exports"})
    assert button(at, "Delete the class and all its answers").disabled
    at.text_input(key="delete-confirm").set_value(the_class.code.lower()).run()
    button(at, "Delete the class and all its answers").click().run()
    assert store.class_by_id(the_class.id) is None and store.members(the_class.id) == []
    assert any(f"Class {the_class.code} and all of its data have been deleted" in s.value for s in at.success)
    assert classroom.class_for_teacher(store, token) is None


def test_the_dashboard_shows_accuracy_by_kind_of_face(store):
    the_class, token = classroom.start_class(store, ["pretest"])
    joined = classroom.join_class(store, the_class.code, "Brave Fox")
    # A diffusion face called real (wrong), a real photo called real, a GAN face called AI.
    for position, (image, choice, truth) in enumerate([("fx6dqlon", "real", "ai"), ("fbei323c", "real", "real"),
                                                       ("fd8qevcq", "ai", "ai")]):
        store.record_answer(joined.learner.id, "pretest", position, face_answer(image, choice, truth), confidence=80)
    at = open_page("dashboard", query={"k": token})
    text = markdown_text(at)
    assert "Right in the tests, by kind of face" in text
    assert "Current AI faces (diffusion): 0% (0 of 1)" in text and "Real photos: 100% (1 of 1)" in text
