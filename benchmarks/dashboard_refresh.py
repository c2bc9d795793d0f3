"""The teacher's live dashboard for a large class: what one refresh costs, through the real server.

    .venv/bin/python benchmarks/dashboard_refresh.py [--students 100] [--answers 6] [--refreshes 20]
    .venv/bin/python benchmarks/dashboard_refresh.py --url http://127.0.0.1:8501 --database-url sqlite:///...

A teacher starts a class on /teacher and opens the live dashboard over Streamlit's websocket protocol
(testkit/st_protocol.py, as benchmarks/class_load.py does). Then N students join and answer part of
the warm-up test, stored as the app stores them (testkit/answers.py), so that the dashboard has a
whole class to show. Then, --refreshes times, one student answers one more question and every
fragment of the dashboard that refreshes by itself (st.fragment run_every) is rerun, as the
teacher's browser reruns it: one after another on the tab's websocket.

It prints, per fragment, p50/p95/max of a refresh and the bytes it sends, and the server's CPU per
round. Nothing else uses the server meanwhile, so this is the dashboard's own cost; under a class
that is joining, the same CPU competes with the learners (benchmarks/class_load.py measures that).
Unless --url is given, the server is started as `./telltale.sh start` runs it, on a loopback port
with a fresh SQLite database, and stopped at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from class_load import Server, cpu_seconds, ms, percentile, start_class  # noqa: E402
from telltale import classroom  # noqa: E402
from telltale.library import load_library  # noqa: E402
from telltale.storage import Store, make_engine  # noqa: E402
from testkit.answers import answer_questions  # noqa: E402


async def measure(url: str, database_url: str, args, server: Server | None) -> None:
    code, tab = await start_class(url, practice=3, ads=2, students=args.students)
    store = Store(make_engine(database_url))
    items = load_library().items
    joined = [classroom.join_class(store, code, f"Student {n:03d}").learner for n in range(args.students)]
    for number, learner in enumerate(joined):
        answer_questions(store, learner, "pretest", args.answers, items, right=number % 3 != 0)
    times: dict[str, list[float]] = {fragment: [] for fragment in tab.auto_reruns}
    sizes: dict[str, list[int]] = {fragment: [] for fragment in tab.auto_reruns}
    cpu_before = cpu_seconds(server.process.pid) if server else None
    for round_number in range(args.refreshes):
        learner = joined[round_number % len(joined)]
        answer_questions(store, learner, "pretest", args.answers + 1 + round_number // len(joined), items)
        for fragment in tab.auto_reruns:
            received = tab.bytes_received
            times[fragment].append(await tab.rerun(fragment_id=fragment, auto=True))
            sizes[fragment].append(tab.bytes_received - received)
    cpu = cpu_seconds(server.process.pid) - cpu_before if server else None
    await tab.close()
    store.engine.dispose()
    print(f"a class of {args.students} students, {args.answers} warm-up answers each; {args.refreshes} refreshes")
    print(f"{'fragment':10s} {'p50':>9s} {'p95':>9s} {'max':>9s} {'bytes each':>11s}")
    for number, (fragment, values) in enumerate(times.items(), start=1):
        print(f"{number:<10d} {ms(percentile(values, 0.5)):>9s} {ms(percentile(values, 0.95)):>9s} "
              f"{ms(max(values)):>9s} {sum(sizes[fragment]) // len(sizes[fragment]):>11,d}")
    if cpu is not None:
        print(f"server CPU: {cpu * 1000 / args.refreshes:,.0f} ms per round (every fragment refreshed once)")


async def run(args) -> None:
    if args.url:
        await measure(args.url, args.database_url, args, None)
        return
    with tempfile.TemporaryDirectory(prefix="telltale-dashboard-") as workdir:
        database_url = f"sqlite:///{Path(workdir) / 'telltale.db'}"
        server = Server(ROOT / "server.py", {"DATABASE_URL": database_url}, Path(workdir) / "server.log")
        try:
            await server.ready()
            started = time.perf_counter()
            await measure(server.url, database_url, args, server)
            print(f"(measured in {time.perf_counter() - started:.0f} s)")
        finally:
            server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--answers", type=int, default=6, help="warm-up answers per student before measuring")
    parser.add_argument("--refreshes", type=int, default=20)
    parser.add_argument("--url", help="measure an app that is already running there (nothing is started)")
    parser.add_argument("--database-url", help="that app's database (with --url)")
    args = parser.parse_args()
    if args.url and not args.database_url:
        parser.error("--url needs --database-url: the students are written to the app's database")
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
