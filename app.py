"""Telltale: set up the page and route to the screens; the screens live in app_pages/."""
import streamlit as st

from app_pages import classroom_ui, guards, ui
from telltale.library import ImageUnavailable
from telltale.storage import StorageError

st.set_page_config(page_title="Telltale: spot the fake face", page_icon=":material/search:", layout="centered")
ui.style()
guards.content_report()  # the content check, once when the server starts (problems are logged)

pages = [
    st.Page("app_pages/welcome.py", title="Welcome", url_path="welcome", default=True),
    st.Page("app_pages/pretest.py", title="Warm-up test", url_path="pretest"),
    st.Page("app_pages/tells.py", title="The tells", url_path="tells"),
    st.Page("app_pages/practice.py", title="Practice", url_path="practice"),
    st.Page("app_pages/posttest.py", title="Final test", url_path="posttest"),
    st.Page("app_pages/ads.py", title="Fake ads", url_path="ads"),
    st.Page("app_pages/network.py", title="Network case", url_path="network"),
    st.Page("app_pages/results.py", title="Your results", url_path="results"),
    st.Page("app_pages/more_practice.py", title="More practice", url_path="more-practice"),
    st.Page("app_pages/about.py", title="About the science and credits", url_path="about"),
    st.Page("app_pages/join.py", title="Join a class", url_path="join"),
    st.Page("app_pages/teacher.py", title="Start a class", url_path="teacher"),
    st.Page("app_pages/dashboard.py", title="Class dashboard", url_path="dashboard"),
]
# Learners move through the course by its buttons, not a menu, so they cannot skip ahead.
try:
    classroom_ui.sweep_expired_classes()  # class data past its retention period (at most hourly)
    st.navigation(pages, position="hidden").run()
except StorageError as error:  # the database cannot keep answers: say so on any screen
    guards.storage_page(error)
except ImageUnavailable as error:  # a picture changed or vanished since the server started
    guards.picture_page(error)
