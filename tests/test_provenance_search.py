"""Reverse image search over what the app holds, on the real index: every planted copy is found,
cropped (80% of each side), mirrored, recoloured and recompressed (JPEG quality 60) copies of faces
are found, and no picture of the library matches another one above the threshold."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from telltale.ads.load import load_ads, load_network
from telltale.provenance import search
from telltale.provenance.lab import load_lab

TRANSFORMS = (["crop"], ["mirror"], ["filter"], ["jpeg"], ["crop", "mirror", "filter", "jpeg"])
EVERY = 16  # of the library's faces, every 16th is also searched under each transformation


@pytest.fixture(scope="module")
def lab():
    return load_lab()


@pytest.fixture(scope="module")
def index(lab):
    return search.lab_index(lab, search.library_faces(), load_ads(), load_network())


def as_displayed(path) -> Image.Image:
    """The photo as a learner receives it (re-encoded JPEG), which is what they would search with."""
    buffer = io.BytesIO()
    with Image.open(path) as image:
        image.convert("RGB").save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def test_the_index_holds_the_library_the_avatars_the_accounts_and_the_planted_copies(index, lab):
    library = search.library_faces()
    keys = {entry.key for entry in index.entries}
    assert {face.id for face in library.faces} <= keys
    assert {f"copy:{copy.handle}" for case in lab.cases for copy in case.copies} <= keys
    wheres = {s.where for entry in index.entries for s in entry.sightings}
    assert "profile photo of a Page that runs sponsored posts" in wheres and "profile photo of an account" in wheres
    network = load_network()
    handles = {s.handle for entry in index.entries for s in entry.sightings}
    assert {a.handle for a in network.accounts if a.avatar.face} <= handles


def test_searching_a_case_photo_finds_each_planted_copy_under_its_name(index, lab):
    for case in lab.cases:
        matches = search.search(index, as_displayed(lab.faces[case.face]))
        found = {s.handle: (s.name, m.similarity) for m in matches for s in m.entry.sightings}
        assert case.handle in found, case.id  # the case's own account
        for copy in case.copies:
            assert copy.handle in found, (case.id, copy.handle)
            assert found[copy.handle][0] == copy.name and found[copy.handle][1] >= search.THRESHOLD
        planted = {c.handle for c in case.copies} | {case.handle}
        assert set(found) == planted, (case.id, set(found) - planted)  # nothing else


def test_a_planted_copy_leads_back_to_the_case(index, lab):
    for case in lab.cases:
        for copy in case.copies:
            entry = next(e for e in index.entries if e.key == f"copy:{copy.handle}")
            keys = [m.entry.key for m in search.search(index, entry.image)]
            assert case.face in keys, (case.id, copy.handle, copy.transform)


@pytest.mark.parametrize("steps", TRANSFORMS, ids="+".join)
def test_cropped_mirrored_recoloured_and_recompressed_copies_are_found(index, lab, steps):
    copied = {c.face for c in lab.cases if c.copies}
    faces = sorted(lab.faces.items()) + [(f.id, f.path) for f in search.library_faces().faces[::EVERY]]
    for face_id, path in faces:
        with Image.open(path) as original:
            query = search.transformed(original, steps, seed=f"test:{face_id}")
        matches = search.search(index, query)
        keys = [m.entry.key for m in matches]
        assert face_id in keys, (face_id, steps, [(m.entry.key, round(m.similarity, 3)) for m in matches])
        strangers = [m for m in matches if m.entry.key != face_id
                     and not (face_id in copied and m.entry.key.startswith("copy:"))]
        assert not strangers, (face_id, steps, [(m.entry.key, round(m.similarity, 3)) for m in strangers])


def test_no_picture_of_the_library_matches_another_above_the_threshold(index, lab):
    copied = {c.face for c in lab.cases if c.copies}
    for entry in index.entries:
        if entry.key.startswith("copy:"):
            continue
        matches = search.search(index, entry.image)
        assert matches and matches[0].entry.key == entry.key and matches[0].similarity > 0.99
        others = [(m.entry.key, round(m.similarity, 3)) for m in matches[1:]
                  if not (entry.key in copied and m.entry.key.startswith("copy:"))]
        assert not others, (entry.key, others)
