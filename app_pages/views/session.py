"""The learner of this browser tab: who they are, which parts they may open, moving on, and
submitting an answer (the one way a page stores one)."""
from __future__ import annotations

import logging
import time
from typing import Callable, NoReturn, TypeVar

import streamlit as st

from app_pages.views.cached import md, store
from app_pages.views.navigation import go
from telltale import answering, course, parts
from telltale.content.problems import ContentError
from telltale.storage import GradedAnswer, Learner

log = logging.getLogger(__name__)
T = TypeVar("T")


def current_learner() -> Learner | None:
    """The learner of this browser tab, found by the resume token in the URL or the session."""
    token = st.session_state.get("token") or st.query_params.get("t")
    if not token:
        return None
    learner = store().learner_by_token(token)
    if learner is None:
        st.session_state.pop("token", None)
        return None
    st.session_state["token"] = token
    if st.query_params.get("t") != token:
        st.query_params["t"] = token  # the address bar is the resume link
    return learner


def forget_learner() -> None:
    """This tab no longer belongs to a learner (after "delete my answers")."""
    st.session_state.pop("token", None)
    st.query_params.clear()


def start_learner(plan: dict | None = None) -> Learner:
    plan = plan or course.default_plan()
    token, learner = store().create_learner(plan, section=course.next_section(plan, "welcome"))
    st.session_state["token"] = token
    st.query_params["t"] = token
    return learner


def require(part_id: str) -> Learner:
    """The learner, if the part's access rule lets them open it; otherwise they are sent where they
    can be (the start, or their place in the course), or shown that their class is closed."""
    learner = current_learner()
    if learner is None:
        go("welcome")
    needed = "results" if parts.part(part_id).access == parts.AFTER_COURSE else part_id
    if not course.may_open(learner.plan, learner.section, needed):
        go(learner.section)
    if needed != "results":
        stop_if_class_closed(learner)
    return learner


def onward_label(learner: Learner, part_id: str) -> str:
    """The button that leaves a part names where it leads (a teacher may have left parts out)."""
    return parts.part(course.next_section(learner.plan, part_id)).onward


def finish_section(learner: Learner, part_id: str) -> NoReturn:
    """On to the next part of the learner's plan (recorded as reached); ends this run."""
    reached = course.reached_after(learner.plan, learner.section, part_id)
    if reached != learner.section:
        store().set_section(learner.id, reached)
    go(course.next_section(learner.plan, part_id))


def content_or_stop(load: Callable[[], T], learner: Learner, part_id: str) -> T:
    """A part's content (cached.ads_lesson, cached.network_case); if it cannot be loaded, a message
    (the log names file, line and field) and a way on instead of the part."""
    try:
        return load()
    except ContentError as error:
        log.error("the %s lesson cannot be loaded: %s", part_id, error)
    st.info("This part of the course is being updated and cannot be shown right now. "
            "Please come back a little later, or go on without it.")
    if st.button("Skip this part for now"):
        finish_section(learner, part_id)
    st.stop()


def steps_bar(learner: Learner, here: str) -> None:
    sections = learner.plan["sections"]
    reached = sections.index(learner.section)
    items = []
    for index, section in enumerate(sections):
        css = "now" if section == here else ("done" if index < reached else "")
        items.append(f'<li class="{css}">{parts.title(section)}</li>')
    st.html(f'<ol class="tt-steps" aria-label="Course progress">{"".join(items)}</ol>')
    if learner.class_id is not None:
        class_caption(learner)
    st.caption("Saved as you go. To come back later, bookmark this page: its address is your private resume link.")


def class_caption(learner: Learner) -> None:
    """Under the steps bar: the class and the nickname, needed to rejoin from another device."""
    the_class = store().class_by_id(learner.class_id) if learner.class_id else None
    if the_class is not None:
        st.caption(f"Class {the_class.code} · you are {md(learner.nickname or '')}. To continue on another "
                   "device, join again with this code and nickname.")


def closed_screen(learner: Learner) -> NoReturn:
    st.info("Your teacher has closed this class, so it takes no more answers. Thank you for taking part!")
    if store().answers(learner.id) and st.button("See your results", type="primary"):
        store().set_section(learner.id, "results")
        go("results")
    st.stop()


def stop_if_class_closed(learner: Learner) -> None:
    """A closed (or deleted) class takes no answers: its students can only see their results."""
    if learner.class_id is None:
        return
    the_class = store().class_by_id(learner.class_id)
    if the_class is None or the_class.is_closed:
        closed_screen(learner)


# --- answering -------------------------------------------------------------------------------

def started_at(key: str) -> float:
    """When this question was first shown in this tab, for the response time."""
    return st.session_state.setdefault(f"shown-{key}", time.monotonic())


def elapsed_ms(key: str) -> int:
    return int((time.monotonic() - st.session_state.pop(f"shown-{key}", time.monotonic())) * 1000)


def submit(learner: Learner, phase: str, position: int, graded: GradedAnswer, confidence: int | None,
           timer_key: str) -> answering.Submitted:
    """Store a graded answer (telltale.answering.submit); a class closed meanwhile shows the closed
    screen and ends this run. The caller moves on (feedback, or the next question)."""
    submitted = answering.submit(store(), learner.id, phase, position, graded, confidence, elapsed_ms(timer_key))
    if submitted.class_closed:  # closed by the teacher while this question was on screen
        closed_screen(learner)
    return submitted
