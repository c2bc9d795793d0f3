"""The app's pages as st.Page objects, made from the registry telltale.parts: the router runs
them, and every link and page switch goes through here (no page path anywhere else)."""
from __future__ import annotations

from typing import NoReturn

import streamlit as st

from app_pages.views.language import language
from telltale import parts


def _pages() -> dict[str, st.Page]:
    """The tab's st.Page objects, made on its first run. Making one resolves its file on disk (a
    tenth of a busy server's time when made on every run); they are not shared between tabs
    because st.navigation marks the page it returns as callable for that run."""
    key = f"pages-{language()}"  # their titles are in the tab's language
    pages = st.session_state.get(key)
    if pages is None:
        pages = {part.id: st.Page(part.page, title=parts.title(part.id, language()), url_path=part.url_path,
                                  default=part.id == parts.DEFAULT) for part in parts.PARTS}
        st.session_state[key] = pages
    return pages


def page(part_id: str) -> st.Page:
    parts.part(part_id)  # an unknown id is an error here, not a missing page later
    return _pages()[part_id]


def all_pages() -> list[st.Page]:
    return list(_pages().values())


def go(part_id: str) -> NoReturn:
    """Open a part, keeping this tab's resume token in the address. Ends this run (st.switch_page)."""
    st.switch_page(page(part_id), query_params={"t": st.session_state.get("token", "")})


def switch(part_id: str) -> NoReturn:
    """Open a part without a learner's token (the teacher's pages, after deleting answers)."""
    st.switch_page(page(part_id))


def link(part_id: str, label: str, icon: str | None = None) -> None:
    st.page_link(page(part_id), label=label, icon=icon)
