"""lessons/provenance.yaml as data: evidence, credential files, lateral-reading searches, cases.

Read with the project's content reader (telltale.content.reader): every problem names
file:line, item and field, and all problems are reported at once. Faces must be library images
that are not quiz faces, so that no tool of the lab gives a quiz answer away.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from yaml.nodes import MappingNode, Node

from telltale import i18n
from telltale.ads.faces import QUIZ_FILE
from telltale.content import reader
from telltale.content.lessons import FaceContent, face_content
from telltale.content.manifest import MANIFEST_NAME
from telltale.content.problems import ContentError
from telltale.content.reader import Reader, display_path, join
from telltale.i18n import N_
from telltale.provenance import LAB_FILE, SIGNED_DIR

PHASE = "provenance"
VERDICTS = ("genuine", "deceptive")
VERDICT_LABELS = {"genuine": N_("It checks out"), "deceptive": N_("It is not what it claims")}  # translated where shown
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


def _id(r: Reader, node: Node, item: str, field: str, pattern=ID) -> str | None:
    """An id that reaches the page and the stored answers: lowercase, and saying no answer."""
    value = r.text(node, item, field)
    if value is None:
        return None
    if not pattern.match(value):
        r.bad(node, item, field, f"{value!r} must be lowercase letters, digits and dashes"
              + (" ending in .jpg" if pattern is FILE else ""))
        return None
    if any(word in value.replace(".", "-").split("-") for word in TELLING_WORDS):
        r.bad(node, item, field, f"{value!r} contains a word that gives the answer away")
        return None
    return value


def _need(fields: dict[str, Node] | None, name: str, read) -> object:
    """A required field's value, or None (its absence is already reported by Reader.mapping)."""
    node = (fields or {}).get(name)
    return None if node is None else read(node)


def load_lab(path: Path = LAB_FILE, content: FaceContent | None = None, need_files: bool = True,
             language: str = i18n.DEFAULT) -> Lab:
    """Load and validate the lab with its text in ``language``; raises ContentError listing every problem.

    content: the face content whose library the lab's faces come from (default: the committed one).
    need_files=False skips the check that the signed files exist (the signing script runs before them).
    Ids, files, faces, verdicts and deciding evidence are the same in every language; names, handles,
    sites and the signers written into the signed files are not translated.
    """
    content = content if content is not None else face_content()
    r, root = reader.read(path, language)
    if root is None:
        r.finish()
    top = r.mapping(root, "", None, ("title", "as_of", "evidence", "credentials", "samples", "searches", "cases"),
                    translated=("title",))
    title = _need(top, "title", lambda n: r.text(n, "", "title"))
    as_of = _need(top, "as_of", lambda n: r.day(n, "", "as_of"))
    quiz = content.quiz_ids()  # ContentError when the quiz faces cannot be known
    manifest = display_path(content.images_dir / MANIFEST_NAME)
    images = content.images or {}
    faces: dict[str, Path] = {}

    def face(fields: dict[str, Node], label: str) -> str | None:
        node = fields.get("face")
        face_id = None if node is None else r.text(node, label, "face")
        if face_id is None:
            return None
        if face_id not in images or not images[face_id].path(content.images_dir).is_file():
            r.bad(node, label, "face", f"{face_id!r} is not an image of {manifest}")
            return None
        if face_id in quiz:
            r.bad(node, label, "face", f"{face_id} is a quiz face ({display_path(QUIZ_FILE)}): "
                                       "the lab would give its answer away")
            return None
        faces[face_id] = images[face_id].path(content.images_dir)
        return face_id

    evidence = []
    for label, node in r.entries((top or {}).get("evidence"), "evidence", "evidence", "id") if top and "evidence" in top else []:
        fields = r.mapping(node, label, None, ("id", "label"), translated=("label",))
        if fields is None:
            continue
        evidence_id, evidence_label = _need(fields, "id", lambda n: r.text(n, label, "id")), \
            _need(fields, "label", lambda n: r.text(n, label, "label"))
        if evidence_id and evidence_label:
            evidence.append(Evidence(evidence_id, evidence_label))
    evidence_ids = [e.id for e in evidence]
    if top and "evidence" in top and LOOKS not in evidence_ids:
        r.bad(top["evidence"], "", "evidence", f"the evidence must include '{LOOKS}' (the distractor)")
    tools = tuple(e for e in evidence_ids if e != LOOKS)

    credentials: dict[str, CredentialFile] = {}
    for label, node in r.entries(top["credentials"], "credentials", "credentials", "file") if top and "credentials" in top else []:
        fields = r.mapping(node, label, None, ("file", "face", "signer", "trusted", "tool", "source", "after", "expect"),
                           ("edits",))
        if fields is None:
            continue
        file = _need(fields, "file", lambda n: _id(r, n, label, "file", FILE))
        values = (face(fields, label), _need(fields, "signer", lambda n: r.text(n, label, "signer")),
                  _need(fields, "trusted", lambda n: r.boolean(n, label, "trusted")),
                  _need(fields, "tool", lambda n: r.text(n, label, "tool")),
                  _need(fields, "source", lambda n: r.choice(n, label, "source", tuple(SOURCES))))
        edits = r.optional(fields, "edits", lambda n: tuple(
            r.text(e, label, join("edits", i)) for i, e in enumerate(r.sequence(n, label, "edits") or [])))
        after = _need(fields, "after", lambda n: r.choice(n, label, "after", AFTER))
        expect = _need(fields, "expect", lambda n: r.choice(n, label, "expect", EXPECT))
        if file and need_files and not (SIGNED_DIR / file).is_file():
            r.bad(fields["file"], label, "file",
                  f"{display_path(SIGNED_DIR / file)} does not exist: run python -m telltale.provenance.sign")
        if file and None not in values and after and expect and None not in (edits or ()):
            credentials[file] = CredentialFile(file, *values, edits or (), after, expect)

    samples = []
    for label, node in r.entries(top["samples"], "samples", "sample", "file") if top and "samples" in top else []:
        fields = r.mapping(node, label, None, ("file", "label"), translated=("label",))
        if fields is None:
            continue
        file = _need(fields, "file", lambda n: r.text(n, label, "file"))
        sample_label = _need(fields, "label", lambda n: r.text(n, label, "label"))
        if file and file not in credentials:
            r.bad(fields["file"], label, "file", f"{file!r} is not a file of the credentials section")
        elif file and sample_label:
            samples.append(Sample(file, sample_label))

    searches: dict[str, Search] = {}
    for label, node in r.entries(top["searches"], "searches", "search", "id") if top and "searches" in top else []:
        fields = r.mapping(node, label, None, ("id", "query", "results"), translated=("query",))
        if fields is None:
            continue
        search_id = _need(fields, "id", lambda n: _id(r, n, label, "id"))
        query = _need(fields, "query", lambda n: r.text(n, label, "query"))
        results = []
        for number, result in enumerate(_need(fields, "results", lambda n: r.sequence(n, label, "results", 1)) or []):
            result_label = f"{label} result {number + 1}"
            result_fields = r.mapping(result, result_label, None, ("kind", "site", "title", "date", "snippet"),
                                      translated=("title", "snippet"))
            if result_fields is None:
                continue
            found = (_need(result_fields, "kind", lambda n: r.choice(n, result_label, "kind", RESULT_KINDS)),
                     _need(result_fields, "site", lambda n: r.text(n, result_label, "site")),
                     _need(result_fields, "title", lambda n: r.text(n, result_label, "title")),
                     _need(result_fields, "date", lambda n: r.day(n, result_label, "date")),
                     _need(result_fields, "snippet", lambda n: r.markdown(n, result_label, "snippet")))
            if None not in found:
                results.append(SearchResult(*found))
        if search_id and query:
            searches[search_id] = Search(search_id, query, tuple(results))

    cases = []
    for label, node in r.entries(top["cases"], "cases", "case", "id") if top and "cases" in top else []:
        fields = r.mapping(node, label, None, ("id", "kind", "name", "handle", "created", "text", "face", "verdict",
                                               "deciding", "explain", "reveals"), ("credentials", "search", "copies"),
                           translated=("text", "explain", "reveals"))
        if fields is None:
            continue
        case_id = _need(fields, "id", lambda n: _id(r, n, label, "id"))
        kind = _need(fields, "kind", lambda n: r.choice(n, label, "kind", CASE_KINDS))
        verdict = _need(fields, "verdict", lambda n: r.choice(n, label, "verdict", VERDICTS))
        name = _need(fields, "name", lambda n: r.text(n, label, "name"))
        handle = _need(fields, "handle", lambda n: r.text(n, label, "handle"))
        created = _need(fields, "created", lambda n: r.day(n, label, "created"))
        text = _need(fields, "text", lambda n: r.markdown(n, label, "text"))
        explain = _need(fields, "explain", lambda n: r.markdown(n, label, "explain"))
        face_id = face(fields, label)
        ok = None not in (case_id, kind, verdict, name, handle, created, text, explain, face_id)
        deciding = _need(fields, "deciding", lambda n: r.choices(n, label, "deciding", tools))
        if not deciding:
            ok = False
        credentials_file = r.optional(fields, "credentials", lambda n: r.text(n, label, "credentials"))
        if credentials_file and credentials_file not in credentials:
            r.bad(fields["credentials"], label, "credentials",
                  f"{credentials_file!r} is not a file of the credentials section")
            ok = False
        elif credentials_file and face_id and credentials[credentials_file].face != face_id:
            r.bad(fields["credentials"], label, "credentials", "the credentials file shows another face than the case")
            ok = False
        search_id = r.optional(fields, "search", lambda n: r.text(n, label, "search"))
        if search_id and search_id not in searches:
            r.bad(fields["search"], label, "search", f"unknown search {search_id!r}")
            ok = False
        reveals: dict[str, str] = {}
        reveal_fields = fields.get("reveals")
        if reveal_fields is not None and not isinstance(reveal_fields, MappingNode):
            r.bad(reveal_fields, label, "reveals", f"must be a mapping of tools, found {r.describe(reveal_fields)}")
            ok = False
        for tool_node, said_node in reveal_fields.value if isinstance(reveal_fields, MappingNode) else []:
            tool = str(r.value(tool_node))
            if tool not in tools:
                r.bad(tool_node, label, tool, f"reveals names {tool!r}, which is not a tool")
                ok = False
            elif (said := r.markdown(said_node, label, join("reveals", tool))) is not None:
                reveals[tool] = said
            else:
                ok = False
        for tool in deciding or ():
            if tool not in reveals and isinstance(reveal_fields, MappingNode):
                r.bad(reveal_fields, label, "reveals", f"say what {tool!r} revealed: it decides the case")
                ok = False
        copies = []
        copy_nodes = r.optional(fields, "copies", lambda n: r.sequence(n, label, "copies")) or []
        for number, copy in enumerate(copy_nodes):
            copy_label = f"{label} copy {number + 1}"
            copy_fields = r.mapping(copy, copy_label, None, ("name", "handle", "where", "date", "transform"),
                                    translated=("where",))
            if copy_fields is None:
                ok = False
                continue
            found = (_need(copy_fields, "name", lambda n: r.text(n, copy_label, "name")),
                     _need(copy_fields, "handle", lambda n: r.text(n, copy_label, "handle")),
                     _need(copy_fields, "where", lambda n: r.text(n, copy_label, "where")),
                     _need(copy_fields, "date", lambda n: r.day(n, copy_label, "date")),
                     _need(copy_fields, "transform", lambda n: r.choices(n, copy_label, "transform", TRANSFORMS, 0)))
            if None in found:
                ok = False
            else:
                copies.append(Copy(*found))
        if ok:
            cases.append(Case(case_id, kind, name, handle, created, text, face_id, credentials_file, search_id,
                              tuple(copies), verdict, deciding, explain, reveals))
    if len(cases) < 2 or not all(any(c.verdict == v for c in cases) for v in VERDICTS):
        r.bad(None, "", None, "the investigation needs cases of both verdicts, genuine and deceptive")
    r.finish()
    return Lab(title, as_of, tuple(evidence), credentials, tuple(samples), searches, tuple(cases), faces)


def check_lab_content(lessons_dir: Path, content: FaceContent) -> None:
    """For `python -m telltale.content check`: the lab file in the language of ``content``, and its
    signed files read as declared."""
    from telltale.provenance.credentials import check_files  # the C2PA library, only when checking

    lab = load_lab(Path(lessons_dir) / LAB_FILE.name, content, language=content.language)
    problems = check_files(lab) if content.language == i18n.DEFAULT else []  # the files are the same in every language
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
