"""Screenshots of the teacher's kit in headless Chromium, on a desktop and a phone, to look at; and
the kit's PDFs rendered to PNG pages.

    .venv/bin/python scripts/kit_screenshots.py [OUT_DIR] [--screens-only]     (default /tmp/shots_kit)

Starts the app on a throwaway SQLite database. A teacher starts a class of the face parts and the
ads; the lesson plan after starting (45 and 20 minutes); two students answer; the dashboard's
lesson-plan view and its discussion view with a face revealed (prompts beside its tells) and the
ads' red flags with theirs, at 1366x768 and 390x844, in every language (?lang=). Then every PDF, for a faces class and a
sources class, in English and Spanish, as PNG pages (pypdfium2).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pypdfium2 as pdfium  # noqa: E402
from ads_screenshots import VIEWPORTS, full_shot  # noqa: E402

from functools import partial  # noqa: E402

from telltale import classroom, course, i18n, parts, served  # noqa: E402
from telltale.ads.load import load_ads  # noqa: E402
from telltale.kit import printables  # noqa: E402
from telltale.kit.plan import lesson_plan  # noqa: E402
from telltale.kit.teaching import load_teaching  # noqa: E402
from telltale.library import load_library  # noqa: E402
from telltale.provenance.lab import load_lab  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402
from testkit.answers import store_ad, store_face  # noqa: E402
from testkit.browser import app_and_browser, wait_idle  # noqa: E402

LEFT_OUT = ("network", "provenance")  # left out of the class: faces and ads remain
CLASSES = {"faces": course.default_plan(["pretest", "tells", "practice", "posttest"]),
           "sources": course.default_plan(["ads", "network", "provenance"])}


def pdf_pages(pdf: bytes, out: Path, name: str) -> None:
    (out / f"{name}.pdf").write_bytes(pdf)
    document = pdfium.PdfDocument(pdf)
    for index in range(len(document)):
        document[index].render(scale=1.4).to_pil().save(out / f"{name}-p{index + 1}.png")
    print(f"{name}: {len(document)} page(s)")
    document.close()


def answers(store: Store, the_class) -> None:
    """Two students answer a few warm-up faces (one face wrongly by both) and an ad."""
    library, lesson = load_library(), load_ads()
    faces = [i for i in sorted(library.items.values(), key=lambda i: i.image) if i.form == "A" and i.clues][:3]
    for name in ("Brave Fox", "Quiet Owl"):
        learner = classroom.join_class(store, the_class.code, name).learner
        for position, item in enumerate(faces):
            choice = item.answer if position else ("real" if item.is_ai else "ai")
            store_face(store, learner.id, "pretest", position, item.image, choice, item.answer, confidence=80)
        store_ad(store, learner.id, lesson, 0, lesson.examples[0].id, "inauthentic", flags=("new-page",))


def screens(out: Path, language: str) -> None:
    """The teacher's screens with the interface in ``language`` (?lang=); the class in that language too."""
    label = partial(i18n.gettext, language)
    suffix = "" if language == i18n.DEFAULT else f"-{language}"
    with tempfile.TemporaryDirectory() as tmp:
        url_db = f"sqlite:///{tmp}/shots.db"
        store = Store(make_engine(url_db))
        with app_and_browser(url_db) as (url, browser):
            for name, (width, height) in VIEWPORTS.items():
                name += suffix
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{url}/teacher?lang={language}")
                wait_idle(page, timeout=120000)
                for part in LEFT_OUT:
                    page.get_by_role("checkbox", name=parts.title(part, language)).uncheck(force=True)
                page.get_by_role("button", name=label("Start the class")).click()
                wait_idle(page)
                page.get_by_role("heading", name=label("Your lesson plan")).scroll_into_view_if_needed()
                page.screenshot(path=out / f"teacher-plan-{name}.png")
                full_shot(page, out / f"teacher-plan-45-{name}-full.png")
                page.get_by_text(label("{minutes} minutes").format(minutes=20), exact=True).click()
                wait_idle(page)
                full_shot(page, out / f"teacher-plan-20-{name}-full.png")
                code = page.locator(".tt-code").first.inner_text().strip()
                answers(store, store.class_by_code(code))
                page.get_by_role("button", name=label("Open the live dashboard")).click()
                wait_idle(page)
                page.get_by_text(label("Lesson plan"), exact=True).click()
                wait_idle(page)
                full_shot(page, out / f"dashboard-plan-{name}-full.png")
                page.get_by_text(label("Discussion"), exact=True).click()
                wait_idle(page)
                page.get_by_text(label("Reveal the answer and its tells")).click()
                wait_idle(page)
                page.screenshot(path=out / f"dashboard-discussion-{name}.png")
                full_shot(page, out / f"dashboard-discussion-{name}-full.png")
                page.get_by_text(label("Download, close, delete"), exact=True).click()
                wait_idle(page)
                full_shot(page, out / f"dashboard-files-{name}-full.png")
                page.close()


def pdfs(out: Path) -> None:
    key = served.viewer_key(b"screenshots: a made-up server secret", "class:1:handouts")
    for language in i18n.LANGUAGES:
        library, lab, flags = load_library(language=language), load_lab(language=language), load_ads(language=language).flags
        teaching = load_teaching(language=language)
        pdf_pages(printables.handouts_pdf(library, teaching, key, language), out, f"handouts-{language}")
        pdf_pages(printables.source_card_pdf(lab, flags, teaching, language), out, f"card-{language}")
        for name, plan in CLASSES.items():
            for length in (45, 20):
                pdf_pages(printables.plan_pdf(lesson_plan(plan, length, language), name), out,
                          f"plan-{name}-{length}-{language}")


def main() -> int:
    named = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(named[0]) if named else Path("/tmp/shots_kit")
    out.mkdir(parents=True, exist_ok=True)
    if "--screens-only" not in sys.argv:
        pdfs(out)
    for language in i18n.LANGUAGES:
        screens(out, language)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
