"""The provenance lab's view: a case with its three tools (reverse image search, lateral reading,
Content Credentials), the decision form, the feedback with what each tool revealed; the toolbox for
any picture; the lab's part of the results page. Grading is telltale.steps.provenance's."""
from __future__ import annotations

import base64
import html
import io

import streamlit as st
from PIL import Image

from app_pages.views.cached import ads_lesson, content_version, face, md, missing_message, network_case
from app_pages.views.language import _, language, ngettext, number
from app_pages.views.session import content_or_stop, started_at, submit
from telltale import i18n
from telltale.content import reader
from telltale.content.problems import ContentError
from telltale.i18n import N_
from telltale.images import display_jpeg
from telltale.provenance import LAB_FILE, TRUST_FILE
from telltale.provenance import credentials as creds
from telltale.provenance import lab as lab_data
from telltale.provenance import search
from telltale.provenance.lab import Case, Lab
from telltale.steps import provenance as provenance_step
from telltale.storage import Answer, Learner

PHOTO_WIDTH = 220
THUMB = 96
CARD_CAPTIONS = {"profile": N_("Profile · account created {day}"), "post": N_("Post · account created {day}"),
                 "ad": N_("Sponsored post · account created {day}")}
STATE_ICONS = {"trusted": ":green[:material/verified:]", "untrusted": ":orange[:material/help:]",
               "invalid": ":red[:material/gpp_bad:]", "none": ":gray[:material/remove_circle_outline:]"}
STATE_MEANS = {
    "trusted": N_("The file is exactly as it was signed, and the signer is on this viewer's trust list. That "
                  "proves who signed it and what they declared, not that the declaration is honest or the "
                  "picture true."),
    "untrusted": N_("The file was not changed since it was signed, but the viewer does not know the signer: "
                    "anyone can make a certificate with any name. Check who that is another way."),
    "invalid": N_("The file was changed after it was signed, so nothing in these credentials can be relied on."),
    "none": N_("No credentials. That proves nothing either way: most platforms strip them on upload, and most "
               "cameras and apps do not write them yet."),
}


def _version(language_code: str | None = None) -> tuple:
    """What the lab and its cached pictures depend on: its files, and the language of its text
    (the tab's, unless another is asked for)."""
    return (*content_version(), *reader.version(LAB_FILE), language_code or language())


@st.cache_resource(show_spinner=False, max_entries=4)
def _lab_of(version: tuple) -> Lab:
    return lab_data.load_lab(language=version[-1])


def current_lab() -> Lab:
    """The lab in this tab's language, parsed once per version of its files (raises ContentError if invalid)."""
    return _lab_of(_version())


def lab_in(language_code: str) -> Lab:
    """The lab in another language than the tab's (a class's printed card), cached the same way."""
    return _lab_of(_version(language_code))


def lab_or_stop(learner: Learner) -> Lab:
    return content_or_stop(current_lab, learner, "provenance")


@st.cache_resource(show_spinner=False, max_entries=4)
def _index_of(version: tuple) -> search.Index:
    def loaded(load):
        try:
            return load()
        except ContentError:  # a broken ads file leaves its avatars out of the index, nothing more
            return None

    return search.lab_index(_lab_of(version), search.library_faces(), loaded(ads_lesson),
                            loaded(network_case), language=version[-1])


def _jpeg(image, side: int) -> bytes:
    picture = image.convert("RGB")
    picture.thumbnail((side, side))
    return display_jpeg(picture)


@st.cache_data(show_spinner=False, max_entries=16)
def case_photo(case_id: str, version: tuple) -> bytes:
    """The case's photo as the learner receives it: re-encoded, no file name, no metadata."""
    lab = _lab_of(version)
    with Image.open(lab.faces[lab.case(case_id).face]) as image:
        return _jpeg(image, 2 * PHOTO_WIDTH)


def _found(matches: list[search.Match], name: str | None) -> list[dict]:
    rows = []
    for match in matches:
        for sighting in match.entry.sightings:
            rows.append({"thumb": _jpeg(match.entry.image, 2 * THUMB), "similarity": match.similarity,
                         "name": sighting.name, "handle": sighting.handle, "where": sighting.where,
                         "since": sighting.since,
                         "other_name": name is not None and sighting.name != name and sighting.since is not None})
    return rows


def index() -> search.Index:
    """The search index of every face the app holds, its words in this tab's language (built once per language)."""
    with st.spinner(_("Building the search index (once)...")):
        return _index_of(_version())


@st.cache_data(show_spinner=False, max_entries=16)
def case_search(case_id: str, version: tuple) -> list[dict]:
    lab = _lab_of(version)
    case = lab.case(case_id)
    query = Image.open(io.BytesIO(case_photo(case_id, version)))
    matches = search.search(index(), query)
    # the case itself is where the learner found the photo: list the other places
    rows = [row for row in _found(matches, case.name) if not (row["name"] == case.name and row["handle"] == case.handle)]
    return rows


@st.cache_data(show_spinner=False, max_entries=16)
def file_report(file: str, version: tuple) -> creds.Report:
    return creds.read_file(_lab_of(version).credentials[file].path)


# --- the pieces of a screen ----------------------------------------------------------------

CARD_CSS = """<style>
.tt-hit {display:flex; gap:.7rem; align-items:flex-start; border:1px solid #d5d9e0; border-radius:10px;
         padding:.5rem .6rem; margin:.3rem 0; background:#fff; color:#1f2328; line-height:1.3;}
.tt-hit img {width:72px; height:72px; object-fit:cover; border-radius:8px; flex:none;}
.tt-hit.other {border:2px solid #b42318;}
.tt-hit .name {font-weight:600; overflow-wrap:anywhere;}
.tt-hit .meta {font-size:.85rem; color:#4b5360; overflow-wrap:anywhere;}
.tt-badge {display:inline-block; font-size:.78rem; font-weight:600; padding:.05rem .5rem; border-radius:999px;
           background:#fde2e0; color:#8a1c12; margin-top:.2rem;}
.tt-result {border-left:3px solid #c7d2fe; padding:.2rem .7rem; margin:.5rem 0;}
.tt-result .site {font-size:.82rem; color:#166534;}
.tt-result .title {font-weight:600; color:#1e3a8a;}
.tt-result .snippet {font-size:.92rem; color:#1f2328;}
</style>"""


def case_card(case: Case) -> None:
    photo, text = st.columns([2, 3], gap="medium")
    with photo:
        face(case_photo(case.id, _version()), alt=_("The photo of {name}").format(name=case.name), width=PHOTO_WIDTH)
    with text:
        st.markdown(f"**{md(case.name)}**  \n{md(case.handle)}")
        st.caption(_(CARD_CAPTIONS[case.kind]).format(day=i18n.day(language(), case.created)))
        st.markdown(md(case.text))


def _hit_html(row: dict) -> str:
    uri = "data:image/jpeg;base64," + base64.b64encode(row["thumb"]).decode("ascii")
    another, matching = html.escape(_("Another name")), html.escape(_("The matching picture"))
    badge = f'<div class="tt-badge">{another}</div>' if row["other_name"] else ""
    handle = f" · {html.escape(row['handle'])}" if row["handle"] else ""
    since = " · " + html.escape(_("since {day}").format(day=i18n.day(language(), row["since"]))) if row["since"] else ""
    similarity = _("Similarity {percent}%").format(percent=number(100 * row["similarity"]))
    return (f'<div class="tt-hit {"other" if row["other_name"] else ""}"><img src="{uri}" '
            f'alt="{matching}">'
            f'<div><div class="name">{html.escape(row["name"])}{handle}</div>'
            f'<div class="meta">{html.escape(row["where"])}{since}</div>'
            f'<div class="meta">{html.escape(similarity)}</div>{badge}</div></div>')


def search_hits(rows: list[dict]) -> None:
    if not rows:
        st.info(_("No other copy of this photo in what the app holds. That alone proves nothing: a new AI image, "
                  "or a private person's photo, has no earlier copies to find."))
        return
    others = sum(row["other_name"] for row in rows)
    places = ngettext("**{count} other place** shows this photo", "**{count} other places** show this photo",
                      len(rows)).format(count=len(rows))
    under = (ngettext(", **{count} under another name**.", ", **{count} under another name**.", others).format(
        count=others) if others else _(", none under another name."))
    st.markdown(places + under)
    st.html(CARD_CSS + "".join(_hit_html(row) for row in rows))


def reverse_search_tool(case: Case) -> None:
    st.caption(_("Searches every face the app holds (the face library, the ads' Pages, the network's accounts, "
                 "this lab's accounts) for the same picture, even cropped, mirrored, recoloured or recompressed."))
    search_hits(case_search(case.id, _version()))
    st.caption(_("The signal is **the same face under another name**, not how the face looks. A copy under the "
                 "same name (the person's own site) is normal."))


def lateral_tool(lab: Lab, case: Case) -> None:
    if case.search is None:
        st.info(_("Nothing to look up for this one."))
        return
    found = lab.searches[case.search]
    st.caption(_("Leave the post: open a new tab and search for the name. Read what **others** say about it, "
                 "not only what it says about itself."))
    st.text_input(_("Search"), value=found.query, disabled=True, key=f"lateral-{case.id}")
    parts = [CARD_CSS]
    for result in found.results:
        parts.append(f'<div class="tt-result"><div class="site">{html.escape(result.site)} · '
                     f'{html.escape(i18n.day(language(), result.date))}</div>'
                     f'<div class="title">{html.escape(result.title)}</div>'
                     f'<div class="snippet">{html.escape(result.snippet)}</div></div>')
    st.html("".join(parts))
    st.caption(_("Every result here is fictional, like the accounts."))


def credentials_card(report: creds.Report) -> None:
    """What a Content Credentials viewer shows."""
    with st.container(border=True):
        st.markdown(f"{STATE_ICONS.get(report.state, '')} **{_(report.headline)}**")
        if report.signer:
            ai = " · :red-background[" + _("AI-generated") + "]" if report.declares_ai else ""
            lines = ["- " + _("**Signed by:** {name}").format(name=md(report.signer)),
                     "- " + _("**Certificate issued by:** {name}").format(name=md(report.issuer)) if report.issuer else "",
                     "- " + _("**App or tool:** {name}").format(name=md(report.tool)) if report.tool else "",
                     "- " + _("**How it was made:** {words}").format(words=md(_(report.source_words))) + ai,
                     "- " + _("**Steps recorded:** {steps}").format(steps=md(", ".join(_(a) for a in report.actions)))
                     if report.actions else ""]
            st.markdown("\n".join(line for line in lines if line))
        if report.failures:
            st.caption(_("Validation: {codes}").format(codes=", ".join(report.failures)))
        if report.problem:
            st.markdown(_("The file has a Content Credentials manifest, but it is damaged and cannot be read, so "
                          "nothing in it can be relied on."))
        else:
            st.markdown(_(STATE_MEANS[report.state]))


def credentials_tool(case: Case) -> None:
    st.caption(_("Reads the Content Credentials (C2PA) in the photo's original file and checks them, as a "
                 "credentials viewer does."))
    report = file_report(case.credentials, _version()) if case.credentials else creds.Report("none")
    credentials_card(report)


def tools(lab: Lab, case: Case) -> None:
    reverse, lateral, credentials = st.tabs([_("Reverse image search"), _("Lateral reading"), _("Content Credentials")])
    with reverse:
        reverse_search_tool(case)
    with lateral:
        lateral_tool(lab, case)
    with credentials:
        credentials_tool(case)


def decision_form(learner: Learner, lab: Lab, case: Case, slot: int) -> bool:
    """The verdict and the deciding evidence; stored the moment it is submitted. True once stored."""
    key = f"provenance-{slot}"
    started_at(key)
    with st.form(f"prov-form-{slot}", border=True):
        verdict = st.radio(_("Does it check out?"), lab_data.VERDICTS, index=None,
                           format_func=lambda verdict: _(lab_data.VERDICT_LABELS[verdict]), key=f"prov{slot}-verdict")
        labels = lab.evidence_labels
        evidence = st.pills(_("Which evidence decided it? Pick each that did."), list(labels), selection_mode="multi",
                            format_func=labels.get, key=f"prov{slot}-evidence")
        submitted = st.form_submit_button(_("Submit my decision"), type="primary")
    if not submitted:
        return False
    problem = missing_message(((_("Please choose whether it checks out before submitting."), verdict),
                               (_("Please choose the evidence before submitting."), evidence or None)),
                              _("Please choose whether it checks out and the evidence before submitting."))
    if problem:
        st.error(problem)
        return False
    submit(learner, lab_data.PHASE, slot, provenance_step.grade(lab, case, verdict, evidence), None, key)
    return True


def feedback(lab: Lab, case: Case, answer: Answer, next_label: str) -> bool:
    """Right or wrong, why, and what each tool revealed; True when the button to go on is clicked."""
    truth = _(lab_data.VERDICT_LABELS[case.verdict]).lower()
    if answer.choice == case.verdict:
        st.success(_("Right: {truth}.").format(truth=truth), icon=":material/check_circle:")
    else:
        st.error(_("Not this time: {truth}.").format(truth=truth), icon=":material/cancel:")
    st.markdown(md(case.explain))
    st.markdown(_("**What each tool revealed**"))
    named = set(answer.detail.get("evidence") or [])
    for evidence in lab.evidence:
        if evidence.id == lab_data.LOOKS:
            continue
        decided = evidence.id in case.deciding
        icon = ":green[:material/star:]" if decided else ":gray[:material/info:]"
        tags = []
        if decided:
            tags.append(_("decided it"))
        if evidence.id in named:
            tags.append(_("you named it"))
        tag = f" *({', '.join(tags)})*" if tags else ""
        revealed = case.reveals.get(evidence.id) or _("Nothing more.")
        st.markdown(f"{icon} **{evidence.label}**{tag}: {md(revealed)}")
    if lab_data.LOOKS in named:
        st.markdown(":orange[:material/warning:] " + _("**How the photo looks** decided none of these cases: real "
                                                       "photos are stolen and AI images look real. The source decides."))
    st.caption(_("Points for this case: {score} of 1 (half for the decision, half for the evidence).").format(
        score=number(answer.score, 2)))
    return st.button(next_label, type="primary", key="prov-next")


def toolbox(lab: Lab) -> None:
    """The tools on any picture: the lab's sample files, or the learner's own (read in memory, never stored)."""
    with st.expander(_("Toolbox: check any picture")):
        samples = {s.file: s.label for s in lab.samples}
        sample = st.selectbox(_("Inspect the Content Credentials of a sample file"), list(samples), index=None,
                              format_func=samples.get, placeholder=_("Choose a sample"), key="prov-sample")
        if sample:
            credentials_card(file_report(sample, _version()))
        upload = st.file_uploader(_("Or check your own picture (JPEG, PNG or WebP; it is read here and never stored)"),
                                  type=["jpg", "jpeg", "png", "webp"], key="prov-upload")
        if upload is not None:
            own_picture(upload.getvalue())


def own_picture(data: bytes) -> None:
    try:
        image, mime = creds.open_upload(data, language())
    except creds.BadUpload as problem:
        st.error(str(problem), icon=":material/error:")
        return
    st.markdown("**" + _("Content Credentials") + "**")
    credentials_card(creds.read_credentials(data, mime, TRUST_FILE))
    st.markdown("**" + _("Reverse image search") + "**")
    searcher = index()
    with st.spinner(_("Searching...")):
        matches = search.search(searcher, image)
    search_hits(_found(matches, None))


def what_credentials_prove() -> None:
    with st.expander(_("What Content Credentials can and cannot prove")):
        st.markdown("\n".join("- " + point for point in (
            _("**They can prove** who signed a file (if the signer is on the viewer's trust list), what the signer "
              "declared (camera capture, AI generation, edits), and that the file has not changed since."),
            _("**They cannot prove** that the declaration is honest, that the scene is true, or anything about a "
              "file without them: most platforms strip credentials on upload, so *no credentials* is normal for "
              "real and AI pictures alike."),
            _("**Visible watermarks** (a generator's logo in a corner) are easy to crop or paint out; their absence "
              "means nothing."),
            _("**Platform labels** such as \"AI info\" or \"Made with AI\" are usually written from these "
              "credentials or from invisible watermarks. They help when present, but a missing label is not a sign "
              "the picture is real."))))


def results_section(answers: list[Answer]) -> None:
    """The lab's part of the results page (nothing when it was not done)."""
    results = lab_data.lab_results(answers)
    if results is None:
        return
    st.subheader(_("Checking the source"))
    of = _("{count} of {total}")
    cells = st.columns(3)
    cells[0].metric(_("Cases decided right"), of.format(count=results.right, total=results.judged))
    cells[1].metric(_("Deciding evidence named"), of.format(count=results.deciding_found, total=results.deciding_total))
    cells[2].metric(_("Average points"), number(results.mean_score, 2))
    if results.looks_picked:
        st.markdown(ngettext("In **{count}** case you gave the photo's look as evidence.",
                             "In **{count}** cases you gave the photo's look as evidence.",
                             results.looks_picked).format(count=results.looks_picked)
                    + " " + _("Looks never decided a case: the same face under another name, what others say about "
                              "a source, and valid credentials do."))
