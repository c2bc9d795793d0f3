"""Exports of a class's answers: one CSV row per answer, one per student, and xAPI statements."""
from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import datetime
from urllib.parse import quote

from telltale import i18n, parts
from telltale.classroom.figures import Snapshot, flags_of
from telltale.i18n import N_
from telltale.scoring import Detection
from telltale.steps import ad, provenance
from telltale.storage import ClassAnswer, ClassRecord

# The columns as named in English; a file made for another language has its catalog's names for
# them (each column name is a message), and its readable values (part names, languages) in it too.
ANSWER_COLUMNS = ("nickname", "student_id", "language", "item", "phase", "position", "choice", "correct", "score",
                  "confidence", "response_time_ms", "timestamp", "flags")
SUMMARY_COLUMNS = ("nickname", "student_id", "language", "joined_at", "last_active", "now_at", "rejoins",
                   "pretest_correct", "pretest_items", "pretest_accuracy", "pretest_d_prime", "pretest_bias_c",
                   "posttest_correct", "posttest_items", "posttest_accuracy", "posttest_d_prime", "posttest_bias_c",
                   "practice_correct", "practice_items", "ads_answers", "ads_mean_score",
                   "mean_confidence", "overconfidence", "provenance_answers", "provenance_mean_score")
COLUMN_NAMES = {  # marked for translation (the English names are the ids above)
    "nickname": N_("nickname"), "student_id": N_("student_id"), "language": N_("language"), "item": N_("item"),
    "phase": N_("phase"), "position": N_("position"), "choice": N_("choice"), "correct": N_("correct"),
    "score": N_("score"), "confidence": N_("confidence"), "response_time_ms": N_("response_time_ms"),
    "timestamp": N_("timestamp"), "flags": N_("flags"), "joined_at": N_("joined_at"),
    "last_active": N_("last_active"), "now_at": N_("now_at"), "rejoins": N_("rejoins"),
    "pretest_correct": N_("pretest_correct"), "pretest_items": N_("pretest_items"),
    "pretest_accuracy": N_("pretest_accuracy"), "pretest_d_prime": N_("pretest_d_prime"),
    "pretest_bias_c": N_("pretest_bias_c"), "posttest_correct": N_("posttest_correct"),
    "posttest_items": N_("posttest_items"), "posttest_accuracy": N_("posttest_accuracy"),
    "posttest_d_prime": N_("posttest_d_prime"), "posttest_bias_c": N_("posttest_bias_c"),
    "practice_correct": N_("practice_correct"), "practice_items": N_("practice_items"),
    "ads_answers": N_("ads_answers"), "ads_mean_score": N_("ads_mean_score"),
    "mean_confidence": N_("mean_confidence"), "overconfidence": N_("overconfidence"),
    "provenance_answers": N_("provenance_answers"), "provenance_mean_score": N_("provenance_mean_score"),
}


def _header(columns, language: str) -> list[str]:
    return [i18n.gettext(language, COLUMN_NAMES[column]) for column in columns]


def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text: no value can start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else ""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(columns: list[str], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def answers_csv(answers: list[ClassAnswer], language: str = i18n.DEFAULT) -> str:
    """One row per answer: who (nickname, pseudonymous id, the language they used), which item, what and
    how sure, when; the flags column holds an ad's red flags ticked or a provenance case's evidence named.
    Column names in ``language``."""
    return _csv(_header(ANSWER_COLUMNS, language), (
        (a.nickname, a.public_id, i18n.LANGUAGES[a.language], a.item_id, a.phase, a.position, a.choice, a.correct,
         a.score, a.confidence, a.response_ms, a.created_at, " ".join(flags_of(a)))
        for a in answers))


def summary_csv(snap: Snapshot, language: str = i18n.DEFAULT) -> str:
    """One row per student: the language they used, progress, each test's score, d' and c, practice, ads
    and calibration. Column names and part names in ``language``."""
    def test(d: Detection | None):
        return (d.correct, d.n, d.accuracy, d.d_prime, d.criterion) if d else (None,) * 5

    return _csv(_header(SUMMARY_COLUMNS, language), (
        (s.nickname, s.public_id, i18n.LANGUAGES[s.language], s.joined_at, s.active_at,
         parts.title(s.section, language), s.rejoins,
         *test(s.pretest), *test(s.posttest), s.practice_correct, s.practice_total, s.ads_answers, s.ads_score,
         s.mean_confidence, s.overconfidence, s.provenance_answers, s.provenance_score)
        for s in snap.students))


XAPI_ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
XAPI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
_XAPI_NAMESPACE = uuid.UUID("8f5b0f76-3a0e-4c55-9d2a-6f1d6b1f7c21")


def class_registration(the_class: ClassRecord) -> str:
    """A UUID naming this class's session, the same on every export."""
    return str(uuid.uuid5(_XAPI_NAMESPACE, f"class:{the_class.code}:{the_class.created_at.isoformat()}"))


def _duration(ms: int) -> str:
    return f"PT{ms / 1000:.2f}S"


def xapi_statements(the_class: ClassRecord, answers: list[ClassAnswer], home_page: str) -> list[dict]:
    """One xAPI 1.0.3 "answered" statement per answer.

    The actor is an account on `home_page` named by the learner's random public id: no name,
    no e-mail, no nickname. Statement ids are derived from the class and the answer, so
    exporting twice yields the same statements (a learning record store keeps one copy).
    """
    base = home_page.rstrip("/")
    registration = class_registration(the_class)
    class_activity = {"id": f"{base}/xapi/class/{registration}", "objectType": "Activity"}
    statements = []
    for a in answers:
        result: dict = {"success": bool(a.correct), "response": a.choice,
                        "score": {"scaled": round(float(a.score), 4), "raw": round(float(a.score), 4),
                                  "min": 0, "max": 1}}
        if a.response_ms is not None:
            result["duration"] = _duration(a.response_ms)
        extensions = {}
        if a.confidence is not None:
            extensions[f"{base}/xapi/extension/confidence"] = a.confidence
        if a.kind in (ad.KIND, provenance.KIND):  # red flags ticked, or evidence named
            extensions[f"{base}/xapi/extension/flags"] = flags_of(a)
        if extensions:
            result["extensions"] = extensions
        statements.append({
            "id": str(uuid.uuid5(_XAPI_NAMESPACE, f"{registration}:answer:{a.id}")),
            "actor": {"objectType": "Agent", "account": {"homePage": base, "name": a.public_id}},
            "verb": XAPI_ANSWERED,
            "object": {
                "objectType": "Activity",
                "id": f"{base}/xapi/activity/{quote(a.phase, safe='')}/{quote(a.item_id, safe='')}",
                "definition": {"type": XAPI_INTERACTION, "interactionType": "choice",
                               "name": {"en-US": f"{parts.title(a.phase)}: item {a.item_id}"}},
            },
            "result": result,
            "context": {
                "registration": registration,
                "platform": "Telltale",
                "language": a.language,
                "contextActivities": {
                    "parent": [{"id": f"{base}/xapi/activity/{quote(a.phase, safe='')}", "objectType": "Activity"}],
                    "grouping": [class_activity],
                },
                "extensions": {f"{base}/xapi/extension/position": a.position},
            },
            "timestamp": a.created_at.isoformat(),
        })
    return statements


def xapi_json(the_class: ClassRecord, answers: list[ClassAnswer], home_page: str) -> str:
    return json.dumps(xapi_statements(the_class, answers, home_page), indent=2, ensure_ascii=False)


def export_name(the_class: ClassRecord, what: str, extension: str) -> str:
    return f"telltale-{the_class.code}-{the_class.created_at:%Y-%m-%d}-{what}.{extension}"
