"""Results: accuracy, hits and false alarms, d' and bias in words, calibration, change, tells, certificate."""
from datetime import date

import streamlit as st

from app_pages.views import ads, provenance
from app_pages.views.cached import chart, library, store
from app_pages.views.language import _, language, number
from app_pages.views.navigation import link, switch
from app_pages.views.session import forget_learner, require, steps_bar
from telltale import charts, generator
from telltale.certificate import certificate_png
from telltale.content.problems import ContentError
from telltale.results import (KIND_NAMES, PUBLISHED, PUBLISHED_RATES, PUBLISHED_TRAINED_D_PRIME, TEST_CHOICE,
                              accuracy_by_kind, bias_in_words, calibration_in_words, learner_results,
                              published_d_prime, sensitivity_in_words)

learner = require("results")
lang = language()
steps_bar(learner, "results")
answers = store().answers(learner.id)
try:
    lib = library()
except ContentError:  # the face library is broken (the content check at start names it): the ads' results only
    st.title(_("Your results"))
    st.info(_("The results of the face tests cannot be shown right now: the face library has a problem."))
    ads.results_section(answers)
    provenance.results_section(answers)
    st.stop()
results = learner_results(lib.items, answers)
final = results.posttest or results.pretest

st.title(_("Your results"))
if final is None:
    st.info(_("You have not answered any test questions yet."))
    ads.results_section(answers)
    provenance.results_section(answers)
    st.stop()

before, after = results.pretest, results.posttest
of = _("{count} of {total}")
cols = st.columns(3)
cols[0].metric(_("Warm-up test"), of.format(count=before.correct, total=before.n) if before else _("not taken"))
cols[1].metric(_("Final test"), of.format(count=after.correct, total=after.n) if after else _("not taken"),
               delta=_("{change} right").format(change=number(after.correct - before.correct, signed=True))
               if before and after else None)
cols[2].metric(_("Practice"), of.format(count=results.practice_correct, total=results.practice_total))

st.subheader(_("Catching fakes, and not accusing real people"))
st.markdown(
    _("In the final test you caught **{hits} of {ai} AI faces** (hits) and called **{false_alarms} of {real} real "
      "people** AI (false alarms).").format(hits=final.hits, ai=final.hits + final.misses,
                                            false_alarms=final.false_alarms,
                                            real=final.false_alarms + final.correct_rejections)
    + "\n\n"
    + "- " + _("**Sensitivity d′ = {d_prime}.** {words}").format(d_prime=number(final.d_prime, 2),
                                                                 words=sensitivity_in_words(final.d_prime, lang))
    + "\n- " + _("**Bias c = {c}.** {words}").format(c=number(final.criterion, 2, signed=True),
                                                     words=bias_in_words(final.criterion, lang))
)
if before and after:
    st.markdown(_("From warm-up to final test your d′ went from **{before}** to **{after}**.").format(
        before=number(before.d_prime, 2), after=number(after.d_prime, 2)))

kinds = accuracy_by_kind(lib.items, answers)
if kinds:
    st.markdown(_("**By kind of face (both tests):**") + " " + " · ".join(
        _("{kind}: {count} of {total} right").format(kind=_(KIND_NAMES[k.kind]), count=k.correct, total=k.n)
        for k in kinds))

st.subheader(_("Were you as sure as you were right?"))
chart(charts.calibration_chart, results.calibration)
st.markdown(calibration_in_words(results.overconfidence, lang))

st.subheader(_("The tells you mastered"))
if results.tells:
    for record in results.tells:
        mark = ":material/check_circle:" if record.mastered else ":material/radio_button_unchecked:"
        st.markdown(f"{mark} **{lib.lessons.tells[record.tell].name}**: "
                    + _("caught {spotted} of {seen}").format(spotted=record.spotted, seen=record.seen))
else:
    st.markdown(_("No tells practised yet."))

st.subheader(_("How you compare"))
published = tuple((_(label), value, _(source)) for label, value, source in PUBLISHED)
chart(charts.comparison_chart, published, before, after)
st.caption("  \n".join(f"{label}: {number(value, 1 if value % 1 else 0)}% ({source})"
                       for label, value, source in published))
rows = [f"| {_(who)} | {number(hits)}% | {number(fas)}% | {number(published_d_prime(hits, fas), 2, signed=True)} "
        f"| {_(source)} |" for who, hits, fas, source in PUBLISHED_RATES]
trained = _("Trained, with feedback")
rows.append(f"| {trained} | | | {number(PUBLISHED_TRAINED_D_PRIME, 2, signed=True)} | Nightingale & Farid 2022 |")
for label, detection_ in ((_("You, warm-up"), before), (_("You, final test"), after)):
    if detection_:
        rows.append(f"| **{label}** | **{number(100 * detection_.hit_rate)}%** "
                    f"| **{number(100 * detection_.false_alarm_rate)}%** "
                    f"| **{number(detection_.d_prime, 2, signed=True)}** | |")
header = " | ".join((_("AI faces caught"), _("Real faces called AI"), "d′", _("Source")))
st.markdown(f"| | {header} |\n|---|---|---|---|---|\n" + "\n".join(rows))
st.caption(_("Training raised how many fakes people caught, but their false alarms rose too, so their d′ stayed "
             "near zero. d′ for Gray et al. is computed from the published rates."))
with st.expander(_("How the test faces were chosen")):
    st.markdown(_(TEST_CHOICE))
st.markdown(_("Tells fade as generators improve. The lasting skill is to **check the source**: who posted it, "
              "how old the account is, and whether the same photo appears elsewhere."))

ads.results_section(answers)
provenance.results_section(answers)

if generator.available():
    link("more_practice", _("More practice with brand-new AI faces"), icon=":material/autorenew:")

st.subheader(_("Your certificate"))
lines = [_("Final test: {count} of {total} right").format(count=after.correct, total=after.n) if after else "",
         _("Warm-up test: {count} of {total} right").format(count=before.correct, total=before.n) if before else "",
         _("Sensitivity d′ = {d_prime}").format(d_prime=number(final.d_prime, 2))]
# A form, so the name typed is the name drawn: a download clicked straight after typing would reach the
# server before the name did. The picture is drawn once per name, not on every rerun of this page.
made = f"certificate-{learner.id}"  # per learner: a tab can start over as someone new
with st.form("certificate", border=False, enter_to_submit=True):
    name = st.text_input(_("Name to print on the certificate (optional, never stored)"), max_chars=40)
    if st.form_submit_button(_("Make my certificate")):
        st.session_state[made] = certificate_png(name, [line for line in lines if line], date.today(),
                                                 language=lang)
if made in st.session_state:
    st.image(st.session_state[made], width=480)
    st.download_button(_("Download certificate (PNG)"), st.session_state[made],
                       file_name="telltale-certificate.png", mime="image/png", type="primary", on_click="ignore")

if learner.class_id is None:  # a class's data belongs to its teacher, who deletes it from the dashboard
    with st.expander(_("Delete my answers")):
        st.markdown(_("This removes all your answers and your resume link from Telltale, for good."))
        if st.button(_("Delete my answers now"), key="delete-me"):
            store().delete_learner(learner.id)
            forget_learner()
            switch("welcome")
