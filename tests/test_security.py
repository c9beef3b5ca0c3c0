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

from station.domain.enrolment import RecordStatus
from station.storage import RecordStore, StorageCorrupt, keyring
from station.storage.crypto import DataKey, Locked
from station.storage.outbox import Answer, OutboxStore
from tests.keys import PASSWORD
from tests.test_enrolment import good

ROOT = Path(__file__).resolve().parents[1]


def real_jpeg(faces_dir) -> bytes:
    img = cv2.imread(str(faces_dir / "photos" / "img33.jpg"))
    return cv2.imencode(".jpg", cv2.resize(img, (480, 640)))[1].tobytes()


def test_database_file_without_the_key_reads_as_noise(data_dir, faces_dir):
    jpeg = real_jpeg(faces_dir)
    with RecordStore.in_folder(data_dir) as store:
        keyring.create_first_supervisor(store, "spv", PASSWORD)
        e = good()
        uuid = store.accept(e, crop=jpeg, frame=jpeg, operator="spv")
        store.save_draft(good(), "spv")
        assert store.get(uuid, with_photos=True).photos["crop"].data == jpeg  # with the key: whole
    raw = b"".join(p.read_bytes() for p in data_dir.glob("station.db*"))
    for secret in (e.nik.encode(), e.nama.encode(), e.no_kk.encode(), e.alamat.encode(), b"JFIF", jpeg[:200]):
        assert secret not in raw, secret[:20]


def test_nik_search_through_the_keyed_index_and_locked_without_key(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        keyring.create_first_supervisor(store, "spv", PASSWORD)
        uuid = store.accept(good(), crop=b"j" * 100, operator="spv")
        assert [r.uuid for r in store.find(good().nik)] == [uuid]
        assert [r.uuid for r in store.find("rahma")] == [uuid]  # part of the name, decrypted here
        store.lock()
        with pytest.raises(Locked):
            store.find(good().nik)
        assert store.counts() == {"queued": 1}  # counts need no personal data


def test_another_key_cannot_read_a_copied_file(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        keyring.create_first_supervisor(store, "spv", PASSWORD)
        uuid = store.accept(good(), crop=b"j" * 100, operator="spv")
    with RecordStore.in_folder(data_dir, DataKey.generate()) as thief, pytest.raises(StorageCorrupt):
        thief.get(uuid)


def test_no_default_password_lockout_and_recovery(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        assert not keyring.has_users(store)
        with pytest.raises(keyring.AccountError):
            keyring.create_first_supervisor(store, "spv", "short")
        spv, _, code = keyring.create_first_supervisor(store, "spv", PASSWORD)
        op = keyring.add_user(store, spv, "ani", "sandi-operator-1")
        with pytest.raises(keyring.AccountError):
            keyring.add_user(store, op, "budi", "sandi-operator-2")  # operators cannot add accounts
        assert keyring.login(store, "ani", "sandi-operator-1").role == "operator"
        for _ in range(keyring.MAX_FAILS):
            assert keyring.login(store, "ani", "tebakan-salah") is None
        with pytest.raises(keyring.LockedOut, match="dikunci"):
            keyring.login(store, "ani", "sandi-operator-1")  # even the right password, for 15 minutes
        store.lock()
        with pytest.raises(keyring.AccountError, match="pemulihan salah"):
            keyring.recover(store, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "ani", "sandi-baru-123")
        keyring.recover(store, code, "ani", "sandi-baru-123")  # a lost password costs the recovery code
        assert keyring.login(store, "ani", "sandi-baru-123") is not None


def test_audit_chain_detects_edits_and_deletions(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        keyring.create_first_supervisor(store, "spv", PASSWORD)
        for i in range(3):
            store.accept(good(), crop=bytes([i]) * 100, operator="spv")
        check = store.verify_audit()
        assert check.ok and check.entries == 4  # first start + 3 accepted
    db = data_dir / "station.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit SET actor = 'orang-lain' WHERE id = 3")
    with RecordStore.in_folder(data_dir) as store:
        bad = store.verify_audit()
        assert not bad.ok and bad.broken_at == 3 and "diubah" in bad.why
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit SET actor = 'spv' WHERE id = 3")
        conn.execute("DELETE FROM audit WHERE id = 2")
    with RecordStore.in_folder(data_dir) as store:
        gone = store.verify_audit()
        assert not gone.ok and "terputus" in gone.why
    r = subprocess.run(
        [sys.executable, "-m", "station", "audit-verify", "--data-dir", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 4 and "RUSAK" in r.stderr


def test_purge_after_acknowledgement_keeps_only_the_receipt(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        keyring.create_first_supervisor(store, "spv", PASSWORD)
        acked = store.accept(good(), crop=b"j" * 100, operator="spv")
        waiting = store.accept(good(), crop=b"k" * 100, operator="spv")
        OutboxStore(store).apply([Answer(acked, True, "ACK-1", "received", None)])
        assert store.purge_acknowledged(0, "spv") == 1
        gone = store.get(acked, with_photos=True)
        assert gone.status is RecordStatus.ACKNOWLEDGED and gone.photos == {} and gone.enrolment.nama == good().nama
        assert gone.enrolment.alamat == ""  # biodata beyond the receipt is gone
        assert store.get(waiting, with_photos=True).photos["crop"].data == b"k" * 100  # not yet acknowledged


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
    with RecordStore.in_folder(data_dir) as store:
        keyring.login(store, "spv", PASSWORD)
        people = [(r.nik, r.nama) for r in store.find("")]
    logs = "".join(p.read_text("utf-8") for p in (data_dir / "logs").glob("*.log*"))
    assert "login ok user=spv" in logs and "demo records added" in logs  # the log is written ...
    assert len(people) == 20
    for nik, nama in people:  # ... and holds none of the 20 citizens
        assert nik not in logs and nama not in logs


def test_end_of_day_review_gates_the_outbox(data_dir):
    from station.storage import InvalidTransition

    with RecordStore.in_folder(data_dir) as store:
        keyring.create_first_supervisor(store, "spv", PASSWORD)
        store.set_setting("review_required", True)
        a, b, c = (store.accept(good(), crop=bytes([i]) * 50, operator="ani") for i in range(3))
        assert store.counts() == {"captured": 3} and store.outbox_size() == 0  # nothing leaves unreviewed
        assert store.review(a, "approve", "spv") is RecordStatus.QUEUED
        with pytest.raises(InvalidTransition, match="alasan"):
            store.review(b, "hold", "spv")
        store.review(b, "hold", "spv", "foto perlu diulang, warga dipanggil lagi")
        store.review(c, "reject", "spv", "data ganda")
        assert store.outbox_size() == 1
        held = store.get(b)
        assert held.status is RecordStatus.HELD and "diulang" in held.server_reason  # the operator sees why
        store.review(b, "approve", "spv")
        assert store.outbox_size() == 2 and store.verify_audit().ok
