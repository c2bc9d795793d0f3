"""Streamlit pieces shared by the pages: the cached engine, the current learner, and widgets.

Pages call these so that each page file reads like a description of its screen.
"""
from __future__ import annotations

import secrets
import time

import streamlit as st

from telltale import course, served
from telltale.course import SECTION_TITLES, Question
from telltale.library import Library, load_library
from telltale.storage import ClassClosed, Learner, Store, database_url, make_engine

PAGE_FILES = {section: f"app_pages/{section}.py" for section in course.SECTIONS}
CONFIDENCE_LABELS = {50: "50% · guessing", 60: "60%", 70: "70%", 80: "80%", 90: "90%", 100: "100% · certain"}
CHOICE_LABELS = {"real": "Real photo", "ai": "AI-made"}


@st.cache_resource(show_spinner=False)
def library() -> Library:
    return load_library()


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return Store(make_engine(url))


def store() -> Store:
    """One connection pool per database URL, shared by all sessions of this server."""
    return _store_for(database_url())


@st.cache_data(show_spinner=False, max_entries=64)
def _questions(phase: str, plan_key: tuple, seed: int) -> list[Question]:
    plan = dict(plan_key)
    return course.questions_for(phase, plan, seed, library().items)


def questions(phase: str, learner: Learner) -> list[Question]:
    plan_key = tuple(sorted((k, v) for k, v in learner.plan.items() if k != "sections"))
    return _questions(phase, plan_key, learner.seed)


# --- the learner -------------------------------------------------------------------------

def current_learner() -> Learner | None:
    """The learner of this browser tab, found by the resume token in the URL or the session."""
    token = st.session_state.get("token") or st.query_params.get("t")
    if not token:
        return None
    learner = store().learner_by_token(token)
    if learner is None:
        st.session_state.pop("token", None)
        st.session_state["lost-link"] = True  # the welcome screen says what may have happened
        return None
    st.session_state["token"] = token
    st.session_state["viewer"] = f"learner:{learner.id}:{learner.seed}"
    if st.query_params.get("t") != token:
        st.query_params["t"] = token  # the address bar is the resume link
    return learner


def forget_learner() -> None:
    """This tab no longer belongs to a learner (after "delete my answers")."""
    st.session_state.pop("token", None)
    st.query_params.clear()


def start_learner(plan: dict | None = None, class_id: int | None = None, nickname: str | None = None) -> Learner:
    from app_pages import guards
    # A self-paced learner gets the parts whose content is fine.
    plan = plan or course.default_plan([s for s in course.SECTIONS if guards.usable(s)])
    token, learner = store().create_learner(plan, section=course.next_section(plan, "welcome"),
                                            class_id=class_id, nickname=nickname)
    st.session_state["token"] = token
    st.query_params["t"] = token
    return learner


def go(section: str):
    st.switch_page(PAGE_FILES[section], query_params={"t": st.session_state.get("token", "")})


def require_learner(section: str) -> Learner:
    """The learner, sent to the right page if they arrive somewhere they cannot be yet."""
    learner = current_learner()
    if learner is None:
        go("welcome")
    sections = learner.plan["sections"]
    if section not in sections or sections.index(section) > sections.index(learner.section):
        go(learner.section)
    if learner.class_id is not None:
        from app_pages import classroom_ui  # a closed class takes no answers: results only
        classroom_ui.stop_if_class_closed(learner, section)
    from app_pages import guards
    if not guards.usable(section):  # its content is broken: a clear page and a way on
        guards.part_unavailable(section, on_skip=lambda: finish_section(learner, section))
    return learner


ONWARD_LABELS = {"pretest": "On to the warm-up test", "tells": "On to the tells", "practice": "On to practice",
                 "posttest": "On to the final test", "ads": "On to the fake ads", "network": "On to the network case",
                 "results": "See my results"}


def onward_label(learner: Learner, section: str) -> str:
    """The button that leaves a section names where it leads (a teacher may have left parts out)."""
    return ONWARD_LABELS[course.next_section(learner.plan, section)]


def finish_section(learner: Learner, section: str) -> None:
    following = course.next_section(learner.plan, section)
    if learner.plan["sections"].index(following) > learner.plan["sections"].index(learner.section):
        store().set_section(learner.id, following)
    go(following)


# --- layout ------------------------------------------------------------------------------

def style() -> None:
    st.html("""<style>
    /* A course, not a dashboard: no Streamlit header bar, so every pixel of a 768px screen counts. */
    header[data-testid="stHeader"] {display: none;}
    .block-container {padding-top: 1.2rem; padding-bottom: 2rem; max-width: 1040px;}
    h1 {font-size: 2rem !important; padding-top: .2rem !important;}
    h2 {font-size: 1.5rem !important;}
    /* Streamlit's captions are too faint for WCAG AA (4.3:1); this grey gives 7.6:1 on white. */
    [data-testid="stCaptionContainer"] {opacity: 1 !important;}
    [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #4b5563 !important;}
    [data-testid="stImage"] img {border-radius: 10px;}
    .tt-steps {display:flex; flex-wrap:wrap; gap:.35rem; margin:0 !important; padding:0 !important; list-style:none;}
    .tt-steps li {font-size:.82rem; padding:.2rem .6rem; border-radius:999px; background:#eef1f5; color:#3d4450;}
    .tt-steps li.done {background:#dcefe3; color:#14532d;}
    .tt-steps li.now {background:#1d4ed8; color:#ffffff; font-weight:600;}
    /* On a phone only the current part is shown, so the face starts higher on the screen. */
    @media (max-width: 640px) {.tt-steps li:not(.now) {display: none;}}
    </style>""")


def steps_bar(learner: Learner, here: str) -> None:
    sections = learner.plan["sections"]
    reached = sections.index(learner.section)
    items = []
    for index, section in enumerate(sections):
        css = "now" if section == here else ("done" if index < reached else "")
        items.append(f'<li class="{css}">{SECTION_TITLES[section]}</li>')
    st.html(f'<ol class="tt-steps" aria-label="Course progress">{"".join(items)}</ol>')
    if learner.class_id is not None:
        from app_pages import classroom_ui
        classroom_ui.class_caption(learner)
    st.caption("Saved as you go. To come back later, bookmark this page: its address is your private resume link.")


@st.cache_data(show_spinner=False, max_entries=512)
def _served(picture: bytes, key: bytes) -> bytes:
    return served.served_bytes(picture, key)


def served_picture(picture: bytes) -> bytes:
    """The picture as this viewer receives it (telltale/served.py): its bytes, and so its /media/
    address, are this learner's own and match nothing the repository holds."""
    viewer = st.session_state.setdefault("viewer", f"session:{secrets.token_hex(16)}")
    return _served(picture, served.viewer_key(store().secret, viewer))


def face(image_bytes: bytes, alt: str, width: int | str = 400) -> None:
    st.image(served_picture(image_bytes), width=width, alt=alt)


def choice_form(key: str, pair: bool = False, labels: tuple[str, str] | None = None):
    """Real-or-AI and how-sure, asked together; returns (choice, confidence) once both are given."""
    with st.form(key, clear_on_submit=False, border=False):
        if pair:
            choice = st.radio("Which of these two is a real photo?", ["left", "right"], index=None, horizontal=True,
                              format_func=lambda v: {"left": "The left one (A)", "right": "The right one (B)"}[v])
        else:
            choice = st.radio("Real photo or AI-made?", list(CHOICE_LABELS), index=None, horizontal=True,
                              format_func=CHOICE_LABELS.get)
        confidence = st.radio("How sure are you?", list(CONFIDENCE_LABELS), index=None, horizontal=True,
                              format_func=CONFIDENCE_LABELS.get)
        submitted = st.form_submit_button("Submit answer", type="primary")
    if not submitted:
        return None
    missing = [name for name, value in (("your answer", choice), ("how sure you are", confidence)) if value is None]
    if missing:
        st.error(f"Please choose {' and '.join(missing)} before submitting.")
        return None
    return choice, confidence


def started_at(key: str) -> float:
    """When this question was first shown in this tab, for the response time."""
    return st.session_state.setdefault(f"shown-{key}", time.monotonic())


def elapsed_ms(key: str) -> int:
    return int((time.monotonic() - st.session_state.pop(f"shown-{key}", time.monotonic())) * 1000)


# --- face questions ----------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=128)
def pair_picture(image_ids: tuple[str, str], highlighted: bool = False) -> bytes:
    return library().pair_bytes(image_ids, highlighted)


def question_columns(question: Question):
    """Faces on the left, the answer on the right; on a phone they stack in that order."""
    return st.columns([1.3, 1] if question.is_pair else [1, 1.1], gap="medium")


def show_question_faces(question: Question, total: int, column) -> None:
    lib = library()
    with column:
        if question.is_pair:
            face(pair_picture(question.items), width="stretch",
                 alt=f"Question {question.position + 1}: two faces side by side, A on the left and B on the right")
        else:
            face(lib.face_bytes(question.items[0]), alt=f"Face {question.position + 1} of {total}", width="stretch")


def ask(learner: Learner, question: Question, total: int) -> bool:
    """Show one question and store the answer the moment it is submitted; True once stored."""
    key = f"{question.phase}-{question.position}"
    started_at(key)
    columns = question_columns(question)
    show_question_faces(question, total, columns[0])
    with columns[-1]:
        progress(question.position, total, noun="Question" if question.phase == "practice" else "Face")
        given = choice_form(f"form-{key}", pair=question.is_pair)
    if given is None:
        return False
    choice, confidence = given
    correct, item_id, stored_choice = course.grade_question(library().items, question, choice)
    try:
        stored = store().record_answer(learner.id, question.phase, question.position, item_id, stored_choice,
                                       correct=correct, score=float(correct), confidence=confidence,
                                       response_ms=elapsed_ms(key))
    except ClassClosed:  # closed by the teacher while this question was on screen
        from app_pages import classroom_ui
        classroom_ui.closed_screen(learner)
    if not stored:
        answered_elsewhere()
    return True


def answered_elsewhere() -> None:
    """The question already had an answer (another tab or window of the same link): say so on the next screen."""
    st.session_state["answered-elsewhere"] = True


def tell_if_answered_elsewhere() -> None:
    if st.session_state.pop("answered-elsewhere", False):
        st.warning("That question had already been answered in another tab or window with your link, so the "
                   "first answer counts and this one was not saved. Use one tab at a time.",
                   icon=":material/tab_duplicate:")


def progress(position: int, total: int, noun: str = "Face") -> None:
    tell_if_answered_elsewhere()
    st.progress(position / total if total else 1.0, text=f"{noun} {min(position + 1, total)} of {total}")


def test_screen(learner: Learner, phase: str) -> None:
    """The next unanswered test question, or on to the next section when all are answered."""
    all_questions = questions(phase, learner)
    position = store().answer_count(learner.id, phase)
    if position >= len(all_questions):
        finish_section(learner, phase)
    if ask(learner, all_questions[position], len(all_questions)):
        st.rerun()


# --- the tells lesson --------------------------------------------------------------------

@st.cache_data(show_spinner=False)
def average_of(kind: str, count: int) -> bytes:
    return library().average_bytes(kind, count)


def averaging_demo() -> None:
    """The investigators' trick from the 2019 case, live: average a dozen faces of each kind."""
    count = st.slider("How many faces to average", 2, 24, 12, key="avg-count")
    left, right, _ = st.columns([1, 1, 0.3])
    with left:
        face(average_of("gan", count), width=320,
                 alt=f"The average of {count} AI-made faces: the eyes stay sharp")
        st.markdown(f"**{count} AI faces (GAN) averaged:** the eyes and mouth line up.")
    with right:
        face(average_of("real", count), width=320,
                 alt=f"The average of {count} real photos: a soft blur")
        st.markdown(f"**{count} real photos averaged:** a blur, because real people stand anywhere in the frame.")


SOURCE_CHECKS = (
    "Who posted it, and is the account older than a few weeks?",
    "Does the same photo appear on other accounts? (Try a reverse image search.)",
    "Does the account post like a person, or in bursts at machine-regular times?",
    "Does it only share one outlet's links, with urgent calls to share?",
)


def source_checklist() -> None:
    st.markdown("**Before you trust a profile, check:**")
    for number, check in enumerate(SOURCE_CHECKS):
        st.checkbox(check, key=f"source-check-{number}")


def clue_list(image_id: str, only_tell: str | None = None) -> None:
    lib = library()
    for number, clue in enumerate(lib.items[image_id].clues, start=1):
        if only_tell and clue.tell != only_tell:
            continue
        st.markdown(f"**{number}. {lib.lessons.tells[clue.tell].name}.** {clue.note}")


# Small enough that a step's text, its example and the Next button fit a 768px-high screen.
EXAMPLE_WIDTH = 340


def example_with_tell(image_id: str, tell_id: str | None) -> None:
    """An example face; the learner switches the highlight on and zooms into each clue."""
    lib = library()
    item = lib.items[image_id]
    picture, notes = st.columns([0.75, 1.25], gap="medium")
    with notes:
        show = st.toggle("Show the tells", key=f"show-{image_id}")
        zoom = st.toggle("Zoom in", key=f"zoom-{image_id}", disabled=not show)
        kind = "AI-made" if item.is_ai else "a real photo"
        st.markdown(f"This face is **{kind}**.")
        if show:
            clue_list(image_id)
    with picture:
        if show and zoom and item.clues:
            numbers = list(range(len(item.clues)))
            chosen = st.segmented_control("Clue", numbers, default=0, key=f"zoom-clue-{image_id}",
                                          format_func=lambda n: f"Clue {n + 1}") or 0
            face(lib.zoom_bytes(image_id, chosen), alt=f"Close-up of clue {chosen + 1}", width=EXAMPLE_WIDTH)
        elif show:
            face(lib.highlighted_bytes(image_id), alt="The face with its clues outlined and numbered", width=EXAMPLE_WIDTH)
        else:
            face(lib.face_bytes(image_id), alt="Example face", width=EXAMPLE_WIDTH)


def feedback(question: Question, answer, total: int):
    """Right or wrong, every face with its clues outlined and explained; returns the notes column."""
    lib = library()
    columns = question_columns(question)
    with columns[0]:
        if question.is_pair:
            kinds = ["AI-made" if lib.items[i].is_ai else "real" for i in question.items]
            face(pair_picture(question.items, highlighted=True), width="stretch",
                 alt=f"A ({kinds[0]}) and B ({kinds[1]}) with their clues outlined and numbered")
        else:
            kind = "AI-made" if lib.items[question.items[0]].is_ai else "Real"
            face(lib.highlighted_bytes(question.items[0]), width="stretch",
                 alt=f"{kind} face with its clues outlined and numbered")
    notes = columns[-1]
    with notes:
        progress(question.position, total, noun="Question")
        verdict = "Right!" if answer.correct else "Not this time."
        if question.is_pair:
            real = next(i for i in question.items if not lib.items[i].is_ai)
            detail = f"{'A' if real == question.items[0] else 'B'} is the real photo."
        else:
            item = lib.items[question.items[0]]
            detail = f"This face is {'AI-made' if item.is_ai else 'a real photo'}."
        if answer.correct:
            st.success(f"**{verdict}** {detail}", icon=":material/check_circle:")
        else:
            st.error(f"**{verdict}** {detail}", icon=":material/cancel:")
        for image_id, letter in zip(question.items, "AB"):
            item = lib.items[image_id]
            prefix = f"{letter}: " if question.is_pair else ""
            st.markdown(f"**{prefix}{'What gives it away' if item.is_ai else 'What shows it is real'}:**")
            clue_list(image_id)
    return notes


# --- about -------------------------------------------------------------------------------

@st.cache_data(show_spinner=False)
def read_text(name: str) -> str:
    from telltale import LESSONS_DIR
    return (LESSONS_DIR / name).read_text(encoding="utf-8")


@st.cache_data(show_spinner=False)
def credits_table() -> list[dict]:
    # No image ids here: the list must not let anyone match a quiz picture to its answer.
    return [{"Source": e.source, "Licence": e.licence, "Credit": e.credit} for e in library().credits()]


# --- unlimited practice with the generator ---------------------------------------------------

@st.cache_resource(show_spinner="Loading the face generator...")
def face_generator():
    from telltale.generator import FaceGenerator
    return FaceGenerator()


@st.cache_data(show_spinner="Making a new face...", max_entries=32)
def _generated(seed: int) -> bytes:
    from telltale.extra_practice import ExtraRound, generated_face
    return generated_face(face_generator(), ExtraRound("ai", seed=seed))


def extra_round():
    """This tab's current round and its picture; rounds follow from a random number per tab."""
    import secrets

    from telltale.extra_practice import draw_round, practice_real_ids
    base = st.session_state.setdefault("extra-base", secrets.randbelow(2**31))
    lib = library()
    real_ids = practice_real_ids(lib.images, lib.items)
    extra = draw_round(base + st.session_state.get("extra-round", 0), real_ids)
    picture = _generated(extra.seed) if extra.answer == "ai" else lib.face_bytes(extra.image_id)
    return extra, picture


def next_extra_round() -> None:
    st.session_state["extra-round"] = st.session_state.get("extra-round", 0) + 1
    st.session_state.pop("extra-answered", None)


def extra_feedback(extra, choice: str) -> None:
    if choice == extra.answer:
        st.success("**Right!**", icon=":material/check_circle:")
    else:
        st.error("**Not this time.**", icon=":material/cancel:")
    if extra.answer == "ai":
        st.markdown(f"This face was **made just now** by a GAN (MobileStyleGAN, seed {extra.seed}). "
                    "Check the background, the edges, earrings and glasses, hair and teeth: "
                    "which tells can you find?")
    else:
        st.markdown("This is a **real photo** from Greg Peverill-Conti's *1,000 Faces* project. "
                    "Look for what a GAN finds hard: readable text, matching glasses and earrings, "
                    "a background full of real objects.")
