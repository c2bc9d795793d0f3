"""The floor: the smallest Streamlit page with Telltale's learner flow, for benchmarks/class_load.py.

A start button, then one face at a time with the same two radios and submit button as the warm-up
test (same labels, so the same simulated learner drives both), and each answer stored in SQLite
with one INSERT. Whatever Telltale costs above this page under the same load is Telltale's own.

    .venv/bin/python -m streamlit run benchmarks/floor_app.py    # FLOOR_DB=path/to/answers.db
"""
import os
import random
import sqlite3
import uuid
from pathlib import Path

import streamlit as st

FACES = sorted((Path(__file__).resolve().parent.parent / "images" / "faces").glob("*.jpg"))
DB = os.environ.get("FLOOR_DB", str(Path(os.environ.get("TMPDIR", "/tmp")) / "floor_answers.db"))
QUESTIONS = 10


@st.cache_resource
def connection() -> sqlite3.Connection:
    db = sqlite3.connect(DB, check_same_thread=False, isolation_level=None, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS answers (learner TEXT, position INTEGER, choice TEXT, confidence INTEGER)")
    return db


if "learner" not in st.session_state:
    if st.button("Start the course", type="primary"):
        st.session_state["learner"] = uuid.uuid4().hex
        st.session_state["position"] = 0
        st.rerun()
    st.stop()

position = st.session_state["position"]
face = FACES[random.Random(f"{st.session_state['learner']}-{position}").randrange(len(FACES))]
st.image(face.read_bytes(), width=400)
st.progress(min(position, QUESTIONS) / QUESTIONS, text=f"Face {position + 1}")
with st.form(f"form-{position}", border=False):
    choice = st.radio("Real photo or AI-made?", ["Real photo", "AI-made"], index=None, horizontal=True)
    confidence = st.radio("How sure are you?", ["50% · guessing", "60%", "70%", "80%", "90%", "100% · certain"],
                          index=None, horizontal=True)
    submitted = st.form_submit_button("Submit answer", type="primary")
if submitted and choice and confidence:
    connection().execute("INSERT INTO answers VALUES (?, ?, ?, ?)",
                         (st.session_state["learner"], position, choice, int(confidence.split("%")[0])))
    st.session_state["position"] = position + 1
    st.rerun()
