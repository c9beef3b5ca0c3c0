"""Sync through real HTTP + verified TLS to the reference server in its own process."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from station.domain.enrolment import Enrolment
from station.domain.lifecycle import RecordStatus
from station.domain.payload import payload_digest, sha256_hex
from station.services.station import Station
from sync.client import CentralClient, SyncRefused
from sync.runner import send
from tests.central import CODE, start_central
from tests.forge import citizen
from tests.keys import PASSWORD
from tests.stations import new_station, store_record
from tests.tls import make_ca_and_server
from tests.wire import FaultProxy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls, pg_url):
    c = start_central(tmp_path, *tls, db_url=pg_url)
    yield c
    c.stop()


def fill_station(folder: Path, n: int, photo_bytes: int = 3000, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    with new_station(folder, f"ST-{folder.name[-6:]}") as station:
        uuids = []
        for i in range(n):
            # a form that passes every rule (a bundle importer checks them), the NIK's serial drawn
            e = citizen(i, nik=f"332401550890{rng.randint(1, 9999):04d}")
            uuids.append(store_record(station, e, rng.randbytes(photo_bytes), rng.randbytes(photo_bytes // 2)))
    return uuids


def central_rows(central) -> list[tuple[str, str]]:
    return central.query("SELECT uuid, payload_sha256 FROM central_records")


def test_plain_http_and_unverified_tls_are_refused(central, tmp_path):
    with pytest.raises(SyncRefused, match="https"):
        CentralClient(central.url.replace("https", "http"))
    stranger = CentralClient(central.url)  # system CAs only: our test CA is not among them
    with pytest.raises(SyncRefused, match="Sertifikat"):
        stranger.register("ST-X", "33.24.01", CODE)


def opened(folder: Path) -> Station:
    station = Station(folder)
    station.accounts.login("spv", PASSWORD)
    return station


def point_at(station: Station, **sync) -> None:
    station.settings.change(sync=replace(station.settings.current.sync, **sync))


def test_register_push_and_acknowledge(central, data_dir):
    uuids = fill_station(data_dir, 25)
    with opened(data_dir) as station:
        with pytest.raises(SyncRefused):
            station.sync.register(central.url, "wrong-code", central.ca)
        station.sync.register(central.url, central.code(station), central.ca)
        report = station.sync.run_once()
        assert report.online and report.acknowledged == 25 and report.remaining == 0
        for u in uuids:
            rec = station.records.get(u)
            assert rec.status is RecordStatus.ACKNOWLEDGED and rec.payload_sha256
        assert {u for u, _ in central_rows(central)} == set(uuids)
        local_audit = station.sync.outbox().audit_after(0, limit=10_000)
    central_audit = central.query("SELECT seq, hash FROM central_audit ORDER BY seq")  # went with the records
    assert central_audit == [(e["seq"], e["hash"]) for e in local_audit][: len(central_audit)]
    assert len(central_audit) >= 25 + 2


def test_repeat_gets_same_ack_and_changed_payload_is_refused(central, data_dir):
    [uuid] = fill_station(data_dir, 1)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        client = station.sync.client()
        [item] = station.sync.outbox().due(10_000_000)
        [first] = send(client, [item])
        [again] = send(client, [item])
        assert first.accepted and again.accepted and first.ack_id == again.ack_id
        biodata = {**item.biodata, "nama": "Orang Lain"}
        tampered = replace(item, biodata=biodata)  # same digest claimed, different content
        [broken] = send(client, [tampered])
        assert not broken.accepted and "tidak cocok" in broken.reason
        changed = replace(tampered, payload_sha256=payload_digest(uuid, biodata, item.quality, item.hashes))
        [unsigned] = send(client, [changed])  # a new digest the origin never signed
        assert not unsigned.accepted and "tanda tangan" in unsigned.reason
        status = client.record_status(uuid)
        assert status["ack_id"] == first.ack_id and status["origin"] == station.settings.current.station_id
    assert len(central_rows(central)) == 1


def test_server_rejects_with_a_reason_the_operator_sees(central, data_dir):
    with new_station(data_dir, "ST-R") as station:
        bad = store_record(station, Enrolment(nik="3324013102900003", nama="Tanggal Mustahil"), b"x" * 500)  # 31 Feb
        station.sync.register(central.url, central.code(station), central.ca)
        report = station.sync.run_once()
        rec = station.records.get(bad)
    assert report.rejected == 1 and rec.status is RecordStatus.REJECTED and "tidak mungkin" in rec.server_reason


def test_offline_server_defers_with_backoff_and_loses_nothing(tmp_path, tls, data_dir, pg_url):
    central = start_central(tmp_path, *tls, db_url=pg_url)
    fill_station(data_dir, 5)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        central.stop()
        report = station.sync.run_once()
        assert not report.online and report.remaining == 5
        assert station.records.counts() == {"queued": 5}
    central = start_central(tmp_path, *tls, db_url=pg_url)  # same database: it comes back
    try:
        with opened(data_dir) as station:
            point_at(station, url=central.url)
            assert station.sync.run_once().remaining == 0
    finally:
        central.stop()


@pytest.mark.slow
def test_records_arrive_exactly_once_and_whole_through_request_faults_and_sigkills(tmp_path, tls, pg_url):
    """600 records through faults injected per request (resets in the TLS handshake, uploads cut mid-body,
    answers dropped after the server committed, stalls past the client's timeout, 500/503), a station process
    killed with SIGKILL mid-pass again and again, and the central server killed with SIGKILL and started again on
    the same database. Every record must arrive exactly once, whole (its digest and every blob's bytes)."""
    ca, cert, key = tls
    central = start_central(tmp_path, *tls, db_url=pg_url)
    rates = {"reset": 0.03, "cut_upload": 0.07, "drop_response": 0.07, "stall": 0.01, "500": 0.03, "503": 0.03}
    rates |= {"handshake_reset": 0.08, "handshake_eof": 0.08}  # per connection: kept alive, there are few
    forced = {"/v1/blobs": ({1, 4, 7}, "cut_upload"), "/v1/records": ({2, 5, 9}, "drop_response")}
    seen: dict[str, int] = {}

    def plan(_n: int, method: str, path: str) -> str | None:
        """Some faults for certain (an upload cut, an answer lost after the commit), the rest drawn at random."""
        for suffix, (which, fault) in forced.items():
            if method == "POST" and path.endswith(suffix):
                seen[suffix] = seen.get(suffix, 0) + 1
                return fault if seen[suffix] in which else None
        return None

    proxy = FaultProxy(central.port, cert, key, ca, rates=rates, stall_s=2.0, seed=7, plan=plan)
    station_dir = tmp_path / "station-soak"
    uuids = fill_station(station_dir, 600, photo_bytes=4000)
    with opened(station_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(
            station,
            url=proxy.url,
            read_timeout_s=1.5,
            connect_timeout_s=1.5,
            backoff_base_s=0.02,
            backoff_cap_s=0.2,
            batch_bytes=400_000,
        )
    done = threading.Event()
    server_kills = [0]

    def kill_the_server_now_and_then() -> None:
        nonlocal central
        rng = random.Random(11)
        while server_kills[0] < 5 and not done.wait(rng.uniform(3.0, 6.0)):
            central.kill()
            server_kills[0] += 1
            central = central.restarted()
            proxy.target_port = central.port

    killer = threading.Thread(target=kill_the_server_now_and_then)
    killer.start()
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD)
    rng = random.Random(5)
    kills = passes = 0
    deadline = time.monotonic() + 400  # about 2 minutes on a quiet machine; the bound is for a loaded one
    try:
        while time.monotonic() < deadline:
            proc = subprocess.Popen(
                [sys.executable, "-m", "station", "sync", "--once", "--user", "spv", "--data-dir", str(station_dir)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            if kills < 8:
                time.sleep(rng.uniform(1.2, 3.0))
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    kills += 1
            out, _ = proc.communicate()
            passes += 1
            if proc.returncode == 0 and json.loads(out.splitlines()[-1])["remaining"] == 0 and server_kills[0] >= 3:
                break
            time.sleep(0.1)  # let deferred batches come due
    finally:
        done.set()
        killer.join()
        proxy.close()
        central.stop()
    with opened(station_dir) as station:
        counts = station.records.counts()
        hashes = {u: station.records.get(u, with_photos=False).payload_sha256 for u in uuids}
    faults = {k: v for k, v in proxy.counts.items() if k != "pass"}
    print(f"sync soak: {passes} passes, {kills} station SIGKILLs, {server_kills[0]} server SIGKILLs, faults {faults}")
    assert kills >= 5 and server_kills[0] >= 3 and sum(faults.values()) >= 15
    assert faults.get("cut_upload", 0) >= 3 and faults.get("drop_response", 0) >= 3
    rows = central.query("SELECT origin, uuid, payload_sha256, payload FROM central_records")
    blobs = {sha: bytes(data) for sha, data in central.query("SELECT sha256, data FROM blobs")}
    assert len(rows) == len({(o, u) for o, u, _, _ in rows}) == 600  # every record once, none twice
    assert {u: h for _, u, h, _ in rows} == hashes
    for _, u, h, payload in rows:  # and whole: the digest of what the centre holds, every blob's bytes
        p = json.loads(payload)
        assert payload_digest(u, p["biodata"], p["quality"], p["blobs"]) == h
        assert all(sha in blobs and sha256_hex(blobs[sha]) == sha for sha in p["blobs"].values())
    assert counts == {"acknowledged": 600}


def test_committed_openapi_document_matches_the_server():
    from sync.openapi import OUT, document

    assert json.loads(OUT.read_text("utf-8")) == json.loads(json.dumps(document())), "run: python -m sync.openapi"


def test_printed_cards_leave_the_prr_list_and_master_data_arrives(central, data_dir):
    from station.domain.regions import load_regions, master_file

    uuids = fill_station(data_dir, 3)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        station.sync.run_once()
        assert len(station.papers.prr_entries()) == 3
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "sync.server",
                "mark-printed",
                uuids[0],
                uuids[1],
                "--db",
                central.db_url,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert r.returncode == 0 and "2 rekaman" in r.stdout
        report = station.sync.run_once()
        assert report.status_updates == 2 and station.records.get(uuids[0]).server_status == "printed"
        assert [e.nik for e in station.papers.prr_entries()] == [station.records.get(uuids[2]).enrolment.nik]
        etag = station.sync.pull_master_data()
    assert len(etag) == 64 and master_file(data_dir) == data_dir / "master" / "wilayah.tsv.gz"
    assert load_regions(data_dir).count(2) == 7230


def test_a_running_station_follows_settings_changed_elsewhere(central, data_dir):
    fill_station(data_dir, 2)
    with opened(data_dir) as window, opened(data_dir) as cli:
        window.sync.register(central.url, central.code(window), central.ca)
        point_at(cli, url="https://127.0.0.1:9")  # another process moves the station elsewhere
        assert not window.sync.run_once().online  # the running loop follows it, not a stale copy
        point_at(cli, url=central.url)
        assert window.sync.run_once().remaining == 0
