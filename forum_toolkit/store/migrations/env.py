"""Alembic's environment for the store. It runs only through `forum_toolkit.store.migrate`, which
hands it a connection already inside the transaction (and lock) that the upgrade runs in."""

from alembic import context

from forum_toolkit.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
