"""The network case's view: the case file of accounts, the investigators' tools, the findings form,
and the explanation of every account. Grading is telltale.steps.network's."""
from __future__ import annotations

import html

import streamlit as st

from app_pages.views.cached import chart, content_version, missing_message, network_case_of
from app_pages.views.language import _, language, number
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
    """What a case and its cached pictures depend on: the content files, the seed of a generated
    case, and the language of its text."""
    return (content_version(), generated, language())


def _case_of(key: tuple) -> NetworkCase:
    version, generated, lang = key
    return network_case_of(version, lang) if generated is None else generate_case(generated, lang)


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
    created = investigation.format_moment(account.created_at, language())
    kind = (_("Page · created {moment} UTC") if account.kind == "page"
            else _("Profile · created {moment} UTC")).format(moment=created)
    alt = _("Profile photo of {name}").format(name=account.display_name)
    return (f'<li class="tt-card {css}"><img src="{avatar_uri}" alt="{html.escape(alt)}">'
            f'<div><div class="name">{html.escape(account.display_name)}</div>'
            f'<div class="meta">{html.escape(account.handle)}</div>'
            f'<div class="meta">{html.escape(kind)}</div>'
            f'{extra}</div></li>')


def case_file(accounts, key: tuple | None = None) -> None:
    avatars = _avatars(key or case_key())
    cards = "".join(_card(a, avatars[a.handle]) for a in accounts)
    label = html.escape(_("Accounts in the case file"))
    st.html(f'{CARD_CSS}<ul class="tt-cards" aria-label="{label}">{cards}</ul>')


def tools(case: NetworkCase, accounts, key: tuple | None = None) -> None:
    key = key or case_key()
    st.markdown("##### " + _("What anyone can see"))
    st.caption(_("Profile photos, when Pages were created and when everyone posts are on every public profile "
                 "and Page."))
    overlay, timeline = st.tabs([_("Overlay the photos"), _("Timeline")])
    with overlay:
        with_faces = [a for a in accounts if a.handle in investigation.face_paths(case)]
        names = {a.handle: a.display_name for a in with_faces}
        chosen = st.pills(_("Photos to overlay (pick two or more)"), list(names), selection_mode="multi",
                          default=list(names)[:3], format_func=names.get, key="net-overlay" if key[1] is None else f"net-overlay-{key[1]}")
        picture, text = st.columns([2, 3])
        with picture:
            if len(chosen) >= 2:
                st.image(average_bytes(tuple(sorted(chosen)), key), width=260,
                         alt=_("The average of {count} profile photos").format(count=len(chosen)))
            else:
                st.info(_("Pick at least two photos."))
        with text:
            st.markdown(_("The overlay is the **average** of the photos you pick. Real photos are taken from "
                          "anywhere, so their average is a blur. Faces made by one AI generator put the eyes in "
                          "the same spot, so their average keeps **sharp eyes**. Try different sets: whose eyes "
                          "line up?"))
    with timeline:
        st.markdown(_("**When the accounts were created.** Dots in one column were made at the same time. "
                      "The public sees the date; the exact minute (hover over or tap a dot) is what the "
                      "platform's investigators see."))
        chart(charts.creation_chart, accounts,
              alt=_("Chart of the date each account was created"))
        ways = {"date": _("Over two weeks"), "hour": _("By time of day")}
        by = st.segmented_control(_("Show the posts"), list(ways), default="date", key="net-posts-by",
                                  format_func=ways.get) or "date"
        st.markdown(_("**When they post.** Each tick is one post. People post when they have time; "
                      "a scheduling tool posts on the dot, in bursts."))
        chart(charts.posting_chart, accounts, by,
              alt=_("Chart of the times at which each account posted"))
    st.markdown("##### " + _("What only the platform's investigators see"))
    st.caption(_("Platforms do not show the public who runs an account. A Page's transparency panel shows only "
                 "the countries its managers are in. The investigators inside the platform can see which accounts "
                 "share the same admins: that is how the 2019 network was tied together. From outside, you would "
                 "have to infer it from the behaviour above."))
    (admins,) = st.tabs([_("Shared admins")])
    with admins:
        st.markdown(_("**Who runs them, as investigators see it.** Each column is one admin, A, B, C, ...; a "
                      "filled square means that admin runs that account. The letters hide who the admins are."))
        chart(charts.admin_chart, accounts,
              alt=_("Grid of which admin runs which account"))


def findings_form(learner: Learner, case: NetworkCase, accounts) -> bool:
    """Which accounts belong to the network, and why; stored the moment it is submitted. True once stored."""
    started_at("network")
    with st.form("net-findings", border=True):
        st.markdown(_("**Which accounts belong to the network?** Tick each one you would report."))
        picked = []
        for row in range(0, len(accounts), 2):  # row by row, so that a phone lists them in case-file order
            for column, index in zip(st.columns(2), range(row, min(row + 2, len(accounts)))):
                if column.checkbox(f"{accounts[index].display_name} ({accounts[index].handle})",
                                   key=f"net-pick-{index}"):
                    picked.append(accounts[index].handle)
        labels = {r.id: _(r.label) for r in investigation.REASONS}
        reasons = st.pills(_("Why? Pick the signs that convinced you."), list(labels), selection_mode="multi",
                           format_func=labels.get, key="net-reasons")
        submitted = st.form_submit_button(_("Submit my findings"), type="primary")
    if not submitted:
        return False
    problem = missing_message(((_("Please pick at least one account before submitting."), picked),
                               (_("Please pick at least one reason before submitting."), reasons or [])),
                              _("Please pick at least one account and at least one reason before submitting."))
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
    summary = _("You found **{hits} of {network}** accounts of the network and picked **{false_alarms} of "
                "{ordinary}** ordinary accounts by mistake.").format(hits=hits, network=len(network),
                                                                     false_alarms=false_alarms, ordinary=len(ordinary))
    (st.success if hits == len(network) and not false_alarms else st.warning)(summary)
    st.markdown(_("Score: **{score} of 1**: the share of the network you found, minus the share of "
                  "ordinary accounts you picked.").format(score=number(answer.score, 2)))

    paths = investigation.face_paths(case)
    st.markdown(_("**The overlay, done for you.** Averaged, the network's AI-made profile photos keep one sharp "
                  "face, because the generator puts the eyes in the same place every time; real people's photos "
                  "blur into each other."))
    sides = st.columns(2)
    for column, group, title in ((sides[0], network, _("The network's profile photos, averaged")),
                                 (sides[1], ordinary, _("The ordinary people's photos, averaged"))):
        handles = tuple(sorted(v.account.handle for v in group if v.account.handle in paths))
        with column:
            if len(handles) >= 2:
                st.image(average_bytes(handles, key), width=220, alt=title, caption=title)

    st.subheader(_("Account by account"), anchor=False)
    avatars = _avatars(key)
    outcomes = {"hit": _("You found it"), "miss": _("You missed it"), "false alarm": _("You picked it by mistake"),
                "correct rejection": _("You rightly left it out")}
    cards = []
    for v in verdicts:
        side = "in" if v.account.belongs_to_network else "out"
        tag = _("In the network") if side == "in" else _("Not in the network")
        run_from = _("Run from {country}").format(country=v.account.admin_country)
        extra = (f'<div><span class="tt-tag {side}">{tag}</span>'
                 f'<span class="tt-tag {"right" if v.right else "wrong"}">{outcomes[v.outcome]}</span></div>'
                 f'<div class="meta">{html.escape(run_from)}</div>'
                 f'<div class="why">{html.escape(v.account.why)}</div>')
        cards.append(_card(v.account, avatars[v.account.handle], extra, side))
    label = html.escape(_("Every account explained"))
    st.html(f'{CARD_CSS}<ul class="tt-cards" aria-label="{label}">{"".join(cards)}</ul>')

    reasons = investigation.reason_notes(answer.detail.get("reasons", []))
    if reasons:
        st.subheader(_("Your reasons"), anchor=False)
        for reason in reasons:
            icon = ":green[:material/check_circle:]" if reason.behaviour else ":orange[:material/warning:]"
            st.markdown(f"{icon} **{_(reason.label)}.** {_(reason.note)}")


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
        st.markdown(_("**Which accounts belong to the network?** (practice: not scored)"))
        picked = [a.handle for index, a in enumerate(accounts)
                  if st.checkbox(f"{a.display_name} ({a.handle})", key=f"net-fresh-{generated}-{index}")]
        done = st.form_submit_button(_("Check my findings"))
    if done:
        explanation(case, accounts, network_step.grade(case, picked, []), key)
