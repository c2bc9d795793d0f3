"""Serve Telltale for a school: several Streamlit processes behind HAProxy, on one database.

    ./telltale.sh serve --workers 2 [--port 8501] [--address 0.0.0.0]

Each worker is a Streamlit process on a loopback port; HAProxy (Debian's package) listens on
--address:--port, sends each browser to one worker and keeps it there (a cookie), because a
Streamlit session and its images live in one process. HAProxy checks each worker's health and
stops sending new learners to one that does not answer; this script restarts a worker that exits.
All workers share DATABASE_URL (PostgreSQL for several machines; SQLite works on one machine).
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER_COOKIE = "TELLTALE_WORKER"


def haproxy_config(address: str, port: int, worker_ports: list[int], stats_port: int | None) -> str:
    """HAProxy settings: sticky by cookie, health checks, websockets kept open for a lesson."""
    servers = "\n".join(
        f"    server w{n} 127.0.0.1:{worker_port} check cookie w{n}"
        for n, worker_port in enumerate(worker_ports, start=1))
    stats = (f"\nfrontend stats\n    bind 127.0.0.1:{stats_port}\n    stats enable\n    stats uri /\n"
             if stats_port else "")
    return f"""global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # A websocket stays open for the whole lesson; Streamlit pings it, so idle means gone.
    timeout tunnel 2h
    timeout http-request 10s
    option http-server-close
    # The browser's address for the join page's limits (telltale/join_guard.py trusts it from loopback only).
    option forwardfor

frontend telltale
    bind {address}:{port}
    default_backend workers

backend workers
    # A new browser goes to the least busy worker, then keeps its worker through a cookie.
    balance leastconn
    cookie {WORKER_COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    # A worker that refuses connections is down within 6 s. A busy one answers late, not never: with
    # the check's timeout at its default (inter, 2 s), a worker silent for 12 s was marked down and its
    # tabs' requests went to a worker holding neither their pictures nor their sessions
    # (tests/test_serve_browser.py stops a worker for 16 s).
    default-server inter 2s fall 3 rise 2
    timeout check 20s
    # Which worker answered, for the smoke test and for a teacher's support question.
    http-response set-header X-Telltale-Worker %s
{servers}
{stats}"""


def free_ports(count: int) -> list[int]:
    import socket

    sockets, ports = [], []
    for _ in range(count):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sockets.append(sock)
        ports.append(sock.getsockname()[1])
    for sock in sockets:
        sock.close()
    return ports


def start_worker(port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env)


def wait_started(port: int, timeout: float = 90) -> None:
    """Until the worker's /ready answers: it has checked its content and imported its pages. A 503
    (content or database problems, which it logs) still counts as started: the worker serves every
    part whose content is fine, as one process would."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=30):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"worker on port {port} did not start within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="port that browsers connect to")
    parser.add_argument("--address", default="0.0.0.0", help="address HAProxy listens on")
    parser.add_argument("--stats-port", type=int, help="HAProxy's status page on 127.0.0.1:PORT")
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not os.path.exists(haproxy):
        raise SystemExit("HAProxy is not installed: apt-get install haproxy (Debian's package)")

    env = dict(os.environ)
    # Every worker signs cookies with the same secret, so any of them accepts a browser's cookie.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    worker_ports = free_ports(args.workers)
    workers = {port: start_worker(port, env) for port in worker_ports}
    for port in worker_ports:
        wait_started(port)

    run_dir = Path(tempfile.mkdtemp(prefix="telltale-serve-"))
    config = run_dir / "haproxy.cfg"
    config.write_text(haproxy_config(args.address, args.port, worker_ports, args.stats_port))
    proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)])
    print(f"Telltale: {args.workers} workers behind HAProxy on http://{args.address}:{args.port} "
          f"(database: {env.get('DATABASE_URL') or 'SQLite in data/telltale.db'})", flush=True)

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping:
            if proxy.poll() is not None:
                raise SystemExit(f"HAProxy exited with code {proxy.returncode}")
            for port, process in list(workers.items()):
                if process.poll() is not None:  # HAProxy routes around it until it is back
                    print(f"worker on port {port} exited ({process.returncode}); restarting", flush=True)
                    workers[port] = start_worker(port, env)
            time.sleep(1)
    finally:
        for process in [proxy, *workers.values()]:
            if process.poll() is None:
                process.terminate()
        for process in [proxy, *workers.values()]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
