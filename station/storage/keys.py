"""The station's own secrets, sealed under the data key: its Ed25519 signing key (jemput-bola bundles,
registered with the central server) and the bearer key the central server issued at registration."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from station.bundle_format import public_bytes
from station.storage.crypto import DataKey
from station.storage.rows import read_json, write_json

SIGNING, SIGNING_PUBLIC, SYNC_KEY = "signing_key", "signing_public_key", "sync_key"
PENDING_SYNC_KEY = "sync_key_pending"


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
        write_json(self._s, SIGNING_PUBLIC, _b64(public_bytes(private)))
        return private

    def sync_key(self) -> str | None:
        stored = read_json(self._s, SYNC_KEY)
        if isinstance(stored, dict):
            return self._key().open(base64.b64decode(stored["sealed"]), "sync-key").decode("utf-8")
        return stored  # written in clear by an older version; sealed at the next registration

    def set_sync_key(self, key: str) -> None:
        write_json(self._s, SYNC_KEY, {"sealed": _b64(self._key().seal(key.encode("utf-8"), "sync-key"))})
        write_json(self._s, PENDING_SYNC_KEY, None)  # registered: the next registration chooses a new key

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
