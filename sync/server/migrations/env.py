"""Alembic environment of the central server: always run by sync.server.db with a live connection."""

from alembic import context

from sync.server.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    version_table="alembic_version_central",  # never mistaken for a station database's history
)
with context.begin_transaction():
    context.run_migrations()
