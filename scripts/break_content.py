"""Break a copy of the content in many ways and print what the check says and what people see.

    .venv/bin/python scripts/break_content.py [--no-app]

Each case copies lessons/ and images/ to a temporary folder, breaks one thing, and runs the
content check of telltale.readiness on the copy. Unless --no-app, it then starts the real app
on that copy (AppTest, TELLTALE_CONTENT_DIR pointing at it) as a learner who presses "Start the
course" and as a teacher opening "Start a class", and
reports what each sees, and what a student of a class sees opening the first part the problem stops.
Prints a Markdown table; tests/test_broken_content.py runs the same cases.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUIZ_REAL = "frgp7s6o"  # a face of lessons/faces.yaml (form lesson)


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # the file broken, relative to the content folder
    breaks: Callable[[Path], None]
    stops: tuple[str, ...]  # parts of the course it must stop (and no others)


FACES = ("pretest", "tells", "practice", "posttest")


def edit(root: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} not in {file}")
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(root: Path, file: str, text: str) -> None:
    with open(root / file, "a", encoding="utf-8") as out:
        out.write(text)


def manifest_rows(root: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((root / "images/manifest.csv").read_text(encoding="utf-8"))))


def write_manifest(root: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "images/manifest.csv").write_text(out.getvalue(), encoding="utf-8")


def change_row(root: Path, image_id: str, **changes) -> None:
    rows = manifest_rows(root)
    for row in rows:
        if row["id"] == image_id:
            row.update(changes)
    write_manifest(root, rows)


def quiz_face(root: Path, ai: bool) -> str:
    """A face of a test form of the (still unbroken) copy, read by the lesson loader."""
    from telltale.content.lessons import face_content

    items = face_content(root / "lessons", root / "images").lessons().items.values()
    return next(i.image for i in items if i.is_ai == ai and i.form in ("A", "B"))


def quiz_ai_face(root: Path) -> str:
    return quiz_face(root, ai=True)


def quiz_real_face(root: Path) -> str:
    return quiz_face(root, ai=False)


def point_file_at_ai_face(root: Path) -> None:
    real, fake = quiz_real_face(root), quiz_ai_face(root)
    fake_row = next(r for r in manifest_rows(root) if r["id"] == fake)
    change_row(root, real, file=fake_row["file"], sha256=fake_row["sha256"])


def reencode(root: Path, image_id: str, update_hash: bool, **save) -> None:
    import hashlib

    from PIL import Image

    path = root / "images/faces" / f"{image_id}.jpg"
    with Image.open(path) as image:
        picture = image.convert("RGB")
    size = save.pop("size", None)
    if size:
        picture = picture.resize((size, size))
    picture.save(path, save.pop("format", "JPEG"), **save)
    if update_hash:
        change_row(root, image_id, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def flip_byte(root: Path, image_id: str) -> None:
    path = root / "images/faces" / f"{image_id}.jpg"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x55
    path.write_bytes(bytes(data))


def exif(root: Path, image_id: str) -> None:
    from PIL import Image

    image_exif = Image.Exif()
    image_exif[0x010F] = "CameraMaker"
    reencode(root, image_id, True, quality=90, exif=image_exif.tobytes())


ALIAS_BOMB = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},"
    f"*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)}]\n" for n in range(8))
NOTE = 'note: "On his chin there is a sparkly white smudge'  # the first clue note of lessons/faces.yaml
BODY = "    body: |\n"


def cases() -> list[Case]:
    m, faces_yaml, tells, ads, network = ("images/manifest.csv", "lessons/faces.yaml", "lessons/tells.yaml",
                                          "lessons/ads.yaml", "lessons/network.yaml")
    all_pictures = FACES + ("ads", "network", "provenance")  # the lab shows library faces too
    return [
        # --- the manifest -------------------------------------------------------------------
        Case("manifest deleted", m, lambda r: (r / m).unlink(), all_pictures),
        Case("manifest replaced by binary bytes", m, lambda r: (r / m).write_bytes(bytes(range(256)) * 40), all_pictures),
        Case("manifest of 3 MB", m, lambda r: append(r, m, "#" * 3_000_000), all_pictures),
        Case("manifest header changed", m, lambda r: edit(r, m, "id,kind,file", "id,label,file"), all_pictures),
        Case("manifest row with a column missing", m, lambda r: edit(r, m, ",male,30s,light\n", ",male,30s\n"), all_pictures),
        Case("manifest kind 'fake'", m, lambda r: change_row(r, quiz_real_face(r), kind="fake"), FACES),
        Case("manifest real row's file points at an AI face", m, point_file_at_ai_face, FACES),
        Case("manifest SHA-256 changed", m, lambda r: change_row(r, quiz_real_face(r), sha256="0" * 64), FACES),
        Case("manifest licence 'All rights reserved'", m,
             lambda r: change_row(r, quiz_real_face(r), licence="All rights reserved"), FACES),
        Case("manifest licence empty", m, lambda r: change_row(r, quiz_real_face(r), licence=""), FACES),
        Case("manifest credit with a right-to-left override", m,
             lambda r: change_row(r, quiz_real_face(r), credit="Greg \u202eevil"), FACES),
        Case("manifest source with a zero-width space", m,
             lambda r: change_row(r, quiz_real_face(r), source="npm:local\u200bface"), FACES),
        Case("manifest GAN seed not a number", m, lambda r: change_row(r, quiz_ai_face(r), seed="x"), all_pictures),
        Case("manifest duplicate row", m, lambda r: append(r, m, (r / m).read_text().splitlines()[1] + "\n"),
             all_pictures),
        Case("manifest id in capitals", m, lambda r: change_row(r, quiz_real_face(r), id="FBADID00"), FACES),
        # --- the image files -----------------------------------------------------------------
        Case("quiz face deleted", "images/faces", lambda r: (r / f"images/faces/{quiz_ai_face(r)}.jpg").unlink(), FACES),
        Case("quiz face bytes altered", "images/faces", lambda r: flip_byte(r, quiz_real_face(r)), FACES),
        Case("quiz face replaced by a PNG", "images/faces",
             lambda r: reencode(r, quiz_real_face(r), True, format="PNG"), FACES),
        Case("quiz face resized to 300 px", "images/faces",
             lambda r: reencode(r, quiz_real_face(r), True, quality=90, size=300), FACES),
        Case("quiz face with EXIF metadata", "images/faces", lambda r: exif(r, quiz_real_face(r)), FACES),
        Case("quiz face truncated", "images/faces",
             lambda r: (r / f"images/faces/{quiz_real_face(r)}.jpg").write_bytes(
                 (r / f"images/faces/{quiz_real_face(r)}.jpg").read_bytes()[:5000]), FACES),
        Case("stray image nobody lists", "images/faces",
             lambda r: shutil.copy(r / f"images/faces/{quiz_real_face(r)}.jpg", r / "images/faces/fzzzzzzz.jpg"), FACES),
        # --- lessons/faces.yaml --------------------------------------------------------------
        # A faces.yaml that cannot be read at all hides which faces are quiz faces: the ads and the
        # network case stop too, since any avatar might be one (telltale.ads.faces).
        Case("faces.yaml not valid YAML", faces_yaml, lambda r: edit(r, faces_yaml, "items:\n", "items:\n  - [\n"),
             all_pictures),
        Case("faces.yaml alias bomb", faces_yaml, lambda r: (r / faces_yaml).write_text(ALIAS_BOMB), all_pictures),
        Case("faces.yaml of 8 MB", faces_yaml, lambda r: append(r, faces_yaml, "#" * 8_000_000 + "\n"), all_pictures),
        Case("faces.yaml binary", faces_yaml, lambda r: (r / faces_yaml).write_bytes(b"\xff\xfe\x00" * 100),
             all_pictures),
        Case("faces.yaml unknown field", faces_yaml,
             lambda r: edit(r, faces_yaml, "    form: lesson\n", "    form: lesson\n    answer: real\n"), FACES),
        Case("faces.yaml image not in the manifest", faces_yaml,
             lambda r: edit(r, faces_yaml, f"image: {QUIZ_REAL}", "image: fnotthere"), FACES),
        Case("faces.yaml form 'C'", faces_yaml, lambda r: edit(r, faces_yaml, "form: A\n", "form: C\n"), FACES),
        Case("faces.yaml difficulty 7", faces_yaml,
             lambda r: edit(r, faces_yaml, "difficulty: 2\n", "difficulty: 7\n"), FACES),
        Case("faces.yaml clue with an unknown tell", faces_yaml,
             lambda r: edit(r, faces_yaml, "tell: ", "tell: made-up-", 1), FACES),
        Case("faces.yaml clue box outside the picture", faces_yaml,
             lambda r: edit(r, faces_yaml, "box: [", "box: [1.5, ", 1), FACES),
        Case("note with a Markdown image from outside", faces_yaml,
             lambda r: edit(r, faces_yaml, NOTE, 'note: "![x](https://tracker.example/p.png) On his chin there is a sparkly white smudge'), FACES),
        Case("note with a javascript: link", faces_yaml,
             lambda r: edit(r, faces_yaml, NOTE, 'note: "[click](javascript:alert(1)) On his chin there is a sparkly white smudge'), FACES),
        Case("note with a right-to-left override", faces_yaml,
             lambda r: edit(r, faces_yaml, NOTE, 'note: "\u202eOn his chin there is a sparkly white smudge'), FACES),
        Case("note with zero-width characters", faces_yaml,
             lambda r: edit(r, faces_yaml, NOTE, 'note: "On\u200b\u200b his chin there is a sparkly white smudge'), FACES),
        Case("note with raw HTML", faces_yaml,
             lambda r: edit(r, faces_yaml, NOTE, 'note: "<img src=x onerror=alert(1)> On his chin there is a sparkly white smudge'), FACES),
        Case("note of 8,000 characters", faces_yaml,
             lambda r: edit(r, faces_yaml, NOTE, 'note: "' + "very " * 1600 + 'On his chin there is a sparkly white smudge'), FACES),
        Case("clue note without its Spanish text", faces_yaml,
             lambda r: edit(r, faces_yaml, '        note_es: "En su barbilla hay una mancha blanca y brillante que parece '
                                           'untada, no como una barba de verdad."\n', ""), FACES),
        Case("test forms emptied (every A item made practice)", faces_yaml,
             lambda r: edit(r, faces_yaml, "form: A\n", "form: practice\n", 100), FACES),
        # --- lessons/tells.yaml --------------------------------------------------------------
        Case("tells.yaml deleted", tells, lambda r: (r / tells).unlink(), FACES),
        Case("lesson step with a link out", tells,
             lambda r: edit(r, tells, BODY, BODY + "      See [this site](https://example.org/track).\n"), FACES),
        Case("tell with points_to 'maybe'", tells, lambda r: edit(r, tells, "points_to: ai", "points_to: maybe"), FACES),
        # --- lessons/ads.yaml and lessons/network.yaml ----------------------------------------
        Case("ads.yaml not valid YAML", ads, lambda r: edit(r, ads, "examples:\n", "examples: [\n"), ("ads",)),
        Case("ads.yaml alias bomb", ads, lambda r: (r / ads).write_text(ALIAS_BOMB), ("ads",)),
        Case("ad id of 70 characters", ads,
             lambda r: edit(r, ads, "  - id: heartland-patriots", "  - id: " + "-".join(["heartland"] * 7)), ("ads",)),
        Case("quiz face used as an ad avatar", ads,
             lambda r: edit(r, ads, "avatar: {face: any-gan-male}", f"avatar: {{face: {quiz_ai_face(r)}}}"), ("ads",)),
        Case("ad text with a right-to-left override", ads, lambda r: edit(r, ads, "    text: |-\n", "    text: |-\n      \u202e"),
             ("ads",)),
        Case("red flag label without its Spanish text", ads,
             lambda r: edit(r, ads, "    label_es: Página recién creada\n", ""), ("ads",)),
        Case("network.yaml deleted", network, lambda r: (r / network).unlink(), ("network",)),
        Case("network avatar is a quiz face", network,
             lambda r: edit(r, network, "avatar: {face: any-gan-male}", f"avatar: {{face: {quiz_ai_face(r)}}}"),
             ("network",)),
        # --- lessons/about.md ----------------------------------------------------------------
        Case("about.md with an image from outside", "lessons/about.md",
             lambda r: append(r, "lessons/about.md", "\n![](https://tracker.example/pixel.gif)\n"), ("about",)),
        Case("about.es.md deleted", "lessons/about.es.md", lambda r: (r / "lessons/about.es.md").unlink(), ("about",)),
        # --- lessons/teaching.yaml: only the teacher's kit stops (its screens work without it) --
        Case("teaching.yaml without a tell's prompt", "lessons/teaching.yaml",
             lambda r: edit(r, "lessons/teaching.yaml", "  - tell: teeth-odd", "  - tell: teeth-odd-old"),
             ("teacher", "dashboard")),
        Case("teaching.yaml without a Spanish prompt", "lessons/teaching.yaml",
             lambda r: edit(r, "lessons/teaching.yaml", "    prompt_es: ¿Quién pagó este anuncio?", "    prompt_en: Who?"),
             ("teacher", "dashboard")),
    ]


def broken_copy(case: Case, folder: Path) -> Path:
    root = folder / "content"
    shutil.copytree(ROOT / "lessons", root / "lessons")
    shutil.copytree(ROOT / "images", root / "images", ignore=shutil.ignore_patterns("contact_sheet.png"))
    case.breaks(root)
    return root


def check(root: Path):
    from telltale.readiness import check_content

    return check_content(root / "lessons", root / "images")


APP_PROBE = r"""
import json, sys
from streamlit.testing.v1 import AppTest
from telltale import classroom, parts
from telltale.readiness import check_content
from telltale.storage import Store, make_engine

app, database = sys.argv[1], sys.argv[2]
seen = {}

def words(at):
    found = [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    title = at.title[0].value if at.title else ""
    return title, " / ".join(found)[:300], bool(at.exception)

at = AppTest.from_file(app, default_timeout=120)
at.run()
seen["welcome"] = words(at)
start = [b for b in at.button if b.label == "Start the course"]
if start:
    start[0].click().run()
    seen["start"] = words(at)
at = AppTest.from_file(app, default_timeout=120)
at.switch_page("app_pages/teacher.py").run()
title, said, crashed = words(at)
offered = [parts.title(p) for p in parts.CHOOSABLE
           if any(c.key == f"part-{p}" and not c.disabled for c in at.checkbox)]
seen["teacher"] = (title, said, crashed, offered)
at = AppTest.from_file(app, default_timeout=120)
at.switch_page("app_pages/about.py").run()
seen["about"] = words(at) + (len(at.dataframe),)
# A student of a class started before the content broke, opening the first broken part.
broken = sorted(check_content().broken, key=lambda p: parts.COURSE.index(p) if p in parts.COURSE else 99)
broken = [p for p in broken if p in parts.CHOOSABLE]
if broken:
    store = Store(make_engine(f"sqlite:///{database}"))
    plan = {"sections": ["welcome", broken[0], "results"], "test_items": 10, "practice_items": 12, "ads_items": 8}
    token, learner = store.create_learner(plan, section=broken[0])
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params["t"] = token
    at.run()
    at.switch_page(parts.part(broken[0]).page).run()
    seen["part"] = words(at)
print(json.dumps(seen))
"""


def what_people_see(root: Path, database: Path) -> dict:
    env = {**os.environ, "TELLTALE_CONTENT_DIR": str(root), "DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run([sys.executable, "-c", APP_PROBE, str(ROOT / "app.py"), str(database)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": (done.stderr or done.stdout)[-300:]}


def learner_sees(seen: dict) -> str:
    title, said, crashed = seen.get("part") or seen.get("start") or seen["welcome"]
    where = "opening the broken part" if "part" in seen else "after Start"
    return f"{where}: {title}: {said}" + (" TRACEBACK" if crashed else "")


def teacher_sees(seen: dict) -> str:
    title, said, crashed, offered = seen["teacher"]
    text = f"offers {', '.join(offered) or 'nothing'}" + (f"; says: {said}" if said else "")
    return text + (" TRACEBACK" if crashed else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-app", action="store_true", help="only the check, not what the app shows")
    args = parser.parse_args()
    print("| # | Broken | The check says (first problem) | Parts stopped | What a learner sees | Teacher's class form |")
    print("|---|---|---|---|---|---|")
    for number, case in enumerate(cases(), start=1):
        with tempfile.TemporaryDirectory() as folder:
            root = broken_copy(case, Path(folder))
            report = check(root)
            said = str(report.problems[0]).replace(str(root) + "/", "") if report.problems else "NOTHING (silent)"
            stopped = ", ".join(sorted(report.broken)) or "none"
            learner = teacher = ""
            if not args.no_app:
                seen = what_people_see(root, Path(folder) / "app.db")
                if "error" in seen:
                    learner = teacher = "probe failed: " + seen["error"].replace("\n", " ")
                else:
                    learner, teacher = learner_sees(seen), teacher_sees(seen)
            cells = [str(number), case.name, said[:200], stopped, learner[:260], teacher[:200]]
            print("| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
