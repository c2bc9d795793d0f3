"""Question selection: half real/half AI, comparable forms, same questions on resume."""
from telltale import course
from telltale.content.lessons import Clue, FaceItem
from telltale.course import Question


def make_items():
    items = {}
    for form in ("A", "B"):
        for n in range(8):
            for kind in ("real", "gan"):
                image = f"{form}{kind}{n}"
                items[image] = FaceItem(image, kind, form, 1 + n % 3, ())
    for n in range(12):
        kind = ("real", "gan", "diffusion")[n % 3]
        clue = Clue("background-warp" if kind != "real" else "real-background", (0.1, 0.1, 0.5, 0.5), "x")
        items[f"p{n}"] = FaceItem(f"p{n}", kind, "practice", 2, (clue,))
    return items


def test_tests_are_half_real_half_ai_from_their_own_form():
    items = make_items()
    for seed in range(6):
        forms = course.test_forms(seed)
        assert {forms["pretest"], forms["posttest"]} == {"A", "B"}
        pre = course.questions_for("pretest", course.default_plan(), seed, items)
        post = course.questions_for("posttest", course.default_plan(), seed, items)
        assert len(pre) == len(post) == 10
        for questions, form in ((pre, forms["pretest"]), (post, forms["posttest"])):
            chosen = [items[q.items[0]] for q in questions]
            assert {i.form for i in chosen} == {form}
            assert sum(i.is_ai for i in chosen) == 5
        assert not {q.items[0] for q in pre} & {q.items[0] for q in post}


def test_draws_spread_over_difficulty_and_repeat_for_the_same_seed():
    items = make_items()
    first = course.draw_test(items, "A", 6, seed=7)
    assert first == course.draw_test(items, "A", 6, seed=7)
    difficulties = sorted(items[i].difficulty for i in first)
    assert difficulties[0] == 1 and difficulties[-1] == 3


def test_practice_mixes_singles_and_pairs_of_one_real_and_one_ai():
    items = make_items()
    questions = course.questions_for("practice", course.default_plan(practice_items=6), 3, items)
    pairs = [q for q in questions if q.is_pair]
    assert len(questions) == 6 and len(pairs) == 2
    for pair in pairs:
        assert sorted(items[i].is_ai for i in pair.items) == [False, True]


def test_grading_a_pair_and_a_single():
    items = make_items()
    pair = Question("practice", 2, ("p0", "p1"))  # p0 real, p1 gan
    def stored(graded):
        return graded.correct, graded.item_id, graded.choice

    assert stored(course.grade_question(items, pair, "left")) == (True, "p0+p1", "p0")
    assert stored(course.grade_question(items, pair, "right")) == (False, "p0+p1", "p1")
    single = Question("pretest", 0, ("p1",))
    assert stored(course.grade_question(items, single, "ai")) == (True, "p1", "ai")


def test_teacher_plan_keeps_welcome_and_results_and_course_order():
    plan = course.default_plan(sections=("posttest", "pretest"))
    assert plan["sections"] == ["welcome", "pretest", "posttest", "results"]
    assert course.next_section(plan, "pretest") == "posttest"
    assert course.next_section(plan, "results") == "results"


def test_the_default_course_ends_with_the_fake_ads_the_network_case_and_checking_the_source():
    plan = course.default_plan()
    assert plan["sections"] == ["welcome", "pretest", "tells", "practice", "posttest", "ads", "network",
                                "provenance", "results"]
    assert course.next_section(plan, "posttest") == "ads"
    assert course.next_section(plan, "ads") == "network"
    assert course.next_section(plan, "network") == "provenance"
    assert course.next_section(plan, "provenance") == "results"


def test_learners_move_forward_only():
    plan = course.default_plan(sections=("pretest", "practice"))
    assert course.may_open(plan, "practice", "pretest") and course.may_open(plan, "practice", "practice")
    assert not course.may_open(plan, "pretest", "practice")  # not reached yet
    assert not course.may_open(plan, "results", "tells")  # not in this plan
    assert course.reached_after(plan, "pretest", "pretest") == "practice"
    assert course.reached_after(plan, "results", "pretest") == "results"  # going back does not move them back
    assert course.reached_after(plan, "results", "results") == "results"


def test_every_test_holds_each_kind_of_ai_face_of_its_form():
    """A form with diffusion faces puts at least one into every draw, so no learner's test is 2019-only."""
    from telltale.library import load_library

    items = load_library().items
    for form in ("A", "B"):
        kinds_in_form = {i.kind for i in items.values() if i.form == form and i.is_ai}
        assert "diffusion" in kinds_in_form
        for seed in range(40):
            drawn = [items[i] for i in course.draw_test(items, form, 10, seed)]
            assert sum(not i.is_ai for i in drawn) == 5
            assert {i.kind for i in drawn if i.is_ai} == kinds_in_form


def test_practice_shows_a_few_faces_without_a_tell_to_every_learner():
    items = make_items()
    items["plain-ai"] = FaceItem("plain-ai", "diffusion", "practice", 3, ())
    items["plain-real"] = FaceItem("plain-real", "real", "practice", 3, ())
    for seed in range(20):
        questions = course.questions_for("practice", course.default_plan(), seed, items)
        singles = [q.items[0] for q in questions if not q.is_pair]
        assert "plain-ai" in singles and "plain-real" in singles, seed
        paired = {i for q in questions if q.is_pair for i in q.items}
        assert all(items[i].clues for i in paired)
        assert questions == course.questions_for("practice", course.default_plan(), seed, items)
