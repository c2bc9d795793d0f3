"""Screenshots of each course screen at Chromebook and phone size, to look at.

    .venv/bin/python scripts/screenshots.py OUT_DIR [--tall]

Runs the real app on an empty database and walks through the course as a learner.
--tall makes the viewport 3x taller, to see a whole screen at once.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from testkit.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle  # noqa: E402
from testkit.learner import answer, finish_ads_and_network, questions, right_choice, wrong  # noqa: E402

SIZES = {"chromebook": (1366, 768), "phone": (390, 844)}


def walk(browser, url: str, db: str, out: Path, name: str, size: tuple[int, int]) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})

    def shot(label: str) -> None:
        wait_idle(page)
        page.screenshot(path=str(out / f"{label}-{name}.png"))

    page.goto(url)
    shot("01-welcome")
    page.get_by_role("button", name="Start the course").click()
    shot("02-pretest")
    for number, question in enumerate(questions(db, page, "pretest")):
        answer(page, right_choice(question) if number % 3 else wrong(right_choice(question)))
    shot("03-tells-intro")
    page.get_by_role("button", name="Next").click()
    shot("04-tells-average")
    while page.get_by_role("button", name="Next").count():
        page.get_by_role("button", name="Next").click()
        wait_idle(page)
        toggles = page.get_by_text("Show the tells")
        if toggles.count():
            toggles.first.click()
            shot("05-tells-highlight")
            page.get_by_text("Zoom in").first.click()
            shot("06-tells-zoom")
            break
    while page.get_by_role("button", name="Next").count():
        page.get_by_role("button", name="Next").click()
        wait_idle(page)
    shot("07-tells-limits")
    page.get_by_role("button", name="On to practice").click()
    wait_idle(page)
    practice = questions(db, page, "practice")
    for number, question in enumerate(practice):
        if question.is_pair and number < 4:
            shot("08-practice-pair")
        answer(page, right_choice(question) if number % 2 else wrong(right_choice(question)))
        if number in (0, 1):
            shot(f"09-practice-feedback-{number}")
        page.get_by_role("button", name="Next face").or_(page.get_by_role("button", name="On to the final test")).click()
        wait_idle(page)
    for question in questions(db, page, "posttest"):
        answer(page, right_choice(question))
    shot("10-ads-question")
    finish_ads_and_network(page, db)
    shot("11-results")
    for number in range(1, 5):
        page.mouse.wheel(0, size[1] - 100)
        shot(f"11-results-{number}")
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--tall", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{folder}/shots.db"
        with streamlit_server(db) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for name, (width, height) in SIZES.items():
                walk(browser, url, db, args.out, name, (width, height * (3 if args.tall else 1)))
            browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
