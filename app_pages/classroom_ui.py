"""Streamlit pieces of classroom mode: the teacher's links, the join form, the live dashboard,
the discussion view, exports, and what a student sees when the class is closed.

Nicknames are always shown as plain text: escaped for HTML (html.escape) or for Markdown (md).
The teacher token is kept in the session only: a private link's token is taken off the address
bar at once, so a projected dashboard never shows it.
"""
from __future__ import annotations

import html
import os
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import streamlit as st

from app_pages import ads_ui, guards, ui
from telltale import class_charts, classroom, course, join_guard
from telltale.content.problems import ContentError
from telltale.course import SECTION_TITLES
from telltale.storage import ClassRecord, Learner

REFRESH_SECONDS = 4
DISCUSSION_FACE = 440  # pixels
TEACHER_KEY = "teacher_token"
PUBLIC_URL_ENV = "TELLTALE_PUBLIC_URL"  # the address students reach the app by, when behind a proxy
OUR_PAGES = {"welcome", "pretest", "tells", "practice", "posttest", "ads", "network", "results", "about",
             "teacher", "dashboard", "join"}
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def md(text: str) -> str:
    """Text safe to put into Markdown: every punctuation character escaped, so it shows as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def style() -> None:
    st.html("""<style>
    .tt-code {font-size: 3.4rem; font-weight: 800; letter-spacing: .35rem; color: #1d4ed8;
              font-family: ui-monospace, SFMono-Regular, Menlo, monospace; line-height: 1.1; margin: .2rem 0 .6rem 0;}
    .tt-chips {display: flex; flex-wrap: wrap; gap: .45rem; margin: .3rem 0 1rem 0;}
    .tt-chip {font-size: 1.1rem; padding: .3rem .8rem; border-radius: 999px; background: #eef1f5; color: #14213d;}
    .tt-chip small {color: #4b5563; font-size: .85rem; margin-left: .35rem;}
    .tt-chip.done {background: #dcefe3; color: #14532d;}
    </style>""")


def wide() -> None:
    """The dashboard uses the whole width of a projector."""
    st.set_page_config(layout="wide")
    st.html("<style>.block-container {max-width: 1500px;}</style>")


def base_url() -> str:
    """The app's address as the teacher's browser reaches it (or TELLTALE_PUBLIC_URL)."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    parts = urlsplit(st.context.url or "http://localhost:8501")
    path = parts.path.rstrip("/")
    if path.rsplit("/", 1)[-1] in OUR_PAGES:
        path = path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{path}"


def only_this_computer(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")


@st.cache_data(ttl=timedelta(hours=1), show_spinner=False)
def sweep_expired_classes() -> int:
    """Delete classes past the retention period; runs at most once an hour per app server."""
    return classroom.purge_expired(ui.store())


@st.cache_data(show_spinner=False)
def item_limits() -> tuple[int, int]:
    return classroom.item_limits(ui.library().items)


# --- the teacher -------------------------------------------------------------------------

def teacher_class() -> tuple[ClassRecord | None, str | None]:
    """The class of this teacher's session, from the private link (?k=) or the session."""
    token = st.query_params.get("k")
    if token:
        st.session_state[TEACHER_KEY] = token
        del st.query_params["k"]  # off the address bar, so it never shows on the projector
    token = st.session_state.get(TEACHER_KEY)
    return (classroom.class_for_teacher(ui.store(), token) if token else None), token


def require_teacher() -> ClassRecord:
    """The teacher's class, or a screen asking for the private link."""
    the_class, token = teacher_class()
    if the_class is not None:
        return the_class
    st.title("Teacher dashboard")
    deleted = st.session_state.pop("deleted-class", None)
    if deleted:
        st.success(f"Class {deleted} and all of its data have been deleted.")
    elif token:
        st.error("This teacher link does not open any class. It may be incomplete, or the class has been deleted.")
        st.session_state.pop(TEACHER_KEY, None)
    st.markdown("Open your **private teacher link**, or paste it here:")
    with st.form("teacher-link", border=False):
        pasted = st.text_input("Private teacher link", type="password")
        if st.form_submit_button("Open the dashboard", type="primary"):
            st.session_state[TEACHER_KEY] = token_from_link(pasted)
            st.rerun()
    st.page_link("app_pages/teacher.py", label="Start a new class instead")
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
    parts = list(classroom.CHOOSABLE_SECTIONS)
    broken = guards.broken_parts(parts)
    faces_ok = not any(part in broken for part in guards.readiness.FACE_PARTS)
    max_test, max_practice = item_limits() if faces_ok else (4, 3)
    with st.form("start-class"):
        title = st.text_input("Name of the class (optional)", max_chars=classroom.TITLE_MAX_LENGTH,
                              placeholder="e.g. 9B media studies",
                              help="Shown on your dashboard and in file names. Please no student names.")
        st.markdown("**Parts of the course**")
        columns = st.columns(3)
        chosen = [part for index, part in enumerate(parts)
                  if columns[index % 3].checkbox(SECTION_TITLES[part], value=part not in broken, key=f"part-{part}",
                                                 disabled=part in broken)]
        if broken:
            st.warning("Not available now, because their content has a problem: "
                       f"{', '.join(SECTION_TITLES[p] for p in broken)}. The other parts work as usual.",
                       icon=":material/construction:")
        left, right = st.columns(2)
        test_items = practice_items = ads_items = None
        if faces_ok:
            test_items = left.slider("Faces in each test", 4, max_test, min(10, max_test), step=2,
                                     help="The warm-up and the final test; half real, half AI-made.")
            practice_items = right.slider("Practice faces", 3, max_practice, min(12, max_practice),
                                          help="Practice gives feedback and shows the tells after each answer.")
        if "ads" not in broken:
            max_ads = len(ads_ui.current_ads().examples)
            ads_items = left.slider("Sponsored posts to judge", 2, max_ads, min(course.DEFAULT_ADS_ITEMS, max_ads),
                                    help="In the fake-ads part; half are from inauthentic networks.")
        max_students = right.number_input(
            "Most students who may join", 1, classroom.MAX_STUDENTS_LIMIT, classroom.DEFAULT_MAX_STUDENTS,
            help="Nobody beyond this number can join with the code, even if it is seen outside the class.")
        submitted = st.form_submit_button("Start the class", type="primary")
    if submitted:
        chosen = [part for part in chosen if part not in broken]
        if not chosen:
            st.error("Choose at least one part of the course.")
            return
        the_class, token = classroom.start_class(ui.store(), chosen, test_items or course.DEFAULT_TEST_ITEMS,
                                                 practice_items or course.DEFAULT_PRACTICE_ITEMS, title,
                                                 ads_items or course.DEFAULT_ADS_ITEMS, max_students=max_students)
        st.session_state[TEACHER_KEY] = token
        st.rerun()


def join_panel(the_class: ClassRecord, qr_width: int = 300) -> None:
    """The code in large type, the join link and a QR code, for the projector."""
    link = classroom.join_url(base_url(), the_class.code)
    words, picture = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.markdown("Students open")
        st.code(link, language=None, wrap_lines=True)
        st.markdown("or go to Telltale, choose **Join a class**, and type the code:")
        st.html(f'<div class="tt-code" aria-label="Class code">{html.escape(the_class.code)}</div>')
        if only_this_computer(link):
            st.warning("This address only works on this computer. Open Telltale by its network address "
                       f"(or set {PUBLIC_URL_ENV}) so that students' devices can reach it.")
    with picture:
        st.image(classroom.qr_png(link), width=qr_width, caption="Scan to join")


def class_links(the_class: ClassRecord, token: str) -> None:
    """After starting: the teacher's private link first (to copy, not to project), then how students join."""
    if the_class.title:
        st.subheader(md(the_class.title), anchor=False)
    st.markdown("**1. Copy your private teacher link.** It opens this class's dashboard from any device. "
                "Keep it to yourself: whoever has it can see the answers, close the class and delete it. "
                "Telltale keeps only a fingerprint of it and cannot show it again once this tab is closed.")
    st.code(classroom.teacher_url(base_url(), token), language=None, wrap_lines=True)
    st.markdown("**2. Show the class how to join.** The live dashboard shows this too, without your private "
                "link: put the dashboard on the projector rather than this page.")
    join_panel(the_class)
    go, again = st.columns(2)
    if go.button("Open the live dashboard", type="primary"):
        st.switch_page("app_pages/dashboard.py")
    if again.button("Start another class"):
        st.session_state.pop(TEACHER_KEY, None)
        st.rerun()


def still_joining(the_class: ClassRecord) -> bool:
    """Open and nobody in yet: the join code is what the projector should show."""
    return not the_class.is_closed and not ui.store().members(the_class.id)


def class_heading(the_class: ClassRecord) -> None:
    status = "closed" if the_class.is_closed else "open"
    heading = f"{md(the_class.title)} · class {the_class.code}" if the_class.title else f"Class {the_class.code}"
    st.title(heading, anchor=False)
    parts = " · ".join(SECTION_TITLES[s] for s in the_class.plan.get("sections", [])
                       if s not in ("welcome", "results"))
    st.caption(f"Started {the_class.created_at:%d %b %Y, %H:%M} UTC · {status} · {parts}")


# --- the live dashboard -------------------------------------------------------------------

def progress_table(snap: classroom.Snapshot) -> None:
    expected = snap.expected
    rows = []
    for s in snap.students:
        row = {"Nickname": s.nickname, "Now at": SECTION_TITLES.get(s.section, s.section)}
        for phase, total in expected.items():
            row[SECTION_TITLES[phase]] = min(s.answered.get(phase, 0), total)
        if snap.ads.answers or "ads" in snap.the_class.plan.get("sections", []):
            row["Ads judged"] = s.answered.get("ads", 0)
        faces = [d for d in (s.pretest, s.posttest) if d]
        right = sum(d.correct for d in faces) + s.practice_correct
        total = sum(d.n for d in faces) + s.practice_total
        row["Right so far"] = f"{right} of {total}" if total else ""
        row["Rejoined"] = s.rejoins or ""
        rows.append(row)
    config = {SECTION_TITLES[phase]: st.column_config.ProgressColumn(
        SECTION_TITLES[phase], min_value=0, max_value=total, format=f"%d of {total}")
        for phase, total in expected.items()}
    config["Nickname"] = st.column_config.TextColumn("Nickname")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=config)


def nickname_chips(snap: classroom.Snapshot) -> None:
    chips = []
    for s in snap.students:
        done = "done" if s.section == "results" else ""
        where = SECTION_TITLES.get(s.section, s.section)
        chips.append(f'<span class="tt-chip {done}">{html.escape(s.nickname)}'
                     f'<small>{html.escape(where)}</small></span>')
    st.html(f'<div class="tt-chips" aria-label="Students who have joined">{"".join(chips)}</div>')


def headline(snap: classroom.Snapshot) -> None:
    means = snap.test_means()
    cells = st.columns(4)
    cells[0].metric("Students joined", len(snap.students))
    cells[1].metric("Answers", snap.answer_count)
    cells[2].metric("Finished", sum(s.section == "results" for s in snap.students))
    if "posttest" in means:
        before = means.get("pretest")
        delta = f"{100 * (means['posttest'][0] - before[0]):+.0f} points since the warm-up" if before else None
        cells[3].metric("Right in the final test", f"{100 * means['posttest'][0]:.0f}%", delta=delta)
    elif "pretest" in means:
        cells[3].metric("Right in the warm-up test", f"{100 * means['pretest'][0]:.0f}%")


def fooled_faces(snap: classroom.Snapshot) -> None:
    worst = snap.fooled_most(limit=5)
    if not worst:
        st.caption("No face has been answered yet.")
        return
    show = st.toggle("Show these faces (this reveals their answers: wait until the tests are done)",
                     key="show-fooled")
    lib = ui.library() if show else None
    columns = st.columns(len(worst))
    for column, stat in zip(columns, worst):
        with column:
            if lib is not None and stat.item_id in lib.images:
                ui.face(lib.face_bytes(stat.item_id), width="stretch", alt="A face the class answered")
                truth = "AI-made" if stat.truth == "ai" else "Real photo"
                st.markdown(f"**{truth}**  \n{stat.correct} of {stat.n} right ({100 * stat.accuracy:.0f}%)")
            else:
                st.metric(f"Face {stat.item_id}", f"{100 * stat.accuracy:.0f}% right", help=f"{stat.n} answers")
    rows = [{"label": f"Face {s.item_id}", "accuracy": s.accuracy, "n": s.n,
             "truth": "AI-made" if s.truth == "ai" else "Real photo"} for s in snap.fooled_most(limit=15)]
    with st.expander("Every face the class answered, worst first"):
        st.altair_chart(class_charts.item_accuracy_chart(rows), width="stretch")


def flag_labels() -> dict[str, str]:
    """Names of the ads' red flags (the lesson is parsed once, not on every dashboard refresh)."""
    try:
        return {flag_id: entry.label for flag_id, entry in ads_ui.current_ads().flags.items()}
    except ContentError:  # a broken ads file must not take the dashboard down: fall back to readable ids
        return {}


@st.fragment(run_every=REFRESH_SECONDS)
def live_view(class_id: int) -> None:
    """Everything on the live view; only this part reruns every few seconds."""
    the_class = ui.store().class_by_id(class_id)
    if the_class is None:
        st.warning("This class has been deleted.")
        return
    snap = classroom.snapshot(ui.store(), the_class)
    headline(snap)
    if not snap.students:
        st.info("Nobody has joined yet. Students join with the code above; they appear here as they do.")
        return
    st.subheader("Who has joined", anchor=False)
    nickname_chips(snap)
    where, tests = st.columns(2, gap="large")
    with where:
        st.subheader("Where everyone is", anchor=False)
        labels = [(SECTION_TITLES[s], n) for s, n in snap.section_counts]
        st.altair_chart(class_charts.progress_chart(labels), width="stretch")
    with tests:
        st.subheader("Warm-up test against final test", anchor=False)
        means = snap.test_means()
        if means:
            st.altair_chart(class_charts.pre_post_chart(snap.pre_post(), means), width="stretch")
        else:
            st.caption("Appears once students have answered a test.")
    with st.expander("Progress of each student"):
        progress_table(snap)
    st.subheader("The faces that fooled the class most", anchor=False)
    fooled_faces(snap)
    spread, sure = st.columns(2, gap="large")
    with spread:
        st.subheader("Sensitivity and bias, per student", anchor=False)
        if snap.detection_points():
            st.altair_chart(class_charts.detection_chart(snap.detection_points()), width="stretch")
            st.caption("Higher up: tells real from AI better (0 is guessing). Left of the middle line: leans "
                       "towards calling faces AI, so real people get accused; right: lets AI faces through.")
        else:
            st.caption("Appears once students have answered a test.")
    with sure:
        st.subheader("Confidence against accuracy", anchor=False)
        if snap.calibration:
            st.altair_chart(class_charts.class_calibration_chart(snap.calibration), width="stretch")
            st.caption("On the dashed line the class is as sure as it is right; below it, more sure than right.")
        else:
            st.caption("Appears once students have answered a test.")
    if snap.ads.answers:
        st.subheader("Red flags found in the ads", anchor=False)
        names = flag_labels()
        rows = [(names.get(flag, flag.replace("-", " ").capitalize()), n) for flag, n in snap.ads.flags]
        if snap.ads.mean_score is not None:
            st.markdown(f"{snap.ads.answers} ads judged by {snap.ads.students} students; "
                        f"average score **{100 * snap.ads.mean_score:.0f}%**.")
        if rows:
            st.altair_chart(class_charts.flags_chart(rows, snap.ads.students), width="stretch")
    stamp = datetime.now(timezone.utc)
    st.caption(f"Updated {stamp:%H:%M:%S} UTC · refreshes by itself every {REFRESH_SECONDS} seconds.")


# --- the discussion view -------------------------------------------------------------------

def discussion(the_class: ClassRecord) -> None:
    """One face large for the projector with the class's answers; then the answer and its tells."""
    snap = classroom.snapshot(ui.store(), the_class)
    lib = ui.library()
    faces = [s for s in snap.fooled_most(limit=len(snap.items), min_answers=1) if s.item_id in lib.items]
    if not faces:
        st.info("No face has been answered yet. Come back once the class has done a test or some practice.")
        return
    labels = {s.item_id: f"Face {rank}: {s.n} answer{'s' if s.n != 1 else ''}, {100 * s.accuracy:.0f}% right"
              for rank, s in enumerate(faces, start=1)}
    picture, words = st.columns([1, 1], gap="large")  # the face fits a 768-pixel-high projector
    with words:
        chosen = st.selectbox("Face to discuss (the ones that fooled the class most come first)", list(labels),
                              format_func=labels.get, key="discuss-item")
        reveal = st.toggle("Reveal the answer and its tells", key=f"reveal-{chosen}")
        stat, item = snap.item(chosen), lib.items[chosen]
        if reveal:
            st.subheader("This face is AI-made" if item.is_ai else "This is a real photo", anchor=False)
            st.markdown(f"{stat.correct} of {stat.n} got it right.")
        st.markdown("**What the class said**")
        st.altair_chart(class_charts.answer_split_chart(stat.called_real, stat.called_ai), width="stretch")
        st.markdown(f"Average confidence: **{stat.mean_confidence:.0f}%**")
        if not reveal:
            st.caption("Ask a few students why they chose as they did, then reveal the answer.")
        elif item.clues:
            ui.clue_list(chosen)
        else:
            st.caption("This face has no marked tells.")
    with picture:
        if reveal:
            ui.face(lib.highlighted_bytes(chosen), width=DISCUSSION_FACE,
                     alt="The face with its clues outlined and numbered")
        else:
            ui.face(lib.face_bytes(chosen), width=DISCUSSION_FACE, alt="The face under discussion")


# --- exports, closing and deleting --------------------------------------------------------

def exports(the_class: ClassRecord) -> None:
    # Each file is made when its button is clicked (on another thread: no st.* calls in there),
    # so it holds every answer up to that moment.
    store, home = ui.store(), base_url()
    st.subheader("Download the class's results", anchor=False)
    one, two, three = st.columns(3)
    one.download_button("Answers (CSV)", lambda: classroom.answers_csv(store.class_answers(the_class.id)),
                        mime="text/csv", file_name=classroom.export_name(the_class, "answers", "csv"),
                        type="primary", on_click="ignore")
    two.download_button("Summary per student (CSV)",
                        lambda: classroom.summary_csv(classroom.snapshot(store, the_class)),
                        mime="text/csv", file_name=classroom.export_name(the_class, "summary", "csv"),
                        on_click="ignore")
    three.download_button("xAPI statements (JSON)",
                          lambda: classroom.xapi_json(the_class, store.class_answers(the_class.id), home),
                          mime="application/json", file_name=classroom.export_name(the_class, "xapi", "json"),
                          on_click="ignore")
    st.caption("Answers: one row per answer (nickname, face, part, choice, right or not, confidence, response "
               "time, time). Summary: one row per student with scores, d′ and bias. xAPI: one statement per "
               "answer for a learning record store; students appear only as a random id, never by nickname.")

    st.subheader("Close the class", anchor=False)
    if the_class.is_closed:
        st.markdown(f"Closed on {the_class.closed_at:%d %b %Y at %H:%M} UTC: no new answers or students. "
                    "Students can still see their results.")
        if st.button("Reopen the class"):
            ui.store().set_class_closed(the_class.id, False)
            st.rerun()
    else:
        st.markdown("Closing stops new answers and new students. Students can still see their results.")
        if st.button("Close the class"):
            ui.store().set_class_closed(the_class.id, True)
            st.rerun()

    st.subheader("Delete the class's data", anchor=False)
    days = classroom.retention_days()
    st.markdown(f"Everything about this class is deleted automatically on "
                f"**{the_class.created_at + timedelta(days=days):%d %B %Y}**, {days} days after it started. "
                "To delete it all now, type the class code:")
    typed = st.text_input("Class code", key="delete-confirm", max_chars=9, label_visibility="collapsed",
                          placeholder="Type the class code here")
    if st.button("Delete the class and all its answers", disabled=classroom.normalize_code(typed) != the_class.code):
        ui.store().delete_class(the_class.id)
        st.session_state.pop(TEACHER_KEY, None)
        st.session_state["deleted-class"] = the_class.code
        st.rerun()


# --- students -------------------------------------------------------------------------

def _suggest() -> None:
    st.session_state["join-nickname"] = classroom.suggest_nickname()


def _not_me() -> None:
    st.session_state.pop("join-pending", None)
    _suggest()


REJOIN_KEY = "rejoin-request"


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
        code = st.text_input("Class code", key="join-code", max_chars=9, placeholder="e.g. K7M2QX")
        nickname = st.text_input("Nickname", key="join-nickname", max_chars=classroom.NICKNAME_MAX_LENGTH,
                                 help=f"Not your real name. Up to {classroom.NICKNAME_MAX_LENGTH} characters: "
                                      f"{classroom.NICKNAME_ALLOWED}.")
        submitted = st.form_submit_button("Join", type="primary")
    st.button("Suggest another nickname", on_click=_suggest)
    if submitted:
        join(code, nickname)


def confirm_rejoin(code: str, nickname: str) -> None:
    st.markdown(f"Someone called **{md(nickname)}** is already in this class. Is that you, coming back?")
    yes, no = st.columns(2)
    if yes.button("Yes, it's me: ask my teacher to let me continue", type="primary"):
        join(code, nickname, rejoin=True)
    no.button("No, I'll choose another nickname", on_click=_not_me)
    st.caption("Your teacher approves it on their dashboard; then your other device stops working. If you "
               "still have your own link (the address of the page where you were), open it instead: it "
               "continues at once.")


def join(code: str, nickname: str, rejoin: bool = False) -> None:
    try:
        outcome = classroom.join_class(ui.store(), code, nickname, rejoin=rejoin, who=guards.join_client())
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
    ui.go(outcome.learner.section)


def _ask_again() -> None:
    st.session_state.pop(REJOIN_KEY, None)
    _suggest()


@st.fragment(run_every=REFRESH_SECONDS)
def waiting_for_teacher() -> None:
    """The asking tab waits for the teacher's answer; it moves on by itself once approved."""
    token, nickname = st.session_state[REJOIN_KEY]
    status, joined = classroom.rejoin_status(ui.store(), token)
    if status == "approved":
        st.session_state.pop(REJOIN_KEY, None)
        st.session_state["token"] = joined.token
        ui.go(joined.learner.section)
    if status == "waiting":
        st.info(f"Your teacher has been asked to let you continue as **{md(nickname)}** on this device. "
                "Please wait here: this page moves on by itself once they agree.", icon=":material/hourglass:")
    elif status == "refused":
        st.error(f"Your teacher did not agree to continue as {md(nickname)} here. Please join with another "
                 "nickname, or open your own link if you still have it.")
    else:
        st.warning("Nobody answered this request in time. Ask again, or join with another nickname.")
    st.button("Join with another nickname" if status != "waiting" else "Cancel and choose another nickname",
              on_click=_ask_again)


@st.fragment(run_every=REFRESH_SECONDS)
def rejoin_requests(class_id: int) -> None:
    """Students asking to continue under a nickname on another device: the teacher decides."""
    store = ui.store()
    for request in classroom.waiting_rejoins(store, class_id):
        minutes = int((datetime.now(timezone.utc) - request.created_at).total_seconds() // 60)
        with st.container(border=True):
            st.markdown(f"**{md(request.nickname)}** asks to continue on another device "
                        f"({'just now' if minutes < 1 else f'{minutes} min ago'}). Approve only if that student "
                        "is the one asking: the device they used before stops working.")
            approve, refuse = st.columns(2)
            if approve.button("Approve", key=f"approve-{request.id}", type="primary"):
                store.decide_rejoin(class_id, request.id, approve=True)
                st.rerun(scope="fragment")
            if refuse.button("Refuse", key=f"refuse-{request.id}"):
                store.decide_rejoin(class_id, request.id, approve=False)
                st.rerun(scope="fragment")


def already_joined() -> None:
    """A student who is in a class in this tab can go straight back to it."""
    learner = ui.current_learner()
    if learner is None or learner.class_id is None:
        return
    the_class = ui.store().class_by_id(learner.class_id)
    if the_class is None:
        return
    st.info(f"You are in class {the_class.code} as {md(learner.nickname or '')}.")
    if st.button("Continue where I was", type="primary"):
        ui.go(learner.section)
    st.divider()


def class_caption(learner: Learner) -> None:
    """Under the steps bar: the class and the nickname, needed to rejoin from another device."""
    the_class = ui.store().class_by_id(learner.class_id) if learner.class_id else None
    if the_class is not None:
        st.caption(f"Class {the_class.code} · you are {md(learner.nickname or '')}. To continue on another "
                   "device, join again with this code and nickname.")


def closed_screen(learner: Learner) -> None:
    st.info("Your teacher has closed this class, so it takes no more answers. Thank you for taking part!")
    if ui.store().answers(learner.id) and st.button("See your results", type="primary"):
        ui.store().set_section(learner.id, "results")
        ui.go("results")
    st.stop()


def stop_if_class_closed(learner: Learner, section: str) -> None:
    """A closed class takes no answers: its students can only see their results."""
    if learner.class_id is None or section == "results":
        return
    the_class = ui.store().class_by_id(learner.class_id)
    if the_class is None or the_class.is_closed:
        closed_screen(learner)
