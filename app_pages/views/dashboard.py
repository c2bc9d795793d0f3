"""The teacher's dashboard views: live progress of the class, one face for discussion on the
projector, and downloads, closing and deleting. Nicknames are shown as plain text only."""
from __future__ import annotations

import html
from datetime import datetime, timedelta, timezone

import pandas as pd
import streamlit as st

from app_pages.views.cached import ads_lesson, chart, face, library, md, store
from app_pages.views.classroom import TEACHER_KEY, base_url
from app_pages.views.faces import clue_list
from app_pages.views.provenance import current_lab
from app_pages.views.teaching import _, class_language, flag_prompts, summary_download, tell_prompts
from telltale import class_charts, classroom, parts
from telltale.content.problems import ContentError
from telltale.provenance.lab import ClassLabSummary
from telltale.results import KIND_NAMES
from telltale.storage import ClassRecord

REFRESH_SECONDS = 4
DISCUSSION_FACE = 440  # pixels


def wide() -> None:
    """The dashboard uses the whole width of a projector."""
    st.set_page_config(layout="wide")
    st.html("<style>.block-container {max-width: 1500px;}</style>")


# --- the live dashboard -------------------------------------------------------------------

@st.fragment(run_every=REFRESH_SECONDS)
def rejoin_requests(class_id: int) -> None:
    """Students asking to continue under a nickname on another device: the teacher decides."""
    for request in classroom.waiting_rejoins(store(), class_id):
        minutes = int((datetime.now(timezone.utc) - request.created_at).total_seconds() // 60)
        with st.container(border=True):
            st.markdown(f"**{md(request.nickname)}** asks to continue on another device "
                        f"({'just now' if minutes < 1 else f'{minutes} min ago'}). Approve only if that student "
                        "is the one asking: the device they used before stops working.")
            approve, refuse = st.columns(2)
            if approve.button("Approve", key=f"approve-{request.id}", type="primary"):
                store().decide_rejoin(class_id, request.id, approve=True)
                st.rerun(scope="fragment")
            if refuse.button("Refuse", key=f"refuse-{request.id}"):
                store().decide_rejoin(class_id, request.id, approve=False)
                st.rerun(scope="fragment")


def progress_table(snap: classroom.Snapshot) -> None:
    expected = snap.expected
    rows = []
    for s in snap.students:
        row = {"Nickname": s.nickname, "Now at": parts.title(s.section)}
        for phase, total in expected.items():
            row[parts.title(phase)] = min(s.answered.get(phase, 0), total)
        if snap.ads.answers or "ads" in snap.the_class.plan.get("sections", []):
            row["Ads judged"] = s.answered.get("ads", 0)
        faces = [d for d in (s.pretest, s.posttest) if d]
        right = sum(d.correct for d in faces) + s.practice_correct
        total = sum(d.n for d in faces) + s.practice_total
        row["Right so far"] = f"{right} of {total}" if total else ""
        row["Rejoined"] = s.rejoins or ""
        rows.append(row)
    config = {parts.title(phase): st.column_config.ProgressColumn(
        parts.title(phase), min_value=0, max_value=total, format=f"%d of {total}")
        for phase, total in expected.items()}
    config["Nickname"] = st.column_config.TextColumn("Nickname")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=config)


def nickname_chips(snap: classroom.Snapshot) -> None:
    chips = []
    for s in snap.students:
        done = "done" if s.section == "results" else ""
        where = parts.title(s.section)
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
    lib = library() if show else None
    columns = st.columns(len(worst))
    for column, stat in zip(columns, worst):
        with column:
            if lib is not None and stat.item_id in lib.images:
                face(lib.face_bytes(stat.item_id), width="stretch", alt="A face the class answered")
                truth = "AI-made" if stat.truth == "ai" else "Real photo"
                st.markdown(f"**{truth}**  \n{stat.correct} of {stat.n} right ({100 * stat.accuracy:.0f}%)")
            else:
                st.metric(f"Face {stat.item_id}", f"{100 * stat.accuracy:.0f}% right", help=f"{stat.n} answers")
    rows = [{"label": f"Face {s.item_id}", "accuracy": s.accuracy, "n": s.n,
             "truth": "AI-made" if s.truth == "ai" else "Real photo"} for s in snap.fooled_most(limit=15)]
    with st.expander("Every face the class answered, worst first"):
        chart(class_charts.item_accuracy_chart, rows)


def accuracy_by_kind(snap: classroom.Snapshot) -> None:
    """The class's right answers in the tests, per kind of face (real, GAN, diffusion)."""
    kinds = {image_id: entry.kind for image_id, entry in library().images.items()}
    totals: dict[str, list[int]] = {}
    for stat in snap.items:
        kind = kinds.get(stat.item_id)
        if kind and set(stat.phases) <= set(parts.TESTS):
            total = totals.setdefault(kind, [0, 0])
            total[0] += stat.correct
            total[1] += stat.n
    if totals:
        st.markdown("**Right in the tests, by kind of face:** " + " · ".join(
            f"{KIND_NAMES[k]}: {100 * c / n:.0f}% ({c} of {n})" for k, (c, n) in totals.items() if k in KIND_NAMES))


def flag_labels() -> dict[str, str]:
    """Names of the ads' red flags (the lesson is parsed once, not on every dashboard refresh)."""
    try:
        return {flag_id: entry.label for flag_id, entry in ads_lesson().flags.items()}
    except ContentError:  # a broken ads file must not take the dashboard down: fall back to readable ids
        return {}


@st.fragment(run_every=REFRESH_SECONDS)
def live_view(class_id: int) -> None:
    """Everything on the live view; only this part reruns every few seconds."""
    the_class = store().class_by_id(class_id)
    if the_class is None:
        st.warning("This class has been deleted.")
        return
    snap = classroom.snapshot(store(), the_class)
    headline(snap)
    if not snap.students:
        st.info("Nobody has joined yet. Students join with the code above; they appear here as they do.")
        return
    st.subheader("Who has joined", anchor=False)
    nickname_chips(snap)
    where, tests = st.columns(2, gap="large")
    with where:
        st.subheader("Where everyone is", anchor=False)
        labels = [(parts.title(s), n) for s, n in snap.section_counts]
        chart(class_charts.progress_chart, labels)
    with tests:
        st.subheader("Warm-up test against final test", anchor=False)
        means = snap.test_means()
        if means:
            chart(class_charts.pre_post_chart, snap.pre_post(), means)
        else:
            st.caption("Appears once students have answered a test.")
    with st.expander("Progress of each student"):
        progress_table(snap)
    st.subheader("The faces that fooled the class most", anchor=False)
    fooled_faces(snap)
    accuracy_by_kind(snap)
    spread, sure = st.columns(2, gap="large")
    with spread:
        st.subheader("Sensitivity and bias, per student", anchor=False)
        if snap.detection_points():
            chart(class_charts.detection_chart, snap.detection_points())
            st.caption("Higher up: tells real from AI better (0 is guessing). Left of the middle line: leans "
                       "towards calling faces AI, so real people get accused; right: lets AI faces through.")
        else:
            st.caption("Appears once students have answered a test.")
    with sure:
        st.subheader("Confidence against accuracy", anchor=False)
        if snap.calibration:
            chart(class_charts.class_calibration_chart, snap.calibration)
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
            chart(class_charts.flags_chart, rows, snap.ads.students)
    if snap.provenance and snap.provenance.answers:
        provenance_figures(snap.provenance)
    stamp = datetime.now(timezone.utc)
    st.caption(f"Updated {stamp:%H:%M:%S} UTC · refreshes by itself every {REFRESH_SECONDS} seconds.")


def provenance_figures(lab: ClassLabSummary) -> None:
    """Checking the source: how many got each case right, and which evidence the class named."""
    st.subheader("Checking the source", anchor=False)
    st.markdown(f"{lab.answers} cases decided by {lab.students} students; average score "
                f"**{100 * lab.mean_score:.0f}%**.")
    try:
        content = current_lab()
        cases, labels = {case.id: case.name for case in content.cases}, content.evidence_labels
    except ContentError:  # a broken lab file must not take the dashboard down: fall back to readable ids
        cases, labels = {}, {}
    st.dataframe(pd.DataFrame([{"Case": cases.get(case_id, case_id), "Decided": n, "Right": right}
                               for case_id, n, right in lab.per_case]), hide_index=True, width="stretch")
    rows = [(labels.get(e, e), n) for e, n in lab.evidence]
    if rows:
        chart(class_charts.flags_chart, rows, lab.students, "Evidence")
        st.caption("\"How the photo looks\" decided none of the cases: if the class names it often, discuss why.")


# --- the discussion view -------------------------------------------------------------------

def discussion(the_class: ClassRecord) -> None:
    """One face large for the projector with the class's answers; then the answer and its tells, each
    with a question for the class. Then the ads' red flags, each with its question."""
    snap = classroom.snapshot(store(), the_class)
    discuss_faces(the_class, snap)
    if snap.ads.answers or "ads" in the_class.plan.get("sections", []):
        st.subheader(_("The red flags of the ads"), anchor=False)
        if snap.ads.answers:
            flag_prompts(snap.ads.flags, class_language(the_class))
        else:
            st.caption(_("Appears once students have judged some ads."))


def discuss_faces(the_class: ClassRecord, snap: classroom.Snapshot) -> None:
    lib = library()
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
        chart(class_charts.answer_split_chart, stat.called_real, stat.called_ai)
        st.markdown(f"Average confidence: **{stat.mean_confidence:.0f}%**")
        if not reveal:
            st.caption("Ask a few students why they chose as they did, then reveal the answer.")
        elif item.clues:
            clue_list(chosen)
            tell_prompts([clue.tell for clue in item.clues], class_language(the_class))
        else:
            st.caption("This face has no marked tells.")
    with picture:
        if reveal:
            face(lib.highlighted_bytes(chosen), width=DISCUSSION_FACE,
                     alt="The face with its clues outlined and numbered")
        else:
            face(lib.face_bytes(chosen), width=DISCUSSION_FACE, alt="The face under discussion")


# --- exports, closing and deleting --------------------------------------------------------

def exports(the_class: ClassRecord) -> None:
    # Each file is made when its button is clicked (on another thread: no st.* calls in there),
    # so it holds every answer up to that moment.
    database, home = store(), base_url()
    st.subheader("Download the class's results", anchor=False)
    one, two, three = st.columns(3)
    one.download_button("Answers (CSV)", lambda: classroom.answers_csv(database.class_answers(the_class.id)),
                        mime="text/csv", file_name=classroom.export_name(the_class, "answers", "csv"),
                        type="primary", on_click="ignore")
    two.download_button("Summary per student (CSV)",
                        lambda: classroom.summary_csv(classroom.snapshot(database, the_class)),
                        mime="text/csv", file_name=classroom.export_name(the_class, "summary", "csv"),
                        on_click="ignore")
    three.download_button("xAPI statements (JSON)",
                          lambda: classroom.xapi_json(the_class, database.class_answers(the_class.id), home),
                          mime="application/json", file_name=classroom.export_name(the_class, "xapi", "json"),
                          on_click="ignore")
    st.caption("Answers: one row per answer (nickname, face, part, choice, right or not, confidence, response "
               "time, time). Summary: one row per student with scores, d′ and bias. xAPI: one statement per "
               "answer for a learning record store; students appear only as a random id, never by nickname.")

    st.subheader(_("The class's summary, to print"), anchor=False)
    summary_download(the_class)

    st.subheader("Close the class", anchor=False)
    if the_class.is_closed:
        st.markdown(f"Closed on {the_class.closed_at:%d %b %Y at %H:%M} UTC: no new answers or students. "
                    "Students can still see their results.")
        if st.button("Reopen the class"):
            store().set_class_closed(the_class.id, False)
            st.rerun()
    else:
        st.markdown("Closing stops new answers and new students. Students can still see their results.")
        if st.button("Close the class"):
            store().set_class_closed(the_class.id, True)
            st.rerun()

    st.subheader("Delete the class's data", anchor=False)
    days = classroom.retention_days()
    st.markdown(f"Everything about this class is deleted automatically on "
                f"**{the_class.created_at + timedelta(days=days):%d %B %Y}**, {days} days after it started. "
                "To delete it all now, type the class code:")
    typed = st.text_input("Class code", key="delete-confirm", max_chars=9, label_visibility="collapsed",
                          placeholder="Type the class code here")
    if st.button("Delete the class and all its answers", disabled=classroom.normalize_code(typed) != the_class.code):
        store().delete_class(the_class.id)
        st.session_state.pop(TEACHER_KEY, None)
        st.session_state["deleted-class"] = the_class.code
        st.rerun()
