"""About the science, and credits for every image."""
import streamlit as st

from app_pages.views.cached import credits_table, read_text
from app_pages.views.navigation import link

st.title("About the science")
st.markdown(read_text("about.md"))

st.header("Image credits")
st.markdown("Every picture in Telltale, with where it comes from and its licence. Real photographs: "
            "Greg Peverill-Conti's *1,000 Faces* project, CC BY-NC-SA 2.0; our cropped versions are shared "
            "under the same licence.")
st.dataframe(credits_table(), hide_index=True, width="stretch")
link("welcome", "Back to the start")
