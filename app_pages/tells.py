"""The tells: one tell per step, example faces whose tell can be highlighted and zoomed."""
import streamlit as st

from app_pages.views.cached import library
from app_pages.views.language import _
from app_pages.views.session import finish_section, onward_label, require, steps_bar
from app_pages.views.tells import averaging_demo, example_with_tell, source_checklist

learner = require("tells")
lessons = library().lessons
steps_bar(learner, "tells")

steps = lessons.steps
index = min(st.session_state.get("tell_step", 0), len(steps) - 1)
step = steps[index]

st.progress((index + 1) / len(steps), text=_("The tells · step {number} of {total}").format(number=index + 1,
                                                                                          total=len(steps)))
st.title(step.title)
if step.tell:
    tell = lessons.tells[step.tell]
    st.caption(_("How far to trust it: **{strength}**").format(strength=tell.strength))
st.markdown(step.body)

if step.widget == "average":
    averaging_demo()
elif step.widget == "limits":
    source_checklist()
for example in step.examples:
    example_with_tell(example)

back, forward = st.columns(2)
if index > 0 and back.button(_("Back"), key="tell-back"):
    st.session_state["tell_step"] = index - 1
    st.rerun()
if index + 1 < len(steps):
    if forward.button(_("Next"), type="primary", key="tell-next"):
        st.session_state["tell_step"] = index + 1
        st.rerun()
elif forward.button(onward_label(learner, "tells"), type="primary", key="tell-done"):
    finish_section(learner, "tells")
