"""Fake ads: one sponsored post at a time; authentic or not, how sure, which red flags; then the reveal."""
import streamlit as st

from app_pages.views import ads
from app_pages.views.cached import ads_lesson, store
from app_pages.views.language import _
from app_pages.views.session import content_or_stop, finish_section, onward_label, require, steps_bar
from telltale.ads.lesson import example_order, next_example

learner = require("ads")
steps_bar(learner, "ads")
st.title(_("Fake ads"))
st.markdown(_("In the 2019 case the fake faces were only the disguise: the operation was a network of Pages and "
              "ads. Judge each sponsored post as platform investigators do: read the post, then its **Page "
              "transparency** panel below it."))

lesson = content_or_stop(ads_lesson, learner, "ads")
order = example_order(lesson, learner.seed, learner.plan.get("ads_items"))
answered = {answer.item_id: answer for answer in store().answers(learner.id, "ads")}
done = sum(example_id in answered for example_id in order)
revealing = st.session_state.get("ads-reveal")

if revealing in answered and revealing in order:
    last = next_example(order, answered) is None
    ads.reveal(lesson, lesson.example(revealing), answered[revealing], done - 1, len(order),
               next_label=onward_label(learner, "ads") if last else _("Next post"))
elif (upcoming := next_example(order, answered)) is None:
    finish_section(learner, "ads")
else:
    ads.ask(learner, lesson, lesson.example(upcoming), number=done, total=len(order), slot=len(answered))
