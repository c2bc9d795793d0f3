"""Draw the faces of More practice's seeds as contact sheets, to look at before a seed is shown.

    .venv/bin/python scripts/practice_sheet.py OUT.png [--first 0] [--count 100]

Draws the generator's faces for the seed offsets --first to --first + --count - 1 (offsets from
telltale.extra_practice.FIRST_PRACTICE_SEED), whole and lined up, 150 px each, ten to a row, each
numbered with its offset. Offsets a viewer would read as under 20 or over 60 go into
PRACTICE_LEFT_OUT; the others' skin tone and sex into PRACTICE_MEDIUM, PRACTICE_DARK and
PRACTICE_FEMALE; then raise PRACTICE_LOOKED_AT. Needs the optional generator
(requirements-generator.txt); about a minute per 100 faces.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telltale.extra_practice import FIRST_PRACTICE_SEED, ExtraRound  # noqa: E402
from telltale.generator import FaceGenerator  # noqa: E402

SIDE = 150
PER_ROW = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    generator = FaceGenerator()
    rows = -(-args.count // PER_ROW)
    sheet = Image.new("RGB", (PER_ROW * SIDE, rows * SIDE), "white")
    draw = ImageDraw.Draw(sheet)
    for n in range(args.count):
        offset = args.first + n
        face = generator.generate(ExtraRound("ai", seed=FIRST_PRACTICE_SEED + offset).recipe)
        x, y = (n % PER_ROW) * SIDE, (n // PER_ROW) * SIDE
        sheet.paste(face.resize((SIDE, SIDE), Image.Resampling.LANCZOS), (x, y))
        draw.rectangle([x, y, x + 30, y + 14], fill="black")
        draw.text((x + 2, y + 1), str(offset), fill="white")
    sheet.save(args.out)
    print(f"{args.out}: offsets {args.first} to {args.first + args.count - 1}")


if __name__ == "__main__":
    main()
