"""GET /ready on the real server (server.py): 200 when content and database are fine, 503 naming the
problem otherwise (issue 9: the server always reported healthy)."""
from __future__ import annotations

import shutil
import urllib.error
import urllib.request

from telltale import ROOT
from testkit.browser import streamlit_server


def ready(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{url}/ready", timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_ready_when_all_is_well_and_not_with_broken_content_or_database(tmp_path):
    with streamlit_server(f"sqlite:///{tmp_path / 'ok.db'}") as url:
        assert ready(url) == (200, "Ready.\n")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "lessons", content / "lessons")
    shutil.copytree(ROOT / "images", content / "images")
    (content / "lessons" / "ads.yaml").write_text("examples: [\n")
    with streamlit_server(f"sqlite:///{tmp_path / 'broken.db'}", {"TELLTALE_CONTENT_DIR": str(content)}) as url:
        status, text = ready(url)
        assert status == 503 and "ads.yaml:" in text and "part 'ads' cannot be shown" in text
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as reply:
            assert reply.status == 200  # the process is up and serves the parts that are fine
    with streamlit_server("postgresql://nobody@127.0.0.1:9/none?connect_timeout=2") as url:
        status, text = ready(url)
        assert status == 503 and "database: the database cannot be opened" in text
