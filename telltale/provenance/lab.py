"""lessons/provenance.yaml as data: evidence, credential files, lateral-reading searches, cases.

Read with the project's content reader (telltale.content.yamlfile + fields): every problem names
file:line, item and field, and all problems are reported at once. Faces must be library images
that are not quiz faces, so that no tool of the lab gives a quiz answer away.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from telltale.ads.faces import MANIFEST, QUIZ_FILE, FaceLibrary, quiz_image_ids
from telltale.content.fields import FieldChecker
from telltale.content.problems import ContentError, Problem
from telltale.content.yamlfile import display_path, load_yaml
from telltale.provenance import LAB_FILE, SIGNED_DIR

PHASE = "provenance"
VERDICTS = ("genuine", "deceptive")
VERDICT_LABELS = {"genuine": "It checks out", "deceptive": "It is not what it claims"}
LOOKS = "looks"  # the evidence that never decides a case: the photo's look
CASE_KINDS = ("profile", "post", "ad")
RESULT_KINDS = ("encyclopedia", "news", "registry", "about", "forum")
SOURCES = {"trainedAlgorithmicMedia": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
           "digitalCapture": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"}
AFTER = ("none", "strip", "tamper")  # what happens to a file after signing
EXPECT = ("trusted", "untrusted", "none", "invalid")  # what validation must say (credentials.Report.state)
TRANSFORMS = ("crop", "mirror", "filter", "jpeg")
ID = re.compile(r"^[a-z][a-z0-9-]{1,30}$")
FILE = re.compile(r"^[a-z][a-z0-9-]{1,30}\.jpg$")
TELLING_WORDS = ("fake", "real", "ai", "genuine", "deceptive", "scam", "true", "false", "bot", "legit")


@dataclass(frozen=True)
class Evidence:
    id: str
    label: str


@dataclass(frozen=True)
class CredentialFile:
    file: str
    face: str
    signer: str
    trusted: bool  # signed under the test root on the app's trust list
    tool: str
    source: str  # a key of SOURCES
    edits: tuple[str, ...]
    after: str
    expect: str

    @property
    def path(self) -> Path:
        return SIGNED_DIR / self.file


@dataclass(frozen=True)
class Sample:
    file: str
    label: str


@dataclass(frozen=True)
class SearchResult:
    kind: str
    site: str
    title: str
    date: date
    snippet: str


@dataclass(frozen=True)
class Search:
    id: str
    query: str
    results: tuple[SearchResult, ...]


@dataclass(frozen=True)
class Copy:
    """The case's photo planted elsewhere under a name (found by reverse image search)."""
    name: str
    handle: str
    where: str
    date: date
    transform: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    name: str
    handle: str
    created: date
    text: str
    face: str
    credentials: str | None  # a file of the credentials section, or None: the photo has none
    search: str | None
    copies: tuple[Copy, ...]
    verdict: str
    deciding: tuple[str, ...]
    explain: str
    reveals: dict[str, str]


@dataclass(frozen=True)
class Lab:
    title: str
    as_of: date
    evidence: tuple[Evidence, ...]
    credentials: dict[str, CredentialFile]
    samples: tuple[Sample, ...]
    searches: dict[str, Search]
    cases: tuple[Case, ...]
    faces: dict[str, Path]  # library face id -> image, for every face the lab uses

    def case(self, case_id: str) -> Case:
        return next(c for c in self.cases if c.id == case_id)

    @property
    def evidence_labels(self) -> dict[str, str]:
        return {e.id: e.label for e in self.evidence}


def _strings(checker: FieldChecker, mapping, field: str, label: str, allowed: Iterable[str]) -> tuple[str, ...]:
    values = mapping.get(field) or []
    allowed = tuple(allowed)
    out = []
    for value in values:
        if value not in allowed:
            checker.add(mapping, field, label, f"{value!r} is not one of: {', '.join(allowed)}")
        else:
            out.append(value)
    return tuple(out)


def _date(checker: FieldChecker, mapping, field: str, label: str) -> date | None:
    value = mapping.get(field)
    if not isinstance(value, date):
        checker.add(mapping, field, label, f"must be a date written YYYY-MM-DD, not {value!r}")
        return None
    return value


def _id(checker: FieldChecker, mapping, field: str, label: str, pattern=ID) -> bool:
    value = str(mapping.get(field))
    if not pattern.match(value):
        checker.add(mapping, field, label, f"{value!r} must be lowercase letters, digits and dashes"
                    + (" ending in .jpg" if pattern is FILE else ""))
        return False
    if any(word in value.replace(".", "-").split("-") for word in TELLING_WORDS):
        # ids reach the page and the stored answers: they must not say the answer
        checker.add(mapping, field, label, f"{value!r} contains a word that gives the answer away")
        return False
    return True


def load_lab(path: Path = LAB_FILE, manifest: Path = MANIFEST, quiz_file: Path = QUIZ_FILE,
             need_files: bool = True) -> Lab:
    """Load and validate the lab; raises ContentError listing every problem.

    need_files=False skips the check that the signed files exist (the signing script runs before them).
    """
    file = display_path(path)
    checker = FieldChecker(file)
    data = load_yaml(path)
    checker.fields(data, "", {"title": str, "as_of": date, "evidence": list, "credentials": list, "samples": list,
                              "searches": list, "cases": list})
    library = {face.id: face for face in FaceLibrary.from_manifest(manifest).faces}
    quiz = quiz_image_ids(quiz_file)
    faces: dict[str, Path] = {}

    def face(mapping, label: str) -> str | None:
        face_id = mapping.get("face")
        if face_id not in library:
            checker.add(mapping, "face", label, f"{face_id!r} is not an image of {display_path(manifest)}")
            return None
        if face_id in quiz:
            checker.add(mapping, "face", label, f"{face_id} is a quiz face ({display_path(quiz_file)}): "
                                                "the lab would give its answer away")
            return None
        faces[face_id] = library[face_id].path
        return face_id

    evidence = []
    raw_evidence = data.get("evidence") or []
    checker.unique(raw_evidence, "id", "evidence")
    for index, raw in enumerate(raw_evidence):
        label = f"evidence #{index + 1}"
        if checker.fields(raw, label, {"id": str, "label": str}):
            evidence.append(Evidence(raw["id"], raw["label"]))
    evidence_ids = [e.id for e in evidence]
    if LOOKS not in evidence_ids:
        checker.add(data, "evidence", "", f"the evidence must include '{LOOKS}' (the distractor)")

    credentials: dict[str, CredentialFile] = {}
    raw_credentials = data.get("credentials") or []
    checker.unique(raw_credentials, "file", "credentials")
    for index, raw in enumerate(raw_credentials):
        label = f"credentials {raw.get('file', f'#{index + 1}')}" if isinstance(raw, dict) else f"credentials #{index + 1}"
        if not checker.fields(raw, label, {"file": str, "face": str, "signer": str, "trusted": bool, "tool": str,
                                            "source": str, "after": str, "expect": str}, {"edits": list}):
            continue
        ok = _id(checker, raw, "file", label, FILE)
        ok &= checker.one_of(raw, "source", label, tuple(SOURCES)) & checker.one_of(raw, "after", label, AFTER)
        ok &= checker.one_of(raw, "expect", label, EXPECT)
        face_id = face(raw, label)
        path = SIGNED_DIR / raw["file"]
        if ok and need_files and not path.is_file():
            checker.add(raw, "file", label, f"{display_path(path)} does not exist: run python -m telltale.provenance.sign")
        if ok and face_id:
            credentials[raw["file"]] = CredentialFile(raw["file"], face_id, raw["signer"], raw["trusted"], raw["tool"],
                                                      raw["source"], tuple(str(e) for e in raw.get("edits") or ()),
                                                      raw["after"], raw["expect"])

    samples = []
    for index, raw in enumerate(data.get("samples") or []):
        label = f"sample #{index + 1}"
        if checker.fields(raw, label, {"file": str, "label": str}):
            if raw["file"] not in credentials:
                checker.add(raw, "file", label, f"{raw['file']!r} is not a file of the credentials section")
            else:
                samples.append(Sample(raw["file"], raw["label"]))

    searches: dict[str, Search] = {}
    raw_searches = data.get("searches") or []
    checker.unique(raw_searches, "id", "search")
    for index, raw in enumerate(raw_searches):
        label = f"search {raw.get('id', f'#{index + 1}')}" if isinstance(raw, dict) else f"search #{index + 1}"
        if not checker.fields(raw, label, {"id": str, "query": str, "results": list}) or not _id(checker, raw, "id", label):
            continue
        results = []
        for number, result in enumerate(raw["results"]):
            result_label = f"{label} result {number + 1}"
            if not checker.fields(result, result_label, {"kind": str, "site": str, "title": str, "date": date,
                                                         "snippet": str}):
                continue
            if checker.one_of(result, "kind", result_label, RESULT_KINDS) and (when := _date(checker, result, "date", result_label)):
                results.append(SearchResult(result["kind"], result["site"], result["title"], when, result["snippet"].strip()))
        if not results:
            checker.add(raw, "results", label, "a search needs at least one result")
        searches[raw["id"]] = Search(raw["id"], raw["query"], tuple(results))

    cases = []
    raw_cases = data.get("cases") or []
    checker.unique(raw_cases, "id", "case")
    for index, raw in enumerate(raw_cases):
        label = f"case {raw.get('id', f'#{index + 1}')}" if isinstance(raw, dict) else f"case #{index + 1}"
        if not checker.fields(raw, label, {"id": str, "kind": str, "name": str, "handle": str, "created": date,
                                            "text": str, "face": str, "verdict": str, "deciding": list,
                                            "explain": str, "reveals": dict},
                              {"credentials": str, "search": str, "copies": list}):
            continue
        ok = _id(checker, raw, "id", label) & checker.one_of(raw, "kind", label, CASE_KINDS)
        ok &= checker.one_of(raw, "verdict", label, VERDICTS)
        face_id = face(raw, label)
        deciding = _strings(checker, raw, "deciding", label, [e for e in evidence_ids if e != LOOKS])
        if not deciding:
            checker.add(raw, "deciding", label, "name at least one tool that decides the case")
            ok = False
        if raw.get("credentials") and raw["credentials"] not in credentials:
            checker.add(raw, "credentials", label, f"{raw['credentials']!r} is not a file of the credentials section")
            ok = False
        elif raw.get("credentials") and credentials[raw["credentials"]].face != face_id:
            checker.add(raw, "credentials", label, "the credentials file shows another face than the case")
            ok = False
        if raw.get("search") and raw["search"] not in searches:
            checker.add(raw, "search", label, f"unknown search {raw['search']!r}")
            ok = False
        reveals = raw["reveals"]
        for tool in reveals:
            if tool not in evidence_ids or tool == LOOKS:
                checker.add(reveals, tool, label, f"reveals names {tool!r}, which is not a tool")
                ok = False
        for tool in deciding:
            if not str(reveals.get(tool) or "").strip():
                checker.add(raw, "reveals", label, f"say what {tool!r} revealed: it decides the case")
                ok = False
        copies = []
        for number, copy in enumerate(raw.get("copies") or []):
            copy_label = f"{label} copy {number + 1}"
            if not checker.fields(copy, copy_label, {"name": str, "handle": str, "where": str, "date": date,
                                                     "transform": list}):
                ok = False
                continue
            transform = _strings(checker, copy, "transform", copy_label, TRANSFORMS)
            copies.append(Copy(copy["name"], copy["handle"], copy["where"], copy["date"], transform))
        created = _date(checker, raw, "created", label)
        if ok and face_id and created:
            cases.append(Case(raw["id"], raw["kind"], raw["name"], raw["handle"], created, raw["text"].strip(),
                              face_id, raw.get("credentials"), raw.get("search"), tuple(copies), raw["verdict"],
                              deciding, raw["explain"].strip(), {k: str(v).strip() for k, v in reveals.items()}))
    if len(cases) < 2 or not all(any(c.verdict == v for c in cases) for v in VERDICTS):
        checker.problems.append(Problem(file, "the investigation needs cases of both verdicts, genuine and deceptive"))
    if checker.problems:
        raise ContentError(checker.problems)
    return Lab(data["title"], data["as_of"], tuple(evidence), credentials, tuple(samples), searches, tuple(cases), faces)


def check_lab_content(lessons_dir: Path, images) -> None:
    """For `python -m telltale.content check`: the lab file and its signed files read as declared."""
    from telltale.provenance.credentials import check_files  # the C2PA library, only when checking

    lab = load_lab(Path(lessons_dir) / LAB_FILE.name)
    problems = check_files(lab)
    if problems:
        raise ContentError(problems)


# --- the learner's results in this part --------------------------------------------------

@dataclass(frozen=True)
class LabResults:
    judged: int
    right: int  # verdicts right
    deciding_found: int  # deciding tools named
    deciding_total: int
    looks_picked: int  # cases where "how the photo looks" was given as evidence
    mean_score: float | None


def lab_results(answers) -> LabResults | None:
    """This part's figures from the stored answers alone (their detail); None when none."""
    mine = [a for a in answers if a.phase == PHASE]
    if not mine:
        return None

    def listed(answer, key: str) -> list:
        value = answer.detail.get(key) if isinstance(answer.detail, dict) else None
        return value if isinstance(value, list) else []

    return LabResults(
        judged=len(mine),
        right=sum(a.choice == a.expected for a in mine),
        deciding_found=sum(len(listed(a, "found")) for a in mine),
        deciding_total=sum(len(listed(a, "found")) + len(listed(a, "missed")) for a in mine),
        looks_picked=sum(LOOKS in listed(a, "evidence") for a in mine),
        mean_score=sum(a.score for a in mine) / len(mine),
    )


@dataclass(frozen=True)
class ClassLabSummary:
    """The class's answers in the lab, for the teacher's dashboard."""
    answers: int
    students: int
    mean_score: float | None
    per_case: list[tuple[str, int, int]]  # (case id, answers, verdicts right), in answer order of first seen
    evidence: list[tuple[str, int]]  # (evidence id, times named), most named first


def class_lab_summary(answers) -> ClassLabSummary:
    mine = [a for a in answers if a.phase == PHASE]
    per_case: dict[str, list[int]] = {}
    named: dict[str, int] = {}
    for answer in mine:
        counts = per_case.setdefault(answer.item_id, [0, 0])
        counts[0] += 1
        counts[1] += answer.choice == answer.expected
        for evidence in evidence_of(answer):
            named[evidence] = named.get(evidence, 0) + 1
    return ClassLabSummary(
        answers=len(mine), students=len({a.learner_id for a in mine}),
        mean_score=sum(a.score for a in mine) / len(mine) if mine else None,
        per_case=[(case_id, n, right) for case_id, (n, right) in per_case.items()],
        evidence=sorted(named.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def evidence_of(answer) -> list[str]:
    """The evidence a lab answer named (detail {"evidence": [...]}); none for other answers."""
    value = answer.detail.get("evidence") if isinstance(answer.detail, dict) and answer.phase == PHASE else None
    return [str(e) for e in value] if isinstance(value, list) else []
