"""For content authors: draw every annotated item with its numbered clue boxes onto sheets to look at.

    .venv/bin/python scripts/annotation_sheet.py OUT_DIR [--lessons DIR] [--grid IMAGE_ID ...]

--grid writes each named image at 800x800 with a labelled 10% grid, to read box coordinates from.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telltale.library import Library, badge_font, draw_clues  # noqa: E402
from telltale.content.lessons import load_face_lessons  # noqa: E402
from telltale.content.manifest import load_manifest  # noqa: E402
from telltale import IMAGES_DIR, LESSONS_DIR  # noqa: E402


def grid(image_id: str, out: Path) -> Path:
    entry = load_manifest(IMAGES_DIR / "manifest.csv")[image_id]
    image = Image.open(IMAGES_DIR / entry.file).convert("RGB").resize((800, 800))
    draw = ImageDraw.Draw(image)
    font = badge_font(16)
    for k in range(1, 10):
        at = k * 80
        draw.line((at, 0, at, 800), fill=(255, 255, 0), width=1)
        draw.line((0, at, 800, at), fill=(255, 255, 0), width=1)
        draw.text((at + 2, 2), f"{k / 10:.1f}", fill=(255, 255, 0), font=font, stroke_width=2, stroke_fill=(0, 0, 0))
        draw.text((2, at + 2), f"{k / 10:.1f}", fill=(255, 255, 0), font=font, stroke_width=2, stroke_fill=(0, 0, 0))
    path = out / f"grid-{image_id}.png"
    image.save(path)
    return path


def sheets(out: Path, lessons_dir: Path = LESSONS_DIR, per_sheet: int = 12, thumb: int = 300) -> list[Path]:
    images = load_manifest(IMAGES_DIR / "manifest.csv")
    library = Library(images, load_face_lessons(lessons_dir, images, whole_course=False), IMAGES_DIR)
    items = sorted(library.items.values(), key=lambda i: (i.form, i.kind, i.image))
    paths = []
    for start in range(0, len(items), per_sheet):
        chunk = items[start:start + per_sheet]
        sheet = Image.new("RGB", (4 * thumb, ((len(chunk) + 3) // 4) * (thumb + 22)), "white")
        draw = ImageDraw.Draw(sheet)
        for index, item in enumerate(chunk):
            x, y = (index % 4) * thumb, (index // 4) * (thumb + 22)
            picture = draw_clues(library.picture(item.image), item.clues).resize((thumb, thumb))
            sheet.paste(picture, (x, y))
            tells = ",".join(c.tell for c in item.clues)
            draw.text((x + 3, y + thumb + 3), f"{item.image} {item.kind} {item.form} d{item.difficulty} {tells}"[:48],
                      fill="black", font=badge_font(12))
        path = out / f"annotations-{start // per_sheet + 1:02d}.png"
        sheet.save(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--grid", nargs="*")
    parser.add_argument("--lessons", type=Path, default=LESSONS_DIR,
                        help="folder with tells.yaml and faces.yaml (default: lessons/)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    made = [grid(i, args.out) for i in args.grid] if args.grid else sheets(args.out, args.lessons)
    print("\n".join(map(str, made)))
