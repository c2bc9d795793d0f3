"""The face steps' view: a single face ("real or AI?") or a pair ("which is real?"), its form, and
the feedback with every clue outlined and explained. Grading is the step kinds' (telltale.steps)."""
from __future__ import annotations

import streamlit as st

from app_pages.views.cached import answer_missing, confidence_radio, face, library, progress, store
from app_pages.views.language import _
from app_pages.views.session import callback, finish_section, note_shown, started_at, submit
from telltale import course
from telltale.course import Question
from telltale.i18n import N_
from telltale.steps import face as face_step, pair as pair_step
from telltale.storage import Answer, Learner

CHOICE_LABELS = {"real": N_("Real photo"), "ai": N_("AI-made")}
SIDE_LABELS = {"left": N_("The left one (A)"), "right": N_("The right one (B)")}
# Feedback on a practice face that honestly shows no tell (course.draw_practice gives each learner a few).
NO_TELL = {
    "ai": N_("**No visible tell here.** That is common: many faces from modern generators show none at all. "
             "In studies, people judged such faces at about chance (Nightingale & Farid 2022), and white AI "
             "faces were even taken for human more often than real white faces (Miller et al. 2023). So do "
             "not guess from a face's style, polish or lighting. When it matters, check the source instead: "
             "where else the picture appears (a reverse image search), who posted it and since when, and "
             "whether it carries Content Credentials. The part *Check the source* shows how."),
    "real": N_("**No tell either way here.** Nothing in this real photo proves it is real, and nothing looks "
               "wrong. Most real photos are like this, and so are many AI faces: a face without a tell is not "
               "thereby real or fake. Do not guess from style; when it matters, check the source (where else "
               "the picture appears, who posted it and since when). The part *Check the source* shows how."),
}


def questions(phase: str, learner: Learner) -> list[Question]:
    # Not cached: drawing them takes a tenth of a millisecond, less than a cache lookup.
    return course.questions_for(phase, learner.plan, learner.seed, library().items)


def choice_form(key: str, on_submit, args: tuple, pair: bool = False) -> None:
    """Real-or-AI (or which of two) and how-sure, asked together. ``on_submit(*args)`` runs when the
    form is sent, before the run that follows; it finds the answers under ``{key}-choice`` and
    ``{key}-sure`` and leaves any problem under ``{key}-problem``, shown here."""
    with st.form(key, clear_on_submit=False, border=False):
        if pair:
            st.radio(_("Which of these two is a real photo?"), list(pair_step.SIDES), index=None,
                     horizontal=True, format_func=lambda side: _(SIDE_LABELS[side]), key=f"{key}-choice")
        else:
            st.radio(_("Real photo or AI-made?"), list(face_step.CHOICES), index=None, horizontal=True,
                     format_func=lambda kind: _(CHOICE_LABELS[kind]), key=f"{key}-choice")
        confidence_radio(key=f"{key}-sure")
        st.form_submit_button(_("Submit answer"), type="primary", on_click=on_submit, args=args)
    problem = st.session_state.pop(f"{key}-problem", None)
    if problem:
        st.error(problem)


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
                 alt=_("Question {number}: two faces side by side, A on the left and B on the right").format(
                     number=question.position + 1))
        else:
            face(library().face_bytes(question.items[0]),
                 alt=_("Face {number} of {total}").format(number=question.position + 1, total=total), width="stretch")


def ask(learner: Learner, question: Question, total: int, remember_as: str | None = None) -> None:
    """Show one question; its answer is stored the moment it is submitted (``store_answer``), and the
    run that follows shows what comes next. ``remember_as``: a session key that then holds the
    question's position (practice shows that question's feedback)."""
    key = f"{question.phase}-{question.position}"
    note_shown(question.phase, question.position)
    started_at(key)
    columns = question_columns(question)
    show_question_faces(question, total, columns[0])
    with columns[-1]:
        progress(question.position, total, noun="Question" if question.phase == "practice" else "Face")
        choice_form(f"form-{key}", store_answer, (learner, question, key, remember_as), pair=question.is_pair)


@callback
def store_answer(learner: Learner, question: Question, key: str, remember_as: str | None) -> None:
    """The submit button's callback: grade and store the answer, or keep the reason it cannot be."""
    form = f"form-{key}"
    choice, confidence = st.session_state.get(f"{form}-choice"), st.session_state.get(f"{form}-sure")
    problem = answer_missing(choice, confidence)
    if problem:
        st.session_state[f"{form}-problem"] = problem
        return
    graded = course.grade_question(library().items, question, choice)
    submit(learner, question.phase, question.position, graded, confidence, key)
    if remember_as:
        st.session_state[remember_as] = question.position


def test_screen(learner: Learner, phase: str) -> None:
    """The next unanswered test question, or on to the next part when all are answered."""
    all_questions = questions(phase, learner)
    position = store().answer_count(learner.id, phase)
    if position >= len(all_questions):
        finish_section(learner, phase)
    ask(learner, all_questions[position], len(all_questions))


def clue_list(image_id: str, only_tell: str | None = None) -> None:
    lib = library()  # the lessons' text comes from the library of this tab's language
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
            kinds = [_("AI-made") if lib.items[i].is_ai else _("real") for i in question.items]
            face(pair_picture(question.items, highlighted=True), width="stretch",
                 alt=_("A ({first}) and B ({second}) with their clues outlined and numbered").format(
                     first=kinds[0], second=kinds[1]))
        else:
            item = lib.items[question.items[0]]
            if item.clues:
                alt = (_("AI-made face with its clues outlined and numbered") if item.is_ai
                       else _("Real face with its clues outlined and numbered"))
            else:
                alt = _("AI-made face") if item.is_ai else _("Real face")
            face(lib.highlighted_bytes(question.items[0]), width="stretch", alt=alt)
    notes = columns[-1]
    with notes:
        progress(question.position, total, noun="Question")
        verdict = _("Right!") if answer.correct else _("Not this time.")
        if question.is_pair:
            detail = (_("A is the real photo.") if answer.expected == question.items[0]
                      else _("B is the real photo."))
        else:
            detail = _("This face is AI-made.") if answer.expected == "ai" else _("This face is a real photo.")
        if answer.correct:
            st.success(f"**{verdict}** {detail}", icon=":material/check_circle:")
        else:
            st.error(f"**{verdict}** {detail}", icon=":material/cancel:")
        for image_id, letter in zip(question.items, "AB"):
            item = lib.items[image_id]
            prefix = f"{letter}: " if question.is_pair else ""
            if not item.clues:
                st.markdown(prefix + _(NO_TELL[item.answer]))
                continue
            heading = _("What gives it away") if item.is_ai else _("What shows it is real")
            st.markdown(f"**{prefix}{heading}:**")
            clue_list(image_id)
    return notes
