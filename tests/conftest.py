"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

from telltale.storage import Store, make_engine, metadata

BACKENDS = ["sqlite", "postgresql"]


def pytest_configure(config):
    """Under pytest-xdist (./telltale.sh test runs the tests in parallel) each worker process gets
    its own PostgreSQL database on the test server, since the tests drop and create their tables."""
    worker, url = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get("TEST_POSTGRES_URL")
    if not worker or not url:
        return
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"telltale_{worker}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    os.environ["TEST_POSTGRES_URL"] = make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A URL to an empty database; PostgreSQL comes from TEST_POSTGRES_URL (set by ./telltale.sh test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'telltale.db'}"
        return
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        pytest.skip("TEST_POSTGRES_URL is not set (./telltale.sh test starts a PostgreSQL server)")
    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    yield url
    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


def app_database(url: str, monkeypatch):
    """The database the app under AppTest opens (DATABASE_URL), with the app's cached engine and
    data dropped so that it opens this one; yields a Store on it. Fixtures `yield from` it."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    store = Store(make_engine(url))
    yield store
    store.engine.dispose()
    st.cache_resource.clear()


@pytest.fixture
def app_store(db_url, monkeypatch):
    """The app's database, on SQLite and on PostgreSQL."""
    yield from app_database(db_url, monkeypatch)


@pytest.fixture
def store(db_url):
    engine = make_engine(db_url)
    yield Store(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (Playwright cannot download browsers here)."""
    from playwright.sync_api import sync_playwright

    from testkit.browser import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (./telltale.sh test installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def app_url(tmp_path):
    """The real app on a loopback port with its own empty SQLite database."""
    from testkit.browser import streamlit_server

    with streamlit_server(f"sqlite:///{tmp_path / 'app.db'}") as url:
        yield url


@pytest.fixture(scope="module")
def lesson():
    """The ads lesson (lessons/ads.yaml), loaded and validated."""
    from telltale.ads.load import load_ads

    return load_ads()


@pytest.fixture(scope="module")
def case():
    """The network investigation (lessons/network.yaml), loaded and validated."""
    from telltale.ads.load import load_network

    return load_network()
