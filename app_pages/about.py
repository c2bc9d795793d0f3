"""About the science, and credits for every image."""
import streamlit as st

from app_pages import guards, ui

if guards.usable("about"):
    st.title("About the science")
    st.markdown(ui.read_text("about.md"))
else:
    guards.part_unavailable("about", stop=False)  # the credits below are still shown

st.header("Image credits")
st.markdown("Every picture in Telltale, with where it comes from and its licence. Real photographs: "
            "Greg Peverill-Conti's *1,000 Faces* project, CC BY-NC-SA 2.0; our cropped versions are shared "
            "under the same licence.")
st.dataframe(ui.credits_table(), hide_index=True, width="stretch")
st.page_link("app_pages/welcome.py", label="Back to the start")
