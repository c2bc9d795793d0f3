"""Screenshots of the provenance lab in headless Chromium, on a desktop and a phone, to look at.

    .venv/bin/python scripts/provenance_screenshots.py [OUT_DIR]      (default /tmp/shots_provenance)

Starts the app on a throwaway SQLite database, puts a learner at the lab and saves: the first
case with each tool, its feedback, the second case's credentials (AI declared), the toolbox with
the tampered sample, and the results page, at 1366x768 and 390x844.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ads_screenshots import VIEWPORTS, full_shot  # noqa: E402

from telltale import course  # noqa: E402
from telltale.provenance.lab import load_lab  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402
from testkit.answers import store_provenance  # noqa: E402
from testkit.browser import app_and_browser, wait_idle  # noqa: E402
from testkit.learner import decide_case  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots_provenance")
    out.mkdir(parents=True, exist_ok=True)
    lab = load_lab()
    with tempfile.TemporaryDirectory() as tmp:
        url_db = f"sqlite:///{tmp}/shots.db"
        store = Store(make_engine(url_db))
        with app_and_browser(url_db) as (url, browser):
            for name, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                token, learner = store.create_learner(course.default_plan(), section="provenance")
                page.goto(f"{url}/check-the-source?t={token}")
                wait_idle(page, timeout=120000)
                page.screenshot(path=out / f"case-{name}.png")
                full_shot(page, out / f"case-search-{name}-full.png")
                for tab in ("Lateral reading", "Content Credentials"):
                    page.get_by_role("tab", name=tab).click()
                    wait_idle(page)
                    full_shot(page, out / f"case-{tab.lower().replace(' ', '-')}-{name}-full.png")
                decide_case(page, "deceptive", ["Reverse image search", "How the photo looks"])
                page.screenshot(path=out / f"feedback-{name}.png")
                full_shot(page, out / f"feedback-{name}-full.png")
                page.get_by_role("button", name="Next case").click()
                wait_idle(page)
                page.get_by_role("tab", name="Content Credentials").click()
                wait_idle(page)
                full_shot(page, out / f"case2-credentials-{name}-full.png")
                page.get_by_text("Toolbox: check any picture").click()
                wait_idle(page)
                sample = page.get_by_role("combobox", name="Inspect the Content Credentials of a sample file")
                sample.click()
                sample.fill("Sample 4")
                page.keyboard.press("Enter")
                wait_idle(page)
                full_shot(page, out / f"toolbox-tampered-{name}-full.png")
                for position, case in enumerate(lab.cases[1:], start=1):
                    store_provenance(store, learner.id, lab, position, case,
                                     case.verdict if position % 3 else "genuine", case.deciding[:1])
                store.set_section(learner.id, "results")
                page.goto(f"{url}/results?t={token}")
                wait_idle(page, timeout=60000)
                full_shot(page, out / f"results-{name}-full.png")
                page.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
