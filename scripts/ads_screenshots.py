"""Screenshots of the fake-ads pages in headless Chromium, on a desktop and a phone, to look at.

    .venv/bin/python scripts/ads_screenshots.py [OUT_DIR]      (default /tmp/shots_ads)

Starts the app on a throwaway SQLite database, puts a learner at the ads lesson and another
at the network case, and saves: the ads question, its reveal, the investigation (case file and
each tool), the explanation and the results page, at 1366x768 and 390x844.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from telltale import course  # noqa: E402
from telltale.ads.lesson import example_order  # noqa: E402
from telltale.ads.load import load_ads, load_network  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402
from testkit.answers import store_ad, store_network  # noqa: E402
from testkit.browser import app_and_browser, wait_idle  # noqa: E402
from testkit.learner import answer_ad, pick_network  # noqa: E402

VIEWPORTS = {"desktop": (1366, 768), "phone": (390, 844)}


def full_shot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls an inner element, so grow the viewport to its height."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height) + 20)})
    page.wait_for_timeout(600)
    page.screenshot(path=path)
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


def learner_with_results(store: Store) -> str:
    """A learner at the results page with every post and the network case answered (some wrongly)."""
    lesson, case = load_ads(), load_network()
    token, learner = store.create_learner(course.default_plan(), section="results")
    for position, example_id in enumerate(example_order(lesson, learner.seed)):
        example = lesson.example(example_id)
        decision = example.verdict if position % 4 else ("authentic" if example.is_inauthentic else "inauthentic")
        flags = [m.id for m in example.red_flags][: 1 + position % 3] + (["new-page"] if position % 5 == 0 else [])
        store_ad(store, learner.id, lesson, position, example_id, decision, set(flags), 80, 9000)
    picked = sorted(case.network_handles)[:4] + ["@tom.lindqvist"]
    store_network(store, learner.id, case, picked, ["shared-admins"], 60000)
    return token


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots_ads")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url_db = f"sqlite:///{tmp}/shots.db"
        store = Store(make_engine(url_db))
        with app_and_browser(url_db) as (url, browser):
            for name, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                token, _ = store.create_learner(course.default_plan(), section="ads")
                page.goto(f"{url}/ads?t={token}")
                wait_idle(page, timeout=60000)
                page.screenshot(path=out / f"ads-question-{name}.png")
                full_shot(page, out / f"ads-question-{name}-full.png")
                answer_ad(page, "inauthentic", 70, ["Brand-new Page", "No \"Paid for by\""])
                page.screenshot(path=out / f"ads-reveal-{name}.png")
                full_shot(page, out / f"ads-reveal-{name}-full.png")

                token, _ = store.create_learner(course.default_plan(), section="network")
                page.goto(f"{url}/network?t={token}")
                wait_idle(page, timeout=60000)
                page.screenshot(path=out / f"network-{name}.png")
                full_shot(page, out / f"network-{name}-full.png")
                for tab in ("Timeline", "Shared admins"):
                    page.get_by_role("tab", name=tab).click()
                    wait_idle(page)
                    full_shot(page, out / f"network-{tab.lower().replace(' ', '-')}-{name}-full.png")
                page.get_by_role("tab", name="Timeline").click()
                page.get_by_text("By time of day", exact=True).click()
                wait_idle(page)
                full_shot(page, out / f"network-hours-{name}-full.png")
                pick_network(page, ["The Westmark Beacon", "Emma Carlsen", "Tom Lindqvist"],
                              ["Run by the same admins", "They share the same stories and opinions"])
                page.screenshot(path=out / f"network-explained-{name}.png")
                full_shot(page, out / f"network-explained-{name}-full.png")
                page.goto(f"{url}/results?t={learner_with_results(store)}")
                wait_idle(page, timeout=60000)
                full_shot(page, out / f"results-{name}-full.png")
                page.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
