"""Join a class: the code from the board (or the link) and a nickname; nothing else is asked."""
import streamlit as st

from app_pages.views.classroom import already_joined, join_form
from app_pages.views.navigation import link

st.title("Join your class")
already_joined()
st.markdown("Type the code your teacher shows and pick a nickname. **Not your real name**: "
            "your teacher sees your nickname next to your answers.")
join_form()
st.divider()
link("welcome", "No class? Take the course on your own")
