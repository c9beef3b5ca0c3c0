"""Fingerprints end to end: citizens recorded at a real station through the SBI device simulator (photo,
signature, ten prints, two irises, verification), synced by the station's own sync to the real central server
(HTTPS, PostgreSQL) with its dedup worker. The prints travel as the station keeps them, blobs named
bio_fp_01..bio_fp_10 (ISO/IEC 19794-4, WSQ inside); the centre reads them for its 1:N search. The same person
recorded again under another NIK ends `duplicate`, naming the first record, and the station hears it."""

from __future__ import annotations

import time

from station.domain.biometrics import FingerPosition
from station.services.biometric_record import finger_kind
from tests.central import start_central
from tests.forge import citizen
from tests.keys import PASSWORD
from tests.sbi import admin
from tests.stations import as_user
from tests.test_biometric_citizen import OPERATOR_PASSWORD, capture_everything, counter, keys_dir, sim  # noqa: F401 (fixtures)
from tests.test_recording import capture_of
from tests.tls import make_ca_and_server


def record_citizen(station, port: int, photo, enrolment) -> str:
    """One citizen at the counter: the whole biometric capture through the simulator, accepted as one record."""
    session = station.biometrics.begin(ports=[port])
    capture_everything(station, session)
    record = session.record()
    assert record.complete and record.verification.matched
    return station.records.accept(enrolment, photo, biometrics=record).uuid


def wait_for_decision(station, uuid: str, timeout: float = 240) -> str:
    """Sync passes until the centre's decision on the record reaches the station (its status feed)."""
    deadline = time.monotonic() + timeout
    while True:
        report = station.sync.run_once()
        status = station.records.get(uuid, with_photos=False).server_status
        if status not in (None, "received") or time.monotonic() > deadline:
            return status
        assert report.online, report
        time.sleep(1)


def test_a_citizen_recorded_twice_under_two_niks_is_a_duplicate_at_the_centre(
    counter,  # noqa: F811
    sim,  # noqa: F811
    faces_dir,
    still_gate,
    tmp_path,
    pg_url,
):
    station = counter
    central = start_central(tmp_path / "centre", *make_ca_and_server(tmp_path / "tls"), db_url=pg_url, dedup=True)
    try:
        as_user(station, "spv", PASSWORD)  # the supervisor registers the station once
        station.sync.register(central.url, central.code(station), central.ca)
        as_user(station, "ani", OPERATOR_PASSWORD)
        photo = capture_of(faces_dir, still_gate, "img62.jpg")

        first = record_citizen(station, sim.port, photo, citizen(1))
        assert wait_for_decision(station, first) == "print_ready"

        admin(sim, "citizen", seed=5)  # the same person comes back (the same fingers, captured again)
        again = record_citizen(station, sim.port, photo, citizen(2))  # under another NIK
        assert wait_for_decision(station, again) == "duplicate"

        blobs = central.query(f"SELECT payload FROM central_records WHERE uuid = '{again}'")[0][0]
        assert all(f'"{finger_kind(p)}"' in blobs for p in FingerPosition if p)  # the prints travelled as blobs
        [(status, reason)] = central.query(f"SELECT status, reason FROM central_records WHERE uuid = '{first}'")
        assert (status, reason) == ("print_ready", None)
        [(decision, matched)] = central.query(
            f"SELECT decision, matched_uuid FROM dedup_results WHERE record_uuid = '{again}'"
        )
        assert (decision, matched) == ("DUP", first)
        assert first in station.records.get(again, with_photos=False).server_reason  # the operator sees which
        as_user(station, "spv", PASSWORD)
        assert [e.nik for e in station.papers.prr_entries()] == [citizen(1).nik]  # the duplicate awaits no card
    finally:
        central.stop()
