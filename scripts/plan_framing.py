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
Every face is measured the same way, on the framed picture with some context around it
(framed_face): a face measured in a 1024-px generator frame and one measured in a tight
440-px crop come out at different sizes, and a face that fills a tight crop is often not
found in it at all. The AI frames are corrected until the face measures where it should.
A GAN face fills about two thirds of the generator's frame, at its centre, so no GAN frame
can show a smaller or far off-centre face: real frames are kept to the faces that most
quiz GAN faces can reach too (gan_reachable), or the size and place of the face alone
would tell the kinds apart.
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
CONTEXT = 1.5  # a face is measured in a square this many times the frame's side, same centre
REFINE = 4  # rounds of measuring a framed AI face and moving the frame
MEASURES = 80  # at most this many measurements per image (each takes a fifth of a second)
LANDED = (0.015, 0.015, 0.03)  # close enough: x and y (share of the side), width (share of itself)
GAN_SHARE = 0.9  # a real frame must be reachable by this share of the quiz GAN faces


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


def framed_face(image: Image.Image, frame: Frame) -> tuple[float, float, float] | None:
    """Centre x, centre y and width of the face in a frame (shares of its side), measured in a
    square CONTEXT times as large around it at the same scale as a framed picture (SOURCE_SIDE).
    The same measure for every kind and frame: in the tight frame itself, the detector's box
    shrinks when the face fills the picture, and goes missing when the face is cut."""
    window = Frame(frame.centre_x, frame.centre_y, frame.side * CONTEXT, frame.angle)
    side = round(SOURCE_SIDE * CONTEXT)
    face = face_box(window.apply(image, side))
    if face is None:
        return None
    x, y, w = (v / side for v in face)
    return (x - 0.5) * CONTEXT + 0.5, (y - 0.5) * CONTEXT + 0.5, w * CONTEXT


def aimed(face, target, angle: float, detail: float) -> Frame:
    """The frame that puts a face (centre x, centre y, width in source pixels) at target
    (centre x, centre y, width as shares of the side), turned by angle."""
    fx, fy, fw = face
    cx, cy, w = target
    side = fw / w
    radians = math.radians(angle)
    px, py = (cx - 0.5) * side, (cy - 0.5) * side
    # The face centre must land at (cx, cy) of the turned square.
    return Frame(fx - (math.cos(radians) * px - math.sin(radians) * py),
                 fy - (math.sin(radians) * px + math.cos(radians) * py), side, angle, detail)


def gan_reachable(target, gan_faces, size=(1024, 1024)) -> bool:
    """Whether at least GAN_SHARE of the quiz GAN faces (source boxes) can be framed to the target."""
    if not gan_faces:
        return True
    fits = sum(aimed(face, target, 0.0, 0.0).fits(*size) for face in gan_faces)
    return fits >= GAN_SHARE * len(gan_faces)


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


def landed(measured, target) -> bool:
    return (abs(measured[0] - target[0]) <= LANDED[0] and abs(measured[1] - target[1]) <= LANDED[1]
            and abs(measured[2] / target[2] - 1) <= LANDED[2])


def plan_aimed(rng: random.Random, image: Image.Image, face, targets, old: Frame, boxes, draw_angle,
               detail_scale: float = 1.0, allowed=lambda frame: True) -> Frame | None:
    """The first frame that fits the source (and `allowed`), keeps every clue in view and shows the
    face where a drawn target says (measured as every face is, framed_face); failing that, the
    fitting frame that keeps most of its worst-kept clue (at least half of it)."""
    best, best_kept = None, 0.5
    measures = 0
    for _ in range(TRIES):
        cx, cy, w, detail = rng.choice(targets)
        angle = draw_angle(rng)
        frame = rounded(aimed(face, (cx, cy, w), angle, detail * detail_scale))
        if min((move_box(box, old, frame)[1] for box in boxes), default=1.0) < best_kept:
            continue
        measured = None
        for _ in range(REFINE):
            if not (frame.fits(*image.size) and allowed(frame)) or measures >= MEASURES:
                break
            measures += 1
            measured = framed_face(image, frame)
            if measured is None or landed(measured, (cx, cy, w)):
                break
            # Where the face really is in the source, and how big, then aim again from there.
            mx, my, mw = measured
            frame = rounded(aimed((*frame.to_source(mx, my), mw * frame.side), (cx, cy, w), angle, frame.detail))
            measured = None
        if measured is None or not landed(measured, (cx, cy, w)):
            continue
        kept = min((move_box(box, old, frame)[1] for box in boxes), default=1.0)
        if kept >= MIN_KEPT:
            return frame
        if kept > best_kept:
            best, best_kept = frame, kept
    return best


def ai_turn(rng: random.Random) -> float:
    """A lined-up head turned like a real one: the real tilt plus the real frame's turn."""
    return max(-AI_TURN_MAX, min(AI_TURN_MAX, rng.gauss(0, AI_TURN_SD)))


def real_turn(rng: random.Random) -> float:
    return rng.uniform(-REAL_TURN, REAL_TURN)


def first_aim(image: Image.Image, square: Frame):
    """A face's centre and width in source pixels, measured as every face is in a square of the
    source, as the first aim of a frame (None: no face found)."""
    face = framed_face(image, square)
    return None if face is None else (*square.to_source(face[0], face[1]), face[2] * square.side)


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
        sources = {p.key: build.source_image(p, generator) for p in reals + gans}
        # Each quiz GAN face in its whole frame (source pixels).
        gan_faces = [face for face in (face_box(sources[p.key]) for p in gans) if face]
        # 1. The real portraits' own random frames; the places they show faces at that the GAN
        #    faces can reach too make the pool every real frame is then aimed from.
        natural = {}
        for plan_item in reals:
            entry = by_key.get(plan_item.key)
            old = frame_of_source(entry.source) if entry else plan_item.frame
            rng = random.Random(f"{args.seed}-{plan_item.key}")
            frame = plan_real(rng, sources[plan_item.key].size, plan_item.frame, old, boxes.get(entry.id, []) if entry else [])
            natural[plan_item.key] = (frame, framed_face(sources[plan_item.key], frame), rng)
        pool = [(*face, 0.0) for frame, face, _ in natural.values() if face and gan_reachable(face, gan_faces)]
        print(f"{len(pool)} of {len(reals)} real frames show their face where the GAN faces can be shown too")
        for plan_item in reals + gans + diffusions:
            entry = by_key.get(plan_item.key)
            old = frame_of_source(entry.source) if entry else (plan_item.frame or Frame(512, 512, 1024))
            item_boxes = boxes.get(entry.id, []) if entry else []
            image = sources.get(plan_item.key) or build.source_image(plan_item, generator)
            if plan_item.kind == "real":
                frame, face, rng = natural[plan_item.key]
                if face and not gan_reachable(face, gan_faces):
                    aim = first_aim(image, frame)
                    again = plan_aimed(rng, image, aim, pool, old, item_boxes, real_turn, allowed=clear_of_mark)
                    if again is not None:
                        frame, face = again, framed_face(image, again)
                if face:
                    # A real portrait of side s, scaled to SOURCE_SIDE, keeps the detail of
                    # about DETAIL_SIDE * s / SOURCE_SIDE pixels (see telltale.images).
                    targets.append((*face, DETAIL_SIDE * frame.side / SOURCE_SIDE))
                plan["real"][plan_item.path.relative_to(root / "package").as_posix()] = frame
            else:
                rng = random.Random(f"{args.seed}-{plan_item.key}")
                face = face_box(image)  # the first aim; plan_aimed measures and corrects
                scale = float(recipe[plan_item.kind].get("detail_scale", 1.0))
                # A GAN head comes out lined up, so its frame turns it as a real head tilts; a
                # diffusion head has its own tilt already, so its frame turns as a real one's does.
                turn = ai_turn if plan_item.kind == "gan" else real_turn
                frame = plan_aimed(rng, image, face, targets, old, item_boxes, turn, scale) if face else None
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
