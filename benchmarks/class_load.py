"""A class of learners against a running Telltale, over Streamlit's own websocket protocol (no browser).

    .venv/bin/python benchmarks/class_load.py --scenario class --learners 30 --ramp 5 --think 6 --answers 10
    .venv/bin/python benchmarks/class_load.py --scenario lockstep --learners 30 --answers 10
    .venv/bin/python benchmarks/class_load.py --scenario floor --learners 30 --ramp 5 --think 6 --answers 10
    .venv/bin/python benchmarks/class_load.py --scenario lockstep --workers 2      # ./telltale.sh serve: HAProxy
    .venv/bin/python benchmarks/class_load.py --learners 300 --ramp 30 --classes 10 --workers 2 --database-url postgresql+psycopg://...
    .venv/bin/python benchmarks/class_load.py --url http://127.0.0.1:8501 --database-url sqlite:///...

Each simulated learner is one browser tab (testkit/st_protocol.py): it loads the join page with the
class code, types the code and a nickname, and answers --answers questions in course order (the
warm-up's faces, then practice with its feedback, then the fake ads), choosing at random as a
learner would: real or AI-made, how sure, for an ad its verdict and a few red flags. A teacher first
starts the class on /teacher (warm-up, practice, ads), opens the live dashboard and keeps it open;
its st.fragment refreshes (run_every) are sent as the browser sends them.

Scenarios (all traffic on 127.0.0.1; each bounded by --answers and --timeout):
  class     N learners join over --ramp seconds, about --think seconds per question (0.5x to 1.5x).
  lockstep  all N learners submit at the same instant, --answers times (the worst case).
  floor     the class scenario against Telltale, then against benchmarks/floor_app.py (the smallest
            Streamlit page with the same flow: start, a face, two radios, submit, one INSERT), and the
            ratio of the two.
  floor-lockstep  the lockstep scenario against Telltale, then against the floor page.
  --rounds R  any scenario R times on the same server, a new class each time (a soak): the server's
            memory after each class, and its growth from the first to the last.

Unless --url is given the benchmark starts the servers itself, each on a free loopback port with a
fresh SQLite database in a temporary directory (or --database-url): with one worker
`python -m streamlit run server.py` (the app and /ready) in the repository, so .streamlit/config.toml applies exactly as for
`./telltale.sh start`; with --workers N (N > 1, or --proxy) scripts/serve.py, which is what
`./telltale.sh serve --workers N` runs: N processes behind HAProxy, sticky by cookie. Each tab keeps
its cookies as a browser does, so its websocket and images reach its own worker. The floor has no
serve script: with --workers N it runs N floor processes and gives them the learners in turn.

Figures: first page (GET of the page until its first script run has finished), start (the join or
start click until the first face is on screen), answer (the submit until the script_finished of that
run, st.rerun and page switches included), next (practice/ads "Next" clicks), dashboard refresh;
p50/p95/max; bytes per learner (websocket payloads + images + page); server RSS before, peak and
after; and the answers in the database: sent = stored, none duplicated.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testkit.st_protocol import BrowserTab, ProtocolError, http_get  # noqa: E402

FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
FACE_QUESTIONS = ("Real photo or AI-made?", "Which of these two is a real photo?")
AD_QUESTION = "Authentic, or part of an inauthentic network?"
ONWARD = re.compile(r"^(Next face|Next post|On to .*|See my results)$")
CONFIDENCE_WEIGHTS = (2, 3, 4, 4, 3, 1)  # 50% .. 100%: most learners are fairly but not fully sure
COURSE_PARTS = {"The tells": False, "Final test": False, "Network case": False,  # the teacher's choices
                "Warm-up test": True, "Practice": True, "Fake ads": True}


# --- figures -----------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


@dataclass
class Figures:
    name: str
    timings: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in
                                                                      ("first page", "start", "answer", "next",
                                                                       "dashboard refresh")})
    sent: dict[str, int] = field(default_factory=dict)
    answer_by_page: dict[str, list[float]] = field(default_factory=dict)
    bytes_sent: list[int] = field(default_factory=list)
    bytes_per_learner: list[int] = field(default_factory=list)
    media_per_learner: list[int] = field(default_factory=list)
    finished: int = 0
    media_errors: int = 0  # images asked for and not given
    served_by: dict[str, int] = field(default_factory=dict)  # learners per worker, as HAProxy reports
    course_ended: int = 0  # learners who reached the results before giving --answers answers
    cold_first_page: list[float] = field(default_factory=list)  # the first page a fresh server serves
    failures: list[str] = field(default_factory=list)
    rss_before: list[int] = field(default_factory=list)
    rss_peak: list[int] = field(default_factory=list)
    rss_after: list[int] = field(default_factory=list)
    rss_rounds: list[list[int]] = field(default_factory=list)  # after each class of a soak (--rounds)
    cpu_seconds: float | None = None  # the app processes' CPU time during the class(es)
    stored: dict[str, int] | None = None
    duplicates: int | None = None
    seconds: float = 0.0
    load_before: str = ""
    load_after: str = ""


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- servers -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (/proc/PID/stat), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    """Resident memory of the process (VmRSS in /proc), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Server:
    """The app as a teacher starts it, on a free loopback port.

    Direct: `python -m streamlit run SCRIPT` in the repository, so .streamlit/config.toml applies as for
    `./telltale.sh start`. Proxied: scripts/serve.py (what `./telltale.sh serve --workers N` runs), N
    workers behind HAProxy with sticky cookies.
    """

    def __init__(self, script: Path, env: dict[str, str], log: Path, workers: int = 1, proxied: bool = False):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proxied = proxied
        self.has_ready = proxied or script.name == "server.py"  # Telltale's /ready; the floor page has none
        if proxied:
            command = [sys.executable, "scripts/serve.py", "--workers", str(workers), "--port", str(self.port),
                       "--address", "127.0.0.1"]
        else:
            command = [sys.executable, "-m", "streamlit", "run", str(script.relative_to(ROOT)),
                       "--server.port", str(self.port), "--server.address", "127.0.0.1"]
        shipped = {"MALLOC_ARENA_MAX": "2"}  # as ./telltale.sh sets it (server.keep_memory_returnable)
        self.process = subprocess.Popen(command, cwd=ROOT, env={**shipped, **os.environ, **env},
                                        stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.peaks: dict[int, int] = {}

    async def ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}); see {self.log}:\n"
                                   + self.log.read_text(errors="replace")[-2000:])
            try:
                # /ready answers once the server has checked its content and imported its pages
                path = "/ready" if self.has_ready else "/_stcore/health"
                status, _, body = await http_get("127.0.0.1", self.port, path, timeout=30)
                if status == 200:
                    return
                if status == 503:
                    raise RuntimeError(f"the server on port {self.port} is not ready:\n{body.decode(errors='replace')}")
            except (OSError, asyncio.TimeoutError, ValueError, IndexError):
                pass
            await asyncio.sleep(0.3)
        raise RuntimeError(f"the server on port {self.port} was not healthy after {timeout:.0f} s; see {self.log}")

    def worker_pids(self) -> list[int]:
        if not self.proxied:
            return [self.process.pid]
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(c) for c in children if b"streamlit" in _cmdline(int(c))]

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.worker_pids())

    def rss(self) -> list[int]:
        """Resident memory of each app process (the proxy's own few MB are left out)."""
        values = []
        for pid in self.worker_pids():
            value = rss_bytes(pid)
            self.peaks[pid] = max(self.peaks.get(pid, 0), value)
            values.append(value)
        return values

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # serve.py stops its workers and HAProxy itself
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group this benchmark started
                self.process.wait()


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


async def sample_memory(servers: list[Server], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for server in servers:
            server.rss()
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass


def server_settings() -> str:
    """The settings that shape serving, as read from the repository's config (for the report's header)."""
    path = ROOT / ".streamlit" / "config.toml"
    if not path.exists():
        return "no .streamlit/config.toml: Streamlit's defaults"
    config = tomllib.loads(path.read_text())
    keep = {f"{section}.{name}": value for section in ("server", "runner", "global", "logger")
            for name, value in config.get(section, {}).items()}
    return ", ".join(f"{k}={v}" for k, v in keep.items()) or "(no server or runner settings)"


# --- the people --------------------------------------------------------------------------------

@dataclass
class Plan:
    scenario: str
    answers: int
    think: float
    ramp: float
    learners: int
    join_codes: list[str]  # learner n joins class n % len; none: learners take the course on their own (the floor, --solo)
    lockstep: Lockstep | None = None


class Lockstep:
    """All learners still in the run submit together: each round starts when every one of them is ready.

    Unlike asyncio.Barrier, a learner who fails or finishes leaves, and the others go on without it.
    """

    def __init__(self, learners: int):
        self.active = learners
        self.waiting = 0
        self.round = 0
        self.changed = asyncio.Condition()

    async def wait(self) -> None:
        async with self.changed:
            this_round = self.round
            self.waiting += 1
            if self.waiting >= self.active:
                self._go()
            else:
                await self.changed.wait_for(lambda: self.round != this_round)

    async def leave(self) -> None:
        async with self.changed:
            self.active -= 1
            if self.waiting and self.waiting >= self.active:
                self._go()

    def _go(self) -> None:
        self.waiting = 0
        self.round += 1
        self.changed.notify_all()


async def pause(rng: random.Random, seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds * rng.uniform(0.5, 1.5))


def fill_answer(tab: BrowserTab, rng: random.Random) -> None:
    """Choose as a learner would on whatever question is on screen: a face, a pair or an ad."""
    screen = tab.screen
    question = next((screen.find("radio", label) for label in FACE_QUESTIONS + (AD_QUESTION,)
                     if screen.find("radio", label)), None)
    if question is None:
        raise ProtocolError(f"no question on the page; it shows {screen.labels()}")
    tab.set_value(question, rng.choice(tab.options(question)))
    sure = tab.widget("radio", "How sure are you?")
    tab.set_value(sure, rng.choices(tab.options(sure), weights=CONFIDENCE_WEIGHTS[:len(tab.options(sure))])[0])
    if question.label == AD_QUESTION:
        for box in [w for w in screen.widgets if w.kind == "checkbox" and w.form_id == question.form_id]:
            tab.set_value(box, rng.random() < 0.3)


async def learner(number: int, url: str, plan: Plan, figures: Figures, seed: int) -> None:
    rng = random.Random(seed * 1000 + number)
    await asyncio.sleep(plan.ramp * number / plan.learners)  # joining one after another over the ramp
    tab = BrowserTab(url)
    try:
        if plan.join_codes:
            join_code = plan.join_codes[number % len(plan.join_codes)]
            figures.timings["first page"].append(await tab.open("join", f"code={join_code}"))
            await tab.media_done()
            await pause(rng, min(plan.think, 4))  # typing the code and a nickname
            tab.set_value(tab.widget("text_input", "Class code"), join_code)
            tab.set_value(tab.widget("text_input", "Nickname"), f"Learner {number} {rng.randrange(10**6):06d}")
            figures.timings["start"].append(await tab.click("Join"))
        else:
            figures.timings["first page"].append(await tab.open())
            await tab.media_done()
            await pause(rng, min(plan.think, 3))  # reading the welcome page
            figures.timings["start"].append(await tab.click("Start the course"))
        for _ in range(plan.answers):
            while tab.screen.find("button", "Submit answer") is None:
                if tab.page == "results":  # the teacher's course is shorter than --answers
                    figures.course_ended += 1
                    break
                onward = next((w for w in tab.screen.widgets if w.kind == "button" and ONWARD.match(w.label)), None)
                if onward is None:
                    raise ProtocolError(f"neither a question nor a way on, on page {tab.page!r}: {tab.screen.labels()}")
                await tab.media_done()
                await pause(rng, plan.think / 2)  # reading the feedback
                figures.timings["next"].append(await tab.click(onward.label))
            if tab.page == "results":
                break
            await tab.media_done()
            page = tab.page
            fill_answer(tab, rng)
            if plan.lockstep is not None:
                await plan.lockstep.wait()
            else:
                await pause(rng, plan.think)
            seconds = await tab.click("Submit answer")
            figures.timings["answer"].append(seconds)
            figures.answer_by_page.setdefault(page, []).append(seconds)
            figures.sent[page] = figures.sent.get(page, 0) + 1
            if tab.screen.exception:
                raise ProtocolError(f"the app showed an exception: {tab.screen.exception}")
        await tab.media_done()
        figures.finished += 1
    except Exception as error:  # noqa: BLE001 - one learner's failure is reported, the class goes on
        figures.failures.append(f"learner {number}: {type(error).__name__}: {error}")
    finally:
        if plan.lockstep is not None:
            await plan.lockstep.leave()
        figures.bytes_per_learner.append(tab.bytes_received)
        figures.bytes_sent.append(tab.bytes_sent)
        figures.media_per_learner.append(tab.media_bytes)
        figures.media_errors += tab.media_errors
        if tab.served_by:
            figures.served_by[tab.served_by] = figures.served_by.get(tab.served_by, 0) + 1
        await tab.close()


async def start_class(url: str, practice: int, ads: int, students: int) -> tuple[str, BrowserTab]:
    """The teacher starts a class on /teacher and opens its live dashboard; returns (code, the tab)."""
    tab = BrowserTab(url)
    await tab.open("teacher")
    for label, keep in COURSE_PARTS.items():
        tab.set_value(tab.widget("checkbox", label), keep)
    tab.set_value(tab.widget("slider", "Practice faces"), practice)
    tab.set_value(tab.widget("slider", "Sponsored posts to judge"), ads)
    tab.set_value(tab.widget("number_input", "Most students who may join"), students)  # else 40 at most
    await tab.click("Start the class")
    found = next((m for text in tab.screen.texts if (m := re.search(r"/join\?code=([A-Z0-9]+)", text))), None)
    if found is None:
        raise ProtocolError(f"no join link after starting the class: {tab.screen.texts[-5:]}")
    await tab.click("Open the live dashboard")
    if not tab.auto_reruns:
        raise ProtocolError("the dashboard asked for no automatic refresh (st.fragment run_every)")
    return found.group(1), tab


async def keep_dashboard_open(tab: BrowserTab, figures: Figures, stop: asyncio.Event) -> None:
    """Refresh the dashboard as the browser does: every fragment with a run_every (the live view, the
    rejoin requests) rerun once per interval, one after another on the tab's one websocket."""
    interval = min(tab.auto_reruns.values())
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), interval)
            break
        except asyncio.TimeoutError:
            pass
        for fragment_id in list(tab.auto_reruns):
            try:
                figures.timings["dashboard refresh"].append(await tab.rerun(fragment_id=fragment_id, auto=True))
            except Exception as error:  # noqa: BLE001
                figures.failures.append(f"teacher: {type(error).__name__}: {error}")
                return


# --- the database ------------------------------------------------------------------------------

def telltale_answers(database_url: str, since: datetime) -> tuple[dict[str, int], int]:
    """Answers stored by learners created since the run began: per phase, and how many are duplicates."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import text
    from telltale.storage import make_engine
    engine = make_engine(database_url)
    mine = "FROM answers a JOIN learners l ON l.id = a.learner_id WHERE l.created_at >= :since"
    with engine.connect() as conn:
        per_phase = dict(conn.execute(text(f"SELECT a.phase, COUNT(*) {mine} GROUP BY a.phase"), {"since": since}).all())
        duplicates = conn.execute(text(f"SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n {mine} "
                                       "GROUP BY a.learner_id, a.phase, a.position HAVING COUNT(*) > 1) d"),
                                  {"since": since}).scalar()
    engine.dispose()
    return per_phase, int(duplicates)


def floor_answers(path: Path) -> tuple[dict[str, int], int]:
    with sqlite3.connect(path) as db:
        total = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        duplicates = db.execute("SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM answers "
                                "GROUP BY learner, position HAVING n > 1)").fetchone()[0]
    return {"floor": total}, duplicates


# --- one measured run --------------------------------------------------------------------------

async def run_class(args, scenario: str, urls: list[str], figures: Figures, is_floor: bool, seed: int) -> None:
    """One class (or --classes at once): each teacher starts theirs and keeps the dashboard open, the
    learners join (learner n the class n modulo --classes) and answer."""
    plan = Plan(scenario, args.answers, 0 if scenario == "lockstep" else args.think,
                0 if scenario == "lockstep" else args.ramp, args.learners, [])
    if scenario == "lockstep":
        plan.lockstep = Lockstep(args.learners)
    stop = asyncio.Event()
    tasks, teachers = [], []
    if not is_floor and not args.solo:
        for _ in range(args.classes):
            join_code, teacher = await start_class(urls[0], args.practice, args.ads, -(-args.learners // args.classes))
            plan.join_codes.append(join_code)
            teachers.append(teacher)
            tasks.append(asyncio.ensure_future(keep_dashboard_open(teacher, figures, stop)))
    learners = [asyncio.ensure_future(learner(n, urls[n % len(urls)], plan, figures, seed))
                for n in range(args.learners)]
    done, pending = await asyncio.wait(learners, timeout=args.timeout)
    for task in pending:
        task.cancel()
    if pending:
        figures.failures.append(f"{len(pending)} learners still running after --timeout {args.timeout:.0f} s")
        await asyncio.gather(*pending, return_exceptions=True)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    for teacher in teachers:
        await teacher.close()


async def measure(name: str, args, app: Path, scenario: str) -> Figures:
    figures = Figures(name)
    workdir = Path(tempfile.mkdtemp(prefix=f"class-load-{name}-"))
    servers: list[Server] = []
    is_floor = app == FLOOR_APP
    since = datetime.now(timezone.utc)
    try:
        if is_floor:
            database = workdir / "floor.db"
            env = {"FLOOR_DB": str(database)}
            urls = [args.floor_url] if args.floor_url else None
        else:
            database = args.database_url or f"sqlite:///{workdir / 'telltale.db'}"
            env = {"DATABASE_URL": database}
            urls = [args.url] if args.url else None
        if urls is None:
            if is_floor or not (args.workers > 1 or args.proxy):
                # The floor has no serve script: its workers, if several, get the learners in turn.
                servers = [Server(app, env, workdir / f"server-{n}.log") for n in range(args.workers)]
            else:
                servers = [Server(app, env, workdir / "serve.log", args.workers, proxied=True)]
            await asyncio.gather(*(s.ready() for s in servers))
            urls = [s.url for s in servers]
            # One page open per process first, as the first visitor of the day does (imports, caches).
            # Behind the proxy, tabs kept open at once are spread over the workers (least connections).
            warm_tabs = [BrowserTab(url) for url in urls for _ in range(args.workers if len(urls) == 1 else 1)]
            for tab in warm_tabs:
                figures.cold_first_page.append(await tab.open())
            for tab in warm_tabs:
                await tab.close()
        figures.rss_before = [value for s in servers for value in s.rss()]
        cpu_before = sum(s.cpu() for s in servers)
        figures.load_before = loadavg()
        stop = asyncio.Event()
        tasks = [asyncio.ensure_future(sample_memory(servers, stop))]
        started = time.perf_counter()
        for round_number in range(args.rounds):
            # Each round is a new class (a soak: class after class on the same server).
            await run_class(args, scenario, urls, figures, is_floor, seed=args.seed + round_number)
            if args.rounds > 1:
                await asyncio.sleep(1)
                figures.rss_rounds.append([value for s in servers for value in s.rss()])
        figures.seconds = time.perf_counter() - started
        if servers:
            figures.cpu_seconds = sum(s.cpu() for s in servers) - cpu_before
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        figures.load_after = loadavg()
        await asyncio.sleep(1)  # closed sessions let go of their state
        figures.rss_after = [value for s in servers for value in s.rss()]
        figures.rss_peak = [value for s in servers for value in s.peaks.values()]
        if is_floor and (servers or args.floor_db):
            figures.stored, figures.duplicates = floor_answers(Path(args.floor_db) if args.floor_db else database)
        elif not is_floor and (servers or args.database_url):
            figures.stored, figures.duplicates = telltale_answers(database, since)
    finally:
        for server in servers:
            server.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}")
    return figures


# --- the report --------------------------------------------------------------------------------

PHASE_OF_PAGE = {"": "floor"}  # Telltale's page names are its phases; the floor's only page has none


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def mb(values: list[int]) -> str:
    return " + ".join(f"{v / 2**20:,.0f}" for v in values) + " MB" if values else "n/a (--url)"


def report(all_figures: list[Figures], args) -> bool:
    ok = True
    print(f"\nserver settings in this checkout (.streamlit/config.toml): {server_settings()}")
    for f in all_figures:
        print(f"\n== {f.name}: {f.finished} of {args.learners * args.rounds} learners finished in {f.seconds:.1f} s; "
              f"load average {f.load_before} before, {f.load_after} after ==")
        print(f"{'':<18}{'count':>7}{'p50':>11}{'p95':>11}{'max':>11}")
        rows = list(f.timings.items())
        if len(f.answer_by_page) > 1:  # where the answers are slow: per part of the course
            at = [name for name, _ in rows].index("answer") + 1
            rows[at:at] = [(f"  in {PHASE_OF_PAGE.get(page, page)}", values) for page, values in f.answer_by_page.items()]
        for what, values in rows:
            if values:
                print(f"{what:<18}{len(values):>7}{ms(percentile(values, .5)):>11}{ms(percentile(values, .95)):>11}"
                      f"{ms(max(values)):>11}")
        if f.cold_first_page:
            print(f"first page of a freshly started server (before the learners): "
                  f"{', '.join(ms(t) for t in f.cold_first_page)}")
        if f.course_ended:
            print(f"{f.course_ended} learners reached the end of the course before --answers {args.answers}")
        if f.bytes_per_learner:
            mean = sum(f.bytes_per_learner) / len(f.bytes_per_learner)
            media = sum(f.media_per_learner) / len(f.media_per_learner)
            sent = sum(f.bytes_sent) / len(f.bytes_sent)
            print(f"bytes per learner: {mean / 1024:,.0f} KiB received ({media / 1024:,.0f} KiB of it images), "
                  f"{sent / 1024:,.0f} KiB sent; images not served: {f.media_errors}")
            ok &= not f.media_errors
        if f.served_by:
            print("learners per worker (HAProxy): " + ", ".join(f"{k} {v}" for k, v in sorted(f.served_by.items())))
        print(f"server memory (RSS): before {mb(f.rss_before)}, peak {mb(f.rss_peak)}, after {mb(f.rss_after)}")
        if f.cpu_seconds is not None:
            # The work itself, which the machine's other load does not change much (unlike waiting times).
            clicks = sum(len(values) for values in f.timings.values())
            print(f"server CPU: {f.cpu_seconds:,.1f} s for {clicks} page opens, starts, answers and clicks "
                  f"({1000 * f.cpu_seconds / max(1, clicks):,.0f} ms each)")
        if f.rss_rounds:
            print("server memory after each class: " + ", ".join(mb(values) for values in f.rss_rounds))
            first, last = sum(f.rss_rounds[0]), sum(f.rss_rounds[-1])
            print(f"memory growth from the first class to the last: {100 * (last - first) / first:+.1f}% "
                  f"over {args.rounds * args.learners} learners")
        sent = {PHASE_OF_PAGE.get(page, page): n for page, n in f.sent.items()}
        if f.stored is None:
            print(f"answers sent {sum(sent.values())} {sent}; not counted in a database (give --database-url)")
        else:
            same = sum(sent.values()) == sum(f.stored.values()) and (f.name == "floor" or sent == f.stored)
            print(f"answers sent {sum(sent.values())} {sent}; stored {sum(f.stored.values())} {f.stored}; "
                  f"duplicates {f.duplicates}: {'OK' if same and not f.duplicates else 'MISMATCH'}")
            ok &= same and not f.duplicates
        for failure in f.failures[:10]:
            print(f"  failed: {failure}")
        if len(f.failures) > 10:
            print(f"  ... and {len(f.failures) - 10} more failures")
        ok &= not f.failures
    if len(all_figures) == 2 and all(f.timings["answer"] for f in all_figures):
        app, floor = all_figures
        print("\nTelltale / floor under the same load:")
        for what in ("first page", "start", "answer"):
            if app.timings[what] and floor.timings[what]:
                p50 = percentile(app.timings[what], .5) / percentile(floor.timings[what], .5)
                p95 = percentile(app.timings[what], .95) / percentile(floor.timings[what], .95)
                print(f"  {what:<12} p50 {p50:5.1f}x   p95 {p95:5.1f}x")
        if app.rss_after and floor.rss_after:
            print(f"  memory after {sum(app.rss_after) / max(1, sum(floor.rss_after)):5.1f}x")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\n(this benchmark's own CPU: {usage.ru_utime + usage.ru_stime:.1f} s, on the same cores as the servers)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=("class", "lockstep", "floor", "floor-lockstep"), default="class")
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=5.0, help="seconds over which the learners join (class)")
    parser.add_argument("--think", type=float, default=6.0, help="seconds per question, on average (class)")
    parser.add_argument("--answers", type=int, default=10, help="answers per learner (warm-up, then practice, then ads)")
    parser.add_argument("--practice", type=int, default=3, help="practice faces in the teacher's class (3 or more)")
    parser.add_argument("--ads", type=int, default=4, help="sponsored posts in the teacher's class (2 or more)")
    parser.add_argument("--workers", type=int, default=1, help="app processes to start, on one database")
    parser.add_argument("--proxy", action="store_true",
                        help="serve Telltale through scripts/serve.py (HAProxy) even with one worker "
                             "(always with --workers 2 or more)")
    parser.add_argument("--url", help="measure an app that is already running there (nothing is started)")
    parser.add_argument("--floor-url", help="with --url and --scenario floor: where the floor page runs")
    parser.add_argument("--floor-db", help="with --floor-url: the floor's FLOOR_DB, to count its answers")
    parser.add_argument("--database-url", help="the app's database (default: a fresh SQLite file per run)")
    parser.add_argument("--classes", type=int, default=1, help="classes at once, each with its teacher's dashboard")
    parser.add_argument("--solo", action="store_true", help="learners take the course alone, no class or teacher")
    parser.add_argument("--timeout", type=float, help="stop after this many seconds (default: from the plan)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1,
                        help="classes one after another on the same server (a soak: memory after each)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, databases)")
    args = parser.parse_args()
    if args.scenario.startswith("floor") and args.url and not args.floor_url:
        parser.error("--scenario floor with --url needs --floor-url (where benchmarks/floor_app.py runs)")
    if args.timeout is None:
        args.timeout = 120 + args.ramp + args.answers * (1.5 * args.think + 30)

    async def run() -> list[Figures]:
        if args.scenario in ("floor", "floor-lockstep"):
            scenario = "class" if args.scenario == "floor" else "lockstep"
            return [await measure("telltale", args, ROOT / "server.py", scenario),
                    await measure("floor", args, FLOOR_APP, scenario)]
        return [await measure("telltale", args, ROOT / "server.py", args.scenario)]

    pace = "all at once" if args.scenario.endswith("lockstep") else f"ramp {args.ramp} s, think {args.think} s"
    print(f"scenario {args.scenario}: {args.learners} learners, {pace}, {args.answers} answers each, {args.workers} worker(s){', url ' + args.url if args.url else ''}; "
          f"load average {loadavg()}")
    return 0 if report(asyncio.run(run()), args) else 1


if __name__ == "__main__":
    sys.exit(main())
