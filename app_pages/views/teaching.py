"""The teacher's kit on the teacher's screens: the class's lesson plan (45 or 20 minutes), the
printable materials, and the discussion prompts beside each tell and red flag.

The screens are in the tab's language, like the rest of the teacher's screens; the printed
materials in the class's language (the language its students start in). They are made when their
button is clicked (on another thread: no st.* calls in there); the plan, prompts and words come
from lessons/teaching.yaml.
"""
from __future__ import annotations

import streamlit as st

from app_pages.views.cached import ads_lesson, ads_lesson_of, content_version, library, library_in, md, store, usable
from app_pages.views.language import _, language, ngettext
from app_pages.views.provenance import lab_in
from telltale import classroom, i18n, served
from telltale.content.problems import ContentError
from telltale.kit.plan import LENGTHS, LessonPlan, lesson_plan
from telltale.kit.teaching import Teaching, load_teaching
from telltale.storage import ClassRecord


def printables():
    """telltale.kit.printables, imported at the first PDF: fpdf2 holds 27 MB that a process serving
    only learners never uses."""
    from telltale.kit import printables

    return printables


def teaching(language_code: str) -> Teaching | None:
    """The teaching file in a language, or None when the content check found it broken (then the
    teacher's screens work without the kit, and say so: kit_unavailable)."""
    if not usable("teacher"):
        return None
    try:
        return load_teaching(language=language_code)
    except ContentError:  # changed since the server started: the same as broken
        return None


def bold(text: str) -> str:
    return f"**{md(text)}**"


def kit_unavailable() -> None:
    st.info(_("The lesson plan and the printable materials cannot be shown right now: their content file "
              "(lessons/teaching.yaml) has a problem. Everything else works as usual."),
            icon=":material/construction:")


def pdf_name(the_class: ClassRecord, what: str) -> str:
    return classroom.export_name(the_class, f"{what}-{the_class.language}", "pdf")


def lesson_plan_panel(the_class: ClassRecord, key: str) -> None:
    """The class's lesson plan, minute by minute, with its downloads and the printable materials."""
    content, printed = teaching(language()), teaching(the_class.language)
    if content is None or printed is None:
        kit_unavailable()
        return
    lengths = {length: _("{minutes} minutes").format(minutes=length) for length in LENGTHS}
    length = st.segmented_control(_("Length of the lesson"), list(lengths), format_func=lengths.get,
                                  default=next(iter(lengths)), key=f"{key}-length") or next(iter(lengths))
    show_plan(lesson_plan(the_class.plan, length, language(), teaching=content))
    plan = lesson_plan(the_class.plan, length, the_class.language, teaching=printed)
    st.download_button(_("Lesson plan (PDF, {language})").format(language=i18n.LANGUAGES[the_class.language]),
                       lambda: printables().plan_pdf(plan, the_class.title or the_class.code),
                       file_name=pdf_name(the_class, f"lesson-plan-{length}min"), mime="application/pdf",
                       type="primary", on_click="ignore", key=f"{key}-plan-pdf")
    printable_materials(the_class, printed, key)


def show_plan(plan: LessonPlan) -> None:
    st.caption(md(plan.audience))
    st.markdown(bold(_("Learning goals")) + "\n\n" + "\n".join(f"- {md(goal)}" for goal in plan.goals))
    st.markdown(bold(_("Minute by minute")))
    for segment in plan.segments:
        detail = f" ({md(segment.detail)})" if segment.detail else ""
        st.markdown(f"**{segment.start}–{segment.end} · {md(segment.title)}**{detail}  \n{md(segment.do)}")
    if plan.later:
        st.warning(bold(_("Left for another lesson:")) + " " + md(
            _("{parts}. Students continue where they stopped: their answers are kept until you close or delete "
              "the class.").format(parts=", ".join(plan.later))), icon=":material/schedule:")
    with st.expander(_("Where it fits: standards")):
        for standard in plan.standards:
            st.markdown(f"**{md(standard.framework)}, {md(standard.code)}** ({md(standard.name)}): {md(standard.how)}")


def printable_materials(the_class: ClassRecord, printed: Teaching, key: str) -> None:
    """Handouts of the tells and the "check the source" card, from the lesson files, in the class's language."""
    st.markdown(bold(_("Printable materials")))
    code = the_class.language
    picture_key = served.viewer_key(store().secret, f"class:{the_class.id}:handouts")
    handouts, card = st.columns(2)
    if usable("tells"):
        lib = library_in(code)
        handouts.download_button(_("Handouts: one page per tell (PDF)"),
                                 lambda: printables().handouts_pdf(lib, printed, picture_key, code),
                                 file_name=pdf_name(the_class, "tells-handouts"), mime="application/pdf",
                                 on_click="ignore", key=f"{key}-handouts")
    if usable("provenance") and usable("ads"):
        lab, flags = lab_in(code), ads_lesson_of(content_version(), code).flags
        card.download_button(_("\"Check the source\" card (PDF)"),
                             lambda: printables().source_card_pdf(lab, flags, printed, code),
                             file_name=pdf_name(the_class, "check-the-source"), mime="application/pdf",
                             on_click="ignore", key=f"{key}-card")
    st.caption(_("The handouts show the worked examples of the tells lesson with their clues outlined, never a "
                 "quiz face. Print them, or project them after the final test."))


# --- the discussion view ---------------------------------------------------------------------

def tell_prompts(tell_ids) -> None:
    """Beside a face's tells on the discussion view: the question to ask the class about each."""
    content = teaching(language())
    if content is None:
        return
    names = library().lessons.tells
    for tell_id in dict.fromkeys(tell_ids):
        notes = content.tells.get(tell_id)
        if notes:
            ask = _("Ask the class:")  # outside the f-string, where pybabel finds it
            st.info(f"**{md(names[tell_id].name)}** · {ask} {md(notes.prompt)}",
                    icon=":material/forum:")


def flag_prompts(found: list[tuple[str, int]]) -> None:
    """The ads' red flags, the ones the class found most first, each with its discussion prompt."""
    content = teaching(language())
    try:
        flags = ads_lesson().flags
    except ContentError:
        return
    if content is None:
        return
    counts = dict(found)
    for flag in sorted(flags, key=lambda flag: -counts.get(flag, 0)):
        times = counts.get(flag, 0)
        found_text = ngettext("found {count} time", "found {count} times", times).format(count=times)
        st.markdown(f"**{md(flags[flag].label)}** · {found_text}  \n{md(content.flags[flag])}")


def summary_download(the_class: ClassRecord) -> None:
    """The class's summary after the lesson, as PDF in the class's language; nicknames only when asked."""
    code = the_class.language
    with_nicknames = st.checkbox(_("Include nicknames"), key="summary-nicknames",
                                 help=_("Off: the summary shows the class's figures only, with no student named."))
    database = store()
    try:
        flag_names = {flag_id: entry.label for flag_id, entry in ads_lesson_of(content_version(), code).flags.items()}
    except ContentError:
        flag_names = {}
    try:
        evidence_names = lab_in(code).evidence_labels
    except ContentError:
        evidence_names = {}
    st.download_button(_("Class summary (PDF, {language})").format(language=i18n.LANGUAGES[code]),
                       lambda: printables().class_summary_pdf(classroom.snapshot(database, the_class), code,
                                                            with_nicknames, flag_names, evidence_names),
                       file_name=pdf_name(the_class, "summary"), mime="application/pdf", on_click="ignore",
                       key="summary-pdf")
