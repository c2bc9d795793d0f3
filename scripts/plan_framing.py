"""For content authors: plan how every quiz image is framed, then rebuild the library.

    .venv/bin/python scripts/plan_framing.py [--seed N]
    .venv/bin/python -m telltale.content build

Writes telltale/content/framing.yaml (one square frame per quiz image: centre, side, turn)
and moves every clue box in lessons/faces.yaml onto the new frames. Needs the build's
sources (npm, the GAN generator, openpeople) and OpenCV (requirements-dev.txt) for face
detection.

Why: GAN faces come out lined up; shown whole, that alone tells them from real photos. So
  1. every real portrait is cut at a random size, offset and slight turn (clear of the
     "1000faces" mark), and its face's position and size are measured on the result;
  2. every quiz GAN and diffusion image is cut so that its face lands where the face of a
     randomly drawn real portrait landed, at the same size, turned like a real head;
  3. a frame must keep every clue box of the image (at least MIN_KEPT of each) in view.
GAN faces that are not in the quiz keep their whole frame (the averaging demo and the
network case show the alignment on purpose). Seeded, so a rerun gives the same plan.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telltale import IMAGES_DIR, LESSONS_DIR  # noqa: E402
from telltale.content import build  # noqa: E402
from telltale.content.framing import FRAMING_PATH, Frame, frame_of_source, move_box  # noqa: E402
from telltale.content.manifest import load_manifest  # noqa: E402
from telltale.images import DETAIL_SIDE, SOURCE_SIDE  # noqa: E402

MIN_KEPT = 0.9
REAL_SIDES = (340, 430)  # of the 512-px portraits
REAL_SHIFT = 28  # px either way from the old crop's centre
# The real frames sit a little higher than the old crop, so the face lands a little lower:
# a GAN face sits low in its frame, and frames that would lift it out of place do not fit.
REAL_RAISE = 14
REAL_TURN = 4.0  # degrees either way (on top of the heads' own tilt)
AI_TURN_SD = 4.5  # a lined-up head turned like a real one: the real tilt plus the real turn
AI_TURN_MAX = 9.0
MARK = (462, 452)  # the "1000faces" mark lies right of and below this point
TRIES = 400
# Measured on the built images: the detector finds a framed GAN face this much lower (as a
# share of the side) than it was aimed, so GAN frames aim that much higher.
GAN_AIM_UP = 0.035


def face_box(image: Image.Image) -> tuple[float, float, float] | None:
    """Centre x, centre y and width of the largest frontal face (OpenCV's Haar cascade)."""
    import cv2

    scale = min(1.0, 640 / max(image.size))
    small = image.convert("L").resize((round(image.width * scale), round(image.height * scale)))
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    found = cascade.detectMultiScale(np.asarray(small), 1.1, 5, minSize=(40, 40))
    if len(found) == 0:
        return None
    x, y, w, h = max(found, key=lambda r: r[2])
    return (x + w / 2) / scale, (y + h / 2) / scale, w / scale


def clear_of_mark(frame: Frame) -> bool:
    xs = np.linspace(MARK[0], 512, 12)
    ys = np.linspace(MARK[1], 512, 12)
    for x in xs:
        for y in ys:
            u, v = frame.from_source(x, y)
            if 0 <= u <= 1 and 0 <= v <= 1:
                return False
    return True


def rounded(frame: Frame) -> Frame:
    """As the manifest records it, so that boxes move exactly."""
    return Frame(float(round(frame.centre_x)), float(round(frame.centre_y)), float(round(frame.side)),
                 round(frame.angle, 1), float(round(frame.detail)))


def keeps_clues(old: Frame, new: Frame, boxes) -> bool:
    return all(move_box(box, old, new)[1] >= MIN_KEPT for box in boxes)


def plan_real(rng: random.Random, size, crop: Frame, old: Frame, boxes) -> Frame:
    """A frame around the recipe's crop (not around the last plan's frame: planning again must not
    wander further each time) that keeps the clue boxes drawn on the old one."""
    for _ in range(TRIES):
        frame = rounded(Frame(crop.centre_x + rng.uniform(-REAL_SHIFT, REAL_SHIFT),
                              crop.centre_y - REAL_RAISE + rng.uniform(-REAL_SHIFT, REAL_SHIFT),
                              rng.uniform(*REAL_SIDES), rng.uniform(-REAL_TURN, REAL_TURN)))
        if frame.fits(*size) and clear_of_mark(frame) and keeps_clues(old, frame, boxes):
            return frame
    return old


def plan_ai(rng: random.Random, size, face, targets, old: Frame, boxes, detail_scale: float = 1.0,
            aim_up: float = 0.0) -> Frame | None:
    """The first frame that fits the source and keeps every clue in view; failing that, the
    fitting frame that keeps most of its worst-kept clue (at least half of it)."""
    fx, fy, fw = face
    best, best_kept = None, 0.5
    for _ in range(TRIES):
        cx, cy, w, detail = rng.choice(targets)
        cy -= aim_up
        angle = max(-AI_TURN_MAX, min(AI_TURN_MAX, rng.gauss(0, AI_TURN_SD)))
        side = fw / w
        radians = math.radians(angle)
        px, py = (cx - 0.5) * side, (cy - 0.5) * side
        # The face centre must land at (cx, cy) of the turned square.
        centre = (fx - (math.cos(radians) * px - math.sin(radians) * py),
                  fy - (math.sin(radians) * px + math.cos(radians) * py))
        frame = rounded(Frame(centre[0], centre[1], side, angle, detail * detail_scale))
        if not frame.fits(*size):
            continue
        kept = min((move_box(box, old, frame)[1] for box in boxes), default=1.0)
        if kept >= MIN_KEPT:
            return frame
        if kept > best_kept:
            best, best_kept = frame, kept
    return best


def check_built(manifest, framing_path: Path) -> None:
    """The boxes in faces.yaml refer to the built images: planning again before building would
    move them twice."""
    if not framing_path.is_file():
        return
    planned = yaml.safe_load(framing_path.read_text(encoding="utf-8")) or {}
    recorded = {}
    for entry in manifest.values():
        frame = frame_of_source(entry.source)
        key = str(entry.seed) if entry.kind == "gan" else re.sub(r"^.*?(?:curated/|package/)", "", entry.source.split(" crop ")[0]).replace("/assets/", "/")
        recorded[(entry.kind, key)] = [round(frame.centre_x), round(frame.centre_y), round(frame.side),
                                       round(frame.angle, 1), round(frame.detail)]
    for kind in ("real", "gan", "diffusion"):
        for key, value in (planned.get(kind) or {}).items():
            value = list(value) + [0] * (5 - len(value))
            if recorded.get((kind, str(key))) != [round(value[0]), round(value[1]), round(value[2]),
                                                  round(value[3], 1), round(value[4])]:
                raise SystemExit(f"{framing_path.name} plans {kind} {key} differently from images/manifest.csv: "
                                 "run python -m telltale.content build first (the boxes would move twice)")


def clue_boxes(faces_path: Path) -> dict[str, list]:
    data = yaml.safe_load(faces_path.read_text(encoding="utf-8"))
    return {item["image"]: [c["box"] for c in item.get("clues") or []] for item in data["items"]}


def rewrite_boxes(faces_path: Path, moved: dict[str, list]) -> None:
    """Replace each clue's box line in place (comments and layout untouched)."""
    lines = faces_path.read_text(encoding="utf-8").splitlines(keepends=True)
    image, index = None, 0
    for n, line in enumerate(lines):
        match = re.match(r"\s*- image: (\S+)", line)
        if match:
            image, index = match.group(1), 0
            continue
        match = re.match(r"(\s*box: )\[.*\]\s*$", line)
        if match and image in moved:
            box = moved[image][index]
            lines[n] = match.group(1) + "[" + ", ".join(f"{v:.3f}".rstrip("0").rstrip(".") or "0"
                                                         for v in box) + "]\n"
            index += 1
    faces_path.write_text("".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    recipe = build.load_recipe()
    manifest = load_manifest(IMAGES_DIR / "manifest.csv")
    check_built(manifest, FRAMING_PATH)
    faces_path = LESSONS_DIR / "faces.yaml"
    boxes = clue_boxes(faces_path)
    by_key = {build._entry_key(e): e for e in manifest.values()}
    quiz_seeds = {manifest[i].seed for i in boxes if i in manifest and manifest[i].kind == "gan"}

    plan: dict[str, dict] = {"real": {}, "gan": {}, "diffusion": {}}
    moved: dict[str, list] = {}
    targets = []
    with tempfile.TemporaryDirectory(prefix="telltale-framing-") as tmp:
        section = recipe["real"]
        root = build.fetch_npm_package(section["package"], section.get("shasum"), Path(tmp))
        reals = build.plan_real(recipe, root, None)
        from telltale.generator import FaceGenerator
        generator = FaceGenerator()
        gans = [p for p in build.plan_gan(recipe, None) if p.seed in quiz_seeds]
        diffusions = build.plan_diffusion(recipe, None)
        for plan_item in reals + gans + diffusions:
            entry = by_key.get(plan_item.key)
            old = frame_of_source(entry.source) if entry else (plan_item.frame or Frame(512, 512, 1024))
            item_boxes = boxes.get(entry.id, []) if entry else []
            image = build.source_image(plan_item, generator)
            rng = random.Random(f"{args.seed}-{plan_item.key}")
            if plan_item.kind == "real":
                frame = plan_real(rng, image.size, plan_item.frame, old, item_boxes)
                face = face_box(frame.apply(image, SOURCE_SIDE))
                if face:
                    # A real portrait of side s, scaled to SOURCE_SIDE, keeps the detail of
                    # about DETAIL_SIDE * s / SOURCE_SIDE pixels (see telltale.images).
                    targets.append((*(v / SOURCE_SIDE for v in face), DETAIL_SIDE * frame.side / SOURCE_SIDE))
                plan["real"][plan_item.path.relative_to(root / "package").as_posix()] = frame
            else:
                face = face_box(image)
                scale = float(recipe[plan_item.kind].get("detail_scale", 1.0))
                aim_up = GAN_AIM_UP if plan_item.kind == "gan" else 0.0
                frame = plan_ai(rng, image.size, face, targets, old, item_boxes, scale, aim_up) if face else None
                if frame is None:
                    print(f"no frame found for {plan_item.key} (face {face}); left as it was", file=sys.stderr)
                    frame = old
                key = str(plan_item.seed) if plan_item.kind == "gan" else \
                    f"{plan_item.path.parent.parent.name}/{plan_item.path.name}"
                plan[plan_item.kind][key] = frame
            if entry and item_boxes:
                moved[entry.id] = [move_box(box, old, frame)[0] for box in item_boxes]
    with open(FRAMING_PATH, "w", encoding="utf-8") as fh:
        fh.write("# Written by scripts/plan_framing.py: do not edit by hand. One frame per quiz image:\n"
                 "# [centre x, centre y, side, turn in degrees(, detail)] in source pixels. GAN seeds not listed\n"
                 "# keep the generator's whole frame (averaging demo, network case, ad avatars).\n")
        fh.write(f"seed: {args.seed}\n")
        for kind in ("real", "gan", "diffusion"):
            fh.write(f"{kind}:\n")
            for key, f in plan[kind].items():
                detail = f", {f.detail:.0f}" if f.detail else ""
                fh.write(f"  {key}: [{f.centre_x:.0f}, {f.centre_y:.0f}, {f.side:.0f}, {f.angle:.1f}{detail}]\n")
    rewrite_boxes(faces_path, moved)
    print(f"planned {sum(len(v) for v in plan.values())} frames; moved the boxes of {len(moved)} items; "
          f"now run: python -m telltale.content build")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
