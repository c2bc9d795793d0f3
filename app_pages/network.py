"""The network investigation: a case file of accounts, three tools, the learner's findings, then the truth."""
import streamlit as st

from app_pages import ads_ui, ui
from telltale.ads.investigation import display_order

learner = ui.require_learner("network")
ui.steps_bar(learner, "network")
case = ads_ui.case_or_stop(learner)
accounts = display_order(case, learner.seed)
findings = ui.store().answers(learner.id, "network")

st.title(case.title)
if findings:
    ads_ui.explanation(case, accounts, findings[0])
    if st.button("See your results", type="primary"):
        ui.finish_section(learner, "network")
else:
    st.markdown(case.brief)
    st.subheader("The case file", anchor=False)
    ads_ui.case_file(accounts)
    st.subheader("Your tools", anchor=False)
    ads_ui.tools(case, accounts)
    st.subheader("Your findings", anchor=False)
    if ads_ui.findings_form(learner, case, accounts):
        st.rerun()
