"""The centre's own signing key, in a file beside the database rather than inside it: a read-only copy of the
database (a backup, a reporting replica) must not be enough to sign the list of registered stations, which tells
every station whose keys to trust (station.station_list). Stations pin its public half.

Made once (0600) on first use; several worker processes starting together agree on one file (written aside, then
linked into place: the first link wins, the others read it).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.station_list import raw_public


@dataclass(frozen=True)
class CentreKeys:
    signing: Ed25519PrivateKey

    @property
    def public_key(self) -> bytes:
        return raw_public(self.signing)


def load_or_create(path: Path) -> CentreKeys:
    path = Path(path)
    if not path.exists():
        _create(path)
    data = json.loads(path.read_text("utf-8"))
    return CentreKeys(Ed25519PrivateKey.from_private_bytes(base64.b64decode(data["signing_key"])))


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode()
    aside = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(json.dumps({"signing_key": key}).encode())
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(aside, path)  # atomic, and never replaces a file another process made first
    finally:
        aside.unlink(missing_ok=True)
