"""Migrations: applied when a store is opened, once, and the schema they make is the tables' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import pytest

from forum_toolkit.store import StoreUnavailable, open_store
from forum_toolkit.store.migrate import head_revision
from forum_toolkit.store.tables import metadata


def test_opening_an_empty_database_creates_the_schema(store_url):
    with open_store(store_url) as store:
        assert store.upgraded_from == ""
        [entry] = store.audit()
        assert (entry.event, entry.detail) == ("schema_upgraded", {"from": None, "to": head_revision()})


def test_opening_it_again_changes_nothing(store_url):
    open_store(store_url).close()
    with open_store(store_url) as store:
        assert store.upgraded_from is None
        assert [entry.event for entry in store.audit()] == ["schema_upgraded"]


def test_the_migrations_make_exactly_the_tables_schema(store_url):
    open_store(store_url).close()
    engine = create_engine(store_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        assert set(inspect(connection).get_table_names()) == {*metadata.tables, "alembic_version"}
    engine.dispose()


def test_a_schema_newer_than_this_forum_toolkit_is_refused(store_url):
    open_store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreUnavailable) as raised:
        open_store(store_url)
    assert str(raised.value).endswith(
        f": the schema is at revision 9999, which this forum_toolkit does not know (it knows up to {head_revision()}); upgrade forum_toolkit"
    )


def test_the_head_read_from_the_revision_files_is_alembics():
    from alembic.script import ScriptDirectory

    from forum_toolkit.store.migrate import alembic_config, revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert revisions() == {revision.revision: revision.down_revision for revision in script.walk_revisions()}


def test_opening_a_store_at_head_imports_no_alembic(sqlite_url):
    import subprocess
    import sys

    from forum_toolkit.store import open_store

    open_store(sqlite_url).close()  # made and upgraded here
    code = f"import sys; from forum_toolkit.store import open_store; open_store({sqlite_url!r}).close(); print('alembic' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
