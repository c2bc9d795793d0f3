"""Warm-up test: ten faces without feedback, the learner's starting point."""
import streamlit as st

from app_pages.views.language import _
from app_pages.views.faces import test_screen
from app_pages.views.session import require, steps_bar

learner = require("pretest")
steps_bar(learner, "pretest")
st.title(_("Warm-up test"))
st.markdown(_("Look at each face and decide: **real photo or AI-made?** Then say how sure you are. "
              "You will not see the answers yet: this is your starting point, so just do your best."))
test_screen(learner, "pretest")
