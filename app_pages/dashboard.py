"""The teacher's dashboard: live progress of the class, a discussion view for the projector, and
downloads, closing and deleting. Opened by the private teacher link."""
import streamlit as st

from app_pages.views import dashboard, teaching
from app_pages.views.language import _
from app_pages.views.classroom import class_heading, join_panel, require_teacher, still_joining, style
from app_pages.views.session import language_selector

style()
the_class = require_teacher()
dashboard.wide()
language_selector()  # the teacher's own language (the private link carries the one they started the class in)
class_heading(the_class)

dashboard.rejoin_requests(the_class.id)  # a student asking to continue on another device
with st.expander(_("How students join"), expanded=still_joining(the_class)):
    join_panel(the_class, qr_width=240)

views = {"live": _("Live"), "discussion": _("Discussion"), "plan": _("Lesson plan"),
         "exports": _("Download, close, delete")}
view = st.segmented_control(_("View"), list(views), default="live", format_func=views.get,
                            key="dashboard-view", label_visibility="collapsed") or "live"
if view == "live":
    dashboard.live_view(the_class.id)
elif view == "discussion":
    dashboard.discussion(the_class)
elif view == "plan":
    teaching.lesson_plan_panel(the_class, key="dashboard-kit")
else:
    dashboard.exports(the_class)
