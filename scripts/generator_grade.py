"""Measure telltale.extra_practice.GENERATOR_GRADE: how far the generator's colour is from the real
photos that More practice shows them beside.

    .venv/bin/python scripts/generator_grade.py [--faces 500] [--seed 3]

For each of --faces new faces (made as More practice makes them, with no grade) and each real photo
More practice shows, the mean red, green and blue of the picture as stored; it prints the medians,
their difference (the grade to write into telltale/extra_practice.py) and a bootstrap standard error
of the faces' median. Needs the optional generator (requirements-generator.txt)."""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telltale.extra_practice import FIRST_PRACTICE_SEED, ExtraRound, generated_face, practice_real_ids  # noqa: E402
from telltale.generator import FaceGenerator  # noqa: E402
from telltale.library import load_library  # noqa: E402


def mean_colour(picture: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(picture)).convert("RGB"), dtype=np.float64).reshape(-1, 3).mean(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faces", type=int, default=500)  # about 5 minutes
    parser.add_argument("--seed", type=int, default=3, help="not benchmarks/cue_check.py's seed (0)")
    args = parser.parse_args()
    library = load_library()
    real = np.array([mean_colour(library.face_bytes(i)) for i in practice_real_ids(library.images, library.items)])
    generator = FaceGenerator()
    seeds = np.random.default_rng(args.seed).choice(2**31, size=args.faces, replace=False)
    ungraded = (0.0, 0.0, 0.0)  # the generator's own colour
    made = np.array([mean_colour(generated_face(generator, ExtraRound("ai", seed=FIRST_PRACTICE_SEED + s), ungraded))
                     for s in seeds.tolist()])
    errors = np.std([np.median(made[np.random.default_rng(k).integers(0, len(made), len(made))], axis=0)
                     for k in range(200)], axis=0)
    print(f"real photos ({len(real)}): median R, G, B {np.median(real, axis=0).round(1)}")
    print(f"generated faces ({len(made)}): median R, G, B {np.median(made, axis=0).round(1)} (SE {errors.round(1)})")
    print(f"GENERATOR_GRADE = {tuple(float(v) for v in (np.median(real, axis=0) - np.median(made, axis=0)).round(1))}")


if __name__ == "__main__":
    main()
