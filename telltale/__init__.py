"""Telltale engine: content, scoring, storage, image work and the face generator.

Nothing in this package imports Streamlit; the app's pages call into it.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS_DIR = ROOT / "lessons"
IMAGES_DIR = ROOT / "images"
