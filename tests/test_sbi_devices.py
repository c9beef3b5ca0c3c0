"""The SBI 0.9.5 device protocol end to end: the project's simulator as a real HTTP device service on
127.0.0.1, the station's client finding it on 4501-4600, checking its signatures against the office's
trusted certificates, capturing, previewing, and failing in plain Indonesian."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading
import time

import pytest
import requests

from devices.keys import DeviceKeys, b64url
from station.biometrics.codecs import decode_grey
from station.devices import DeviceError, SbiClient, TrustStore, UntrustedDevice
from station.domain.iso19794 import unpack_finger_record, unpack_iris_record
from tests.sbi import FINGERS, IRIS, ROOT, admin, free_sbi_port, running_simulator


@pytest.fixture(scope="module")
def keys_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("device-keys")


@pytest.fixture(scope="module")
def sim(keys_dir):
    with running_simulator(keys_dir) as s:
        yield s


@pytest.fixture()
def client(sim, keys_dir):
    admin(sim, "reset")
    return SbiClient(TrustStore([DeviceKeys.ensure(keys_dir).ca_cert]), ports=[sim.port])


def test_discovery_scans_the_sbi_port_range_and_finds_both_devices(sim, keys_dir, tmp_path):
    trusted = tmp_path / "trusted"
    DeviceKeys.trust_into(keys_dir, trusted)
    client = SbiClient(TrustStore.from_folder(trusted))  # the default range, 4501-4600
    found = {d.type: d for d in client.discover() if d.port == sim.port}
    assert set(found) == {"Finger", "Iris"}
    finger = found["Finger"]
    assert finger.sub_type == "Slap" and finger.sub_ids == (1, 2, 3) and finger.ready
    assert finger.purpose == "Registration" and "0.9.5" in finger.spec_versions
    assert [d.type for d in client.discover("Iris") if d.port == sim.port] == ["Iris"]
    info = client.info(finger)
    assert {i["digitalId"]["type"] for i in info} == {"Finger", "Iris"}  # signed digital ids, verified


def test_capture_returns_signed_iso_records_with_real_images(sim, client):
    finger = client.find("Finger")
    items = client.capture(finger, sub_id=1, count=4, requested_score=40)
    assert [i.bio_sub_type for i in items] == [
        "Left LittleFinger",
        "Left RingFinger",
        "Left MiddleFinger",
        "Left IndexFinger",
    ]
    for item in items:
        [im] = unpack_finger_record(item.record)
        assert im.compression == "jpeg2000-lossless" and im.ppi == 500
        assert decode_grey(im.data).shape == (im.height, im.width)
        assert item.quality_score is not None and item.serial == "SIMF00000001"
    irises = client.capture(client.find("Iris"), sub_id=3, count=2, requested_score=60)
    assert sorted(i.bio_sub_type for i in irises) == ["Left", "Right"]
    assert {unpack_iris_record(i.record)[0].eye for i in irises} == {1, 2}


def test_exceptions_and_dropped_fingers_are_left_out(sim, client):
    finger = client.find("Finger")
    items = client.capture(finger, sub_id=2, count=3, exceptions=["Right LittleFinger"])
    assert "Right LittleFinger" not in [i.bio_sub_type for i in items] and len(items) == 3
    admin(sim, "drop", bioSubType=["Right RingFinger"])
    items = client.capture(finger, sub_id=2, count=4)
    assert [i.bio_sub_type for i in items] == ["Right IndexFinger", "Right MiddleFinger", "Right LittleFinger"]


def test_untrusted_device_key_is_refused(sim, tmp_path):
    other = DeviceKeys.ensure(tmp_path / "another-provider")
    client = SbiClient(TrustStore([other.ca_cert]), ports=[sim.port])
    finger = client.find("Finger")  # discovery is only a hint: unsigned
    with pytest.raises(UntrustedDevice) as err:
        client.capture(finger, sub_id=3, count=2)
    assert "tidak dipercaya" in str(err.value)
    with pytest.raises(UntrustedDevice):
        client.info(finger)
    nobody = SbiClient(TrustStore.from_folder(tmp_path / "empty"), ports=[sim.port])
    with pytest.raises(UntrustedDevice):
        nobody.capture(finger, sub_id=3, count=2)


def test_a_changed_payload_breaks_the_signature(keys_dir):
    keys = DeviceKeys.ensure(keys_dir)
    token = keys.sign(json.dumps({"bioValue": "AAAA", "transactionId": "t"}).encode())
    store = TrustStore([keys.ca_cert])
    assert store.verify(token).json()["bioValue"] == "AAAA"
    header, _, signature = token.split(".")
    forged = header + "." + b64url(json.dumps({"bioValue": "BBBB", "transactionId": "t"}).encode()) + "." + signature
    with pytest.raises(UntrustedDevice, match="tidak cocok"):
        store.verify(forged)
    with pytest.raises(UntrustedDevice):
        store.verify("not-a-jws")


def test_unplugged_mid_capture_fails_in_plain_indonesian_then_works_again(sim, client):
    finger = client.find("Finger")
    admin(sim, "delay", type="Finger", delay=3000, method=["RCAPTURE"])
    result = {}

    def capture():
        try:
            client.capture(finger, sub_id=3, count=2, timeout_ms=10_000)
        except DeviceError as err:
            result["err"] = err

    t = threading.Thread(target=capture)
    started = time.monotonic()
    t.start()
    time.sleep(0.4)
    admin(sim, "status", type="Finger", deviceStatus="Not Ready")  # the USB cable is pulled
    t.join(10)
    assert time.monotonic() - started < 2.5  # fails at once, not at the end of the delay
    assert result["err"].code == "110"
    assert "kabel USB" in str(result["err"])
    with pytest.raises(DeviceError) as err:
        client.find("Finger")
    assert err.value.code == "110"
    admin(sim, "status", type="Finger", deviceStatus="Ready")
    admin(sim, "delay", type="Finger", delay=0)
    assert len(client.capture(client.find("Finger"), sub_id=3, count=2)) == 2


def test_capture_timeout_and_busy_device(sim, client):
    finger = client.find("Finger")
    admin(sim, "delay", type="Finger", delay=1500, method=["RCAPTURE"])
    with pytest.raises(DeviceError) as err:
        client.capture(finger, sub_id=3, count=2, timeout_ms=500)
    assert err.value.code == "701" and "Waktu perekaman habis" in str(err.value)
    errors = []

    def capture():
        try:
            client.capture(finger, sub_id=3, count=2, timeout_ms=5000)
        except DeviceError as e:
            errors.append(e.code)

    threads = [threading.Thread(target=capture) for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join(10)
    assert errors == ["703"]  # one capture at a time, the other told to wait


def test_device_and_service_errors_map_to_messages(sim, client):
    finger = client.find("Finger")
    admin(sim, "status", type="Finger", deviceStatus="Not Registered")
    with pytest.raises(DeviceError) as err:
        client.capture(finger, sub_id=1, count=4)
    assert err.value.code == "100" and "belum terdaftar" in str(err.value)
    admin(sim, "status", type="Finger", deviceStatus="Ready")
    # Authentication capture is refused by a registration device.
    r = requests.request("CAPTURE", f"{sim.base}capture", data="{}", timeout=5)
    assert r.json()["biometrics"][0]["error"]["errorcode"] == "809"
    offline = SbiClient(client.trust, ports=[free_sbi_port()])
    assert offline.discover() == []
    gone = dataclasses.replace(finger, callback=f"http://127.0.0.1:{free_sbi_port()}/")
    with pytest.raises(DeviceError) as err:
        offline.capture(gone, sub_id=1, count=4)
    assert err.value.code == "offline" and "tidak menjawab" in str(err.value)


def test_stream_sends_jpeg_preview_frames(sim, client):
    frames = client.stream(client.find("Finger"), 1, timeout_ms=3000)
    got = []
    for frame in frames:
        got.append(frame)
        if len(got) == 3:
            frames.close()
            break
    assert len(got) == 3 and all(f[:2] == b"\xff\xd8" and f[-2:] == b"\xff\xd9" for f in got)
    assert decode_grey(got[0]).shape[1] > 400  # the whole slap, scaled down


def test_simulator_command_line(tmp_path):
    port = free_sbi_port()
    trusted = tmp_path / "trusted"
    proc = subprocess.Popen(
        [sys.executable, "-m", "devices.simulator", "--port", str(port), "--fingers", str(FINGERS), "--iris",
         str(IRIS), "--keys", str(tmp_path / "keys"), "--trust-into", str(trusted)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        client = SbiClient(TrustStore.from_folder(trusted), ports=[port])
        while time.monotonic() < deadline and not client.discover():
            time.sleep(0.2)
            client = SbiClient(TrustStore.from_folder(trusted), ports=[port])
        finger = client.find("Finger")
        assert len(client.capture(finger, sub_id=3, count=2)) == 2
    finally:
        proc.terminate()
        proc.wait(10)
