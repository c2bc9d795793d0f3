"""Welcome: what the course is, how long it takes, and that nothing personal is asked."""
import streamlit as st

from app_pages.views.language import _
from app_pages.views.navigation import go, link
from app_pages.views.session import (course_available, course_unavailable, current_learner, language_selector,
                                     lost_link_notice, start_learner)

learner = current_learner()

language_selector()
st.title(_("Telltale: can you spot a fake face?"))
st.markdown(
    _("In 2019, a network of fake accounts used **faces of people who do not exist**, made by an AI, "
      "to look like ordinary Americans. Its Pages reached about **55 million followers** before "
      "Facebook and Twitter removed it.")
    + "\n\n"
    + _("In this course you will find out how well you can tell real photos from AI-made faces, "
        "learn the tells that give fakes away, practise with feedback, and see how much you improved.")
)
left, right = st.columns(2)
left.markdown(_("**About 30 minutes**  \nFaces (15 min): warm-up test · the tells · practice · final test  \n"
                "Then (15 min): fake ads · a network case · your results"))
right.markdown(_("**No sign-up, nothing personal**  \nNo name, no e-mail. Your answers are kept under a "
                 "random link so you can stop and come back."))

if learner is None:
    lost_link_notice()
    if not course_available():
        course_unavailable()
    elif st.button(_("Start the course"), type="primary"):
        learner = start_learner()
        go(learner.section)
else:
    st.info(_("Welcome back! Your answers so far are saved."))
    if st.button(_("Continue where I left off"), type="primary"):
        go(learner.section)

st.divider()
link("join", _("Joining a class? Enter your class code"))
link("about", _("About the science, and image credits"))
link("teacher", _("For teachers: run Telltale with a class"))
