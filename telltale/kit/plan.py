"""The lesson plan of a class: minute by minute, from the parts the teacher chose, in 45 or 20 minutes.

A pure function of the class plan (telltale.course.default_plan), the length and the language; the
timings and words come from lessons/teaching.yaml. The plan opens, teaches the chosen parts in
course order, discusses on the projector and closes with an exit ticket. Parts that do not fit are
kept in the order teaching.yaml gives (``keep``) and the others are left for another lesson, said
plainly; minutes left over go to the discussion, up to its most, then to catching up before it.
The discussion says what fits the parts taught: the faces' tells, the ads' red flags, the sources.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from telltale import course, i18n, parts
from telltale.kit.teaching import LENGTHS, Standard, Teaching, load_teaching

# The parts whose discussion is about the tells (those showing the face library), and about the ads' red flags.
FACE_PARTS = tuple(part.id for part in parts.PARTS if part.needs == parts.FACE_CONTENT)
FLAG_PARTS = ("ads",)
SOURCE_PARTS = ("network", "provenance")  # whose discussion is about behaviour and the source


@dataclass(frozen=True)
class Segment:
    start: int  # minute the segment starts at, from 0
    end: int
    title: str
    do: str  # what the teacher and the students do
    part: str | None = None  # the course part taught, or None for the opening, discussion and closing
    goal: str = ""
    detail: str = ""  # how many items the class plan gives the part, e.g. "10 faces"

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class LessonPlan:
    length: int
    language: str
    title: str
    audience: str
    goals: tuple[str, ...]
    segments: tuple[Segment, ...]
    later: tuple[str, ...]  # titles of chosen parts left for another lesson
    standards: tuple[Standard, ...]
    prompts: tuple[tuple[str, str], ...]  # (tell or red flag, discussion prompt)
    closing: str  # the closing activity


def detail(part_id: str, class_plan: dict, language: str) -> str:
    """How many questions the class plan gives a part, in words."""
    ngettext = partial(i18n.ngettext, language)
    if part_id in parts.TESTS:
        count = int(class_plan.get("test_items", course.DEFAULT_TEST_ITEMS))
    elif part_id == "practice":
        count = int(class_plan.get("practice_items", course.DEFAULT_PRACTICE_ITEMS))
    elif part_id == "ads":
        count = int(class_plan.get("ads_items", course.DEFAULT_ADS_ITEMS))
        return ngettext("{count} sponsored post", "{count} sponsored posts", count).format(count=count)
    else:
        return ""
    return ngettext("{count} face", "{count} faces", count).format(count=count)


def fitting_parts(chosen: list[str], teaching: Teaching, length: int) -> tuple[list[str], list[str]]:
    """(parts taught in the lesson, parts left for another), both in course order."""
    budget = length - sum(t.minutes[length] for t in (teaching.opening, teaching.discussion, teaching.closing))
    kept, used = set(), 0
    for part_id in sorted(chosen, key=lambda p: (teaching.parts[p].keep, parts.COURSE.index(p))):
        minutes = teaching.parts[part_id].minutes[length]
        if used + minutes <= budget:
            kept.add(part_id)
            used += minutes
    return [p for p in chosen if p in kept], [p for p in chosen if p not in kept]


def lesson_plan(class_plan: dict, length: int, language: str = i18n.DEFAULT, *,
                teaching: Teaching | None = None, tell_names: dict[str, str] | None = None,
                flag_names: dict[str, str] | None = None) -> LessonPlan:
    """The plan for a class of ``class_plan`` in ``length`` minutes (45 or 20), in ``language``.

    teaching, tell_names and flag_names default to the lesson files' (in ``language``)."""
    if length not in LENGTHS:
        raise ValueError(f"a lesson plan lasts {' or '.join(map(str, LENGTHS))} minutes, not {length}")
    language = i18n.language_or_default(language)
    teaching = teaching or load_teaching(language=language)
    chosen = [p for p in class_plan.get("sections", ()) if p in teaching.parts]
    taught, later = fitting_parts(chosen, teaching, length)

    segments: list[Segment] = []
    clock = 0

    def add(minutes: int, title: str, do: str, **more) -> None:
        nonlocal clock
        segments.append(Segment(clock, clock + minutes, title, do, **more))
        clock += minutes

    add(teaching.opening.minutes[length], teaching.opening.title, teaching.opening.do)
    for part_id in taught:
        entry = teaching.parts[part_id]
        add(entry.minutes[length], parts.title(part_id, language), entry.do, part=part_id, goal=entry.goal,
            detail=detail(part_id, class_plan, language))
    discussion, closing = teaching.discussion, teaching.closing.minutes[length]
    spare = length - clock - closing - discussion.minutes[length]
    talk = discussion.minutes[length] + min(spare, discussion.most[length] - discussion.minutes[length])
    if spare > talk - discussion.minutes[length]:
        add(spare - (talk - discussion.minutes[length]), teaching.catch_up.title, teaching.catch_up.do)
    topics = [discussion.faces if any(p in FACE_PARTS for p in taught) else "",
              discussion.flags if any(p in FLAG_PARTS for p in taught) else "",
              discussion.sources if any(p in SOURCE_PARTS for p in taught) else ""]
    add(talk, discussion.title, " ".join([discussion.do] + [t for t in topics if t]))
    add(closing, teaching.closing.title, teaching.closing.do)

    prompts = []
    if any(p in FACE_PARTS for p in taught):
        names = tell_names if tell_names is not None else tell_names_of(language)
        prompts += [(names.get(tell, tell), notes.prompt) for tell, notes in teaching.tells.items()]
    if any(p in FLAG_PARTS for p in taught):
        names = flag_names if flag_names is not None else flag_names_of(language)
        prompts += [(names.get(flag, flag), prompt) for flag, prompt in teaching.flags.items()]
    return LessonPlan(
        length=length, language=language, title=teaching.title, audience=teaching.audience,
        goals=teaching.goals + tuple(teaching.parts[p].goal for p in taught),
        segments=tuple(segments), later=tuple(parts.title(p, language) for p in later),
        standards=tuple(s for s in teaching.standards if not s.parts or set(s.parts) & set(taught)),
        prompts=tuple(prompts), closing=teaching.closing.do)


def tell_names_of(language: str) -> dict[str, str]:
    """The tells' names in ``language`` (lessons/tells.yaml)."""
    from telltale.content.lessons import face_content

    return {tell.id: tell.name for tell in face_content(language=language).lessons().tells.values()}


def flag_names_of(language: str) -> dict[str, str]:
    """The ads' red flags' names in ``language`` (lessons/ads.yaml)."""
    from telltale.ads.load import load_ads

    return {flag.id: flag.label for flag in load_ads(language=language).flags.values()}
