"""The app's pages as st.Page objects, made from the registry telltale.parts: the router runs
them, and every link and page switch goes through here (no page path anywhere else)."""
from __future__ import annotations

from typing import NoReturn

import streamlit as st

from app_pages.views.language import language
from telltale import parts


def page(part_id: str) -> st.Page:
    part = parts.part(part_id)
    return st.Page(part.page, title=parts.title(part_id, language()), url_path=part.url_path,
                   default=part_id == parts.DEFAULT)


def all_pages() -> list[st.Page]:
    return [page(part.id) for part in parts.PARTS]


def go(part_id: str) -> NoReturn:
    """Open a part, keeping this tab's resume token in the address. Ends this run (st.switch_page)."""
    st.switch_page(page(part_id), query_params={"t": st.session_state.get("token", "")})


def switch(part_id: str) -> NoReturn:
    """Open a part without a learner's token (the teacher's pages, after deleting answers)."""
    st.switch_page(page(part_id))


def link(part_id: str, label: str, icon: str | None = None) -> None:
    st.page_link(page(part_id), label=label, icon=icon)
