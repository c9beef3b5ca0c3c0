"""The central database: one engine per process, brought to the newest schema by Alembic on start.

SQLite (one file) stays the default for one machine and demos; PostgreSQL (postgresql+psycopg://...) is what a
Dinas runs, with several API processes on one database. Migrations live in sync/server/migrations, apart from the
station's, with their own version table. Several processes may start at once (uvicorn --workers N): on PostgreSQL
they queue on an advisory lock, on SQLite on the write lock, so exactly one of them migrates.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version_central"
BEFORE_MIGRATIONS = "c0001"  # the schema Base.metadata.create_all made before there were migrations
_MIGRATION_LOCK = 0x53544E43  # pg_advisory_xact_lock key: one migrator at a time


class SchemaError(RuntimeError):
    """The database cannot be brought to this server's schema (e.g. it was made by a newer server)."""


# 16 KB pages for a new database (an existing one keeps its own): a 40 KB photo is three pages, not eleven, and
# SQLite writes the blobs with about half the CPU (measured: 84 MB of blobs, 0.27 s -> 0.16 s).
PAGE_SIZE = "PRAGMA page_size=16384"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.execute(PAGE_SIZE)
    dbapi_conn.execute("PRAGMA journal_mode=WAL")
    dbapi_conn.execute("PRAGMA synchronous=FULL")
    dbapi_conn.execute("PRAGMA busy_timeout=10000")
    dbapi_conn.execute("PRAGMA foreign_keys=ON")


def create(database_url: str) -> Engine:
    """An engine with the settings the server relies on (SQLite: WAL, full sync, foreign keys); no migration."""
    engine = create_engine(database_url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(connection: Connection | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
    if head is None:  # an install without the migration files must not start on an empty schema
        raise SchemaError(f"migration files not found in {MIGRATIONS}")
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def _migration_engine(database_url: str) -> Engine:
    """SQLite: a transaction that takes the write lock first (BEGIN IMMEDIATE), so DDL is transactional and a
    second process waits, and foreign keys off while tables are copied (SQLite's procedure for schema changes)."""
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None
            dbapi_conn.execute("PRAGMA busy_timeout=30000")
            dbapi_conn.execute(PAGE_SIZE)  # the migration makes the file: before WAL fixes the page size
            dbapi_conn.execute("PRAGMA journal_mode=WAL")

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def migrate(database_url: str, revision: str = "head") -> str:
    """Upgrade (or downgrade) the database to `revision`, in one transaction; returns the revision now current.
    A database made by create_all before migrations existed is adopted (stamped) first."""
    engine = _migration_engine(database_url)
    try:
        with engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            cfg = alembic_config(conn)
            script = ScriptDirectory.from_config(cfg)
            current = current_revision(conn)
            if current is None and inspect(conn).has_table("stations"):
                command.stamp(cfg, BEFORE_MIGRATIONS)
                current = BEFORE_MIGRATIONS
            if current is not None and not _known(script, current):
                raise SchemaError(f"database schema {current} is newer than this server knows; upgrade the server")
            target = script.get_revision(revision)  # None for "base"
            if current is not None and (target is None or _is_older(script, target.revision, current)):
                command.downgrade(cfg, revision)
            else:
                command.upgrade(cfg, revision)
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise SchemaError(f"migration left {len(broken)} broken references; nothing was changed")
            return current_revision(conn)
    finally:
        engine.dispose()


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _is_older(script: ScriptDirectory, a: str, b: str) -> bool:
    """Is revision a an ancestor of revision b?"""
    return a != b and any(r.revision == a for r in script.iterate_revisions(b, "base"))


def open_engine(database_url: str) -> Engine:
    """The server's engine, on a database migrated to the newest schema."""
    migrate(database_url)
    return create(database_url)
