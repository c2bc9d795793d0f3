"""Telltale: set up the page and route to the screens; the screens live in app_pages/, their list in
telltale/parts.py."""
import streamlit as st

from app_pages.views import cached, classroom, navigation, session
from app_pages.views.language import _, adopt_address_language
from telltale.library import ImageUnavailable
from telltale.storage import StorageError

adopt_address_language()  # before any message is translated
st.set_page_config(page_title=_("Telltale: spot the fake face"), page_icon=":material/search:", layout="centered")
cached.style()
cached.content_report()  # the content check, once when the server starts (its problems are logged)
# Learners move through the course by its buttons, not a menu, so they cannot skip ahead.
try:
    session.raise_callback_error()  # one kept by a button's callback before this run
    classroom.sweep_expired_classes()  # class data past its retention period (at most hourly)
    st.navigation(navigation.all_pages(), position="hidden").run()
except StorageError as error:  # the database cannot keep answers: said plainly on any screen
    session.storage_page(error)
except ImageUnavailable as error:  # a picture vanished or changed since the server started
    session.picture_page(error)
