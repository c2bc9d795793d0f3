"""About the science, and credits for every image."""
import streamlit as st

from app_pages.views.cached import credits_table, read_text, usable
from app_pages.views.language import _, language
from app_pages.views.navigation import link
from app_pages.views.session import part_unavailable
from telltale.content.about import about_name
from telltale.content.problems import ContentError

if usable("about"):
    st.title(_("About the science"))
    st.markdown(read_text(about_name(language())))
else:
    part_unavailable("about", stop=False)  # the credits below are still shown

st.header(_("Image credits"))
st.markdown(_("Every picture in Telltale, with where it comes from and its licence. Real photographs: "
              "Greg Peverill-Conti's *1,000 Faces* project, CC BY-NC-SA 2.0; our cropped versions are shared "
              "under the same licence."))
try:
    st.dataframe(credits_table(language()), hide_index=True, width="stretch")
except ContentError:  # no valid manifest: no pictures are shown anywhere either
    st.warning(_("The list of image credits cannot be shown right now: the image library has a problem."))
link("welcome", _("Back to the start"))
