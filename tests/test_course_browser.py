"""The whole course in headless Chromium, as a learner clicks through it, with a known score."""
from __future__ import annotations


from playwright.sync_api import expect

from testkit.browser import wait_idle
from testkit.learner import (answer, finish_ads_and_network, make_certificate, name_on_certificate, questions,
                             right_choice, start_course, token_of, wrong)


def assert_nothing_gives_the_answer_away(page, question):
    """Before answering: no image address, alt text, key or page text names the face or its kind."""
    from telltale.library import load_library

    entry = load_library().images[question.items[0]]
    images = page.eval_on_selector_all("img", "els => els.map(e => [e.src, e.alt])")
    assert images, "the face is not on the page"
    source = page.content()
    for src, alt in images:
        assert entry.id not in src and entry.sha256[:16] not in src
        assert not any(word in alt.lower() for word in ("real", "ai-made", "gan", "fake", "diffusion")), alt
    assert entry.id not in source and entry.file not in source
    assert entry.source not in source and entry.credit not in source


def answer_test(page, db, phase, right_count):
    for number, question in enumerate(questions(db, page, phase)):
        expect(page.get_by_text(f"Face {number + 1} of 10")).to_be_visible()
        choice = right_choice(question)
        answer(page, choice if number < right_count else wrong(choice))


def test_a_learner_completes_the_course_and_sees_their_score(chromium, app_url, tmp_path):
    db = f"sqlite:///{tmp_path / 'app.db'}"
    page = start_course(chromium, app_url, (1366, 768))

    assert_nothing_gives_the_answer_away(page, questions(db, page, "pretest")[0])
    answer_test(page, db, "pretest", right_count=6)

    expect(page.get_by_text("The tells · step 1 of")).to_be_visible()
    while page.get_by_role("button", name="Next").count():
        page.get_by_role("button", name="Next").click()
        wait_idle(page)
    page.get_by_role("button", name="On to practice").click()
    wait_idle(page)

    practice = questions(db, page, "practice")
    for question in practice:
        answer(page, right_choice(question))
        expect(page.get_by_text("Right!")).to_be_visible()
        # The reveal explains the face: its kind and what shows it (or that nothing does).
        expect(page.get_by_text("What gives it away:").or_(page.get_by_text("What shows it is real:"))
               .or_(page.get_by_text("No visible tell here.")).or_(page.get_by_text("No tell either way here."))
               .first).to_be_visible()
        page.get_by_role("button", name="Next face").or_(page.get_by_role("button", name="On to the final test")).click()
        wait_idle(page)

    answer_test(page, db, "posttest", right_count=8)

    # The fake-ads half (clicked through in depth by test_ads_browser.py): the last post, the network case.
    expect(page.get_by_role("heading", name="Fake ads")).to_be_visible()
    finish_ads_and_network(page, db)

    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    wait_idle(page)
    # expect() waits: Streamlit fills columns a frame after their block appears
    for shown in ("8 of 10", "6 of 10", f"{len(practice)} of {len(practice)}", "Fake ads and networks"):
        expect(page.locator("body")).to_contain_text(shown, use_inner_text=True)
    page.screenshot(path="/tmp/results.png", full_page=True)
    certificate = make_certificate(page, "Zed Quill")
    assert certificate.startswith(b"\x89PNG")
    assert name_on_certificate(certificate, "Zed Quill"), "the certificate does not print the name typed"
    assert not name_on_certificate(certificate, "")
    page.close()


def test_reloading_mid_course_from_the_resume_link_keeps_every_answer(chromium, app_url, tmp_path):
    db = f"sqlite:///{tmp_path / 'app.db'}"
    page = start_course(chromium, app_url, (390, 844))
    given = []
    for question in questions(db, page, "pretest")[:3]:
        given.append(right_choice(question))
        answer(page, given[-1])
    # the third answer is in once the fourth face is up: wait_idle alone can return before a busy
    # server has begun the run that the submit asked for, and closing then loses the answer
    expect(page.get_by_text("Face 4 of 10")).to_be_visible()
    resume_link = page.url
    assert token_of(page) in resume_link
    page.close()

    # A new tab (a closed browser, another day): only the resume link is known.
    again = chromium.new_page(viewport={"width": 390, "height": 844})
    again.goto(resume_link)
    wait_idle(again)
    expect(again.get_by_text("Face 4 of 10")).to_be_visible()
    for question in questions(db, again, "pretest")[3:]:
        answer(again, right_choice(question))
    # Past the test, the tells lesson; the stored answers are all there, in order.
    expect(again.get_by_text("The tells · step 1 of")).to_be_visible()
    from telltale.storage import Store, make_engine
    store = Store(make_engine(db))
    learner = store.learner_by_token(token_of(again))
    kept = store.answers(learner.id, "pretest")
    assert [a.position for a in kept] == list(range(10))
    assert all(a.correct for a in kept)
    assert [a.choice for a in kept[:3]] == given
    again.close()
