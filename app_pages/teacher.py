"""Start a class: the teacher picks the parts of the course and how many faces; the app gives a code,
a join link and QR code to project, and a private link to the live dashboard."""
import streamlit as st

from app_pages.views import classroom as classroom_views, teaching
from app_pages.views.language import _
from app_pages.views.navigation import link
from app_pages.views.session import language_selector
from telltale import classroom

classroom_views.style()
the_class, token = classroom_views.teacher_class()

language_selector()
st.title(_("Run Telltale with a class"))
if the_class is None:
    st.markdown(_("Students join with a class code and a nickname: no accounts, no names, no e-mail. "
                  "You follow their answers live on a dashboard you can project, discuss the faces that fooled "
                  "the class, and download the results. Everything is deleted automatically after "
                  "{days} days, or sooner if you delete it.").format(days=classroom.retention_days()))
    st.subheader(_("Start a class"), anchor=False)
    classroom_views.start_class_form()
else:
    st.success(_("Class {code} is ready.").format(code=the_class.code))
    classroom_views.class_links(the_class, token)
    st.subheader(_("Your lesson plan"), anchor=False)
    teaching.lesson_plan_panel(the_class, key="teacher-kit")

st.divider()
link("welcome", _("Back to the start"))
