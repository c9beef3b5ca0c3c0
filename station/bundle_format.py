"""The jemput-bola USB bundle: encrypted with a key derived from the office's transfer code, signed with the
exporting station's Ed25519 key. Shared by stations and the central server. A damaged, tampered or foreign
bundle is refused whole: nothing in it is imported.

What a reader trusts, in the order it is checked (nothing is decrypted, inflated or parsed before the checks
above it have passed):
1. the header (at most 4 KB of JSON with exactly the known fields); its key-derivation parameters must be one of
   the fixed sets below, never whatever the header asks for;
2. the signer: the header's station must be on the registry the caller gives (the centre's list of registered
   stations), and the signature must verify with THAT key, not with a key the header carries;
3. the content: AES-GCM under the transfer code; gzip inflated with a cap (a small file never becomes gigabytes);
   every line a JSON object whose every field is checked (check_record);
4. each record's origin: a record made by the signer belongs to it; a record the signer only carries (made by
   another station, imported there from a bundle) must carry its origin's signature over its payload digest,
   verified with the origin's registered key. The bundle signature proves who carried it; the origin signature
   proves who made it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import struct
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.domain.enrolment import Enrolment
from station.domain.errors import ExitCode, InvalidInput
from station.domain.payload import origin_message  # what an origin signature covers
from station.station_list import raw_public

MAGIC = b"EKTP-BUNDLE-1\n"
KDF = {"n": 2**17, "r": 8, "p": 1}  # written by this version: 128 MiB and ~0.4 s per derivation
KDF_ACCEPTED = (KDF, {"n": 2**15, "r": 8, "p": 1})  # read: these only (2^15: bundles written before 2^17)
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 4096
MAX_RECORDS = 100_000
MAX_LINE_BYTES = 64 * 1024 * 1024  # one record, photos included
MAX_PHOTO_BYTES = 16 * 1024 * 1024
MAX_PHOTOS = 32
MAX_QUALITY_BYTES = 64 * 1024
INFLATE_CHUNK = 1024 * 1024
HEADER_FIELDS = {"station_id", "created_at", "count", "kdf", "salt", "nonce", "public_key"}
STATION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
PHOTO_KIND = re.compile(r"^[a-z0-9_]{1,24}$")
# Every field a record may carry (Outgoing.to_bundle), and whether it must. Anything else is refused.
RECORD_FIELDS = {
    "uuid": True,
    "payload_sha256": True,
    "biodata": True,
    "quality": True,
    "created_at": True,
    "operator": True,
    "photos": True,
    "station_id": False,  # the station that made it (older name of `origin`)
    "origin": False,  # the station that made it
    "origin_signature": False,  # base64 Ed25519 by the origin over origin_message(payload_sha256)
}
_ENROLMENT_FIELDS = {f.name for f in fields(Enrolment)}


class BundleRefused(InvalidInput, ValueError):
    """The message says why, in Indonesian; nothing was imported."""

    code = "bundle_refused"
    exit_code = ExitCode.BUNDLE_REFUSED


@dataclass(frozen=True)
class Bundle:
    station_id: str  # the signer: the station that carried it
    created_at: str
    public_key: bytes
    records: list[dict]  # checked wire records, each with "origin" set to the station that made it


@dataclass(frozen=True)
class _Parsed:
    station_id: str
    created_at: str
    count: int
    kdf: dict
    salt: bytes
    nonce: bytes
    public_key: bytes
    header_bytes: bytes
    ciphertext: bytes
    signed: bytes
    signature: bytes


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return raw_public(key)


def _key(code: str, salt: bytes, kdf: dict) -> bytes:
    maxmem = 2 * 128 * kdf["r"] * kdf["n"] * kdf["p"]
    return hashlib.scrypt(code.encode("utf-8"), salt=salt, dklen=32, maxmem=maxmem, **kdf)


def seal(body: bytes, station_id: str, created_at: str, count: int, signer: Ed25519PrivateKey, code: str) -> bytes:
    """Encrypt and sign an already gzipped body (write() does this for records; tests build damaged bodies)."""
    salt, nonce = os.urandom(16), os.urandom(12)
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


def write(records: Iterable[dict], station_id: str, created_at: str, signer: Ed25519PrivateKey, code: str) -> bytes:
    """records may be a generator: each is compressed as it comes, so an export holds one batch in memory."""
    out, count = io.BytesIO(), 0
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        for r in records:
            gz.write((b"\n" if count else b"") + json.dumps(r, sort_keys=True).encode("utf-8"))
            count += 1
    return seal(out.getvalue(), station_id, created_at, count, signer, code)


def signer_of(data: bytes) -> str:
    """The station the header names (not yet verified): whose key to look up."""
    return _parse(data).station_id


def read(data: bytes, code: str, registry: Mapping[str, bytes]) -> Bundle:
    """The bundle's records, after every check in the module's docstring; BundleRefused otherwise.

    registry: station_id -> raw Ed25519 public key of every station the centre registered."""
    p = _parse(data)
    key = registry.get(p.station_id)
    if key is None:
        raise BundleRefused(
            f"Bundel dari stasiun {p.station_id}, yang tidak terdaftar di server pusat. Tidak ada yang diimpor."
        )
    if p.public_key != key:
        raise BundleRefused(
            f"Bundel tidak ditandatangani dengan kunci stasiun {p.station_id} yang terdaftar di server pusat. "
            "Tidak ada yang diimpor."
        )
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(p.signature, p.signed)
    except (InvalidSignature, ValueError):
        raise BundleRefused(
            "Tanda tangan bundel tidak sah: berkas rusak atau diubah. Tidak ada yang diimpor."
        ) from None
    try:
        body = AESGCM(_key(code, p.salt, p.kdf)).decrypt(p.nonce, p.ciphertext, p.header_bytes)
    except InvalidTag:
        # the signature above covers these very bytes, so they are as written: only the code can be wrong
        raise BundleRefused(
            "Kode transfer salah: bundel ini utuh, tetapi tidak terbuka dengan kode itu. Ketik kode yang ditulis "
            "saat ekspor (huruf besar/kecil dan tanda hubung dihitung). Tidak ada yang diimpor."
        ) from None
    records = []
    for n, line in enumerate(_lines(body), start=1):
        if n > p.count:
            break
        records.append(check_record(_json_line(line, n), n))
    if len(records) != p.count:
        raise BundleRefused("Jumlah rekaman dalam bundel tidak cocok dengan kepalanya. Tidak ada yang diimpor.")
    for r in records:
        _check_origin(r, p.station_id, registry)
    return Bundle(p.station_id, p.created_at, p.public_key, records)


# --- the header ---------------------------------------------------------------------------------------------
def _parse(data: bytes) -> _Parsed:
    if not data.startswith(MAGIC):
        raise BundleRefused("Bukan berkas bundel perekaman (tanda awal tidak cocok).")
    damaged = BundleRefused("Bundel rusak: kepala berkas tidak terbaca. Tidak ada yang diimpor.")
    pos = len(MAGIC)
    if len(data) < pos + 4 + 8 + SIGNATURE_BYTES:
        raise damaged
    (hlen,) = struct.unpack(">I", data[pos : pos + 4])
    if hlen > MAX_HEADER_BYTES or pos + 4 + hlen + 8 + SIGNATURE_BYTES > len(data):
        raise damaged
    header_bytes = data[pos + 4 : pos + 4 + hlen]
    pos += 4 + hlen
    (clen,) = struct.unpack(">Q", data[pos : pos + 8])
    if pos + 8 + clen + SIGNATURE_BYTES != len(data):
        raise BundleRefused("Bundel terpotong atau ditambah (panjang tidak cocok). Tidak ada yang diimpor.")
    try:
        h = json.loads(header_bytes)
        if not isinstance(h, dict) or set(h) != HEADER_FIELDS:
            raise ValueError
        salt, nonce = _b64(h["salt"]), _b64(h["nonce"])
        public_key = _b64(h["public_key"])
        station_id, created_at, count = h["station_id"], h["created_at"], h["count"]
        if not (isinstance(station_id, str) and STATION_ID.match(station_id)):
            raise ValueError
        if not (isinstance(created_at, str) and len(created_at) <= 40):
            raise ValueError
        if type(count) is not int or not 0 <= count <= MAX_RECORDS:
            raise ValueError
        if (len(salt), len(nonce), len(public_key)) != (16, 12, 32):
            raise ValueError
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise damaged from None
    kdf = h["kdf"]
    known = isinstance(kdf, dict) and all(type(v) is int for v in kdf.values()) and kdf in KDF_ACCEPTED
    if not known:  # never derive with parameters a file chose (memory, time)
        raise BundleRefused(
            "Bundel memakai parameter kunci yang tidak dikenal aplikasi ini; tidak dibuka. Tidak ada yang diimpor."
        )
    end = pos + 8 + clen
    return _Parsed(
        station_id,
        created_at,
        count,
        dict(kdf),
        salt,
        nonce,
        public_key,
        header_bytes,
        data[pos + 8 : end],
        data[:end],
        data[end:],
    )


def _b64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError
    return base64.b64decode(text, validate=True)


# --- the content --------------------------------------------------------------------------------------------
def _lines(body: bytes) -> Iterator[bytes]:
    """The gzip body's lines, inflated a chunk at a time: refused once it grows past what a real bundle could
    (8x its compressed size plus 16 MiB; photos barely compress) or a single line past MAX_LINE_BYTES."""
    cap = 8 * len(body) + 16 * 1024 * 1024
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip only
    total, line, line_len, pending = 0, [], 0, body
    while True:
        try:
            chunk = inflater.decompress(pending, INFLATE_CHUNK)
        except zlib.error:
            raise BundleRefused("Isi bundel rusak (gzip tidak terbaca). Tidak ada yang diimpor.") from None
        pending = inflater.unconsumed_tail
        total += len(chunk)
        if total > cap:
            raise BundleRefused("Isi bundel mengembang jauh melebihi ukurannya; tidak dibuka. Tidak ada yang diimpor.")
        pieces = chunk.split(b"\n")
        for i, piece in enumerate(pieces):
            if i:  # a newline ended the line before this piece
                yield b"".join(line)
                line, line_len = [], 0
            line.append(piece)
            line_len += len(piece)
            if line_len > MAX_LINE_BYTES:
                raise BundleRefused("Satu rekaman dalam bundel terlalu besar. Tidak ada yang diimpor.")
        if inflater.eof or (not chunk and not pending):
            break
    if not inflater.eof or inflater.unused_data:
        raise BundleRefused("Isi bundel terpotong atau berisi data sisa (gzip). Tidak ada yang diimpor.")
    last = b"".join(line)
    if last:
        yield last


def _json_line(line: bytes, n: int) -> dict:
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRefused(f"Rekaman ke-{n} dalam bundel bukan JSON yang sah. Tidak ada yang diimpor.") from None
    if not isinstance(value, dict):
        raise BundleRefused(f"Rekaman ke-{n} dalam bundel bukan objek JSON. Tidak ada yang diimpor.")
    return value


def check_record(r: dict, n: int = 1) -> dict:
    """Every field of one wire record, by type and size; the record with "origin" set. BundleRefused names the
    record (by its position and, when readable, the start of its UUID) and the field."""
    uuid = r.get("uuid")

    def bad(what: str) -> BundleRefused:
        who = f"{uuid[:8]} (ke-{n})" if isinstance(uuid, str) and UUID.match(uuid) else f"ke-{n}"
        return BundleRefused(f"Rekaman {who} dalam bundel tidak sah: {what}. Tidak ada yang diimpor.")

    unknown = sorted(set(r) - set(RECORD_FIELDS))
    if unknown:
        raise bad(f"kolom tidak dikenal {', '.join(k[:32] for k in unknown[:3])}")
    missing = [k for k, required in RECORD_FIELDS.items() if required and k not in r]
    if missing:
        raise bad(f"kolom {', '.join(missing)} tidak ada")
    if not (isinstance(uuid, str) and UUID.match(uuid)):
        raise bad("UUID bukan UUID")
    if not (isinstance(r["payload_sha256"], str) and HEX64.match(r["payload_sha256"])):
        raise bad("SHA-256 isi bukan 64 digit heksadesimal")
    _check_biodata(r["biodata"], bad)
    if not isinstance(r["quality"], dict) or len(json.dumps(r["quality"])) > MAX_QUALITY_BYTES:
        raise bad("catatan mutu foto bukan objek atau terlalu besar")
    if not _is_time(r["created_at"]):
        raise bad("waktu rekam bukan waktu ISO-8601 dengan zona")
    operator = r["operator"]
    if not (isinstance(operator, str) and 0 < len(operator) <= 64 and operator.isprintable()):
        raise bad("nama operator tidak sah")
    _check_photos(r["photos"], bad)
    origins = [r[k] for k in ("origin", "station_id") if k in r]
    if not origins or not all(isinstance(o, str) and STATION_ID.match(o) for o in origins):
        raise bad("kode stasiun asal tidak ada atau tidak sah")
    if len(set(origins)) != 1:
        raise bad("stasiun asal tidak jelas (origin dan station_id berbeda)")
    origin = origins[0]
    signature = r.get("origin_signature")
    if signature is not None:
        try:
            if len(_b64(signature)) != SIGNATURE_BYTES:
                raise ValueError
        except (ValueError, binascii.Error):
            raise bad("tanda tangan asal tidak terbaca") from None
    return {**r, "origin": origin}


def _check_biodata(biodata: object, bad) -> None:
    if not isinstance(biodata, dict):
        raise bad("biodata bukan objek")
    extra = set(biodata) - _ENROLMENT_FIELDS
    if extra:
        raise bad("biodata berisi kolom tidak dikenal")
    for name, value in biodata.items():
        if name == "confirmed_warnings":
            ok = (
                isinstance(value, list) and len(value) <= 50 and all(isinstance(w, str) and len(w) <= 64 for w in value)
            )
        else:
            ok = value is None or (isinstance(value, str) and len(value) <= 256)
        if not ok:
            raise bad(f"biodata {name} tidak sah")
    try:
        Enrolment.from_dict(biodata)
    except (ValueError, TypeError):
        raise bad("biodata tidak terbaca (tanggal lahir?)") from None


def _check_photos(photos: object, bad) -> None:
    if not isinstance(photos, dict) or len(photos) > MAX_PHOTOS:
        raise bad("foto bukan objek atau terlalu banyak")
    for kind, text in photos.items():
        if not PHOTO_KIND.match(kind) or not isinstance(text, str) or len(text) > MAX_PHOTO_BYTES * 4 // 3 + 4:
            raise bad(f"foto {kind[:24]} tidak sah")
        try:
            binascii.a2b_base64(text, strict_mode=True)
        except (binascii.Error, ValueError):
            raise bad(f"foto {kind[:24]} bukan base64") from None


def _is_time(value: object) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _check_origin(r: dict, signer: str, registry: Mapping[str, bytes]) -> None:
    """A record belongs to its signer, or proves its origin with the origin's registered key."""
    origin, signature = r["origin"], r.get("origin_signature")
    if origin == signer and signature is None:
        return
    who = r["uuid"][:8]
    if signature is None:
        raise BundleRefused(
            f"Rekaman {who} mengaku dibuat stasiun {origin}, tetapi bundel ditandatangani {signer} dan rekaman "
            "tidak membawa tanda tangan stasiun asalnya. Tidak ada yang diimpor."
        )
    key = registry.get(origin)
    if key is None:
        raise BundleRefused(
            f"Rekaman {who} berasal dari stasiun {origin}, yang tidak terdaftar di server pusat. "
            "Tidak ada yang diimpor."
        )
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(_b64(signature), origin_message(r["payload_sha256"]))
    except (InvalidSignature, ValueError):
        raise BundleRefused(
            f"Tanda tangan stasiun asal ({origin}) pada rekaman {who} tidak sah: rekaman diubah. "
            "Tidak ada yang diimpor."
        ) from None
