"""Check the source: a few profiles and posts; for each, three tools (reverse image search, lateral
reading, Content Credentials), a decision and the evidence that decided it; then what each tool revealed."""
import streamlit as st

from app_pages.views import provenance
from app_pages.views.cached import progress, store
from app_pages.views.language import _
from app_pages.views.session import finish_section, onward_label, require, steps_bar

learner = require("provenance")
steps_bar(learner, "provenance")
st.title(_("Check the source"))
st.markdown(_("Tells go out of date; checking the source does not. For each account or post below, use the "
              "three tools that fact-checkers use, decide whether it **checks out**, and say which evidence "
              "decided it."))
provenance.what_credentials_prove()

lab = provenance.lab_or_stop(learner)
answered = {answer.item_id: answer for answer in store().answers(learner.id, "provenance")}
upcoming = next((case for case in lab.cases if case.id not in answered), None)
revealing = st.session_state.get("prov-reveal")

if revealing in answered:
    case = lab.case(revealing)
    progress(len(answered) - 1, len(lab.cases), noun="Case")
    provenance.case_card(case)
    last = upcoming is None
    if provenance.feedback(lab, case, answered[revealing], onward_label(learner, "provenance") if last else _("Next case")):
        st.session_state.pop("prov-reveal")
        st.rerun()
elif upcoming is None:
    finish_section(learner, "provenance")
else:
    progress(len(answered), len(lab.cases), noun="Case")
    provenance.case_card(upcoming)
    provenance.tools(lab, upcoming)
    if provenance.decision_form(learner, lab, upcoming, slot=len(answered)):
        st.session_state["prov-reveal"] = upcoming.id
        st.rerun()

provenance.toolbox(lab)
