"""The step contract: one module per kind of step a learner answers.

Each kind module has
- KIND: the name stored with its answers;
- grade(...) -> GradedAnswer: a pure function of the content and the submitted answer, which
  also encodes what was chosen and what was expected, so that no reader rebuilds the answer;
- decode(stored: str): the typed value of a stored choice or expected answer.
Drawing the question, reading its form and explaining it are the kind's view in
app_pages/views/ (the engine imports no Streamlit). Answers are stored by
telltale.answering.submit, never by a page.

A new kind of step: a module here, its view, its part in telltale.parts, its content file.
"""
from __future__ import annotations

from telltale.steps import ad, face, network, pair, provenance

KINDS = {module.KIND: module for module in (face, pair, ad, network, provenance)}


def decode(kind: str, stored: str):
    """A stored choice or expected answer as its kind's value (a str, or a list of handles)."""
    return KINDS[kind].decode(stored)
