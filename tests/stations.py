"""Stations for tests: a real data folder, a real SQLite file, set up through the same services the window uses."""

from __future__ import annotations

from pathlib import Path

from station.domain.clock import Clock
from station.domain.payload import Photo
from station.services.station import Station
from station.storage import Database
from tests.keys import PASSWORD


def new_station(data_dir: Path, station_id: str = "ST-TEST", user: str = "spv", clock: Clock | None = None) -> Station:
    """First start done: the supervisor `user` (password PASSWORD) is logged in."""
    station = Station(data_dir, clock)
    station.accounts.first_start(station_id, "33.24.01", user, PASSWORD)
    return station


def station_at(data_dir: Path, db: Database | None = None, clock: Clock | None = None) -> Station:
    """The station in this folder with the supervisor `spv` logged in (set up the first time)."""
    station = Station(data_dir, clock, db)
    if station.accounts.configured:
        station.accounts.login("spv", PASSWORD)
    else:
        station.accounts.first_start("ST-TEST", "33.24.01", "spv", PASSWORD)
    return station


def store_record(
    station: Station, enrolment, crop: bytes, frame: bytes | None = None, quality=None, ticket=None
) -> str:
    """Commit a record without the gate (as demo data is): the logged-in person must be a supervisor."""
    photos = {"crop": Photo(crop)} | ({"frame": Photo(frame)} if frame else {})
    return station.records.store_unchecked(enrolment, photos, quality or {}, ticket)


def photo_only(station: Station) -> Station:
    """An office that records the photo alone (settings biometrics.required off): the photo-flow tests."""
    station.settings.change(biometrics={"required": False})
    return station


def as_user(station: Station, name: str, password: str) -> Station:
    station.accounts.lock()
    station.accounts.login(name, password)
    return station
