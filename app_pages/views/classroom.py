"""Classroom mode for the teacher and the students: starting a class, its links and QR code, and
joining it with a code and a nickname.

Nicknames are always shown as plain text: escaped for HTML (html.escape) or for Markdown (md).
The teacher token is kept in the session only: a private link's token is taken off the address
bar at once, so a projected dashboard never shows it.
"""
from __future__ import annotations

import html
import os
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import streamlit as st

from app_pages.views.cached import ads_lesson, library, md, store, usable
from app_pages.views.language import LANGUAGE_KEY, _, language, language_chosen
from app_pages.views.navigation import go, link, switch
from app_pages.views.session import current_learner
from telltale import classroom, course, i18n, join_guard, parts, readiness
from telltale.storage import ClassRecord

TEACHER_KEY = "teacher_token"
PUBLIC_URL_ENV = "TELLTALE_PUBLIC_URL"  # the address students reach the app by, when behind a proxy
WAIT_REFRESH_SECONDS = 3  # a student waiting for the teacher's approval to rejoin
REJOIN_KEY = "rejoin-request"  # that student's request (its secret and the nickname), in the session only


def style() -> None:
    st.html("""<style>
    .tt-code {font-size: 3.4rem; font-weight: 800; letter-spacing: .35rem; color: #1d4ed8;
              font-family: ui-monospace, SFMono-Regular, Menlo, monospace; line-height: 1.1; margin: .2rem 0 .6rem 0;}
    .tt-chips {display: flex; flex-wrap: wrap; gap: .45rem; margin: .3rem 0 1rem 0;}
    .tt-chip {font-size: 1.1rem; padding: .3rem .8rem; border-radius: 999px; background: #eef1f5; color: #14213d;}
    .tt-chip small {color: #4b5563; font-size: .85rem; margin-left: .35rem;}
    .tt-chip.done {background: #dcefe3; color: #14532d;}
    </style>""")


def base_url() -> str:
    """The app's address as the teacher's browser reaches it (or TELLTALE_PUBLIC_URL)."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    address = urlsplit(st.context.url or "http://localhost:8501")
    path = address.path.rstrip("/")
    if path.rsplit("/", 1)[-1] in parts.URL_PATHS:
        path = path.rsplit("/", 1)[0]
    return f"{address.scheme}://{address.netloc}{path}"


def only_this_computer(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")


@st.cache_data(ttl=timedelta(hours=1), show_spinner=False)
def sweep_expired_classes() -> int:
    """Delete classes past the retention period; runs at most once an hour per app server."""
    return classroom.purge_expired(store())


@st.cache_data(show_spinner=False)
def item_limits() -> tuple[int, int]:
    return classroom.item_limits(library().items)


# --- the teacher -------------------------------------------------------------------------

def teacher_class() -> tuple[ClassRecord | None, str | None]:
    """The class of this teacher's session, from the private link (?k=) or the session."""
    token = st.query_params.get("k")
    if token:
        st.session_state[TEACHER_KEY] = token
        del st.query_params["k"]  # off the address bar, so it never shows on the projector
    token = st.session_state.get(TEACHER_KEY)
    return (classroom.class_for_teacher(store(), token) if token else None), token


def require_teacher() -> ClassRecord:
    """The teacher's class, or a screen asking for the private link."""
    the_class, token = teacher_class()
    if the_class is not None:
        return the_class
    st.title(_("Teacher dashboard"))
    deleted = st.session_state.pop("deleted-class", None)
    if deleted:
        st.success(_("Class {code} and all of its data have been deleted.").format(code=deleted))
    elif token:
        st.error(_("This teacher link does not open any class. It may be incomplete, or the class has been deleted."))
        st.session_state.pop(TEACHER_KEY, None)
    st.markdown(_("Open your **private teacher link**, or paste it here:"))
    with st.form("teacher-link", border=False):
        pasted = st.text_input(_("Private teacher link"), type="password")
        if st.form_submit_button(_("Open the dashboard"), type="primary"):
            st.session_state[TEACHER_KEY] = token_from_link(pasted)
            st.rerun()
    link("teacher", _("Start a new class instead"))
    st.stop()


def token_from_link(pasted: str) -> str:
    """The token in a pasted teacher link (or the bare token)."""
    pasted = pasted.strip()
    found = parse_qs(urlsplit(pasted).query).get("k")
    return found[0] if found else pasted


def start_class_form() -> None:
    """Which parts of the course, how many faces and students; starting the class keeps its token in the session.

    Parts whose content is broken are left out (and say so), so the rest can still be taught.
    """
    choosable = list(parts.CHOOSABLE)
    broken = [part for part in choosable if not usable(part)]
    faces_ok = not any(part in broken for part in readiness.FACE_PARTS)
    max_test, max_practice = item_limits() if faces_ok else (4, 3)
    with st.form("start-class"):
        title = st.text_input(_("Name of the class (optional)"), max_chars=classroom.TITLE_MAX_LENGTH,
                              placeholder=_("e.g. 9B media studies"),
                              help=_("Shown on your dashboard and in file names. Please no student names."))
        st.markdown(_("**Parts of the course**"))
        columns = st.columns(3)
        chosen = [part for index, part in enumerate(choosable)
                  if columns[index % 3].checkbox(parts.title(part, language()), value=part not in broken,
                                                 key=f"part-{part}", disabled=part in broken)]
        if broken:
            st.warning(_("Not available now, because their content has a problem: {parts}. The other parts work "
                         "as usual.").format(parts=", ".join(parts.title(p, language()) for p in broken)),
                       icon=":material/construction:")
        left, right = st.columns(2)
        test_items = practice_items = ads_items = None
        if faces_ok:
            test_items = left.slider(_("Faces in each test"), 4, max_test, min(10, max_test), step=2,
                                     help=_("The warm-up and the final test; half real, half AI-made."))
            practice_items = right.slider(_("Practice faces"), 3, max_practice, min(12, max_practice),
                                          help=_("Practice gives feedback and shows the tells after each answer."))
        if "ads" not in broken:
            max_ads = len(ads_lesson().examples)
            ads_items = left.slider(_("Sponsored posts to judge"), 2, max_ads, min(course.DEFAULT_ADS_ITEMS, max_ads),
                                    help=_("In the fake-ads part; half are from inauthentic networks."))
        max_students = right.number_input(
            _("Most students who may join"), 1, classroom.MAX_STUDENTS_LIMIT, classroom.DEFAULT_MAX_STUDENTS,
            help=_("Nobody beyond this number can join with the code, even if it is seen outside the class."))
        class_language = left.selectbox(_("Language of the class"), list(i18n.LANGUAGES),
                                        index=list(i18n.LANGUAGES).index(language()), format_func=i18n.LANGUAGES.get,
                                        help=_("Students start in this language; each can still choose another."))
        submitted = st.form_submit_button(_("Start the class"), type="primary")
    if submitted:
        chosen = [part for part in chosen if part not in broken]
        if not chosen:
            st.error(_("Choose at least one part of the course."))
            return
        the_class, token = classroom.start_class(store(), chosen, test_items or course.DEFAULT_TEST_ITEMS,
                                                 practice_items or course.DEFAULT_PRACTICE_ITEMS, title,
                                                 ads_items or course.DEFAULT_ADS_ITEMS, max_students=max_students,
                                                 language=class_language)
        st.session_state[TEACHER_KEY] = token
        st.rerun()


def join_panel(the_class: ClassRecord, qr_width: int = 300) -> None:
    """The code in large type, the join link and a QR code, for the projector."""
    link = classroom.join_url(base_url(), the_class.code, the_class.language)
    words, picture = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.markdown(_("Students open"))
        st.code(link, language=None, wrap_lines=True)
        st.markdown(_("or go to Telltale, choose **Join a class**, and type the code:"))
        label = html.escape(_("Class code"))
        st.html(f'<div class="tt-code" aria-label="{label}">{html.escape(the_class.code)}</div>')
        if only_this_computer(link):
            st.warning(_("This address only works on this computer. Open Telltale by its network address "
                         "(or set {setting}) so that students' devices can reach it.").format(setting=PUBLIC_URL_ENV))
    with picture:
        st.image(classroom.qr_png(link), width=qr_width, caption=_("Scan to join"))


def class_links(the_class: ClassRecord, token: str) -> None:
    """After starting: the teacher's private link first (to copy, not to project), then how students join."""
    if the_class.title:
        st.subheader(md(the_class.title), anchor=False)
    st.markdown(_("**1. Copy your private teacher link.** It opens this class's dashboard from any device. "
                  "Keep it to yourself: whoever has it can see the answers, close the class and delete it. "
                  "Telltale keeps only a fingerprint of it and cannot show it again once this tab is closed."))
    st.code(classroom.teacher_url(base_url(), token, language()), language=None, wrap_lines=True)
    st.markdown(_("**2. Show the class how to join.** The live dashboard shows this too, without your private "
                  "link: put the dashboard on the projector rather than this page."))
    join_panel(the_class)
    go, again = st.columns(2)
    if go.button(_("Open the live dashboard"), type="primary"):
        switch("dashboard")
    if again.button(_("Start another class")):
        st.session_state.pop(TEACHER_KEY, None)
        st.rerun()


def still_joining(the_class: ClassRecord) -> bool:
    """Open and nobody in yet: the join code is what the projector should show."""
    return not the_class.is_closed and not store().nicknames(the_class.id)


def class_heading(the_class: ClassRecord) -> None:
    heading = (_("{title} · class {code}").format(title=md(the_class.title), code=the_class.code) if the_class.title
               else _("Class {code}").format(code=the_class.code))
    st.title(heading, anchor=False)
    chosen = " · ".join(parts.title(s, language()) for s in the_class.plan.get("sections", []) if s in parts.CHOOSABLE)
    started = i18n.moment(language(), the_class.created_at)
    status = (_("Started {moment} UTC · closed · students' language: {language}") if the_class.is_closed
              else _("Started {moment} UTC · open · students' language: {language}")).format(
        moment=started, language=i18n.LANGUAGES[the_class.language])
    st.caption(f"{status} · {chosen}")


# --- students -------------------------------------------------------------------------

def _suggest() -> None:
    st.session_state["join-nickname"] = classroom.suggest_nickname()


def _not_me() -> None:
    st.session_state.pop("join-pending", None)
    _suggest()


def class_language_default() -> None:
    """A class link (?code=) opens the join page in the class's language, unless this tab has a language."""
    code = st.query_params.get("code")
    if code and not language_chosen():
        found = store().class_by_code(classroom.normalize_code(code))
        if found is not None:
            st.session_state[LANGUAGE_KEY] = found.language


def join_form() -> None:
    """Code and nickname; a taken nickname first asks whether it is the same student coming back."""
    if st.session_state.get(REJOIN_KEY):
        waiting_for_teacher()
        return
    pending = st.session_state.get("join-pending")
    if pending:
        confirm_rejoin(*pending)
        return
    st.session_state.setdefault("join-code", st.query_params.get("code", ""))
    st.session_state.setdefault("join-nickname", classroom.suggest_nickname())
    with st.form("join"):
        code = st.text_input(_("Class code"), key="join-code", max_chars=9, placeholder=_("e.g. K7M2QX"))
        nickname = st.text_input(_("Nickname"), key="join-nickname", max_chars=classroom.NICKNAME_MAX_LENGTH,
                                 help=_("Not your real name. Up to {count} characters: {allowed}.").format(
                                     count=classroom.NICKNAME_MAX_LENGTH, allowed=_(classroom.NICKNAME_ALLOWED)))
        submitted = st.form_submit_button(_("Join"), type="primary")
    st.button(_("Suggest another nickname"), on_click=_suggest)
    if submitted:
        join(code, nickname)


def confirm_rejoin(code: str, nickname: str) -> None:
    st.markdown(_("Someone called **{nickname}** is already in this class. Is that you, coming back?").format(
        nickname=md(nickname)))
    yes, no = st.columns(2)
    if yes.button(_("Yes, it's me: ask my teacher to let me continue"), type="primary"):
        join(code, nickname, rejoin=True)
    no.button(_("No, I'll choose another nickname"), on_click=_not_me)
    st.caption(_("Your teacher approves it on their dashboard; then your other device stops working. If you "
                 "still have your own link (the address of the page where you were), open it instead: it "
                 "continues at once."))


def join(code: str, nickname: str, rejoin: bool = False) -> None:
    try:
        # the language chosen in this tab (the selector, or ?lang=); otherwise the class's
        outcome = classroom.join_class(store(), code, nickname, rejoin=rejoin, who=join_client(),
                                       language=language() if language_chosen() else None)
    except classroom.NicknameTaken as taken:
        st.session_state["join-pending"] = (code, taken.nickname)
        st.rerun()
    except (classroom.JoinError, join_guard.JoinThrottled) as refused:
        st.session_state.pop("join-pending", None)
        st.error(str(refused))
        return
    for key in ("join-pending", "join-code", "join-nickname"):
        st.session_state.pop(key, None)
    if isinstance(outcome, classroom.RejoinPending):
        st.session_state[REJOIN_KEY] = (outcome.request_token, outcome.nickname)
        st.rerun()
    st.session_state["token"] = outcome.token
    st.session_state[LANGUAGE_KEY] = outcome.learner.language
    go(outcome.learner.section)


def _ask_again() -> None:
    st.session_state.pop(REJOIN_KEY, None)
    _suggest()


@st.fragment(run_every=WAIT_REFRESH_SECONDS)
def waiting_for_teacher() -> None:
    """The asking tab waits for the teacher's answer; it moves on by itself once approved."""
    token, nickname = st.session_state[REJOIN_KEY]
    status, joined = classroom.rejoin_status(store(), token)
    if status == "approved":
        st.session_state.pop(REJOIN_KEY, None)
        st.session_state["token"] = joined.token
        go(joined.learner.section)
    if status == "waiting":
        st.info(_("Your teacher has been asked to let you continue as **{nickname}** on this device. "
                  "Please wait here: this page moves on by itself once they agree.").format(nickname=md(nickname)),
                icon=":material/hourglass:")
    elif status == "refused":
        st.error(_("Your teacher did not agree to continue as {nickname} here. Please join with another "
                   "nickname, or open your own link if you still have it.").format(nickname=md(nickname)))
    else:
        st.warning(_("Nobody answered this request in time. Ask again, or join with another nickname."))
    st.button(_("Join with another nickname") if status != "waiting" else _("Cancel and choose another nickname"),
              on_click=_ask_again)


def join_client() -> join_guard.Client:
    """Who is asking to join, for the limits: the address (from a local proxy's X-Forwarded-For when
    there is one) and Streamlit's browser cookie; only keyed hashes of them are stored."""
    def text(value) -> str | None:  # outside a real browser session Streamlit gives no text here
        return value if isinstance(value, str) else None

    address = join_guard.client_address(text(st.context.ip_address), text(st.context.headers.get("X-Forwarded-For")))
    return join_guard.client(store().secret, address, text(st.context.cookies.get("_streamlit_xsrf")))


def already_joined() -> None:
    """A student who is in a class in this tab can go straight back to it."""
    learner = current_learner()
    if learner is None or learner.class_id is None:
        return
    the_class = store().class_by_id(learner.class_id)
    if the_class is None:
        return
    st.info(_("You are in class {code} as {nickname}.").format(code=the_class.code, nickname=md(learner.nickname or "")))
    if st.button(_("Continue where I was"), type="primary"):
        go(learner.section)
    st.divider()
