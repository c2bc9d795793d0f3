"""The learner of this browser tab: who they are, which parts they may open, moving on, and
submitting an answer (the one way a page stores one)."""
from __future__ import annotations

import functools
import logging
import time
from typing import Callable, NoReturn, TypeVar

import streamlit as st

from app_pages.views.cached import content_report, md, problem_list, store, usable
from app_pages.views.language import LANGUAGE_KEY, LANGUAGE_PARAMETER, _, language, language_chosen
from app_pages.views.navigation import go
from telltale import answering, course, i18n, parts
from telltale.content.problems import ContentError
from telltale.library import ImageUnavailable
from telltale.storage import ClassRecord, GradedAnswer, Learner, StorageError

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
        st.session_state["lost-link"] = True  # the welcome screen says what may have happened
        return None
    st.session_state["token"] = token
    st.session_state["viewer"] = picture_viewer(learner)
    if not language_chosen():  # resuming on another device: the language the learner chose before
        st.session_state[LANGUAGE_KEY] = learner.language
    elif language() != learner.language:  # chosen in this tab (the selector or ?lang=): kept with the learner
        store().set_language(learner.id, language())
    if st.query_params.get("t") != token:
        st.query_params["t"] = token  # the address bar is the resume link
    return learner


def picture_viewer(learner: Learner) -> str:
    """Whose key the pictures this learner gets are made with (telltale/served.py): the class's,
    shared by its students (ids can be reused after a class is deleted, its creation time cannot),
    or the self-paced learner's own."""
    the_class = learner_class(learner)
    if the_class is not None:
        return f"class:{the_class.id}:{the_class.created_at.isoformat()}"
    return f"learner:{learner.id}:{learner.seed}"


def forget_learner() -> None:
    """This tab no longer belongs to a learner (after "delete my answers")."""
    st.session_state.pop("token", None)
    st.query_params.clear()


def start_learner(plan: dict | None = None) -> Learner:
    # A self-paced learner gets the parts whose content is fine.
    plan = plan or course.default_plan([p for p in parts.CHOOSABLE if usable(p)])
    token, learner = store().create_learner(plan, section=course.next_section(plan, "welcome"), language=language())
    st.session_state["token"] = token
    st.query_params["t"] = token
    return learner


def language_selector() -> None:
    """A compact choice of the interface language; kept in this tab and with its learner, if any."""
    current = language()
    chosen = st.segmented_control(_("Language"), list(i18n.LANGUAGES), default=current,
                                  format_func=i18n.LANGUAGES.get, label_visibility="collapsed",
                                  key=f"language-choice-{current}")
    if chosen and chosen != current:
        st.session_state[LANGUAGE_KEY] = chosen
        if LANGUAGE_PARAMETER in st.query_params:
            st.query_params[LANGUAGE_PARAMETER] = chosen
        current_learner()  # stores the new choice with this tab's learner
        st.rerun()


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
    if not usable(part_id):  # its content is broken: a clear page and a way on
        part_unavailable(part_id, on_skip=lambda: finish_section(learner, part_id))
    return learner


def lost_link_notice() -> None:
    """A resume link that found nobody: say what may have happened instead of a blank start."""
    if st.session_state.pop("lost-link", False):
        st.warning(_("This link no longer opens a course. Perhaps it was continued on another device (with the "
                     "teacher's approval), its answers were deleted, or the server lost its data. You can start "
                     "again, or join your class again with its code."), icon=":material/link_off:")


def course_available() -> bool:
    """Whether any part of the course can be shown (the content check found at least one part fine)."""
    return any(usable(part_id) for part_id in parts.CHOOSABLE)


def course_unavailable() -> None:
    """No part of the course can be shown: say so, and what is wrong for whoever runs Telltale."""
    st.warning(_("The course cannot be started right now: its content has a problem, and Telltale would rather "
                 "show nothing than something wrong. Please come back later."), icon=":material/construction:")
    problem_list(content_report().problems)


def part_unavailable(part_id: str, on_skip=None, stop: bool = True) -> None:
    """A part whose content is broken (the content check at start found it): a clear page instead of
    the part, naming what is wrong for whoever runs Telltale, and a way on for the learner."""
    st.title(parts.title(part_id, language()))
    st.warning(_("This part of the course cannot be shown right now: its content has a problem, and Telltale "
                 "would rather leave it out than show you something wrong. Everything you answered so far "
                 "is saved."), icon=":material/construction:")
    if on_skip is not None and st.button(_("Go on without this part"), type="primary"):
        on_skip()
    problem_list(content_report().broken.get(part_id, []))
    if stop:
        st.stop()


def storage_page(error: StorageError) -> None:
    """The database cannot keep answers: say so on whatever screen this was, and save nothing."""
    log.error("storage: %s", error.reason)
    st.title(_("Telltale cannot save answers right now"))
    st.error(_("Your last answer was **not** saved: the app's database is not working. Please tell your "
               "teacher (or whoever runs Telltale). Answers saved before this are kept unless the database "
               "itself was lost."), icon=":material/database_off:")
    with st.expander(_("For whoever runs Telltale: what is wrong")):
        st.code(f"{error.reason}\n\nCheck with: python -m telltale.readiness", language=None, wrap_lines=True)
    if st.button(_("Try again")):
        st.rerun()


def picture_page(error: ContentError) -> None:
    """A picture the screen needs vanished or changed since the server started: nothing is shown or graded."""
    for problem in error.problems:
        log.error("picture problem: %s", problem)
    st.title(_("This question's picture is missing"))
    st.warning(_("A picture this question needs is missing or damaged, so the question is not shown and "
                 "nothing is graded. Your answers so far are saved. Please tell your teacher (or whoever runs "
                 "Telltale), and come back later."), icon=":material/broken_image:")
    problem_list(error.problems)


def onward_label(learner: Learner, part_id: str) -> str:
    """The button that leaves a part names where it leads (a teacher may have left parts out)."""
    return parts.onward(course.next_section(learner.plan, part_id), language())


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
    st.info(_("This part of the course is being updated and cannot be shown right now. "
              "Please come back a little later, or go on without it."))
    if st.button(_("Skip this part for now")):
        finish_section(learner, part_id)
    st.stop()


def steps_bar(learner: Learner, here: str) -> None:
    sections = learner.plan["sections"]
    reached = sections.index(learner.section)
    items = []
    for index, section in enumerate(sections):
        css = "now" if section == here else ("done" if index < reached else "")
        items.append(f'<li class="{css}">{parts.title(section, language())}</li>')
    label = _("Course progress")
    st.html(f'<ol class="tt-steps" aria-label="{label}">{"".join(items)}</ol>')
    if learner.class_id is not None:
        class_caption(learner)
    st.caption(_("Saved as you go. To come back later, bookmark this page: its address is your private resume link."))


CLASS_FRESH_SECONDS = 2.0


def learner_class(learner: Learner) -> ClassRecord | None:
    """The learner's class as read at most CLASS_FRESH_SECONDS ago in this tab: every run needs it
    (closed or not, its code), and a class closed meanwhile is still caught when an answer is stored."""
    if learner.class_id is None:
        return None
    kept = st.session_state.get("class-read")
    if kept is None or kept[0] != learner.class_id or time.monotonic() - kept[1] > CLASS_FRESH_SECONDS:
        kept = (learner.class_id, time.monotonic(), store().class_by_id(learner.class_id))
        st.session_state["class-read"] = kept
    return kept[2]


def class_caption(learner: Learner) -> None:
    """Under the steps bar: the class and the nickname, needed to rejoin from another device."""
    the_class = learner_class(learner)
    if the_class is not None:
        st.caption(_("Class {code} · you are {nickname}. To continue on another device, join again with this "
                     "code and nickname.").format(code=the_class.code, nickname=md(learner.nickname or "")))


def closed_screen(learner: Learner) -> NoReturn:
    st.info(_("Your teacher has closed this class, so it takes no more answers. Thank you for taking part!"))
    if store().answers(learner.id) and st.button(_("See your results"), type="primary"):
        store().set_section(learner.id, "results")
        go("results")
    st.stop()


def stop_if_class_closed(learner: Learner) -> None:
    """A closed (or deleted) class takes no answers: its students can only see their results."""
    if learner.class_id is None:
        return
    the_class = learner_class(learner)
    if the_class is None or the_class.is_closed:
        closed_screen(learner)


# --- answering -------------------------------------------------------------------------------

def callback(function: Callable[..., None]) -> Callable[..., None]:
    """A widget's callback that stores something. It runs before the script, outside app.py's
    handling, so a storage or picture error is kept and raised by the run that follows
    (``raise_callback_error``): the learner sees the same clear page as for any run."""
    @functools.wraps(function)
    def run(*args) -> None:
        try:
            function(*args)
        except (StorageError, ImageUnavailable) as error:
            st.session_state["callback-error"] = error
    return run


def raise_callback_error() -> None:
    error = st.session_state.pop("callback-error", None)
    if error is not None:
        raise error


def started_at(key: str) -> float:
    """When this question was first shown in this tab, for the response time."""
    return st.session_state.setdefault(f"shown-{key}", time.monotonic())


def elapsed_ms(key: str) -> int:
    return int((time.monotonic() - st.session_state.pop(f"shown-{key}", time.monotonic())) * 1000)


def submit(learner: Learner, phase: str, position: int, graded: GradedAnswer, confidence: int | None,
           timer_key: str) -> answering.Submitted:
    """Store a graded answer (telltale.answering.submit). Called from the submit button's callback,
    before the run that shows what comes next (feedback, or the next question), so an answer takes
    one run, not two; a class closed meanwhile is shown by that run (``require``)."""
    submitted = answering.submit(store(), learner.id, phase, position, graded, confidence, elapsed_ms(timer_key))
    if submitted.class_closed:  # closed by the teacher while this question was on screen
        st.session_state.pop("class-read", None)  # the run that follows reads the class again, and says so
        return submitted
    if submitted.stored:
        st.session_state[f"answered-here-{phase}"] = True
    else:  # another tab of the same link answered first: say so on the next screen
        st.session_state["answered-elsewhere"] = True
    return submitted


def note_shown(phase: str, position: int) -> None:
    """Remember which question this tab shows. If the learner's place moved on without this tab
    answering (another tab or window of the same link did), the next screen says so: the answer
    given here was not saved."""
    shown = st.session_state.get(f"showing-{phase}")
    answered_here = st.session_state.pop(f"answered-here-{phase}", False)
    if shown is not None and shown < position and not answered_here:
        st.session_state["answered-elsewhere"] = True
    st.session_state[f"showing-{phase}"] = position
