"""Shared fixtures. Real parts only: a real SQLite file, real MediaPipe on the real photos in ../shared/faces."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACES = Path(os.environ.get("STATION_FACES_DIR", ROOT.parent / "shared" / "faces"))


def face_rows() -> list[dict]:
    with open(FACES / "labels.csv", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def faces_dir() -> Path:
    if not (FACES / "labels.csv").exists():
        pytest.fail(f"real face photographs not found at {FACES} (set STATION_FACES_DIR)")
    return FACES


@pytest.fixture(scope="session")
def still_gate():
    from station.quality import PhotoGate

    with PhotoGate() as gate:
        yield gate


@pytest.fixture(scope="session")
def regions():
    from station.domain.regions import load_regions

    return load_regions()


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "station-data"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the whole session (tests/pg.py); stopped and deleted at the end."""
    from tests.pg import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer().start()
    except PostgresUnavailable as err:
        pytest.fail(str(err))
    yield server
    server.stop()


@pytest.fixture()
def pg_url(pg_server) -> str:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database for this test."""
    return pg_server.database()
