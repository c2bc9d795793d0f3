"""Unlimited practice with faces generated on the spot (needs the optional generator): nothing is
scored or stored."""
from __future__ import annotations

import secrets

import streamlit as st

from app_pages.views.cached import answer_missing, library, library_in
from app_pages.views.language import _, language
from telltale.extra_practice import ExtraRound, Look, draw_round, generated_face, practice_real_photos
from telltale.generator import FaceGenerator


@st.cache_resource(show_spinner=False)
def face_generator():
    return FaceGenerator()  # loads OpenVINO and the weights: once per server, when first needed


@st.cache_data(show_spinner=False, max_entries=32)
def _generated(seed: int, like: str) -> bytes:
    return generated_face(face_generator(), ExtraRound("ai", seed=seed, like=like), library().face_bytes(like))


@st.cache_resource(show_spinner=False)
def _practice_photos(language: str) -> dict[str, Look]:
    lib = library_in(language)
    return practice_real_photos(lib.images, lib.items)  # never a face of the two test forms


def extra_round():
    """This tab's current round and its picture; rounds follow from a random number per tab."""
    base = st.session_state.setdefault("extra-base", secrets.randbelow(2**31))
    lib = library()
    extra = draw_round(base + st.session_state.get("extra-round", 0), _practice_photos(language()))
    if extra.answer == "ai":
        with st.spinner(_("Making a new face...")):
            picture = _generated(extra.seed, extra.like)
    else:
        picture = lib.face_bytes(extra.image_id)
    return extra, picture


def next_extra_round() -> None:
    st.session_state["extra-round"] = st.session_state.get("extra-round", 0) + 1
    st.session_state.pop("extra-answered", None)


def judge_extra(answer: str, form: str) -> None:
    """The form's callback (app_pages/views/faces.choice_form): the learner's verdict on this round,
    counted in the tab only; nothing is stored."""
    choice, confidence = st.session_state.get(f"{form}-choice"), st.session_state.get(f"{form}-sure")
    problem = answer_missing(choice, confidence)
    if problem:
        st.session_state[f"{form}-problem"] = problem
        return
    st.session_state["extra-answered"] = choice
    st.session_state["extra-seen"] = st.session_state.get("extra-seen", 0) + 1
    st.session_state["extra-right"] = st.session_state.get("extra-right", 0) + (choice == answer)


def extra_feedback(extra, choice: str) -> None:
    if choice == extra.answer:
        st.success(_("**Right!**"), icon=":material/check_circle:")
    else:
        st.error(_("**Not this time.**"), icon=":material/cancel:")
    if extra.answer == "ai":
        st.markdown(_("This face was **made on this computer** by a GAN (MobileStyleGAN, seed {seed}). "
                      "Check the background, the edges, earrings and glasses, hair and teeth: "
                      "which tells can you find?").format(seed=extra.seed))
    else:
        st.markdown(_("This is a **real photo** from Greg Peverill-Conti's *1,000 Faces* project. "
                      "Look for what a GAN finds hard: readable text, matching glasses and earrings, "
                      "a background full of real objects."))
