"""Jemput bola: a mobile station's outbox to a USB bundle, imported by an office station and by the central
server, exactly once; a damaged, tampered, foreign or malformed bundle refused whole, with a message, never a
traceback (issue 12, items 12-14)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.bundle_format import KDF_ACCEPTED, BundleRefused
from station.services.station import Station
from station.station_list import StationListInvalid, sign
from tests.central import start_central
from tests.forge import TRANSFER, bundle_bytes, citizen, record, records_bundle, register_key, reseal
from tests.keys import PASSWORD
from tests.stations import new_station, store_record
from tests.tls import make_ca_and_server

ROOT = Path(__file__).resolve().parents[1]
CHEAP = KDF_ACCEPTED[-1]  # the older, cheaper derivation readers still accept: for tests about the content


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls, pg_url):
    c = start_central(tmp_path, *tls, db_url=pg_url)
    yield c
    c.stop()


def fill_valid(folder: Path, n: int, station_id: str, first: int = 0) -> list[str]:
    """A station with n accepted records whose forms pass every rule (citizens first, first + 1, ...)."""
    with new_station(folder, station_id) as station:
        return [store_record(station, citizen(first + i), os.urandom(3000), os.urandom(1500)) for i in range(n)]


def opened(folder: Path) -> Station:
    station = Station(folder)
    station.accounts.login("spv", PASSWORD)
    return station


def registered(folder: Path, central, n: int = 0, first: int = 0) -> Path:
    """A station with n records, registered with the central server (which also registers its signing key)."""
    fill_valid(folder, n, f"ST-{folder.name.upper()}", first)
    with opened(folder) as s:
        s.sync.register(central.url, central.code(s), central.ca)
    return folder


def central_import(central, usb: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CENTRAL_TRANSFER_CODE=TRANSFER)
    return subprocess.run(
        [sys.executable, "-m", "sync.server", "import-bundle", str(usb), "--db", central.db_url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def station_import(folder: Path, usb: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD, STATION_TRANSFER_CODE=TRANSFER)
    return subprocess.run(
        [sys.executable, "-m", "station", "import", str(usb), "--user", "spv", "--data-dir", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def central_rows(central) -> list[tuple[str, str]]:
    return central.query("SELECT uuid, origin FROM central_records ORDER BY uuid")


# --- the honest path ---------------------------------------------------------------------------------------------
def test_round_trip_mobile_to_office_to_central_exactly_once(tmp_path, central):
    mobile = registered(tmp_path / "mobile", central, 30)
    office = registered(tmp_path / "office", central, 2, first=100)
    with opened(mobile) as m:
        uuids = [r.uuid for r in m.records.find("")]
        bundle, n = m.transfer.export(TRANSFER)
        assert n == 30 and m.records.waiting_to_sync() == 30  # exported records stay queued on the mobile station
    assert b"Warga" not in bundle and b"JFIF" not in bundle  # encrypted on the stick
    usb = tmp_path / "usb.bundle"
    usb.write_bytes(bundle)

    with opened(office) as o:  # the office pulls the centre's station list to know the mobile station's key
        first = o.transfer.import_bundle(bundle, TRANSFER)
        again = o.transfer.import_bundle(bundle, TRANSFER)
        assert (first.imported, first.repeats, again.imported, again.repeats) == (30, 0, 0, 30)
        assert first.station_id == "ST-MOBILE" and first.refused == []
        carried = o.records.get(uuids[0])
        assert carried.enrolment.nama.startswith("Warga") and carried.station_id == "ST-MOBILE"  # filed by origin
        assert o.sync.run_once().remaining == 0  # the office sends the mobile team's records

    r = central_import(central, usb)
    assert r.returncode == 0 and "'repeat': 30" in r.stdout, r.stderr  # central import: all already there

    with opened(mobile) as m:  # the mobile team comes back online and syncs itself
        assert m.sync.run_once().remaining == 0 and m.records.counts() == {"acknowledged": 30}
    rows = central_rows(central)
    assert len(rows) == len({u for u, _ in rows}) == 32  # 30 from the field + 2 from the office, once each


def test_tampered_or_damaged_bundle_is_refused_whole(tmp_path, central):
    mobile = registered(tmp_path / "mobile", central, 5)
    office = registered(tmp_path / "office", central)
    with opened(mobile) as m:
        bundle, _ = m.transfer.export(TRANSFER)
    flipped = bytearray(bundle)
    flipped[len(flipped) // 2] ^= 0x01
    with opened(office) as o:
        for bad, words in [
            (bytes(flipped), "Tanda tangan"),
            (bundle[:-10], "terpotong|Tanda tangan"),
            (bundle + b"x", "terpotong"),
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
    before = len(central_rows(central))
    usb = tmp_path / "bad.bundle"
    usb.write_bytes(bytes(flipped))
    r = central_import(central, usb)
    assert r.returncode != 0 and "Tanda tangan" in r.stderr and "Traceback" not in r.stderr
    assert len(central_rows(central)) == before


def test_export_import_from_the_command_line(tmp_path, central):
    mobile = registered(tmp_path / "m", central, 4)
    office = registered(tmp_path / "o", central)
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_PASSWORD=PASSWORD, STATION_TRANSFER_CODE=TRANSFER)
    out = tmp_path / "usb" / "jemput.bundle"
    out.parent.mkdir()
    cmd = [sys.executable, "-m", "station", "export", "--out", str(out), "--user", "spv", "--data-dir", str(mobile)]
    assert subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True).returncode == 0
    r = station_import(office, out)
    assert r.returncode == 0 and "4 baru" in r.stdout, r.stderr
    with opened(office) as o:
        assert o.records.counts() == {"queued": 4} and o.verify_audit().ok


# --- item 12: only stations the centre registered, records belong to their signer ---------------------------------
def test_a_bundle_signed_by_a_key_the_centre_never_registered_is_refused(tmp_path, central):
    office = registered(tmp_path / "office", central)
    fill_valid(tmp_path / "rogue", 1, "ST-ROGUE")  # a station that never registered
    with opened(tmp_path / "rogue") as rogue:
        bundle, _ = rogue.transfer.export(TRANSFER)
    with opened(office) as o:
        with pytest.raises(BundleRefused, match="ST-ROGUE, yang tidak terdaftar"):
            o.transfer.import_bundle(bundle, TRANSFER)
        assert o.records.counts() == {}


def test_a_bundle_altered_and_re_signed_is_refused_whole(tmp_path, central):
    mobile = registered(tmp_path / "mobile", central, 3)
    office = registered(tmp_path / "office", central)
    rogue_key = Ed25519PrivateKey.generate()
    register_key(central, "ST-R", rogue_key)  # even a station the centre did register
    with opened(mobile) as m:
        wires = [o.to_bundle() for batch in m.sync.outbox().everything() for o in batch]
    forged = [reseal({**w, "biodata": {**w["biodata"], "nama": "Orang Lain"}}) for w in wires[:1]] + wires[1:]
    attempts = {
        # the mobile station's name in the header, the attacker's key: the key is not the one registered
        "kunci stasiun ST-MOBILE": records_bundle("ST-MOBILE", Ed25519PrivateKey.generate(), forged),
        # a registered station signs records it did not make: their origin's signature (every record carries one
        # since records are signed at acceptance) no longer holds for the altered record
        "asal \\(ST-MOBILE\\) pada rekaman .* tidak sah": records_bundle("ST-R", rogue_key, forged),
    }
    with opened(office) as o:
        for words, bundle in attempts.items():
            with pytest.raises(BundleRefused, match=words):
                o.transfer.import_bundle(bundle, TRANSFER)
        assert o.records.counts() == {}  # refused whole: not even the three unaltered records
    for bundle in attempts.values():
        usb = tmp_path / "forged.bundle"
        usb.write_bytes(bundle)
        r = central_import(central, usb)
        assert r.returncode != 0 and "Tidak ada yang diimpor" in r.stderr and "Traceback" not in r.stderr
    assert central_rows(central) == []


def test_carried_records_prove_their_origin_and_are_filed_under_it(tmp_path, central):
    """E carries F's records (imported at E from F's bundle): E signs the bundle, F's signature on each record
    proves F made it. Both the office station and the central import file them under F, and one record changed
    after F signed it spoils the whole bundle."""
    office = registered(tmp_path / "office", central)
    e_key, f_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    register_key(central, "ST-E", e_key)
    register_key(central, "ST-F", f_key)
    own = [record("ST-E", citizen(i)) for i in range(2)]
    carried = [record("ST-F", citizen(10 + i), f_key) for i in range(3)]
    changed = {**carried[0], "biodata": {**carried[0]["biodata"], "nama": "Orang Lain"}}
    spoiled = records_bundle("ST-E", e_key, own + [reseal(changed)] + carried[1:])
    with opened(office) as o:
        with pytest.raises(BundleRefused, match="ST-F.*tidak sah"):
            o.transfer.import_bundle(spoiled, TRANSFER)
        assert o.records.counts() == {}
        report = o.transfer.import_bundle(records_bundle("ST-E", e_key, own + carried), TRANSFER)
        assert (report.station_id, report.imported) == ("ST-E", 5)
        origins = {r["uuid"]: o.records.get(r["uuid"], with_photos=False).station_id for r in own + carried}
    assert origins == {r["uuid"]: r["station_id"] for r in own + carried}

    usb = tmp_path / "e.bundle"
    usb.write_bytes(records_bundle("ST-E", e_key, own + carried))
    r = central_import(central, usb)
    assert r.returncode == 0 and "ST-E: 2" in r.stdout and "ST-F: 3" in r.stdout, r.stderr
    assert sorted(central_rows(central)) == sorted((r["uuid"], r["station_id"]) for r in own + carried)


# --- item 13: the centre files each record under its verified origin ----------------------------------------------
def test_central_import_never_files_a_record_under_a_station_it_merely_claims(tmp_path, central):
    e_key = Ed25519PrivateKey.generate()
    register_key(central, "ST-E", e_key)
    register_key(central, "ST-F", Ed25519PrivateKey.generate())
    claims = [record("ST-F", citizen(i)) for i in range(2)]  # E's records, each claiming to be F's
    usb = tmp_path / "claims.bundle"
    usb.write_bytes(records_bundle("ST-E", e_key, claims))
    r = central_import(central, usb)
    assert r.returncode != 0 and "tidak membawa tanda tangan stasiun asalnya" in r.stderr, r.stdout
    assert central_rows(central) == []


# --- item 14: fixed key derivation, capped inflation, every field checked, the domain's rules -----------------------
@pytest.mark.parametrize("kdf", [{"n": 2**20, "r": 8, "p": 1}, {"n": 2**14, "r": 8, "p": 5000}])
def test_key_derivation_parameters_in_the_header_are_never_trusted(tmp_path, central, kdf):
    office = registered(tmp_path / "office", central)
    key = Ed25519PrivateKey.generate()
    register_key(central, "ST-K", key)
    usb = tmp_path / "kdf.bundle"
    usb.write_bytes(bundle_bytes("ST-K", key, b"\0" * 64, 1, kdf=kdf, encrypt=False))
    started = time.monotonic()
    r = station_import(office, usb)
    took = time.monotonic() - started
    assert r.returncode == 5 and "parameter kunci" in r.stderr and "Traceback" not in r.stderr, r.stderr
    started = time.monotonic()
    c = central_import(central, usb)
    assert c.returncode != 0 and "parameter kunci" in c.stderr and "Traceback" not in c.stderr
    assert max(took, time.monotonic() - started) < 20  # refused at once (p=5000 would derive for minutes)


def test_a_small_bundle_that_inflates_to_a_gigabyte_is_refused(tmp_path, central):
    office = registered(tmp_path / "office", central)
    key = Ed25519PrivateKey.generate()
    register_key(central, "ST-Z", key)
    deflate, mb = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS), b" " * 1024**2
    bomb = b"".join(deflate.compress(mb) for _ in range(1024)) + deflate.flush()  # 1 GB of spaces, gzipped
    assert len(bomb) < 1.1 * 1024**2  # about 1 MB on the stick
    usb = tmp_path / "bomb.bundle"
    usb.write_bytes(bundle_bytes("ST-Z", key, bomb, 1))
    r = station_import(office, usb)
    assert r.returncode == 5 and "mengembang" in r.stderr and "Traceback" not in r.stderr, r.stderr
    c = central_import(central, usb)
    assert c.returncode != 0 and "mengembang" in c.stderr


def test_bad_content_inside_a_valid_encryption_is_a_message_not_a_traceback(tmp_path, central):
    office = registered(tmp_path / "office", central)
    key = Ed25519PrivateKey.generate()
    register_key(central, "ST-B", key)
    good_record = record("ST-B", citizen(1))

    def lines(*objs) -> bytes:
        return gzip.compress("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objs).encode())

    cases = {
        "gzip tidak terbaca": (b"this is not gzip", 1),
        "bukan JSON": (lines("{not json"), 1),
        "bukan objek JSON": (lines("[1, 2]"), 1),
        "UUID bukan UUID": (lines({**good_record, "uuid": "x" * 36}), 1),
        "kolom tidak dikenal": (lines({**good_record, "extra": 1}), 1),
        "kolom photos tidak ada": (lines({k: v for k, v in good_record.items() if k != "photos"}), 1),
        "foto crop bukan base64": (lines({**good_record, "photos": {"crop": "%%%"}}), 1),
        "biodata nama tidak sah": (lines({**good_record, "biodata": {**good_record["biodata"], "nama": 7}}), 1),
        "tanggal lahir": (lines({**good_record, "biodata": {**good_record["biodata"], "tanggal_lahir": "31-02"}}), 1),
        "waktu rekam": (lines({**good_record, "created_at": "kemarin"}), 1),
        "Jumlah rekaman": (lines(good_record), 2),
        "terpotong": (gzip.compress(json.dumps(good_record).encode())[:-4], 1),
    }
    with opened(office) as o:
        for words, (body, count) in cases.items():
            with pytest.raises(BundleRefused, match=f"{words}.*Tidak ada yang diimpor"):
                o.transfer.import_bundle(bundle_bytes("ST-B", key, body, count, kdf=CHEAP), TRANSFER)
        assert o.records.counts() == {}
    usb = tmp_path / "bad.bundle"  # and from the command lines: the message, the exit code, no traceback
    usb.write_bytes(bundle_bytes("ST-B", key, *cases["bukan JSON"]))
    r = station_import(office, usb)
    assert r.returncode == 5 and "bukan JSON" in r.stderr and "Traceback" not in r.stderr, r.stderr
    c = central_import(central, usb)
    assert c.returncode != 0 and "bukan JSON" in c.stderr and "Traceback" not in c.stderr


def test_imported_records_obey_the_domain_rules(tmp_path, central):
    office = registered(tmp_path / "office", central)
    key = Ed25519PrivateKey.generate()
    register_key(central, "ST-D", key)
    fine = record("ST-D", citizen(1))
    impossible = record("ST-D", citizen(2, nik="3324013102900003"))  # born 31 February
    digits = record("ST-D", citizen(3, nama="R2D2"))
    usb = tmp_path / "rules.bundle"
    usb.write_bytes(records_bundle("ST-D", key, [fine, impossible, digits]))
    r = station_import(office, usb)
    assert r.returncode == 6 and "1 baru" in r.stdout and "2 ditolak" in r.stdout, r.stdout + r.stderr
    assert f"ditolak {impossible['uuid'][:8]}: nik" in r.stdout and f"ditolak {digits['uuid'][:8]}: nama" in r.stdout
    with opened(office) as o:
        assert [x.uuid for x in o.records.find("")] == [fine["uuid"]]


def test_the_station_list_is_the_one_the_centre_signed(tmp_path, tls):
    """pull_master_data() saves the centre's signed list in DATA_DIR/master; an edited list, or one signed by
    another key than the centre's pinned one, lets nothing in; the station pulls the centre's list again when it
    can."""
    central = start_central(tmp_path, *tls)
    office = registered(tmp_path / "office", central)
    key = Ed25519PrivateKey.generate()
    register_key(central, "ST-L", key)
    bundle = records_bundle("ST-L", key, [record("ST-L", citizen(1))])
    with opened(office) as o:
        o.sync.pull_master_data()
    listed = office / "master" / "stations.json"
    envelope = json.loads(listed.read_text())
    assert "ST-L" in envelope["document"] and "ST-OFFICE" in envelope["document"]
    assert listed.stat().st_mode & 0o077 == 0  # private to the station's user
    central.stop()  # offline: the list on disk decides

    doc = json.loads(envelope["document"])  # someone adds a station of their own to the file ...
    doc["stations"].append({"station_id": "ST-X", "kecamatan": "33.24.01", "signing_public_key": "A" * 43 + "="})
    forgeries = [
        {**envelope, "document": json.dumps(doc)},
        sign(doc["stations"], "2026-12-01T00:00:00+00:00", Ed25519PrivateKey.generate()),  # ... or signs their own
    ]
    with opened(office) as o:
        for forged in forgeries:
            listed.write_text(json.dumps(forged))
            with pytest.raises(StationListInvalid, match="tidak ditandatangani oleh server pusat"):
                o.transfer.import_bundle(bundle, TRANSFER)
        assert o.records.counts() == {}

    central = start_central(tmp_path, *tls)  # online again (same centre, same key): the real list comes back
    try:
        with opened(office) as o:
            o.settings.change(sync=dataclasses.replace(o.settings.current.sync, url=central.url))
            assert o.transfer.import_bundle(bundle, TRANSFER).imported == 1
        assert json.loads(listed.read_text())["document"] != forgeries[0]["document"]
    finally:
        central.stop()
