"""The jemput-bola USB bundle: encrypted with a key derived from the office's transfer code, signed with
the exporting station's Ed25519 key. Shared by stations and the central server. A damaged or tampered
bundle is refused whole: nothing in it is imported."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from station.domain.errors import InvalidInput

MAGIC = b"EKTP-BUNDLE-1\n"
KDF = {"n": 2**15, "r": 8, "p": 1}


class BundleRefused(InvalidInput, ValueError):
    """The message says why, in Indonesian; nothing was imported."""

    code = "bundle_refused"
    exit_code = 5


@dataclass(frozen=True)
class Bundle:
    station_id: str
    created_at: str
    public_key: bytes
    records: list[dict]  # the sync payload: uuid, payload_sha256, biodata, quality, created_at, operator, photos(b64)


def _key(code: str, salt: bytes, kdf: dict) -> bytes:
    return hashlib.scrypt(code.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **kdf)


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def write(records: Iterable[dict], station_id: str, created_at: str, signer: Ed25519PrivateKey, code: str) -> bytes:
    """records may be a generator: each is compressed as it comes, so an export holds one batch in memory."""
    salt, nonce = os.urandom(16), os.urandom(12)
    out, count = io.BytesIO(), 0
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        for r in records:
            gz.write((b"\n" if count else b"") + json.dumps(r, sort_keys=True).encode("utf-8"))
            count += 1
    body = out.getbuffer()
    header = json.dumps(
        {
            "station_id": station_id,
            "created_at": created_at,
            "count": count,
            "kdf": KDF,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "public_key": base64.b64encode(public_bytes(signer)).decode(),
        },
        sort_keys=True,
    ).encode()
    ct = AESGCM(_key(code, salt, KDF)).encrypt(nonce, body, header)
    signed = MAGIC + struct.pack(">I", len(header)) + header + struct.pack(">Q", len(ct)) + ct
    return signed + signer.sign(signed)


def read(data: bytes, code: str, expected_public_key: bytes | None = None) -> Bundle:
    try:
        if not data.startswith(MAGIC):
            raise BundleRefused("Bukan berkas bundel perekaman (tanda awal tidak cocok).")
        pos = len(MAGIC)
        (hlen,) = struct.unpack(">I", data[pos : pos + 4])
        header_bytes = data[pos + 4 : pos + 4 + hlen]
        header = json.loads(header_bytes)
        pos += 4 + hlen
        (clen,) = struct.unpack(">Q", data[pos : pos + 8])
        ct = data[pos + 8 : pos + 8 + clen]
        signature = data[pos + 8 + clen :]
        signed = data[: pos + 8 + clen]
        public_key = base64.b64decode(header["public_key"])
    except (struct.error, ValueError, KeyError) as err:
        if isinstance(err, BundleRefused):
            raise
        raise BundleRefused("Bundel rusak: kepala berkas tidak terbaca.") from None
    if expected_public_key is not None and public_key != expected_public_key:
        raise BundleRefused(f"Bundel tidak ditandatangani oleh stasiun {header.get('station_id')} yang terdaftar.")
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise BundleRefused(
            "Tanda tangan bundel tidak sah: berkas rusak atau diubah. Tidak ada yang diimpor."
        ) from None
    try:
        body = AESGCM(_key(code, base64.b64decode(header["salt"]), header["kdf"])).decrypt(
            base64.b64decode(header["nonce"]), ct, header_bytes
        )
    except InvalidTag:
        raise BundleRefused("Kode transfer salah atau isi bundel rusak. Tidak ada yang diimpor.") from None
    lines = gzip.decompress(body).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines if line]
    if len(records) != header["count"]:
        raise BundleRefused("Jumlah rekaman dalam bundel tidak cocok dengan kepalanya.")
    return Bundle(header["station_id"], header["created_at"], public_key, records)
