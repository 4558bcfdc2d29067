"""Fixtures shared by the test modules. Add yours under a heading of its own.

The store's fixtures: `sqlite_url` (a file in tmp_path), `pg_url` (a freshly created PostgreSQL
database, dropped afterwards), `store_url` (each test once per backend), `fresh_store`, and two tiny
consultations (`tiny_forum`, open to all; `coded_council`, with ballot codes) with open sessions of
them (`forum_session`, `council_session`).

PostgreSQL: the server named by $FORUM_TEST_PG_URL (default: trust auth on 127.0.0.1, database
`test`, user `postgres`). When it cannot be reached its tests are skipped with the reason, except
under CI=true, where they fail: CI must test both backends.
"""

from __future__ import annotations

import os
import secrets
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

# ---------------------------------------------------------------------------------------------
# The store: databases

PG_URL = os.environ.get("FORUM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def pg_server() -> URL:
    """The PostgreSQL server the tests create their databases on."""
    url = make_url(PG_URL)
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 (any reason to be unreachable is reported)
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        message = f"PostgreSQL at {url.render_as_string(hide_password=True)} is not reachable: {reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def pg_url(pg_server: URL) -> str:
    """A new, empty PostgreSQL database for one test; dropped after it."""
    name = f"forum_test_{secrets.token_hex(6)}"
    admin = create_engine(pg_server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield pg_server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'forum.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request) -> str:
    """The URL of an empty store, once for each backend."""
    return request.getfixturevalue("pg_url" if request.param == "postgresql" else "sqlite_url")


@pytest.fixture
def fresh_store(store_url):
    from forum_toolkit.store import open_store

    store = open_store(store_url)
    yield store
    store.close()


# ---------------------------------------------------------------------------------------------
# The store: tiny consultations and open sessions of them

TINY_FORUM = """\
id: tiny-forum
title: {de: Kleines Forum, en: Small forum}
languages: [de, en, ar]
access: open
live_results: true
pages:
  - id: main
    title: {de: Fragen, en: Questions}
    questions:
      - id: park
        kind: single_choice
        required: true
        text: {de: Park oder Parkplatz?, en: Park or car park?, ar: حديقة أم موقف سيارات؟}
        options:
          - id: park
            label: {de: Park, en: Park, ar: حديقة}
          - id: parking
            label: {de: Parkplatz, en: Car park, ar: موقف سيارات}
      - id: idea
        kind: short_text
        max_length: 50
        text: {de: Ihre Idee, en: Your idea, ar: فكرتك}
"""

CODED_COUNCIL = TINY_FORUM.replace("id: tiny-forum", "id: coded-council").replace("access: open", "access: codes")


def _load(text: str):
    from forum_toolkit.consultation.load import load_consultation_text

    return load_consultation_text(text, source="tests/conftest.py")


@pytest.fixture(scope="session")
def tiny_forum_text() -> str:
    return TINY_FORUM


@pytest.fixture(scope="session")
def tiny_forum(tiny_forum_text):
    return _load(tiny_forum_text)


@pytest.fixture(scope="session")
def coded_council_text() -> str:
    return CODED_COUNCIL


@pytest.fixture(scope="session")
def coded_council(coded_council_text):
    return _load(coded_council_text)


@pytest.fixture
def forum_session(fresh_store, tiny_forum) -> str:
    """The id of an open session of `tiny_forum` in `fresh_store`."""
    fresh_store.create_session(tiny_forum, TINY_FORUM, "forum-2026-11-25", "Forum evening", date(2026, 11, 25))
    fresh_store.set_state("forum-2026-11-25", "open")
    return "forum-2026-11-25"


@pytest.fixture
def council_session(fresh_store, coded_council) -> str:
    """The id of an open session of `coded_council` (ballot codes) in `fresh_store`."""
    fresh_store.create_session(coded_council, CODED_COUNCIL, "council-2026-12", "Council, December", date(2026, 12, 3))
    fresh_store.set_state("council-2026-12", "open")
    return "council-2026-12"
