"""The station's own secrets, sealed under the data key: its Ed25519 signing key (jemput-bola bundles,
registered with the central server) and the bearer key the central server issued at registration.

The bearer key is sealed bound to where it may be used (services.sync.binding: the address and CA it was
registered with): an address written into the settings row by hand no longer opens it, so such an edit stops
sync instead of sending the records elsewhere."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from station.storage.crypto import DataKey
from station.storage.rows import read_json, write_json

SIGNING, SIGNING_PUBLIC, SYNC_KEY = "signing_key", "signing_public_key", "sync_key"
PENDING_SYNC_KEY = "sync_key_pending"
CENTRE_KEY = "centre_public_key"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class KeyRepository:
    def __init__(self, session: Session, key: Callable[[], DataKey]) -> None:
        self._s, self._key = session, key

    def signing_key(self) -> Ed25519PrivateKey:
        """This station's signing key, created on first use."""
        sealed = read_json(self._s, SIGNING)
        if sealed is not None:
            raw = self._key().open(base64.b64decode(sealed), "signing-key")
            return Ed25519PrivateKey.from_private_bytes(raw)
        private = Ed25519PrivateKey.generate()
        write_json(self._s, SIGNING, _b64(self._key().seal(private.private_bytes_raw(), "signing-key")))
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        write_json(self._s, SIGNING_PUBLIC, _b64(public))
        return private

    def sync_key(self, binding: str) -> str | None:
        """The bearer key, None before registration; StorageCorrupt when it was sealed for another binding."""
        stored = read_json(self._s, SYNC_KEY)
        if isinstance(stored, dict):
            aad = f"sync-key|{binding}" if stored.get("v") == 2 else "sync-key"  # unbound: sealed by an older version
            return self._key().open(base64.b64decode(stored["sealed"]), aad).decode("utf-8")
        return stored  # written in clear by an older version; sealed (and bound) at its next use

    def sync_key_bound(self) -> bool:
        stored = read_json(self._s, SYNC_KEY)
        return isinstance(stored, dict) and stored.get("v") == 2

    def set_sync_key(self, key: str, binding: str) -> None:
        sealed = self._key().seal(key.encode("utf-8"), f"sync-key|{binding}")
        write_json(self._s, SYNC_KEY, {"v": 2, "sealed": _b64(sealed)})
        write_json(self._s, PENDING_SYNC_KEY, None)  # registered: the next registration chooses a new key

    def centre_public_key(self, url: str) -> bytes | None:
        """The Ed25519 key of the central server at `url`, pinned at the first master-data pull from it: it signs the
        list of registered stations. Sealed with the address as associated data, so that editing the database can
        neither swap the key nor move it to another address; a station registered elsewhere pins anew."""
        stored = read_json(self._s, CENTRE_KEY)
        if not isinstance(stored, dict) or stored.get("url") != url:
            return None
        return self._key().open(base64.b64decode(stored["sealed"]), f"centre-key:{url}")

    def pending_sync_key(self, url: str) -> str:
        """The bearer key this station proposes when registering at `url`, chosen once and kept (sealed) until the
        registration is answered: asking again after a lost answer presents the same key, and gets it back."""
        pending = read_json(self._s, PENDING_SYNC_KEY)
        if isinstance(pending, dict) and pending.get("url") == url:
            return self._key().open(base64.b64decode(pending["sealed"]), "sync-key-pending").decode("utf-8")
        key = secrets.token_urlsafe(32)
        sealed = _b64(self._key().seal(key.encode("utf-8"), "sync-key-pending"))
        write_json(self._s, PENDING_SYNC_KEY, {"url": url, "sealed": sealed})
        return key

    def pin_centre_public_key(self, url: str, raw: bytes) -> None:
        write_json(self._s, CENTRE_KEY, {"url": url, "sealed": _b64(self._key().seal(raw, f"centre-key:{url}"))})
