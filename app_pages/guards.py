"""What the app does when something is wrong that is not the learner's doing: broken content, a
database that cannot keep answers, a picture gone missing; and who is asking to join.

Each screen says plainly what happened and what to do; the log names file, line, item and field.
"""
from __future__ import annotations

import logging
from typing import NoReturn

import streamlit as st

from telltale import join_guard, readiness
from telltale.content.problems import ContentError
from telltale.course import SECTION_TITLES
from telltale.storage import StorageError

log = logging.getLogger("telltale")


@st.cache_resource(show_spinner="Checking the course content...")
def content_report() -> readiness.ContentReport:
    """The content check, once per server process when it starts; every problem is logged."""
    report = readiness.check_content()
    for problem in report.problems:
        log.error("content problem: %s", problem)
    for part, problems in sorted(report.broken.items()):
        log.error("the part %r cannot be shown (%d content problem(s))", part, len(problems))
    return report


def usable(part: str) -> bool:
    return content_report().usable(part)


def broken_parts(parts) -> list[str]:
    return [part for part in parts if not usable(part)]


def problem_list(problems) -> None:
    """For whoever runs Telltale: each problem with its file, line, item and field (plain text)."""
    with st.expander("For whoever runs Telltale: what is wrong"):
        st.code("\n".join(str(p) for p in problems) + "\n\nCheck with: python -m telltale.readiness",
                language=None, wrap_lines=True)


def part_unavailable(part: str, on_skip=None, stop: bool = True) -> NoReturn:
    """A part whose content is broken: a clear page instead of the part, and a way on."""
    st.title(SECTION_TITLES.get(part, part.capitalize()))
    st.warning("This part of the course cannot be shown right now: its content has a problem, and Telltale "
               "would rather leave it out than show you something wrong. Everything you answered so far "
               "is saved.", icon=":material/construction:")
    if on_skip is not None and st.button("Go on without this part", type="primary"):
        on_skip()
    problem_list(content_report().broken.get(part, []))
    if stop:
        st.stop()


def storage_page(error: StorageError) -> None:
    """The database cannot keep answers: say so, and do not pretend anything was saved."""
    log.error("storage: %s", error.reason)
    st.title("Telltale cannot save answers right now")
    st.error("Your last answer was **not** saved: the app's database is not working. Please tell your "
             "teacher (or whoever runs Telltale). Answers saved before this are kept unless the database "
             "itself was lost.", icon=":material/database_off:")
    with st.expander("For whoever runs Telltale: what is wrong"):
        st.code(f"{error.reason}\n\nCheck with: python -m telltale.readiness", language=None, wrap_lines=True)
    if st.button("Try again"):
        st.rerun()


def picture_page(error: ContentError) -> None:
    """A picture of this question is missing or changed since the app started: nothing is graded."""
    for problem in error.problems:
        log.error("picture problem: %s", problem)
    st.title("This question's picture is missing")
    st.warning("A picture this question needs is missing or damaged, so the question is not shown and "
               "nothing is graded. Your answers so far are saved. Please tell your teacher (or whoever runs "
               "Telltale), and come back later.", icon=":material/broken_image:")
    problem_list(error.problems)


def join_client() -> join_guard.Client:
    """Who is asking to join, for the limits: the address (from a local proxy's X-Forwarded-For when
    there is one) and Streamlit's browser cookie; only keyed hashes of them are stored."""
    from app_pages import ui

    def text(value) -> str | None:  # what Streamlit gives outside a real browser session is not text
        return value if isinstance(value, str) else None

    address = join_guard.client_address(text(st.context.ip_address), text(st.context.headers.get("X-Forwarded-For")))
    return join_guard.client(ui.store().secret, address, text(st.context.cookies.get("_streamlit_xsrf")))
