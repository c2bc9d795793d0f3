"""The fake-ads half of the course: sponsored-post examples, a network case, their
rendering and scoring. Imports no Streamlit.

- ``model``: frozen dataclasses (AdExample, NetworkCase, ...).
- ``load``: strict loading of lessons/ads.yaml and lessons/network.yaml (ContentError
  with every Problem, each naming file:line, item and field).
- ``render``: Pillow drawing of a post + Page-transparency panel, with part boxes, and
  ``highlight`` to outline parts with numbered badges. Pass
  ``group=ad_group(lesson.examples)`` so no two ads show the same library face.
- ``scoring``: ``score_ad`` (``AdScore.score`` is the combined score) and ``score_network``.
- ``fonts`` / ``faces``: the bundled Noto Sans font; faces from images/manifest.csv, never
  a face of the face quiz (lessons/faces.yaml).
- ``lesson``: the ads lesson as a course step (order per learner, grading with the stored
  detail, what the reveal shows).
- ``investigation``: the network case as a course step (shuffled case file, anonymous
  admin letters, the overlay, the Altair charts, grading, account-by-account verdicts).
- ``results``: a learner's ads and network figures from their stored answers.
- ``checks``: the content checks that tie the ads lessons to the face library
  (registered with ``python -m telltale.content check``).

Import the submodules directly (``from telltale.ads.render import render_ad``); this
package module imports nothing heavy itself.
"""
