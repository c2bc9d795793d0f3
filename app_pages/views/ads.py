"""The ad step's view: a sponsored post with its three questions, then the reveal with every red flag
(or authentic sign) outlined and explained; and the ads part of the results page.

Grading is telltale.steps.ad's; the pictures are drawn by telltale.ads.render and cached here.
"""
from __future__ import annotations

import logging
import threading

import streamlit as st

from app_pages.views.cached import (ads_lesson_of, confidence_radio, content_version, md, missing_message, progress,
                                    store)
from app_pages.views.language import _, language, ngettext, number
from app_pages.views.session import callback, note_shown, started_at, submit
from telltale import served
from telltale.ads import lesson as ads_lesson_steps
from telltale.ads import pictures
from telltale.ads.model import VERDICTS, AdExample, AdsLesson
from telltale.ads.results import ads_results
from telltale.steps import ad as ad_step
from telltale.storage import Answer, Learner

log = logging.getLogger(__name__)

# Material icons ship with Streamlit's own font: they show on every device (emoji need a system font).
STATUS_ICONS = {"found": ":green[:material/check_circle:]", "missed": ":orange[:material/radio_button_unchecked:]",
                "sign": ":green[:material/verified:]"}


@st.cache_resource(show_spinner=False, max_entries=64)
def post_pictures(example_id: str, version: tuple, language: str, key: bytes) -> tuple[bytes, bytes]:
    """The post as a JPEG, and the same post with its red flags (or authentic signs) outlined, in the
    language, as this server serves them to everyone (telltale/ads/pictures.py).

    They get the faint noise of telltale/served.py under the server's own key, once per server: no
    one can compute their bytes from the repository (the renderer is public). Unlike the faces, they
    are the same for every learner: a post's text already tells learners which post it is, so bytes
    per learner would hide nothing, and making them took a tenth of a second per post and learner.
    ``key``: ``posts_key()``, read in the run, so that drawing in the background needs no database.
    Usually they were drawn ahead (``_posts_ahead``); if not yet, this one is drawn here."""
    ahead = _posts_ahead(version, language, key).get(example_id)
    return ahead or pictures.post_pictures(ads_lesson_of(version, language), example_id, language, key)


def posts_key() -> bytes:
    """The key of the sponsored posts' noise on this server (telltale/served.py)."""
    return served.viewer_key(store().secret, "server:sponsored-posts")


@st.cache_resource(show_spinner=False, max_entries=4)
def _posts_ahead(version: tuple, language: str, key: bytes) -> dict[str, tuple[bytes, bytes]]:
    """Every post of the lesson, by example id, filled in the background once per server, version
    and language (empty until then). Drawing a post takes about half a second, and a class reaches
    the ads at about the same time. They are drawn in a separate process
    (telltale.ads.pictures.draw_all_elsewhere): in a thread of the server, that work held the GIL
    while the class answered. Broken ads content is left to the content check."""
    drawn: dict[str, tuple[bytes, bytes]] = {}

    def draw() -> None:
        try:
            drawn.update(pictures.draw_all_elsewhere(language, key))
        except Exception:  # noqa: BLE001 - drawing ahead is only a head start: each post is drawn when shown
            log.warning("The sponsored posts could not be drawn in advance; they are drawn when shown", exc_info=True)

    threading.Thread(target=draw, name="draw-posts", daemon=True).start()
    return drawn


def draw_posts_soon(learner: Learner) -> None:
    """The posts drawn ahead when a learner whose plan has the ads opens practice (app_pages/practice.py),
    two parts before the ads. Not at server start (every test server would pay for it) nor when the
    dashboard opens (the class is joining then)."""
    if "ads" in learner.plan.get("sections", ()):
        _posts_ahead(content_version(), language(), posts_key())


def ask(learner: Learner, lesson: AdsLesson, example: AdExample, number: int, total: int, slot: int) -> None:
    """One post with its three questions; the answer is stored the moment it is submitted
    (``store_answer``), and the run that follows shows the reveal.

    ``number``: the post's place in the learner's order (from 0); ``slot``: the position it is stored at.
    """
    key = f"ads-{slot}"
    note_shown("ads", slot)
    started_at(key)
    with st.form(f"ad-form-{slot}", border=False):
        post, questions = st.columns(2, gap="large")
        with post:
            st.image(post_pictures(example.id, content_version(), language(), posts_key())[0], width="stretch",
                     alt=_("Sponsored post {number} of {total}, with its Page transparency panel").format(
                         number=number + 1, total=total))
        with questions:
            progress(number, total, noun="Post")
            st.radio(_("Authentic, or part of an inauthentic network?"), VERDICTS, index=None,
                     format_func=lambda verdict: _(ads_lesson_steps.VERDICT_LABELS[verdict]), key=f"ad{slot}-verdict")
            confidence_radio(key=f"ad{slot}-sure")
            st.markdown(_("**Which red flags did you see?** Tick every one you saw, or none."))
            for flag_id, entry in lesson.flags.items():
                st.checkbox(entry.label, key=f"ad{slot}-flag-{flag_id}", help=entry.description)
            st.form_submit_button(_("Submit answer"), type="primary", on_click=store_answer,
                                  args=(learner, lesson, example, slot))
            problem = st.session_state.pop(f"ad{slot}-problem", None)
            if problem:  # next to the button, not below the long post
                st.error(problem)


@callback
def store_answer(learner: Learner, lesson: AdsLesson, example: AdExample, slot: int) -> None:
    """The submit button's callback: grade and store the answer, or keep the reason it cannot be."""
    state = st.session_state
    decision, confidence = state.get(f"ad{slot}-verdict"), state.get(f"ad{slot}-sure")
    problem = missing_message(((_("Please choose authentic or not before submitting."), decision),
                               (_("Please choose how sure you are before submitting."), confidence)),
                              _("Please choose authentic or not and how sure you are before submitting."))
    if problem:
        state[f"ad{slot}-problem"] = problem
        return
    flags = [flag_id for flag_id in lesson.flags if state.get(f"ad{slot}-flag-{flag_id}")]
    submit(learner, ads_lesson_steps.PHASE, slot, ad_step.grade(lesson, example, decision, flags), confidence,
           f"ads-{slot}")
    state["ads-reveal"] = example.id


def reveal(lesson: AdsLesson, example: AdExample, answer: Answer, position: int, total: int,
           next_label: str) -> None:
    """Right or wrong, then the post with each red flag (or authentic sign) outlined, numbered and explained.

    Ends with the button to go on, labelled ``next_label``: the run it starts shows the next post.
    """
    shown = ads_lesson_steps.reveal(lesson, example, answer.correct, answer.detail)
    picture, notes = st.columns(2, gap="large")
    with picture:
        st.image(post_pictures(example.id, content_version(), language(), posts_key())[1], width="stretch",
                 alt=_("The post again, with the places to look at outlined and numbered"))
    with notes:
        progress(position, total, noun="Post")
        if shown.correct and example.is_inauthentic:
            st.success(_("Right! This post is part of an inauthentic network."), icon=":material/check_circle:")
        elif shown.correct:
            st.success(_("Right! This post is authentic."), icon=":material/check_circle:")
        elif example.is_inauthentic:
            st.error(_("Not this time: this post is part of an inauthentic network."), icon=":material/cancel:")
        else:
            st.error(_("Not this time: this post is authentic."), icon=":material/cancel:")
        if example.is_inauthentic:
            st.markdown(_("**Its red flags.** You spotted **{found} of {total}**.").format(
                found=shown.found, total=shown.total_flags))
        else:
            st.markdown(_("**What shows it is authentic:**"))
        for mark in shown.marks:
            missed = " " + _("*(you did not tick it)*") if mark.status == "missed" else ""
            st.markdown(f"{STATUS_ICONS[mark.status]} **{mark.number}. {md(mark.label)}.** {md(mark.explain)}{missed}")
        if shown.invented:
            st.markdown(ngettext("**You also ticked:** {flags}. That is not on this post: seeing red flags "
                                 "everywhere makes honest posts look fake too.",
                                 "**You also ticked:** {flags}. These are not on this post: seeing red flags "
                                 "everywhere makes honest posts look fake too.",
                                 len(shown.invented)).format(flags=md(", ".join(shown.invented))))
        st.caption(_("Points for this post: {score} of 1 (half for the verdict, half for the red flags).").format(
            score=number(answer.score, 2)))
        st.button(next_label, type="primary", key="ads-next", on_click=st.session_state.pop, args=("ads-reveal", None))


def results_section(answers: list[Answer]) -> None:
    """The "Fake ads and networks" part of the results page (nothing when that part was not done)."""
    results = ads_results(answers)
    if not results.any:
        return
    st.subheader(_("Fake ads and networks"))
    of = _("{count} of {total}")
    if results.judged:
        cells = st.columns(3)
        cells[0].metric(_("Posts judged right"), of.format(count=results.right, total=results.judged))
        cells[1].metric(_("Red flags found"), of.format(count=results.flags_found, total=results.flags_total))
        cells[2].metric(_("Red flags invented"), str(results.flags_invented))
        st.markdown(_("You caught **{caught} of {inauthentic}** posts from inauthentic networks and doubted "
                      "**{accused} of {authentic}** authentic ones. A red flag you invent is like a false alarm: "
                      "it makes honest Pages look fake.").format(
            caught=results.inauthentic_caught, inauthentic=results.inauthentic_judged,
            accused=results.authentic_accused, authentic=results.authentic_judged))
    if results.network is not None:
        n = results.network
        st.markdown(_("In the network case you found **{hits} of {size}** of the network's accounts and picked "
                      "**{false_alarms} of {ordinary}** ordinary accounts by mistake (false alarms). "
                      "Platforms judge **behaviour**, not opinion.").format(
            hits=n.hits, size=n.network_size, false_alarms=n.false_alarms, ordinary=n.ordinary))
