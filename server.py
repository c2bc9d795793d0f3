"""Telltale's server: the app (app.py) and GET /ready, for whoever runs it and for monitors.

    streamlit run server.py      (what ./telltale.sh start and serve run)

/ready answers 200 when the content check found nothing wrong and the database takes writes,
otherwise 503; the body has one line per problem (file, line, item and field, or the database's
reason), like `python -m telltale.readiness`. Streamlit's own /_stcore/health only says that the
process is up; the app itself still serves every part whose content is fine.
"""
import asyncio
import ctypes
import gc
import importlib
import ctypes.util
import logging
import os
from contextlib import asynccontextmanager

import streamlit as st
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from telltale import readiness

log = logging.getLogger("telltale.server")


def keep_memory_returnable() -> None:
    """glibc's malloc, set for a server that decodes and encodes pictures in many threads.

    By default every thread that allocates at once gets its own heap (up to 8 per core), and after a
    large buffer is freed glibc serves the next ones from those heaps instead of fresh mappings; the
    freed pictures' memory then stays with the process. Measured with benchmarks/class_load.py
    (30 learners, warm-up, practice and ads): 937 MB held after a class by default, 368 MB with
    two heaps and large buffers always mapped (and so given back when freed).

    The number of heaps is fixed at the first allocation two threads make at once, which happens
    while Streamlit starts, before this file runs: so telltale.sh sets MALLOC_ARENA_MAX=2 in the
    environment (scripts/serve.py's workers inherit it). With mallopt alone a server had 5 heaps at
    /ready (1 with the variable), and held 305 MB after 20 classes of 100 against 272 MB after 10;
    mallopt still keeps it from making more than those."""
    if os.environ.get("MALLOC_ARENA_MAX") is None:
        log.warning("MALLOC_ARENA_MAX is not set: start the server with ./telltale.sh, or set it to 2 "
                    "(the process holds more memory over many classes without it)")
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is None or not hasattr(libc, "mallopt"):  # not glibc: nothing to set
        return
    m_arena_max, m_mmap_threshold = -8, -3
    libc.mallopt(m_arena_max, 2)
    libc.mallopt(m_mmap_threshold, 128 * 1024)  # fixed: glibc no longer raises it after a free


keep_memory_returnable()
storage = readiness.StorageProbe()


async def ready(request) -> PlainTextResponse:
    # Not before the server is warm (see prepare), so that a proxy or a benchmark that waits for
    # /ready sends no learner into the start-up imports.
    if warming:
        await asyncio.shield(warming[0])
    report = await asyncio.to_thread(readiness.startup_report)
    ok, text = readiness.ready_text(report, await asyncio.to_thread(storage.problem))
    return PlainTextResponse(text, status_code=200 if ok else 503, headers={"Cache-Control": "no-cache"})


def import_the_views() -> None:
    """Every page's modules imported once at start (pandas, Altair, the lab's search...):
    otherwise the first teacher to open the dashboard makes a class of learners wait for them."""
    import pkgutil

    import app_pages.views

    for module in pkgutil.iter_modules(app_pages.views.__path__, "app_pages.views."):
        importlib.import_module(module.name)
    # Streamlit's emoji table, compiled into one large regular expression the first time a widget
    # label is checked for a leading emoji (about half a second, in the middle of a class joining).
    importlib.import_module("streamlit.emojis")


def load_tables() -> None:
    """Tables that are otherwise read at their first use, which is in the middle of a class joining:
    the confusables that nicknames are compared by (Unicode TR39 data: 0.15 s of CPU alone, seconds
    at the first join of a busy server, every thread waiting), Babel's locale data (about 3 MB),
    the dashboard charts' looks."""
    from app_pages.views import cached
    from telltale import i18n
    from telltale.classroom import nicknames

    nicknames.key("Telltale")
    i18n.load_every_language()
    cached.build_class_chart_looks()


def prepare() -> None:
    readiness.startup_report()
    import_the_views()
    load_tables()
    # What start-up made (modules, content) lives as long as the server: kept out of the garbage
    # collector's full passes, which otherwise walked all of it (0.1-0.25 s each, every thread
    # stopped) several times while a class was joining.
    gc.collect()
    gc.freeze()


warming: list[asyncio.Future] = []  # prepare(), running or done


@asynccontextmanager
async def check_content_at_start(_app):
    # The content check and the imports run while the server starts, so no learner waits for them.
    warming.append(asyncio.get_running_loop().run_in_executor(None, prepare))
    yield


app = st.App("app.py", routes=[Route("/ready", ready, methods=["GET"])], lifespan=check_content_at_start)
