"""The digest that travels with every record: station and central server compute it the same way."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def payload_digest(record_uuid: str, biodata: dict, quality: dict, photo_hashes: dict[str, str]) -> str:
    """SHA-256 of what the record says (its photos by their own SHA-256): stable across retries, so the
    server can tell a repeat (same digest) from a changed record under the same UUID (refused)."""
    canonical = json.dumps(
        {"uuid": record_uuid, "biodata": biodata, "quality": quality, "photos": photo_hashes},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return sha256_hex(canonical.encode("utf-8"))


RECORD_MAGIC = b"EKTP-RECORD-1\n"


def origin_message(payload_sha256: str) -> bytes:
    """What the origin station signs (Ed25519) when it accepts a record, and the centre verifies with the key it
    registered for that origin: the record's content (its digest, which covers its uuid) vouched for by the station
    that accepted it. A carrier can move the record but not claim it, change it, or file it under another station
    (the key that verifies is the claimed origin's). The same bytes as station.bundle_format.origin_message."""
    return RECORD_MAGIC + payload_sha256.encode("ascii")


@dataclass(frozen=True)
class Photo:
    """An image as stored and sent: its bytes as captured (compressed once), its type, its own digest."""

    data: bytes
    mime: str = "image/jpeg"

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)
