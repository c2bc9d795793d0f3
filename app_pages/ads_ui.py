"""Streamlit pieces of the fake-ads half: the cached lessons and pictures, the question, the reveal,
the network case file, its tools, the findings form and its explanation, and the results section.

The engine (telltale.ads) decides everything; these functions only lay it out.
"""
from __future__ import annotations

import base64
import html
import io
import logging
import re

import streamlit as st

from app_pages import ui
from telltale.ads import investigation, lesson as ads_lesson
from telltale.ads.faces import MANIFEST, QUIZ_FILE
from telltale.ads.load import ADS_FILE, NETWORK_FILE, load_ads, load_network
from telltale.ads.model import VERDICTS, AdExample, AdsLesson, NetworkCase
from telltale.ads.render import ad_group, highlight, render_ad, render_avatar
from telltale.ads.results import ads_results
from telltale.content.problems import ContentError
from telltale.storage import Answer, ClassClosed, Learner

log = logging.getLogger(__name__)
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
SCALE = 2  # posts are drawn at twice their layout size: sharp on phones and high-DPI screens
POST_WIDTH = 420  # a phone-feed layout: shown about that wide on a desktop, and still legible on a phone
JPEG_QUALITY = 85


def _mtime(path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def content_version() -> tuple[int, ...]:
    """Changes whenever a file the pictures depend on changes (the quiz faces decide the avatars)."""
    return tuple(_mtime(p) for p in (ADS_FILE, NETWORK_FILE, MANIFEST, QUIZ_FILE))


@st.cache_resource(show_spinner=False, max_entries=4)
def _ads(version: tuple) -> AdsLesson:
    return load_ads()


def current_ads() -> AdsLesson:
    """The ads lesson, parsed once per version of its files (raises ContentError if invalid)."""
    return _ads(content_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _network(version: tuple) -> NetworkCase:
    return load_network()


def _unavailable(error: Exception, learner: Learner, section: str) -> None:
    log.error("the %s lesson cannot be loaded: %s", section, error)
    st.info("This part of the course is being updated and cannot be shown right now. "
            "Please come back a little later, or go on without it.")
    if st.button("Skip this part for now"):
        ui.finish_section(learner, section)
    st.stop()


def lesson_or_stop(learner: Learner) -> AdsLesson:
    try:
        return current_ads()
    except ContentError as error:
        _unavailable(error, learner, "ads")


def case_or_stop(learner: Learner) -> NetworkCase:
    try:
        return _network(content_version())
    except ContentError as error:
        _unavailable(error, learner, "network")


def md(text: str) -> str:
    """Lesson text made safe for Markdown: shown exactly as written ("$5", "*", ":x:" stay as typed)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _jpeg(image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
    return buffer.getvalue()


@st.cache_resource(show_spinner=False, max_entries=64)
def _rendered(example_id: str, version: tuple):
    lesson = _ads(version)
    return render_ad(lesson.example(example_id), scale=SCALE, width=POST_WIDTH, group=ad_group(lesson.examples))


@st.cache_data(show_spinner=False, max_entries=64)
def post_bytes(example_id: str, version: tuple) -> bytes:
    return _jpeg(_rendered(example_id, version).image)


@st.cache_data(show_spinner=False, max_entries=64)
def marked_post_bytes(example_id: str, version: tuple) -> bytes:
    lesson = _ads(version)
    rendered = _rendered(example_id, version)
    reveal = ads_lesson.reveal(lesson, lesson.example(example_id), True, {})
    return _jpeg(highlight(rendered.image, rendered.boxes, reveal.parts, scale=SCALE))


# --- the ads lesson ------------------------------------------------------------------------------

def progress(position: int, total: int) -> None:
    ui.progress(position, total, noun="Post")


def ask(learner: Learner, lesson: AdsLesson, example: AdExample, number: int, total: int, slot: int) -> bool:
    """One post with its three questions; stores the answer the moment it is submitted. True once stored.

    ``number``: the post's place in the learner's order (from 0); ``slot``: the position it is stored at.
    """
    key = f"ads-{slot}"
    ui.started_at(key)
    with st.form(f"ad-form-{slot}", border=False):
        post, questions = st.columns(2, gap="large")
        with post:
            ui.face(post_bytes(example.id, content_version()), width="stretch",
                     alt=f"Sponsored post {number + 1} of {total}, with its Page transparency panel")
        with questions:
            progress(number, total)
            decision = st.radio("Authentic, or part of an inauthentic network?", VERDICTS, index=None,
                                format_func=ads_lesson.VERDICT_LABELS.get, key=f"ad{slot}-verdict")
            confidence = st.radio("How sure are you?", list(ui.CONFIDENCE_LABELS), index=None, horizontal=True,
                                  format_func=ui.CONFIDENCE_LABELS.get, key=f"ad{slot}-sure")
            st.markdown("**Which red flags did you see?** Tick every one you saw, or none.")
            flags = [flag_id for flag_id, entry in lesson.flags.items()
                     if st.checkbox(entry.label, key=f"ad{slot}-flag-{flag_id}", help=entry.description)]
            submitted = st.form_submit_button("Submit answer", type="primary")
            notice = st.empty()  # next to the button, not below the long post
    if not submitted:
        return False
    missing = [name for name, value in (("authentic or not", decision), ("how sure you are", confidence))
               if value is None]
    if missing:
        notice.error(f"Please choose {' and '.join(missing)} before submitting.")
        return False
    score, detail = ads_lesson.grade(lesson, example, decision, flags)
    try:
        stored = ui.store().record_answer(learner.id, ads_lesson.PHASE, slot, example.id, decision,
                                          correct=score.correct, score=score.score, confidence=confidence,
                                          response_ms=ui.elapsed_ms(key), detail=detail)
    except ClassClosed:  # closed by the teacher while this post was on screen
        from app_pages import classroom_ui
        classroom_ui.closed_screen(learner)
    if not stored:
        ui.answered_elsewhere()
    return True


# Material icons ship with Streamlit's own font: they show on every device (emoji need a system font).
STATUS_ICONS = {"found": ":green[:material/check_circle:]", "missed": ":orange[:material/radio_button_unchecked:]",
                "sign": ":green[:material/verified:]"}


def reveal(lesson: AdsLesson, example: AdExample, answer: Answer, position: int, total: int,
           next_label: str) -> bool:
    """Right or wrong, then the post with each red flag (or authentic sign) outlined, numbered and explained.

    Ends with the button to go on, labelled ``next_label``; True when it is clicked.
    """
    shown = ads_lesson.reveal(lesson, example, answer.correct, answer.detail)
    what = "part of an inauthentic network" if example.is_inauthentic else "authentic"
    picture, notes = st.columns(2, gap="large")
    with picture:
        ui.face(marked_post_bytes(example.id, content_version()), width="stretch",
                 alt="The post again, with the places to look at outlined and numbered")
    with notes:
        progress(position, total)
        if shown.correct:
            st.success(f"Right! This post is {what}.", icon=":material/check_circle:")
        else:
            st.error(f"Not this time: this post is {what}.", icon=":material/cancel:")
        if example.is_inauthentic:
            st.markdown(f"**Its red flags.** You spotted **{shown.found} of {shown.total_flags}**.")
        else:
            st.markdown("**What shows it is authentic:**")
        for mark in shown.marks:
            missed = " *(you did not tick it)*" if mark.status == "missed" else ""
            st.markdown(f"{STATUS_ICONS[mark.status]} **{mark.number}. {md(mark.label)}.** {md(mark.explain)}{missed}")
        if shown.invented:
            st.markdown(f"**You also ticked:** {md(', '.join(shown.invented))}. "
                        f"{'These are' if len(shown.invented) > 1 else 'That is'} not on this post: "
                        "seeing red flags everywhere makes honest posts look fake too.")
        st.caption(f"Points for this post: {answer.score:.2f} of 1 (half for the verdict, half for the red flags).")
        return st.button(next_label, type="primary", key="ads-next")


# --- the network case ----------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=4)
def _avatars(version: tuple) -> dict[str, str]:
    """handle -> a small round avatar as a data URI (no file name in the page)."""
    case = _network(version)
    group = investigation.network_group(case)
    out = {}
    for account in case.accounts:
        image = render_avatar(account.avatar, account.handle, 112, group=group)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        out[account.handle] = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return out


@st.cache_data(show_spinner=False, max_entries=32)
def average_bytes(handles: tuple[str, ...], version: tuple) -> bytes:
    paths = investigation.face_paths(_network(version))
    return _jpeg(investigation.average_of([paths[h] for h in handles if h in paths]))


CARD_CSS = """<style>
.tt-cards {display:grid; grid-template-columns:repeat(auto-fill, minmax(250px, 1fr)); gap:.6rem; margin:.2rem 0 .6rem 0;
           padding:0 !important; margin-left:0 !important; list-style:none;}
.tt-cards > li {margin:0 !important; padding-left:.7rem;}
.tt-card {display:flex; gap:.7rem; align-items:flex-start; border:1px solid #d5d9e0; border-radius:10px;
          padding:.6rem .7rem; background:#ffffff; color:#1f2328; line-height:1.3;}
.tt-card img {width:56px; height:56px; border-radius:50%; flex:none;}
.tt-card .name {font-weight:600; overflow-wrap:anywhere;}
.tt-card .meta {font-size:.85rem; color:#4b5360; overflow-wrap:anywhere;}
.tt-card .why {font-size:.9rem; margin-top:.35rem;}
.tt-card.in {border:2px solid #b42318;}
.tt-card.out {border:2px solid #8a94a6;}
.tt-tag {display:inline-block; font-size:.78rem; font-weight:600; padding:.05rem .5rem; border-radius:999px; margin:.25rem .3rem 0 0;}
.tt-tag.in {background:#fde2e0; color:#8a1c12;}
.tt-tag.out {background:#e8ebf0; color:#374151;}
.tt-tag.right {background:#dcefe3; color:#14532d;}
.tt-tag.wrong {background:#fff1d6; color:#7a4a00;}
</style>"""


def _card(account, avatar_uri: str, extra: str = "", css: str = "") -> str:
    kind = "Page" if account.kind == "page" else "Profile"
    return (f'<li class="tt-card {css}"><img src="{avatar_uri}" alt="Profile photo of {html.escape(account.display_name)}">'
            f'<div><div class="name">{html.escape(account.display_name)}</div>'
            f'<div class="meta">{html.escape(account.handle)}</div>'
            f'<div class="meta">{kind} · created {investigation.format_moment(account.created_at)} UTC</div>'
            f'{extra}</div></li>')


def case_file(accounts) -> None:
    avatars = _avatars(content_version())
    cards = "".join(_card(a, avatars[a.handle]) for a in accounts)
    st.html(f'{CARD_CSS}<ul class="tt-cards" aria-label="Accounts in the case file">{cards}</ul>')


def tools(case: NetworkCase, accounts) -> None:
    overlay, timeline, admins = st.tabs(["Overlay the photos", "Timeline", "Shared admins"])
    with overlay:
        with_faces = [a for a in accounts if a.handle in investigation.face_paths(case)]
        names = {a.handle: a.display_name for a in with_faces}
        chosen = st.pills("Photos to overlay (pick two or more)", list(names), selection_mode="multi",
                          default=list(names)[:3], format_func=names.get, key="net-overlay")
        picture, text = st.columns([2, 3])
        with picture:
            if len(chosen) >= 2:
                st.image(average_bytes(tuple(sorted(chosen)), content_version()), width=260,
                         alt=f"The average of {len(chosen)} profile photos")
            else:
                st.info("Pick at least two photos.")
        with text:
            st.markdown("The overlay is the **average** of the photos you pick. Real photos are taken from "
                        "anywhere, so their average is a blur. Faces made by one AI generator put the eyes in "
                        "the same spot, so their average keeps **sharp eyes**. Try different sets: whose eyes "
                        "line up?")
    with timeline:
        st.markdown("**When the accounts were created.** Dots in one column were made at the same time: "
                    "hover over or tap a dot for the exact minute.")
        st.altair_chart(investigation.creation_chart(accounts), width="stretch",
                        alt="Chart of the date each account was created")
        by = st.segmented_control("Show the posts", ["date", "hour"], default="date", key="net-posts-by",
                                  format_func={"date": "Over two weeks", "hour": "By time of day"}.get) or "date"
        st.markdown("**When they post.** Each tick is one post. People post when they have time; "
                    "a scheduling tool posts on the dot, in bursts.")
        st.altair_chart(investigation.posting_chart(accounts, by), width="stretch",
                        alt="Chart of the times at which each account posted")
    with admins:
        st.markdown("**Who runs them.** Each column is one admin, A, B, C, ...; a filled square means that admin "
                    "runs that account. The platform does not say who the admins are, only when two accounts "
                    "are run by the same person.")
        st.altair_chart(investigation.admin_chart(accounts), width="stretch",
                        alt="Grid of which admin runs which account")


def findings_form(learner: Learner, case: NetworkCase, accounts) -> bool:
    """Which accounts belong to the network, and why; stored the moment it is submitted. True once stored."""
    ui.started_at("network")
    with st.form("net-findings", border=True):
        st.markdown("**Which accounts belong to the network?** Tick each one you would report.")
        picked = []
        for row in range(0, len(accounts), 2):  # row by row, so that a phone lists them in case-file order
            for column, index in zip(st.columns(2), range(row, min(row + 2, len(accounts)))):
                if column.checkbox(f"{accounts[index].display_name} ({accounts[index].handle})",
                                   key=f"net-pick-{index}"):
                    picked.append(accounts[index].handle)
        labels = {r.id: r.label for r in investigation.REASONS}
        reasons = st.pills("Why? Pick the signs that convinced you.", list(labels), selection_mode="multi",
                           format_func=labels.get, key="net-reasons")
        submitted = st.form_submit_button("Submit my findings", type="primary")
    if not submitted:
        return False
    missing = [text for text, value in (("at least one account", picked), ("at least one reason", reasons))
               if not value]
    if missing:
        st.error(f"Please pick {' and '.join(missing)} before submitting.")
        return False
    score, choice, detail = investigation.grade(case, picked, reasons)
    try:
        stored = ui.store().record_answer(learner.id, investigation.PHASE, 0, case.id, choice,
                                          correct=not score.false_alarms and not score.misses, score=score.score,
                                          response_ms=ui.elapsed_ms("network"), detail=detail)
    except ClassClosed:
        from app_pages import classroom_ui
        classroom_ui.closed_screen(learner)
    if not stored:
        ui.answered_elsewhere()
    return True


def explanation(case: NetworkCase, accounts, answer: Answer) -> None:
    """The learner's findings, then every account: in the network or not, their pick, and why."""
    picked = investigation.picked_handles(answer.choice)
    verdicts = investigation.verdicts(accounts, picked)
    network = [v for v in verdicts if v.account.belongs_to_network]
    ordinary = [v for v in verdicts if not v.account.belongs_to_network]
    hits = sum(v.picked for v in network)
    false_alarms = sum(v.picked for v in ordinary)
    summary = (f"You found **{hits} of {len(network)}** accounts of the network and picked "
               f"**{false_alarms} of {len(ordinary)}** ordinary accounts by mistake.")
    (st.success if hits == len(network) and not false_alarms else st.warning)(summary)
    st.markdown(f"Score: **{answer.score:.2f} of 1**: the share of the network you found, minus the share of "
                "ordinary accounts you picked.")

    paths = investigation.face_paths(case)
    st.markdown("**The overlay, done for you.** Averaged, the network's AI-made profile photos keep one sharp "
                "face, because the generator puts the eyes in the same place every time; real people's photos "
                "blur into each other.")
    sides = st.columns(2)
    for column, group, title in ((sides[0], network, "The network's profile photos, averaged"),
                                 (sides[1], ordinary, "The ordinary people's photos, averaged")):
        handles = tuple(sorted(v.account.handle for v in group if v.account.handle in paths))
        with column:
            if len(handles) >= 2:
                st.image(average_bytes(handles, content_version()), width=220, alt=title, caption=title)

    st.subheader("Account by account", anchor=False)
    avatars = _avatars(content_version())
    cards = []
    for v in verdicts:
        side = "in" if v.account.belongs_to_network else "out"
        tag = "In the network" if side == "in" else "Not in the network"
        you = {"hit": "You found it", "miss": "You missed it", "false alarm": "You picked it by mistake",
               "correct rejection": "You rightly left it out"}[v.outcome]
        extra = (f'<div><span class="tt-tag {side}">{tag}</span>'
                 f'<span class="tt-tag {"right" if v.right else "wrong"}">{you}</span></div>'
                 f'<div class="meta">Run from {html.escape(v.account.admin_country)}</div>'
                 f'<div class="why">{html.escape(v.account.why)}</div>')
        cards.append(_card(v.account, avatars[v.account.handle], extra, side))
    st.html(f'{CARD_CSS}<ul class="tt-cards" aria-label="Every account explained">{"".join(cards)}</ul>')

    reasons = investigation.reason_notes(answer.detail.get("reasons", []))
    if reasons:
        st.subheader("Your reasons", anchor=False)
        for reason in reasons:
            icon = ":green[:material/check_circle:]" if reason.behaviour else ":orange[:material/warning:]"
            st.markdown(f"{icon} **{reason.label}.** {reason.note}")


# --- results ---------------------------------------------------------------------------------------

def results_section(answers: list[Answer]) -> None:
    """The "Fake ads and networks" part of the results page (nothing when that part was not done)."""
    results = ads_results(answers)
    if not results.any:
        return
    st.subheader("Fake ads and networks")
    if results.judged:
        cells = st.columns(3)
        cells[0].metric("Posts judged right", f"{results.right} of {results.judged}")
        cells[1].metric("Red flags found", f"{results.flags_found} of {results.flags_total}")
        cells[2].metric("Red flags invented", str(results.flags_invented))
        st.markdown(f"You caught **{results.inauthentic_caught} of {results.inauthentic_judged}** posts from "
                    f"inauthentic networks and doubted **{results.authentic_accused} of "
                    f"{results.authentic_judged}** authentic ones. A red flag you invent is like a false alarm: "
                    "it makes honest Pages look fake.")
    if results.network is not None:
        n = results.network
        st.markdown(f"In the network case you found **{n.hits} of {n.network_size}** of the network's accounts "
                    f"and picked **{n.false_alarms} of {n.ordinary}** ordinary accounts by mistake (false alarms). "
                    "Platforms judge **behaviour**, not opinion.")
