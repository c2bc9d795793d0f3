"""The ads lesson and the network case as course steps: order, grading, reveal, the tools' data,
results from stored answers, avatars that are never quiz faces, and the narrow (phone) layout."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from telltale.charts import admin_chart, creation_chart, posting_chart
from telltale.ads import investigation
from telltale.ads.checks import check_ads_content
from telltale.ads.faces import MANIFEST, avatar_library, default_library
from telltale.ads.lesson import example_order, grade, next_example, reveal
from telltale.ads.render import MIN_WIDTH, ad_group, choose_face, highlight, layout_post_text, line_width, \
    render_ad, text_box_width, text_font
from telltale.ads.results import ads_results
from telltale.ads.scoring import DECISION_WEIGHT, INVENTED_PENALTY
from telltale.checks import EXTRA_CHECKS
from telltale.content.lessons import face_content
from telltale.content.manifest import ImageEntry, load_manifest, save_manifest
from telltale.content.problems import ContentError
from telltale.steps import network as network_step
from telltale.storage import Answer, legacy_kind_and_expected


# ---------------------------------------------------------------------------------------
# The ads lesson
# ---------------------------------------------------------------------------------------

def test_each_learner_gets_every_example_in_an_order_fixed_by_their_seed(lesson):
    ids = [e.id for e in lesson.examples]
    first = example_order(lesson, 11)
    assert sorted(first) == sorted(ids)
    assert example_order(lesson, 11) == first
    assert len({tuple(example_order(lesson, seed)) for seed in range(6)}) > 1


def test_the_next_example_is_the_first_without_an_answer(lesson):
    order = example_order(lesson, 3)
    assert next_example(order, []) == order[0]
    assert next_example(order, [order[0], order[2]]) == order[1]
    assert next_example(order, ["an-old-id-no-longer-in-the-lesson"]) == order[0]
    assert next_example(order, order) is None


def test_grading_stores_found_invented_and_missed_flags_in_catalogue_order(lesson):
    example = lesson.example("save-our-rivers")
    true = [f for f in lesson.flags if f in example.flag_ids]
    ticked = [true[2], "too-good-to-be-true", true[0]]
    score, detail = grade(lesson, example, "inauthentic", ticked)
    assert detail == {"flags": [f for f in lesson.flags if f in ticked], "found": [true[0], true[2]],
                      "invented": ["too-good-to-be-true"], "missed": true[1:2] + true[3:]}
    expected_flags = max(0.0, 2 / len(true) - INVENTED_PENALTY)
    assert score.score == pytest.approx(DECISION_WEIGHT + (1 - DECISION_WEIGHT) * expected_flags)


def test_the_combined_score_runs_from_zero_to_one(lesson):
    fake, honest = lesson.example("heartland-patriots"), lesson.example("hartmoor-bakery")
    assert grade(lesson, fake, "inauthentic", fake.flag_ids)[0].score == 1.0
    assert grade(lesson, fake, "authentic", [])[0].score == 0.0
    assert grade(lesson, honest, "authentic", [])[0].score == 1.0
    assert grade(lesson, honest, "inauthentic", [])[0].score == pytest.approx(1 - DECISION_WEIGHT)
    one_invented = grade(lesson, honest, "authentic", ["new-page"])[0]
    assert one_invented.score == pytest.approx(DECISION_WEIGHT + (1 - DECISION_WEIGHT) * (1 - INVENTED_PENALTY))


def test_an_unknown_flag_is_refused(lesson):
    with pytest.raises(ValueError):
        grade(lesson, lesson.example("heartland-patriots"), "inauthentic", ["not-a-flag"])


def test_the_reveal_numbers_every_flag_and_says_which_were_found(lesson):
    example = lesson.example("heartland-patriots")
    score, detail = grade(lesson, example, "inauthentic", ["new-page", "urgent-share", "too-good-to-be-true"])
    shown = reveal(lesson, example, score.correct, detail)
    assert shown.correct and shown.verdict == "inauthentic"
    assert [m.number for m in shown.marks] == list(range(1, len(example.red_flags) + 1))
    assert shown.parts == [m.part for m in example.red_flags]
    assert {m.label for m in shown.marks if m.status == "found"} == {"Brand-new Page", "Pressure to act now"}
    assert shown.found == 2 and shown.total_flags == len(example.flag_ids)
    assert shown.invented == ("Too good to be true",)


def test_an_authentic_post_reveals_its_signs(lesson):
    example = lesson.example("hartmoor-bakery")
    shown = reveal(lesson, example, False, {"flags": ["new-page"], "found": [], "invented": ["new-page"],
                                            "missed": []})
    assert not shown.correct and {m.status for m in shown.marks} == {"sign"}
    assert [m.label for m in shown.marks] == [lesson.signs[s.id].label for s in example.authentic_signs]
    assert shown.invented == ("Brand-new Page",)


# ---------------------------------------------------------------------------------------
# The network case
# ---------------------------------------------------------------------------------------

def test_the_case_file_is_shuffled_per_learner(case):
    orders = {tuple(a.handle for a in investigation.display_order(case, seed)) for seed in range(8)}
    assert len(orders) > 1
    for order in orders:
        assert sorted(order) == sorted(a.handle for a in case.accounts)
    assert investigation.display_order(case, 5) == investigation.display_order(case, 5)


def test_admins_get_letters_shared_ones_first(case):
    accounts = investigation.display_order(case, 2)
    labels = investigation.admin_labels(accounts)
    assert sorted(labels.values()) == [chr(ord("A") + i) for i in range(len(labels))]
    runs = {admin: sum(admin in a.admins for a in accounts) for admin in labels}
    by_letter = sorted(labels, key=labels.get)
    assert [runs[a] for a in by_letter] == sorted(runs.values(), reverse=True)


def test_the_tools_data_tells_nothing_about_the_answer(case):
    accounts = investigation.display_order(case, 4)
    charts = [posting_chart(accounts, "date"), posting_chart(accounts, "hour"),
              creation_chart(accounts), admin_chart(accounts)]
    admins = {admin for account in case.accounts for admin in account.admins}
    for chart in charts:
        spec = json.dumps(chart.to_dict())
        for secret in ("belongs", "Norvania", *admins, *(a.why for a in case.accounts)):
            assert secret not in spec, secret
    posts = investigation.posts_frame(accounts)
    assert len(posts) == sum(len(a.post_times) for a in accounts)
    assert set(investigation.admin_frame(accounts).columns) == {"Account", "Admin", "Runs it"}
    with pytest.raises(ValueError):
        posting_chart(accounts, "week")


def test_network_grading_stores_handles_and_the_four_outcomes(case):
    network = sorted(case.network_handles)
    ordinary = sorted(a.handle for a in case.accounts if not a.belongs_to_network)
    picked = network[:4] + ordinary[:1]
    score, choice, detail = investigation.grade(case, picked, ["same-stories", "shared-admins"])
    assert json.loads(choice) == sorted(picked)
    assert detail["hits"] == network[:4] and detail["misses"] == network[4:]
    assert detail["false_alarms"] == ordinary[:1] and detail["correct_rejections"] == ordinary[1:]
    assert detail["reasons"] == ["shared-admins", "same-stories"]  # in the catalogue's order
    assert score.score == pytest.approx(4 / len(network) - 1 / len(ordinary))
    assert network_step.decode(choice) == sorted(picked)
    assert network_step.decode("not json") == []
    with pytest.raises(ValueError):
        investigation.grade(case, picked, ["because"])


def test_account_verdicts_follow_the_display_order(case):
    accounts = investigation.display_order(case, 9)
    network = sorted(case.network_handles)
    verdicts = investigation.verdicts(accounts, network[:1] + ["@tom.lindqvist"])
    assert [v.account.handle for v in verdicts] == [a.handle for a in accounts]
    outcomes = {v.account.handle: v.outcome for v in verdicts}
    assert outcomes[network[0]] == "hit" and outcomes[network[1]] == "miss"
    assert outcomes["@tom.lindqvist"] == "false alarm" and outcomes["@wendlecombe.library"] == "correct rejection"
    assert sum(v.right for v in verdicts) == len(accounts) - 1 - (len(network) - 1)


def test_reasons_mark_behaviour_and_opinion(case):
    notes = investigation.reason_notes(["same-stories", "batch-created"])
    assert [(r.id, r.behaviour) for r in notes] == [("batch-created", True), ("same-stories", False)]


def test_the_overlay_averages_the_chosen_photos(case):
    paths = investigation.face_paths(case)
    if len(paths) < 2:
        pytest.skip("no face library")
    average = investigation.average_of(list(paths.values())[:3])
    assert average.size == (investigation.AVERAGE_SIZE, investigation.AVERAGE_SIZE)
    assert set(paths) <= {a.handle for a in case.accounts if a.avatar.face}


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------

def stored(phase, position, item, choice, correct, score, detail):
    kind, expected = legacy_kind_and_expected(phase, item, choice, correct, detail)
    return Answer(phase, position, item, kind, choice, expected, 80, 1000, correct, score, detail,
                  datetime.now(timezone.utc))


def test_results_count_decisions_flags_and_the_network(lesson, case):
    answers = [stored("pretest", 0, "fx", "ai", True, 1.0, {})]
    for position, (example_id, decision, flags) in enumerate([
            ("heartland-patriots", "inauthentic", ["foreign-managers", "new-page", "too-good-to-be-true"]),
            ("save-our-rivers", "authentic", []),
            ("hartmoor-bakery", "inauthentic", ["new-page"]),
            ("dalton-hardware", "authentic", [])]):
        example = lesson.example(example_id)
        score, detail = grade(lesson, example, decision, flags)
        answers.append(stored("ads", position, example_id, decision, score.correct, score.score, detail))
    network = sorted(case.network_handles)
    score, choice, detail = investigation.grade(case, network[:5] + ["@tom.lindqvist"], ["batch-created"])
    answers.append(stored("network", 0, case.id, choice, False, score.score, detail))

    results = ads_results(answers)
    assert (results.judged, results.right) == (4, 2)
    assert (results.inauthentic_judged, results.inauthentic_caught) == (2, 1)
    assert (results.authentic_judged, results.authentic_accused) == (2, 1)
    heartland, rivers = lesson.example("heartland-patriots"), lesson.example("save-our-rivers")
    assert results.flags_found == 2
    assert results.flags_total == len(heartland.flag_ids) + len(rivers.flag_ids)
    assert results.flags_invented == 2  # too-good-to-be-true on one post, new-page on the bakery
    assert results.network.hits == 5 and results.network.network_size == len(network)
    assert results.network.false_alarms == 1 and results.network.ordinary == len(case.accounts) - len(network)
    assert results.network.score == pytest.approx(score.score)
    assert results.any


def test_no_ads_answers_no_ads_results():
    results = ads_results([stored("pretest", 0, "fx", "ai", True, 1.0, {})])
    assert not results.any and results.mean_score is None and results.network is None


# ---------------------------------------------------------------------------------------
# Avatars are never quiz faces
# ---------------------------------------------------------------------------------------

def write_library(folder: Path, rows) -> Path:
    """A manifest.csv (every column, as the library's loader reads it) and its pictures."""
    (folder / "faces").mkdir(parents=True, exist_ok=True)
    entries = []
    for face_id, kind, sex in rows:
        Image.new("RGB", (32, 32), (90, 90, 90)).save(folder / "faces" / f"{face_id}.jpg")
        entries.append(ImageEntry(face_id, kind, f"faces/{face_id}.jpg", "", "test", "test", "test", None, None,
                                  sex, "30s", "medium"))
    save_manifest(entries, folder / "manifest.csv")
    return folder / "manifest.csv"


def test_quiz_ids_come_from_the_lesson_loader_and_a_half_edited_file_is_named_not_guessed(tmp_path):
    write_library(tmp_path, [("fgan2222", "gan", "male"), ("freal444", "real", "female")])
    quiz = tmp_path / "faces.yaml"
    quiz.write_text("title: x\nitems:\n  - image: fgan2222\n    form: A\n  - image: freal444\n", encoding="utf-8")
    # other fields missing (and no tells.yaml): the face lessons fail, but which faces are quiz faces is known
    assert face_content(tmp_path, tmp_path).quiz_ids() == {"fgan2222", "freal444"}
    quiz.write_text("items:\n  - image: fgan2222\n    form: [A\n  - image: 'freal444'\n", encoding="utf-8")
    with pytest.raises(ContentError) as broken:
        avatar_library(tmp_path, tmp_path)
    assert [str(p).split(": ")[0] for p in broken.value.problems] == [f"{quiz}:4"]
    assert "not valid YAML" in str(broken.value)
    quiz.write_text("items:\n  - image: fgan2222\n  - form: A\n", encoding="utf-8")  # an item without its image
    with pytest.raises(ContentError, match=f"{quiz}:3 item #2 field image: missing field 'image'"):
        avatar_library(tmp_path, tmp_path)
    quiz.write_text("items: fgan2222\n", encoding="utf-8")  # not a list: no quiz face known, so none is assumed
    with pytest.raises(ContentError, match=f"{quiz}:1 field items: must be a list"):
        avatar_library(tmp_path, tmp_path)
    quiz.unlink()
    with pytest.raises(ContentError, match="faces.yaml: cannot read the file"):
        avatar_library(tmp_path, tmp_path)


def test_the_avatar_library_leaves_out_every_quiz_face_and_follows_the_file(tmp_path):
    write_library(tmp_path, [("fgan2222", "gan", "male"), ("fgan3333", "gan", "male"),
                             ("fgan5555", "gan", "female"), ("freal444", "real", "female")])
    quiz = tmp_path / "faces.yaml"
    quiz.write_text("items:\n  - image: fgan2222\n", encoding="utf-8")
    library = avatar_library(tmp_path, tmp_path)
    assert {f.id for f in library.faces} == {"fgan3333", "fgan5555", "freal444"}
    assert library.pick("any-gan-male", "seed").id == "fgan3333"
    assert library.pick("fgan2222", "seed") is None  # named outright: still never shown (the logo is)
    quiz.write_text("items:\n  - image: fgan3333\n  - image: fgan5555\n", encoding="utf-8")
    library = avatar_library(tmp_path, tmp_path)
    assert {f.id for f in library.faces} == {"fgan2222", "freal444"}
    assert library.pick("any-gan-male", "seed").id == "fgan2222"
    assert library.pick("any-gan-female", "seed") is None


def test_no_face_of_the_provenance_lab_is_an_avatar_even_in_replayed_network_cases(tmp_path):
    write_library(tmp_path, [("fgan2222", "gan", "male"), ("fgan3333", "gan", "male"), ("freal444", "real", "female")])
    (tmp_path / "faces.yaml").write_text("items:\n  - image: freal444\n", encoding="utf-8")
    (tmp_path / "provenance.yaml").write_text("credentials:\n  - face: fgan3333\n", encoding="utf-8")
    assert {f.id for f in avatar_library(tmp_path, tmp_path).faces} == {"fgan2222"}
    (tmp_path / "provenance.yaml").write_text("cases: [\n", encoding="utf-8")  # unreadable: the lab is not shown
    assert {f.id for f in avatar_library(tmp_path, tmp_path).faces} == {"fgan2222", "fgan3333"}

    from telltale import LESSONS_DIR
    from telltale.ads import casegen
    from telltale.ads.faces import lab_faces

    in_the_lab = lab_faces(LESSONS_DIR / "provenance.yaml")
    assert len(in_the_lab) >= 6  # every case's face and the credentials files' faces
    shown = set()
    for seed in range(120):  # before, 85 generated cases in 300 showed a lab face as a network account
        replay = casegen.generate_case(seed)
        group = investigation.network_group(replay)
        shown |= {choose_face(a.avatar, a.handle, group=group).id for a in replay.accounts
                  if choose_face(a.avatar, a.handle, group=group)}
    assert shown and not shown & in_the_lab


def test_the_committed_ads_and_network_show_no_quiz_face(lesson, case):
    quiz = face_content().quiz_ids()
    assert default_library().faces == avatar_library().faces
    assert not {f.id for f in default_library().faces} & quiz
    group = ad_group(lesson.examples)
    shown = [choose_face(e.page.avatar, e.id, group=group) for e in lesson.examples]
    network_group = investigation.network_group(case)
    shown += [choose_face(a.avatar, a.handle, group=network_group) for a in case.accounts]
    assert not {f.id for f in shown if f is not None} & quiz


def test_swapping_the_quiz_file_moves_the_avatars_off_the_new_quiz_faces(lesson, tmp_path):
    if not MANIFEST.is_file():
        pytest.skip("no face library")
    group = ad_group(lesson.examples)
    now = {e.id: choose_face(e.page.avatar, e.id, group=group) for e in lesson.examples}
    taken = sorted(f.id for f in now.values() if f is not None)
    if not taken:
        pytest.skip("no faces in the library")
    (tmp_path / "faces.yaml").write_text("items:\n" + "".join(f"  - image: {i}\n" for i in taken), encoding="utf-8")
    library = avatar_library(tmp_path, MANIFEST.parent)
    again = {e.id: choose_face(e.page.avatar, e.id, library, group) for e in lesson.examples}
    assert not {f.id for f in again.values() if f is not None} & set(taken)
    assert again == {e.id: choose_face(e.page.avatar, e.id, library, group) for e in lesson.examples}


def test_content_check_covers_the_ads_lessons():
    assert check_ads_content in EXTRA_CHECKS


def copy_lessons(tmp_path: Path, ads_text: str) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    from telltale import LESSONS_DIR
    (folder / "ads.yaml").write_text(ads_text, encoding="utf-8")
    (folder / "network.yaml").write_text((LESSONS_DIR / "network.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_content_check_refuses_a_quiz_face_as_avatar(tmp_path):
    from telltale import IMAGES_DIR, LESSONS_DIR
    images = load_manifest(IMAGES_DIR / "manifest.csv")
    quiz = sorted(face_content().quiz_ids() & set(images))
    spare_real = sorted(i for i, e in images.items() if e.kind == "real" and i not in quiz)
    if not quiz or not spare_real:
        pytest.skip("needs quiz faces and spare real faces")
    text = (LESSONS_DIR / "ads.yaml").read_text(encoding="utf-8")
    text = text.replace("avatar: {face: any-gan-male}", f"avatar: {{face: {quiz[0]}}}", 1)  # heartland-patriots
    folder = copy_lessons(tmp_path, text)
    for name in ("faces.yaml", "tells.yaml"):
        (folder / name).write_text((LESSONS_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check_ads_content(folder, face_content(folder, IMAGES_DIR))
    messages = [str(p) for p in error.value.problems]
    assert any("example heartland-patriots field page.avatar.face" in m and "face quiz" in m for m in messages), messages
    # and `python -m telltale.content check` reports them, naming the file
    from telltale.checks import find_problems
    everything = [str(p) for p in find_problems(folder, IMAGES_DIR)]
    assert sorted(m for m in everything if "ads.yaml" in m) == sorted(messages)


def test_content_check_passes_the_committed_lessons():
    from telltale import IMAGES_DIR, LESSONS_DIR
    check_ads_content(LESSONS_DIR, face_content(LESSONS_DIR, IMAGES_DIR))


# ---------------------------------------------------------------------------------------
# The narrow layout the app shows (legible on a phone)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [MIN_WIDTH, 420])
def test_every_example_fits_a_narrow_layout(lesson, width):
    fnt, box = text_font(), text_box_width(width=width)
    for example in lesson.examples:
        image, boxes = render_ad(example, faces=None, width=width)
        assert image.width == width
        for part, (x0, y0, x1, y1) in boxes.items():
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= image.height, (example.id, part)
        for line in layout_post_text(example.text, width=width):
            assert line_width(line, fnt) <= box
        assert boxes["page_name"][2] <= width - 12 - 16


def test_highlight_badges_scale_with_the_render(lesson):
    example = lesson.example("heartland-patriots")
    small = render_ad(example, faces=None, width=420)
    big = render_ad(example, faces=None, width=420, scale=2)
    parts = [m.part for m in example.red_flags]
    assert highlight(big.image, big.boxes, parts, scale=2).size == big.image.size
    assert highlight(small.image, small.boxes, parts).size == small.image.size
    with pytest.raises(ValueError):
        render_ad(example, faces=None, width=MIN_WIDTH - 1)


def test_a_shorter_lesson_keeps_half_the_posts_from_networks(lesson):
    for seed in range(5):
        order = example_order(lesson, seed, 8)
        assert len(order) == len(set(order)) == 8
        assert sum(lesson.example(i).verdict == "inauthentic" for i in order) == 4
    assert len(example_order(lesson, 3, 5)) == 5
