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


@pytest.fixture(autouse=True)
def cheaper_kdf_in_process(request, monkeypatch):
    """The tests derive keys from passwords hundreds of times. In the test process they do it at n=2^14: the
    same code, an eighth of the shipped cost. The shipped cost (crypto.SCRYPT, n=2^17) is what every
    command-line subprocess in the tests pays, what tests marked real_kdf check, and what bench/unlock.py
    measures."""
    if request.node.get_closest_marker("real_kdf") is None:
        from station.storage import crypto

        monkeypatch.setitem(crypto.SCRYPT, "n", 2**14)


@pytest.fixture(autouse=True)
def umask_restored():
    """The command line sets umask 077 for its process (station.files); a test calling cli.main in this
    process must not change it for the tests after it."""
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "station-data"
    d.mkdir()
    return d


@pytest.fixture()
def station(data_dir: Path):
    """A photo-only station, logged in (the window's tests); a test module with other needs defines its own."""
    from tests.stations import new_station, photo_only

    st = photo_only(new_station(data_dir))
    yield st
    st.close()


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
