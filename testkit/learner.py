"""A scripted learner for browser tests and screenshots: answers the way a person clicks.

Each helper takes ``language=``: it clicks the labels the app shows in that language (the English
label through the app's catalog, telltale.i18n)."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from PIL import Image, ImageChops

from telltale import course, i18n
from telltale.certificate import certificate_png
from telltale.library import load_library
from telltale.storage import Store, make_engine
from testkit import answers
from testkit.answers import store_ad
from testkit.browser import wait_idle


def say(language: str, english: str) -> str:
    """A label as the app shows it in the language."""
    return i18n.gettext(language, english)


def start_course(chromium, app_url: str, viewport: tuple[int, int] = (1366, 768)):
    """A new tab on the welcome screen that has pressed "Start the course": the first question is up."""
    page = chromium.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("button", name="Start the course").click()
    # wait_idle alone can return before a busy server has begun the click's run: wait for the face.
    page.wait_for_selector('img[alt^="Face 1 of"]', state="visible", timeout=60000)
    wait_idle(page)
    return page


def token_of(page) -> str:
    return parse_qs(urlparse(page.url).query)["t"][0]


def questions(database_url: str, page, phase: str) -> list[course.Question]:
    """The learner's questions, computed from their stored plan and seed as the app does."""
    store = Store(make_engine(database_url))
    learner = store.learner_by_token(token_of(page))
    store.engine.dispose()
    return course.questions_for(phase, learner.plan, learner.seed, load_library().items)


def right_choice(question: course.Question) -> str:
    return answers.right_choice(load_library().items, question)


LABELS = {"real": "Real photo", "ai": "AI-made", "left": "The left one (A)", "right": "The right one (B)"}


def confidence_label(confidence: int, language: str = "en") -> str:
    return say(language, {50: "50% · guessing", 100: "100% · certain"}.get(confidence, f"{confidence}%"))


def answer(page, choice: str, confidence: int = 80, language: str = "en") -> None:
    """Pick a choice and a confidence, then submit, by clicking like a person."""
    page.get_by_text(say(language, LABELS[choice]), exact=True).click()
    page.get_by_text(confidence_label(confidence, language), exact=True).click()
    page.get_by_role("button", name=say(language, "Submit answer")).click()
    wait_idle(page)


def wrong(choice: str) -> str:
    return answers.WRONG[choice]


# --- the fake-ads half ---------------------------------------------------------------------

VERDICT_LABELS = {"authentic": "Authentic", "inauthentic": "Part of an inauthentic network"}


def ads_order(database_url: str, page) -> list[str]:
    """The learner's order of the ad examples, computed from their seed as the app does."""
    from telltale.ads.lesson import example_order
    from telltale.ads.load import load_ads

    store = Store(make_engine(database_url))
    learner = store.learner_by_token(token_of(page))
    store.engine.dispose()
    return example_order(load_ads(), learner.seed, learner.plan.get("ads_items"))  # the same in every language


def answer_ad(page, decision: str, confidence: int = 80, flags: list[str] = (), language: str = "en") -> None:
    """Judge the post on screen: the verdict, how sure, the red flags (by label); then submit."""
    page.get_by_text(say(language, VERDICT_LABELS[decision]), exact=True).click()
    page.get_by_text(confidence_label(confidence, language), exact=True).click()
    for label in flags:
        page.get_by_text(label, exact=True).click()
    page.get_by_role("button", name=say(language, "Submit answer")).click()
    wait_idle(page)


def pick_network(page, names: list[str], reasons: list[str], language: str = "en") -> None:
    """Tick the accounts (by display name) and the reasons (by English label) of the network case, then submit."""
    form = page.get_by_test_id("stForm")
    for name in names:
        form.get_by_text(name, exact=False).first.click()
    for reason in reasons:
        form.get_by_role("button", name=say(language, reason)).click()
    form.get_by_role("button", name=say(language, "Submit my findings")).click()
    wait_idle(page)


def finish_ads_and_network(page, database_url: str, language: str = "en") -> None:
    """From the first post of the ads lesson to the results page, quickly: every post but the last is
    stored as answered right (as the app stores it), the last one and the network case are clicked."""
    from telltale.ads.lesson import example_order
    from telltale.ads.load import load_ads, load_network

    lesson, case = load_ads(language=language), load_network(language=language)
    store = Store(make_engine(database_url))
    learner = store.learner_by_token(token_of(page))
    order = example_order(lesson, learner.seed, learner.plan.get("ads_items"))
    for position, example_id in enumerate(order[:-1]):
        example = lesson.example(example_id)
        store_ad(store, learner.id, lesson, position, example_id, example.verdict, example.flag_ids, 80)
    store.engine.dispose()
    page.reload()
    wait_idle(page, timeout=60000)
    last = lesson.example(order[-1])
    answer_ad(page, last.verdict, 80, [lesson.flags[m.id].label for m in last.red_flags], language)
    page.get_by_role("button", name=say(language, "On to the network case")).click()
    wait_idle(page)
    network = [a.display_name for a in case.accounts if a.belongs_to_network]
    pick_network(page, network, ["Run by the same admins"], language)
    page.get_by_role("button", name=say(language, "On to checking the source")).click()
    wait_idle(page)
    finish_provenance(page, database_url, language)


# --- the provenance lab ----------------------------------------------------------------------

def decide_case(page, verdict: str, evidence: list[str], language: str = "en") -> None:
    """Decide the case on screen: the verdict (by its label), the evidence (by label); then submit."""
    from telltale.provenance.lab import VERDICT_LABELS

    form = page.get_by_test_id("stForm")
    form.get_by_text(say(language, VERDICT_LABELS[verdict]), exact=True).click()
    for label in evidence:
        form.get_by_role("button", name=label).click()
    form.get_by_role("button", name=say(language, "Submit my decision")).click()
    wait_idle(page)


def finish_provenance(page, database_url: str, language: str = "en") -> None:
    """From the first case of the lab to the results page, quickly: every case but the last is stored as
    decided right (as the app stores it), the last one is clicked."""
    from telltale.provenance.lab import load_lab

    lab = load_lab(language=language)
    store = Store(make_engine(database_url))
    learner = store.learner_by_token(token_of(page))
    for position, case in enumerate(lab.cases[:-1]):
        answers.store_provenance(store, learner.id, lab, position, case, case.verdict, case.deciding)
    store.engine.dispose()
    page.reload()
    wait_idle(page, timeout=60000)
    last = lab.cases[-1]
    decide_case(page, last.verdict, [lab.evidence_labels[e] for e in last.deciding], language)
    page.get_by_role("button", name=say(language, "See my results")).click()
    wait_idle(page)


# --- a teacher ---------------------------------------------------------------------------------

def start_class_on(teacher, leave_out: tuple[str, ...]) -> str:
    """On the /teacher page: untick the parts named, start the class, open the dashboard; the code."""
    wait_idle(teacher)
    for part in leave_out:
        box = teacher.get_by_role("checkbox", name=part)
        if box.count():
            box.uncheck(force=True)
    teacher.get_by_role("button", name="Start the class").click()
    wait_idle(teacher)
    code = teacher.locator(".tt-code").inner_text().strip()
    teacher.get_by_role("button", name="Open the live dashboard").click()
    wait_idle(teacher)
    return code


def make_certificate(page, name: str, language: str = "en") -> bytes:
    """On the results page: type a name, make the certificate, download it; the PNG's bytes."""
    page.get_by_label(say(language, "Name to print on the certificate (optional, never stored)")).fill(name)
    # Straight on, as a person does: no Enter, no wait between typing and the button.
    page.get_by_role("button", name=say(language, "Make my certificate")).click()
    wait_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=say(language, "Download certificate (PNG)")).click()
    return Path(download.value.path()).read_bytes()


def name_on_certificate(certificate: bytes, name: str, language: str = "en") -> bool:
    """Whether the certificate prints `name`: its name line matches the same name drawn alone."""
    def name_line(png: bytes):
        return Image.open(io.BytesIO(png)).convert("L").crop((48, 250, 1152, 330))

    alone = certificate_png(name, [], date.today(), language=language)
    return ImageChops.difference(name_line(certificate), name_line(alone)).getbbox() is None
