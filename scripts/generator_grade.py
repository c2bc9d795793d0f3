"""Measure telltale.images.GENERATOR_GRADE: how far the generator's pictures are from the
real photos that More practice shows them beside, in colour, contrast and sharpness.

    .venv/bin/python scripts/generator_grade.py [--faces 500] [--seed 3] [--blurs 0.4 0.5 0.6 0.7 0.8]

For each of --faces faces (made as More practice makes them, from its seeds, with no grade) and each real photo
More practice shows, as served: the mean and the spread (standard deviation) of red, green and blue,
and the sharpness (variance of the Laplacian of the grey picture, as benchmarks/cue_check.py measures
it). It prints the medians, the offset (difference of the means) and the contrast (ratio of the
spreads), with a bootstrap standard error of the faces' medians. Then it makes the same faces again
with that offset and contrast and each blur radius of --blurs, and prints the sharpness ratio of each:
the grade's blur is the radius that brings it nearest to 1. It measures the grade toward the photos'
averages only: the grade's last step (toward_photo, each face halfway to the colour of a real photo)
keeps those averages and is left out here. Needs the optional generator
(requirements-generator.txt); about 2 minutes per 100 faces and pass."""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cue_check import laplacian_variance  # noqa: E402
from telltale.extra_practice import PRACTICE_SEEDS, ExtraRound, generated_face, practice_real_photos  # noqa: E402
from telltale.generator import FaceGenerator  # noqa: E402
from telltale.images import UNGRADED, Grade  # noqa: E402
from telltale.library import load_library  # noqa: E402


def measures(picture: bytes) -> np.ndarray:
    """Mean R, G, B; spread of R, G, B; sharpness (as benchmarks/cue_check.py measures them)."""
    with Image.open(io.BytesIO(picture)) as img:
        pixels = np.asarray(img.convert("RGB"), dtype=np.float64).reshape(-1, 3)
        grey = np.asarray(img.convert("L"), dtype=np.float64)
    return np.concatenate([pixels.mean(axis=0), pixels.std(axis=0), [laplacian_variance(grey)]])


def standard_error(made: np.ndarray) -> np.ndarray:
    return np.std([np.median(made[np.random.default_rng(k).integers(0, len(made), len(made))], axis=0)
                   for k in range(200)], axis=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faces", type=int, default=300,
                        help=f"at most {len(PRACTICE_SEEDS)}, the seeds More practice shows")
    parser.add_argument("--seed", type=int, default=3, help="not benchmarks/cue_check.py's seed (0)")
    parser.add_argument("--blurs", type=float, nargs="*", default=[0.4, 0.5, 0.6, 0.7, 0.8])
    args = parser.parse_args()
    library = load_library()
    real = np.median([measures(library.face_bytes(i)) for i in practice_real_photos(library.images, library.items)],
                     axis=0)
    generator = FaceGenerator()
    seeds = np.random.default_rng(args.seed).choice(PRACTICE_SEEDS, size=min(args.faces, len(PRACTICE_SEEDS)),
                                                    replace=False).tolist()

    def made_with(grade: Grade) -> np.ndarray:
        return np.array([measures(generated_face(generator, ExtraRound("ai", seed=s), grade=grade))
                         for s in seeds])

    made = made_with(UNGRADED)
    faces, error = np.median(made, axis=0), standard_error(made)
    print(f"real photos: median R, G, B {real[:3].round(1)}; spread {real[3:6].round(1)}; sharpness {real[6]:.1f}")
    print(f"generated faces ({len(made)}): median R, G, B {faces[:3].round(1)} (SE {error[:3].round(1)}); "
          f"spread {faces[3:6].round(1)} (SE {error[3:6].round(1)}); sharpness {faces[6]:.1f} (SE {error[6]:.1f})")
    offset = tuple(float(v) for v in (real[:3] - faces[:3]).round(1))
    contrast = tuple(float(v) for v in (real[3:6] / faces[3:6]).round(3))
    print(f"offset {offset}, contrast {contrast}")
    for blur in args.blurs:
        sharpness = np.median(made_with(Grade(offset, contrast, blur))[:, 6])
        print(f"blur {blur}: sharpness {sharpness:.1f}, {sharpness / real[6]:.3f} of the photos'", flush=True)


if __name__ == "__main__":
    main()
