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
FingerPosition = Annotated[str, Field(pattern=r"^([1-9]|10)$")]
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
    uuid: UuidStr
    payload_sha256: Sha256Hex
    biodata: dict
    quality: dict
    created_at: str = Field(max_length=40)
    operator: str = Field(max_length=64)
    photos: dict[str, str]  # kind -> base64 JPEG
    # ISO/IEC finger position ("1"-"10") -> base64 of an ISO/IEC 19794-4 finger image record (as an SBI device
    # returns it) or a plain 500-ppi image. Their SHA-256s enter payload_sha256 as photo hashes named
    # "finger_<position>" (sync.server.intake.finger_key). Optional: a record without fingers stays `received`;
    # with fingers it is searched 1:N and becomes `print_ready` or `duplicate`.
    fingers: dict[FingerPosition, str] = Field(default_factory=dict, max_length=10)
    station_id: str | None = Field(default=None, max_length=32)  # informative; the authenticated station sent it


class Batch(BaseModel):
    records: list[RecordIn] = Field(max_length=500)


class RecordAck(BaseModel):
    uuid: str
    outcome: str  # stored | repeat | conflict | rejected
    ack_id: str | None = None
    status: str | None = None  # received | print_ready | duplicate | duplicate_nik | rejected | printed
    reason: str | None = None


class BatchAck(BaseModel):
    results: list[RecordAck]


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
    # received (held; not yet searched, or carried no fingers) | print_ready (PRR: 1:N search found no one) |
    # duplicate (DUP: the fingers match duplicate_of; an officer resolves it) | duplicate_nik | rejected | printed
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
