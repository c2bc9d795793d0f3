"""Welcome: what the course is, how long it takes, and that nothing personal is asked."""
import streamlit as st

from app_pages import ui

learner = ui.current_learner()

st.title("Telltale: can you spot a fake face?")
st.markdown(
    "In 2019, a network of fake accounts used **faces of people who do not exist**, made by an AI, "
    "to look like ordinary Americans. Its Pages reached about **55 million followers** before "
    "Facebook and Twitter removed it.\n\n"
    "In this course you will find out how well you can tell real photos from AI-made faces, "
    "learn the tells that give fakes away, practise with feedback, and see how much you improved."
)
left, right = st.columns(2)
left.markdown("**About 30 minutes**  \nFaces (15 min): warm-up test · the tells · practice · final test  \n"
              "Then (15 min): fake ads · a network case · your results")
right.markdown("**No sign-up, nothing personal**  \nNo name, no e-mail. Your answers are kept under a "
               "random link so you can stop and come back.")

if learner is None:
    if st.session_state.pop("lost-link", False):
        st.warning("This link no longer opens a course. Perhaps it was continued on another device (with the "
                   "teacher's approval), its answers were deleted, or the server lost its data. You can start "
                   "again, or join your class again with its code.", icon=":material/link_off:")
    if st.button("Start the course", type="primary"):
        learner = ui.start_learner()
        ui.go(learner.section)
else:
    st.info("Welcome back! Your answers so far are saved.")
    if st.button("Continue where I left off", type="primary"):
        ui.go(learner.section)

st.divider()
st.page_link("app_pages/join.py", label="Joining a class? Enter your class code")
st.page_link("app_pages/about.py", label="About the science, and image credits")
st.page_link("app_pages/teacher.py", label="For teachers: run Telltale with a class")
