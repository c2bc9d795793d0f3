"""Classroom mode on SQLite and PostgreSQL: codes, teacher links, nicknames, joining, closing,
deleting, retention, the dashboard's figures and the exports."""
import csv
import io
import json
import random
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine, inspect, select

from telltale import classroom, course
from telltale.classroom import (CODE_ALPHABET, JoinError, NicknameError, NicknameTaken, clean_nickname,
                                join_class, normalize_code, start_class)
from telltale.classroom import exports
from telltale.storage import (ClassClosed, GradedAnswer, Store, classes, hash_token, learners, make_engine,
                               now)
from testkit.answers import face_answer


def answer(store, learner, phase, position, item, choice, truth, confidence=70, ms=3000):
    return store.record_answer(learner.id, phase, position, face_answer(item, choice, truth), confidence, ms)


# --- codes and teacher tokens --------------------------------------------------------------

def test_class_codes_have_six_characters_without_look_alikes():
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert CODE_ALPHABET == CODE_ALPHABET.upper()
    codes = {classroom.new_class_code() for _ in range(2000)}
    assert len(codes) == 2000  # random, not a counter
    assert all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert set("".join(codes)) == set(CODE_ALPHABET)  # every character is used


def test_typed_codes_are_forgiving_about_case_spaces_and_dashes_but_not_look_alikes():
    assert normalize_code(" abc-234 ") == "ABC234"
    assert normalize_code("ab c23 4") == "ABC234"
    for wrong in ("ABC23", "ABC2345", "ABCO23", "ABC023", "ABCI23", "ABC123", "ABCL23", "", None, "ABC23!"):
        assert normalize_code(wrong) is None


def test_the_teacher_token_opens_its_class_only_and_only_its_hash_is_stored(store):
    first, token = start_class(store, ["pretest", "posttest"], test_items=6, title="Year 9 <b>B</b>")
    second, other_token = start_class(store, ["tells"])
    assert len(token) >= 40 and token != other_token
    assert classroom.class_for_teacher(store, token).id == first.id
    assert classroom.class_for_teacher(store, other_token).id == second.id
    for wrong in (token + "x", token[:-1], token.upper(), "", None, first.code, "x" * 500):
        assert classroom.class_for_teacher(store, wrong) is None
    with store.engine.connect() as conn:
        row = conn.execute(select(classes).where(classes.c.id == first.id)).one()
    assert row.teacher_token_hash == hash_token(token)
    assert token not in json.dumps([str(v) for v in row])
    assert first.plan["sections"] == ["welcome", "pretest", "posttest", "results"]
    assert first.plan["test_items"] == 6
    assert first.title == "Year 9 <b>B</b>"  # kept as text; pages show it as plain text


def test_a_class_needs_at_least_one_part_of_the_course(store):
    with pytest.raises(ValueError):
        start_class(store, [])


def test_the_qr_code_is_a_png_made_here():
    png = classroom.qr_png(classroom.join_url("http://school.example:8501/", "ABC234"))
    assert png.startswith(b"\x89PNG")
    assert classroom.join_url("http://school.example:8501/", "ABC234") == "http://school.example:8501/join?code=ABC234"


# --- nicknames -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, kept", [
    ("  Swift   Otter ", "Swift Otter"),
    ("José", "José"),
    ("李雷", "李雷"),
    ("O'Neil-Smith Jr.", "O'Neil-Smith Jr."),
    ("Ｗｉｄｅ", "Wide"),  # full-width letters are normalized
    ("42", "42"),
])
def test_nicknames_are_normalized(typed, kept):
    assert clean_nickname(typed) == kept


@pytest.mark.parametrize("typed", [
    "", " ", "A", "x" * 21,
    "<b>Bob</b>", "**Bob**", "[Bob](http://x.example)", "Bob`s", "Bob\u200bby", "Bob\x07", "Bob 😀",
    "=SUM(A1)", "-Bob", "'Bob", ".Bob", "Bob@home", "Bob#1", "Bob_1", "Bob$",
])
def test_nicknames_outside_the_rules_are_refused_with_a_reason(typed):
    with pytest.raises(NicknameError) as refused:
        clean_nickname(typed)
    assert str(refused.value).startswith("Please") or "can only have" in str(refused.value)


def test_suggested_nicknames_are_friendly_valid_and_avoid_names_taken():
    rng = random.Random(4)
    taken = {classroom.suggest_nickname(rng=rng) for _ in range(50)}
    for _ in range(200):
        name = classroom.suggest_nickname(taken={n.lower() for n in taken}, rng=rng)
        assert clean_nickname(name) == name and name not in taken
        adjective, animal = name.split(" ")[:2]
        assert adjective in classroom.ADJECTIVES and animal in classroom.ANIMALS


# --- joining and rejoining ---------------------------------------------------------------

def test_a_student_joins_with_code_and_nickname_and_follows_the_class_plan(store):
    the_class, _ = start_class(store, ["tells", "posttest"], test_items=8)
    joined = join_class(store, the_class.code.lower(), "  Swift  Otter")
    assert not joined.rejoined
    assert joined.learner.nickname == "Swift Otter" and joined.learner.class_id == the_class.id
    assert joined.learner.plan == the_class.plan and joined.learner.section == "tells"
    assert store.learner_by_token(joined.token).id == joined.learner.id


def test_wrong_code_and_bad_nickname_are_refused(store):
    the_class, _ = start_class(store)
    with pytest.raises(JoinError, match="no class with this code"):
        join_class(store, "ZZZZZZ" if the_class.code != "ZZZZZZ" else "YYYYYY", "Swift Otter")
    with pytest.raises(JoinError, match="no class"):
        join_class(store, "nope", "Swift Otter")
    with pytest.raises(NicknameError):
        join_class(store, the_class.code, "<script>")
    assert store.members(the_class.id) == []


def test_a_taken_nickname_asks_first_then_rejoins_on_a_new_token(store):
    the_class, _ = start_class(store, ["pretest"])
    first = join_class(store, the_class.code, "Swift Otter")
    assert answer(store, first.learner, "pretest", 0, "fa", "ai", "ai")
    store.set_section(first.learner.id, "pretest")
    with pytest.raises(NicknameTaken) as taken:
        join_class(store, the_class.code, "swift otter")  # same name, other case: not a second student
    assert taken.value.nickname == "Swift Otter"
    asked = join_class(store, the_class.code, "swift otter", rejoin=True)
    assert isinstance(asked, classroom.RejoinPending)  # nothing moves until the teacher approves
    assert classroom.rejoin_status(store, asked.request_token) == ("waiting", None)
    assert store.learner_by_token(first.token).id == first.learner.id
    [request] = classroom.waiting_rejoins(store, the_class.id)
    assert request.nickname == "Swift Otter"
    assert store.decide_rejoin(the_class.id, request.id, approve=True)
    status, again = classroom.rejoin_status(store, asked.request_token)
    assert status == "approved" and again.rejoined and again.learner.id == first.learner.id
    assert classroom.rejoin_status(store, asked.request_token) == ("used", None)  # approved once, used once
    assert store.answer_count(again.learner.id, "pretest") == 1  # continues where they were
    assert store.learner_by_token(first.token) is None  # the old tab no longer answers for them
    assert store.learner_by_token(again.token).id == first.learner.id
    assert [m.rejoins for m in store.members(the_class.id)] == [1]


def test_nicknames_are_per_class(store):
    one, _ = start_class(store)
    two, _ = start_class(store)
    a = join_class(store, one.code, "Swift Otter")
    b = join_class(store, two.code, "Swift Otter")
    assert a.learner.id != b.learner.id


def test_class_state_lives_in_the_database_so_several_app_servers_can_share_it(db_url):
    teacher_server, student_server = Store(make_engine(db_url)), Store(make_engine(db_url))
    the_class, token = start_class(teacher_server, ["pretest"])
    joined = join_class(student_server, the_class.code, "Quiet Owl")
    answer(student_server, joined.learner, "pretest", 0, "fa", "real", "ai")
    snap = classroom.snapshot(teacher_server, classroom.class_for_teacher(teacher_server, token))
    assert [s.nickname for s in snap.students] == ["Quiet Owl"] and snap.answer_count == 1
    teacher_server.set_class_closed(the_class.id, True)
    with pytest.raises(ClassClosed):
        answer(student_server, joined.learner, "pretest", 1, "fb", "real", "real")
    for server in (teacher_server, student_server):
        server.engine.dispose()


# --- closing, deleting, retention ----------------------------------------------------------

def test_a_closed_class_takes_no_answers_and_no_students(store):
    the_class, _ = start_class(store, ["pretest"])
    student = join_class(store, the_class.code, "Brave Fox")
    assert answer(store, student.learner, "pretest", 0, "fa", "ai", "ai")
    store.set_class_closed(the_class.id, True)
    assert store.class_by_id(the_class.id).is_closed
    with pytest.raises(ClassClosed):
        answer(store, student.learner, "pretest", 1, "fb", "real", "real")
    assert store.answer_count(student.learner.id, "pretest") == 1
    with pytest.raises(JoinError, match="closed"):
        join_class(store, the_class.code, "Late Comer")
    with pytest.raises(JoinError, match="closed"):
        join_class(store, the_class.code, "Brave Fox", rejoin=True)
    # A learner outside any class is not affected.
    _, solo = store.create_learner({"sections": ["welcome", "pretest", "results"]}, section="pretest")
    assert store.record_answer(solo.id, "pretest", 0, face_answer("fa", "ai", "ai"))
    store.set_class_closed(the_class.id, False)  # reopened by mistake-fixing teacher
    assert answer(store, student.learner, "pretest", 1, "fb", "real", "real")


def test_deleting_a_class_removes_its_students_and_answers_only(store):
    doomed, token = start_class(store, ["pretest"])
    kept, _ = start_class(store, ["pretest"])
    gone = join_class(store, doomed.code, "Brave Fox")
    stays = join_class(store, kept.code, "Brave Fox")
    _, solo = store.create_learner({"sections": ["welcome", "pretest", "results"]}, section="pretest")
    for learner in (gone.learner, stays.learner, solo):
        answer(store, learner, "pretest", 0, "fa", "ai", "ai")
    store.delete_class(doomed.id)
    assert store.class_by_id(doomed.id) is None and store.class_by_code(doomed.code) is None
    assert classroom.class_for_teacher(store, token) is None
    assert store.learner_by_token(gone.token) is None
    assert store.answers(gone.learner.id) == []
    assert len(store.answers(stays.learner.id)) == 1 and len(store.answers(solo.id)) == 1
    assert store.class_answers(doomed.id) == [] and store.members(doomed.id) == []


def test_classes_older_than_the_retention_period_are_deleted(store):
    old, _ = start_class(store, ["pretest"])
    student = join_class(store, old.code, "Brave Fox")
    answer(store, student.learner, "pretest", 0, "fa", "ai", "ai")
    _, solo = store.create_learner({"sections": ["welcome", "pretest", "results"]}, section="pretest")
    assert classroom.purge_expired(store, days=30, at=now() + timedelta(days=29)) == 0
    assert store.class_by_id(old.id) is not None
    assert classroom.purge_expired(store, days=30, at=now() + timedelta(days=31)) == 1
    assert store.class_by_id(old.id) is None and store.learner_by_token(student.token) is None
    assert store.answers(student.learner.id) == []
    with store.engine.connect() as conn:  # a learner outside any class is not a class's data
        assert conn.execute(select(learners.c.id).where(learners.c.id == solo.id)).scalar_one() == solo.id


def test_the_retention_period_comes_from_the_environment(store, monkeypatch):
    assert classroom.retention_days({}) == 30
    assert classroom.retention_days({"TELLTALE_RETENTION_DAYS": "7"}) == 7
    for bad in ("0", "-3", "soon", "1.5", ""):
        assert classroom.retention_days({"TELLTALE_RETENTION_DAYS": bad}) == 30
    the_class, _ = start_class(store)
    monkeypatch.setenv("TELLTALE_RETENTION_DAYS", "7")
    assert classroom.purge_expired(store, at=now() + timedelta(days=6)) == 0
    assert classroom.purge_expired(store, at=now() + timedelta(days=8)) == 1
    assert store.class_by_id(the_class.id) is None


# --- the dashboard ------------------------------------------------------------------------------

@pytest.fixture
def busy_class(store):
    """Three students: Ann improves, Ben calls everything AI, Cy has only started."""
    the_class, token = start_class(store, ["pretest", "practice", "posttest", "ads"], test_items=4)
    ann = join_class(store, the_class.code, "Ann").learner
    ben = join_class(store, the_class.code, "Ben").learner
    cy = join_class(store, the_class.code, "Cy").learner
    truth = {"f1": "ai", "f2": "real", "f3": "ai", "f4": "real", "g1": "ai", "g2": "real", "g3": "ai", "g4": "real"}
    for pos, (item, choice) in enumerate([("f1", "real"), ("f2", "real"), ("f3", "real"), ("f4", "ai")]):
        answer(store, ann, "pretest", pos, item, choice, truth[item], confidence=90)
    for pos, item in enumerate(["g1", "g2", "g3", "g4"]):
        answer(store, ann, "posttest", pos, item, truth[item], truth[item], confidence=80)
    for pos, item in enumerate(["f1", "f2", "f3", "f4"]):
        answer(store, ben, "pretest", pos, item, "ai", truth[item], confidence=60)
    for pos, item in enumerate(["g1", "g2", "g3", "g4"]):
        answer(store, ben, "posttest", pos, item, "ai", truth[item], confidence=70)
    answer(store, cy, "pretest", 0, "f1", "real", "ai", confidence=100)
    store.record_answer(ann.id, "practice", 0, GradedAnswer("pair", "p1+p2", "p1", "p1", True, 1.0), confidence=70)
    store.record_answer(ann.id, "ads", 0, GradedAnswer("ad", "heartland", "inauthentic", "inauthentic", True, 0.5,
                                                       {"flags": ["no-paid-for-by", "new-page"]}))
    store.record_answer(ben.id, "ads", 0, GradedAnswer("ad", "heartland", "inauthentic", "inauthentic", True, 1.0,
                                                       {"flags": ["no-paid-for-by", "new-page", "foreign-admins"]}))
    store.set_section(ann.id, "ads")
    store.set_section(ben.id, "results")
    return store, the_class, token, (ann, ben, cy)


def test_the_dashboard_shows_who_joined_and_how_far_they_are(busy_class):
    store, the_class, token, _ = busy_class
    snap = classroom.snapshot(store, classroom.class_for_teacher(store, token))
    assert [s.nickname for s in snap.students] == ["Ann", "Ben", "Cy"]
    assert dict(snap.section_counts) == {"pretest": 1, "practice": 0, "posttest": 0, "ads": 1, "results": 1}
    ann, ben, cy = snap.students
    assert ann.answered == {"pretest": 4, "posttest": 4, "practice": 1, "ads": 1}
    assert cy.answered == {"pretest": 1} and cy.posttest is None
    assert snap.expected == {"pretest": 4, "practice": 12, "posttest": 4}
    assert snap.answer_count == 4 + 4 + 4 + 4 + 1 + 1 + 2


def test_the_dashboard_finds_the_faces_that_fooled_the_class(busy_class):
    store, the_class, _, _ = busy_class
    snap = classroom.snapshot(store, the_class)
    f1 = snap.item("f1")
    assert (f1.truth, f1.n, f1.correct, f1.called_ai) == ("ai", 3, 1, 1)
    assert snap.item("p1+p2") is None  # pairs have no real/AI choice
    # f4 (real) was called AI by both who saw it; f1 (AI) fooled two of three.
    assert [i.item_id for i in snap.fooled_most(limit=2)] == ["f4", "f1"]
    assert [i.item_id for i in snap.fooled_most(limit=3, min_answers=3)] == ["f1"]


def test_the_dashboard_compares_tests_and_spreads_d_prime_and_bias(busy_class):
    store, the_class, _, _ = busy_class
    snap = classroom.snapshot(store, the_class)
    assert snap.pre_post() == [("Ann", 0.25, 1.0), ("Ben", 0.5, 0.5)]
    means = snap.test_means()
    assert means["pretest"][1] == 3 and means["posttest"] == (0.75, 2)
    points = {(name, test): (d, c) for name, test, d, c in snap.detection_points()}
    assert points[("Ann", "posttest")][0] > 1.0  # all right: high sensitivity
    assert points[("Ben", "posttest")][0] == pytest.approx(0.0, abs=1e-9)  # calls everything AI
    assert points[("Ben", "posttest")][1] < -0.3  # bias towards "AI"
    assert sum(b.n for b in snap.calibration) == 17  # test answers only
    assert snap.students[0].overconfidence is not None


def test_the_dashboard_adds_up_the_red_flags_found_in_the_ads(busy_class):
    store, the_class, _, _ = busy_class
    ads = classroom.snapshot(store, the_class).ads
    assert ads.answers == 2 and ads.students == 2 and ads.mean_score == 0.75
    assert ads.flags == [("new-page", 2), ("no-paid-for-by", 2), ("foreign-admins", 1)]
    assert ads.per_item == [("heartland", 2, 0.75)]


def test_the_dashboard_of_an_empty_class(store):
    the_class, _ = start_class(store)
    snap = classroom.snapshot(store, the_class)
    assert snap.students == [] and snap.items == [] and snap.fooled_most() == [] and snap.pre_post() == []
    assert snap.ads.mean_score is None and snap.last_answer_at is None


# --- exports ---------------------------------------------------------------------------

def test_the_answers_csv_has_one_row_per_answer(busy_class):
    store, the_class, _, (ann, _, _) = busy_class
    rows = list(csv.DictReader(io.StringIO(classroom.answers_csv(store.class_answers(the_class.id)))))
    assert len(rows) == 20
    first = next(r for r in rows if r["nickname"] == "Ann" and r["phase"] == "pretest" and r["position"] == "0")
    assert first["item"] == "f1" and first["choice"] == "real" and first["correct"] == "false"
    assert first["confidence"] == "90" and first["response_time_ms"] == "3000"
    assert first["timestamp"].startswith(str(now().year)) and "+00:00" in first["timestamp"]
    assert set(classroom.ANSWER_COLUMNS) <= set(first)
    ads = next(r for r in rows if r["nickname"] == "Ben" and r["phase"] == "ads")
    assert ads["flags"] == "no-paid-for-by new-page foreign-admins" and ads["score"] == "1"


def test_the_summary_csv_has_one_row_per_student(busy_class):
    store, the_class, _, _ = busy_class
    rows = list(csv.DictReader(io.StringIO(classroom.summary_csv(classroom.snapshot(store, the_class)))))
    assert [r["nickname"] for r in rows] == ["Ann", "Ben", "Cy"]
    ann = rows[0]
    assert (ann["pretest_correct"], ann["pretest_items"], ann["posttest_correct"]) == ("1", "4", "4")
    assert ann["now_at"] == "Fake ads" and ann["ads_mean_score"] == "0.5"
    assert rows[2]["posttest_accuracy"] == ""


def test_csv_cells_never_start_a_spreadsheet_formula(store):
    the_class, _ = start_class(store, ["ads"])
    student = join_class(store, the_class.code, "Brave Fox").learner
    store.record_answer(student.id, "ads", 0, GradedAnswer("ad", "ad1", "=HYPERLINK(\"http://x.example\")",
                                                           "authentic", False, 0.0, {"flags": ["@evil"]}))
    text = classroom.answers_csv(store.class_answers(the_class.id))
    row = list(csv.DictReader(io.StringIO(text)))[0]
    assert row["choice"] == "'=HYPERLINK(\"http://x.example\")" and row["flags"] == "'@evil"
    assert exports._cell("-1+2") == "'-1+2" and exports._cell("@x") == "'@x" and exports._cell("Ann") == "Ann"


def test_xapi_statements_name_learners_by_a_random_account_only(busy_class):
    store, the_class, _, (ann, _, _) = busy_class
    answers = store.class_answers(the_class.id)
    statements = classroom.xapi_statements(the_class, answers, "http://school.example:8501/")
    assert len(statements) == len(answers)
    text = json.dumps(statements)
    for nickname in ("Ann", "Ben", "Cy"):
        assert f'"{nickname}"' not in text
    assert "mbox" not in text and "@" not in text
    members = {m.learner_id: m.public_id for m in store.members(the_class.id)}
    assert len(set(members.values())) == 3 and all(len(p) >= 16 for p in members.values())
    for statement, a in zip(statements, answers):
        account = {"homePage": "http://school.example:8501", "name": members[a.learner_id]}
        assert statement["actor"] == {"objectType": "Agent", "account": account}
        assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
        assert statement["result"]["success"] is a.correct
        uuid.UUID(statement["id"]) and uuid.UUID(statement["context"]["registration"])
    first = statements[0]
    assert first["result"]["duration"] == "PT3.00S" and first["result"]["response"] == answers[0].choice
    assert first["object"]["id"].startswith("http://school.example:8501/xapi/activity/")
    again = classroom.xapi_statements(the_class, store.class_answers(the_class.id), "http://school.example:8501")
    assert [s["id"] for s in again] == [s["id"] for s in statements]  # re-export: same statements
    assert len({s["id"] for s in statements}) == len(statements)


def test_the_public_id_survives_a_rejoin(store):
    the_class, _ = start_class(store, ["pretest"])
    first = join_class(store, the_class.code, "Brave Fox")
    before = store.members(the_class.id)[0].public_id
    asked = join_class(store, the_class.code, "Brave Fox", rejoin=True)
    store.decide_rejoin(the_class.id, classroom.waiting_rejoins(store, the_class.id)[0].id, approve=True)
    assert classroom.rejoin_status(store, asked.request_token)[0] == "approved"
    assert store.members(the_class.id)[0].public_id == before
    assert first.token not in before


# --- an older database ----------------------------------------------------------------------

def test_an_older_database_gets_the_new_columns(db_url):
    old = MetaData()
    Table("classes", old, Column("id", Integer, primary_key=True), Column("code", String(6)),
          Column("teacher_token_hash", String(64)), Column("title", String(80)), Column("settings", Text),
          Column("created_at", DateTime(timezone=True)), Column("closed_at", DateTime(timezone=True)))
    Table("learners", old, Column("id", Integer, primary_key=True), Column("token_hash", String(64)),
          Column("seed", Integer), Column("class_id", Integer), Column("nickname", String(24)),
          Column("plan", Text), Column("section", String(20)), Column("created_at", DateTime(timezone=True)),
          Column("updated_at", DateTime(timezone=True)))
    engine = create_engine(db_url)
    old.create_all(engine)
    engine.dispose()
    store = Store(make_engine(db_url))
    columns = {c["name"] for c in inspect(store.engine).get_columns("learners")}
    assert {"public_id", "rejoins", "language"} <= columns
    assert "language" in {c["name"] for c in inspect(store.engine).get_columns("classes")}
    the_class, _ = start_class(store, ["pretest"], language="es")
    joined = join_class(store, the_class.code, "Brave Fox")
    assert joined.learner.language == "es"
    assert answer(store, joined.learner, "pretest", 0, "fa", "ai", "ai")
    store.engine.dispose()


# --- languages --------------------------------------------------------------------------------

def test_a_learner_keeps_the_language_they_chose(store):
    token, learner = store.create_learner(course.default_plan(), section="pretest", language="es")
    assert learner.language == "es" and store.learner_by_token(token).language == "es"
    store.set_language(learner.id, "en")
    assert store.learner_by_token(token).language == "en"
    store.set_language(learner.id, "xx")  # not a language of the app: the default
    assert store.learner_by_token(token).language == "en"


def test_joiners_get_the_class_language_unless_they_chose_another(store):
    the_class, _ = start_class(store, ["pretest"], language="es")
    assert store.class_by_id(the_class.id).language == "es"
    default = join_class(store, the_class.code, "Brave Fox")
    chosen = join_class(store, the_class.code, "Calm Owl", language="en")
    assert (default.learner.language, chosen.learner.language) == ("es", "en")
    assert [(m.nickname, m.language) for m in store.members(the_class.id)] == [("Brave Fox", "es"), ("Calm Owl", "en")]
    with pytest.raises(JoinError, match="No hay ninguna clase con este código"):
        join_class(store, "ZZZZZZ", "Quick Yak", language="es")
    with pytest.raises(NicknameTaken, match="Alguien llamado Brave Fox ya está en esta clase"):
        join_class(store, the_class.code, "brave fox")  # the class's language: Spanish


def test_the_exports_say_which_language_each_student_used(store):
    the_class, _ = start_class(store, ["pretest"], language="es")
    for nickname, language in (("Brave Fox", "es"), ("Calm Owl", "en")):
        joined = join_class(store, the_class.code, nickname, language=language)
        answer(store, joined.learner, "pretest", 0, "fa", "ai", "ai")
    answers = list(csv.DictReader(io.StringIO(classroom.answers_csv(store.class_answers(the_class.id)))))
    assert [(row["nickname"], row["language"]) for row in answers] == [("Brave Fox", "Español"), ("Calm Owl", "English")]
    summary = classroom.summary_csv(classroom.snapshot(store, the_class), language="es")
    rows = list(csv.DictReader(io.StringIO(summary)))
    assert [(row["apodo"], row["idioma"], row["ahora_en"]) for row in rows] == [
        ("Brave Fox", "Español", "Prueba inicial"), ("Calm Owl", "English", "Prueba inicial")]
    statements = classroom.xapi_statements(the_class, store.class_answers(the_class.id), "http://t.example")
    assert [s["context"]["language"] for s in statements] == ["es", "en"]


def test_the_item_limits_follow_the_library():
    from tests.test_course import make_items

    items = make_items()  # 8 real and 8 AI faces in each test form; 12 annotated practice faces
    test, practice = classroom.item_limits(items)
    assert test == 16
    assert 6 <= practice <= 12
    assert len(course.draw_test(items, "A", test, seed=1)) == test
