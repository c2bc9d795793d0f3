"""Practice with feedback: single faces and pairs, then the tells shown on the picture."""
import streamlit as st

from app_pages import ui
from telltale import scoring

learner = ui.require_learner("practice")
ui.steps_bar(learner, "practice")
st.title("Practice")
st.markdown("Now you get feedback after every answer. Look for the tells, then check them on the picture.")

questions = ui.questions("practice", learner)
answered = ui.store().answers(learner.id, "practice")
feedback_for = st.session_state.get("practice-feedback")

if feedback_for is not None and feedback_for < len(answered):
    with ui.feedback(questions[feedback_for], answered[feedback_for], len(questions)):
        if scoring.drifting_to_ai([a.choice for a in answered if a.choice in scoring.CHOICES]):
            st.warning("You have called almost every recent face AI-made. Careful: calling everything fake is "
                       "not a skill. Real people get accused, and you start to doubt true things too. "
                       "Look for a tell before you say AI.", icon=":material/warning:")
        if st.button("Next face" if feedback_for + 1 < len(questions) else ui.onward_label(learner, "practice"), type="primary"):
            st.session_state.pop("practice-feedback")
            st.rerun()
elif len(answered) >= len(questions):
    ui.finish_section(learner, "practice")
else:
    position = len(answered)
    if ui.ask(learner, questions[position], len(questions)):
        st.session_state["practice-feedback"] = position
        st.rerun()
