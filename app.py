"""Telltale: set up the page and route to the screens; the screens live in app_pages/, their list in
telltale/parts.py."""
import streamlit as st

from app_pages.views import cached, classroom, navigation

st.set_page_config(page_title="Telltale: spot the fake face", page_icon=":material/search:", layout="centered")
cached.style()
classroom.sweep_expired_classes()  # class data past its retention period (at most hourly)
# Learners move through the course by its buttons, not a menu, so they cannot skip ahead.
st.navigation(navigation.all_pages(), position="hidden").run()
