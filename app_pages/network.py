"""The network investigation: a case file of accounts, three tools, the learner's findings, then the truth."""
import streamlit as st

from app_pages.views import network
from app_pages.views.cached import network_case, store
from app_pages.views.language import _
from app_pages.views.session import content_or_stop, finish_section, onward_label, require, steps_bar
from telltale.ads.investigation import display_order

learner = require("network")
steps_bar(learner, "network")
case = content_or_stop(network_case, learner, "network")
accounts = display_order(case, learner.seed)
findings = store().answers(learner.id, "network")

st.title(case.title)
if findings:
    network.explanation(case, accounts, findings[0])
    if st.button(onward_label(learner, "network"), type="primary"):
        finish_section(learner, "network")
    st.subheader(_("Replay with a fresh case"), anchor=False)
    st.markdown(_("Practise on a new network, generated for you: new accounts, photos, times and admins. "
                  "It is not scored. In a class, everyone gets the same fresh case, so you can compare."))
    round_number = st.session_state.get("net-round", 0)
    if st.button(_("Investigate a fresh case") if not round_number else _("Another fresh case"), key="net-fresh"):
        st.session_state["net-round"] = round_number = round_number + 1
    if round_number:
        network.fresh_case(learner, round_number, learner.class_id or learner.seed)
else:
    st.markdown(case.brief)
    st.subheader(_("The case file"), anchor=False)
    network.case_file(accounts)
    st.subheader(_("Your tools"), anchor=False)
    network.tools(case, accounts)
    st.subheader(_("Your findings"), anchor=False)
    if network.findings_form(learner, case, accounts):
        st.rerun()
