"""Answers stored the way the app stores them: graded by their step kind (telltale.steps) and
stored by telltale.answering.submit, so that tests and benchmarks never write a row by hand."""
from __future__ import annotations

from telltale import answering, course
from telltale.content.lessons import FaceItem
from telltale.steps import ad, face, network, provenance
from telltale.storage import GradedAnswer, Learner, Store

WRONG = {"real": "ai", "ai": "real", "left": "right", "right": "left"}


def right_choice(items: dict[str, FaceItem], question: course.Question) -> str:
    if question.is_pair:
        return "left" if not items[question.items[0]].is_ai else "right"
    return items[question.items[0]].answer


def answer_questions(store: Store, learner: Learner, phase: str, count: int, items: dict[str, FaceItem],
                     right: bool = True, confidence: int = 70, response_ms: int = 1000) -> list[answering.Submitted]:
    """Answer the learner's first ``count`` questions of a face phase, all right or all wrong."""
    out = []
    for question in course.questions_for(phase, learner.plan, learner.seed, items)[:count]:
        choice = right_choice(items, question)
        graded = course.grade_question(items, question, choice if right else WRONG[choice])
        out.append(answering.submit(store, learner.id, phase, question.position, graded, confidence, response_ms))
    return out


def face_item(image_id: str, truth: str) -> FaceItem:
    """A face with a made-up id for tests that need no picture: "real" or "ai" (GAN)."""
    return FaceItem(image_id, "real" if truth == "real" else "gan", "A", 1, ())


def face_answer(image_id: str, choice: str, truth: str) -> GradedAnswer:
    """A single-face answer graded by the face step, for a face whose truth is given."""
    return face.grade(face_item(image_id, truth), choice)


def store_face(store: Store, learner_id: int, phase: str, position: int, image_id: str, choice: str, truth: str,
               confidence: int | None = None, response_ms: int | None = None) -> answering.Submitted:
    """One single-face answer to a face whose truth is given."""
    return answering.submit(store, learner_id, phase, position, face_answer(image_id, choice, truth), confidence,
                            response_ms)


def store_ad(store: Store, learner_id: int, lesson, position: int, example_id: str, decision: str, flags=(),
             confidence: int = 70, response_ms: int = 1000) -> answering.Submitted:
    graded = ad.grade(lesson, lesson.example(example_id), decision, flags)
    return answering.submit(store, learner_id, "ads", position, graded, confidence, response_ms)


def store_network(store: Store, learner_id: int, case, handles, reasons,
                  response_ms: int = 1000) -> answering.Submitted:
    graded = network.grade(case, handles, reasons)
    return answering.submit(store, learner_id, "network", 0, graded, None, response_ms)


def store_provenance(store: Store, learner_id: int, lab, position: int, case, verdict: str, evidence,
                     response_ms: int = 1000) -> answering.Submitted:
    graded = provenance.grade(lab, case, verdict, evidence)
    return answering.submit(store, learner_id, "provenance", position, graded, None, response_ms)
