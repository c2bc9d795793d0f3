"""AppTest for the provenance lab's page: a case with its tools, the decision stored, the feedback,
the toolbox's sample files, and the lab's section of the results page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from telltale import course
from telltale.provenance.lab import load_lab
from testkit.answers import store_provenance

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ANSWER_WORDS = re.compile(r"genuine|deceptive|fake|real|ai-made|scam", re.IGNORECASE)


@pytest.fixture(scope="module")
def lab():
    return load_lab()


@pytest.fixture
def db(tmp_path, monkeypatch):
    from telltale.storage import Store, make_engine

    url = f"sqlite:///{tmp_path / 'provenance_pages.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    store = Store(make_engine(url))
    yield store
    store.engine.dispose()


def open_as(store, section: str, page: str):
    token, learner = store.create_learner(course.default_plan(), section=section)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["t"] = token
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at, learner, token


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.title] + [e.value for e in at.error]
                     + [e.value for e in at.success] + [e.value for e in at.info] + [c.value for c in at.caption]
                     + [p.proto.text for p in at.get("progress")])


def html_bodies(at) -> str:
    return "\n".join(str(element.proto.body) for element in at.get("html"))


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_a_case_shows_its_tools_and_gives_nothing_away(db, lab):
    at, _, _ = open_as(db, "provenance", "provenance")
    first = lab.cases[0]
    shown, page = texts(at), html_bodies(at)
    assert at.title[0].value == "Check the source" and "Case 1 of 6" in shown
    assert "**Jenna Marsh**" in shown
    assert [t.label for t in at.tabs] == ["Reverse image search", "Lateral reading", "Content Credentials"]
    # reverse image search: the three planted copies, each under another name, with its similarity
    assert "**3 other places** show this photo, **3 under another name**." in shown
    for copy in first.copies:
        assert copy.name in page and f"since {copy.date.day} {copy.date:%B %Y}" in page  # a date as the language writes it
    assert page.count("Another name</div>") == 3 and len(re.findall(r"Similarity (\d+)%", page)) == 3
    # lateral reading and credentials
    assert "Jenna Marsh: 14 people with this name" in page
    assert "**No Content Credentials**" in shown
    # nothing tells the answer before it is given: no verdict words in keys, no file names in the page
    for key in [w.key for w in at.radio] + [w.key for w in at.get("button_group")]:
        assert not ANSWER_WORDS.search(key or ""), key
    assert "images/" not in page and ".jpg" not in page and first.explain not in shown


def test_a_decision_is_stored_then_each_tool_is_explained(db, lab):
    at, learner, _ = open_as(db, "provenance", "provenance")
    click(at, "Submit my decision")
    assert "Please choose whether it checks out and the evidence before submitting." in texts(at)
    assert db.answers(learner.id, "provenance") == []

    at.radio(key="prov0-verdict").set_value("deceptive")
    at.button_group(key="prov0-evidence").set_value(["reverse-search", "looks"])
    click(at, "Submit my decision")
    stored = db.answers(learner.id, "provenance")
    assert [(a.item_id, a.choice, a.expected, a.correct, a.score) for a in stored] == [
        ("harbor", "deceptive", "deceptive", True, 0.875)]
    shown = texts(at)
    assert "Right: it is not what it claims." in shown
    case = lab.case("harbor")
    assert case.explain in shown.replace("\\", "")
    for tool, said in case.reveals.items():
        assert said.split(" (")[0].rstrip(".") in shown.replace("\\", ""), tool
    assert "*(decided it, you named it)*" in shown
    assert "**How the photo looks** decided none of these cases" in shown
    click(at, "Next case")
    assert "Case 2 of 6" in texts(at) and "**Brightpath Clinic**" in texts(at)


def test_the_credentials_of_an_ai_declared_file_are_shown_as_a_viewer_shows_them(db, lab):
    at, learner, _ = open_as(db, "provenance", "provenance")
    store_provenance(db, learner.id, lab, 0, lab.cases[0], "deceptive", ["reverse-search"])
    at.run()  # the next case: the ad with AI-declared credentials
    shown = texts(at)
    assert "**Valid Content Credentials from a signer on the trust list**" in shown
    assert "Imagine Studio \\(test signer\\)" in shown and ":red-background[AI-generated]" in shown
    assert "made by an AI image generator" in shown
    assert "Register of licensed doctors: no match" in html_bodies(at)


def test_the_toolbox_reads_the_sample_files(db, lab):
    at, _, _ = open_as(db, "provenance", "provenance")
    at.selectbox(key="prov-sample").set_value("birch.jpg").run()
    shown = texts(at)
    assert "Content Credentials that fail validation: the file was changed after signing" in shown
    assert "assertion.dataHash.mismatch" in shown
    at.selectbox(key="prov-sample").set_value("willow.jpg").run()
    assert "the signer is not on the trust list" in texts(at)


def test_the_results_page_has_a_section_for_checking_the_source(db, lab):
    token, learner = db.create_learner(course.default_plan(), section="results")
    for position, case in enumerate(lab.cases):
        right = position < 4
        verdict = case.verdict if right else {"genuine": "deceptive", "deceptive": "genuine"}[case.verdict]
        store_provenance(db, learner.id, lab, position, case, verdict, list(case.deciding[:1]) + ["looks"] * (position == 0))
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["t"] = token
    at.run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    deciding_total = sum(len(c.deciding) for c in lab.cases)
    assert metrics["Cases decided right"] == "4 of 6"
    assert metrics["Deciding evidence named"] == f"6 of {deciding_total}"
    assert "In **1** case you gave the photo's look as evidence." in texts(at)  # a plural form per count
