"""Results: accuracy, hits and false alarms, d' and bias in words, calibration, change, tells, certificate."""
from datetime import date

import streamlit as st

from app_pages.views import ads, provenance
from app_pages.views.cached import chart, library, store
from app_pages.views.navigation import link, switch
from app_pages.views.session import forget_learner, require, steps_bar
from telltale import charts, generator
from telltale.certificate import certificate_png
from telltale.content.problems import ContentError
from telltale.results import (KIND_NAMES, PUBLISHED, PUBLISHED_RATES, PUBLISHED_TRAINED_D_PRIME, TEST_CHOICE,
                              accuracy_by_kind, bias_in_words, calibration_in_words, learner_results,
                              published_d_prime, sensitivity_in_words)

learner = require("results")
steps_bar(learner, "results")
answers = store().answers(learner.id)
try:
    lib = library()
except ContentError:  # the face library is broken (the content check at start names it): the ads' results only
    st.title("Your results")
    st.info("The results of the face tests cannot be shown right now: the face library has a problem.")
    ads.results_section(answers)
    provenance.results_section(answers)
    st.stop()
results = learner_results(lib.items, answers)
final = results.posttest or results.pretest

st.title("Your results")
if final is None:
    st.info("You have not answered any test questions yet.")
    ads.results_section(answers)
    provenance.results_section(answers)
    st.stop()

before, after = results.pretest, results.posttest
cols = st.columns(3)
cols[0].metric("Warm-up test", f"{before.correct} of {before.n}" if before else "not taken")
cols[1].metric("Final test", f"{after.correct} of {after.n}" if after else "not taken",
               delta=f"{after.correct - before.correct:+d} right" if before and after else None)
cols[2].metric("Practice", f"{results.practice_correct} of {results.practice_total}")

st.subheader("Catching fakes, and not accusing real people")
st.markdown(
    f"In the final test you caught **{final.hits} of {final.hits + final.misses} AI faces** (hits) "
    f"and called **{final.false_alarms} of {final.false_alarms + final.correct_rejections} real people** AI "
    f"(false alarms).\n\n"
    f"- **Sensitivity d′ = {final.d_prime:.2f}.** {sensitivity_in_words(final.d_prime)}\n"
    f"- **Bias c = {final.criterion:+.2f}.** {bias_in_words(final.criterion)}"
)
if before and after:
    st.markdown(f"From warm-up to final test your d′ went from **{before.d_prime:.2f}** to **{after.d_prime:.2f}**.")

kinds = accuracy_by_kind(lib.items, answers)
if kinds:
    st.markdown("**By kind of face (both tests):** " + " · ".join(
        f"{KIND_NAMES[k.kind]}: {k.correct} of {k.n} right" for k in kinds))

st.subheader("Were you as sure as you were right?")
chart(charts.calibration_chart, results.calibration)
st.markdown(calibration_in_words(results.overconfidence))

st.subheader("The tells you mastered")
if results.tells:
    for record in results.tells:
        mark = ":material/check_circle:" if record.mastered else ":material/radio_button_unchecked:"
        st.markdown(f"{mark} **{lib.lessons.tells[record.tell].name}**: caught {record.spotted} of {record.seen}")
else:
    st.markdown("No tells practised yet.")

st.subheader("How you compare")
chart(charts.comparison_chart, PUBLISHED, before, after)
st.caption("  \n".join(f"{label}: {value:g}% ({source})" for label, value, source in PUBLISHED))
rows = [f"| {who} | {hits:g}% | {fas:g}% | {published_d_prime(hits, fas):+.2f} | {source} |"
        for who, hits, fas, source in PUBLISHED_RATES]
rows.append(f"| Trained, with feedback | | | {PUBLISHED_TRAINED_D_PRIME:+.2f} | Nightingale & Farid 2022 |")
for label, detection_ in (("You, warm-up", before), ("You, final test", after)):
    if detection_:
        rows.append(f"| **{label}** | **{100 * detection_.hit_rate:.0f}%** | **{100 * detection_.false_alarm_rate:.0f}%** "
                    f"| **{detection_.d_prime:+.2f}** | |")
st.markdown("| | AI faces caught | Real faces called AI | d′ | Source |\n|---|---|---|---|---|\n" + "\n".join(rows))
st.caption("Training raised how many fakes people caught, but their false alarms rose too, so their d′ stayed "
           "near zero. d′ for Gray et al. is computed from the published rates.")
with st.expander("How the test faces were chosen"):
    st.markdown(TEST_CHOICE)
st.markdown("Tells fade as generators improve. The lasting skill is to **check the source**: who posted it, "
            "how old the account is, and whether the same photo appears elsewhere.")

ads.results_section(answers)
provenance.results_section(answers)

if generator.available():
    link("more_practice", "More practice with brand-new AI faces", icon=":material/autorenew:")

st.subheader("Your certificate")
name = st.text_input("Name to print on the certificate (optional, never stored)", max_chars=40)
lines = [f"Final test: {after.correct} of {after.n} right" if after else "",
         f"Warm-up test: {before.correct} of {before.n} right" if before else "",
         f"Sensitivity d\u2032 = {final.d_prime:.2f}"]
# Drawn only when the button is pressed, not on every rerun of this page.
st.download_button("Download certificate (PNG)", lambda: certificate_png(name, [l for l in lines if l], date.today()),
                   file_name="telltale-certificate.png", mime="image/png", type="primary")

if learner.class_id is None:  # a class's data belongs to its teacher, who deletes it from the dashboard
    with st.expander("Delete my answers"):
        st.markdown("This removes all your answers and your resume link from Telltale, for good.")
        if st.button("Delete my answers now", key="delete-me"):
            store().delete_learner(learner.id)
            forget_learner()
            switch("welcome")
