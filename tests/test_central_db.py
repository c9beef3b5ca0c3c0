"""The central server's schema comes from its Alembic migrations, on SQLite and on a real PostgreSQL alike."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import Session

from sync.server import db
from sync.server.models import Base, CentralAuditRow, StationRow


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return request.getfixturevalue("pg_url")


def schema_diff(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return [d for d in compare_metadata(ctx, Base.metadata) if "alembic_version" not in str(d)]
    finally:
        engine.dispose()


def test_migrations_make_exactly_the_models_schema_and_go_back_down(url):
    assert db.migrate(url) == db.head_revision()
    assert schema_diff(url) == []
    assert db.migrate(url, "base") is None
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {db.VERSION_TABLE}
    engine.dispose()
    assert db.migrate(url) == db.head_revision() and schema_diff(url) == []


def test_a_database_made_before_migrations_is_adopted_with_its_rows(url):
    """A central.db made by create_all (the old start-up) is stamped as the first revision, then upgraded."""
    db.migrate(url, db.BEFORE_MIGRATIONS)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {db.VERSION_TABLE}"))  # as if create_all had made it
        conn.execute(
            text("INSERT INTO stations VALUES ('ST-1', '33.24.01', :k, '2026-12-01T08:00:00.000+00:00', NULL)"),
            {"k": "a" * 64},
        )
    engine.dispose()
    engine = db.open_engine(url)
    try:
        with Session(engine) as s, s.begin():
            assert s.get(StationRow, "ST-1").kecamatan == "33.24.01"
            # what PostgreSQL refused before c0002: a seq past 2^31, an actor longer than 64 characters
            s.add(
                CentralAuditRow(
                    station_id="ST-1",
                    seq=2**40,
                    at="2026-12-01T08:00:00.000+00:00",
                    actor="operator-" + "x" * 100,
                    action="login",
                    detail="{}",
                    prev_hash="0" * 64,
                    hash="1" * 64,
                )
            )
        with Session(engine) as s:
            assert s.get(CentralAuditRow, ("ST-1", 2**40)).actor.endswith("x" * 100)
    finally:
        engine.dispose()
    assert schema_diff(url) == []


def test_workers_starting_together_migrate_once(url):
    """uvicorn --workers N: every process migrates on start; they must not trip over each other."""
    errors: list[BaseException] = []

    def start() -> None:
        try:
            db.open_engine(url).dispose()
        except BaseException as err:  # noqa: BLE001 (reported below)
            errors.append(err)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and schema_diff(url) == []


def test_a_database_from_a_newer_server_is_refused(url):
    db.migrate(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {db.VERSION_TABLE} SET version_num = 'c9999'"))
    engine.dispose()
    with pytest.raises(db.SchemaError, match="newer"):
        db.migrate(url)


def test_blob_bytes_are_not_compressed_again_on_postgresql(pg_url):
    """JPEG, WSQ and PNG are compressed already: PostgreSQL stores them as they are (no TOAST compression
    attempt, which cost the database three times the CPU while it took a backlog: bench/sync.py --pg)."""
    db.migrate(pg_url)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        storage = dict(
            conn.execute(
                text(
                    "SELECT c.relname, a.attstorage FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid "
                    "WHERE c.relname IN ('blobs', 'blob_parts') AND a.attname = 'data'"
                )
            ).all()
        )
    engine.dispose()
    assert storage == {"blobs": "e", "blob_parts": "e"}
    assert db.migrate(pg_url, "d0002") == "d0002" and db.migrate(pg_url) == db.head_revision()
