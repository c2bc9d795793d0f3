"""Helpers shared by the tests, the scripts and the benchmarks: a real Streamlit server and
Chromium (browser), a scripted learner who clicks like a person (learner), and answers stored
the way the app stores them, graded by their step kind and submitted (answers)."""
