"""The teacher's kit on the teacher's screens: the class's lesson plan (45 or 20 minutes), the
printable materials, and the discussion prompts beside each tell and red flag.

The materials are made when their button is clicked (on another thread: no st.* calls in
there), in the class's language; the plan, prompts and words come from lessons/teaching.yaml.
"""
from __future__ import annotations

import streamlit as st

from app_pages.views.cached import ads_lesson, library, md, store, usable
from app_pages.views.provenance import current_lab
from telltale import classroom, i18n, served
from telltale.content.problems import ContentError
from telltale.kit import printables
from telltale.kit.plan import LENGTHS, LessonPlan, lesson_plan
from telltale.kit.teaching import Teaching, load_teaching
from telltale.storage import ClassRecord


def class_language(the_class: ClassRecord) -> str:
    """The language the class is taught in (its plan's "language"; English when none is set)."""
    return i18n.language_or_default(the_class.plan.get("language"))


def view_language() -> str:
    """The language of the teacher's screens."""
    return i18n.language_or_default(st.session_state.get("language"))


def _(message: str) -> str:
    return i18n.gettext(view_language(), message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return i18n.ngettext(view_language(), singular, plural, count)


def teaching(language: str) -> Teaching | None:
    """The teaching file in ``language``, or None when the content check found it broken (then the
    teacher's screens work without the kit, and say so once: kit_unavailable)."""
    if not usable("teacher"):
        return None
    try:
        return load_teaching(language=language)
    except ContentError:  # changed since the server started: the same as broken
        return None


def kit_unavailable() -> None:
    st.info(_("The lesson plan and the printable materials cannot be shown right now: their content file "
              "(lessons/teaching.yaml) has a problem. Everything else works as usual."),
            icon=":material/construction:")


def export_name(the_class: ClassRecord, what: str) -> str:
    return classroom.export_name(the_class, what, "pdf")


def lesson_plan_panel(the_class: ClassRecord, key: str) -> None:
    """The class's lesson plan, minute by minute, with its downloads and the printable materials."""
    language = class_language(the_class)
    content = teaching(language)
    if content is None:
        kit_unavailable()
        return
    lengths = {length: _("{minutes} minutes").format(minutes=length) for length in LENGTHS}
    length = st.segmented_control(_("Length of the lesson"), list(lengths), format_func=lengths.get,
                                  default=next(iter(lengths)), key=f"{key}-length") or next(iter(lengths))
    plan = lesson_plan(the_class.plan, length, language, teaching=content)
    show_plan(plan)
    st.download_button(_("Lesson plan (PDF)"), lambda: printables.plan_pdf(plan, the_class.title or the_class.code),
                       file_name=export_name(the_class, f"lesson-plan-{length}min"), mime="application/pdf",
                       type="primary", on_click="ignore", key=f"{key}-plan-pdf")
    printable_materials(the_class, content, language, key)


def show_plan(plan: LessonPlan) -> None:
    st.caption(plan.audience)
    st.markdown(f"**{_('Learning goals')}**\n\n" + "\n".join(f"- {md(goal)}" for goal in plan.goals))
    st.markdown(f"**{_('Minute by minute')}**")
    for segment in plan.segments:
        detail = f" ({md(segment.detail)})" if segment.detail else ""
        st.markdown(f"**{segment.start}–{segment.end} · {md(segment.title)}**{detail}  \n{md(segment.do)}")
    if plan.later:
        st.warning(f"**{_('Left for another lesson:')}** " + md(
            _("{parts}. Students continue where they stopped: their answers are kept until you close or delete "
              "the class.").format(parts=", ".join(plan.later))), icon=":material/schedule:")
    with st.expander(_("Where it fits: standards")):
        for standard in plan.standards:
            st.markdown(f"**{md(standard.framework)}, {md(standard.code)}** ({md(standard.name)}): {md(standard.how)}")


def printable_materials(the_class: ClassRecord, content: Teaching, language: str, key: str) -> None:
    """Handouts of the tells and the "check the source" card, from the lesson files."""
    st.markdown(f"**{_('Printable materials')}**")
    picture_key = served.viewer_key(store().secret, f"class:{the_class.id}:handouts")
    handouts, card = st.columns(2)
    try:
        lib = library()
    except ContentError:
        lib = None
    if lib is not None and usable("tells"):
        handouts.download_button(_("Handouts: one page per tell (PDF)"),
                                 lambda: printables.handouts_pdf(lib, content, picture_key, language),
                                 file_name=export_name(the_class, "tells-handouts"), mime="application/pdf",
                                 on_click="ignore", key=f"{key}-handouts")
    if usable("provenance") and usable("ads"):
        lab, flags = current_lab(), ads_lesson().flags
        card.download_button(_("\"Check the source\" card (PDF)"),
                             lambda: printables.source_card_pdf(lab, flags, content, language),
                             file_name=export_name(the_class, "check-the-source"), mime="application/pdf",
                             on_click="ignore", key=f"{key}-card")
    st.caption(_("The handouts show the worked examples of the tells lesson with their clues outlined, never a "
                 "quiz face. Print them, or project them after the final test."))


# --- the discussion view ---------------------------------------------------------------------

def tell_prompts(tell_ids, language: str) -> None:
    """Beside a face's tells on the discussion view: the question to ask the class about each."""
    content = teaching(language)
    if content is None:
        return
    names = library().lessons.tells
    for tell_id in dict.fromkeys(tell_ids):
        notes = content.tells.get(tell_id)
        if notes:
            st.info(f"**{md(names[tell_id].name)}** · {_('Ask the class:')} {md(notes.prompt)}",
                    icon=":material/forum:")


def flag_prompts(found: list[tuple[str, int]], language: str) -> None:
    """The ads' red flags, the ones the class found most first, each with its discussion prompt."""
    content = teaching(language)
    try:
        flags = ads_lesson().flags
    except ContentError:
        return
    if content is None:
        return
    counts = dict(found)
    order = sorted(flags, key=lambda flag: -counts.get(flag, 0))
    for flag in order:
        times = counts.get(flag, 0)
        found_text = ngettext("found {count} time", "found {count} times", times).format(count=times)
        st.markdown(f"**{md(flags[flag].label)}** · {found_text}  \n{md(content.flags[flag])}")


def summary_download(the_class: ClassRecord) -> None:
    """The class's summary after the lesson, as PDF; nicknames only when the teacher asks."""
    language = class_language(the_class)
    with_nicknames = st.checkbox(_("Include nicknames"), key="summary-nicknames",
                                 help=_("Off: the summary shows the class's figures only, with no student named."))
    database = store()
    try:
        flag_names = {flag_id: entry.label for flag_id, entry in ads_lesson().flags.items()}
    except ContentError:
        flag_names = {}
    try:
        evidence_names = current_lab().evidence_labels
    except ContentError:
        evidence_names = {}
    st.download_button(_("Class summary (PDF)"),
                       lambda: printables.class_summary_pdf(classroom.snapshot(database, the_class), language,
                                                            with_nicknames, flag_names, evidence_names),
                       file_name=export_name(the_class, "summary"), mime="application/pdf", on_click="ignore",
                       key="summary-pdf")
