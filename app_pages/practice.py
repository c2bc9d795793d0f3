"""Practice with feedback: single faces and pairs, then the tells shown on the picture."""
import streamlit as st

from app_pages.views.ads import draw_posts_soon
from app_pages.views.cached import store
from app_pages.views.language import _
from app_pages.views.faces import ask, feedback, questions
from app_pages.views.session import finish_section, onward_label, require, steps_bar
from telltale import scoring

learner = require("practice")
draw_posts_soon(learner)  # the ads come two parts later: their pictures are made meanwhile
steps_bar(learner, "practice")
st.title(_("Practice"))
st.markdown(_("Now you get feedback after every answer. Look for the tells, then check them on the picture."))

all_questions = questions("practice", learner)
answered = store().answers(learner.id, "practice")
feedback_for = st.session_state.get("practice-feedback")

if feedback_for is not None and feedback_for < len(answered):
    with feedback(all_questions[feedback_for], answered[feedback_for], len(all_questions)):
        if scoring.drifting_to_ai([a.choice for a in answered if a.choice in scoring.CHOICES]):
            st.warning(_("You have called almost every recent face AI-made. Careful: calling everything fake is "
                         "not a skill. Real people get accused, and you start to doubt true things too. "
                         "Look for a tell before you say AI."), icon=":material/warning:")
        last = feedback_for + 1 >= len(all_questions)
        st.button(onward_label(learner, "practice") if last else _("Next face"), type="primary",
                  on_click=st.session_state.pop, args=("practice-feedback", None))
elif len(answered) >= len(all_questions):
    finish_section(learner, "practice")
else:
    ask(learner, all_questions[len(answered)], len(all_questions), remember_as="practice-feedback")
