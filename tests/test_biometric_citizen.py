"""A whole citizen at the counter through the services, against the real SBI simulator over HTTP on 127.0.0.1:
photo, signature, ten prints, two irises, verification, accepted as ONE record (sealed at rest, in the outbox
payload and its digest, in a jemput-bola bundle, purged with the record); a scanner unplugged mid-capture; a
finger recorded as an exception with a supervisor's confirmation. Prints the numbers the report quotes
(`pytest -s tests/test_biometric_citizen.py`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import threading
import time
from types import SimpleNamespace

import pytest

from devices.keys import CA_CERT, DeviceKeys
from station import bundle_format
from station.devices import DeviceError, trusted_folder
from station.domain.biometrics import BiometricExceptionError, ExceptionReason, FingerPosition, Modality
from station.domain.clock import FixedClock
from station.domain.errors import NotAllowed
from station.domain.payload import payload_digest, sha256_hex
from station.services.acceptance import NotAcceptable
from station.services.biometric_record import finger_kind
from station.services.transfer import Transfer
from station.storage import Answer
from tests.keys import PASSWORD
from tests.sbi import admin, running_simulator
from tests.stations import as_user, new_station
from tests.test_biometric_session import PHOTO, exception, signature
from tests.test_enrolment import TODAY, good
from tests.test_papers import text_of
from tests.test_recording import capture_of

CLOCK = dt.datetime.combine(TODAY, dt.time(3, 0), tzinfo=dt.UTC)
OPERATOR_PASSWORD = "sandi-operator-1"


@pytest.fixture(scope="module")
def keys_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("device-keys")


@pytest.fixture(scope="module")
def sim(keys_dir):
    with running_simulator(keys_dir, seed=5) as s:
        yield s


@pytest.fixture()
def counter(sim, keys_dir, data_dir):
    """A station whose office trusts the simulator's provider CA; the operator `ani` at the counter."""
    admin(sim, "reset")
    admin(sim, "citizen", seed=5)
    DeviceKeys.ensure(keys_dir)
    trusted = trusted_folder(data_dir)
    trusted.mkdir(parents=True, exist_ok=True)
    shutil.copy(keys_dir / CA_CERT, trusted / CA_CERT)
    station = new_station(data_dir, clock=FixedClock(CLOCK))
    station.accounts.add("ani", OPERATOR_PASSWORD)
    as_user(station, "ani", OPERATOR_PASSWORD)
    yield station
    station.close()


def capture_everything(station, session, limit: int = 30) -> list:
    bio = station.biometrics
    log = []
    for _ in range(limit):
        step = session.next_step()
        if step is None:
            return log
        if step == "signature":
            bio.sign(session, signature())
        elif step == "irises":
            log.append(bio.capture_irises(session))
        elif step == "verify":
            log.append(bio.verify(session))
        else:
            log.append(bio.capture_fingers(session, step))
    raise AssertionError(f"capture did not finish: {log}")


def test_whole_citizen_photo_signature_ten_prints_two_irises_verification(
    counter, sim, faces_dir, still_gate, monkeypatch
):
    station = counter
    photo = capture_of(faces_dir, still_gate, "img62.jpg")  # the photo, approved by the citizen
    t0 = time.perf_counter()
    session = station.biometrics.begin(ports=[sim.port])
    assert session.device_problems == {} and session.next_step() == "signature"
    capture_everything(station, session)
    capture_s = time.perf_counter() - t0
    record = session.record()
    assert record.complete and record.verification.matched

    done = station.records.accept(good(), photo, biometrics=record)
    stored = station.biometrics.stored(done.uuid)
    assert {finger_kind(p) for p in FingerPosition if p} <= set(stored)
    assert {"bio_fmr_02", "bio_fmr_07", "bio_iris_r", "bio_iris_l", "bio_sig_png", "bio_sig_json"} <= set(stored)
    assert stored["bio_fp_02"].data[:4] == b"FIR\x00" and stored["bio_iris_l"].data[:4] == b"IIR\x00"
    assert stored["bio_fmr_07"].data[:4] == b"FMR\x00" and stored["bio_sig_png"].data[:4] == b"\x89PNG"
    rec = station.records.get(done.uuid)
    meta = rec.quality["biometrics"]
    assert meta["complete"] and meta["verified"] and len(meta["fingers"]) == 10 and meta["exceptions"] == []

    # Sealed at rest: what the table holds is not the blob, and opens only as this record's blob of this kind.
    with sqlite3.connect(station.info()["database"]) as raw:
        rows = dict(raw.execute("SELECT kind, data FROM biometrics WHERE record_uuid = ?", (done.uuid,)))
        photo_rows = dict(raw.execute("SELECT kind, length(data) FROM photos WHERE record_uuid = ?", (done.uuid,)))
    assert set(rows) == set(stored)
    for kind, sealed in rows.items():
        assert len(sealed) == len(stored[kind].data) + 28 and stored[kind].data[:200] not in sealed
    at_rest = sum(len(v) for v in rows.values())
    outbox = station.sync.outbox()
    [outgoing] = [o for batch in outbox.everything() for o in batch if o.uuid == done.uuid]
    photos_bytes = sum(len(v) for k, v in outgoing.blobs.items() if k in ("crop", "frame"))

    # In the outbox payload, covered by its digest as the photos are: the centre recomputes it the same way.
    assert set(stored) <= set(outgoing.blobs)
    hashes = {k: sha256_hex(v) for k, v in outgoing.blobs.items()}
    assert hashes == outgoing.hashes
    assert payload_digest(done.uuid, outgoing.biodata, outgoing.quality, hashes) == outgoing.payload_sha256
    wire_bytes = len(json.dumps(outgoing.record())) + sum(len(v) for v in outgoing.blobs.values())
    sizes = {k: len(v) for k, v in rows.items()}
    groups = {
        g: sum(n for k, n in sizes.items() if k.startswith(f"bio_{g}"))
        for g in ("fp_", "fmr_", "iris_", "sig_png", "sig_json")
    }
    print(
        f"\nbiometric capture through the simulator (signature, 3 slaps, irises, verification): {capture_s:.1f} s"
        f"\nbiometrics at rest, sealed: {at_rest:,} bytes in {len(stored)} blobs {groups}"
        f"\nphotos at rest, sealed: {photo_rows}; the whole record on the wire (JSON + raw blobs): {wire_bytes:,} bytes"
        f" (photos {photos_bytes:,} raw)"
    )

    # In a jemput-bola bundle, and into another station's biometrics table (the centre's station list, which
    # vouches for the exporting station's key, stands in here: tests/test_bundle.py walks it with a real centre).
    as_user(station, "spv", PASSWORD)
    bundle, _ = station.transfer.export("kode-transfer-kantor-7")
    signer_key = bundle_format._parse(bundle).public_key
    monkeypatch.setattr(Transfer, "_registered", lambda self, signer: SimpleNamespace(keys={signer: signer_key}))
    other_dir = station.data_dir.parent / "other"
    other_dir.mkdir()
    with new_station(other_dir, "ST-OTHER") as other:
        other.transfer.import_bundle(bundle, "kode-transfer-kantor-7")
        assert {k: v.data for k, v in other.biometrics.stored(done.uuid).items()} == {
            k: v.data for k, v in stored.items()
        }

    # Purged with the record, once the centre acknowledged it.
    outbox.mark_sent([done.uuid])
    outbox.apply([Answer(done.uuid, True, "ACK-1", "received", None)])
    assert station.retention.purge(0) == 1
    assert station.biometrics.stored(done.uuid) == {}


def test_an_incomplete_record_is_refused_in_plain_indonesian(counter, sim, faces_dir, still_gate):
    station = counter
    photo = capture_of(faces_dir, still_gate, "img62.jpg")
    with pytest.raises(NotAcceptable) as err:
        station.records.accept(good(), photo)
    assert "Biometrik belum lengkap" in str(err.value) and "sepuluh sidik jari" in str(err.value)
    session = station.biometrics.begin(ports=[sim.port])
    station.biometrics.sign(session, signature())
    station.biometrics.capture_fingers(session, "left_slap")
    with pytest.raises(NotAcceptable) as err:
        station.records.accept(good(), photo, biometrics=session.record())
    text = str(err.value)
    assert "Jempol kanan" in text and "Iris kiri" in text and "Telunjuk kiri" not in text
    assert station.records.counts().get("queued", 0) == 0


def test_scanner_unplugged_mid_capture_then_plugged_back(counter, sim, faces_dir, still_gate):
    station = counter
    session = station.biometrics.begin(ports=[sim.port])
    station.biometrics.sign(session, signature())
    assert station.biometrics.capture_fingers(session, "left_slap").done
    admin(sim, "delay", type="Finger", delay=3000, method=["RCAPTURE"])
    threading.Timer(0.3, lambda: admin(sim, "status", type="Finger", deviceStatus="Not Ready")).start()
    with pytest.raises(DeviceError) as err:
        station.biometrics.capture_fingers(session, "right_slap")
    assert "kabel USB" in str(err.value)
    assert len(session.fingers) == 4 and session.next_step() == "right_slap"  # the left hand stays
    with pytest.raises(DeviceError):  # still unplugged: found again, it says what to do
        station.biometrics.capture_fingers(session, "right_slap")
    admin(sim, "delay", type="Finger", delay=0)
    admin(sim, "status", type="Finger", deviceStatus="Ready")
    assert station.biometrics.find_devices(session) == {}
    capture_everything(station, session)
    done = station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"), biometrics=session.record())
    assert len(station.biometrics.stored(done.uuid)) >= 16


def test_a_finger_excepted_with_a_supervisors_confirmation(counter, sim, faces_dir, still_gate):
    station = counter
    admin(sim, "drop", bioSubType=["Left Thumb"])  # amputated: the glass sees nothing there
    session = station.biometrics.begin(ports=[sim.port])
    exc = exception(Modality.FINGER, FingerPosition.LEFT_THUMB, ExceptionReason.AMPUTATED, supervisor="spv")
    exc = type(exc)(**{**exc.__dict__, "operator": "ani"})
    with pytest.raises(BiometricExceptionError):  # no confirmation yet
        station.biometrics.add_exception(session, exc)
    with pytest.raises(NotAllowed):  # the operator cannot confirm their own exception
        station.accounts.confirm_supervisor("ani", OPERATOR_PASSWORD)
    assert station.accounts.confirm_supervisor("spv", PASSWORD) == "spv"
    station.biometrics.add_exception(session, exc)
    with pytest.raises(BiometricExceptionError):  # used once: the next one needs its own confirmation
        station.biometrics.add_exception(session, exc)
    capture_everything(station, session)
    record = session.record()
    assert record.complete and FingerPosition.LEFT_THUMB not in record.fingers

    done = station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"), biometrics=record)
    stored = station.biometrics.stored(done.uuid)
    assert "bio_fp_06" not in stored and stored["bio_proof_fp_06"].data == PHOTO
    [noted] = station.records.get(done.uuid).quality["biometrics"]["exceptions"]
    assert noted["supervisor"] == "spv" and noted["reason"] == "amputated" and noted["position"] == 6
    # The receipt: fingers captured, each one's quality 1-10, every exception (A4 and the 80 mm printer).
    meta = station.records.get(done.uuid).quality["biometrics"]
    for thermal in (False, True):
        text = " ".join(text_of(station.papers.receipt(done.uuid, thermal)).split())
        assert "Sidik jari terekam: 9 dari 10" in text, text
        assert "Pengecualian Jempol kiri: Diamputasi (dikonfirmasi spv)" in text
        band = meta["fingers"]["right_index"]["band"]
        assert 1 <= band <= 10 and f"Telunjuk kanan: {band}" in text and "Verifikasi Telunjuk kanan: cocok" in text
        assert "Iris kanan: mutu" in text and "Iris kiri: mutu" in text
    as_user(station, "spv", PASSWORD)
    entries = station.sync.outbox().audit_after(0, 10_000)
    [audited] = [e for e in entries if e["action"] == "biometric_exception"]
    detail = json.loads(audited["detail"])
    assert detail["supervisor"] == "spv" and "note" not in detail


def test_an_exception_nobody_confirmed_is_refused_at_acceptance(counter, sim, faces_dir, still_gate):
    station = counter
    admin(sim, "drop", bioSubType=["Left Thumb"])
    session = station.biometrics.begin(ports=[sim.port])
    exc = exception(Modality.FINGER, FingerPosition.LEFT_THUMB, ExceptionReason.AMPUTATED, supervisor="spv")
    session.add_exception(type(exc)(**{**exc.__dict__, "operator": "ani"}))  # past the service's door
    capture_everything(station, session)
    with pytest.raises(NotAcceptable) as err:
        station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"), biometrics=session.record())
    assert "belum dikonfirmasi supervisor" in str(err.value)


def test_a_complete_record_reaches_the_reference_server_with_its_biometrics(
    counter, sim, faces_dir, still_gate, tmp_path
):
    """Through the real sync client and the reference central server (TLS on loopback): acknowledged, its
    digest checked by the centre over the photos AND the biometric blobs, each blob stored there by content."""
    from tests.central import start_central
    from tests.tls import make_ca_and_server

    station = counter
    session = station.biometrics.begin(ports=[sim.port])
    capture_everything(station, session)
    done = station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"), biometrics=session.record())
    stored = station.biometrics.stored(done.uuid)
    central = start_central(tmp_path, *make_ca_and_server(tmp_path / "tls"))
    try:
        as_user(station, "spv", PASSWORD)
        station.sync.register(central.url, central.code(station), central.ca)
        report = station.sync.run_once()
        assert report.acknowledged == 1 and report.remaining == 0, report
        [(payload,)] = central.query(f"SELECT payload FROM central_records WHERE uuid = '{done.uuid}'")
        blobs = {sha for (sha,) in central.query("SELECT sha256 FROM blobs")}
    finally:
        central.stop()
    sent = json.loads(payload)
    assert {k: v.sha256 for k, v in stored.items()}.items() <= sent["blobs"].items()
    assert {v.sha256 for v in stored.values()} <= blobs
    assert sent["quality"]["biometrics"]["complete"]
