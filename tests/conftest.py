"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

from telltale.storage import Store, make_engine, metadata

BACKENDS = ["sqlite", "postgresql"]


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


@pytest.fixture
def store(db_url):
    engine = make_engine(db_url)
    yield Store(engine)
    engine.dispose()
