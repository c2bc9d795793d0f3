"""lessons/teaching.yaml as data: the lesson plan's parts and timings, goals, standards, a discussion
prompt and a handout rule for every tell, a prompt for every red flag, and the "check the source" card.

Read with the one content reader (telltale.content.reader): every problem names file:line, item
and field. Its ids refer to other lesson files: each tell of lessons/tells.yaml and each red flag of
lessons/ads.yaml has exactly one prompt, and each kind of evidence of lessons/provenance.yaml one
line on the card. ``load_teaching`` checks that when it is given those ids (the content check does,
``check_teaching_content``, in every language).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yaml.nodes import Node

from telltale import LESSONS_DIR, i18n, parts
from telltale.content import reader
from telltale.content.lessons import STRENGTHS, FaceContent
from telltale.content.problems import ContentError
from telltale.content.reader import Reader

TEACHING_FILE = LESSONS_DIR / "teaching.yaml"
LENGTHS = {45: "full", 20: "short"}  # the plan's lengths in minutes, and their key in the file
MAX_LONG = 400  # characters of an instruction, a rule or a prompt


@dataclass(frozen=True)
class Timed:
    """A segment of every plan: the opening, the discussion (its least minutes) or the closing."""
    minutes: dict[int, int]  # length of the plan -> minutes
    title: str
    do: str


@dataclass(frozen=True)
class Discussion(Timed):
    most: dict[int, int]  # minutes at most; more time left over goes to catching up
    faces: str  # what to discuss when the class did a face part
    flags: str  # ... the ads
    sources: str  # ... the network case or the source checks


@dataclass(frozen=True)
class CatchUp:
    """The minutes the parts and the discussion leave."""
    title: str
    do: str


@dataclass(frozen=True)
class PartPlan:
    """How a part of the course is taught, and for how long."""
    part: str
    keep: int  # parts that do not all fit are kept in this order (1 first)
    minutes: dict[int, int]
    goal: str
    do: str


@dataclass(frozen=True)
class Standard:
    framework: str
    code: str
    name: str
    how: str  # how the lesson serves it
    parts: tuple[str, ...]  # shown only for plans with one of these parts (none: always)


@dataclass(frozen=True)
class TellNotes:
    rule: str  # the one-sentence rule of the tell's handout page
    prompt: str  # its discussion prompt


@dataclass(frozen=True)
class Teaching:
    title: str
    audience: str
    goals: tuple[str, ...]
    opening: Timed
    catch_up: CatchUp
    discussion: Discussion
    closing: Timed
    parts: dict[str, PartPlan]  # in the file's order
    standards: tuple[Standard, ...]
    trust: dict[str, str]  # a tell's strength -> how far to trust it
    tells: dict[str, TellNotes]
    flags: dict[str, str]  # red flag id -> its discussion prompt
    card_intro: str
    card_evidence: dict[str, str]  # evidence id of the provenance lab -> how to use it
    card_accounts: str


@dataclass(frozen=True)
class References:
    """The ids of the other lesson files that teaching.yaml must cover exactly once each."""
    tells: tuple[str, ...] | None = None  # None: not checked (that file did not load)
    flags: tuple[str, ...] | None = None
    evidence: tuple[str, ...] | None = None


def _minutes(r: Reader, node: Node, item: str, field: str) -> dict[int, int] | None:
    fields = r.mapping(node, item, field, tuple(LENGTHS.values()))
    if fields is None or len(fields) < len(LENGTHS):
        return None
    found = {length: r.integer(fields[key], item, reader.join(field, key), 1, length)
             for length, key in LENGTHS.items()}
    return None if None in found.values() else found


def _segment(r: Reader, node: Node | None, name: str, timed: tuple[str, ...] = ("minutes",),
             topics: tuple[str, ...] = ()) -> dict | None:
    """The fields of a segment of every plan, converted; None (with the problems recorded) if any is wrong."""
    if node is None:  # a missing segment: reported with the fields of the plan
        return None
    words = ("title", "do") + topics
    fields = r.mapping(node, name, None, timed + words, translated=words)
    if fields is None or len(fields) < len(timed + words):
        return None
    found = {key: _minutes(r, fields[key], name, key) for key in timed}
    found.update({key: r.text(fields[key], name, key, MAX_LONG) for key in words})
    return None if None in found.values() else found


def _covers(r: Reader, node: Node | None, entries: dict[str, Node], known: tuple[str, ...] | None,
            field: str, kind: str, other_file: str) -> None:
    """Every id of ``known`` has an entry, and every entry an id of ``known``."""
    if known is None or node is None:
        return
    for key, key_node in entries.items():
        if key not in known:
            r.bad(key_node, f"{kind} {key}", kind, f"no {kind} {key!r} in {other_file}")
    missing = [k for k in known if k not in entries]
    if missing:
        r.bad(node, "", field, f"no entry for {kind} {', '.join(map(repr, missing))} of {other_file}: "
                               f"each {kind} needs exactly one")


def _keyed(r: Reader, node: Node | None, field: str, kind: str, required: tuple[str, ...],
           translated: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[tuple[str, Node, dict[str, Node]]]:
    """The entries of a list keyed by ``kind`` (a duplicate is reported by Reader.entries), each
    with its key, the key's node and its fields."""
    found = []
    for label, entry in (r.entries(node, field, kind, kind, 1) if node is not None else ()):
        fields = r.mapping(entry, label, None, (kind,) + required, optional, translated=translated)
        if fields is None or any(name not in fields for name in (kind,) + required):
            continue
        key = r.text(fields[kind], label, kind)
        if key is not None:
            found.append((key, fields[kind], fields))
    return found


def parse_teaching(r: Reader, root: Node | None, references: References = References()) -> Teaching:
    """The teaching file from its root node; ContentError with every problem (Reader.finish)."""
    if root is None:
        r.finish()
    top = r.mapping(root, "", None, ("title", "audience", "goals", "plan", "standards", "trust", "tells", "flags",
                                     "source_card"), translated=("title", "audience", "goals")) or {}
    title = r.text(top["title"], "", "title") if "title" in top else None
    audience = r.text(top["audience"], "", "audience", MAX_LONG) if "audience" in top else None
    goals = tuple(r.text(n, "", f"goals[{i}]", MAX_LONG)
                  for i, n in enumerate(r.sequence(top["goals"], "", "goals", 1) or [])) if "goals" in top else ()

    plan = r.mapping(top.get("plan"), "", "plan", ("opening", "catch_up", "discussion", "closing", "parts")) \
        if "plan" in top else None
    plan = plan or {}
    opening, closing = (Timed(**found) if (found := _segment(r, plan.get(name), f"plan {name}")) else None
                        for name in ("opening", "closing"))
    found = _segment(r, plan.get("discussion"), "plan discussion", ("minutes", "most"), ("faces", "flags", "sources"))
    discussion = Discussion(**found) if found else None
    if discussion and any(discussion.most[n] < discussion.minutes[n] for n in LENGTHS):
        r.bad(plan["discussion"], "plan discussion", "most", "must be at least its minutes")
    found = _segment(r, plan.get("catch_up"), "plan catch_up", ())
    catch_up = CatchUp(**found) if found else None
    course_parts: dict[str, PartPlan] = {}
    part_nodes: dict[str, Node] = {}
    for key, key_node, f in _keyed(r, plan.get("parts"), "plan.parts", "part",
                                   ("keep", "minutes", "goal", "do"), ("goal", "do")):
        label = f"part {key}"
        if key not in parts.CHOOSABLE:
            r.bad(key_node, label, "part", f"not a part a teacher can choose; those are {', '.join(parts.CHOOSABLE)}")
            continue
        entry = PartPlan(key, r.integer(f["keep"], label, "keep", 1), _minutes(r, f["minutes"], label, "minutes"),
                         r.text(f["goal"], label, "goal", MAX_LONG), r.text(f["do"], label, "do", MAX_LONG))
        part_nodes[key] = key_node
        if None not in (entry.keep, entry.minutes, entry.goal, entry.do):
            course_parts[key] = entry
    _covers(r, plan.get("parts"), part_nodes, parts.CHOOSABLE, "plan.parts", "part", "telltale/parts.py")

    standards = []
    for label, node in (r.entries(top["standards"], "standards", "standard", "code", 1) if "standards" in top else ()):
        f = r.mapping(node, label, None, ("framework", "code", "name", "how"), ("parts",), translated=("how",))
        if f is None or len(f) < 4:
            continue
        chosen = r.optional(f, "parts", lambda n: r.choices(n, label, "parts", parts.CHOOSABLE)) or ()
        standard = Standard(r.text(f["framework"], label, "framework"), r.text(f["code"], label, "code"),
                            r.text(f["name"], label, "name"), r.text(f["how"], label, "how", MAX_LONG), chosen)
        if None not in (standard.framework, standard.code, standard.name, standard.how):
            standards.append(standard)

    trust: dict[str, str] = {}
    fields = r.mapping(top["trust"], "", "trust", STRENGTHS, translated=STRENGTHS) if "trust" in top else None
    for strength, node in (fields or {}).items():
        trust[strength] = r.text(node, "", f"trust.{strength}", MAX_LONG)

    tells: dict[str, TellNotes] = {}
    tell_nodes: dict[str, Node] = {}
    for key, key_node, f in _keyed(r, top.get("tells"), "tells", "tell", ("rule", "prompt"), ("rule", "prompt")):
        tell_nodes[key] = key_node
        tells[key] = TellNotes(r.text(f["rule"], f"tell {key}", "rule", MAX_LONG),
                               r.text(f["prompt"], f"tell {key}", "prompt", MAX_LONG))
    _covers(r, top.get("tells"), tell_nodes, references.tells, "tells", "tell", "lessons/tells.yaml")

    flags: dict[str, str] = {}
    flag_nodes: dict[str, Node] = {}
    for key, key_node, f in _keyed(r, top.get("flags"), "flags", "flag", ("prompt",), ("prompt",)):
        flag_nodes[key] = key_node
        flags[key] = r.text(f["prompt"], f"flag {key}", "prompt", MAX_LONG)
    _covers(r, top.get("flags"), flag_nodes, references.flags, "flags", "flag", "lessons/ads.yaml")

    card = r.mapping(top["source_card"], "", "source_card", ("intro", "evidence", "accounts"),
                     translated=("intro", "accounts")) if "source_card" in top else None
    card = card or {}
    card_intro = r.text(card["intro"], "", "source_card.intro", MAX_LONG) if "intro" in card else None
    card_accounts = r.text(card["accounts"], "", "source_card.accounts") if "accounts" in card else None
    evidence: dict[str, str] = {}
    evidence_nodes: dict[str, Node] = {}
    for key, key_node, f in _keyed(r, card.get("evidence"), "source_card.evidence", "evidence", ("how",), ("how",)):
        evidence_nodes[key] = key_node
        evidence[key] = r.text(f["how"], f"evidence {key}", "how", MAX_LONG)
    _covers(r, card.get("evidence"), evidence_nodes, references.evidence, "source_card.evidence", "evidence",
            "lessons/provenance.yaml")

    r.finish()
    return Teaching(title, audience, goals, opening, catch_up, discussion, closing, course_parts, tuple(standards), trust,
                    tells, flags, card_intro, evidence, card_accounts)


def load_teaching(path: Path | str = TEACHING_FILE, language: str = i18n.DEFAULT,
                  references: References = References()) -> Teaching:
    """Load and check teaching.yaml with the text of ``language``; ContentError with every problem."""
    path = Path(path)
    return _load_teaching(path, i18n.language_or_default(language), references, reader.version(path))


@lru_cache(maxsize=8)
def _load_teaching(path: Path, language: str, references: References, version: tuple) -> Teaching:
    return parse_teaching(*reader.read(path, language), references)


def references(lessons_dir: Path, content: FaceContent) -> References:
    """The ids teaching.yaml must cover, from the files that load (a broken one is reported by its own check)."""
    from telltale.ads.load import load_ads
    from telltale.provenance.lab import load_lab

    found = {}
    try:
        found["tells"] = tuple(content.lessons().tells)
    except ContentError:
        pass
    try:
        found["flags"] = tuple(load_ads(Path(lessons_dir) / "ads.yaml").flags)
    except ContentError:
        pass
    try:
        lab = load_lab(Path(lessons_dir) / "provenance.yaml", content, need_files=False)
        found["evidence"] = tuple(e.id for e in lab.evidence)
    except ContentError:
        pass
    return References(**found)


def check_teaching_content(lessons_dir: Path, content: FaceContent) -> None:
    """The content check of teaching.yaml, in every language, against the other lesson files."""
    refs = references(lessons_dir, content)
    problems = []
    for language in i18n.LANGUAGES:
        try:
            load_teaching(Path(lessons_dir) / TEACHING_FILE.name, language, refs)
        except ContentError as error:
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        raise ContentError(problems)
