"""The teacher's dashboard views: live progress of the class, one face for discussion on the
projector, and downloads, closing and deleting. Nicknames are shown as plain text only."""
from __future__ import annotations

import html
from datetime import datetime, timedelta, timezone

import pandas as pd
import streamlit as st

from app_pages.views.cached import ads_lesson, class_chart, face, library, md, store
from app_pages.views.language import _, language, ngettext, number
from app_pages.views.classroom import TEACHER_KEY, base_url
from app_pages.views.faces import clue_list
from app_pages.views.provenance import current_lab
from app_pages.views.teaching import flag_prompts, summary_download, tell_prompts
from telltale import class_charts, classroom, i18n, parts
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
            when = _("just now") if minutes < 1 else _("{minutes} min ago").format(minutes=minutes)
            st.markdown(_("**{nickname}** asks to continue on another device ({when}). Approve only if that student "
                          "is the one asking: the device they used before stops working.").format(
                nickname=md(request.nickname), when=when))
            approve, refuse = st.columns(2)
            if approve.button(_("Approve"), key=f"approve-{request.id}", type="primary"):
                store().decide_rejoin(class_id, request.id, approve=True)
                st.rerun(scope="fragment")
            if refuse.button(_("Refuse"), key=f"refuse-{request.id}"):
                store().decide_rejoin(class_id, request.id, approve=False)
                st.rerun(scope="fragment")


def progress_table(snap: classroom.Snapshot) -> None:
    expected = snap.expected
    lang = language()
    of = _("{count} of {total}")
    # the words once, not once per student: each _() looks up the tab's language (a table of 100 rows)
    nickname, language_column, now_at = _("Nickname"), _("Language"), _("Now at")
    ads_judged, right_so_far, rejoined = _("Ads judged"), _("Right so far"), _("Rejoined")
    phase_titles = {phase: parts.title(phase, lang) for phase in expected}
    with_ads = bool(snap.ads.answers) or "ads" in snap.the_class.plan.get("sections", [])
    rows = []
    for s in snap.students:
        row = {nickname: s.nickname, language_column: i18n.LANGUAGES[s.language], now_at: parts.title(s.section, lang)}
        for phase, total in expected.items():
            row[phase_titles[phase]] = min(s.answered.get(phase, 0), total)
        if with_ads:
            row[ads_judged] = s.answered.get("ads", 0)
        faces = [d for d in (s.pretest, s.posttest) if d]
        right = sum(d.correct for d in faces) + s.practice_correct
        total = sum(d.n for d in faces) + s.practice_total
        row[right_so_far] = of.format(count=right, total=total) if total else ""
        row[rejoined] = s.rejoins or ""
        rows.append(row)
    config = {phase_titles[phase]: st.column_config.ProgressColumn(
        phase_titles[phase], min_value=0, max_value=total, format=of.format(count="%d", total=total))
        for phase, total in expected.items()}
    config[nickname] = st.column_config.TextColumn(nickname)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=config)


def nickname_chips(snap: classroom.Snapshot) -> None:
    chips = []
    lang = language()
    for s in snap.students:
        done = "done" if s.section == "results" else ""
        where = parts.title(s.section, lang)
        chips.append(f'<span class="tt-chip {done}">{html.escape(s.nickname)}'
                     f'<small>{html.escape(where)} · {s.language.upper()}</small></span>')
    label = html.escape(_("Students who have joined"))
    st.html(f'<div class="tt-chips" aria-label="{label}">{"".join(chips)}</div>')


def headline(snap: classroom.Snapshot) -> None:
    means = snap.test_means()
    cells = st.columns(4)
    cells[0].metric(_("Students joined"), len(snap.students))
    cells[1].metric(_("Answers"), snap.answer_count)
    cells[2].metric(_("Finished"), sum(s.section == "results" for s in snap.students))
    if "posttest" in means:
        before = means.get("pretest")
        delta = _("{points} points since the warm-up").format(
            points=number(100 * (means["posttest"][0] - before[0]), signed=True)) if before else None
        cells[3].metric(_("Right in the final test"), f"{number(100 * means['posttest'][0])}%", delta=delta)
    elif "pretest" in means:
        cells[3].metric(_("Right in the warm-up test"), f"{number(100 * means['pretest'][0])}%")


def fooled_faces(snap: classroom.Snapshot) -> None:
    worst = snap.fooled_most(limit=5)
    if not worst:
        st.caption(_("No face has been answered yet."))
        return
    show = st.toggle(_("Show these faces (this reveals their answers: wait until the tests are done)"),
                     key="show-fooled")
    lib = library() if show else None
    columns = st.columns(len(worst))
    for column, stat in zip(columns, worst):
        with column:
            if lib is not None and stat.item_id in lib.images:
                face(lib.face_bytes(stat.item_id), width="stretch", alt=_("A face the class answered"))
                truth = class_charts.truth_name(stat.truth, language())
                st.markdown(f"**{truth}**  \n" + _("{count} of {total} right ({percent}%)").format(
                    count=stat.correct, total=stat.n, percent=number(100 * stat.accuracy)))
            else:
                st.metric(_("Face {id}").format(id=stat.item_id),
                          _("{percent}% right").format(percent=number(100 * stat.accuracy)),
                          help=ngettext("{count} answer", "{count} answers", stat.n).format(count=stat.n))
    rows = [{"label": _("Face {id}").format(id=s.item_id), "accuracy": s.accuracy, "n": s.n, "truth": s.truth}
            for s in snap.fooled_most(limit=15)]
    with st.expander(_("Every face the class answered, worst first")):
        class_chart(class_charts.item_accuracy_chart, rows)


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
        st.markdown(_("**Right in the tests, by kind of face:**") + " " + " · ".join(
            _("{kind}: {percent}% ({count} of {total})").format(kind=_(KIND_NAMES[k]), percent=number(100 * c / n),
                                                               count=c, total=n)
            for k, (c, n) in totals.items() if k in KIND_NAMES))


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
        st.warning(_("This class has been deleted."))
        return
    snap = classroom.snapshot(store(), the_class)
    headline(snap)
    if not snap.students:
        st.info(_("Nobody has joined yet. Students join with the code above; they appear here as they do."))
        return
    st.subheader(_("Who has joined"), anchor=False)
    nickname_chips(snap)
    where, tests = st.columns(2, gap="large")
    with where:
        st.subheader(_("Where everyone is"), anchor=False)
        labels = [(parts.title(s, language()), n) for s, n in snap.section_counts]
        class_chart(class_charts.progress_chart, labels)
    with tests:
        st.subheader(_("Warm-up test against final test"), anchor=False)
        means = snap.test_means()
        if means:
            class_chart(class_charts.pre_post_chart, snap.pre_post(), means)
        else:
            st.caption(_("Appears once students have answered a test."))
    with st.expander(_("Progress of each student")):
        progress_table(snap)
    st.subheader(_("The faces that fooled the class most"), anchor=False)
    fooled_faces(snap)
    accuracy_by_kind(snap)
    spread, sure = st.columns(2, gap="large")
    with spread:
        st.subheader(_("Sensitivity and bias, per student"), anchor=False)
        if snap.detection_points():
            class_chart(class_charts.detection_chart, snap.detection_points())
            st.caption(_("Higher up: tells real from AI better (0 is guessing). Left of the middle line: leans "
                         "towards calling faces AI, so real people get accused; right: lets AI faces through."))
        else:
            st.caption(_("Appears once students have answered a test."))
    with sure:
        st.subheader(_("Confidence against accuracy"), anchor=False)
        if snap.calibration:
            class_chart(class_charts.class_calibration_chart, snap.calibration)
            st.caption(_("On the dashed line the class is as sure as it is right; below it, more sure than right."))
        else:
            st.caption(_("Appears once students have answered a test."))
    if snap.ads.answers:
        st.subheader(_("Red flags found in the ads"), anchor=False)
        names = flag_labels()
        rows = [(names.get(flag, flag.replace("-", " ").capitalize()), n) for flag, n in snap.ads.flags]
        if snap.ads.mean_score is not None:
            st.markdown(ngettext("{answers} ads judged by {count} student; average score **{percent}%**.",
                                 "{answers} ads judged by {count} students; average score **{percent}%**.",
                                 snap.ads.students).format(answers=snap.ads.answers, count=snap.ads.students,
                                                           percent=number(100 * snap.ads.mean_score)))
        if rows:
            class_chart(class_charts.flags_chart, rows, snap.ads.students)
    if snap.provenance and snap.provenance.answers:
        provenance_figures(snap.provenance)
    stamp = datetime.now(timezone.utc)
    st.caption(_("Updated {time} UTC · refreshes by itself every {seconds} seconds.").format(
        time=f"{stamp:%H:%M:%S}", seconds=REFRESH_SECONDS))


def provenance_figures(lab: ClassLabSummary) -> None:
    """Checking the source: how many got each case right, and which evidence the class named."""
    st.subheader(_("Checking the source"), anchor=False)
    st.markdown(ngettext("{answers} cases decided by {count} student; average score **{percent}%**.",
                         "{answers} cases decided by {count} students; average score **{percent}%**.",
                         lab.students).format(answers=lab.answers, count=lab.students,
                                              percent=number(100 * lab.mean_score)))
    try:
        content = current_lab()
        cases, labels = {case.id: case.name for case in content.cases}, content.evidence_labels
    except ContentError:  # a broken lab file must not take the dashboard down: fall back to readable ids
        cases, labels = {}, {}
    st.dataframe(pd.DataFrame([{_("Case"): cases.get(case_id, case_id), _("Decided"): n, _("Right"): right}
                               for case_id, n, right in lab.per_case]), hide_index=True, width="stretch")
    rows = [(labels.get(e, e), n) for e, n in lab.evidence]
    if rows:
        class_chart(class_charts.flags_chart, rows, lab.students, "evidence")
        st.caption(_("\"How the photo looks\" decided none of the cases: if the class names it often, discuss why."))


# --- the discussion view -------------------------------------------------------------------

def discussion(the_class: ClassRecord) -> None:
    """One face large for the projector with the class's answers; then the answer and its tells, each
    with a question for the class. Then the ads' red flags, each with its question."""
    snap = classroom.snapshot(store(), the_class)
    discuss_faces(the_class, snap)
    if snap.ads.answers or "ads" in the_class.plan.get("sections", []):
        st.subheader(_("The red flags of the ads"), anchor=False)
        if snap.ads.answers:
            flag_prompts(snap.ads.flags)
        else:
            st.caption(_("Appears once students have judged some ads."))


def discuss_faces(the_class: ClassRecord, snap: classroom.Snapshot) -> None:
    lib = library()
    faces = [s for s in snap.fooled_most(limit=len(snap.items), min_answers=1) if s.item_id in lib.items]
    if not faces:
        st.info(_("No face has been answered yet. Come back once the class has done a test or some practice."))
        return
    labels = {s.item_id: ngettext("Face {rank}: {count} answer, {percent}% right",
                                  "Face {rank}: {count} answers, {percent}% right", s.n).format(
        rank=rank, count=s.n, percent=number(100 * s.accuracy)) for rank, s in enumerate(faces, start=1)}
    picture, words = st.columns([1, 1], gap="large")  # the face fits a 768-pixel-high projector
    with words:
        chosen = st.selectbox(_("Face to discuss (the ones that fooled the class most come first)"), list(labels),
                              format_func=labels.get, key="discuss-item")
        reveal = st.toggle(_("Reveal the answer and its tells"), key=f"reveal-{chosen}")
        stat, item = snap.item(chosen), lib.items[chosen]
        if reveal:
            st.subheader(_("This face is AI-made") if item.is_ai else _("This is a real photo"), anchor=False)
            st.markdown(_("{count} of {total} got it right.").format(count=stat.correct, total=stat.n))
        st.markdown(_("**What the class said**"))
        class_chart(class_charts.answer_split_chart, stat.called_real, stat.called_ai)
        st.markdown(_("Average confidence: **{percent}%**").format(percent=number(stat.mean_confidence)))
        if not reveal:
            st.caption(_("Ask a few students why they chose as they did, then reveal the answer."))
        elif item.clues:
            clue_list(chosen)
            tell_prompts([clue.tell for clue in item.clues])
        else:
            st.caption(_("This face has no marked tells."))
    with picture:
        if reveal:
            face(lib.highlighted_bytes(chosen), width=DISCUSSION_FACE,
                 alt=_("The face with its clues outlined and numbered"))
        else:
            face(lib.face_bytes(chosen), width=DISCUSSION_FACE, alt=_("The face under discussion"))


# --- exports, closing and deleting --------------------------------------------------------

def exports(the_class: ClassRecord) -> None:
    # Each file is made when its button is clicked (on another thread: no st.* calls in there),
    # so it holds every answer up to that moment.
    database, home, lang = store(), base_url(), language()
    st.subheader(_("Download the class's results"), anchor=False)
    one, two, three = st.columns(3)
    one.download_button(_("Answers (CSV)"), lambda: classroom.answers_csv(database.class_answers(the_class.id), lang),
                        mime="text/csv", file_name=classroom.export_name(the_class, "answers", "csv"),
                        type="primary", on_click="ignore")
    two.download_button(_("Summary per student (CSV)"),
                        lambda: classroom.summary_csv(classroom.snapshot(database, the_class), lang),
                        mime="text/csv", file_name=classroom.export_name(the_class, "summary", "csv"),
                        on_click="ignore")
    three.download_button(_("xAPI statements (JSON)"),
                          lambda: classroom.xapi_json(the_class, database.class_answers(the_class.id), home),
                          mime="application/json", file_name=classroom.export_name(the_class, "xapi", "json"),
                          on_click="ignore")
    st.caption(_("Answers: one row per answer (nickname, language, face, part, choice, right or not, confidence, "
                 "response time, time). Summary: one row per student with their language, scores, d′ and bias. "
                 "xAPI: one statement per answer for a learning record store; students appear only as a random "
                 "id, never by nickname."))

    st.subheader(_("The class's summary, to print"), anchor=False)
    summary_download(the_class)

    st.subheader(_("Close the class"), anchor=False)
    if the_class.is_closed:
        st.markdown(_("Closed on {moment} UTC: no new answers or students. Students can still see their "
                      "results.").format(moment=i18n.moment(lang, the_class.closed_at)))
        if st.button(_("Reopen the class")):
            store().set_class_closed(the_class.id, False)
            st.rerun()
    else:
        st.markdown(_("Closing stops new answers and new students. Students can still see their results."))
        if st.button(_("Close the class")):
            store().set_class_closed(the_class.id, True)
            st.rerun()

    st.subheader(_("Delete the class's data"), anchor=False)
    days = classroom.retention_days()
    st.markdown(_("Everything about this class is deleted automatically on **{day}**, {days} days after it "
                  "started. To delete it all now, type the class code:").format(
        day=i18n.day(lang, the_class.created_at + timedelta(days=days)), days=days))
    typed = st.text_input(_("Class code"), key="delete-confirm", max_chars=9, label_visibility="collapsed",
                          placeholder=_("Type the class code here"))
    if st.button(_("Delete the class and all its answers"), disabled=classroom.normalize_code(typed) != the_class.code):
        store().delete_class(the_class.id)
        st.session_state.pop(TEACHER_KEY, None)
        st.session_state["deleted-class"] = the_class.code
        st.rerun()
