"""The tells lesson's widgets: example faces whose tells can be shown and zoomed, the averaging
demo, and the checklist of source checks."""
from __future__ import annotations

import streamlit as st

from app_pages.views.cached import face, library
from app_pages.views.language import _
from app_pages.views.faces import clue_list
from telltale.i18n import N_

# Small enough that a step's text, its example and the Next button fit a 768px-high screen.
EXAMPLE_WIDTH = 340
SOURCE_CHECKS = (
    N_("Who posted it, and is the account older than a few weeks?"),
    N_("Does the same photo appear on other accounts? (Try a reverse image search.)"),
    N_("Does the account post like a person, or in bursts at machine-regular times?"),
    N_("Does it only share one outlet's links, with urgent calls to share?"),
)


@st.cache_data(show_spinner=False)
def average_of(kind: str, count: int) -> bytes:
    return library().average_bytes(kind, count)


def averaging_demo() -> None:
    """The investigators' trick from the 2019 case, live: average a dozen faces of each kind."""
    count = st.slider(_("How many faces to average"), 2, 24, 12, key="avg-count")
    left, right, _rest = st.columns([1, 1, 0.3])
    with left:
        face(average_of("gan", count), width=320,
             alt=_("The average of {count} AI-made faces: the eyes stay sharp").format(count=count))
        st.markdown(_("**{count} AI faces (GAN) averaged:** the eyes and mouth line up.").format(count=count))
    with right:
        face(average_of("real", count), width=320,
             alt=_("The average of {count} real photos: a soft blur").format(count=count))
        st.markdown(_("**{count} real photos averaged:** a blur, because real people stand anywhere in the "
                      "frame.").format(count=count))


def source_checklist() -> None:
    st.markdown(_("**Before you trust a profile, check:**"))
    for number, check in enumerate(SOURCE_CHECKS):
        st.checkbox(_(check), key=f"source-check-{number}")


def example_with_tell(image_id: str) -> None:
    """An example face; the learner switches the highlight on and zooms into each clue."""
    lib = library()
    item = lib.items[image_id]
    picture, notes = st.columns([0.75, 1.25], gap="medium")
    with notes:
        show = st.toggle(_("Show the tells"), key=f"show-{image_id}")
        zoom = st.toggle(_("Zoom in"), key=f"zoom-{image_id}", disabled=not show)
        st.markdown(_("This face is **AI-made**.") if item.is_ai else _("This face is **a real photo**."))
        if show:
            clue_list(image_id)
    with picture:
        if show and zoom and item.clues:
            numbers = list(range(len(item.clues)))
            chosen = st.segmented_control(_("Clue"), numbers, default=0, key=f"zoom-clue-{image_id}",
                                          format_func=lambda n: _("Clue {number}").format(number=n + 1)) or 0
            face(lib.zoom_bytes(image_id, chosen), alt=_("Close-up of clue {number}").format(number=chosen + 1),
                 width=EXAMPLE_WIDTH)
        elif show:
            face(lib.highlighted_bytes(image_id), alt=_("The face with its clues outlined and numbered"),
                 width=EXAMPLE_WIDTH)
        else:
            face(lib.face_bytes(image_id), alt=_("Example face"), width=EXAMPLE_WIDTH)
