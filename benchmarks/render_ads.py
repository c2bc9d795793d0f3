"""Render every ad example and print the time each takes.

    .venv/bin/python benchmarks/render_ads.py                # timings only
    .venv/bin/python benchmarks/render_ads.py --out /tmp/ads_preview [--highlight] [--scale 2]

Timings are the median of --repeat renders after one warm-up render (fonts and faces
load once per process, as in the app).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telltale.ads.load import load_ads  # noqa: E402
from telltale.ads.render import WIDTH, ad_group, highlight, render_ad  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="folder to write <id>.png into")
    parser.add_argument("--highlight", action="store_true", help="also write <id>-marks.png with the flags outlined")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--width", type=int, default=WIDTH, help="layout width (the app shows posts at 420)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    lesson = load_ads()
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    group = ad_group(lesson.examples)  # no two ads show the same face
    render_ad(lesson.examples[0], scale=args.scale, group=group, width=args.width)  # warm-up: fonts, face library
    times = []
    for example in lesson.examples:
        runs = []
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            image, boxes = render_ad(example, scale=args.scale, group=group, width=args.width)
            runs.append((time.perf_counter() - start) * 1000)
        ms = statistics.median(runs)
        times.append(ms)
        print(f"{example.id:24s} {image.width}x{image.height:<5d} {ms:7.1f} ms")
        if args.out:
            image.save(args.out / f"{example.id}.png")
            if args.highlight:
                marks = example.red_flags or example.authentic_signs
                highlight(image, boxes, [m.part for m in marks], scale=args.scale).save(args.out / f"{example.id}-marks.png")
    print(f"{len(times)} examples: median {statistics.median(times):.1f} ms, "
          f"mean {statistics.mean(times):.1f} ms, max {max(times):.1f} ms per render (scale {args.scale})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
