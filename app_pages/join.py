"""Join a class: the code from the board (or the link) and a nickname; nothing else is asked."""
import streamlit as st

from app_pages import classroom_ui

st.title("Join your class")
classroom_ui.already_joined()
st.markdown("Type the code your teacher shows and pick a nickname. **Not your real name**: "
            "your teacher sees your nickname next to your answers.")
classroom_ui.join_form()
st.divider()
st.page_link("app_pages/welcome.py", label="No class? Take the course on your own")
