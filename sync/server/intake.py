"""Record intake: the whole idempotency rule and the whole trust rule, shared by network uploads and central bundle
imports (both call `Intake.store`).

- A record is (origin, uuid). It carries its origin station and that station's Ed25519 signature over its digest
  (station.domain.payload.origin_message); the signature is checked against the origin's registered key, and the
  record is filed under the origin, never under whoever carried it (another station, a USB bundle). A station
  cannot file anything under another station's name, and a uuid one station uses (say, read off a receipt's QR
  code) takes nothing from another station's record with the same uuid: their identities differ.
- The first arrival is stored with its outcome (stored, or rejected with a reason); a repeat with the same digest
  gets that same outcome again (`repeat`: true), so a rejection stays a rejection when the first answer was
  lost; a different digest under the same (origin, uuid) is a conflict.
- What a station hears depends only on that record: whether the NIK was recorded elsewhere is flagged for the
  centre (flags = duplicate_nik) and never answered, so the API cannot be used to probe for a NIK.
- Blobs are content-addressed and uploaded apart (POST /v1/blobs); a record is only taken once all its blobs are
  here (else `missing_blobs`, send again).
- A record whose blobs carry fingers (bio_fp_01..bio_fp_10: ISO/IEC 19794-4 finger records as the station's
  scanner returned them, position = the number) has their minutiae extracted here and saved, in the same
  transaction, for the dedup worker (sync/server/dedup/store.py), which searches it 1:N and moves it from
  `received` to `print_ready` (PRR) or `duplicate` (DUP): a change the origin hears through its status feed. The
  fingers' SHA-256s are blobs of the record, so the payload digest and the origin's signature cover them with
  no rule of their own. A record without fingers stays `received`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from types import SimpleNamespace

from nacl.exceptions import CryptoError
from nacl.signing import VerifyKey
from pydantic import ValidationError
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from station.bundle_format import BundleRefused
from station.domain.nik import InvalidNik, parse_nik
from station.domain.payload import origin_message, payload_digest, sha256_hex
from sync.server.dedup.minutiae import Minutiae, MinutiaeError, extract
from sync.server.dedup.store import save_fingers
from sync.server.models import BlobPartRow, BlobRow, CentralRecordRow, StationRow
from sync.server.schemas import RecordAck, RecordIn

MAX_BLOB = 32 * 1024 * 1024  # one image or ISO record; a bigger "blob" is refused before it is buffered


FINGER_BLOB = re.compile(r"^bio_fp_(0[1-9]|10)$")  # station.services.biometric_record's names; position = the number


def finger_blobs(blobs: dict[str, str]) -> dict[int, str]:
    """ISO/IEC finger position -> SHA-256 of its finger record, out of a record's blobs."""
    return {int(m.group(1)): sha for name, sha in blobs.items() if (m := FINGER_BLOB.match(name))}


def finger_minutiae(data: bytes) -> Minutiae:
    """Minutiae of one finger sent as an ISO/IEC 19794-4 record (PNG, WSQ, JPEG 2000 inside) or a plain image."""
    from station.biometrics.codecs import encode
    from station.biometrics.records import load_sample
    from station.domain.errors import StationError

    try:
        kind, samples = load_sample(data)
    except (StationError, ValueError) as err:
        raise MinutiaeError(str(err)) from None
    if kind == "iris" or len(samples) != 1:
        raise MinutiaeError("bukan rekaman satu sidik jari")
    image = samples[0].image if kind == "finger" else samples[0]
    return extract(encode(image, "png"))


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class Intake:
    """One transaction's intake. For a whole batch it reads in a few queries what each record needs (the origins'
    keys, which blobs are here, which records and NIKs are known) and numbers the changes a block at a time."""

    def __init__(self, s: Session, batched: bool = False) -> None:
        """batched: the records are inserted together by finish() (the network's batches, prefetched), not as an
        ORM object each (that cost the centre a quarter of its time per record)."""
        self.s = s
        self._batched = batched
        self._pending: list[dict] = []
        self._keys: dict[str, VerifyKey | None] = {}
        self._present: set[str] = set()
        self._rows: dict[tuple[str, str], CentralRecordRow] | None = None  # known records, once prefetched
        self._niks: set[str] | None = None
        self._wanted: Counter[str] = Counter()  # records per origin in the batch: the size of a block of numbers
        self._seqs: dict[str, list[int]] = {}  # origin -> [next, last] of the block taken

    def prefetch(self, records: list[RecordIn]) -> None:
        shas = list({sha for r in records for sha in r.blobs.values()})
        for part in _chunks(shas):
            self._present |= set(self.s.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(part))))
        self._rows, self._wanted = {}, Counter(r.origin for r in records)
        for origin in self._wanted:
            uuids = [r.uuid for r in records if r.origin == origin]
            for part in _chunks(uuids):
                stmt = select(CentralRecordRow).where(
                    CentralRecordRow.origin == origin, CentralRecordRow.uuid.in_(part)
                )
                self._rows |= {(row.origin, row.uuid): row for row in self.s.scalars(stmt)}
        niks = list({str(r.biodata.get("nik", ""))[:16] for r in records})
        self._niks = set()
        for part in _chunks(niks):
            known = select(CentralRecordRow.nik).where(
                CentralRecordRow.nik.in_(part), CentralRecordRow.status != "rejected"
            )
            self._niks |= set(self.s.scalars(known))

    def _known(self, origin: str, uuid: str) -> CentralRecordRow | None:
        if self._rows is None:
            return self.s.get(CentralRecordRow, (origin, uuid))
        return self._rows.get((origin, uuid))

    def _nik_known(self, nik: str) -> bool:
        if self._niks is None:
            same = select(CentralRecordRow.uuid).where(
                CentralRecordRow.nik == nik, CentralRecordRow.status != "rejected"
            )
            return self.s.scalar(same.limit(1)) is not None
        return nik in self._niks

    def _change(self, origin: str) -> int:
        """The next change number of this origin, from a block taken with one UPDATE (gaps are harmless)."""
        block = self._seqs.get(origin)
        if block is None or block[0] > block[1]:
            n = max(1, self._wanted.get(origin, 1))
            last = self.s.execute(
                update(StationRow)
                .where(StationRow.station_id == origin)
                .values(status_seq=StationRow.status_seq + n)
                .returning(StationRow.status_seq)
            ).scalar_one()
            block = self._seqs[origin] = [last - n + 1, last]
        block[0] += 1
        return block[0] - 1

    def origin_key(self, origin: str) -> VerifyKey | None:
        if origin not in self._keys:
            row = self.s.get(StationRow, origin)
            key = None
            if row is not None and row.signing_public_key:
                try:
                    key = VerifyKey(base64.b64decode(row.signing_public_key))
                except (ValueError, binascii.Error):
                    key = None
            self._keys[origin] = key
        return self._keys[origin]

    def check_origin(self, r: RecordIn) -> RecordAck | None:
        """None when the origin's signature holds; otherwise the answer."""
        key = self.origin_key(r.origin)
        if key is None:
            reason = "stasiun asal belum terdaftar di pusat (atau tanpa kunci tanda tangan); kirim lagi nanti"
            return _refusal(r, "unknown_origin", reason)
        try:  # libsodium: a third of OpenSSL's time here, and it lets the server's other threads run meanwhile
            signature = base64.b64decode(r.origin_signature or "", validate=True)
            key.verify(origin_message(r.payload_sha256), signature)
        except (CryptoError, ValueError, TypeError, binascii.Error):
            return _refusal(r, "bad_signature", "tanda tangan stasiun asal tidak sah untuk rekaman ini")
        return None

    def store(self, carrier: str, r: RecordIn, origin_checked: bool = False) -> RecordAck:
        """Store one record once, under its verified origin; `carrier` is who delivered it (kept, never filed on).
        origin_checked: a bundle's own record, vouched for by the bundle's signature (station.bundle_format.read)."""
        if not origin_checked and (refused := self.check_origin(r)):
            return refused
        if payload_digest(r.uuid, r.biodata, r.quality, r.blobs) != r.payload_sha256:
            return _refusal(r, "rejected", "SHA-256 isi rekaman tidak cocok (rusak di jalan)")
        existing = self._known(r.origin, r.uuid)
        if existing is not None:
            if existing.payload_sha256 == r.payload_sha256:
                return _ack(existing, repeat=True)
            return _refusal(r, "conflict", "UUID sudah dipakai rekaman lain dari stasiun ini (isi berbeda)")
        missing = [sha for sha in set(r.blobs.values()) if sha not in self._present]
        if missing:
            self._present |= set(self.s.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(missing))))
            if set(missing) - self._present:
                return _refusal(r, "missing_blobs", "berkas gambar rekaman belum lengkap di pusat; kirim lagi")
        status, reason = "received", None
        nik = str(r.biodata.get("nik", ""))
        try:
            parse_nik(nik)
        except InvalidNik as err:
            status, reason = "rejected", str(err)
        if "crop" not in r.blobs:
            status, reason = "rejected", "foto KTP tidak ada"
        flags = None
        if status == "received" and self._nik_known(nik[:16]):
            flags = "duplicate_nik"  # for the central office to resolve; never part of any station's answer
        minutiae: dict[int, Minutiae] = {}
        if status != "rejected":
            minutiae, unreadable = self._fingers(r.blobs)
            if unreadable:  # the readable fingers are still searched; an officer sees which were not
                reason = "sidik jari tidak terbaca: " + "; ".join(unreadable)
        values = dict(
            origin=r.origin,
            uuid=r.uuid,
            carrier=carrier,
            origin_signature=r.origin_signature or "",
            payload_sha256=r.payload_sha256,
            nik=nik[:16],
            payload=json.dumps(
                {
                    "biodata": r.biodata,
                    "quality": r.quality,
                    "blobs": r.blobs,
                    "created_at": r.created_at,
                    "operator": r.operator,
                }
            ),
            ack_id="ACK-" + r.uuid[:8] + "-" + r.payload_sha256[:12],
            received_at=now(),
            status=status,
            reason=reason,
            flags=flags,
            change_seq=self._change(r.origin),
        )
        row: CentralRecordRow | SimpleNamespace
        if self._batched and not minutiae:
            self._pending.append(values)
            row = SimpleNamespace(**values)
        else:
            row = CentralRecordRow(**values)
            self.s.add(row)
        if minutiae:
            self.s.flush()
            save_fingers(self.s, r.origin, r.uuid, minutiae)  # the dedup worker decides PRR or DUP
        if self._rows is not None:
            self._rows[(r.origin, r.uuid)] = row  # a second copy in the same batch is a repeat
        if self._niks is not None and status == "received":
            self._niks.add(nik[:16])
        return _ack(row, repeat=False)

    def finish(self) -> None:
        """Insert what a batched intake kept back, in one statement (before the transaction commits)."""
        if self._pending:
            self.s.execute(insert(CentralRecordRow.__table__), self._pending)
            self._pending = []

    def _fingers(self, blobs: dict[str, str]) -> tuple[dict[int, Minutiae], list[str]]:
        """The minutiae of the record's finger blobs (all here: checked before), and the positions unreadable."""
        minutiae: dict[int, Minutiae] = {}
        unreadable = []
        for position, sha in sorted(finger_blobs(blobs).items()):
            try:
                minutiae[position] = finger_minutiae(bytes(self.s.get(BlobRow, sha).data))
            except MinutiaeError as err:
                unreadable.append(f"{position} ({err})")
        return minutiae, unreadable

    def store_bundled(self, carrier: str, r: dict) -> RecordAck:
        """A record out of a jemput-bola bundle that station.bundle_format.read has checked (the signer's own record,
        or one carrying its origin's signature): its blobs inline (base64); the same rules as the network. A record
        the centre's schema cannot take refuses the whole bundle (BundleRefused; the caller rolls back)."""
        uuid = str(r.get("uuid", ""))
        try:
            blobs = {k: base64.b64decode(v, validate=True) for k, v in dict(r.get("photos") or {}).items()}
            record = RecordIn(
                uuid=uuid,
                origin=r.get("origin") or r.get("station_id") or carrier,
                origin_signature=r.get("origin_signature"),
                payload_sha256=r.get("payload_sha256", ""),
                biodata=r.get("biodata"),
                quality=r.get("quality"),
                created_at=r.get("created_at", ""),
                operator=r.get("operator", ""),
                blobs={k: sha256_hex(v) for k, v in blobs.items()},
            )
        except (ValueError, binascii.Error, ValidationError, TypeError):
            raise BundleRefused(
                f"Rekaman {uuid[:8]} dalam bundel tidak sesuai skema server pusat. Tidak ada yang diimpor."
            ) from None
        own = record.origin == carrier and record.origin_signature is None  # the bundle's signature vouches for it
        if not own and (refused := self.check_origin(record)):
            return refused
        for data in blobs.values():
            put_blob(self.s, data)
            self._present.add(sha256_hex(data))
        return self.store(carrier, record, origin_checked=own)


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _ack(row: CentralRecordRow | SimpleNamespace, repeat: bool) -> RecordAck:
    return RecordAck(
        uuid=row.uuid,
        origin=row.origin,
        outcome="rejected" if row.status == "rejected" else "stored",
        repeat=repeat,
        ack_id=row.ack_id,
        status=row.status,
        reason=row.reason,
    )


def _refusal(r: RecordIn, outcome: str, reason: str) -> RecordAck:
    return RecordAck(uuid=r.uuid, origin=r.origin, outcome=outcome, reason=reason)


def store_record(s: Session, carrier: str, r: RecordIn) -> RecordAck:
    """One record on its own (Intake.store in a fresh intake)."""
    return Intake(s).store(carrier, r)


# --- blobs: content-addressed, verified, resumable ---------------------------------------------------------
def put_blob(s: Session, data: bytes) -> str:
    sha = sha256_hex(data)
    if s.get(BlobRow, sha) is None:
        s.add(BlobRow(sha256=sha, data=data))
        part = s.get(BlobPartRow, sha)
        if part is not None:
            s.delete(part)
        s.flush()
    return sha


def missing_blobs(s: Session, shas: list[str]) -> dict[str, int]:
    """SHA-256 -> bytes already held, for each blob that is not complete here."""
    wanted = list(dict.fromkeys(shas))
    have: set[str] = set()
    held: dict[str, int] = {}
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        have |= set(s.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(part))))
        rows = s.execute(select(BlobPartRow.sha256, func.length(BlobPartRow.data)).where(BlobPartRow.sha256.in_(part)))
        held.update({sha: n for sha, n in rows})
    return {sha: int(held.get(sha, 0)) for sha in wanted if sha not in have}


def present(s: Session, shas: list[str]) -> set[str]:
    """Which of these blobs are here, complete."""
    found: set[str] = set()
    for part in _chunks(list(dict.fromkeys(shas))):
        found |= set(s.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(part))))
    return found


def put_parts(s: Session, parts: list[tuple[str, int, int, bytes]]) -> dict[str, int | None]:
    """put_part for each (sha, total, offset, data), in order; the usual whole blobs go in as one multi-row
    INSERT, not an ORM object each (a batch of photos is tens of megabytes: the centre's time goes here)."""
    known = present(s, [sha for sha, *_ in parts])
    whole: dict[str, bytes] = {}
    out: dict[str, int | None] = {}
    for sha, total, offset, data in parts:
        out[sha] = put_part(s, sha, total, offset, data, known, whole)
    if whole:
        # Core on the table itself: the ORM's bulk path costs as much again as SQLite writing the bytes
        s.connection().execute(
            insert(BlobRow.__table__), [{"sha256": sha, "data": data} for sha, data in whole.items()]
        )
    return out


def put_part(
    s: Session,
    sha: str,
    total: int,
    offset: int,
    data: bytes,
    known: set[str] | None = None,
    whole: dict[str, bytes] | None = None,
) -> int | None:
    """Take bytes [offset, offset+len) of blob `sha`. Returns None once the blob is complete and verified,
    else how many bytes of it are held (the offset the next upload must start at). `known`: blobs known to be
    here (present()), so a batch costs one query, not one per blob; `whole`: where a complete blob sent in one
    piece is put for the caller to insert with the others (put_parts)."""
    if (sha in known) if known is not None else s.get(BlobRow, sha) is not None:
        return None
    if offset == 0 and len(data) == total:  # the whole blob in one piece: the usual case
        if hashlib.sha256(data).hexdigest() != sha:
            return 0
        if whole is not None:
            whole[sha] = data
        else:
            s.add(BlobRow(sha256=sha, data=data))
        if known is not None:
            known.add(sha)
        return None
    part = s.get(BlobPartRow, sha)
    held = bytes(part.data) if part is not None and part.total == total else b""
    if offset == 0:
        held = b""  # the sender starts over (it may not have seen what arrived)
    elif offset != len(held):
        return len(held)  # out of step: nothing taken, the sender asks where to resume
    held += data
    if len(held) >= total:
        if part is not None:
            s.delete(part)
        if len(held) == total and hashlib.sha256(held).hexdigest() == sha:
            s.add(BlobRow(sha256=sha, data=held))
            s.flush()
            return None
        s.flush()
        return 0  # damaged on the way: start again
    if part is None:
        s.add(BlobPartRow(sha256=sha, total=total, data=held, updated_at=now()))
    else:
        part.total, part.data, part.updated_at = total, held, now()
    s.flush()
    return len(held)
