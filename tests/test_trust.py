"""Issue 12, the station's side: each trust boundary an attacker went through, tried again the same way.
The number in each test's name is the issue's item (1-5, 7-11); the CLI's account commands are at the end."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

import cv2
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.domain.clock import Clock
from station.domain.enrolment import Enrolment
from station.domain.errors import ExitCode, InvalidInput, NotAllowed
from station.domain.lifecycle import RecordStatus
from station.domain.permissions import Role
from station.services.accounts import MAX_FAILS, LockedOut, LoginFailed
from station.services.station import Station
from station.storage import Answer, Database, StorageCorrupt, StorageReadOnly
from station.storage.accounts import Account
from station.storage.crypto import SCRYPT, DataKey
from tests.central import CODE, start_central
from tests.keys import PASSWORD
from tests.stations import as_user, new_station, store_record
from tests.test_enrolment import good
from tests.tls import make_ca_and_server

# What this issue added (station.pinning, domain.passwords, crypto.wrap_aad, ...) is imported inside the tests
# that use it, so that this file also runs against the code before the fix and each test fails on its own.
ROOT = Path(__file__).resolve().parents[1]
ANI = "sandi-operator-1"
TRANSFER = "kode-transfer-kantor-7"


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls):
    c = start_central(tmp_path, *tls)
    yield c
    c.stop()


def office(data_dir: Path) -> Station:
    """A supervisor (logged in) and an operator, ani."""
    station = new_station(data_dir)
    station.accounts.add("ani", ANI)
    return station


def raw_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob("station.db*")))


def audit(station: Station) -> list[dict]:
    return station.sync.outbox().audit_after(0, 100_000)


def ring(data_dir: Path) -> dict:
    with sqlite3.connect(data_dir / "station.db") as conn:
        return json.loads(conn.execute("SELECT value FROM settings WHERE key = 'keyring'").fetchone()[0])


def write_ring(data_dir: Path, keyring: dict) -> None:
    with sqlite3.connect(data_dir / "station.db") as conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'keyring'", (json.dumps(keyring),))


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "station", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=300,
    )


# --- 1. where records go -----------------------------------------------------------------------------
def test_1_sync_register_is_a_supervisors_audited_act_and_the_key_is_sealed(central, data_dir):
    with office(data_dir) as station:
        as_user(station, "ani", ANI)
        with pytest.raises(NotAllowed, match="supervisor"):
            station.sync.register("https://pusat-palsu.example:8443", CODE, None)
        refused = [e for e in audit(station) if e["action"] == "refused"]
        assert refused and json.loads(refused[-1]["detail"])["action"] == "sync.register"
        as_user(station, "spv", PASSWORD)
        station.sync.register(central.url, central.code(station), central.ca)
        done = [e for e in audit(station) if e["action"] == "sync_registered"]
        assert done[-1]["actor"] == "spv" and json.loads(done[-1]["detail"]) == {"url": central.url}
        key = station.sync.client().session.headers["Authorization"].split()[1]
    assert len(key) >= 32 and key.encode() not in raw_bytes(data_dir)  # sealed under the data key


def test_1_an_address_written_into_the_database_stops_sync_instead_of_moving_it(central, data_dir):
    """No pin: the bearer key is sealed to the address and CA it was registered with. A supervisor moves them
    through the settings (audited, the key follows); a hand edit of the row leaves the key unopenable."""
    from station.services.sync import NotConfigured

    with office(data_dir) as station:
        store_record(station, good(), b"j" * 200)
        station.sync.register(central.url, central.code(station), central.ca)
    with sqlite3.connect(data_dir / "station.db") as conn:
        (value,) = conn.execute("SELECT value FROM settings WHERE key = 'sync'").fetchone()
        rogue = json.loads(value) | {"url": "https://pusat-palsu.example:8443", "ca_bundle": None}
        conn.execute("UPDATE settings SET value = ? WHERE key = 'sync'", (json.dumps(rogue),))
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        with pytest.raises(NotConfigured, match="diubah di luar aplikasi"):
            station.sync.run_once()
        assert station.records.waiting_to_sync() == 1
        sync = station.settings.current.sync
        station.settings.change(sync=replace(sync, url=central.url, ca_bundle=str(central.ca)))  # the supervisor
        assert station.sync.run_once().acknowledged == 1  # puts back the address it was registered for


def pin(folder: Path, url: str, ca: Path | None) -> Path:
    from station import pinning

    folder.mkdir(parents=True, exist_ok=True)
    body = {"url": url}
    if ca is not None:
        shutil.copy(ca, folder / "central-ca.pem")
        body["ca"] = "central-ca.pem"
    (folder / pinning.PIN_NAME).write_text(json.dumps(body))
    for p in (folder, *folder.iterdir()):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return folder / pinning.PIN_NAME


def test_1_a_central_pinned_by_the_installer_cannot_be_moved_even_by_a_supervisor(
    central, data_dir, tmp_path, monkeypatch
):
    from station import pinning
    from station.pinning import PinError

    pinned = pin(tmp_path / "program", central.url, central.ca)
    monkeypatch.setattr(pinning, "pin_locations", lambda: [pinned])
    fill = [good(), Enrolment(nik="3324015508900002", nama="Budi")]
    with office(data_dir) as station:
        for e in fill:
            store_record(station, e, b"j" * 200)
        with pytest.raises(NotAllowed, match="dikunci"):
            station.sync.register("https://pusat-palsu.example:8443", CODE, None)
        with pytest.raises(NotAllowed, match="dikunci"):
            station.sync.register(central.url, CODE, tmp_path / "another-ca.pem")
        why = [json.loads(e["detail"]).get("why") for e in audit(station) if e["action"] == "refused"]
        assert why.count("pinned") == 2
        station.sync.register(central.url, central.code(station))  # the pinned address, with the pinned CA
        with pytest.raises(NotAllowed, match="dikunci"):
            station.settings.change(sync=replace(station.settings.current.sync, url="https://pusat-palsu.example"))
    # Someone with the file writes another address into the settings row: the pin still decides.
    with sqlite3.connect(data_dir / "station.db") as conn:
        (value,) = conn.execute("SELECT value FROM settings WHERE key = 'sync'").fetchone()
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'sync'",
            (json.dumps(json.loads(value) | {"url": "https://127.0.0.1:9", "ca_bundle": None}),),
        )
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        report = station.sync.run_once()
        assert report.online and report.acknowledged == 2
        pinned.chmod(0o666)  # a pin the operator could have written pins nothing: sync stops, it is not ignored
        with pytest.raises(PinError, match="tidak bisa dipercaya"):
            station.sync.run_once()


# --- 2. roles ------------------------------------------------------------------------------------------
def test_2_a_role_edited_in_the_database_grants_nothing_and_is_noticed(data_dir):
    office(data_dir).close()
    keyring = ring(data_dir)
    keyring["users"]["ani"]["role"] = "supervisor"
    write_ring(data_dir, keyring)
    with Station(data_dir) as station:
        check = station.verify_audit()
        assert not check.ok and "daftar akun" in check.why and "ani" in check.why
        assert station.accounts.login("ani", ANI).role is Role.OPERATOR
        with pytest.raises(NotAllowed):
            station.accounts.add("teman", "sandi-teman-123")
        with pytest.raises(NotAllowed):
            station.transfer.export(TRANSFER)
        tampered = [json.loads(e["detail"]) for e in audit(station) if e["action"] == "keyring_tampered"]
        assert tampered == [{"user": "ani", "stored": "supervisor", "bound": "operator", "audited": "operator"}]
        assert station.verify_audit().ok  # the stored copy was put right, and the trail says what happened
    assert ring(data_dir)["users"]["ani"]["role"] == "operator"


def test_2_a_wrap_forged_with_the_data_key_is_caught_by_the_audited_roster(data_dir):
    """An operator holds the data key (every account does): she can write any wrap. The audit trail's roster
    is what she would also have to rewrite (and the centre's anchor on the trail, issue item 6, catches that)."""
    from station.storage.crypto import wrap_aad

    office(data_dir).close()
    keyring = ring(data_dir)
    key, _ = DataKey.unwrap(keyring["users"]["ani"]["wrap"], ANI, wrap_aad("ani", "operator"))
    keyring["users"]["ani"] = {"role": "supervisor", "wrap": key.wrap(ANI, wrap_aad("ani", "supervisor"))}
    keyring["users"]["mallory"] = {
        "role": "supervisor",
        "wrap": key.wrap("sandi-mallory-1", wrap_aad("mallory", "supervisor")),
    }
    write_ring(data_dir, keyring)
    with Station(data_dir) as station:
        assert "mallory" in station.verify_audit().why
        with pytest.raises(LoginFailed, match="tidak tercatat"):
            station.accounts.login("mallory", "sandi-mallory-1")
        assert station.accounts.login("ani", ANI).role is Role.OPERATOR
        with pytest.raises(NotAllowed):
            station.accounts.confirm_supervisor("mallory", "sandi-mallory-1")
        as_user(station, "spv", PASSWORD)
        with pytest.raises(Exception, match="tidak tercatat"):
            station.accounts.reset_password("mallory", "sandi-baru-mallory")  # a reset cannot launder it
    assert {e for e in ring(data_dir)["users"]} == {"spv", "ani", "mallory"}


KEY_BYTES = bytes(range(32, 64))


def legacy_wrap(secret: str) -> dict:
    """A wrap as the first version made it: scrypt n=2^15, bound to nothing but "a data key"."""
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = hashlib.scrypt(secret.encode(), salt=salt, n=2**15, r=8, p=1, dklen=32, maxmem=64 * 2**20)
    ct = AESGCM(kek).encrypt(nonce, KEY_BYTES, b"station-dek-v1")
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return {"salt": b64(salt), "nonce": b64(nonce), "ct": b64(ct), "n": 2**15, "r": 8, "p": 1}


def legacy_station(data_dir: Path, ani_role: str = "operator") -> str:
    """A station as the first version left it: first-version wraps, roles in clear, no roster in the trail."""
    code = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
    with Database.in_folder(data_dir) as db, db.unit(Clock()) as uow:
        uow.accounts.put(Account("spv", "supervisor", legacy_wrap(PASSWORD)))
        uow.accounts.put(Account("ani", ani_role, legacy_wrap(ANI)))
        uow.accounts.set_recovery_wrap(legacy_wrap(code))
        uow.settings.save(uow.settings.load().changed(station_id="ST-OLD", kecamatan="33.24.01"))
        uow.audit.append("spv", "first_start", None, {"role": "supervisor"})
        uow.audit.append("spv", "user_added", None, {"user": "ani", "role": "operator"})
        uow.commit()
    return code


@pytest.mark.real_kdf
def test_2_9_existing_keyrings_are_bound_and_rewrapped_at_the_next_login(data_dir):
    from station.storage.crypto import wrap_aad

    code = legacy_station(data_dir)
    with Station(data_dir) as station:
        assert station.accounts.login("spv", PASSWORD).role is Role.SUPERVISOR
        assert station.accounts.login("ani", ANI).role is Role.OPERATOR
        assert station.accounts.recover(code, "ani", "sandi-pulih-ani").role is Role.OPERATOR
        assert station.verify_audit().ok
    users = ring(data_dir)["users"]
    for name, role in (("spv", "supervisor"), ("ani", "operator")):
        wrap = users[name]["wrap"]
        assert wrap["v"] == 2 and wrap["n"] == SCRYPT["n"] == 2**17, name  # bound, and at today's cost
        assert DataKey.unwrap(wrap, PASSWORD if name == "spv" else "sandi-pulih-ani", wrap_aad(name, role))
    assert ring(data_dir)["recovery"]["n"] == 2**17


def test_2_a_role_edited_before_the_upgrade_is_caught_by_the_trail(data_dir):
    legacy_station(data_dir, ani_role="supervisor")  # edited while the roles were plain JSON
    with Station(data_dir) as station:
        assert not station.verify_audit().ok
        assert station.accounts.login("ani", ANI).role is Role.OPERATOR  # user_added said operator
        assert any(e["action"] == "keyring_tampered" for e in audit(station))


# --- 3. the supervisor's confirmation ----------------------------------------------------------------
def test_3_supervisor_confirmation_locks_out_and_is_audited(data_dir):
    with office(data_dir) as station:
        as_user(station, "ani", ANI)
        outcomes = []
        t0 = time.perf_counter()
        for _ in range(30):
            try:
                station.accounts.confirm_supervisor("spv", "tebakan-salah")
            except (LoginFailed, LockedOut) as err:
                outcomes.append(type(err))
        elapsed = time.perf_counter() - t0
        assert outcomes == [LoginFailed] * MAX_FAILS + [LockedOut] * (30 - MAX_FAILS)
        with pytest.raises(LockedOut):
            station.accounts.confirm_supervisor("spv", PASSWORD)  # the right one, after the lockout
        failed = [json.loads(e["detail"]) for e in audit(station) if e["action"] == "confirm_failed"]
        counted = [f for f in failed if not f.get("refused_while_locked")]
        assert len(counted) == MAX_FAILS and counted[-1] == {"locked": True}
        assert len(failed) == 30 + 1  # every try is audited, the refusals while locked as such
    print(f"30 confirmations tried in {elapsed:.1f} s; {MAX_FAILS} paid scrypt, then locked")


# --- 4. papers --------------------------------------------------------------------------------------
def test_4_papers_pass_through_a_private_file_and_do_not_stay(data_dir, faces_dir):
    with office(data_dir) as station:
        uuid = store_record(station, good(), (faces_dir / "photos" / "img33.jpg").read_bytes())
        pdf = station.papers.receipt(uuid)  # the paper itself is bytes in memory
        assert pdf.startswith(b"%PDF")
        old = station.papers.save(pdf, "bukti-lama.pdf")
        fresh = station.papers.save(pdf, "../../bukti-baru.pdf")  # a name cannot leave DATA_DIR/papers
        assert fresh.parent == old.parent == data_dir / "papers"
        assert stat.S_IMODE(old.stat().st_mode) == 0o600
        os.utime(old, (time.time() - 3600, time.time() - 3600))
        station.accounts.lock()  # an hour old: the viewer is done with it; the fresh one may still be printing
        assert not old.exists() and fresh.exists()
        station.accounts.login("spv", PASSWORD)
        station.retention.purge(30)  # a purge clears whatever is left, whatever its age
        assert list((data_dir / "papers").iterdir()) == []
        station.papers.save(pdf, "x.pdf")
        assert station.papers.cleanup(0) == 1


# --- 5. sealed and padded ---------------------------------------------------------------------------
def test_5_waivers_server_reasons_and_name_lengths_are_sealed(data_dir):
    note = "memakai cadar karena keyakinan, wajah tetap terlihat"
    waiver = {
        "reason": "penutup_kepala_agama",
        "checks": ["background"],
        "note": note,
        "operator": "ani",
        "supervisor": "spv",
    }
    reason = "NIK 3324015508909999 sudah terdaftar di stasiun lain"
    with office(data_dir) as station:
        short = store_record(station, Enrolment(nik="3324015508900001", nama="Ani"), b"j" * 100)
        long_name = "Siti Rahmawati Kusumaningrum Wulandari Putri Sekar Ayu Prameswari"
        long = store_record(
            station, Enrolment(nik="3324015508900002", nama=long_name), b"k" * 100, None, {"waiver": waiver}
        )
        outbox = station.sync.outbox()
        outbox.mark_sent([short])
        outbox.apply([Answer(short, False, None, "rejected", reason)])
        assert station.records.get(long).quality["waiver"]["note"] == note  # opens with the key
        assert station.records.get(short).server_reason == reason
        assert station.records.find("Siti Rahmawati")[0].uuid == long
    raw = raw_bytes(data_dir)
    for secret in ("penutup_kepala_agama", "cadar", "3324015508909999", "sudah terdaftar", "Rahmawati"):
        assert secret.encode() not in raw, secret
    with sqlite3.connect(data_dir / "station.db") as conn:
        lengths = dict(
            conn.execute("SELECT uuid, length(summary_enc) || '/' || length(biodata_enc) FROM records").fetchall()
        )
    assert lengths[short] == lengths[long]  # "Ani" and a 64-letter name: the same length sealed


def test_5_plaintext_an_older_version_left_is_sealed_at_the_next_login(data_dir):
    with office(data_dir) as station:
        uuid = store_record(station, good(), b"j" * 100)
    waiver = {"waiver": {"reason": "kondisi_mata", "note": "mata kiri palsu", "checks": ["eyes_open"]}}
    with sqlite3.connect(data_dir / "station.db") as conn:  # as the first version wrote them
        conn.execute(
            "UPDATE records SET quality = ?, server_reason = 'Supervisor: foto ulang' WHERE uuid = ?",
            (json.dumps(waiver), uuid),
        )
        conn.execute("DELETE FROM settings WHERE key = 'record_seal_format'")
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        rec = station.records.get(uuid)
        assert rec.quality == waiver and rec.server_reason == "Supervisor: foto ulang"
    raw = raw_bytes(data_dir)
    assert b"mata kiri palsu" not in raw and b"foto ulang" not in raw


# --- 7. a damaged database, a read-only folder -------------------------------------------------------
def scribble_middle(data_dir: Path) -> str:
    db = data_dir / "station.db"
    raw = bytearray(db.read_bytes())
    middle = (len(raw) // 4096 // 2) * 4096
    raw[middle : middle + 1000] = b"\xa5" * 1000  # one b-tree page's header and cells, in the middle of the file
    db.write_bytes(bytes(raw))
    return hashlib.sha256(bytes(raw)).hexdigest()


def files_of(data_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data_dir.glob("station.db*"))}


def test_7_a_database_damaged_in_the_middle_is_refused_untouched(data_dir):
    with office(data_dir) as station:
        for i in range(40):
            store_record(station, Enrolment(nik=f"332401550890{i:04d}", nama=f"Warga {i}"), bytes([i]) * 3000)
    scribble_middle(data_dir)
    before = files_of(data_dir)
    with pytest.raises(StorageCorrupt, match="Berkas tidak diubah"):
        Station(data_dir)
    r = cli("info", "--data-dir", str(data_dir))
    assert r.returncode == 3 and "rusak" in r.stderr and "Traceback" not in r.stderr
    assert files_of(data_dir) == before  # what the message says is true: not one byte changed


@pytest.fixture()
def immutable(tmp_path):
    """Read-only for root too: chattr +i (the sandbox runs as root, for whom permission bits mean nothing).
    Undone afterwards so the folder can be removed."""
    made: list[Path] = []

    def make(*paths: Path) -> None:
        for p in paths:
            if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode != 0:
                pytest.fail(f"chattr +i {p} failed: this test needs CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs")
            made.append(p)

    yield make
    for p in reversed(made):
        subprocess.run(["chattr", "-i", str(p)], check=False)


def test_7_a_read_only_folder_is_reported_as_read_only(data_dir, tmp_path, immutable):
    empty = tmp_path / "empty"
    empty.mkdir()
    immutable(empty)
    with pytest.raises(StorageReadOnly, match="hanya-baca"):
        Station(empty)
    office(data_dir).close()
    immutable(data_dir / "station.db", data_dir)
    r = cli("info", "--data-dir", str(data_dir))
    assert r.returncode == 3 and "hanya-baca" in r.stderr, r.stderr
    assert "Tutup aplikasi lain" not in r.stderr and "Traceback" not in r.stderr


# --- 8. one damaged blob ------------------------------------------------------------------------------
def damage(data_dir: Path, uuid: str, column: str = "biodata_enc") -> None:
    with sqlite3.connect(data_dir / "station.db") as conn:
        (blob,) = conn.execute(f"SELECT {column} FROM records WHERE uuid = ?", (uuid,)).fetchone()
        broken = bytes(blob[:40]) + bytes([blob[40] ^ 0xFF]) + bytes(blob[41:])
        conn.execute(f"UPDATE records SET {column} = ? WHERE uuid = ?", (broken, uuid))


def test_8_one_damaged_blob_is_quarantined_by_uuid_and_the_rest_flow(central, data_dir):
    with office(data_dir) as station:
        uuids = [
            store_record(station, Enrolment(nik=f"332401550890{i + 1:04d}", nama=f"Warga {i}"), bytes([i]) * 900)
            for i in range(6)
        ]
        station.sync.register(central.url, central.code(station), central.ca)
    damage(data_dir, uuids[2])
    damage(data_dir, uuids[4], "summary_enc")
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        data, n = station.transfer.export(TRANSFER)  # the export leaves without it ...
        assert n == 5 and data
        report = station.sync.run_once()  # ... and so does the sync pass
        assert report.acknowledged == 5 and report.remaining == 1
        assert [(q.uuid, q.why) for q in station.records.quarantined()] == [(uuids[2], "biodata")]
        assert station.info()["quarantined"] == [uuids[2]]
        entries = [e for e in audit(station) if e["action"] == "quarantined"]
        assert [e["record_uuid"] for e in entries] == [uuids[2]]
        listed = {r.uuid: r.nama for r in station.records.find("")}
        assert len(listed) == 6 and listed[uuids[4]] == "[data rusak]"  # the list shows it, the others open
        assert station.records.get(uuids[0]).status is RecordStatus.ACKNOWLEDGED
        assert station.sync.run_once().remaining == 1  # a second pass does not stumble on it either


# --- 9. weak secrets ----------------------------------------------------------------------------------
@pytest.mark.parametrize("weak", ["12345678", " " * 8, "password1", "Bismillah123", "qwertyui", "aaaaaaaa", "spv12345"])
def test_9_weak_passwords_are_refused(data_dir, weak):
    with Station(data_dir) as station, pytest.raises(InvalidInput) as refused:
        station.accounts.first_start("ST-1", "33.24.01", "spv", weak)
    assert refused.value.code == "weak_password"


def test_9_transfer_codes_are_long_and_made_by_the_station(data_dir):
    with office(data_dir) as station:
        store_record(station, good(), b"j" * 100)
        with pytest.raises(InvalidInput, match="Kode transfer"):
            station.transfer.export("1")
    from station.domain.passwords import WeakSecret, check_transfer_code, new_transfer_code

    for weak in ("1", "kode", "1234567890123456", "rahasia-kantor"):
        with pytest.raises(WeakSecret):
            check_transfer_code(weak)
    made = {new_transfer_code() for _ in range(20)}
    assert len(made) == 20 and all(len(c) == 29 for c in made)
    for c in made:
        check_transfer_code(c)
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        assert station.transfer.export(made.pop())[1] == 1
    r = cli("transfer-code")
    assert r.returncode == 0 and len(r.stdout.strip()) == 29


# --- 10. files private to the user ------------------------------------------------------------------
def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_10_files_are_private_to_the_user(tmp_path):
    folder = tmp_path / "fresh" / "station-data"
    d = ["--user", "spv", "--data-dir", str(folder)]
    env = {"STATION_PASSWORD": PASSWORD, "STATION_TRANSFER_CODE": TRANSFER}
    bundle, recap = tmp_path / "x.bundle", tmp_path / "r.pdf"
    old = os.umask(0o022)  # what a desktop session usually has
    try:
        assert cli("setup", "--station-id", "ST-P", "--kecamatan", "33.24.01", *d, env=env).returncode == 0
        with Station(folder) as station:  # in this process, without the command line's umask
            station.accounts.login("spv", PASSWORD)
            store_record(station, good(), b"j" * 100)
            paper = station.papers.save(b"%PDF-1.4", "bukti.pdf")
            side = [folder / "station.db-wal", folder / "station.db-shm"]
            assert all(p.exists() and mode(p) == 0o600 for p in side)
        assert cli("export", "--out", str(bundle), *d, env=env).returncode == 0
        assert cli("report", "recap", "--out", str(recap), *d, env=env).returncode == 0
    finally:
        os.umask(old)
    assert mode(folder) == 0o700 and mode(folder / "logs") == 0o700 and mode(folder / "papers") == 0o700
    for f in (folder / "station.db", folder / "logs" / "station.log", paper, bundle, recap):
        assert mode(f) == 0o600, (f, oct(mode(f)))


# --- 11. images ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def huge_png(tmp_path_factory) -> Path:
    """A real, valid 20000x20000 greyscale PNG (a decoder would need 1.2 GB to open it as colour)."""
    w = h = 20_000
    comp, row = zlib.compressobj(1), b"\x00" * (w + 1)
    idat = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    ihdr = w.to_bytes(4, "big") + h.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    path = tmp_path_factory.mktemp("big") / "huge.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def test_11_check_photo_refuses_huge_and_cut_short_images_and_judges_the_rest(faces_dir, huge_png, tmp_path):
    good_photo = faces_dir / "photos" / "img62.jpg"  # frontal: img33 is chin-down by the unbiased pose (issue 15)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good_photo.read_bytes()[: good_photo.stat().st_size * 6 // 10])
    t0 = time.perf_counter()
    r = cli("check-photo", str(huge_png), str(cut), str(good_photo), "--json")
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    huge, short, whole = lines
    assert "terlalu besar" in huge["error"] and "20000x20000" in huge["error"]
    assert "terpotong" in short["error"]
    assert whole["accepted"] is True and r.returncode == 1
    print(f"check-photo on the three files: {time.perf_counter() - t0:.1f} s (process start and models included)")


def test_11_the_stand_in_camera_uses_the_same_loader(faces_dir, tmp_path, huge_png):
    from station.camera import ImageFolder

    folder = tmp_path / "cam"
    folder.mkdir()
    shutil.copy(faces_dir / "photos" / "img33.jpg", folder / "a.jpg")
    (folder / "b.jpg").write_bytes((faces_dir / "photos" / "img33.jpg").read_bytes()[:20_000])
    shutil.copy(huge_png, folder / "c.png")
    frames = ImageFolder(folder, hold=1 / 30, realtime=False, loop=False).frames()
    got = [None if f is None else f.shape for _, f in frames]
    assert got[0] == cv2.imread(str(folder / "a.jpg")).shape and got[1:] == [None, None]


# --- the accounts an office runs, through the command line ----------------------------------------------
SECRETS = ("STATION_PASSWORD", "STATION_NEW_PASSWORD", "STATION_RECOVERY_CODE", "STATION_TRANSFER_CODE")


def test_user_commands_end_to_end(data_dir, monkeypatch, capsys):
    """Every step is the command line (argument parsing, secrets from the environment, messages, exit codes):
    in this process, to keep the suite's time, except the recovery and the first command after it, which run
    as real processes."""
    from station import cli as station_cli

    d = ["--data-dir", str(data_dir)]

    def run(*argv: str, **env: str) -> tuple[int, str, str]:
        for name in SECRETS:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        code = station_cli.main([*argv, *d])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = run(
        "setup", "--station-id", "ST-U", "--kecamatan", "33.24.01", "--user", "spv", STATION_PASSWORD=PASSWORD
    )
    assert code == 0
    recovery = out.rsplit(":", 1)[1].strip()
    for weak, why in (("12345678", "sering dipakai"), (" " * 8, "kosong"), ("ani12345", "nama pengguna")):
        code, _, err = run("user", "add", "ani", "--user", "spv", STATION_PASSWORD=PASSWORD, STATION_NEW_PASSWORD=weak)
        assert code == 2 and why in err, (weak, err)
    code, out, _ = run("user", "add", "ani", "--user", "spv", STATION_PASSWORD=PASSWORD, STATION_NEW_PASSWORD=ANI)
    assert code == 0 and "ani (operator)" in out
    code, _, err = run(
        "user", "add", "budi", "--user", "ani", STATION_PASSWORD=ANI, STATION_NEW_PASSWORD="sandi-budi-123"
    )
    assert code == 7 and "supervisor" in err  # an operator manages no accounts
    for _ in range(MAX_FAILS):
        assert run("user", "list", "--user", "ani", STATION_PASSWORD="tebakan-salah")[0] == ExitCode.LOGIN
    code, out, _ = run("user", "list", "--user", "spv", STATION_PASSWORD=PASSWORD)
    assert code == 0 and "ani" in out and "dikunci sampai" in out
    assert run("user", "unlock", "ani", "--user", "spv", STATION_PASSWORD=PASSWORD)[0] == 0
    assert "dikunci" not in run("user", "list", "--user", "spv", STATION_PASSWORD=PASSWORD)[1]
    code, _, _ = run(
        "user", "reset", "ani", "--user", "spv", STATION_PASSWORD=PASSWORD, STATION_NEW_PASSWORD="sandi-baru-ani-2"
    )
    assert code == 0
    code, _, err = run(
        "report", "recap", "--out", str(data_dir / "r.pdf"), "--user", "ani", STATION_PASSWORD="sandi-baru-ani-2"
    )
    assert code == 0, err
    code, _, err = run(
        "user", "recover", "spv", STATION_RECOVERY_CODE="SALAH-KODE", STATION_NEW_PASSWORD="spv-pulih-2026"
    )
    assert code == 2 and "pemulihan salah" in err
    r = cli(
        "user",
        "recover",
        "spv",
        *d,
        env={"STATION_RECOVERY_CODE": recovery.lower(), "STATION_NEW_PASSWORD": "spv-pulih-2026"},
    )
    assert r.returncode == 0, r.stderr
    r = cli("user", "list", "--user", "spv", *d, env={"STATION_PASSWORD": PASSWORD})
    assert r.returncode == ExitCode.LOGIN and "salah" in r.stderr  # the old password is gone
    code, out, _ = run("user", "list", "--user", "spv", STATION_PASSWORD="spv-pulih-2026")
    assert code == 0 and "supervisor" in out
    assert run("audit-verify")[0] == 0
