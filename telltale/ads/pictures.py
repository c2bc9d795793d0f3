"""The sponsored posts as learners receive them: each post drawn, and drawn again with its red
flags (or authentic signs) outlined, as JPEG bytes with the served noise (telltale/served.py).

Drawing a post takes about half a second of pure-Python work. A class reaches the ads at about
the same time, so the server draws every post ahead of time; ``draw_all_elsewhere`` does it in a
separate process, where that work does not hold the server's GIL while learners answer.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys

from telltale import served
from telltale.ads import lesson as ads_lesson_steps
from telltale.ads.faces import default_library
from telltale.ads.load import load_ads
from telltale.ads.model import AdsLesson
from telltale.ads.render import ad_group, highlight, render_ad
from telltale.images import display_jpeg

SCALE = 2  # posts are drawn at twice their layout size: sharp on phones and high-DPI screens
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies
POST_WIDTH = 420  # a phone-feed layout: shown about that wide on a desktop, and still legible on a phone


def post_pictures(lesson: AdsLesson, example_id: str, language: str, key: bytes) -> tuple[bytes, bytes]:
    """The post, and the post with its reveal outlined, in ``language``, noised under ``key``.

    Only JPEG bytes are kept: a drawn post at twice its size is about 6 MB of pixels."""
    example = lesson.example(example_id)
    rendered = render_ad(example, scale=SCALE, width=POST_WIDTH, group=ad_group(lesson.examples), language=language)
    reveal = ads_lesson_steps.reveal(lesson, example, True, {})
    marked = highlight(rendered.image, rendered.boxes, reveal.parts, scale=SCALE)
    return (served.served_bytes(display_jpeg(rendered.image, full_colour=True), key),
            served.served_bytes(display_jpeg(marked, full_colour=True), key))


def all_post_pictures(language: str, key: bytes) -> dict[str, tuple[bytes, bytes]]:
    """Every post of lessons/ads.yaml, by example id (raises ContentError when the content is broken)."""
    default_library()  # ContentError when the quiz faces cannot be known: no avatar could be chosen safely
    lesson = load_ads(language=language)
    return {example.id: post_pictures(lesson, example.id, language, key) for example in lesson.examples}


def draw_all_elsewhere(language: str, key: bytes) -> dict[str, tuple[bytes, bytes]]:
    """``all_post_pictures`` computed in a fresh child process (spawned: the server has threads, so
    it must not fork). The child is a daemon: it ends with the server. It runs at the lowest CPU
    priority: it takes about 20 s of CPU, and the class it is drawn for is answering meanwhile."""
    with multiprocessing.get_context("spawn").Pool(1, initializer=_background_child) as pool:
        return pool.apply(all_post_pictures, (language, key))


def _background_child() -> None:
    os.nice(19)
    if sys.platform.startswith("linux"):  # and it ends when its server is killed, not only when it exits
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
