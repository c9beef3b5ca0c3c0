"""What travels over the central API (the OpenAPI document in sync/openapi.json is generated from these)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field


class Registration(BaseModel):
    station_id: str = Field(min_length=1, max_length=32)
    kecamatan: str = Field(pattern=r"^\d\d\.\d\d\.\d\d$")
    registration_code: str
    signing_public_key: str | None = None  # base64 Ed25519: verifies the station's records and bundles
    # A key the station chose and kept before asking; the server keeps its SHA-256. Presenting the same registration
    # again (after a lost answer) returns the same key instead of replacing it.
    station_key: str | None = Field(default=None, min_length=32, max_length=128)


class StationKey(BaseModel):
    station_id: str
    station_key: str  # shown once; the server keeps only its SHA-256


UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256 = r"^[0-9a-f]{64}$"
Sha256 = Annotated[str, Field(pattern=SHA256)]


class RecordIn(BaseModel):
    """A record's own fields; its blobs travel apart (POST /v1/blobs) and are named here by their SHA-256."""

    uuid: str = Field(pattern=UUID)
    origin: str = Field(min_length=1, max_length=32)  # the station that accepted it: the record is filed under it
    origin_signature: str | None = Field(default=None, max_length=100)  # base64 Ed25519, origin over origin_message
    payload_sha256: Sha256  # station.domain.payload.payload_digest over uuid, biodata, quality, blobs
    biodata: dict
    quality: dict
    created_at: str = Field(max_length=40)
    operator: str = Field(max_length=64)
    blobs: dict[str, Sha256] = Field(max_length=64)  # kind (crop, frame; later fingers, irises) -> SHA-256


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
    status: str | None = None  # received | rejected | printed
    reason: str | None = None


class BatchAck(BaseModel):
    results: list[RecordAck]


class BlobQuery(BaseModel):
    sha256: list[Sha256] = Field(max_length=5000)


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


class StatusChanges(BaseModel):
    changes: list[StatusChange]
    cursor: int  # ask again with after=cursor
    more: bool


class AuditEntry(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    record_uuid: str | None = None
    detail: str
    prev_hash: str
    hash: str


class AuditBatch(BaseModel):
    entries: list[AuditEntry] = Field(max_length=2000)


class AuditAck(BaseModel):
    stored: int
    upto: int  # the station may forget entries up to here as sent
    chain_ok: bool  # False: the entries do not continue the chain already received (tampering or loss)


class RecordStatusOut(BaseModel):
    uuid: str
    origin: str
    status: str
    reason: str | None
    ack_id: str
    received_at: str
