"""What the issue-9 guards cost: per-learner pictures, checked writes, join limits, the start-up check.

    .venv/bin/python benchmarks/guard_costs.py [DATABASE_URL]

Prints: milliseconds to make one learner's copy of a face, its size against the stored file, how
close it is to the stored picture (PSNR); milliseconds per stored answer with the instance and
file checks; milliseconds per join with the limits; seconds for the whole content check.
"""
from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telltale import answering, classroom, join_guard  # noqa: E402
from telltale.course import default_plan  # noqa: E402
from telltale.library import load_library  # noqa: E402
from telltale.readiness import check_content  # noqa: E402
from telltale.served import served_bytes, viewer_key  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402
from testkit.answers import face_answer  # noqa: E402


def psnr(first: bytes, second: bytes) -> float:
    a, b = (np.asarray(Image.open(io.BytesIO(x)).convert("RGB"), dtype=float) for x in (first, second))
    return 10 * np.log10(255 ** 2 / ((a - b) ** 2).mean())


def pictures() -> None:
    library = load_library()
    ids = sorted(library.items)[:40]
    key = viewer_key(b"benchmark-secret", "learner:1:1")
    times, growth, closeness = [], [], []
    for image_id in ids:
        stored = library.face_bytes(image_id)
        start = time.perf_counter()
        served = served_bytes(stored, key)
        times.append((time.perf_counter() - start) * 1000)
        growth.append(len(served) / len(stored) - 1)
        closeness.append(psnr(stored, served))
    print(f"per-learner face: median {statistics.median(times):.1f} ms, size {100 * statistics.mean(growth):+.1f}% "
          f"vs stored, PSNR min {min(closeness):.1f} dB, mean {statistics.mean(closeness):.1f} dB ({len(ids)} faces)")


def writes(url: str) -> None:
    store = Store(make_engine(url))
    _, learner = store.create_learner(default_plan(), section="pretest")
    times = []
    for position in range(200):
        start = time.perf_counter()
        answering.submit(store, learner.id, "practice", position, face_answer("fabcdefg", "ai", "ai"))
        times.append((time.perf_counter() - start) * 1000)
    the_class, _ = classroom.start_class(store, ["pretest"], max_students=200)
    join_times = []
    for number in range(100):
        who = join_guard.client(store.secret, f"10.0.{number}.1", "cookie")
        start = time.perf_counter()
        classroom.join_class(store, the_class.code, f"Student {number}", who=who)
        join_times.append((time.perf_counter() - start) * 1000)
    kind = url.split(":")[0]
    print(f"{kind}: stored answer median {statistics.median(times):.2f} ms, 95th {sorted(times)[189]:.2f} ms; "
          f"join with limits and size cap median {statistics.median(join_times):.2f} ms")
    store.engine.dispose()


def content() -> None:
    start = time.perf_counter()
    report = check_content()
    print(f"content check at start: {time.perf_counter() - start:.2f} s ({len(report.problems)} problems)")


if __name__ == "__main__":
    pictures()
    with tempfile.TemporaryDirectory() as folder:
        writes(f"sqlite:///{folder}/bench.db")
    if len(sys.argv) > 1:
        writes(sys.argv[1])
    content()
