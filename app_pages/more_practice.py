"""More practice: unlimited rounds with faces generated on the spot (needs the optional generator)."""
import streamlit as st

from app_pages.views.cached import face
from app_pages.views.extra import extra_feedback, extra_round, judge_extra, next_extra_round
from app_pages.views.faces import choice_form
from app_pages.views.navigation import link
from app_pages.views.language import _
from app_pages.views.session import require
from telltale import generator

learner = require("more_practice")
st.title(_("More practice"))

if not generator.available():
    st.info(_("Unlimited practice makes new AI faces on this computer, and needs the optional face generator. "
              "Ask whoever runs Telltale to install it (see the README)."))
    link("results", _("Back to your results"))
    st.stop()

st.markdown(_("Every AI face here is made by a GAN **on this computer**, and none of them is in the course. "
              "Nothing is scored or stored: just practise."))
extra, picture = extra_round()
right, seen = st.session_state.get("extra-right", 0), st.session_state.get("extra-seen", 0)
left, notes = st.columns([1, 1.1], gap="large")
with left:
    face(picture, alt=_("A face to judge"), width="stretch")
with notes:
    st.caption(_("{right} of {seen} right so far").format(right=right, seen=seen))
    if st.session_state.get("extra-answered"):
        extra_feedback(extra, st.session_state["extra-answered"])
        st.button(_("Next face"), type="primary", on_click=next_extra_round)
    else:
        form = f"extra-{st.session_state.get('extra-round', 0)}"
        choice_form(form, judge_extra, (extra.answer, form))
link("results", _("Back to your results"))
