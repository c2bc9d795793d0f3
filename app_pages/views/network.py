"""The network case's view: the case file of accounts, the investigators' tools, the findings form,
and the explanation of every account. Grading is telltale.steps.network's."""
from __future__ import annotations

import html

import streamlit as st

from app_pages.views.cached import chart, content_version, missing_message, network_case_of
from app_pages.views.session import started_at, submit
from telltale import charts
from telltale.ads import investigation
from telltale.ads.casegen import generate_case
from telltale.ads.model import NetworkCase
from telltale.ads.render import render_avatar
from telltale.images import display_jpeg, png_data_uri
from telltale.steps import network as network_step
from telltale.storage import Answer, GradedAnswer, Learner


def case_key(generated: int | None = None) -> tuple:
    """What the cached pictures of a case depend on: the content files, and the seed of a generated case."""
    return (content_version(), generated)


def _case_of(key: tuple) -> NetworkCase:
    version, generated = key
    return network_case_of(version) if generated is None else generate_case(generated)


@st.cache_data(show_spinner=False, max_entries=8)
def _avatars(key: tuple) -> dict[str, str]:
    """handle -> a small round avatar as a data URI (no file name in the page)."""
    case = _case_of(key)
    group = investigation.network_group(case)
    return {account.handle: png_data_uri(render_avatar(account.avatar, account.handle, 112, group=group))
            for account in case.accounts}


@st.cache_data(show_spinner=False, max_entries=32)
def average_bytes(handles: tuple[str, ...], key: tuple) -> bytes:
    paths = investigation.face_paths(_case_of(key))
    return display_jpeg(investigation.average_of([paths[h] for h in handles if h in paths]), full_colour=True)


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


def case_file(accounts, key: tuple | None = None) -> None:
    avatars = _avatars(key or case_key())
    cards = "".join(_card(a, avatars[a.handle]) for a in accounts)
    st.html(f'{CARD_CSS}<ul class="tt-cards" aria-label="Accounts in the case file">{cards}</ul>')


def tools(case: NetworkCase, accounts, key: tuple | None = None) -> None:
    key = key or case_key()
    st.markdown("##### What anyone can see")
    st.caption("Profile photos, when Pages were created and when everyone posts are on every public profile "
               "and Page.")
    overlay, timeline = st.tabs(["Overlay the photos", "Timeline"])
    with overlay:
        with_faces = [a for a in accounts if a.handle in investigation.face_paths(case)]
        names = {a.handle: a.display_name for a in with_faces}
        chosen = st.pills("Photos to overlay (pick two or more)", list(names), selection_mode="multi",
                          default=list(names)[:3], format_func=names.get, key="net-overlay" if key[1] is None else f"net-overlay-{key[1]}")
        picture, text = st.columns([2, 3])
        with picture:
            if len(chosen) >= 2:
                st.image(average_bytes(tuple(sorted(chosen)), key), width=260,
                         alt=f"The average of {len(chosen)} profile photos")
            else:
                st.info("Pick at least two photos.")
        with text:
            st.markdown("The overlay is the **average** of the photos you pick. Real photos are taken from "
                        "anywhere, so their average is a blur. Faces made by one AI generator put the eyes in "
                        "the same spot, so their average keeps **sharp eyes**. Try different sets: whose eyes "
                        "line up?")
    with timeline:
        st.markdown("**When the accounts were created.** Dots in one column were made at the same time. "
                    "The public sees the date; the exact minute (hover over or tap a dot) is what the "
                    "platform's investigators see.")
        chart(charts.creation_chart, accounts,
              alt="Chart of the date each account was created")
        by = st.segmented_control("Show the posts", ["date", "hour"], default="date", key="net-posts-by",
                                  format_func={"date": "Over two weeks", "hour": "By time of day"}.get) or "date"
        st.markdown("**When they post.** Each tick is one post. People post when they have time; "
                    "a scheduling tool posts on the dot, in bursts.")
        chart(charts.posting_chart, accounts, by,
              alt="Chart of the times at which each account posted")
    st.markdown("##### What only the platform's investigators see")
    st.caption("Platforms do not show the public who runs an account. A Page's transparency panel shows only "
               "the countries its managers are in. The investigators inside the platform can see which accounts "
               "share the same admins: that is how the 2019 network was tied together. From outside, you would "
               "have to infer it from the behaviour above.")
    (admins,) = st.tabs(["Shared admins"])
    with admins:
        st.markdown("**Who runs them, as investigators see it.** Each column is one admin, A, B, C, ...; a filled "
                    "square means that admin runs that account. The letters hide who the admins are.")
        chart(charts.admin_chart, accounts,
              alt="Grid of which admin runs which account")


def findings_form(learner: Learner, case: NetworkCase, accounts) -> bool:
    """Which accounts belong to the network, and why; stored the moment it is submitted. True once stored."""
    started_at("network")
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
    problem = missing_message("pick", (("at least one account", picked), ("at least one reason", reasons or [])))
    if problem:
        st.error(problem)
        return False
    submit(learner, investigation.PHASE, 0, network_step.grade(case, picked, reasons), None, "network")
    return True


def explanation(case: NetworkCase, accounts, answer: Answer | GradedAnswer, key: tuple | None = None) -> None:
    """The learner's findings, then every account: in the network or not, their pick, and why."""
    key = key or case_key()
    picked = network_step.decode(answer.choice)
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
                st.image(average_bytes(handles, key), width=220, alt=title, caption=title)

    st.subheader("Account by account", anchor=False)
    avatars = _avatars(key)
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


def fresh_case(learner: Learner, round_number: int, seed: int) -> None:
    """A generated case to replay, for practice: graded and explained on the spot, never stored.
    The same seed (a class's, so that a class replays the same case) gives the same case."""
    generated = seed * 1000 + round_number
    key = case_key(generated)
    case = _case_of(key)
    accounts = investigation.display_order(case, learner.seed)
    st.subheader(case.title, anchor=False)
    st.markdown(case.brief)
    case_file(accounts, key)
    tools(case, accounts, key)
    with st.form(f"net-fresh-{generated}", border=True):
        st.markdown("**Which accounts belong to the network?** (practice: not scored)")
        picked = [a.handle for index, a in enumerate(accounts)
                  if st.checkbox(f"{a.display_name} ({a.handle})", key=f"net-fresh-{generated}-{index}")]
        done = st.form_submit_button("Check my findings")
    if done:
        explanation(case, accounts, network_step.grade(case, picked, []), key)
