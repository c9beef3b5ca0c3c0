"""Encryption at rest: AES-256-GCM under one data key (DEK) per station, the DEK wrapped by keys derived
with scrypt from each operator's password and from the office's recovery code.

A copied station.db holds only wrapped keys, keyed NIK hashes and ciphertext: without a password or the
recovery code, NIKs, names, addresses and photos read as noise. Each ciphertext is bound (as associated
data) to its record and field, so blobs cannot be swapped between records unnoticed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.domain.errors import LoginNeeded
from station.storage.errors import StorageCorrupt

SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # 32 MiB per derivation: costly for a guesser, ~0.1 s for an operator
MAXMEM = 64 * 1024 * 1024  # OpenSSL refuses scrypt above its 32 MiB default otherwise
WRAP_AAD = b"station-dek-v1"


class Locked(LoginNeeded):
    """Personal data needs an unlocked station (an operator logged in)."""

    code = "locked"

    def __init__(self) -> None:
        super().__init__("Data terkunci: masuk (login) dulu untuk membuka data pribadi.")


class DataKey:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data key must be 32 bytes")
        self._key = key
        self._aead = AESGCM(key)
        self._index_key = hmac.new(key, b"nik-index-v1", hashlib.sha256).digest()

    @classmethod
    def generate(cls) -> DataKey:
        return cls(AESGCM.generate_key(bit_length=256))

    def seal(self, data: bytes, aad: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, aad.encode())

    def open(self, blob: bytes, aad: str) -> bytes:
        try:
            return self._aead.decrypt(blob[:12], blob[12:], aad.encode())
        except (InvalidTag, ValueError):
            raise StorageCorrupt(f"Data terenkripsi rusak atau tertukar ({aad.split(':', 1)[0]}).") from None

    def index(self, nik: str) -> str:
        """Keyed hash of a NIK: exact-match search without the NIK in clear (a plain hash of a 16-digit
        number with a known structure would be brute-forced in minutes)."""
        return hmac.new(self._index_key, "".join(nik.split()).encode(), hashlib.sha256).hexdigest()

    def wrap(self, secret: str) -> dict:
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = hashlib.scrypt(secret.encode("utf-8"), salt=salt, dklen=32, maxmem=MAXMEM, **SCRYPT)
        ct = AESGCM(kek).encrypt(nonce, self._key, WRAP_AAD)
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return {"salt": b64(salt), "nonce": b64(nonce), "ct": b64(ct), **SCRYPT}

    @classmethod
    def unwrap(cls, entry: dict, secret: str) -> DataKey | None:
        raw = {k: base64.b64decode(entry[k]) for k in ("salt", "nonce", "ct")}
        kek = hashlib.scrypt(
            secret.encode("utf-8"), salt=raw["salt"], dklen=32, maxmem=MAXMEM, n=entry["n"], r=entry["r"], p=entry["p"]
        )
        try:
            return cls(AESGCM(kek).decrypt(raw["nonce"], raw["ct"], WRAP_AAD))
        except InvalidTag:
            return None


def recovery_code() -> str:
    """24 characters in groups, to print and keep in the office safe: 120 bits."""
    raw = base64.b32encode(secrets.token_bytes(15)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))
