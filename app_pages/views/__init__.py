"""The Streamlit pieces the pages are written with, in layers that import downwards only:

0. language    this tab's language, and the interface's messages in it (_, ngettext, number)
1. cached      the engine's objects, loaded once per server (library, database, ads lessons),
               and what every screen shares (style, Markdown escaping, progress, faces)
   navigation  the pages of telltale.parts as st.Page objects; going to one, linking to one
2. session     the learner of this tab, who may open which part, moving on, submitting an answer
3. faces       the face steps (single face and pair): question, form, feedback; the clue list
   tells       the tells lesson's widgets
   ads         the ad step: post, form, reveal; the ads part of the results
   network     the network case: case file, tools, findings form, explanation
   provenance  the provenance lab: a case with its tools, decision form, feedback; the toolbox
   extra       unlimited practice with generated faces
   classroom   the teacher's start form and links, joining a class
4. teaching    the teacher's kit: the lesson plan, the printable materials, the discussion prompts
5. dashboard   the teacher's live, discussion, lesson-plan and export views

A module imports only from layers above it in this list (tests/test_architecture.py checks it); a
new step kind's view is in layer 3.
"""
