"""A citizen's biometrics captured through the real simulator over HTTP: signature, ten prints, two
irises, verification; and every way it goes wrong at the counter (poor prints and retries, a finger
that cannot be captured, the same finger twice, the wrong hand, a scanner unplugged)."""

from __future__ import annotations

import math
import threading
import time

import cv2
import numpy as np
import pytest

from devices.keys import DeviceKeys
from station.biometrics.records import read_finger_record, read_iris_record
from station.devices import DeviceError, SbiClient, TrustStore
from station.domain.biometrics import (
    BiometricException,
    BiometricExceptionError,
    BiometricThresholds,
    ExceptionReason,
    Eye,
    FingerPosition,
    Modality,
    Signature,
    SignaturePoint,
)
from station.services.biometrics import BiometricSession
from tests.sbi import admin, running_simulator

OPERATOR, SUPERVISOR = "operator1", "supervisor1"
PHOTO = cv2.imencode(".jpg", np.full((120, 160, 3), 128, np.uint8))[1].tobytes()


@pytest.fixture(scope="module")
def keys_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("device-keys")


@pytest.fixture(scope="module")
def sim(keys_dir):
    with running_simulator(keys_dir, seed=3) as s:
        yield s


def _client(sim, keys_dir) -> SbiClient:
    return SbiClient(TrustStore([DeviceKeys.ensure(keys_dir).ca_cert]), ports=[sim.port])


@pytest.fixture()
def session(sim, keys_dir):
    admin(sim, "reset")
    admin(sim, "citizen", seed=3)
    client = _client(sim, keys_dir)
    s = BiometricSession(client, client.find("Finger"), client.find("Iris"), OPERATOR)
    s.sign(signature())
    return s


def signature() -> Signature:
    strokes = []
    t = 0
    for k in range(3):
        pts = []
        for i in range(40):
            t += 8
            pts.append(
                SignaturePoint(40 + 110 * k + 2.5 * i, 90 + 35 * math.sin(i / 5 + k), t, 0.4 + 0.5 * (i % 7) / 7)
            )
        strokes.append(tuple(pts))
    return Signature(tuple(strokes), 480, 180, "pen")


def exception(modality, position, reason, supervisor=SUPERVISOR, photo=PHOTO) -> BiometricException:
    return BiometricException(modality, int(position), reason, "jari hilang sejak lahir", photo, OPERATOR, supervisor)


def run_to_end(s: BiometricSession, limit: int = 30) -> list:
    log = []
    for _ in range(limit):
        step = s.next_step()
        if step is None:
            return log
        if step == "irises":
            log.append(s.capture_irises())
        elif step == "verify":
            log.append(s.verify())
        else:
            log.append(s.capture_fingers(step))
    raise AssertionError(f"session did not finish: {log}")


def test_whole_citizen_signature_ten_prints_two_irises_verification(session):
    assert session.next_step() == "left_slap"  # the signature came first (fixture)
    log = run_to_end(session)
    rec = session.record()
    assert rec.complete
    assert sorted(rec.fingers) == [p for p in FingerPosition if p]
    assert sorted(rec.irises) == [Eye.RIGHT, Eye.LEFT]
    assert rec.verification.matched and rec.verification.position == FingerPosition.RIGHT_INDEX
    for pos, cap in rec.fingers.items():
        [sample] = read_finger_record(cap.record)  # what the station stores: 19794-4 with WSQ
        assert sample.position == pos and sample.compression == "wsq" and cap.quality.nfiq2 >= 40
    assert set(rec.index_templates) == {FingerPosition.RIGHT_INDEX, FingerPosition.LEFT_INDEX}
    assert all(t[:8] == b"FMR\x00 20\x00" for t in rec.index_templates.values())
    for eye, cap in rec.irises.items():
        assert read_iris_record(cap.record)[0].eye == eye and cap.quality.ok
    assert rec.signature_png[:4] == b"\x89PNG" and rec.signature.points == 120
    summary = rec.summary()
    assert all(1 <= f["band"] <= 10 for f in summary["fingers"].values()) and summary["verified"]
    assert [r.step for r in log[:3]] == ["left_slap", "right_slap", "thumbs"]


def test_low_quality_then_retries_keep_the_best(session, sim):
    admin(sim, "score", type="Finger", qualityScore=20, degrade=True, captures=1)
    first = session.capture_fingers("left_slap")
    assert not first.done and first.below and first.retries_left == 3
    assert any("rendah" in m or "tidak bisa diukur" in m for m in first.messages)
    second = session.capture_fingers("left_slap")
    assert second.done and not second.below
    for pos in first.below:
        assert session.fingers[pos].attempt == 2  # the better print replaced the poor one


def test_retries_used_up_keep_the_best_then_an_exception(session, sim):
    admin(sim, "score", type="Finger", qualityScore=15, degrade=True)  # this hand never gives a good print
    results = [session.capture_fingers("thumbs") for _ in range(4)]  # the first capture and 3 retries
    assert [r.done for r in results] == [False, False, False, True]
    assert results[-1].retries_left == 0 and "Batas pengulangan habis" in results[-1].messages[-1]
    assert all(p in session.fingers for p in (FingerPosition.LEFT_THUMB, FingerPosition.RIGHT_THUMB))
    # A thumb that really cannot be read is recorded as an exception instead (supervisor, photo).
    session.add_exception(exception(Modality.FINGER, FingerPosition.LEFT_THUMB, ExceptionReason.UNREADABLE))
    assert FingerPosition.LEFT_THUMB not in session.fingers


def test_exception_finger_is_not_asked_from_the_device_and_record_completes(session):
    missing = exception(Modality.FINGER, FingerPosition.LEFT_LITTLE, ExceptionReason.AMPUTATED)
    session.add_exception(missing)
    r = session.capture_fingers("left_slap")
    assert r.done and FingerPosition.LEFT_LITTLE not in r.scores and len(r.scores) == 3
    session.add_exception(exception(Modality.IRIS, Eye.LEFT, ExceptionReason.BANDAGED))
    run_to_end(session)
    rec = session.record()
    assert rec.complete and FingerPosition.LEFT_LITTLE not in rec.fingers and list(rec.irises) == [Eye.RIGHT]
    assert [e["reason"] for e in rec.summary()["exceptions"]] == ["amputated", "bandaged"]


@pytest.mark.parametrize(
    "change, why",
    [
        ({"supervisor": OPERATOR}, "supervisor"),
        ({"supervisor": ""}, "supervisor"),
        ({"photo": b""}, "foto bukti"),
    ],
)
def test_exception_needs_a_supervisor_and_a_proof_photo(session, change, why):
    with pytest.raises(BiometricExceptionError, match=why):
        session.add_exception(exception(Modality.FINGER, FingerPosition.RIGHT_RING, ExceptionReason.BANDAGED, **change))
    with pytest.raises(BiometricExceptionError):
        session.add_exception(exception(Modality.IRIS, Eye.LEFT, ExceptionReason.AMPUTATED))  # not for an eye


def test_same_finger_twice_is_refused_in_plain_indonesian(session, sim):
    assert session.capture_fingers("left_slap").done
    # The operator presses the left index again where the right index belongs.
    admin(sim, "present", map={"Right IndexFinger": "Left IndexFinger"})
    r = session.capture_fingers("right_slap")
    assert r.refused and not r.done and FingerPosition.RIGHT_INDEX not in session.fingers
    assert any("Telunjuk kanan sama dengan Telunjuk kiri" in m for m in r.messages), r.messages
    admin(sim, "present", map={})
    assert session.capture_fingers("right_slap").done


def test_wrong_hand_is_refused(session, sim):
    assert session.capture_fingers("left_slap").done
    admin(
        sim,
        "present",
        map={f"Right {f}": f"Left {f}" for f in ("IndexFinger", "MiddleFinger", "RingFinger", "LittleFinger")},
    )
    r = session.capture_fingers("right_slap")
    assert r.refused and r.messages[0].startswith("Tangan yang sama ditempelkan dua kali")


def test_scanner_unplugged_mid_capture_keeps_what_was_captured(session, sim):
    assert session.capture_fingers("left_slap").done
    admin(sim, "delay", type="Finger", delay=3000, method=["RCAPTURE"])
    threading.Timer(0.3, lambda: admin(sim, "status", type="Finger", deviceStatus="Not Ready")).start()
    with pytest.raises(DeviceError) as err:
        session.capture_fingers("right_slap")
    assert "kabel USB" in str(err.value)
    assert session.attempts.get("right_slap", 0) == 0 and len(session.fingers) == 4
    admin(sim, "delay", type="Finger", delay=0)
    admin(sim, "status", type="Finger", deviceStatus="Ready")
    assert session.capture_fingers("right_slap").done


def test_verification_refuses_another_finger(session, sim):
    for step in ("left_slap", "right_slap", "thumbs"):
        assert session.capture_fingers(step).done
    admin(sim, "present", map={"Right IndexFinger": "Right MiddleFinger"})
    v = session.verify()
    assert not v.matched and "tidak cocok" in v.message
    admin(sim, "present", map={})
    # The real finger again: each press is another impression, and like any matcher Bozorth3 misses
    # some genuine pairs (15% on FVC), so the operator may need a retry.
    results = [session.verify() for _ in range(3)]
    assert any(v.matched for v in results), results
    assert results[-1].matched or results[-1].attempt == 4


def test_iris_low_quality_retry(session, sim):
    admin(sim, "score", type="Iris", qualityScore=10, degrade=True, captures=1)
    first = session.capture_irises()
    assert not first.done and set(first.below) == {Eye.LEFT, Eye.RIGHT}
    assert any("buram" in m for m in first.messages)
    later = [session.capture_irises() for _ in range(3)]  # real eyes: one image may show a lid too low
    assert any(r.done for r in later) and all(c.ok for c in session.irises.values())


@pytest.mark.parametrize("options", [{"finger_device": "single"}, {"slap_image": "whole"}])
def test_single_finger_scanners_and_whole_slap_images(tmp_path, options):
    """One finger per press (deviceSubId 0), or a slap sent as one image that the station segments."""
    with running_simulator(tmp_path / "keys", seed=5, **options) as sim:
        client = _client(sim, tmp_path / "keys")
        s = BiometricSession(client, client.find("Finger"), client.find("Iris"), OPERATOR, BiometricThresholds())
        s.sign(signature())
        started = time.monotonic()
        run_to_end(s, limit=40)
        rec = s.record()
        assert rec.complete and len(rec.fingers) == 10, s.attempts
        assert time.monotonic() - started < 60


def test_thresholds_are_an_office_setting():
    from station.domain.errors import InvalidInput
    from station.domain.settings import Settings

    s = Settings().changed(biometrics={"finger_nfiq2_min": 50, "retries": 2})
    assert s.biometrics.finger_nfiq2_min == 50 and s.biometrics.iris_quality_min == 60
    assert Settings.from_rows(s.to_rows()).biometrics == s.biometrics
    with pytest.raises(InvalidInput):
        Settings().changed(biometrics={"same_finger_normalised": 5})
