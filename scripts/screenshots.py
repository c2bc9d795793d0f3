"""Screenshots of each course screen at Chromebook and phone size, to look at.

    .venv/bin/python scripts/screenshots.py OUT_DIR [--tall] [--language es]

Runs the real app on an empty database and walks through the course as a learner, in the language
given (chosen on the welcome page), then opens the join, teacher, dashboard and about pages.
--tall makes the viewport 3x taller, to see a whole screen at once.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from telltale import classroom, i18n, parts  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402
from testkit.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle  # noqa: E402
from testkit.learner import (answer, answer_ad, ads_order, finish_provenance, make_certificate,  # noqa: E402
                             pick_network, questions, right_choice, say, wrong)

SIZES = {"chromebook": (1366, 768), "phone": (390, 844)}


def walk(browser, url: str, db: str, out: Path, name: str, size: tuple[int, int], language: str) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})

    def shot(label: str) -> None:
        wait_idle(page)
        page.screenshot(path=str(out / f"{label}-{name}.png"))

    def click(label: str) -> None:
        page.get_by_role("button", name=say(language, label), exact=True).click()
        wait_idle(page)

    page.goto(f"{url}/?lang={language}" if language != i18n.DEFAULT else url)
    shot("01-welcome")
    click("Start the course")
    shot("02-pretest")
    for number, question in enumerate(questions(db, page, "pretest")):
        answer(page, right_choice(question) if number % 3 else wrong(right_choice(question)), language=language)
    shot("03-tells-intro")
    click("Next")
    shot("04-tells-average")
    while page.get_by_role("button", name=say(language, "Next"), exact=True).count():
        click("Next")
        toggles = page.get_by_text(say(language, "Show the tells"))
        if toggles.count():
            toggles.first.click()
            shot("05-tells-highlight")
            page.get_by_text(say(language, "Zoom in")).first.click()
            shot("06-tells-zoom")
            break
    while page.get_by_role("button", name=say(language, "Next"), exact=True).count():
        click("Next")
    shot("07-tells-limits")
    click("On to practice")
    practice = questions(db, page, "practice")
    for number, question in enumerate(practice):
        if question.is_pair and number < 4:
            shot("08-practice-pair")
        answer(page, right_choice(question) if number % 2 else wrong(right_choice(question)), language=language)
        if number in (0, 1):
            shot(f"09-practice-feedback-{number}")
        page.get_by_role("button", name=say(language, "Next face")).or_(
            page.get_by_role("button", name=say(language, "On to the final test"))).click()
        wait_idle(page)
    for question in questions(db, page, "posttest"):
        answer(page, right_choice(question), language=language)
    shot("10-ads-question")
    ads(page, db, language, shot)
    shot("14-provenance-case")
    page.get_by_role("tab", name=say(language, "Content Credentials")).click()
    shot("14-provenance-credentials")
    finish_provenance(page, db, language)
    shot("15-results")
    for number in range(1, 6):
        page.mouse.wheel(0, size[1] - 100)
        shot(f"15-results-{number}")
    make_certificate(page, "Alex", language)
    page.get_by_role("button", name=say(language, "Download certificate (PNG)")).scroll_into_view_if_needed()
    shot("16-certificate")
    page.close()


def ads(page, db: str, language: str, shot) -> None:
    """The ads (the first post answered and revealed, the rest answered), then the network case."""
    from telltale.ads.load import load_ads, load_network

    lesson, case = load_ads(language=language), load_network(language=language)
    for number, example_id in enumerate(ads_order(db, page)):
        example = lesson.example(example_id)
        answer_ad(page, example.verdict, 80, [lesson.flags[m.id].label for m in example.red_flags[:1]], language)
        if number == 0:
            shot("11-ads-reveal")
        page.get_by_role("button", name=say(language, "Next post")).or_(
            page.get_by_role("button", name=say(language, "On to the network case"))).click()
        wait_idle(page)
    shot("12-network-case")
    page.get_by_role("tab", name=say(language, "Timeline")).click()
    shot("12-network-timeline")
    pick_network(page, [a.display_name for a in case.accounts if a.belongs_to_network][:-1],
                 ["Run by the same admins", "The account is new"], language)
    shot("13-network-explained")
    page.get_by_role("button", name=say(language, "On to checking the source")).click()
    wait_idle(page)


def teacher_pages(browser, url: str, db: str, out: Path, name: str, size: tuple[int, int], language: str) -> None:
    """The join, teacher and dashboard pages (a class with two students), and the about page."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})

    def shot(label: str) -> None:
        page.wait_for_timeout(800)  # a page just opened has not started its script yet
        wait_idle(page)
        page.screenshot(path=str(out / f"{label}-{name}.png"))

    store = Store(make_engine(db))
    the_class, token = classroom.start_class(store, parts.CHOOSABLE, test_items=4, practice_items=3,
                                             title="9B", language=language)
    for nickname, chosen in (("Brave Fox", language), ("Calm Owl", i18n.DEFAULT)):
        classroom.join_class(store, the_class.code, nickname, language=chosen)
    store.engine.dispose()
    page.goto(classroom.join_url(url, the_class.code, language))
    shot("20-join")
    page.goto(f"{url}/teacher?lang={language}")
    shot("21-teacher")
    page.goto(classroom.teacher_url(url, token, language))
    shot("22-dashboard")
    page.get_by_text(say(language, "Progress of each student")).click()
    shot("22-dashboard-progress")
    page.get_by_text(say(language, "Download, close, delete")).click()
    shot("23-dashboard-exports")
    page.goto(f"{url}/about?lang={language}")
    shot("24-about")
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--tall", action="store_true")
    parser.add_argument("--language", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{folder}/shots.db"
        with streamlit_server(db) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for name, (width, height) in SIZES.items():
                size = (width, height * (3 if args.tall else 1))
                walk(browser, url, db, args.out, name, size, args.language)
                teacher_pages(browser, url, db, args.out, name, size, args.language)
            browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
