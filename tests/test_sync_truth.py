"""Sync that tells the truth (issue 13, items 1-7) and two trust boundaries of issue 12 (16: uuid squatting and
NIK probing; 19: a redirect to http://). Each test here failed on the code before its fix; the failures are
quoted in the sync engineer's report. Faults are injected per request by tests/wire.py, over real TLS."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import logging
import os
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from station import bundle_format
from station.domain.clock import FixedClock
from station.domain.enrolment import Enrolment
from station.domain.lifecycle import RecordStatus
from station.domain.payload import Photo
from station.domain.permissions import Action
from sync.client import SyncError
from tests.central import start_central
from tests.keys import PASSWORD
from tests.stations import new_station, store_record
from tests.test_sync import fill_station, opened, point_at
from tests.tls import make_ca_and_server
from tests.wire import FaultProxy, first

ROOT = Path(__file__).resolve().parents[1]
TRANSFER = "kode-transfer-kantor-7"
IMPOSSIBLE_NIK = "3324013102900003"  # born 31 February


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls):
    c = start_central(tmp_path, *tls)
    yield c
    c.stop()


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def proxy_for(central, tls, **kw) -> FaultProxy:
    ca, cert, key = tls
    return FaultProxy(port_of(central.url), cert, key, ca, **kw)


def mark_printed(central, uuids: list[str]) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "sync.server", "mark-printed", *uuids, "--db", f"sqlite:///{central.db}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert r.returncode == 0, r.stderr


def wait_s(station) -> float:
    """Seconds until the outbox's next record is due."""
    nxt = station.sync.outbox().next_due_at()
    return (dt.datetime.fromisoformat(nxt) - station.clock.now()).total_seconds()


# --- 1. a repeat carries the original outcome -------------------------------------------------------------
def test_a_rejected_record_stays_rejected_when_its_reply_is_lost(central, tls, data_dir):
    proxy = proxy_for(central, tls, plan=first("/v1/records", "drop_response"))
    with new_station(data_dir, "ST-R") as station:
        bad = store_record(station, Enrolment(nik=IMPOSSIBLE_NIK, nama="Tanggal Mustahil"), b"x" * 500)
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(station, url=proxy.url, backoff_base_s=0.01, backoff_cap_s=0.02)
        assert station.sync.run_once().deferred == 1  # the server decided; the answer never came
        time.sleep(0.05)
        station.sync.run_once()  # sent again: the server answers with the decision it already made
        rec = station.records.get(bad, with_photos=False)
    assert rec.status is RecordStatus.REJECTED and "tidak mungkin" in (rec.server_reason or "")
    assert proxy.counts["drop_response"] == 1


# --- 2. export carries everything -------------------------------------------------------------------------
def test_export_carries_every_waiting_record_and_says_how_many(data_dir, tmp_path):
    uuids = fill_station(data_dir, 1012, photo_bytes=200)
    seen: list[tuple[int, int]] = []
    with opened(data_dir) as station:
        data, n = station.transfer.export(TRANSFER, progress=lambda done, total: seen.append((done, total)))
    signer = bundle_format._parse(data)  # the station's own key: this test counts records, test_bundle the trust
    bundle = bundle_format.read(data, TRANSFER, {signer.station_id: signer.public_key})
    assert n == 1012 and sorted(r["uuid"] for r in bundle.records) == sorted(uuids)
    assert seen[-1] == (1012, 1012) and len(seen) >= 3  # the window's progress bar moves as it goes
    usb = tmp_path / "jemput.bundle"
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD, STATION_TRANSFER_CODE=TRANSFER)
    cmd = [sys.executable, "-m", "station", "export", "--out", str(usb), "--user", "spv", "--data-dir", str(data_dir)]
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "1012 rekaman" in r.stdout, r.stdout + r.stderr
    assert len(bundle_format.read(usb.read_bytes(), TRANSFER, {signer.station_id: signer.public_key}).records) == 1012


# --- 3. transport errors by what happened; the back-off cap applies last ----------------------------------
def test_a_reset_during_the_tls_handshake_is_offline_not_a_certificate_problem(central, tls, data_dir):
    fill_station(data_dir, 2)
    # the probe is answered on a connection that then closes; the upload's new connection dies in its handshake
    proxy = proxy_for(central, tls, plan=first("/v1/health", "close_after", method="GET"))
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(station, url=proxy.url, backoff_base_s=100, backoff_cap_s=10_000)
        proxy.connection_plan.extend(["pass", "handshake_eof"])
        report = station.sync.run_once()
        wait = wait_s(station)
    assert report.online and report.deferred == 2
    assert "Sertifikat" not in report.error and "terputus" in report.error
    assert wait <= 100  # the ordinary back-off, not the ten-fold one for a refusal


def test_the_backoff_cap_is_the_last_word(central, data_dir):
    fill_station(data_dir, 1)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        with sqlite3.connect(central.db) as conn:  # the centre revokes the station's key: every call is refused
            conn.execute("UPDATE stations SET key_sha256 = 'revoked'")
        point_at(station, backoff_base_s=100, backoff_cap_s=150)
        report = station.sync.run_once()
        wait = wait_s(station)
    assert report.deferred == 1 and wait <= 150


# --- 4. status by cursor, for every record, cheap when nothing changed -------------------------------------
def test_printed_status_reaches_every_record_and_an_idle_pass_costs_little(central, tls, data_dir):
    uuids = fill_station(data_dir, 1003, photo_bytes=200)
    proxy = proxy_for(central, tls)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        assert station.sync.run_once().remaining == 0
        station.sync.run_once()  # whatever the first pass left to say
        point_at(station, url=proxy.url)
        station.sync.run_once()  # nothing changed anywhere
        idle = sum(e.request_bytes + e.response_bytes for e in proxy.log if "/records/" in e.path)
        mark_printed(central, uuids)
        station.sync.run_once()
        unprinted = [u for u in uuids if station.records.get(u, with_photos=False).server_status != "printed"]
    assert idle < 2_000, f"an idle pass spent {idle} bytes asking about statuses"
    assert unprinted == []


# --- 5. a record is filed under its origin, on both paths --------------------------------------------------
def test_a_carried_record_is_filed_under_its_origin_and_leaves_the_origins_prr_list(central, tmp_path):
    f_dir, e_dir = tmp_path / "F", tmp_path / "E"
    f_uuids = fill_station(f_dir, 3)
    fill_station(e_dir, 1)
    with opened(f_dir) as f:
        f.sync.register(central.url, central.code(f), central.ca)
        bundle, _ = f.transfer.export(TRANSFER)
    with opened(e_dir) as e:
        e.sync.register(central.url, central.code(e), central.ca)
        e.transfer.import_bundle(bundle, TRANSFER)
        assert e.sync.run_once().remaining == 0  # E carries F's records to the centre before F is online
    with opened(f_dir) as f:
        client = f.sync.client()
        assert {client.record_status(u)["uuid"] for u in f_uuids} == set(f_uuids)  # F sees its own records
        f.sync.run_once()
        mark_printed(central, f_uuids)
        f.sync.run_once()
        assert f.papers.prr_entries() == []


def test_a_carrier_bundle_imported_at_the_centre_files_records_under_their_origin(central, tmp_path):
    f_dir, e_dir = tmp_path / "F", tmp_path / "E"
    f_uuids = fill_station(f_dir, 2)
    e_uuids = fill_station(e_dir, 1)
    with opened(f_dir) as f:
        f.sync.register(central.url, central.code(f), central.ca)
        bundle, _ = f.transfer.export(TRANSFER)
    with opened(e_dir) as e:
        e.sync.register(central.url, central.code(e), central.ca)
        e.transfer.import_bundle(bundle, TRANSFER)
        carried, n = e.transfer.export(TRANSFER)  # E's own record and F's two, in one bundle signed by E
    assert n == 3
    usb = tmp_path / "e.bundle"
    usb.write_bytes(carried)
    env = dict(os.environ, PYTHONPATH=str(ROOT), CENTRAL_TRANSFER_CODE=TRANSFER)
    r = subprocess.run(
        [sys.executable, "-m", "sync.server", "import-bundle", str(usb), "--db", f"sqlite:///{central.db}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    with opened(f_dir) as f, opened(e_dir) as e:
        assert {f.sync.client().record_status(u)["uuid"] for u in f_uuids} == set(f_uuids)
        assert {e.sync.client().record_status(u)["uuid"] for u in e_uuids} == set(e_uuids)
        with pytest.raises(Exception, match="404"):
            e.sync.client().record_status(f_uuids[0])  # the carrier does not own what it carried


# --- issue 12, item 16: uuid squatting and NIK probing ------------------------------------------------------
def squat_record(station, enrolment: Enrolment, crop: bytes, record_uuid: str) -> str:
    """A station changed to reuse a uuid it read elsewhere (the services choose uuids themselves)."""
    with station._ctx.unit(Action.DEMO_DATA) as uow:
        got = station.records._commit(uow, enrolment, {"crop": Photo(crop)}, {}, record_uuid, None)
        uow.commit()
    return got


def test_a_station_can_neither_squat_another_stations_uuid_nor_probe_for_a_nik(central, tmp_path):
    f_dir, e_dir = tmp_path / "F", tmp_path / "E"
    [earlier] = fill_station(f_dir, 1)
    with opened(f_dir) as f:
        f.sync.register(central.url, central.code(f), central.ca)
        assert f.sync.run_once().remaining == 0
        nik = f.records.get(earlier, with_photos=False).enrolment.nik
        later = store_record(f, Enrolment(nik="3324014508900007", nama="Belum Terkirim"), b"f" * 900)
    with new_station(e_dir, "ST-E") as e:
        squat = squat_record(e, Enrolment(nik="3324015009850002", nama="Penyerobot"), b"e" * 700, later)
        probe = store_record(e, Enrolment(nik=nik, nama="Penyelidik"), b"p" * 800)
        e.sync.register(central.url, central.code(e), central.ca)
        assert e.sync.run_once().remaining == 0  # E goes first with F's uuid (read off the receipt's QR)
        assert squat == later
        # whether a NIK was recorded elsewhere is the centre's business, not an answer to any station
        assert e.records.get(probe, with_photos=False).server_status == "received"
    with opened(f_dir) as f:
        assert f.sync.run_once().remaining == 0
        rec = f.records.get(later, with_photos=False)
    assert rec.status is RecordStatus.ACKNOWLEDGED, rec.server_reason


# --- 6. one sync loop per station; the audit endpoint takes repeats ----------------------------------------
def test_two_sync_loops_on_one_station_send_each_record_once(central, tls, data_dir):
    fill_station(data_dir, 40)
    proxy = proxy_for(central, tls, keep_bodies=("/v1/records",), delay_s=0.25)
    with opened(data_dir) as window:
        window.sync.register(central.url, central.code(window), central.ca)
        point_at(window, url=proxy.url, batch_bytes=20_000)
        passes = []
        t = threading.Thread(target=lambda: passes.append(window.sync.run_once()))
        t.start()
        time.sleep(0.6)  # the window's loop is mid-pass when the command line starts its own
        env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD)
        cli = subprocess.run(
            [sys.executable, "-m", "station", "sync", "--once", "--user", "spv", "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        t.join()
        while window.sync.run_once().remaining:  # whatever is left, from one loop
            time.sleep(0.1)
    sent = [r["uuid"] for e in proxy.requests_to("/v1/records", "POST") for r in json.loads(e.body)["records"]]
    assert len(sent) == len(set(sent)) == 40, cli.stdout + cli.stderr


def test_the_audit_endpoint_answers_concurrent_repeats(central, data_dir):
    fill_station(data_dir, 3)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        entries = station.sync.outbox().audit_after(0)
        auth = station.sync.client().session.headers["Authorization"]

    def push(_: int) -> int:
        r = requests.post(
            f"{central.url}/v1/audit",
            json={"entries": entries},
            headers={"Authorization": auth},
            verify=str(central.ca),
            timeout=30,
        )
        return r.status_code

    codes = []
    for _ in range(3):
        with ThreadPoolExecutor(8) as pool:
            codes += list(pool.map(push, range(8)))
    assert set(codes) == {200}, codes


# --- 7. registration after a lost reply, offline passes in the log, a clock set back ------------------------
def central_key(central, station_id: str) -> str | None:
    with sqlite3.connect(central.db) as conn:
        row = conn.execute("SELECT key_sha256 FROM stations WHERE station_id = ?", (station_id,)).fetchone()
    return row[0] if row else None


def test_registering_again_after_a_lost_reply_gets_the_same_key(central, tls, data_dir):
    proxy = proxy_for(central, tls, plan=first("/v1/stations", "drop_response"))
    fill_station(data_dir, 1)
    with opened(data_dir) as station:
        sid = station.settings.current.station_id
        code = central.code(station)  # one-time: the repeat presents the same code
        with pytest.raises(SyncError):
            station.sync.register(proxy.url, code, central.ca)
        kept = central_key(central, sid)
        assert kept  # the centre registered the station; only the answer was lost
        station.sync.register(proxy.url, code, central.ca)
        assert central_key(central, sid) == kept
        assert station.sync.run_once().remaining == 0


def test_an_offline_pass_is_logged(caplog, central, data_dir):
    fill_station(data_dir, 1)
    with opened(data_dir) as station:
        station.sync.register(central.url, central.code(station), central.ca)
        point_at(station, url="https://127.0.0.1:9")
        with caplog.at_level(logging.INFO, logger="sync.runner"):
            report = station.sync.run_once()
    assert not report.online
    assert any("online=False" in r.getMessage() for r in caplog.records if r.name == "sync.runner")


def test_a_clock_set_back_does_not_stall_the_outbox(data_dir):
    clock = FixedClock(dt.datetime(2026, 11, 25, 8, 0))
    with new_station(data_dir, "ST-C", clock=clock) as station:
        uuids = [store_record(station, Enrolment(nik=f"332401550890000{i}", nama="W"), b"j" * 300) for i in range(3)]
        outbox = station.sync.outbox()
        outbox.defer(uuids, "jaringan", 60)
        assert outbox.due(10**9) == []
        clock.at -= dt.timedelta(days=1)  # the laptop's clock ran a day ahead and someone set it right
        assert {o.uuid for o in outbox.due(10**9)} == set(uuids)


# --- issue 12, item 19: never follow a redirect away from the verified server -----------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def _any(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        self.rfile.read(n)
        type(self).seen.append(f"{self.command} {self.path} {n}")
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_PUT = _any

    def log_message(self, *args) -> None:
        pass


class _Redirector(http.server.BaseHTTPRequestHandler):
    target = ""

    def _any(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        if self.path.endswith("/health"):
            body = json.dumps({"ok": True, "time": "2026-11-25T08:00:00.000+00:00"}).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
        else:
            body = b""
            self.send_response(307)
            self.send_header("location", f"{self.target}{self.path}")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _any

    def log_message(self, *args) -> None:
        pass


def test_the_client_never_follows_a_redirect_to_plain_http(central, tls, data_dir):
    ca, cert, key = tls
    fill_station(data_dir, 1)
    plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    _Redirector.target = f"http://127.0.0.1:{plain.server_address[1]}"
    redirector = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(str(cert), str(key))
    redirector.socket = ctx.wrap_socket(redirector.socket, server_side=True)
    for s in (plain, redirector):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    try:
        with opened(data_dir) as station:
            station.sync.register(central.url, central.code(station), central.ca)
            point_at(station, url=f"https://127.0.0.1:{redirector.server_address[1]}")
            report = station.sync.run_once()
    finally:
        plain.shutdown()
        redirector.shutdown()
    assert _Recorder.seen == [], "the record went out in clear"
    assert report.remaining == 1 and report.error
