"""The committed face library verifies clean; tampering is reported with file, line, field."""
import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from telltale import IMAGES_DIR
from telltale.content.manifest import (
    COLUMNS, ImageEntry, load_manifest, read_manifest, save_manifest, verify,
)
from telltale.content.problems import ContentError, Problem

MANIFEST = IMAGES_DIR / "manifest.csv"


def test_committed_library_verifies_clean():
    problems = verify(MANIFEST)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_committed_library_size_and_mix():
    entries = load_manifest(MANIFEST)
    kinds = [e.kind for e in entries.values()]
    assert kinds.count("real") >= 60
    assert kinds.count("gan") >= 60
    assert kinds.count("diffusion") >= 9
    for image_id, entry in entries.items():
        assert isinstance(entry, ImageEntry)
        assert entry.id == image_id
        assert re.fullmatch(r"f[a-z2-9]{7}", image_id)
        assert entry.file == f"faces/{image_id}.jpg"
        if entry.kind == "gan":
            assert entry.seed is not None and entry.truncation is not None
            assert f"seed {entry.seed}" in entry.credit
        else:
            assert entry.seed is None and entry.truncation is None


def test_header_is_exact():
    first_line = MANIFEST.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == ",".join(COLUMNS)


def test_no_p003():
    for entry in load_manifest(MANIFEST).values():
        assert "/P003/" not in entry.source


def test_save_then_load_round_trips(tmp_path):
    entries = load_manifest(MANIFEST)
    copy = tmp_path / "manifest.csv"
    save_manifest(entries, copy)
    assert copy.read_bytes() == MANIFEST.read_bytes()
    assert load_manifest(copy) == entries


# ---------------------------------------------------------------- tampered copies

@pytest.fixture()
def small_library(tmp_path):
    """A copy of three committed entries (one of each kind) with their images."""
    entries = list(load_manifest(MANIFEST).values())
    picked = [next(e for e in sorted(entries, key=lambda e: e.id) if e.kind == k)
              for k in ("real", "gan", "diffusion")]
    (tmp_path / "faces").mkdir()
    for e in picked:
        shutil.copy(IMAGES_DIR / e.file, tmp_path / e.file)
    save_manifest(picked, tmp_path / "manifest.csv")
    assert verify(tmp_path / "manifest.csv") == []
    return tmp_path, sorted(picked, key=lambda e: e.id)


def rewrite(path: Path, line: int, column: str, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[line - 1][COLUMNS.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def where(lib: Path, line: int, item: str, field: str) -> str:
    return f"{lib / 'manifest.csv'}:{line} item {item} field {field}"


def test_wrong_sha256_names_file_line_and_field(small_library):
    lib, picked = small_library
    rewrite(lib / "manifest.csv", 3, "sha256", "0" * 64)
    problems = verify(lib / "manifest.csv")
    assert len(problems) == 1
    assert problems[0].where == where(lib, 3, picked[1].id, "sha256")
    assert "manifest says " + "0" * 64 in problems[0].message
    assert str(problems[0]).startswith(f"{lib / 'manifest.csv'}:3 item ")


def test_changed_image_bytes_fail_the_hash(small_library):
    lib, picked = small_library
    target = lib / picked[0].file
    Image.open(target).save(target, "JPEG", quality=50)
    problems = verify(lib / "manifest.csv")
    assert [p.where for p in problems] == [where(lib, 2, picked[0].id, "sha256")]


def test_empty_licence_and_credit(small_library):
    lib, picked = small_library
    rewrite(lib / "manifest.csv", 4, "licence", "")
    rewrite(lib / "manifest.csv", 2, "credit", "")
    problems = {p.where: p.message for p in verify(lib / "manifest.csv")}
    assert problems == {
        where(lib, 4, picked[2].id, "licence"): "licence is empty",
        where(lib, 2, picked[0].id, "credit"): "credit is empty",
    }


def test_bad_kind_and_labels(small_library):
    lib, picked = small_library
    rewrite(lib / "manifest.csv", 2, "kind", "fake")
    rewrite(lib / "manifest.csv", 3, "age", "teen")
    rewrite(lib / "manifest.csv", 4, "skin_tone", "olive")
    problems = {p.where: p.message for p in verify(lib / "manifest.csv")}
    assert "kind 'fake' must be one of real, gan, diffusion" == problems[where(lib, 2, picked[0].id, "kind")]
    assert where(lib, 3, picked[1].id, "age") in problems
    assert where(lib, 4, picked[2].id, "skin_tone") in problems


def test_duplicate_id(small_library):
    lib, picked = small_library
    rewrite(lib / "manifest.csv", 3, "id", picked[0].id)
    problems = verify(lib / "manifest.csv")
    dup = [p for p in problems if p.where == where(lib, 3, picked[0].id, "id")]
    assert dup and dup[0].message == "duplicate id (first on line 2)"
    with pytest.raises(ContentError) as err:
        load_manifest(lib / "manifest.csv")
    assert err.value.problems[0].where == where(lib, 3, picked[0].id, "id")


def test_missing_image_file(small_library):
    lib, picked = small_library
    (lib / picked[1].file).unlink()
    problems = verify(lib / "manifest.csv")
    assert [p.where for p in problems] == [where(lib, 3, picked[1].id, "file")]
    assert "does not exist" in problems[0].message


def test_wrong_size_image(small_library):
    lib, picked = small_library
    target = lib / picked[2].file
    Image.new("RGB", (300, 300), "grey").save(target, "JPEG", quality=90)
    rewrite(lib / "manifest.csv", 4, "sha256",
            __import__("hashlib").sha256(target.read_bytes()).hexdigest())
    problems = verify(lib / "manifest.csv")
    assert [p.where for p in problems] == [where(lib, 4, picked[2].id, "file")]
    assert "is 300x300, must be 400x400" in problems[0].message


def test_image_with_exif_is_reported(small_library):
    lib, picked = small_library
    target = lib / picked[0].file
    img = Image.open(target)
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    img.save(target, "JPEG", quality=90, exif=exif)
    rewrite(lib / "manifest.csv", 2, "sha256",
            __import__("hashlib").sha256(target.read_bytes()).hexdigest())
    problems = verify(lib / "manifest.csv")
    assert [p.where for p in problems] == [where(lib, 2, picked[0].id, "file")]
    assert "metadata" in problems[0].message


def test_file_name_must_be_opaque(small_library):
    lib, picked = small_library
    rewrite(lib / "manifest.csv", 3, "file", "faces/gan_001.jpg")
    problems = verify(lib / "manifest.csv")
    assert where(lib, 3, picked[1].id, "file") in [p.where for p in problems]


def test_seed_only_for_gan(small_library):
    lib, picked = small_library
    kinds = {e.kind: i + 2 for i, e in enumerate(picked)}
    gan_line, real_line = kinds["gan"], kinds["real"]
    rewrite(lib / "manifest.csv", gan_line, "seed", "")
    rewrite(lib / "manifest.csv", real_line, "truncation", "0.7")
    problems = {p.where for p in verify(lib / "manifest.csv")}
    assert where(lib, gan_line, picked[gan_line - 2].id, "seed") in problems
    assert where(lib, real_line, picked[real_line - 2].id, "truncation") in problems


def test_stray_image_and_bad_header(small_library):
    lib, picked = small_library
    shutil.copy(lib / picked[0].file, lib / "faces" / "fzzzzzzz.jpg")
    problems = verify(lib / "manifest.csv")
    assert [str(p) for p in problems] == [
        f"{lib / 'faces' / 'fzzzzzzz.jpg'}: image is not listed in {lib / 'manifest.csv'}"]
    text = (lib / "manifest.csv").read_text(encoding="utf-8")
    (lib / "manifest.csv").write_text(text.replace("skin_tone", "skin", 1), encoding="utf-8")
    entries, problems = read_manifest(lib / "manifest.csv")
    assert entries == [] and problems[0].where == f"{lib / 'manifest.csv'}:1"


def test_problem_is_the_shared_type(small_library):
    lib, _ = small_library
    rewrite(lib / "manifest.csv", 2, "sex", "x")
    assert all(isinstance(p, Problem) for p in verify(lib / "manifest.csv"))


def test_repo_relative_where_for_committed_file(tmp_path):
    # Inside the repository, problems name the manifest relative to the repository root.
    entries, problems = read_manifest(MANIFEST)
    assert problems == []
    bad = ImageEntry(**{**{f: getattr(entries[0], f) for f in COLUMNS}, "licence": "", "line": 2})
    found = verify([bad], IMAGES_DIR)
    assert any(p.where == f"images/manifest.csv:2 item {bad.id} field licence" for p in found)
