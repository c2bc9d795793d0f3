"""Final test: different faces of the same difficulty as the warm-up, again without feedback."""
import streamlit as st

from app_pages.views.language import _
from app_pages.views.faces import test_screen
from app_pages.views.session import require, steps_bar

learner = require("posttest")
steps_bar(learner, "posttest")
st.title(_("Final test"))
st.markdown(_("New faces, as hard as the warm-up. No feedback until the end: "
              "use what you have learned, and take your time to look."))
test_screen(learner, "posttest")
