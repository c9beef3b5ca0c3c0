"""Spending the link wisely, and the trust rules around it: blobs travel as bytes, once, and an interrupted upload
resumes; a record is filed only under the origin that signed it; one sync loop per station, even after a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from station.domain.enrolment import Enrolment
from station.domain.errors import InvalidInput
from station.domain.lifecycle import RecordStatus
from station.domain.settings import MAX_BATCH_BYTES
from station.services.loop_lock import PassLock
from sync.runner import send
from tests.central import start_central
from tests.keys import PASSWORD
from tests.stations import new_station, store_record
from tests.test_sync import fill_station, opened, point_at
from tests.tls import make_ca_and_server
from tests.wire import FaultProxy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls):
    c = start_central(tmp_path, *tls)
    yield c
    c.stop()


def test_blobs_go_as_bytes_once_and_a_cut_upload_resumes_where_it_stopped(central, tls, data_dir):
    fill_station(data_dir, 6, photo_bytes=60_000)  # a 60 KB crop and a 30 KB frame each
    faults = {"/v1/blobs": "cut_upload", "/v1/records": "drop_response"}

    def plan(_n: int, method: str, path: str) -> str:
        for suffix, fault in list(faults.items()):
            if method == "POST" and path.endswith(suffix):
                del faults[suffix]
                return fault
        return "pass"

    ca, cert, key = tls
    proxy = FaultProxy(int(central.url.rsplit(":", 1)[1]), cert, key, ca, plan=plan, cut_fraction=0.6)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(station, url=proxy.url, backoff_base_s=0.01, backoff_cap_s=0.02)
        blob_bytes = sum(len(b) for o in station.sync.outbox().due(10**9) for b in o.blobs.values())
        passes = []
        while not passes or passes[-1].remaining:
            passes.append(station.sync.run_once())
            time.sleep(0.05)
            assert len(passes) < 6, passes
        counts = station.records.counts()
    uploads = proxy.requests_to("/v1/blobs", "POST")
    records = proxy.requests_to("/v1/records", "POST")
    assert [u.fault for u in uploads] == ["cut_upload", "pass"]  # the third pass sent no blob at all
    arrived = sum(u.forwarded for u in uploads)
    assert arrived < blob_bytes * 1.02, (arrived, blob_bytes)  # resumed at the cut, not sent again from zero
    assert uploads[1].request_bytes < blob_bytes * 0.5
    assert passes[-1].blobs_already_there == 12 and passes[-1].blob_bytes_sent == 0  # the repeat after the lost reply
    assert all(r.request_bytes < 6 * 2_000 for r in records)  # the records' own fields: no photo inside
    assert counts == {"acknowledged": 6}


def test_a_station_cannot_file_a_record_under_another_origin(central, tmp_path):
    f_dir, e_dir = tmp_path / "F", tmp_path / "E"
    fill_station(f_dir, 1)
    fill_station(e_dir, 1)
    with opened(f_dir) as f:
        f.sync.register(central.url, central.code(f), central.ca)
        f_id = f.settings.current.station_id
    with opened(e_dir) as e:
        e.sync.register(central.url, central.code(e), central.ca)
        [item] = e.sync.outbox().due(10**9)
        client = e.sync.client()
        [forged] = send(client, [replace(item, origin=f_id)])  # E's record, claimed for F with E's signature
        [stranger] = send(client, [replace(item, origin="ST-NOWHERE")])
        short, garbled = (send(client, [replace(item, origin_signature=s)])[0] for s in ("AAAAAAAA", "not base64!"))
        [own] = send(client, [item])
    for refused in (forged, short, garbled):  # answered in words, never a server error
        assert not refused.accepted and not refused.retry and "tanda tangan" in refused.reason
    assert stranger.retry and not stranger.accepted  # an origin the centre does not know yet: later, not never
    assert own.accepted


def test_one_sync_pass_at_a_time_and_the_lock_goes_with_a_killed_process(central, data_dir):
    fill_station(data_dir, 2)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from station.services.loop_lock import PassLock; "
            "lock = PassLock(sys.argv[1]); assert lock.acquire(); print('held', flush=True); time.sleep(120)",
            str(data_dir / "sync.lock"),
        ],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with opened(data_dir) as station:
            station.sync.register(central.url, central.code(station), central.ca)
            busy = station.sync.run_once()
            assert busy.busy and busy.remaining == 2 and station.records.counts() == {"queued": 2}
            (data_dir / "sync.lock").unlink()  # deleted by hand mid-pass: its PID made it look stale
            assert station.sync.run_once().busy and station.records.counts() == {"queued": 2}
            holder.send_signal(signal.SIGKILL)  # a sync that crashed mid-pass
            holder.wait(10)
            done = station.sync.run_once()
    finally:
        holder.kill()
    assert not done.busy and done.remaining == 0
    assert PassLock(data_dir / "sync.lock").acquire()


def test_a_record_rejected_at_the_centre_reaches_the_operator_once_and_stays(central, data_dir):
    """The rejection the station recorded and the centre's status feed agree; a later pass changes nothing."""
    with new_station(data_dir, "ST-REJ") as station:
        bad = store_record(station, Enrolment(nik="3324013102900003", nama="Mustahil"), b"x" * 700)
        station.sync.register(central.url, central.code(station), central.ca)
        first = station.sync.run_once()
        again = station.sync.run_once()
        rec = station.records.get(bad, with_photos=False)
    assert (first.rejected, again.rejected, again.status_updates) == (1, 0, 0)
    assert rec.status is RecordStatus.REJECTED and rec.server_status == "rejected"


def test_sync_once_prints_whether_it_stood_aside(central, data_dir):
    fill_station(data_dir, 1)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
    lock = PassLock(data_dir / "sync.lock")
    assert lock.acquire()
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD)
        r = subprocess.run(
            [sys.executable, "-m", "station", "sync", "--once", "--user", "spv", "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        lock.release()
    out = json.loads(r.stdout.splitlines()[-1])
    assert r.returncode == 1 and out["busy"] is True and out["remaining"] == 1


def test_a_backlog_goes_in_overlapping_batches_each_blob_once_and_the_trail_follows_unbroken(central, data_dir):
    """The pass sends a batch's blobs on a second connection while the batch before is answered, and the audit
    trail partly from that thread: every record still arrives once with its blobs, each blob crosses once, and the
    centre holds the station's whole chain with no break."""
    uuids = fill_station(data_dir, 30, photo_bytes=40_000)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(station, batch_bytes=250_000)  # four records a batch: batches overlap, and grow on this fast link
        blob_bytes = sum(len(b) for o in station.sync.outbox().due(10**9) for b in o.blobs.values())
        report = station.sync.run_once()
        check = station.verify_audit()
        station_id = station.settings.current.station_id
    assert report.error is None and report.acknowledged == 30 and report.remaining == 0
    assert 3 <= report.batches < 30 // 4  # the batch size grew: fewer batches than four records each
    assert report.blob_bytes_sent == blob_bytes and report.blobs_already_there == 0
    assert sorted(u for (u,) in central.query("SELECT uuid FROM central_records")) == sorted(uuids)
    held = central.query(f"SELECT seq FROM central_audit WHERE station_id = '{station_id}' ORDER BY seq")
    assert [s for (s,) in held] == list(range(1, len(held) + 1)) and check.ok
    assert check.anchored_upto == len(held) == check.entries  # the centre holds every entry, acknowledged
    assert central.query("SELECT COUNT(*) FROM central_audit_breaks") == [(0,)]


def test_a_batch_grows_on_a_fast_link_and_shrinks_back_on_a_slow_one():
    from sync.runner import Sizing

    size = Sizing(4_000_000)
    for seconds, expected in ((0.5, 8_000_000), (0.5, MAX_BATCH_BYTES), (0.5, MAX_BATCH_BYTES), (5.0, MAX_BATCH_BYTES)):
        size.took(seconds)
        assert size.now == expected
    for _ in range(5):
        size.took(30.0)  # a 3G link: back to the configured size, never below it
    assert size.now == 4_000_000
    assert Sizing(20_000_000).now == MAX_BATCH_BYTES  # stored before sizes were checked: the centre's limit


def test_a_batch_size_over_the_centres_request_limit_is_refused_in_words(data_dir):
    fill_station(data_dir, 1)
    with opened(data_dir) as station, pytest.raises(InvalidInput, match="12 MB"):
        point_at(station, batch_bytes=20_000_000)  # a 413 on every pass would wedge the outbox


def test_records_are_not_sent_while_their_photos_are_still_going_up(central, tls, data_dir):
    """'Sent' means the record itself may have arrived: a batch whose blobs were cut on the way stays queued, its
    attempt counted for the back-off; the next pass resumes the blobs and sends it."""
    uuids = fill_station(data_dir, 5, photo_bytes=60_000)
    cut = ["cut_upload"]

    def plan(_n: int, method: str, path: str) -> str:
        return cut.pop() if cut and method == "POST" and path.endswith("/v1/blobs") else "pass"

    ca, cert, key = tls
    proxy = FaultProxy(int(central.url.rsplit(":", 1)[1]), cert, key, ca, plan=plan, cut_fraction=0.5)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(station, url=proxy.url, backoff_base_s=0.01, backoff_cap_s=0.02)
        first = station.sync.run_once()
        after_cut = station.records.counts()
        attempts = {station.sync.outbox().attempts(u) for u in uuids}
        time.sleep(0.05)
        second = station.sync.run_once()
        counts = station.records.counts()
    assert first.error and first.deferred == 5 and after_cut == {"queued": 5} and attempts == {1}
    assert not proxy.requests_to("/v1/records", "POST")[:-1]  # no record left before its photos were there
    assert second.error is None and counts == {"acknowledged": 5}
