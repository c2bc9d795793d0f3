"""The teacher's dashboard: live progress of the class, a discussion view for the projector, and
downloads, closing and deleting. Opened by the private teacher link."""
import streamlit as st

from app_pages import classroom_ui

classroom_ui.style()
the_class = classroom_ui.require_teacher()
classroom_ui.wide()
classroom_ui.class_heading(the_class)

classroom_ui.rejoin_requests(the_class.id)  # a student asking to continue on another device
with st.expander("How students join", expanded=classroom_ui.still_joining(the_class)):
    classroom_ui.join_panel(the_class, qr_width=240)

view = st.segmented_control("View", ["Live", "Discussion", "Download, close, delete"], default="Live",
                            key="dashboard-view", label_visibility="collapsed") or "Live"
if view == "Live":
    classroom_ui.live_view(the_class.id)
elif view == "Discussion":
    classroom_ui.discussion(the_class)
else:
    classroom_ui.exports(the_class)
