"""Issue 9: a served quiz face cannot be looked up in the repository, in real Chromium.

The attack that worked: hash the face the browser received (or take its /media/ address) and
look it up in a table built from the public repository (its files, their SHA-256s, the manifest,
the addresses Streamlit would give its files). It answered the whole warm-up test.
"""
from __future__ import annotations

import hashlib
import subprocess

from sqlalchemy import update
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from telltale import ROOT
from telltale.library import load_library
from telltale.storage import Store, learners, make_engine
from testkit.browser import wait_idle
from testkit.learner import questions, start_course, token_of


def repository_lookup() -> tuple[dict[str, str], dict[str, str], set[bytes]]:
    """What an attacker builds from the repository: SHA-256 -> kind, /media/ id -> kind, all file bytes."""
    library = load_library()
    by_hash = {entry.sha256: entry.kind for entry in library.images.values()}
    by_media = {}
    contents = set()
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        data = (ROOT / name).read_bytes()
        contents.add(data)
        kind = next((e.kind for e in library.images.values() if e.file in name), "file")
        by_hash.setdefault(hashlib.sha256(data).hexdigest(), kind)
        for mimetype in ("image/jpeg", "image/png"):
            by_media[_calculate_file_id(data, mimetype)] = kind
    return by_hash, by_media, contents


def face_on_screen(page) -> tuple[str, bytes]:
    [src] = page.eval_on_selector_all('[data-testid="stImage"] img', "els => els.map(e => e.src)")
    reply = page.request.get(src)
    assert reply.ok
    return src, reply.body()


def test_served_faces_match_nothing_in_the_repository_and_differ_per_learner(chromium, app_url, tmp_path):
    db = f"sqlite:///{tmp_path / 'app.db'}"
    first = start_course(chromium, app_url)
    second = start_course(chromium, app_url)
    # Give the second learner the first one's seed: both now get the very same first face.
    store = Store(make_engine(db))
    seed = store.learner_by_token(token_of(first)).seed
    with store.engine.begin() as conn:
        conn.execute(update(learners).where(learners.c.id == store.learner_by_token(token_of(second)).id)
                     .values(seed=seed))
    store.engine.dispose()
    second.reload()
    wait_idle(second)
    face = questions(db, first, "pretest")[0].items[0]
    assert questions(db, second, "pretest")[0].items[0] == face

    first_src, first_bytes = face_on_screen(first)
    second_src, second_bytes = face_on_screen(second)
    assert first_src != second_src and first_bytes != second_bytes

    by_hash, by_media, contents = repository_lookup()
    stored = load_library().face_bytes(face)
    assert _calculate_file_id(stored, "image/jpeg") in by_media  # the lookup does work on stored bytes
    for src, data in ((first_src, first_bytes), (second_src, second_bytes)):
        assert hashlib.sha256(data).hexdigest() not in by_hash
        assert data not in contents
        media_id = src.rsplit("/", 1)[-1].split(".")[0]
        assert media_id not in by_media
    first.close()
    second.close()
