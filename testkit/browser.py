"""Helpers for the browser tests: a real Streamlit server and Debian's headless Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(command: list[str], url: str, env: dict, what: str, timeout: float = 60):
    """Start a server process and wait until its /_stcore/health answers; yields, then stops it."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:
                    process.kill()
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                raise RuntimeError(f"{what} did not start:\n{output}")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def streamlit_server(database_url: str, extra_env: dict | None = None):
    """Start the app on a free loopback port; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with running(command, url, {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}, "Streamlit"):
        yield url


def wait_idle(page, timeout: int = 30000) -> None:
    """Wait until Streamlit has run the script for the last interaction and removed stale elements.

    A click starts a run a moment later, and st.rerun() or a page switch starts another, so
    wait for a quiet moment: idle, with no element left over from the previous screen.
    """
    for _ in range(2):
        page.wait_for_timeout(250)
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=timeout)


@contextmanager
def app_and_browser(database_url: str):
    """The app on a loopback port and Debian's headless Chromium, for scripts that take screenshots;
    yields (base URL, browser)."""
    from playwright.sync_api import sync_playwright

    with streamlit_server(database_url) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield url, browser
        finally:
            browser.close()
