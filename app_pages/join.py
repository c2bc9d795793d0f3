"""Join a class: the code from the board (or the link) and a nickname; nothing else is asked."""
import streamlit as st

from app_pages.views.language import _
from app_pages.views.classroom import already_joined, class_language_default, join_form
from app_pages.views.navigation import link
from app_pages.views.session import language_selector

class_language_default()  # a class link's language, unless this tab has one already
language_selector()
st.title(_("Join your class"))
already_joined()
st.markdown(_("Type the code your teacher shows and pick a nickname. **Not your real name**: "
              "your teacher sees your nickname next to your answers."))
join_form()
st.divider()
link("welcome", _("No class? Take the course on your own"))
