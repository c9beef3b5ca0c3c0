"""Deduplication wired into intake, through the real HTTPS server on a real PostgreSQL with its dedup worker
(`python -m sync.server --dedup`): a record sent with fingers is searched 1:N and becomes print_ready (PRR) or
duplicate (DUP, naming the record it matched); a record without fingers stays received. Real prints from
../shared/fingers (FVC2002 DB1_B), sent as ISO/IEC 19794-4 records with WSQ inside, as an SBI device returns them.

The ten real fingers 101-110 make one person's ten prints (finger 10k+1 at position k+1); a second person is made
of the same real fingers at other positions (the search compares a finger only with the same position)."""

from __future__ import annotations

import base64
import time
import uuid as uuidlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.biometrics.codecs import decode_grey
from station.biometrics.records import finger_record
from station.domain.biometrics import FingerPosition
from station.domain.payload import payload_digest, sha256_hex
from sync.client import CentralClient
from sync.server.intake import finger_key
from tests.central import start_central
from tests.forge import citizen, record, register_key
from tests.tls import make_ca_and_server

ROOT = Path(__file__).resolve().parents[1]
FINGERS = ROOT.parent / "shared" / "fingers"


def iso_finger(finger: int, impression: int, position: int) -> bytes:
    image = decode_grey((FINGERS / f"{finger}_{impression}.tif").read_bytes())
    return finger_record(image, FingerPosition(position), None, codec="wsq")


def person(impression: int, shift: int = 0) -> dict[int, bytes]:
    """Ten prints: position p holds real finger 101 + (p - 1 + shift) % 10, at this impression."""
    return {p: iso_finger(101 + (p - 1 + shift) % 10, impression, p) for p in range(1, 11)}


def with_fingers(r: dict, fingers: dict[int, bytes]) -> dict:
    """The wire record with its fingers, their SHA-256s in the payload digest as finger_<position>."""
    photos = {k: base64.b64decode(v) for k, v in r["photos"].items()}
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    hashes |= {finger_key(p): sha256_hex(v) for p, v in fingers.items()}
    return {
        **r,
        "payload_sha256": payload_digest(r["uuid"], r["biodata"], r["quality"], hashes),
        "fingers": {str(p): base64.b64encode(v).decode() for p, v in fingers.items()},
    }


@pytest.fixture()
def central(tmp_path, pg_url):
    c = start_central(tmp_path, *make_ca_and_server(tmp_path / "tls"), db_url=pg_url, dedup=True)
    yield c
    c.stop()


def post(client: CentralClient, r: dict):
    """POST /v1/records as a station does (its bearer key, the pinned CA), the answer as it comes."""
    return client.session.post(f"{client.url}/v1/records", json={"records": [r]}, verify=client.verify, timeout=120)


def wait_for(client: CentralClient, uuids: list[str], timeout: float = 240) -> dict[str, dict]:
    deadline = time.monotonic() + timeout
    while True:
        got = {s["uuid"]: s for s in client.record_statuses(uuids)}
        if all(got[u]["status"] != "received" for u in uuids) or time.monotonic() > deadline:
            return got
        time.sleep(0.5)


def test_fingers_searched_one_to_n_give_print_ready_or_duplicate_naming_the_match(central):
    if not FINGERS.is_dir():
        pytest.fail(f"real prints missing: {FINGERS}")
    key = Ed25519PrivateKey.generate()
    bearer = register_key(central, "ST-FP", key)
    client = CentralClient(central.url, bearer, central.ca)

    def send(r: dict) -> dict:
        [ack] = post(client, r).json()["results"]
        return ack

    first = with_fingers(record("ST-FP", citizen(1)), person(1))
    other = with_fingers(record("ST-FP", citizen(2)), person(2, shift=3))  # someone else
    again = with_fingers(record("ST-FP", citizen(3)), person(4))  # the first citizen again, under another NIK
    bare = record("ST-FP", citizen(4))  # no fingers: sync does not carry them yet

    acks = [send(first)]
    assert acks[0]["outcome"] == "stored" and acks[0]["status"] == "received", acks
    wait_for(client, [first["uuid"]])  # enrolled before the later copy arrives (the worker goes oldest first)
    acks += [send(r) for r in (other, again, bare)]
    assert [a["outcome"] for a in acks] == ["stored"] * 4, acks

    uuids = [first["uuid"], other["uuid"], again["uuid"]]
    got = wait_for(client, uuids)
    assert got[first["uuid"]]["status"] == "print_ready", got
    assert got[other["uuid"]]["status"] == "print_ready", got
    assert got[again["uuid"]]["status"] == "duplicate", got
    assert got[again["uuid"]]["duplicate_of"] == first["uuid"]
    assert got[first["uuid"]]["duplicate_of"] is None
    time.sleep(2)  # the worker has had its look at the bare record too
    [bare_status] = client.record_statuses([bare["uuid"]])
    assert bare_status["status"] == "received" and bare_status["duplicate_of"] is None

    # the decision is in the database with its evidence: which record, which Bozorth3 scores
    [(decision, matched, detail)] = central.query(
        f"SELECT decision, matched_uuid, detail FROM dedup_results WHERE record_uuid = '{again['uuid']}'"
    )
    assert (decision, matched) == ("DUP", first["uuid"]) and '"bozorth3"' in detail
    assert central.query(f"SELECT count(*) FROM dedup_results WHERE record_uuid = '{bare['uuid']}'") == [(0,)]

    # a repeat of the same record gets the same answer, now with its decision
    repeat = send(again)
    assert repeat["outcome"] == "repeat" and repeat["status"] == "duplicate"


def test_fingers_outside_the_payload_digest_are_refused(central):
    bearer = register_key(central, "ST-FQ", Ed25519PrivateKey.generate())
    client = CentralClient(central.url, bearer, central.ca)
    r = with_fingers(record("ST-FQ", citizen(5)), {7: iso_finger(101, 1, 7)})
    r["fingers"]["7"] = base64.b64encode(iso_finger(102, 1, 7)).decode()  # swapped after the digest
    [ack] = post(client, r).json()["results"]
    assert ack["outcome"] == "rejected" and "SHA-256" in ack["reason"]
    bad_position = {**r, "fingers": {"11": r["fingers"]["7"]}, "uuid": str(uuidlib.uuid4())}
    assert post(client, bad_position).status_code == 422
