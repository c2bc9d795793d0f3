"""The printable materials open as PDF with the expected pages, say what the lesson files say, in
the class's language, and hold no picture that matches a file of the repository."""
from __future__ import annotations

import hashlib
import re

import pypdfium2 as pdfium
import pytest

from telltale import IMAGES_DIR, course, served
from telltale.ads.load import load_ads
from telltale.classroom import join_class, snapshot, start_class
from telltale.kit import printables
from telltale.kit.plan import lesson_plan
from telltale.kit.teaching import load_teaching
from telltale.library import load_library
from telltale.provenance.lab import load_lab
from telltale.storage import Store, make_engine
from testkit.answers import store_ad, store_face

KEY = served.viewer_key(b"a server secret for the tests, 32b", "class:1:handouts")


@pytest.fixture(scope="module")
def library():
    return load_library()


def pages(pdf: bytes) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]
    finally:
        document.close()


def jpeg_streams(pdf: bytes) -> list[bytes]:
    """The JPEG pictures embedded in a PDF (fpdf2 embeds a JPEG's bytes as they are)."""
    return [match.group(0) for match in re.finditer(rb"\xff\xd8\xff.*?\xff\xd9(?=\s*endstream)", pdf, re.S)]


def one_line(text: str) -> str:
    return " ".join(printables.plain(text).split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_handouts_have_one_page_per_tell_with_its_rule_and_prompt(language):
    library = load_library(language=language)  # the lessons' words in the class's language
    teaching = load_teaching(language=language)
    pdf = printables.handouts_pdf(library, teaching, KEY, language)
    text = pages(pdf)
    assert len(text) == len(library.lessons.tells)
    for page, tell in zip(text, library.lessons.tells.values()):
        assert one_line(tell.name) in page
        assert one_line(teaching.tells[tell.id].rule) in page  # accents and all, as extracted
        assert one_line(teaching.tells[tell.id].prompt) in page
        assert one_line(teaching.trust[tell.strength]) in page
        assert one_line(tell.summary) in page  # the lesson's own words for the tell
    if language == "es":
        assert "¿Por qué una sola foto nunca muestra esta señal" in text[0] and "Cuánto fiarse:" in text[0]


def test_handout_faces_are_worked_examples_drawn_with_their_clues_and_served_for_the_class(library):
    for tell in library.lessons.tells:
        assert all(library.items[image].form == "lesson" for image in printables.examples_of(library, tell))
    # The faces its step of the lesson shows come first (f9mlojk6 sorts before fhu28qyn, but shows another step).
    assert printables.examples_of(library, "background-warp") == ["fhu28qyn", "f9mlojk6"]
    pdf = printables.handouts_pdf(library, load_teaching(), KEY)
    pictures = jpeg_streams(pdf)
    shown = sum(len(printables.examples_of(library, t)) for t in library.lessons.tells) + 2  # + the two averages
    assert len(pictures) == shown
    stored = {hashlib.sha256(p.read_bytes()).hexdigest() for p in IMAGES_DIR.rglob("*.jpg")}
    assert not stored & {hashlib.sha256(p).hexdigest() for p in pictures}
    # The picture of a handout is the app's drawing of the clues, made this class's own by telltale.served.
    drawn = served.served_bytes(library.highlighted_bytes("fhu28qyn", "background-warp"), KEY)
    assert drawn in pictures
    other = printables.handouts_pdf(library, load_teaching(), served.viewer_key(b"another server's secret!", "c"))
    assert not set(jpeg_streams(other)) & set(pictures)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_source_card_is_one_page_with_every_kind_of_evidence_and_red_flag(language):
    lab, flags = load_lab(language=language), load_ads(language=language).flags
    teaching = load_teaching(language=language)
    [page] = pages(printables.source_card_pdf(lab, flags, teaching, language))
    for evidence in lab.evidence:
        assert one_line(evidence.label) in page and one_line(teaching.card_evidence[evidence.id]) in page
    for flag in flags.values():
        assert one_line(flag.label) in page
    assert one_line(teaching.card_intro) in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_lesson_plan_prints_every_segment_and_what_is_left(language):
    plan = lesson_plan(course.default_plan(), 45, language)
    printed = pages(printables.plan_pdf(plan, "9B"))
    assert len(printed) == 2  # the plan on the first page, its standards and prompts on the second
    text = " ".join(printed)
    for segment in plan.segments:
        assert f"{segment.start}–{segment.end}" in text and one_line(segment.do) in text
    assert plan.later and all(title in text for title in plan.later)
    assert all(one_line(prompt) in text for _, prompt in plan.prompts)
    assert "CCSS.ELA-LITERACY.RI.7.8" in text


def test_the_class_summary_names_students_only_when_asked(tmp_path, library):
    store = Store(make_engine(f"sqlite:///{tmp_path / 'summary.db'}"))
    lesson = load_ads()
    the_class, _ = start_class(store, ["pretest", "ads"], test_items=4, title="9B")
    otter = join_class(store, the_class.code, "Swift Otter").learner
    heron = join_class(store, the_class.code, "Calm Heron").learner
    for position, (image, truth) in enumerate((("fa", "ai"), ("fb", "real"), ("fc", "ai"), ("fd", "real"))):
        store_face(store, otter.id, "pretest", position, image, truth, truth, confidence=80)
        store_face(store, heron.id, "pretest", position, image, "ai", truth, confidence=90)
    example = lesson.examples[0]
    store_ad(store, otter.id, lesson, 0, example.id, "inauthentic", flags=("new-page",))
    snap = snapshot(store, the_class)
    names = {flag_id: entry.label for flag_id, entry in lesson.flags.items()}

    summary = pages(printables.class_summary_pdf(snap, "en", False, names))
    assert len(summary) == 1
    anonymous = summary[0]
    assert "Swift Otter" not in anonymous and "Calm Heron" not in anonymous
    assert f"Class {the_class.code}" in anonymous and "2 joined" in anonymous
    assert "Warm-up test: 75% right on average (2 students)" in anonymous
    assert "Posts judged: 1 · students: 1 · average score" in anonymous and "Brand-new Page: 1" in anonymous
    named = " ".join(pages(printables.class_summary_pdf(snap, "en", True, names)))
    assert "Swift Otter" in named and "Calm Heron" in named
    store.engine.dispose()
