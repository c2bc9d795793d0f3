"""Rules that keep the ads lesson hard in the right way, checked by ``python -m telltale.content check``.

A lesson in which one sign sorts every post teaches a shortcut, not judgement. So:

- no single red flag, authentic sign or visible fact (a Page run from abroad, a new Page, a
  name change, no "Paid for by", a face avatar, angry capital letters, a post in another
  language than the lesson's) may sort more than MAX_SORTED of the posts into authentic and
  inauthentic on its own;
- every loaded word (LOADED_WORDS) that appears in the posts appears on both sides, so that
  a word like "patriot" or "freedom" never gives the answer away.

Both rules hold in every language of the lesson: the posts a learner reads are the ones checked.
"""
from __future__ import annotations

import re
from datetime import timedelta

from telltale import i18n
from telltale.ads.model import AdExample, AdsLesson
from telltale.content.problems import Problem

MAX_SORTED = 0.80
NEW_PAGE_DAYS = 365
# Per language: words matched anywhere in the lowercased post (a stem catches its forms).
LOADED_WORDS = {
    "en": ("patriot", "freedom", "truth", "wake up", "they don't want", "our children", "corrupt"),
    "es": ("patriota", "libertad", "verdad", "despierta", "no quieren", "nuestros hijos", "corrup"),
}
# Short words that show a post is written in the lesson's language.
LANGUAGE_HINTS = {
    "en": (" the ", " and ", " you ", " our "),
    "es": (" el ", " la ", " de ", " que ", " y ", " en "),
}
SHOUTED_WORD = re.compile(r"\b[^\W\d_]{4,}\b")


def _words(example: AdExample) -> str:
    parts = [example.page.name, example.text, example.picture.headline, example.picture.subline or ""]
    if example.link:
        parts += [example.link.title]
    return " " + " ".join(parts).lower() + " "


def visible_facts(lesson: AdsLesson, example: AdExample, language: str = i18n.DEFAULT) -> dict[str, bool]:
    """What a learner can see on the post, whatever the author flagged."""
    transparency = example.transparency
    letters = any(character.isalpha() for character in example.text)
    shouting = sum(1 for word in SHOUTED_WORD.findall(example.text) if word.isupper())
    return {
        "a Page run from abroad": any(m.country != lesson.home_country for m in transparency.managers),
        "a Page less than a year old": lesson.as_of - transparency.created_on < timedelta(days=NEW_PAGE_DAYS),
        "a changed name": bool(transparency.name_changes),
        'no "Paid for by"': transparency.paid_for_by is None,
        "a face as avatar": example.page.avatar.face is not None,
        "angry capital letters": bool(letters) and shouting >= 2,
        "a post in another language": not any(hint in _words(example) for hint in LANGUAGE_HINTS[language]),
    }


def separation_problems(source: str, lesson: AdsLesson, language: str = i18n.DEFAULT) -> list[Problem]:
    """The fairness problems of the lesson as read in ``language`` (its text is that language's)."""
    examples = list(lesson.examples)
    if len(examples) < 4:
        return []
    fake = [e.verdict == "inauthentic" for e in examples]
    cues: dict[str, list[bool]] = {}
    for flag in lesson.flags:
        cues[f"the red flag {flag!r}"] = [any(m.id == flag for m in e.red_flags) for e in examples]
    for sign in lesson.signs:
        cues[f"the authentic sign {sign!r}"] = [any(m.id == sign for m in e.authentic_signs) for e in examples]
    facts = [visible_facts(lesson, e, language) for e in examples]
    for name in facts[0]:
        cues[name] = [f[name] for f in facts]
    problems = []
    for name, present in cues.items():
        agree = sum(p == f for p, f in zip(present, fake)) / len(examples)
        sorted_share = max(agree, 1 - agree)
        if sorted_share > MAX_SORTED:
            problems.append(Problem(source, f"{name} alone sorts {sorted_share:.0%} of the posts into authentic and "
                                            f"inauthentic (at most {MAX_SORTED:.0%}); add posts where it misleads"
                                            + _in(language)))
    for word in LOADED_WORDS[language]:
        sides = {e.verdict for e in examples if word in _words(e)}
        if len(sides) == 1:
            only = sides.pop()
            problems.append(Problem(source, f"the loaded word {word!r} appears only in {only} posts; use it on "
                                            "both sides or not at all, so that it gives nothing away" + _in(language)))
    return problems


def _in(language: str) -> str:
    return "" if language == i18n.DEFAULT else f" (in the {i18n.LANGUAGES[language]} text)"
