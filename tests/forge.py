"""What an attacker (or a test) builds by hand: stations registered with keys it holds, records it writes itself,
and bundle files byte by byte, so a reader is tested on files no honest station would write."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import struct
import uuid as uuidlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.bundle_format import KDF, MAGIC, origin_message, public_bytes
from station.domain.enrolment import Enrolment
from station.domain.payload import payload_digest, sha256_hex
from sync.client import CentralClient
from tests.test_enrolment import good

TRANSFER = "kode-transfer-kantor-7"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def register_key(central, station_id: str, key: Ed25519PrivateKey) -> str:
    """Register station_id at the central server with a signing key the caller holds; returns its bearer key."""
    client = CentralClient(central.url, None, central.ca)
    return client.register(station_id, "33.24.01", central.code(station_id), b64(public_bytes(key)))


def citizen(i: int, **changes) -> Enrolment:
    """A citizen whose form passes every rule (tests.test_enrolment.good), made distinct by i."""
    e = good()
    e.nik = f"332401550890{i % 9999 + 1:04d}"  # region, birth date (a woman born 15-08-1990), serial
    e.nama = "Warga " + "".join(chr(ord("A") + int(d)) for d in str(i))
    for k, v in changes.items():
        setattr(e, k, v)
    return e


def record(
    origin: str,
    enrolment: Enrolment | None = None,
    signer: Ed25519PrivateKey | None = None,
    photo: bytes | None = None,
    record_uuid: str | None = None,
) -> dict:
    """A wire record as a station sends it (Outgoing.to_bundle), made by `origin`; with `signer`, it carries the
    origin signature over its payload digest (station.bundle_format.origin_message)."""
    record_uuid = record_uuid or str(uuidlib.uuid4())
    biodata = (enrolment or citizen(1)).to_dict()
    photos = {"crop": photo or os.urandom(3000)}
    digest = payload_digest(record_uuid, biodata, {}, {k: sha256_hex(v) for k, v in photos.items()})
    r = {
        "uuid": record_uuid,
        "payload_sha256": digest,
        "biodata": biodata,
        "quality": {},
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "operator": "ani",
        "station_id": origin,
        "photos": {k: b64(v) for k, v in photos.items()},
    }
    if signer is not None:
        r["origin_signature"] = b64(signer.sign(origin_message(digest)))
    return r


def reseal(r: dict) -> dict:
    """The same record with its payload digest recomputed (what a forger does after changing it)."""
    photos = {k: base64.b64decode(v) for k, v in r["photos"].items()}
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    return {**r, "payload_sha256": payload_digest(r["uuid"], r["biodata"], r["quality"], hashes)}


def bundle_bytes(
    station_id: str,
    signer: Ed25519PrivateKey,
    body: bytes,
    count: int,
    code: str = TRANSFER,
    kdf: dict | None = None,
    encrypt: bool = True,
) -> bytes:
    """A bundle file written byte by byte: any body (gzip or not), any key-derivation parameters in the header
    (the body is then left unencrypted when they are too costly to derive), signed by `signer`."""
    kdf = kdf or KDF
    salt, nonce = os.urandom(16), os.urandom(12)
    header = json.dumps(
        {
            "station_id": station_id,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "count": count,
            "kdf": kdf,
            "salt": b64(salt),
            "nonce": b64(nonce),
            "public_key": b64(public_bytes(signer)),
        },
        sort_keys=True,
    ).encode()
    if encrypt:
        key = hashlib.scrypt(code.encode(), salt=salt, dklen=32, maxmem=2**28, **kdf)
        ct = AESGCM(key).encrypt(nonce, body, header)
    else:
        ct = body
    signed = MAGIC + struct.pack(">I", len(header)) + header + struct.pack(">Q", len(ct)) + ct
    return signed + signer.sign(signed)


def records_bundle(station_id: str, signer: Ed25519PrivateKey, records: list[dict], code: str = TRANSFER) -> bytes:
    body = gzip.compress("\n".join(json.dumps(r, sort_keys=True) for r in records).encode())
    return bundle_bytes(station_id, signer, body, len(records), code)
