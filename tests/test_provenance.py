"""The provenance lab without a browser: its lesson file and strict validation, every Content
Credentials case read and validated with c2pa-python, bad uploads, grading, and answers stored
and read back for the results, the dashboard and the exports."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from telltale import answering, course, parts
from telltale.classroom import exports
from telltale.checks import find_problems
from telltale.content.lessons import face_content
from telltale.content.problems import ContentError
from telltale.provenance import LAB_FILE, SIGNED_DIR, TRUST_FILE
from telltale.provenance import credentials as creds
from telltale.provenance.lab import LOOKS, lab_results, load_lab
from telltale.steps import KINDS
from telltale.steps import provenance as step

AI_SOURCE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


@pytest.fixture(scope="module")
def lab():
    return load_lab()


# --- the lesson file -----------------------------------------------------------------------------

def test_the_lab_is_a_part_of_the_course_with_its_own_step_kind(lab):
    assert "provenance" in parts.COURSE and "provenance" in parts.CHOOSABLE
    assert parts.part("provenance").asks == ("provenance",) and KINDS["provenance"] is step
    assert "provenance" in course.default_plan()["sections"]
    assert not find_problems()  # `python -m telltale.content check` includes the lab and its signed files


def test_the_lab_uses_no_quiz_face_and_has_cases_of_both_verdicts(lab):
    used = {case.face for case in lab.cases} | {entry.face for entry in lab.credentials.values()}
    assert used and not used & face_content().quiz_ids()
    assert {case.verdict for case in lab.cases} == {"genuine", "deceptive"}
    assert all(LOOKS not in case.deciding for case in lab.cases)


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = LAB_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "provenance.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


@pytest.mark.parametrize("old, new, where, message", [
    ("    verdict: deceptive\n    deciding: [reverse-search]", "    verdict: fake-ish\n    deciding: [reverse-search]",
     "case harbor field verdict", "must be one of genuine, deceptive"),
    ("    face: f4i6zbja\n    search: jenna", "    face: fzzzzzzz\n    search: jenna",
     "case harbor field face", "is not an image of images/manifest.csv"),
    ("  - id: harbor\n", "  - id: harbor-fake\n", "case harbor-fake field id", "gives the answer away"),
    ("    deciding: [reverse-search]\n", "    deciding: [reverse-search]\n    colour: red\n",
     "case harbor field colour", "unknown field"),
    ("      reverse-search: \"Three near-duplicates", "      elsewhere: \"Three near-duplicates",
     "case harbor field elsewhere", "is not a tool"),
])
def test_a_broken_lab_file_is_refused_with_file_line_item_and_field(tmp_path, old, new, where, message):
    path = broken_copy(tmp_path, old, new)
    with pytest.raises(ContentError) as error:
        load_lab(path)
    text = str(error.value)
    assert where in text and message in text, text
    assert f"{path}:" in text  # the file and a line number


def test_a_quiz_face_is_refused_because_it_would_give_an_answer_away(tmp_path):
    quiz_face = sorted(face_content().quiz_ids())[0]
    path = broken_copy(tmp_path, "    face: f4i6zbja\n    search: jenna", f"    face: {quiz_face}\n    search: jenna")
    with pytest.raises(ContentError) as error:
        load_lab(path)
    line = line_of(path, f"face: {quiz_face}")
    assert f"{path}:{line} case harbor field face: {quiz_face} is a quiz face" in str(error.value)


# --- Content Credentials ---------------------------------------------------------------------------

def test_every_credentials_case_reads_and_validates_as_intended(lab):
    reports = {name: creds.read_file(entry.path) for name, entry in lab.credentials.items()}
    assert {name: r.state for name, r in reports.items()} == {name: e.expect for name, e in lab.credentials.items()}
    # valid credentials declaring AI, from a signer on the trust list
    ai = reports["lantern.jpg"]
    assert ai.state == "trusted" and ai.declares_ai and ai.source_type == AI_SOURCE
    assert ai.signer == "Imagine Studio (test signer)" and ai.tool == "Imagine Studio 4.2" and ai.actions == ("created",)
    assert "not a real identity" in ai.issuer and not ai.failures
    # valid credentials from a camera app, with the edits it recorded
    camera = reports["meadow.jpg"]
    assert camera.state == "trusted" and not camera.declares_ai and camera.source_words.startswith("captured with a camera")
    assert camera.actions == ("created", "cropped", "colours adjusted")
    # intact, but signed under a root that is not on the trust list
    untrusted = reports["willow.jpg"]
    assert untrusted.state == "untrusted" and untrusted.failures == ("signingCredential.untrusted",)
    assert untrusted.signer == "Quillmere Gazette newsroom (test signer)"
    # stripped: no manifest at all
    assert reports["aspen.jpg"] == creds.Report("none") and reports["orchard.jpg"] == creds.Report("none")
    # tampered after signing: the manifest reads, its hash of the picture does not match
    tampered = reports["birch.jpg"]
    assert tampered.state == "invalid" and "assertion.dataHash.mismatch" in tampered.failures
    assert tampered.signer == "Lumen Camera (test signer)"


def test_trust_comes_from_the_trust_list_only(tmp_path):
    """The same AI-declared file is merely "untrusted" for a viewer without the test root."""
    missing = tmp_path / "no-anchors.pem"
    report = creds.read_credentials((SIGNED_DIR / "lantern.jpg").read_bytes(), trust_file=missing)
    assert report.state == "untrusted" and report.declares_ai
    assert TRUST_FILE.read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE KEY" not in "".join(p.read_text(errors="ignore") for p in SIGNED_DIR.glob("*.pem"))


def test_the_app_holds_no_private_key():
    repo = Path(__file__).resolve().parent.parent
    for path in [*SIGNED_DIR.iterdir(), *repo.glob("telltale/provenance/*")]:
        if path.is_file():
            assert b"PRIVATE KEY-----" not in path.read_bytes().replace(b'b"-----BEGIN', b""), path


def test_a_damaged_manifest_is_reported_as_unreadable_not_as_missing():
    data = bytearray((SIGNED_DIR / "lantern.jpg").read_bytes())
    start = data.find(b"jumb") + 24  # inside the manifest store, after its header
    for offset in range(start, start + 64):
        data[offset] ^= 0x5A
    report = creds.read_credentials(bytes(data))
    assert report.state == "invalid" and report.problem
    assert report.headline == "Content Credentials that cannot be read"


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"", "The file is empty."),
    (b"%PDF-1.7 this is a document, not a picture", "not a picture the tools can read"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "not a picture the tools can read"),  # a JPEG that breaks off
    (b"GIF89a" + _png(4, 4)[8:], "not a picture the tools can read"),
    (_png(8000, 6000), "the tools take up to 40 million pixels"),
    (b"\xff\xd8" + b"\x00" * (6 * 1024 * 1024), "the tools take pictures up to 5 MB"),
])
def test_a_bad_upload_gets_a_clear_message(data, message):
    with pytest.raises(creds.BadUpload) as problem:
        creds.open_upload(data)
    assert message in str(problem.value)


def test_a_gif_is_named_as_such():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "GIF")
    with pytest.raises(creds.BadUpload, match="This is a GIF file; the tools read JPEG, PNG and WebP"):
        creds.open_upload(buffer.getvalue())


def test_an_uploaded_signed_file_is_read_from_memory():
    data = (SIGNED_DIR / "lantern.jpg").read_bytes()
    image, mime = creds.open_upload(data)
    assert mime == "image/jpeg" and image.size == (400, 400)
    assert creds.read_credentials(data, mime).declares_ai


# --- grading, storing, reading back --------------------------------------------------------------------

def test_grading_is_half_verdict_half_deciding_evidence(lab):
    harbor = lab.case("harbor")  # deceptive, decided by reverse image search
    right = step.grade(lab, harbor, "deceptive", ["reverse-search"])
    assert (right.correct, right.score, right.choice, right.expected) == (True, 1.0, "deceptive", "deceptive")
    assert right.detail == {"evidence": ["reverse-search"], "found": ["reverse-search"], "beside": [], "missed": []}
    looks = step.grade(lab, harbor, "deceptive", ["reverse-search", "looks"])
    assert looks.correct and looks.score == 0.875 and looks.detail["beside"] == ["looks"]
    wrong = step.grade(lab, harbor, "genuine", ["looks"])
    assert not wrong.correct and wrong.score == 0.0 and wrong.detail["missed"] == ["reverse-search"]
    lantern = lab.case("lantern")  # decided by credentials and lateral reading
    half = step.grade(lab, lantern, "deceptive", ["credentials"])
    assert half.correct and half.score == 0.75
    no_deciding = step.grade(lab, lantern, "deceptive", ["reverse-search"])
    assert not no_deciding.correct and no_deciding.score == 0.5
    with pytest.raises(ValueError):
        step.grade(lab, harbor, "maybe", ["reverse-search"])
    with pytest.raises(ValueError):
        step.grade(lab, harbor, "deceptive", ["horoscope"])


def test_lab_answers_are_stored_and_read_back_for_results_dashboard_and_exports(store, lab):
    _, learner = store.create_learner(course.default_plan(), section="provenance")
    picks = {"harbor": ("deceptive", ["reverse-search", "looks"]), "lantern": ("genuine", ["looks"]),
             "meadow": ("genuine", ["credentials", "lateral-reading"])}
    for position, (case_id, (verdict, evidence)) in enumerate(picks.items()):
        graded = step.grade(lab, lab.case(case_id), verdict, evidence)
        outcome = answering.submit(store, learner.id, "provenance", position, graded, None, 1500)
        assert outcome.stored and not outcome.class_closed
    answers = store.answers(learner.id, "provenance")
    assert [(a.kind, a.item_id, step.decode(a.choice), a.expected) for a in answers] == [
        ("provenance", "harbor", "deceptive", "deceptive"), ("provenance", "lantern", "genuine", "deceptive"),
        ("provenance", "meadow", "genuine", "genuine")]
    results = lab_results(answers)
    assert (results.judged, results.right, results.deciding_found, results.deciding_total, results.looks_picked) == \
        (3, 2, 3, 5, 2)
    assert results.mean_score == pytest.approx((0.875 + 0.0 + 1.0) / 3)


def test_a_class_sees_the_lab_on_the_dashboard_and_in_the_exports(store, lab):
    from telltale import classroom

    the_class, _ = classroom.start_class(store, ["provenance"], 10, 12, "Media 7B", 8)
    assert the_class.plan["sections"] == ["welcome", "provenance", "results"]
    students = [classroom.join_class(store, the_class.code, name).learner for name in ("Robin", "Sasha")]
    for student, verdict, evidence in ((students[0], "deceptive", ["reverse-search", "looks"]),
                                       (students[1], "genuine", ["looks"])):
        graded = step.grade(lab, lab.case("harbor"), verdict, evidence)
        answering.submit(store, student.id, "provenance", 0, graded, None, 2000)
    snap = classroom.snapshot(store, store.class_by_id(the_class.id))
    assert (snap.provenance.answers, snap.provenance.students) == (2, 2)
    assert snap.provenance.per_case == [("harbor", 2, 1)] and dict(snap.provenance.evidence) == {
        "looks": 2, "reverse-search": 1}
    robin = next(s for s in snap.students if s.nickname == "Robin")
    assert robin.provenance_answers == 1 and robin.provenance_score == pytest.approx(0.875)
    rows = exports.answers_csv(store.class_answers(the_class.id)).splitlines()
    assert rows[1].split(",")[2:5] == ["English", "harbor", "provenance"] and rows[1].endswith("reverse-search looks")
    summary = exports.summary_csv(snap).splitlines()
    assert summary[0].endswith("provenance_answers,provenance_mean_score") and summary[1].endswith(",1,0.875")
    statements = exports.xapi_statements(store.class_by_id(the_class.id), store.class_answers(the_class.id),
                                         "http://localhost")
    assert statements[0]["result"]["extensions"]["http://localhost/xapi/extension/flags"] == ["reverse-search", "looks"]
