"""Encryption at rest: AES-256-GCM under one data key (DEK) per station, the DEK wrapped by keys derived
with scrypt from each operator's password and from the office's recovery code.

A copied station.db holds only wrapped keys, keyed NIK hashes and ciphertext: without a password or the
recovery code, NIKs, names, addresses and photos read as noise. Each ciphertext is bound (as associated
data) to its record and field, so blobs cannot be swapped between records unnoticed; text fields are padded
to a fixed block before sealing, so a ciphertext's length does not give away the length of a name.

Each account's wrap is bound (as associated data) to the account's name and role: a role edited in the
database no longer opens the data key under that role (see services.accounts for what a login does then).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.domain.errors import LoginNeeded
from station.storage.errors import StorageCorrupt

# 128 MiB and ~0.3 s per derivation here (bench/unlock.py): OWASP's scrypt figure. Every guess at a stolen
# laptop's password costs that much memory and time; an operator pays it once per login. Wraps made with a
# lower cost still open and are made again at the next login (services.accounts).
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
MAXMEM = 256 * 1024 * 1024  # OpenSSL refuses scrypt above its 32 MiB default otherwise
WRAP_AAD_V1 = b"station-dek-v1"  # wraps of the first version: bound to nothing but "a data key"
RECOVERY_AAD = b"station-dek-v2|recovery"
WRAP_VERSION = 2
_PAD_MARK = b"\x80"  # ISO/IEC 7816-4 padding: 0x80 then zeros. JSON never ends in either byte.


def wrap_aad(name: str, role: str) -> bytes:
    """What an account's wrap is bound to: the name and the role it was made for."""
    return f"station-dek-v2|user|{name}|{role}".encode()


class Locked(LoginNeeded):
    """Personal data needs an unlocked station (an operator logged in)."""

    code = "locked"

    def __init__(self) -> None:
        super().__init__("Data terkunci: masuk (login) dulu untuk membuka data pribadi.")


def pad(data: bytes, block: int) -> bytes:
    """data + 0x80 + zeros up to a multiple of block: equal lengths for every name that fits."""
    padded = data + _PAD_MARK
    return padded + b"\x00" * (-len(padded) % block)


def unpad(data: bytes) -> bytes:
    """Undo pad(); an unpadded JSON text (sealed by an older version) comes back as it is."""
    if not data.endswith((b"\x00", _PAD_MARK)):
        return data
    body = data.rstrip(b"\x00")
    return body[:-1] if body.endswith(_PAD_MARK) else data


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, dklen=32, maxmem=MAXMEM, n=n, r=r, p=p)


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
        except (InvalidTag, ValueError, TypeError):
            part = aad.split(":", 1)[0]
            raise StorageCorrupt(f"Data terenkripsi rusak atau tertukar ({part}).", part) from None

    def seal_json(self, value, aad: str, block: int) -> bytes:
        """A JSON value, padded to `block` bytes, sealed: its length says only how many blocks it took."""
        return self.seal(pad(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"), block), aad)

    def open_json(self, blob: bytes, aad: str):
        try:
            return json.loads(unpad(self.open(blob, aad)))
        except (ValueError, UnicodeDecodeError):
            part = aad.split(":", 1)[0]
            raise StorageCorrupt(f"Data terenkripsi rusak ({part}).", part) from None

    def index(self, nik: str) -> str:
        """Keyed hash of a NIK: exact-match search without the NIK in clear (a plain hash of a 16-digit
        number with a known structure would be brute-forced in minutes)."""
        return hmac.new(self._index_key, "".join(nik.split()).encode(), hashlib.sha256).hexdigest()

    def wrap(self, secret: str, aad: bytes) -> dict:
        """This key under a key derived from `secret` (scrypt at today's cost), bound to `aad`."""
        salt, nonce = os.urandom(16), os.urandom(12)
        ct = AESGCM(_derive(secret, salt, **SCRYPT)).encrypt(nonce, self._key, aad)
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return {"salt": b64(salt), "nonce": b64(nonce), "ct": b64(ct), **SCRYPT, "v": WRAP_VERSION}

    @classmethod
    def unwrap(cls, entry: dict, secret: str, *aads: bytes) -> tuple[DataKey, bytes] | None:
        """The key and the associated data it opened under (one scrypt, then each candidate), or None.
        A first-version wrap opens only under WRAP_AAD_V1, whatever is asked."""
        try:
            raw = {k: base64.b64decode(entry[k]) for k in ("salt", "nonce", "ct")}
            kek = _derive(secret, raw["salt"], int(entry["n"]), int(entry["r"]), int(entry["p"]))
        except (KeyError, TypeError, ValueError):
            return None  # a damaged wrap opens nothing (and never with a traceback)
        for aad in aads if entry.get("v") == WRAP_VERSION else (WRAP_AAD_V1,):
            try:
                return cls(AESGCM(kek).decrypt(raw["nonce"], raw["ct"], aad)), aad
            except InvalidTag:
                continue
        return None

    @staticmethod
    def stale(entry: dict) -> bool:
        """Made by an older version or at a lower cost: to be made again at the next successful unlock."""
        return entry.get("v") != WRAP_VERSION or any(int(entry.get(k, 0)) < v for k, v in SCRYPT.items())

    @staticmethod
    def spend(secret: str) -> None:
        """The cost of one unwrap, for a name that has no account: a failed login takes as long either way."""
        _derive(secret, os.urandom(16), **SCRYPT)


RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 signs, no O/0 nor I/1 to mistake for each other


def recovery_code() -> str:
    """24 characters in groups, to print and keep in the office safe: 120 bits."""
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(24))
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))


def typed_recovery_code(typed: str) -> str:
    """What the operator typed, as the code was printed: any case, spaces or dashes; 0 read as O and 1 as I.
    New codes hold none of O/0/I/1; older ones (RFC 4648 base32: A-Z, 2-7) hold O and I but never 0 or 1."""
    raw = "".join(typed.split()).replace("-", "").upper().translate(str.maketrans("01", "OI"))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
