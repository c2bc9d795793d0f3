"""Readiness (issue 9): content and database problems are found before a learner meets them."""
from __future__ import annotations

import shutil

import pytest

from telltale import ROOT
from telltale.checks import find_problems
from telltale.library import ImageUnavailable, load_library
from telltale.readiness import check_content, check_storage, main


def test_the_committed_content_and_a_fresh_database_are_ready(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ready.db'}")
    assert check_content().ok
    assert main([]) == 0 and "Ready." in capsys.readouterr().out


def test_an_unreachable_database_is_not_ready(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")
    assert "cannot be opened" in check_storage()
    assert main([]) == 1 and "Not ready." in capsys.readouterr().out


def test_the_content_check_refuses_an_alias_bomb_and_a_binary_manifest_without_crashing(tmp_path):
    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
                                                 for p, c in zip("abcdefgh", "bcdefghi"))
    (tmp_path / "lessons" / "faces.yaml").write_text(bomb)
    (tmp_path / "lessons" / "ads.yaml").write_text(bomb)
    problems = [str(p) for p in find_problems(tmp_path / "lessons", tmp_path / "images")]
    assert any("faces.yaml:1" in p and "anchor" in p for p in problems)
    assert any("ads.yaml:1" in p and "anchor" in p for p in problems)
    (tmp_path / "images" / "manifest.csv").write_bytes(bytes(range(256)) * 8)
    problems = [str(p) for p in find_problems(tmp_path / "lessons", tmp_path / "images")]
    assert any("manifest.csv" in p and "not UTF-8" in p for p in problems)


def test_a_picture_deleted_or_changed_while_the_app_runs_is_refused_not_shown(tmp_path):
    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    library = load_library(tmp_path / "lessons", tmp_path / "images")
    gone, changed = sorted(library.items)[:2]
    library.path(gone).unlink()
    data = bytearray(library.path(changed).read_bytes())
    data[1000] ^= 0xFF
    library.path(changed).write_bytes(bytes(data))
    with pytest.raises(ImageUnavailable, match=f"item {gone} field file.*missing"):
        library.face_bytes(gone)
    with pytest.raises(ImageUnavailable, match="was changed"):
        library.highlighted_bytes(changed)
    report = check_content(tmp_path / "lessons", tmp_path / "images")
    assert not report.usable("pretest") and report.usable("ads") and report.usable("network")


def test_the_servers_content_check_logs_every_problem_with_its_place(tmp_path):
    import os
    import subprocess
    import sys

    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    text = (tmp_path / "lessons" / "tells.yaml").read_text().replace("points_to: ai", "points_to: maybe", 1)
    (tmp_path / "lessons" / "tells.yaml").write_text(text)
    done = subprocess.run([sys.executable, "-c", "import logging; logging.basicConfig(); "
                           "from telltale import readiness; readiness.startup_report()"],
                          env={**os.environ, "TELLTALE_CONTENT_DIR": str(tmp_path)}, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    line = 1 + text.splitlines().index("    points_to: maybe")
    tell = next(l.split(": ")[1] for l in reversed(text.splitlines()[:line]) if l.startswith("  - id: "))
    assert "content problem: " in done.stderr and f"tells.yaml:{line} tell {tell} field points_to" in done.stderr
    assert "the part 'pretest' cannot be shown" in done.stderr


def test_each_content_file_is_read_once_by_the_start_up_check_and_everything_after_it(tmp_path, monkeypatch):
    """The check at start, the face library, the avatars and the ads pages share one reading of each file
    (telltale.content.reader / face_content), in every language: each language is built from the same
    parsed file. The real reads are counted, not replaced."""
    from collections import Counter

    from telltale import i18n
    from telltale.ads.faces import avatar_library
    from telltale.ads.load import load_ads, load_network
    from telltale.content import safety
    from telltale.content.lessons import face_content
    from telltale.provenance.lab import load_lab

    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")  # fresh paths: nothing read before
    shutil.copytree(ROOT / "images", tmp_path / "images")
    lessons, images = tmp_path / "lessons", tmp_path / "images"
    reads = Counter()
    read_text = safety.read_text

    def counted(path, where, *args, **kwargs):
        reads[path.name] += 1
        return read_text(path, where, *args, **kwargs)

    monkeypatch.setattr(safety, "read_text", counted)
    assert check_content(lessons, images).ok
    avatar_library(lessons, images)
    for language in i18n.LANGUAGES:
        load_library(lessons, images, language)
        load_ads(lessons / "ads.yaml", language)
        load_network(lessons / "network.yaml", language)
        load_lab(lessons / "provenance.yaml", face_content(lessons, images), language=language)
    assert reads == {"manifest.csv": 1, "tells.yaml": 1, "faces.yaml": 1, "ads.yaml": 1, "network.yaml": 1,
                     "about.md": 1, "about.es.md": 1, "provenance.yaml": 1, "teaching.yaml": 1}
    (lessons / "faces.yaml").write_text((lessons / "faces.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    avatar_library(lessons, images)  # a changed file is read again, and only it
    assert reads["faces.yaml"] == 2 and reads["tells.yaml"] == 1 and reads["manifest.csv"] == 1
    assert reads["ads.yaml"] == 1
