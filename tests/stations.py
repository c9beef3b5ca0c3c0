"""Stations for tests: a real data folder, a real SQLite file, set up through the same services the window uses."""

from __future__ import annotations

from pathlib import Path

from station.domain.clock import Clock
from station.domain.payload import Photo
from station.domain.permissions import Actor, Role
from station.paths import database_path
from station.services.station import Station
from station.storage import Database
from tests.keys import PASSWORD, TEST_KEY


def new_station(data_dir: Path, station_id: str = "ST-TEST", user: str = "spv", clock: Clock | None = None) -> Station:
    """First start done: the supervisor `user` (password PASSWORD) is logged in."""
    station = Station(data_dir, clock)
    station.accounts.first_start(station_id, "33.24.01", user, PASSWORD)
    return station


def keyed_db(data_dir: Path) -> Database:
    return Database(database_path(Path(data_dir)), TEST_KEY)


def keyed_station(
    data_dir: Path,
    who: str = "op1",
    role: Role = Role.SUPERVISOR,
    db: Database | None = None,
    clock: Clock | None = None,
) -> Station:
    """A station opened with the fixed test key and someone acting, without accounts (storage-level tests)."""
    return Station(data_dir, clock, db or keyed_db(data_dir), Actor(who, role))


def store_record(
    station: Station, enrolment, crop: bytes, frame: bytes | None = None, quality=None, uuid=None, ticket=None
) -> str:
    """Commit a record whose checks are taken as passed (as demo data is)."""
    photos = {"crop": Photo(crop)} | ({"frame": Photo(frame)} if frame else {})
    return station.records.store(enrolment, photos, quality or {}, uuid, ticket)


def as_user(station: Station, name: str, password: str) -> Station:
    station.accounts.lock()
    station.accounts.login(name, password)
    return station
