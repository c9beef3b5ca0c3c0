"""Master data: the stations the centre registered, with their Ed25519 public keys, signed by the centre.

The centre signs the list (sync.server); a station pulls it (station.sync.pull_master_data), keeps it as received
in DATA_DIR/master/stations.json and checks the centre's signature every time it uses it. A jemput-bola bundle is
imported only when its signer is on this list, with this key: a key the centre never registered signs nothing a
station will take. The centre's public key is pinned by the station the first time it pulls the list (over the
verified TLS of its registered server) and checked ever after.

The signed bytes are MAGIC + the document's UTF-8 JSON, exactly as carried: nothing is re-serialised before
checking, so the document a station verifies is the document the centre signed.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from station.domain.errors import ExitCode, InvalidInput

MAGIC = b"EKTP-STATIONS-1\n"


class StationListInvalid(InvalidInput):
    """The list is damaged, not signed by the pinned centre key, or not a list at all."""

    code = "station_list_invalid"
    exit_code = ExitCode.BUNDLE_REFUSED


@dataclass(frozen=True)
class StationList:
    issued_at: str
    keys: dict[str, bytes]  # station_id -> raw Ed25519 public key

    def key_of(self, station_id: str) -> bytes | None:
        return self.keys.get(station_id)


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(stations: list[dict], issued_at: str, centre: Ed25519PrivateKey) -> dict:
    """The envelope the centre serves: {"centre_public_key", "document", "signature"} (schemas.StationList)."""
    rows = sorted(
        (
            {"station_id": s["station_id"], "kecamatan": s["kecamatan"], "signing_public_key": s["signing_public_key"]}
            for s in stations
        ),
        key=lambda s: s["station_id"],
    )
    document = json.dumps({"issued_at": issued_at, "stations": rows}, sort_keys=True, separators=(",", ":"))
    return {
        "centre_public_key": base64.b64encode(raw_public(centre)).decode(),
        "document": document,
        "signature": base64.b64encode(centre.sign(MAGIC + document.encode("utf-8"))).decode(),
    }


def centre_key_of(envelope: dict) -> bytes:
    """The public key the envelope names (trusted only where the station pins it for the first time)."""
    try:
        key = base64.b64decode(envelope["centre_public_key"], validate=True)
    except (KeyError, TypeError, binascii.Error):
        raise StationListInvalid("Daftar stasiun dari pusat rusak (kunci pusat tidak terbaca).") from None
    if len(key) != 32:
        raise StationListInvalid("Daftar stasiun dari pusat rusak (kunci pusat tidak sah).")
    return key


def verify(envelope: dict, centre_public_key: bytes) -> StationList:
    """The list, once the pinned centre key has verified its signature; StationListInvalid otherwise."""
    try:
        document = envelope["document"]
        signature = base64.b64decode(envelope["signature"], validate=True)
        Ed25519PublicKey.from_public_bytes(centre_public_key).verify(signature, MAGIC + document.encode("utf-8"))
    except (KeyError, TypeError, AttributeError, ValueError, InvalidSignature):
        raise StationListInvalid(
            "Daftar stasiun terdaftar tidak ditandatangani oleh server pusat yang dikenal stasiun ini; "
            "tarik ulang data induk dari server pusat."
        ) from None
    try:
        body = json.loads(document)
        keys = {}
        for s in body["stations"]:
            raw = base64.b64decode(s["signing_public_key"], validate=True)
            if len(raw) == 32:
                keys[str(s["station_id"])] = raw
        return StationList(str(body["issued_at"]), keys)
    except (KeyError, TypeError, ValueError):
        raise StationListInvalid("Daftar stasiun dari pusat rusak (isi tidak terbaca).") from None
