"""Deduplication wired into intake, through the real HTTPS server on a real PostgreSQL with its dedup worker
(`python -m sync.server --dedup`): a record sent with fingers is searched 1:N and becomes print_ready (PRR) or
duplicate (DUP, naming the record it matched); a record without fingers stays received. The fingers travel as the
station sends them: blobs named bio_fp_01..bio_fp_10 beside the photos. Real prints from
../shared/fingers (FVC2002 DB1_B), sent as ISO/IEC 19794-4 records with WSQ inside, as an SBI device returns them.

The ten real fingers 101-110 make one person's ten prints (finger 10k+1 at position k+1); a second person is made
of the same real fingers at other positions (the search compares a finger only with the same position)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.biometrics.codecs import decode_grey
from station.biometrics.records import finger_record
from station.bundle_format import origin_message
from station.domain.biometrics import FingerPosition
from station.domain.payload import payload_digest, sha256_hex
from sync.client import CentralClient
from tests.central import start_central
from tests.forge import b64, citizen, record, register_key
from tests.tls import make_ca_and_server

ROOT = Path(__file__).resolve().parents[1]
FINGERS = ROOT.parent / "shared" / "fingers"


def iso_finger(finger: int, impression: int, position: int) -> bytes:
    image = decode_grey((FINGERS / f"{finger}_{impression}.tif").read_bytes())
    return finger_record(image, FingerPosition(position), None, codec="wsq")


def person(impression: int, shift: int = 0) -> dict[int, bytes]:
    """Ten prints: position p holds real finger 101 + (p - 1 + shift) % 10, at this impression."""
    return {p: iso_finger(101 + (p - 1 + shift) % 10, impression, p) for p in range(1, 11)}


def wire(origin: str, signer: Ed25519PrivateKey, enrolment, fingers: dict[int, bytes]) -> tuple[dict, dict]:
    """A record as a station sends it (its fields, and its blobs apart): the fingers are blobs named bio_fp_NN
    (station.services.biometric_record), so the payload digest and the origin's signature cover them."""
    blobs = {"crop": os.urandom(3000)} | {f"bio_fp_{p:02d}": v for p, v in fingers.items()}
    hashes = {k: sha256_hex(v) for k, v in blobs.items()}
    r = record(origin, enrolment)
    digest = payload_digest(r["uuid"], r["biodata"], r["quality"], hashes)
    fields = {k: r[k] for k in ("uuid", "biodata", "quality", "created_at", "operator")}
    fields |= {"origin": origin, "payload_sha256": digest, "blobs": hashes}
    fields["origin_signature"] = b64(signer.sign(origin_message(digest)))
    return fields, {sha256_hex(v): v for v in blobs.values()}


@pytest.fixture()
def central(tmp_path, pg_url):
    c = start_central(tmp_path, *make_ca_and_server(tmp_path / "tls"), db_url=pg_url, dedup=True)
    yield c
    c.stop()


def send(client: CentralClient, r: tuple[dict, dict]) -> dict:
    """Blobs first, then the record's fields (POST /v1/blobs, POST /v1/records), as a station's sync does."""
    fields, blobs = r
    client.upload_blobs([(sha, data, 0) for sha, data in blobs.items()])
    [ack] = client.session.post(
        f"{client.url}/v1/records", json={"records": [fields]}, verify=client.verify, timeout=120
    ).json()["results"]
    return ack


def wait_for(client: CentralClient, uuids: list[str], timeout: float = 240) -> dict[str, dict]:
    deadline = time.monotonic() + timeout
    while True:
        got = {u: client.record_status(u) for u in uuids}
        if all(got[u]["status"] != "received" for u in uuids) or time.monotonic() > deadline:
            return got
        time.sleep(0.5)


def test_fingers_searched_one_to_n_give_print_ready_or_duplicate_naming_the_match(central):
    if not FINGERS.is_dir():
        pytest.fail(f"real prints missing: {FINGERS}")
    key = Ed25519PrivateKey.generate()
    bearer = register_key(central, "ST-FP", key)
    client = CentralClient(central.url, bearer, central.ca)

    first = wire("ST-FP", key, citizen(1), person(1))
    other = wire("ST-FP", key, citizen(2), person(2, shift=3))  # someone else
    again = wire("ST-FP", key, citizen(3), person(4))  # the first citizen again, under another NIK
    bare = wire("ST-FP", key, citizen(4), {})  # no fingers (a photo-only office)

    acks = [send(client, first)]
    assert acks[0]["outcome"] == "stored" and acks[0]["status"] == "received", acks
    wait_for(client, [first[0]["uuid"]])  # enrolled before the later copy arrives (the worker goes oldest first)
    acks += [send(client, r) for r in (other, again, bare)]
    assert [a["outcome"] for a in acks] == ["stored"] * 4, acks

    first, other, again, bare = (r[0] for r in (first, other, again, bare))  # their fields from here on
    uuids = [first["uuid"], other["uuid"], again["uuid"]]
    got = wait_for(client, uuids)
    assert got[first["uuid"]]["status"] == "print_ready", got
    assert got[other["uuid"]]["status"] == "print_ready", got
    assert got[again["uuid"]]["status"] == "duplicate", got
    assert got[again["uuid"]]["duplicate_of"] == first["uuid"]
    assert got[first["uuid"]]["duplicate_of"] is None
    time.sleep(2)  # the worker has had its look at the bare record too
    bare_status = client.record_status(bare["uuid"])
    assert bare_status["status"] == "received" and bare_status["duplicate_of"] is None

    # the decision is in the database with its evidence: which record, which Bozorth3 scores
    [(decision, matched, detail)] = central.query(
        f"SELECT decision, matched_uuid, detail FROM dedup_results WHERE record_uuid = '{again['uuid']}'"
    )
    assert (decision, matched) == ("DUP", first["uuid"]) and '"bozorth3"' in detail
    assert central.query(f"SELECT count(*) FROM dedup_results WHERE record_uuid = '{bare['uuid']}'") == [(0,)]

    # a repeat of the same record gets the same answer, now with its decision
    repeat = send(client, (again, {}))
    assert repeat["outcome"] == "stored" and repeat["repeat"] and repeat["status"] == "duplicate"


def test_fingers_outside_the_payload_digest_are_refused(central):
    key = Ed25519PrivateKey.generate()
    client = CentralClient(central.url, register_key(central, "ST-FQ", key), central.ca)
    fields, blobs = wire("ST-FQ", key, citizen(5), {7: iso_finger(101, 1, 7)})
    swapped = iso_finger(102, 1, 7)
    fields["blobs"]["bio_fp_07"] = sha256_hex(swapped)  # swapped after the digest was signed
    ack = send(client, (fields, blobs | {sha256_hex(swapped): swapped}))
    assert ack["outcome"] == "rejected" and "SHA-256" in ack["reason"]
