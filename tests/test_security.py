"""Citizens' data stays theirs: encryption at rest, keyed NIK search, accounts, lockout, recovery, audit
chain, idle lock, retention purge, and no personal data in the logs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from station.domain.errors import InvalidInput, NotAllowed
from station.domain.lifecycle import RecordStatus
from station.services.accounts import MAX_FAILS, AccountError, LockedOut, LoginFailed
from station.services.station import Station
from station.storage import Answer, Database, DataKey, Locked, StorageCorrupt
from tests.keys import PASSWORD
from tests.stations import as_user, new_station, store_record
from tests.test_enrolment import good

ROOT = Path(__file__).resolve().parents[1]


def real_jpeg(faces_dir) -> bytes:
    img = cv2.imread(str(faces_dir / "photos" / "img33.jpg"))
    return cv2.imencode(".jpg", cv2.resize(img, (480, 640)))[1].tobytes()


def test_database_file_without_the_key_reads_as_noise(data_dir, faces_dir):
    jpeg = real_jpeg(faces_dir)
    with new_station(data_dir) as station:
        e = good()
        uuid = store_record(station, e, jpeg, jpeg)
        station.records.save_draft(good())
        assert station.records.get(uuid).photos["crop"].data == jpeg  # with the key: whole
    raw = b"".join(p.read_bytes() for p in data_dir.glob("station.db*"))
    for secret in (e.nik.encode(), e.nama.encode(), e.no_kk.encode(), e.alamat.encode(), b"JFIF", jpeg[:200]):
        assert secret not in raw, secret[:20]


def test_nik_search_through_the_keyed_index_and_locked_without_key(data_dir):
    with new_station(data_dir) as station:
        uuid = store_record(station, good(), b"j" * 100)
        assert [r.uuid for r in station.records.find(good().nik)] == [uuid]
        assert [r.uuid for r in station.records.find("rahma")] == [uuid]  # part of the name, decrypted here
        station.accounts.lock()
        with pytest.raises((Locked, NotAllowed)):
            station.records.find(good().nik)
        db = Database.in_folder(data_dir)
        with Station(data_dir, db=db) as locked, pytest.raises(Locked), db.unit(locked.clock) as uow:
            uow.records.find(good().nik)
        assert station.records.counts() == {"queued": 1}  # counts need no personal data


def test_another_key_cannot_read_a_copied_file(data_dir):
    with new_station(data_dir) as station:
        uuid = store_record(station, good(), b"j" * 100)
    thief_db = Database(data_dir / "station.db", DataKey.generate())
    with Station(data_dir, db=thief_db) as thief, thief_db.unit(thief.clock) as uow, pytest.raises(StorageCorrupt):
        uow.records.get(uuid)


def test_no_default_password_lockout_and_recovery(data_dir):
    with Station(data_dir) as station:
        assert not station.accounts.configured
        with pytest.raises(AccountError):
            station.accounts.first_start("ST-1", "33.24.01", "spv", "short")
        code = station.accounts.first_start("ST-1", "33.24.01", "spv", PASSWORD)
        station.accounts.add("ani", "sandi-operator-1")
        as_user(station, "ani", "sandi-operator-1")
        with pytest.raises(NotAllowed):
            station.accounts.add("budi", "sandi-operator-2")  # operators cannot add accounts
        assert station.operator.role == "operator"
        for _ in range(MAX_FAILS):
            with pytest.raises(LoginFailed):
                station.accounts.login("ani", "tebakan-salah")
        with pytest.raises(LockedOut, match="dikunci"):
            station.accounts.login("ani", "sandi-operator-1")  # even the right password, for 15 minutes
        station.accounts.lock()
        with pytest.raises(AccountError, match="pemulihan salah"):
            station.accounts.recover("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "ani", "sandi-baru-123")
        station.accounts.recover(code, "ani", "sandi-baru-123")  # a lost password costs the recovery code
        assert station.accounts.login("ani", "sandi-baru-123") is not None


def test_audit_chain_detects_edits_and_deletions(data_dir):
    with new_station(data_dir) as station:
        for i in range(3):
            store_record(station, good(), bytes([i]) * 100)
        check = station.verify_audit()
        assert check.ok and check.entries == 4  # first start + 3 accepted
    db = data_dir / "station.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit SET actor = 'orang-lain' WHERE id = 3")
    with Station(data_dir) as station:
        bad = station.verify_audit()
        assert not bad.ok and bad.broken_at == 3 and "diubah" in bad.why
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit SET actor = 'spv' WHERE id = 3")
        conn.execute("DELETE FROM audit WHERE id = 2")
    with Station(data_dir) as station:
        gone = station.verify_audit()
        assert not gone.ok and "terputus" in gone.why
    r = subprocess.run(
        [sys.executable, "-m", "station", "audit-verify", "--data-dir", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 4 and "RUSAK" in r.stderr


def test_purge_after_acknowledgement_keeps_only_the_receipt(data_dir):
    with new_station(data_dir) as station:
        acked = store_record(station, good(), b"j" * 100)
        waiting = store_record(station, good(), b"k" * 100)
        outbox = station.sync.outbox()
        outbox.mark_sent([acked])
        outbox.apply([Answer(acked, True, "ACK-1", "received", None)])
        assert station.retention.purge(0) == 1
        gone = station.records.get(acked)
        assert gone.status is RecordStatus.ACKNOWLEDGED and gone.photos == {} and gone.enrolment.nama == good().nama
        assert gone.enrolment.alamat == ""  # biodata beyond the receipt is gone
        assert station.records.get(waiting).photos["crop"].data == b"k" * 100  # not yet acknowledged


def test_logs_hold_no_personal_data_after_a_full_cli_flow(faces_dir, data_dir, tmp_path):
    env = dict(os.environ, STATION_PASSWORD=PASSWORD, PYTHONPATH=str(ROOT))
    photos = tmp_path / "p"
    photos.mkdir()
    (photos / "a.jpg").write_bytes((faces_dir / "photos" / "img33.jpg").read_bytes())

    def run(*args: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "station", *args, "--data-dir", str(data_dir)]
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)

    assert run("setup", "--station-id", "ST-L", "--kecamatan", "33.24.01", "--user", "spv").returncode == 0
    assert run("demo-data", "--count", "20", "--photos", str(photos), "--user", "spv").returncode == 0
    assert run("sync", "--once", "--user", "spv").returncode == 2  # not registered: a message, not a crash
    run("check-photo", str(faces_dir / "photos" / "img33.jpg"))
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        people = [(r.nik, r.nama) for r in station.records.find("")]
    logs = "".join(p.read_text("utf-8") for p in (data_dir / "logs").glob("*.log*"))
    assert "login ok user=spv" in logs and "demo records added" in logs  # the log is written ...
    assert len(people) == 20
    for nik, nama in people:  # ... and holds none of the 20 citizens
        assert nik not in logs and nama not in logs


def test_end_of_day_review_gates_the_outbox(data_dir):
    with new_station(data_dir) as station:
        station.review.enable()
        a, b, c = (store_record(station, good(), bytes([i]) * 50) for i in range(3))
        waiting = station.records.waiting_to_sync
        assert station.records.counts() == {"captured": 3} and waiting() == 0  # nothing leaves unreviewed
        assert station.review.decide(a, "approve") is RecordStatus.QUEUED
        with pytest.raises(InvalidInput, match="alasan"):
            station.review.decide(b, "hold")
        station.review.decide(b, "hold", "foto perlu diulang, warga dipanggil lagi")
        station.review.decide(c, "reject", "data ganda")
        assert waiting() == 1
        held = station.records.get(b)
        assert held.status is RecordStatus.HELD and "diulang" in held.server_reason  # the operator sees why
        station.review.decide(b, "approve")
        assert waiting() == 2 and station.verify_audit().ok
