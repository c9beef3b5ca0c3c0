"""Jemput bola: a mobile station's outbox to a USB bundle, imported by an office station and by the central
server, exactly once, and a damaged or tampered bundle refused whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from station.bundle_format import BundleRefused
from tests.central import CODE, start_central
from tests.keys import PASSWORD
from tests.test_sync import central_rows, fill_station, opened
from tests.tls import make_ca_and_server

ROOT = Path(__file__).resolve().parents[1]
TRANSFER = "kode-transfer-kantor-7"


def central_import(central, usb: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CENTRAL_TRANSFER_CODE=TRANSFER)
    return subprocess.run(
        [sys.executable, "-m", "sync.server", "import-bundle", str(usb), "--db", central.db_url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture()
def central(tmp_path, pg_url):
    c = start_central(tmp_path, *make_ca_and_server(tmp_path / "tls"), db_url=pg_url)
    yield c
    c.stop()


def test_round_trip_mobile_to_office_to_central_exactly_once(tmp_path, central):
    mobile, office = tmp_path / "mobile", tmp_path / "office"
    uuids = fill_station(mobile, 30)
    fill_station(office, 2)
    with opened(mobile) as m:
        m.sync.register(central.url, CODE, central.ca)  # registers its signing key too
        bundle, n = m.transfer.export(TRANSFER)
        assert n == 30 and m.records.waiting_to_sync() == 30  # exported records stay queued on the mobile station
    assert b"Warga" not in bundle and b"JFIF" not in bundle  # encrypted on the stick
    usb = tmp_path / "usb.bundle"
    usb.write_bytes(bundle)

    with opened(office) as o:
        first = o.transfer.import_bundle(bundle, TRANSFER)
        again = o.transfer.import_bundle(bundle, TRANSFER)
        assert (first.imported, first.repeats, again.imported, again.repeats) == (30, 0, 0, 30)
        assert o.records.get(uuids[0]).enrolment.nama == "Warga 0"
        o.sync.register(central.url, CODE, central.ca)
        assert o.sync.run_once().remaining == 0  # the office sends the mobile team's records

    r = central_import(central, usb)
    assert r.returncode == 0 and "'repeat': 30" in r.stdout, r.stderr  # central import: all already there

    with opened(mobile) as m:  # the mobile team comes back online and syncs itself
        assert m.sync.run_once().remaining == 0 and m.records.counts() == {"acknowledged": 30}
    rows = central_rows(central)
    assert len(rows) == len({u for u, _ in rows}) == 32  # 30 from the field + 2 from the office, once each


def test_tampered_or_damaged_bundle_is_refused_whole(tmp_path, central):
    mobile, office = tmp_path / "mobile", tmp_path / "office"
    fill_station(mobile, 5)
    fill_station(office, 0)
    with opened(mobile) as m:
        m.sync.register(central.url, CODE, central.ca)
        bundle, _ = m.transfer.export(TRANSFER)
    flipped = bytearray(bundle)
    flipped[len(flipped) // 2] ^= 0x01
    with opened(office) as o:
        for bad, words in [
            (bytes(flipped), "Tanda tangan"),
            (bundle[:-10], "Tanda tangan"),
            (b"hello", "Bukan"),
            (bundle, None),
        ]:
            if words is None:
                with pytest.raises(BundleRefused, match="Kode transfer salah"):
                    o.transfer.import_bundle(bad, "kode-yang-salah")
                continue
            with pytest.raises(BundleRefused, match=words):
                o.transfer.import_bundle(bad, TRANSFER)
        assert o.records.counts() == {}  # nothing from any of them
    [(before,)] = central.query("SELECT count(*) FROM central_records")
    usb = tmp_path / "bad.bundle"
    usb.write_bytes(bytes(flipped))
    r = central_import(central, usb)
    assert r.returncode != 0 and "Tanda tangan" in r.stderr
    assert central.query("SELECT count(*) FROM central_records") == [(before,)]


def test_export_import_from_the_command_line(tmp_path):
    mobile, office = tmp_path / "m", tmp_path / "o"
    fill_station(mobile, 4)
    fill_station(office, 0)
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD, STATION_TRANSFER_CODE=TRANSFER)

    def station(*args):
        return subprocess.run(
            [sys.executable, "-m", "station", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )

    out = tmp_path / "usb" / "jemput.bundle"
    out.parent.mkdir()
    assert station("export", "--out", str(out), "--user", "spv", "--data-dir", str(mobile)).returncode == 0
    r = station("import", str(out), "--user", "spv", "--data-dir", str(office))
    assert r.returncode == 0 and "4 baru" in r.stdout
    with opened(office) as o:
        assert o.records.counts() == {"queued": 4} and o.verify_audit().ok
