"""What travels over the central API (the OpenAPI document in sync/openapi.json is generated from these).

Every field a station sends is bounded here, before any of it reaches the database: a UUID is a real UUID in its
canonical form, a digest is 64 hex digits, a sequence number fits a 64-bit integer, text fits its column. A request
that breaks one of these is answered 422, never 500.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# A record's UUID as stations write it (str(uuid.uuid4())): lowercase, hyphenated, nothing else.
UuidStr = Annotated[str, Field(pattern=UUID_PATTERN, json_schema_extra={"format": "uuid"})]
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
StationId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
Ed25519Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$", description="base64 of the 32-byte public key")]
SEQ_MAX = 2**63 - 1  # a signed 64-bit integer: what SQLite and PostgreSQL store


class Registration(BaseModel):
    station_id: StationId
    kecamatan: str = Field(pattern=r"^\d\d\.\d\d\.\d\d$")
    # One-time, bound to station_id, issued by `python -m sync.server issue-code`. Empty when the request carries
    # the station's current key instead (Authorization: Bearer ...), to rotate that key.
    registration_code: str = Field(default="", max_length=64, pattern=r"^[\x21-\x7e]*$")
    signing_public_key: Ed25519Key  # verifies the station's jemput-bola bundles and its records' origin signatures
    # The bearer key the station chose and kept before asking (the server keeps its SHA-256): the same registration
    # presented again after a lost answer gets the same key back. Without it the server draws one (shown once).
    station_key: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{32,128}$")


class StationKey(BaseModel):
    station_id: str
    station_key: str  # the key to use from now on; the server keeps only its SHA-256


class RecordIn(BaseModel):
    """A record's own fields; its blobs travel apart (POST /v1/blobs) and are named here by their SHA-256."""

    uuid: UuidStr
    origin: StationId  # the station that accepted it: the record is filed under it
    origin_signature: str | None = Field(default=None, max_length=100)  # base64 Ed25519, origin over origin_message
    payload_sha256: Sha256Hex  # station.domain.payload.payload_digest over uuid, biodata, quality, blobs
    biodata: dict
    quality: dict
    created_at: str = Field(max_length=40)
    operator: str = Field(max_length=64)
    # kind -> SHA-256: the photos (crop, frame) and the biometric records (bio_fp_01..bio_fp_10: ISO/IEC 19794-4
    # finger records, position = the number; bio_iris_*, bio_sig). The fingers are searched 1:N at the centre
    # (sync.server.intake.FINGER_BLOB): the record becomes print_ready or duplicate; without them it stays received.
    blobs: dict[str, Sha256Hex] = Field(max_length=64)


class Batch(BaseModel):
    records: list[RecordIn] = Field(max_length=500)


class RecordAck(BaseModel):
    uuid: str
    origin: str | None = None
    # stored | rejected (with a reason) | conflict (same origin and uuid, other content) | bad_signature (the origin
    # did not sign this) | unknown_origin (send again once the origin is registered) | missing_blobs (upload first)
    outcome: str
    repeat: bool = False  # the record was here already: the outcome is the one given the first time
    ack_id: str | None = None
    status: str | None = None  # received | print_ready | duplicate | rejected | printed
    reason: str | None = None


class BatchAck(BaseModel):
    results: list[RecordAck]


class BlobQuery(BaseModel):
    sha256: list[Sha256Hex] = Field(max_length=5000)


class BlobNeeds(BaseModel):
    missing: dict[str, int]  # SHA-256 -> bytes of it the centre already holds (0: none); absent: it has it all


class BlobUploadAck(BaseModel):
    stored: list[str]  # complete and verified against their SHA-256
    partial: dict[str, int]  # SHA-256 -> bytes held so far: the next upload resumes there


class StatusChange(BaseModel):
    uuid: str
    status: str
    reason: str | None = None
    ack_id: str
    duplicate_of: str | None = None  # DUP: the uuid of the record the fingers matched (no personal data)


class StatusChanges(BaseModel):
    changes: list[StatusChange]
    cursor: int  # ask again with after=cursor
    more: bool


class AuditEntry(BaseModel):
    seq: int = Field(ge=1, le=SEQ_MAX)
    at: str = Field(max_length=32)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=32)
    record_uuid: UuidStr | None = None
    detail: str = Field(max_length=8192)
    prev_hash: Sha256Hex
    hash: Sha256Hex


class AuditBatch(BaseModel):
    entries: list[AuditEntry] = Field(max_length=2000)


class AuditRefusal(BaseModel):
    seq: int
    why: str  # gap | prev_hash | hash | changed


class AuditAck(BaseModel):
    stored: int
    upto: int  # the centre holds this station's chain, unbroken, up to here: the station's anchor
    head_hash: str  # the hash of entry `upto` as the centre holds it (all zeros when it holds none)
    chain_ok: bool  # False: some entries were refused (each a recorded break); they were not stored
    refused: list[AuditRefusal] = []


class RecordStatusOut(BaseModel):
    uuid: str
    origin: str
    # received (held; not yet searched, or carried no fingers) | print_ready (PRR: 1:N search found no one) |
    # duplicate (DUP: the fingers match duplicate_of; an officer resolves it) | rejected | printed
    status: str
    reason: str | None
    ack_id: str
    received_at: str
    duplicate_of: str | None = None  # DUP: the uuid of the record the fingers matched (no personal data)


class RegisteredStation(BaseModel):
    station_id: str
    kecamatan: str
    signing_public_key: str


class StationList(BaseModel):
    """Master data: the stations the centre registered, signed by the centre (station.station_list)."""

    centre_public_key: str  # base64 Ed25519; a station pins it the first time and checks it ever after
    document: str  # JSON: {"issued_at", "stations": [RegisteredStation...]}, exactly the signed bytes
    signature: str  # base64 Ed25519 over station.station_list.MAGIC + document
