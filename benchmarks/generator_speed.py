"""How fast is the GAN face generator on this machine?

Prints the load time (reading and compiling both networks plus estimating the mean
style) and the median seconds per 1024x1024 face over --runs faces after a warm-up.

    python benchmarks/generator_speed.py [--runs 10] [--threads N]

Needs the optional generator packages (openvino, random-face).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telltale.generator import FaceGenerator, FaceRecipe, available  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    if not available():
        print("generator packages missing: pip install --no-deps random-face==2021.7.21.1 "
              "&& pip install openvino", file=sys.stderr)
        return 2

    start = time.perf_counter()
    generator = FaceGenerator(threads=args.threads)
    load = time.perf_counter() - start

    for seed in range(args.warmup):
        generator.generate(FaceRecipe(seed))
    times = []
    for seed in range(1000, 1000 + args.runs):
        start = time.perf_counter()
        face = generator.generate(FaceRecipe(seed))
        times.append(time.perf_counter() - start)
    assert face.size == (1024, 1024)

    print(f"load: {load:.2f} s (networks + mean style from the fixed sample)")
    print(f"per face (1024x1024, median of {args.runs} after {args.warmup} warm-up): "
          f"{statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
