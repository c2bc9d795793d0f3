"""The provenance lab's figures: building the search index, a reverse image search over the whole
index, and reading and validating the Content Credentials of each example file.

    .venv/bin/python benchmarks/provenance.py [--repeat 5]

Prints wall-clock and CPU seconds (the machine may be shared, so both are shown). Queries are
the six case photos as a learner receives them and, for every 8th library face, a copy cropped to
80%, mirrored, recoloured and saved at JPEG quality 60.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from telltale.ads.load import load_ads, load_network  # noqa: E402
from telltale.provenance import credentials, search  # noqa: E402
from telltale.provenance.lab import load_lab  # noqa: E402


def timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def summary(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"median {1000 * statistics.median(values):.0f} ms, 95th percentile {1000 * p95:.0f} ms, n={len(values)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="reads of each credentials file")
    args = parser.parse_args()

    lab = load_lab()
    library = search.library_faces()
    ads, network = load_ads(), load_network()
    index, wall, cpu = timed(search.lab_index, lab, library, ads, network)
    print(f"search index: {len(index)} pictures, {len(index.hashes)} hashes; built in {wall:.2f} s "
          f"({cpu:.2f} s CPU), once per server and content version")

    queries = []
    for case in lab.cases:
        buffer = io.BytesIO()
        with Image.open(lab.faces[case.face]) as image:
            image.convert("RGB").save(buffer, "JPEG", quality=85)
        buffer.seek(0)
        queries.append(Image.open(buffer).convert("RGB"))
    for face in library.faces[::8]:
        with Image.open(face.path) as image:
            queries.append(search.transformed(image, ["crop", "mirror", "filter", "jpeg"], seed=face.id))
    walls, cpus = [], []
    for query in queries:
        _, wall, cpu = timed(search.search, index, query)
        walls.append(wall)
        cpus.append(cpu)
    print(f"reverse image search per query over the whole index: {summary(walls)} (CPU {summary(cpus)})")

    credentials.read_file(next(iter(lab.credentials.values())).path)  # warm-up: loads the C2PA library
    for entry in lab.credentials.values():
        walls = []
        report = None
        for _ in range(max(1, args.repeat)):
            report, wall, _ = timed(credentials.read_file, entry.path)
            walls.append(wall)
        size = entry.path.stat().st_size
        print(f"manifest read and validation, {entry.file} ({size // 1024} KB, {report.state}): "
              f"median {1000 * statistics.median(walls):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
