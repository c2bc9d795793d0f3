"""Telltale engine: content, scoring, storage, image work and the face generator.

Nothing in this package imports Streamlit; the app's pages call into it.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The content (lessons/ and images/) is the repository's own unless TELLTALE_CONTENT_DIR names a
# folder holding both, e.g. a school's edited copy; it is checked the same way when the app starts.
CONTENT_DIR = Path(os.environ.get("TELLTALE_CONTENT_DIR") or ROOT)
LESSONS_DIR = CONTENT_DIR / "lessons"
IMAGES_DIR = CONTENT_DIR / "images"
