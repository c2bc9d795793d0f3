"""telltale.ads.fairness: the committed ads lesson passes, and a lesson with a shortcut fails."""
from __future__ import annotations

import dataclasses

from telltale import LESSONS_DIR
from telltale.ads.fairness import separation_problems, visible_facts
from telltale.ads.load import load_ads

LESSON = load_ads(LESSONS_DIR / "ads.yaml")


def test_no_single_cue_sorts_the_committed_posts():
    assert separation_problems("lessons/ads.yaml", LESSON) == []


def test_the_lesson_has_the_hard_cases():
    by_id = {e.id: e for e in LESSON.examples}
    facts = {e.id: visible_facts(LESSON, e) for e in LESSON.examples}
    calm_fakes = [i for i, e in by_id.items() if e.verdict == "inauthentic"
                  and any(m.id == "calm-tone" for m in e.authentic_signs) is False
                  and not facts[i]["angry capital letters"] and "urgent-share" not in e.flag_ids]
    assert calm_fakes
    assert any(f["a Page less than a year old"] and f["angry capital letters"] and by_id[i].verdict == "authentic"
               for i, f in facts.items())
    assert any(f["a Page run from abroad"] and by_id[i].verdict == "authentic" for i, f in facts.items())
    assert any(f["a post in another language"] and by_id[i].verdict == "authentic" for i, f in facts.items())


def test_a_flag_every_fake_carries_is_reported():
    flag = "foreign-managers"
    fakes_with_flag = []
    for example in LESSON.examples:
        if example.verdict == "inauthentic" and flag not in example.flag_ids:
            mark = dataclasses.replace(example.red_flags[0], id=flag)
            example = dataclasses.replace(example, red_flags=example.red_flags + (mark,))
        fakes_with_flag.append(example)
    broken = dataclasses.replace(LESSON, examples=tuple(fakes_with_flag))
    problems = [str(p) for p in separation_problems("ads.yaml", broken)]
    assert any("'foreign-managers' alone sorts 100%" in p for p in problems), problems


def test_a_loaded_word_on_one_side_only_is_reported():
    examples = []
    for example in LESSON.examples:
        if example.verdict == "authentic":
            example = dataclasses.replace(example, text=example.text.replace("patriots", "farmers"))
        examples.append(example)
    problems = [str(p) for p in separation_problems("ads.yaml", dataclasses.replace(LESSON, examples=tuple(examples)))]
    assert any("'patriot' appears only in inauthentic posts" in p for p in problems), problems
