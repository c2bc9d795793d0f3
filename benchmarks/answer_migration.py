"""Time the one-off conversion of answers stored before ANSWER_FORMAT 2 (no kind, no expected answer).

    .venv/bin/python benchmarks/answer_migration.py               # 100,000 old answers on SQLite
    .venv/bin/python benchmarks/answer_migration.py --answers 20000

A database of the previous format is filled in bulk (faces, pairs, ads and network answers, as
the previous version stored them), then the app's start (make_engine) is timed twice: the first
start converts every row, the second finds nothing to do. PostgreSQL is timed too when
TEST_POSTGRES_URL is set (its tables there are dropped before and after).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, insert, select  # noqa: E402

from telltale import course  # noqa: E402
from telltale.storage import ANSWER_FORMAT, answers, make_engine, metadata, now  # noqa: E402
from testkit.legacy import format_one_store  # noqa: E402


def old_rows(learner_ids: list[int], count: int, rng: random.Random):
    """Rows as the previous version's record_answer wrote them, a quarter of each kind."""
    stamp = now()
    for n in range(count):
        learner_id, position = learner_ids[n % len(learner_ids)], n // len(learner_ids)
        kind = n % 4
        correct = rng.random() < 0.6
        if kind == 0:
            row = ("pretest", f"f{n:07d}", rng.choice(("real", "ai")), {})
        elif kind == 1:
            row = ("practice", f"a{n:07d}+b{n:07d}", f"a{n:07d}", {})
        elif kind == 2:
            row = ("ads", f"ad{n % 17}", rng.choice(("authentic", "inauthentic")), {"flags": ["new-page"]})
        else:
            row = ("network", "beacon-network", json.dumps(["@a", "@b"]),
                   {"hits": ["@a"], "misses": ["@c"], "false_alarms": ["@b"], "correct_rejections": []})
        phase, item, choice, detail = row
        yield dict(learner_id=learner_id, phase=phase, position=position, item_id=item, choice=choice,
                   confidence=70, response_ms=2000, correct=correct, score=float(correct),
                   detail=json.dumps(detail), created_at=stamp)


def run(label: str, url: str, count: int) -> None:
    engine = create_engine(url)
    metadata.drop_all(engine)
    store, old_answers = format_one_store(engine)
    learner_ids = [store.create_learner(course.default_plan(), "results")[1].id for _ in range(max(1, count // 100))]
    rows = list(old_rows(learner_ids, count, random.Random(1)))
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(old_answers), rows[start:start + 5000])
    engine.dispose()
    times = []
    for _ in range(2):
        started = time.perf_counter()
        upgraded = make_engine(url)
        times.append(time.perf_counter() - started)
        with upgraded.connect() as conn:
            done = conn.execute(select(func.count()).where(answers.c.answer_format == ANSWER_FORMAT)).scalar_one()
        upgraded.dispose()
    print(f"{label}: {count:,} old answers; first start (converts them) {times[0]:.2f} s, "
          f"second start {times[1]:.2f} s; converted: {done:,}")
    if url.startswith("postgresql"):
        cleanup = create_engine(url)
        metadata.drop_all(cleanup)
        cleanup.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'old.db'}", args.answers)
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if postgres:
        run("PostgreSQL", postgres, args.answers)
    else:
        print("PostgreSQL: skipped (set TEST_POSTGRES_URL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
