"""The face steps' view: a single face ("real or AI?") or a pair ("which is real?"), its form, and
the feedback with every clue outlined and explained. Grading is the step kinds' (telltale.steps)."""
from __future__ import annotations

import streamlit as st

from app_pages.views.cached import confidence_radio, face, library, missing_message, progress, store
from app_pages.views.session import finish_section, note_shown, started_at, submit
from telltale import course
from telltale.course import Question
from telltale.steps import face as face_step, pair as pair_step
from telltale.storage import Answer, Learner

CHOICE_LABELS = {"real": "Real photo", "ai": "AI-made"}
SIDE_LABELS = {"left": "The left one (A)", "right": "The right one (B)"}
# Feedback on a practice face that honestly shows no tell (course.draw_practice gives each learner a few).
NO_TELL = {
    "ai": "**No visible tell here.** That is common: many faces from modern generators show none at all. "
          "In studies, people judged such faces at about chance (Nightingale & Farid 2022), and white AI faces "
          "were even taken for human more often than real white faces (Miller et al. 2023). So do not guess from a face's "
          "style, polish or lighting. When it matters, check the source instead: where else the picture "
          "appears (a reverse image search), who posted it and since when, and whether it carries Content "
          "Credentials. The part *Check the source* shows how.",
    "real": "**No tell either way here.** Nothing in this real photo proves it is real, and nothing looks "
            "wrong. Most real photos are like this, and so are many AI faces: a face without a tell is not "
            "thereby real or fake. Do not guess from style; when it matters, check the source (where else "
            "the picture appears, who posted it and since when). The part *Check the source* shows how.",
}


@st.cache_data(show_spinner=False, max_entries=64)
def _questions(phase: str, plan_key: tuple, seed: int) -> list[Question]:
    return course.questions_for(phase, dict(plan_key), seed, library().items)


def questions(phase: str, learner: Learner) -> list[Question]:
    plan_key = tuple(sorted((k, v) for k, v in learner.plan.items() if k != "sections"))
    return _questions(phase, plan_key, learner.seed)


def choice_form(key: str, pair: bool = False):
    """Real-or-AI (or which of two) and how-sure, asked together; (choice, confidence) once both are given."""
    with st.form(key, clear_on_submit=False, border=False):
        if pair:
            choice = st.radio("Which of these two is a real photo?", list(pair_step.SIDES), index=None,
                              horizontal=True, format_func=SIDE_LABELS.get)
        else:
            choice = st.radio("Real photo or AI-made?", list(face_step.CHOICES), index=None, horizontal=True,
                              format_func=CHOICE_LABELS.get)
        confidence = confidence_radio()
        submitted = st.form_submit_button("Submit answer", type="primary")
    if not submitted:
        return None
    problem = missing_message("choose", (("your answer", choice), ("how sure you are", confidence)))
    if problem:
        st.error(problem)
        return None
    return choice, confidence


@st.cache_data(show_spinner=False, max_entries=128)
def pair_picture(image_ids: tuple[str, str], highlighted: bool = False) -> bytes:
    return library().pair_bytes(image_ids, highlighted)


def question_columns(question: Question):
    """Faces on the left, the answer on the right; on a phone they stack in that order."""
    return st.columns([1.3, 1] if question.is_pair else [1, 1.1], gap="medium")


def show_question_faces(question: Question, total: int, column) -> None:
    with column:
        if question.is_pair:
            face(pair_picture(question.items), width="stretch",
                 alt=f"Question {question.position + 1}: two faces side by side, A on the left and B on the right")
        else:
            face(library().face_bytes(question.items[0]), alt=f"Face {question.position + 1} of {total}",
                 width="stretch")


def ask(learner: Learner, question: Question, total: int) -> bool:
    """Show one question and store the answer the moment it is submitted; True once stored."""
    key = f"{question.phase}-{question.position}"
    note_shown(question.phase, question.position)
    started_at(key)
    columns = question_columns(question)
    show_question_faces(question, total, columns[0])
    with columns[-1]:
        progress(question.position, total, noun="Question" if question.phase == "practice" else "Face")
        given = choice_form(f"form-{key}", pair=question.is_pair)
    if given is None:
        return False
    choice, confidence = given
    graded = course.grade_question(library().items, question, choice)
    submit(learner, question.phase, question.position, graded, confidence, key)
    return True


def test_screen(learner: Learner, phase: str) -> None:
    """The next unanswered test question, or on to the next part when all are answered."""
    all_questions = questions(phase, learner)
    position = store().answer_count(learner.id, phase)
    if position >= len(all_questions):
        finish_section(learner, phase)
    elif ask(learner, all_questions[position], len(all_questions)):
        st.rerun()


def clue_list(image_id: str, only_tell: str | None = None) -> None:
    lib = library()
    for number, clue in enumerate(lib.items[image_id].clues, start=1):
        if only_tell and clue.tell != only_tell:
            continue
        st.markdown(f"**{number}. {lib.lessons.tells[clue.tell].name}.** {clue.note}")


def feedback(question: Question, answer: Answer, total: int):
    """Right or wrong, every face with its clues outlined and explained; returns the notes column."""
    lib = library()
    columns = question_columns(question)
    with columns[0]:
        if question.is_pair:
            kinds = ["AI-made" if lib.items[i].is_ai else "real" for i in question.items]
            face(pair_picture(question.items, highlighted=True), width="stretch",
                 alt=f"A ({kinds[0]}) and B ({kinds[1]}) with their clues outlined and numbered")
        else:
            item = lib.items[question.items[0]]
            kind = "AI-made" if item.is_ai else "Real"
            face(lib.highlighted_bytes(question.items[0]), width="stretch",
                 alt=f"{kind} face with its clues outlined and numbered" if item.clues else f"{kind} face")
    notes = columns[-1]
    with notes:
        progress(question.position, total, noun="Question")
        verdict = "Right!" if answer.correct else "Not this time."
        if question.is_pair:
            detail = f"{'A' if answer.expected == question.items[0] else 'B'} is the real photo."
        else:
            detail = f"This face is {'AI-made' if answer.expected == 'ai' else 'a real photo'}."
        if answer.correct:
            st.success(f"**{verdict}** {detail}", icon=":material/check_circle:")
        else:
            st.error(f"**{verdict}** {detail}", icon=":material/cancel:")
        for image_id, letter in zip(question.items, "AB"):
            item = lib.items[image_id]
            prefix = f"{letter}: " if question.is_pair else ""
            if not item.clues:
                st.markdown(prefix + NO_TELL[item.answer])
                continue
            st.markdown(f"**{prefix}{'What gives it away' if item.is_ai else 'What shows it is real'}:**")
            clue_list(image_id)
    return notes
