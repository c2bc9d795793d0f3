"""Load test of classroom mode: 30 simulated students answer at once, then the dashboard's queries are timed.

    .venv/bin/python benchmarks/classroom_load.py                  # SQLite (+ PostgreSQL if configured)
    .venv/bin/python benchmarks/classroom_load.py --total 100000   # stored answers across all classes

Steps, on each database:
1. 30 students join one class and answer 3,000 questions between them, all at the same time
   (one thread per student, one transaction per answer, as the app does); every answer must be kept.
2. Other classes are bulk-filled until the database holds --total answers (default 100,000).
3. The dashboard's refresh (Store.members + Store.class_answers + classroom.summarize) and the
   exports are timed over --repeat runs; the target for a refresh is under 200 ms.

PostgreSQL is used when TEST_POSTGRES_URL or DATABASE_URL is set; the benchmark works in its own
schema there (telltale_bench, dropped afterwards), so it never touches the app's tables.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, text  # noqa: E402

from telltale import classroom  # noqa: E402
from telltale.storage import (ANSWER_FORMAT, GradedAnswer, Store, answers, learners, make_engine,  # noqa: E402
                               now)
from testkit.answers import face_answer  # noqa: E402

TARGET_MS = 200
SCHEMA = "telltale_bench"
# Per student: 100 answers, as a long lesson might give (the default course asks about 40).
PHASES = (("pretest", 20), ("practice", 40), ("posttest", 20), ("ads", 20))
ITEMS = [f"f{n:07d}" for n in range(80)]
FLAGS = ["new-page", "no-paid-for-by", "foreign-admins", "name-changes", "ai-avatar", "urgent-share"]


def simulated_answers(rng: random.Random):
    """(phase, position, graded answer, confidence, ms) for one student."""
    for phase, count in PHASES:
        for position in range(count):
            item = rng.choice(ITEMS)
            confidence = rng.choice((50, 60, 70, 80, 90, 100))
            if phase == "ads":
                flags = rng.sample(FLAGS, rng.randint(0, 4))
                graded = GradedAnswer("ad", f"ad{position}", "inauthentic", "inauthentic", True, len(flags) / 4,
                                      {"flags": flags})
                yield phase, position, graded, confidence, rng.randint(4000, 40000)
            else:
                truth = "ai" if int(item[1:]) % 2 else "real"
                choice = truth if rng.random() < 0.62 else ("real" if truth == "ai" else "ai")
                yield phase, position, face_answer(item, choice, truth), confidence, rng.randint(1500, 12000)


def class_under_test(store: Store, students: int) -> tuple:
    """One class, `students` joined; all answer concurrently through Store.record_answer."""
    the_class, _ = classroom.start_class(store, ["pretest", "practice", "posttest", "ads"], title="Load test")
    joined = [classroom.join_class(store, the_class.code, f"Student {n + 1}").learner for n in range(students)]
    errors: list[BaseException] = []

    def answer_all(learner, seed):
        rng = random.Random(seed)
        try:
            for phase, position, graded, confidence, ms in simulated_answers(rng):
                store.record_answer(learner.id, phase, position, graded, confidence, ms)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=answer_all, args=(learner, n)) for n, learner in enumerate(joined)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return the_class, elapsed


def bulk_fill(store: Store, answers_wanted: int, students: int, seed: int = 1) -> int:
    """Other classes, written in bulk (not timed): until `answers_wanted` more answers are stored."""
    rng = random.Random(seed)
    written = 0
    while written < answers_wanted:
        the_class, _ = classroom.start_class(store, ["pretest", "practice", "posttest", "ads"])
        stamp = now()
        learner_rows = [dict(token_hash=f"{the_class.id:08d}{n:056d}", seed=rng.randrange(2**31),
                             class_id=the_class.id, nickname=f"Student {n + 1}", plan=json.dumps(the_class.plan),
                             section="results", created_at=stamp, updated_at=stamp,
                             public_id=f"{rng.getrandbits(96):024x}", rejoins=0) for n in range(students)]
        with store.engine.begin() as conn:
            conn.execute(insert(learners), learner_rows)
            ids = [row.id for row in conn.execute(
                text("SELECT id FROM learners WHERE class_id = :c"), {"c": the_class.id})]
            rows = []
            for learner_id in ids:
                for phase, position, graded, confidence, ms in simulated_answers(rng):
                    rows.append(dict(learner_id=learner_id, phase=phase, position=position, item_id=graded.item_id,
                                     kind=graded.kind, choice=graded.choice, expected=graded.expected,
                                     answer_format=ANSWER_FORMAT, confidence=confidence, response_ms=ms,
                                     correct=graded.correct, score=graded.score, detail=json.dumps(graded.detail),
                                     created_at=stamp))
                    if written + len(rows) >= answers_wanted:
                        break
                if written + len(rows) >= answers_wanted:
                    break
            conn.execute(insert(answers), rows)
        written += len(rows)
    return written


def timed(function, repeat: int) -> tuple[float, float]:
    """Median and slowest time in milliseconds (after one warm-up run)."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times), max(times)


def run(label: str, url: str, args) -> bool:
    store = Store(make_engine(url))
    the_class, answering = class_under_test(store, args.students)
    kept = len(store.class_answers(the_class.id))
    expected = args.students * sum(count for _, count in PHASES)
    print(f"\n{label}")
    print(f"  {args.students} students answered {expected:,} questions at once in {answering:.1f} s "
          f"({expected / answering:,.0f} answers/s); kept: {kept:,}{'' if kept == expected else '  <-- LOST ANSWERS'}")
    others = max(0, args.total - kept)
    started = time.perf_counter()
    bulk_fill(store, others, args.students)
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM answers")).scalar_one()
    print(f"  filled other classes in {time.perf_counter() - started:.1f} s: {stored:,} answers stored in all")

    def refresh():
        return classroom.snapshot(store, store.class_by_id(the_class.id))

    rows = store.class_answers(the_class.id)
    snap = refresh()
    checks = [
        ("dashboard refresh (members + answers + figures)", refresh),
        ("  query: members of the class", lambda: store.members(the_class.id)),
        ("  query: answers of the class", lambda: store.class_answers(the_class.id)),
        ("  figures from the rows (no database)",
         lambda: classroom.summarize(snap.the_class, store.members(the_class.id), rows)),
        ("teacher link lookup", lambda: store.class_by_id(the_class.id)),
        ("export: answers CSV", lambda: classroom.answers_csv(store.class_answers(the_class.id))),
        ("export: summary CSV", lambda: classroom.summary_csv(refresh())),
        ("export: xAPI JSON", lambda: classroom.xapi_json(snap.the_class, store.class_answers(the_class.id),
                                                          "http://localhost:8501")),
    ]
    ok = kept == expected
    print(f"  {'what (ms)':<52}{'median':>8}{'slowest':>9}")
    for name, function in checks:
        median, slowest = timed(function, args.repeat)
        flag = ""
        if name.startswith("dashboard refresh"):
            ok = ok and median < TARGET_MS
            flag = "  ok" if median < TARGET_MS else f"  OVER {TARGET_MS} ms"
        print(f"  {name:<52}{median:>8.1f}{slowest:>9.1f}{flag}")
    store.engine.dispose()
    return ok


def postgres_url() -> str | None:
    url = os.environ.get("TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL")
    if not url:
        return None
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--total", type=int, default=100_000, help="answers stored across all classes")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"Classroom load: {args.students} students x {sum(c for _, c in PHASES)} answers in the class under "
          f"test; {args.total:,} answers stored in all; dashboard target {TARGET_MS} ms")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        ok &= run("SQLite (WAL)", f"sqlite:///{Path(folder) / 'bench.db'}", args)
    url = postgres_url()
    if url:
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        separator = "&" if "?" in url else "?"
        try:
            ok &= run("PostgreSQL", f"{url}{separator}options=-csearch_path%3D{SCHEMA}", args)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            admin.dispose()
    else:
        print("\nPostgreSQL: skipped (set TEST_POSTGRES_URL or DATABASE_URL)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
