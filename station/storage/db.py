"""The SQLite engine: one file per station, WAL, synchronous=FULL, foreign keys, migrated on open.

synchronous=FULL in WAL mode fsyncs the WAL on every commit, so a commit that returned survives a
power cut, not only an application crash. That is what "never loses a record" costs; bench/storage.py
measures it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, exc, text

from station.files import private_dir, private_file
from station.storage.errors import StorageError, StorageUnavailable, corrupt_untouched, read_only, translate

MIGRATIONS = Path(__file__).parent / "migrations"


def _on_connect(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event decide when a transaction starts (pysqlite's own rules are
    # wrong for DDL and for write locks); see SQLAlchemy's "Serializable isolation" recipe.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA secure_delete=ON")  # freed pages are zeroed: no old plaintext left in the file
    cur.close()


READ_ONLY = "station_read_only"


def _on_begin(conn) -> None:
    # IMMEDIATE takes the write lock up front: no SQLITE_BUSY half-way through "accept". A unit that only
    # reads starts a plain (deferred) transaction: in WAL it never waits for, nor blocks, a writer.
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def alembic_config(connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
    if head is None:  # a broken install (e.g. a bundle without the migration files) must not pass silently
        raise StorageUnavailable(f"Berkas migrasi database tidak ditemukan di {MIGRATIONS}; pasang ulang aplikasi.")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str) -> None:
    """Upgrade (or downgrade) with foreign keys off, as SQLite's own procedure for schema changes asks:
    a table rebuilt by a migration must not cascade-delete the photos that point at it."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, or SQLite ignores it
        try:
            with conn.begin():
                cfg = alembic_config(conn)
                current = MigrationContext.configure(conn).get_current_revision()
                target = ScriptDirectory.from_config(cfg).get_revision(revision)
                if current is not None and target is not None and _is_older(cfg, target.revision, current):
                    command.downgrade(cfg, revision)
                else:
                    command.upgrade(cfg, revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StorageError(f"Migrasi database gagal: {len(broken)} rujukan rusak; tidak ada yang diubah.")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _is_older(cfg: Config, a: str, b: str) -> bool:
    """Is revision a an ancestor of revision b?"""
    script = ScriptDirectory.from_config(cfg)
    return any(r.revision == a for r in script.iterate_revisions(b, "base")) and a != b


SIDE_FILES = ("-wal", "-shm", "-journal")


def quick_check(path: Path) -> str:
    """SQLite's quick_check on a connection that cannot write: 'ok', or what is wrong. Without a -wal file
    the database is opened immutable (nothing at all is created beside it); with one, read-only, so the
    frames it holds are read too."""
    wal = path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if wal else "&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return str(err)
    return "\n".join(str(r[0]) for r in rows[:5])


def preflight(path: Path) -> None:
    """Before anything is written: the folder exists (private), can be written, and the database in it is
    whole. A damaged database is refused here, untouched, instead of being opened and written to."""
    try:
        private_dir(path.parent)
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise read_only(str(path)) from err
        raise StorageUnavailable(f"Folder data tidak bisa dibuat: {path.parent} ({err.strerror}).") from err
    exists = path.exists()
    side = [path.with_name(path.name + s) for s in SIDE_FILES]
    if not os.access(path.parent, os.W_OK) or any(p.exists() and not os.access(p, os.W_OK) for p in [path, *side]):
        raise read_only(str(path))
    if exists and path.stat().st_size > 0:
        found = quick_check(path)
        if found != "ok":
            raise corrupt_untouched(str(path), found)
    if not exists:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private from the first byte
    for p in [path, *side]:
        private_file(p)  # SQLite makes -wal and -shm with the database's own mode


def open_engine(path: Path, check: bool = True) -> Engine:
    """Open (creating if needed) and migrate the station database; StorageError with advice otherwise.
    check=False skips the whole-file check (a second pool in a process that has just made it)."""
    if check:
        preflight(path)
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    try:
        if current_revision(engine) != head_revision():
            migrate(engine, "head")
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM records")).scalar_one()
    except (exc.SQLAlchemyError, OSError) as err:
        engine.dispose()
        raise translate(err, str(path)) from err
    except StorageError:
        engine.dispose()
        raise
    return engine
