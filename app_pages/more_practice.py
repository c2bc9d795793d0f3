"""More practice: unlimited rounds with faces generated on the spot (needs the optional generator)."""
import streamlit as st

from app_pages import ui
from telltale import generator

learner = ui.require_learner("results")
st.title("More practice")

if not generator.available():
    st.info("Unlimited practice makes new AI faces on this computer, and needs the optional face generator. "
            "Ask whoever runs Telltale to install it (see the README).")
    st.page_link(ui.PAGE_FILES["results"], label="Back to your results")
    st.stop()

st.markdown("Every AI face here was made **seconds ago** and nobody has seen it before. "
            "Nothing is scored or stored: just practise.")
extra, picture = ui.extra_round()
right, seen = st.session_state.get("extra-right", 0), st.session_state.get("extra-seen", 0)
left, notes = st.columns([1, 1.1], gap="large")
with left:
    ui.face(picture, alt="A face to judge", width="stretch")
with notes:
    st.caption(f"{right} of {seen} right so far")
    if st.session_state.get("extra-answered"):
        ui.extra_feedback(extra, st.session_state["extra-answered"])
        if st.button("Next face", type="primary"):
            ui.next_extra_round()
            st.rerun()
    else:
        given = ui.choice_form(f"extra-{st.session_state.get('extra-round', 0)}")
        if given is not None:
            st.session_state["extra-answered"] = given[0]
            st.session_state["extra-seen"] = seen + 1
            st.session_state["extra-right"] = right + (given[0] == extra.answer)
            st.rerun()
st.page_link(ui.PAGE_FILES["results"], label="Back to your results")
