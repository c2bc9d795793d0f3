"""Warm-up test: ten faces without feedback, the learner's starting point."""
import streamlit as st

from app_pages import ui

learner = ui.require_learner("pretest")
ui.steps_bar(learner, "pretest")
st.title("Warm-up test")
st.markdown("Look at each face and decide: **real photo or AI-made?** Then say how sure you are. "
            "You will not see the answers yet: this is your starting point, so just do your best.")
ui.test_screen(learner, "pretest")
